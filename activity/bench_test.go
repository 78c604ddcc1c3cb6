package activity_test

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// benchEvents generates perUser events for each of users users, on the fly
// and deterministically: round-robin over the users, so each user's events
// are in time order and the users interleave. Each visit starts on the
// first feature and moves by 0, 1 or 2 features per event (repeats
// collapse), with 1–4 minutes between events and at least 2 hours between
// visits of 8 events, so the funnel has a bounded number of nodes.
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
	return benchEventsOrder(ids, perUser, nil)
}

// benchEventsOrder is benchEvents2 with the users of each round taken in
// the given order (a permutation of the user indexes; nil: in index
// order). Each user's events stay in time order, and are the same in
// every order (see benchGenerator).
func benchEventsOrder(ids []learnstats.UserID, perUser int, order []int) iter.Seq2[int, activity.Event] {
	if order == nil {
		order = make([]int, len(ids))
		for i := range order {
			order[i] = i
		}
	}
	g := newBenchGenerator(ids)
	return func(yield func(int, activity.Event) bool) {
		e := activity.Event{Entry: activity.ContentViewed("x")}
		for k := range perUser {
			for _, u := range order {
				g.fill(&e, u, k)
				if !yield(u, e) {
					return
				}
			}
		}
	}
}

// benchEventsByUser is benchEventsOrder with each user's events
// consecutive: all of user 0's events in time order, then user 1's, and
// so on (the natural order of a bulk load sorted by user then time).
func benchEventsByUser(ids []learnstats.UserID, perUser int) iter.Seq2[int, activity.Event] {
	g := newBenchGenerator(ids)
	return func(yield func(int, activity.Event) bool) {
		e := activity.Event{Entry: activity.ContentViewed("x")}
		for u := range ids {
			for k := range perUser {
				g.fill(&e, u, k)
				if !yield(u, e) {
					return
				}
			}
		}
	}
}

// benchGenerator makes the benchmarks' events. Event k of user u is a
// function of (u, k) alone, so that the events are the same in every
// order and generating one reads no per-user state (which, read out of
// memory order, would add the generator's own cache misses to the
// accumulator's). Event k is step k%8 of visit k/8: the visit starts on
// the first feature and each step moves 0, 1 or 2 features on (repeats
// collapse) 1–4 minutes later; visits start 2 h 28 min apart, so at least
// 2 hours separate them (a visit lasts at most 28 minutes).
type benchGenerator struct {
	ids      []learnstats.UserID
	features []string
	oses     []string
	base     int64
}

func newBenchGenerator(ids []learnstats.UserID) *benchGenerator {
	g := &benchGenerator{ids: ids, oses: []string{"iOS", "Android", "Web"},
		base: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC).UnixNano()}
	for i := range 16 {
		g.features = append(g.features, fmt.Sprintf("feature-%02d", i))
	}
	return g
}

// fill sets e to event k of user u.
func (g *benchGenerator) fill(e *activity.Event, u, k int) {
	const visitEvery = int64(2*time.Hour + 28*time.Minute)
	v, p := k/8, k%8
	// One hash of (u, v) (SplitMix64's finaliser) gives the visit's steps,
	// one byte each (bytes 1…7): 1 + its two low bits are the minutes
	// since the previous event (1–4, uniform), its six high bits modulo 3
	// the features moved on (0, 1 or 2, nearly uniform).
	x := uint64(u)<<32 ^ uint64(v) + 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	x ^= x >> 31
	var minutes, feat int64
	for j := 1; j <= p; j++ {
		b := x >> (8 * j)
		minutes += 1 + int64(b&3)
		feat += int64(b>>2&0x3F) % 3
	}
	ns := g.base + int64(u%1440)*int64(time.Minute) + int64(v)*visitEvery + minutes*int64(time.Minute)
	e.User, e.Time, e.Feature, e.OS = g.ids[u], time.Unix(0, ns).UTC(), g.features[feat%int64(len(g.features))], g.oses[u%3]
}

