package learners_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/learners"
)

// BenchmarkAccumulator measures the user's path: a fresh accumulator over
// a directory of 1,000 users, n course attempts added with IDs decoded
// into fresh strings (as from a file or a database, not shared with the
// directory), grouped by learner or shuffled, then the result:
// go test ./stats/learners -run '^$' -bench Accumulator.
func BenchmarkAccumulator(b *testing.B) {
	const users = 1000
	var us []learnstats.User
	for i := range users {
		us = append(us, learnstats.User{ID: learnstats.UserID(fmt.Sprintf("u%04d", i)), LastName: fmt.Sprint("L", i%97), Email: fmt.Sprint("u", i, "@x"),
			Groups: []learnstats.GroupID{learnstats.GroupID(fmt.Sprint("g", i%10))}})
	}
	dir, err := learnstats.NewDirectory(us)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		type raw struct{ user, id, course, session []byte }
		recs := make([]raw, n)
		for i := range recs {
			u := i * users / n // grouped by learner
			recs[i] = raw{user: fmt.Appendf(nil, "u%04d", u), id: strconv.AppendInt(nil, int64(i), 10),
				course: fmt.Appendf(nil, "c%d", i%10), session: fmt.Appendf(nil, "s%d", i%3)}
		}
		shuffled := append([]raw(nil), recs...)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, order := range []struct {
			name string
			recs []raw
		}{{"grouped", recs}, {"shuffled", shuffled}} {
			b.Run(fmt.Sprintf("attempts=%d/%s", n, order.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					acc, err := learners.NewAccumulator(t0.AddDate(1, 0, 0), dir, learnstats.Everything, learners.Options{})
					if err != nil {
						b.Fatal(err)
					}
					for i, r := range order.recs {
						a := learnstats.Attempt{ID: learnstats.AttemptID(r.id), Learner: learnstats.UserID(r.user), Step: learnstats.StepID(r.course),
							Start: t0.Add(time.Duration(i) * time.Minute), TimeSpent: time.Duration(i%40) * time.Minute, Progress: i % 101, Score: i % 101, Scored: i%3 == 0}
						if i%10 >= 4 {
							a.Session = learnstats.SessionID(r.session)
						}
						if err := acc.AddAttempt(a); err != nil {
							b.Fatal(err)
						}
					}
					if res := acc.Result(); len(res.Rows) != users {
						b.Fatal(len(res.Rows))
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/attempt")
			})
		}
	}
}
