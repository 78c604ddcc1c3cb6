package activity_test

import (
	"fmt"
	"iter"
	"runtime"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// benchEvents generates perUser events for each of users users, on the fly
// and deterministically: round-robin over the users, so each user's events
// are in time order and the users interleave. Each visit starts on the
// "home" feature and moves by 0, 1 or 2 features per event (repeats
// collapse), with 1–4 minutes between events and a 2-hour gap every 8
// events, so the funnel has a bounded number of nodes.
func benchEvents(ids []learnstats.UserID, perUser int) iter.Seq[activity.Event] {
	return func(yield func(activity.Event) bool) {
		for _, e := range benchEvents2(ids, perUser) {
			if !yield(e) {
				return
			}
		}
	}
}

// benchEvents2 is benchEvents with each event's user index.
func benchEvents2(ids []learnstats.UserID, perUser int) iter.Seq2[int, activity.Event] {
	features := make([]string, 16)
	for i := range features {
		features[i] = fmt.Sprintf("feature-%02d", i)
	}
	oses := []string{"iOS", "Android", "Web"}
	base := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	return func(yield func(int, activity.Event) bool) {
		times := make([]time.Time, len(ids))
		feats := make([]int, len(ids))
		for i := range times {
			times[i] = base.Add(time.Duration(i%1440) * time.Minute)
		}
		state := uint64(0x9E3779B97F4A7C15)
		e := activity.Event{Entry: activity.ContentViewed("x")}
		for k := range perUser {
			for u, id := range ids {
				state ^= state << 13
				state ^= state >> 7
				state ^= state << 17
				if k%8 == 0 {
					if k > 0 {
						times[u] = times[u].Add(2 * time.Hour)
					}
					feats[u] = 0
				} else {
					times[u] = times[u].Add(time.Duration(1+state%4) * time.Minute)
					feats[u] = (feats[u] + int(state>>8)%3) % len(features)
				}
				e.User, e.Time, e.Feature, e.OS = id, times[u], features[feats[u]], oses[u%3]
				if !yield(u, e) {
					return
				}
			}
		}
	}
}

// BenchmarkAnalytics feeds users×100 events through one accumulator per
// iteration (insights, top features, funnel and the other analytics in one
// pass). Users are known (a warm-up pass interned them), so the pass
// allocates nothing; ns/event and allocs/event are reported, and heap-MB
// is the live heap after the pass (per-user and per-node state).
func BenchmarkAnalytics(b *testing.B) {
	for _, users := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", users*100), func(b *testing.B) {
			ids := make([]learnstats.UserID, users)
			for i := range ids {
				ids[i] = learnstats.UserID(fmt.Sprintf("user-%06d", i))
			}
			events := benchEvents(ids, 100)
			n := users * 100
			a := activity.NewAnalytics(activity.Config{})
			a.Register(ids...)
			for e := range events { // warm-up pass: interns features, nodes, days
				if err := a.Add(e); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			for b.Loop() {
				a.Reset()
				for e := range events {
					if err := a.Add(e); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			loops := float64(b.N)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/loops/float64(n), "ns/event")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/loops/float64(n), "allocs/event")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			r := a.Result()
			if r.Insights.Interactions != int64(n) {
				b.Fatalf("counted %d of %d events", r.Insights.Interactions, n)
			}
		})
	}
}

// BenchmarkAnalyticsRef is BenchmarkAnalytics with users interned once
// (Analytics.Intern) and events added with AddRef: no look-up by user ID.
func BenchmarkAnalyticsRef(b *testing.B) {
	for _, users := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", users*100), func(b *testing.B) {
			ids := make([]learnstats.UserID, users)
			for i := range ids {
				ids[i] = learnstats.UserID(fmt.Sprintf("user-%06d", i))
			}
			events := benchEvents2(ids, 100)
			n := users * 100
			a := activity.NewAnalytics(activity.Config{})
			refs := make([]activity.UserRef, users)
			for i, id := range ids {
				refs[i] = a.Intern(id)
			}
			for u, e := range events {
				if err := a.AddRef(refs[u], e); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			for b.Loop() {
				a.Reset()
				for u, e := range events {
					if err := a.AddRef(refs[u], e); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			loops := float64(b.N)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/loops/float64(n), "ns/event")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/loops/float64(n), "allocs/event")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			runtime.KeepAlive(a)
		})
	}
}

// BenchmarkAnalyticsResult measures Result (sorting users, features and
// the funnel tree) after 1M events from 10,000 users.
func BenchmarkAnalyticsResult(b *testing.B) {
	ids := make([]learnstats.UserID, 10_000)
	for i := range ids {
		ids[i] = learnstats.UserID(fmt.Sprintf("user-%06d", i))
	}
	a := activity.NewAnalytics(activity.Config{})
	for e := range benchEvents(ids, 100) {
		if err := a.Add(e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = a.Result()
	}
}

// BenchmarkGenerator is the cost of generating the events alone, to
// subtract from BenchmarkAnalytics.
func BenchmarkGenerator(b *testing.B) {
	ids := make([]learnstats.UserID, 10_000)
	for i := range ids {
		ids[i] = learnstats.UserID(fmt.Sprintf("user-%06d", i))
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		for range benchEvents(ids, 100) {
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/event")
}