// BenchmarkAnalytics feeds users×100 events through one accumulator per
// iteration with Add (users looked up by ID): insights, top features, the
// funnel and the other analytics in one pass. Users are known (a warm-up
// pass interned them; Reset keeps them), so the pass allocates nothing
// but the generator's few slices; ns/event (generation included, see
// BenchmarkGenerator) and allocs/event are reported, and heap-MB is the
// live heap after the pass: per-user and per-node state, independent of
// the number of passes (events).
func BenchmarkAnalytics(b *testing.B) {
	for _, users := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", users*100), func(b *testing.B) {
			ids := benchUserIDs(users)
			events := benchEvents(ids, 100)
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
			benchReport(b, a, users*100, ms0, ms1)
		})
	}
}

// BenchmarkAnalyticsRef is BenchmarkAnalytics with users interned once
// (Analytics.Intern) and events added with AddRef: no look-up by user ID.
// Its events=10000000 case is the target of issue #5: at most 100 ns and
// 0 allocations per event, the generator's cost included, with memory
// bounded by per-user and per-node state.
func BenchmarkAnalyticsRef(b *testing.B) {
	for _, users := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", users*100), func(b *testing.B) {
			ids := benchUserIDs(users)
			benchAnalyticsRefOrder(b, ids, benchEvents2(ids, 100), users*100)
		})
	}
}

// BenchmarkAnalyticsRefShuffled is BenchmarkAnalyticsRef's 10-million-event
// case with the 100,000 users interleaved in a random order (the same
// permutation every round of 100,000 events) instead of in memory order:
// the user states are then read out of memory order, as in a live stream,
// and the hardware cannot fetch them ahead.
func BenchmarkAnalyticsRefShuffled(b *testing.B) {
	const users = 100_000
	ids := benchUserIDs(users)
	order := rand.New(rand.NewPCG(5, 5)).Perm(users)
	benchAnalyticsRefOrder(b, ids, benchEventsOrder(ids, 100, order), users*100)
}

