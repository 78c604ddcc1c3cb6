package activity_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// The benchmarks time the user's path: a new accumulator each round, 10
// million events of 100,000 users added by ID, each ID decoded into a
// fresh string (as a file or a database cursor gives it: not shared with
// anything the accumulator holds), then Result; in the orders sources
// give: users taking turns (round-robin), each user's events together
// (by-user, a query ordered by user then time), and users interleaved at
// random (shuffled, a log sorted by time or a live stream).
// BenchmarkGenerator is the cost of generating the events alone, included
// in the others. Run them with
//
//	go test ./activity -run '^$' -bench 'Analytics$|Generator' -benchtime 2x

// benchGenerator makes the benchmarks' events. Event k of user u is a
// function of (u, k) alone, so that the events are the same in every
// order. Event k is step k%8 of visit k/8: the visit starts on the first
// feature and each step moves 0, 1 or 2 features on (repeats collapse) 1–4
// minutes later; visits start 2 h 28 min apart, so at least 2 hours
// separate them (a visit lasts at most 28 minutes).
type benchGenerator struct {
	features []string
	oses     []string
	base     int64
	id       [11]byte
}

func newBenchGenerator() *benchGenerator {
	g := &benchGenerator{oses: []string{"iOS", "Android", "Web"},
		base: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC).UnixNano()}
	for i := range 16 {
		g.features = append(g.features, fmt.Sprintf("feature-%02d", i))
	}
	return g
}

// freshID returns user u's ID ("user-000042") as a new string, as a
// decoder reading it from a file or a database gives it.
func (g *benchGenerator) freshID(u int) learnstats.UserID {
	copy(g.id[:], "user-")
	for i := 10; i >= 5; i-- {
		g.id[i] = byte('0' + u%10)
		u /= 10
	}
	return learnstats.UserID(g.id[:])
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
	e.User, e.Time, e.Feature, e.OS = g.freshID(u), time.Unix(0, ns).UTC(), g.features[feat%int64(len(g.features))], g.oses[u%3]
}

// benchEvents yields perUser events of each of users users in the order
// "round-robin", "by-user" or "shuffled" (see above).
func benchEvents(users, perUser int, order string, yield func(activity.Event) bool) {
	g := newBenchGenerator()
	e := activity.Event{Entry: activity.Entry{Category: "View Content", Action: "View", Label: "x"}}
	emit := func(u, k int) bool {
		g.fill(&e, u, k)
		return yield(e)
	}
	if order == "by-user" {
		for u := range users {
			for k := range perUser {
				if !emit(u, k) {
					return
				}
			}
		}
		return
	}
	perm := make([]int, users)
	for i := range perm {
		perm[i] = i
	}
	if order == "shuffled" {
		perm = rand.New(rand.NewPCG(5, 5)).Perm(users)
	}
	for k := range perUser {
		for _, u := range perm {
			if !emit(u, k) {
				return
			}
		}
	}
}

var benchOrders = []string{"round-robin", "by-user", "shuffled"}

// BenchmarkAnalytics: 100 events per user of 1,000 to 100,000 users (10
// million events) added by ID to a new accumulator each round, then
// Result; ns/event includes the generator.
func BenchmarkAnalytics(b *testing.B) {
	for _, users := range []int{1_000, 100_000} {
		for _, order := range benchOrders {
			b.Run(fmt.Sprintf("events=%d/order=%s", users*100, order), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					a, err := activity.NewAnalyticsAccumulator(time.Time{}, activity.Options{})
					if err != nil {
						b.Fatal(err)
					}
					benchEvents(users, 100, order, func(e activity.Event) bool {
						if err := a.Add(e); err != nil {
							b.Fatal(err)
						}
						return true
					})
					if r, err := a.Result(); err != nil || r.Interactions != int64(users*100) {
						b.Fatal(r.Interactions, err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(users*100), "ns/event")
			})
		}
	}
}

// BenchmarkGenerator is the cost of generating the events alone, to
// subtract from BenchmarkAnalytics.
func BenchmarkGenerator(b *testing.B) {
	for _, order := range benchOrders {
		b.Run("events=10000000/order="+order, func(b *testing.B) {
			n := 0
			for b.Loop() {
				benchEvents(100_000, 100, order, func(activity.Event) bool { n++; return true })
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/event")
		})
	}
}

// BenchmarkAnalyticsResult measures Result (sorting users, features and
// the funnel tree) after 1 million events of 10,000 users.
func BenchmarkAnalyticsResult(b *testing.B) {
	a, err := activity.NewAnalyticsAccumulator(time.Time{}, activity.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchEvents(10_000, 100, "round-robin", func(e activity.Event) bool {
		if err := a.Add(e); err != nil {
			b.Fatal(err)
		}
		return true
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Result(); err != nil {
			b.Fatal(err)
		}
	}
}