// benchAnalyticsRefOrder times AddRef over events (n per round, of the
// users of ids, interned in index order), reporting ns/event, allocs/event
// and heap-MB (benchReport).
func benchAnalyticsRefOrder(b *testing.B, ids []learnstats.UserID, events iter.Seq2[int, activity.Event], n int) {
	a := activity.NewAnalytics(activity.Config{})
	for i, id := range ids {
		if a.Intern(id) != activity.UserRef(i) {
			b.Fatal("interning in order gives 0, 1, 2, …")
		}
	}
	for u, e := range events { // warm-up pass: interns features, nodes, days
		if err := a.AddRef(activity.UserRef(u), e); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for b.Loop() {
		a.Reset()
		for u, e := range events {
			if err := a.AddRef(activity.UserRef(u), e); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	benchReport(b, a, n, ms0, ms1)
}

// benchReport reports ns/event, allocs/event and heap-MB (the live heap,
// a kept alive) after b's loop over n events per round, and checks that
// the last round counted every event.
func benchReport(b *testing.B, a *activity.Analytics, n int, ms0, ms1 runtime.MemStats) {
	loops := float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/loops/float64(n), "ns/event")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/loops/float64(n), "allocs/event")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	if r := result(b, a); r.Insights.Interactions != int64(n) {
		b.Fatalf("counted %d of %d events", r.Insights.Interactions, n)
	}
}

// benchUserIDs returns the IDs of n benchmark users.
func benchUserIDs(n int) []learnstats.UserID {
	ids := make([]learnstats.UserID, n)
	for i := range ids {
		ids[i] = learnstats.UserID(fmt.Sprintf("user-%06d", i))
	}
	return ids
}

// BenchmarkAnalyticsRefByUser is BenchmarkAnalyticsRef's 10-million-event
// case with each user's 100 events consecutive (sorted by user, then
// time: the natural order of a bulk load), so that a user's state stays
// in cache for the user's events. Together with BenchmarkAnalyticsRef
// (users round-robin in memory order) and BenchmarkAnalyticsRefShuffled
// (users interleaved at random, as in a live stream) it covers the three
// orders of events.
func BenchmarkAnalyticsRefByUser(b *testing.B) {
	const users = 100_000
	ids := benchUserIDs(users)
	benchAnalyticsRefOrder(b, ids, benchEventsByUser(ids, 100), users*100)
}

// benchBatch is the number of events the batch benchmarks hand to
// AddRefs at a time.
const benchBatch = 256

// BenchmarkAnalyticsRefs is the 10-million-event case of the AddRef
// benchmarks with the events handed to Analytics.AddRefs in batches of
// 256, in each of the three orders: users round-robin in memory order
// (as BenchmarkAnalyticsRef), interleaved at random (as
// BenchmarkAnalyticsRefShuffled) and one user after the other (as
// BenchmarkAnalyticsRefByUser). The generator fills each batch before
// AddRefs adds it; its cost is included.
func BenchmarkAnalyticsRefs(b *testing.B) {
	const users = 100_000
	ids := benchUserIDs(users)
	for _, o := range []struct {
		name   string
		events iter.Seq2[int, activity.Event]
	}{
		{"round-robin", benchEventsOrder(ids, 100, nil)},
		{"shuffled", benchEventsOrder(ids, 100, rand.New(rand.NewPCG(5, 5)).Perm(users))},
		{"by-user", benchEventsByUser(ids, 100)},
	} {
		b.Run("order="+o.name, func(b *testing.B) {
			a := activity.NewAnalytics(activity.Config{})
			for _, id := range ids {
				a.Intern(id)
			}
			refs := make([]activity.UserRef, 0, benchBatch)
			evs := make([]activity.Event, 0, benchBatch)
			pass := func() {
				for u, e := range o.events {
					refs, evs = append(refs, activity.UserRef(u)), append(evs, e)
					if len(refs) == benchBatch {
						if _, err := a.AddRefs(refs, evs); err != nil {
							b.Fatal(err)
						}
						refs, evs = refs[:0], evs[:0]
					}
				}
				if _, err := a.AddRefs(refs, evs); err != nil {
					b.Fatal(err)
				}
				refs, evs = refs[:0], evs[:0]
			}
			pass()
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			for b.Loop() {
				a.Reset()
				pass()
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			benchReport(b, a, users*100, ms0, ms1)
		})
	}
}

// BenchmarkGeneratorOrders is the cost of generating the 10 million
// events of the benchmarks alone in each order, to subtract from them.
func BenchmarkGeneratorOrders(b *testing.B) {
	const users = 100_000
	ids := benchUserIDs(users)
	for _, o := range []struct {
		name   string
		events iter.Seq2[int, activity.Event]
	}{
		{"round-robin", benchEventsOrder(ids, 100, nil)},
		{"shuffled", benchEventsOrder(ids, 100, rand.New(rand.NewPCG(5, 5)).Perm(users))},
		{"by-user", benchEventsByUser(ids, 100)},
	} {
		b.Run(o.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				for range o.events {
					n++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/event")
		})
	}
}

// BenchmarkAnalyticsResult measures Result (sorting users, features and
// the funnel tree) after 1M events from 10,000 users.
func BenchmarkAnalyticsResult(b *testing.B) {
	ids := benchUserIDs(10_000)
	a := activity.NewAnalytics(activity.Config{})
	for e := range benchEvents(ids, 100) {
		if err := a.Add(e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = a.Result()
	}
}

// BenchmarkGenerator is the cost of generating the events alone, to
// subtract from BenchmarkAnalytics.
func BenchmarkGenerator(b *testing.B) {
	for _, users := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%d", users*100), func(b *testing.B) {
			ids := benchUserIDs(users)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				for range benchEvents2(ids, 100) {
					n++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/event")
		})
	}
}
