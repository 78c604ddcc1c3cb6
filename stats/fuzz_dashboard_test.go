package stats_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// dashboardFuzzInput turns fuzz bytes into records and a split: how many
// parts, which part each record goes to, and the order parts are merged
// in.
type dashboardFuzzInput struct {
	data []byte
	pos  int
}

func (in *dashboardFuzzInput) next() int {
	if len(in.data) == 0 {
		return 0
	}
	b := in.data[in.pos%len(in.data)]
	in.pos++
	return int(b) + in.pos/len(in.data) // vary when the data wraps around
}

// splitMerge checks the accumulator contract on n records: one pass over
// all records gives the same result as the records split into parts, each
// part accumulated separately, then merged sequentially in a shuffled
// order and, separately, as a balanced tree.
func splitMerge[A any, R any](t *testing.T, in *dashboardFuzzInput, n int,
	newAcc func() *A, add func(a *A, i int) error, merge func(a, b *A) error, resultErr func(*A) (R, error)) {
	t.Helper()
	result := func(a *A) R {
		t.Helper()
		r, err := resultErr(a)
		if err != nil {
			t.Fatalf("result: %v", err)
		}
		return r
	}
	one := newAcc()
	for i := range n {
		if err := add(one, i); err != nil {
			t.Fatalf("one pass, record %d: %v", i, err)
		}
	}
	want := result(one)

	k := 1 + in.next()%5
	parts := make([]*A, k)
	for p := range parts {
		parts[p] = newAcc()
	}
	for i := range n {
		if err := add(parts[in.next()%k], i); err != nil {
			t.Fatalf("part, record %d: %v", i, err)
		}
	}
	// Results before merging must not be disturbed by merging (Merge does
	// not modify its argument).
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	for i := k - 1; i > 0; i-- {
		j := in.next() % (i + 1)
		order[i], order[j] = order[j], order[i]
	}
	seq := newAcc()
	for _, p := range order {
		if err := merge(seq, parts[p]); err != nil {
			t.Fatalf("sequential merge: %v", err)
		}
	}
	if diff := cmp.Diff(want, result(seq)); diff != "" {
		t.Fatalf("merge of %d parts in order %v differs from one pass (-want +got):\n%s", k, order, diff)
	}
	// Balanced tree: ((p0 p1) (p2 p3)) p4, built from fresh copies of the
	// parts so the sequential merge above does not interfere.
	level := make([]*A, k)
	for i, p := range parts {
		c := newAcc()
		if err := merge(c, p); err != nil {
			t.Fatal(err)
		}
		level[order[i]] = c
	}
	for len(level) > 1 {
		var nextLevel []*A
		for i := 0; i+1 < len(level); i += 2 {
			if err := merge(level[i+1], level[i]); err != nil {
				t.Fatalf("tree merge: %v", err)
			}
			nextLevel = append(nextLevel, level[i+1])
		}
		if len(level)%2 == 1 {
			nextLevel = append(nextLevel, level[len(level)-1])
		}
		level = nextLevel
	}
	if diff := cmp.Diff(want, result(level[0])); diff != "" {
		t.Fatalf("tree merge of %d parts differs from one pass (-want +got):\n%s", k, diff)
	}
}

func FuzzDashboardMerge(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("training dashboards merge"))
	f.Add([]byte{3, 200, 17, 99, 4, 250, 1, 0, 0, 13, 77, 128, 5, 6, 7, 8, 9, 10, 11, 12})
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	// March 2026 in Paris: the range crosses the spring DST change.
	rng, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 3, Day: 1}, learnstats.Date{Year: 2026, Month: 3, Day: 31}, loc)
	base := time.Date(2026, 2, 25, 0, 0, 0, 0, loc)
	asOf := time.Date(2026, 3, 20, 0, 0, 0, 0, loc)
	at := func(in *dashboardFuzzInput) time.Time {
		return base.Add(time.Duration(in.next()*in.next()) * 7 * time.Minute)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512]
		}
		in := &dashboardFuzzInput{data: data}
		n := len(data) / 2

		// D-1.
		events := make([]stats.ActiveUserEvent, n)
		for i := range events {
			events[i] = stats.ActiveUserEvent{User: learnstats.UserID(fmt.Sprint("u", in.next()%6)), At: at(in)}
		}
		splitMerge(t, in, n,
			func() *stats.ActiveUsersPerDay { return &stats.ActiveUsersPerDay{Range: rng, Location: loc} },
			func(a *stats.ActiveUsersPerDay, i int) error { return a.Add(events[i]) },
			(*stats.ActiveUsersPerDay).Merge, (*stats.ActiveUsersPerDay).Result)

		// Learner × training records with distinct keys.
		var learners []stats.TrainingLearner
		seen := map[string]bool{}
		for range n {
			l := stats.TrainingLearner{
				Training:     stats.TrainingID(fmt.Sprint("t", in.next()%3)),
				User:         learnstats.UserID(fmt.Sprint("u", in.next()%8)),
				RegisteredAt: at(in),
				Progress:     decimal.Min(decimal.New(int64(in.next()%101*10+in.next()%10), -1), decimal.NewFromInt(100)),
				Score:        in.next() % 101,
				Mandatory:    stats.MandatoryStepStatuses{Passed: in.next() % 2, Failed: in.next() % 2, Pending: in.next() % 2},
				TimeSpent:    time.Duration(in.next()) * time.Minute,
			}
			if in.next()%2 == 0 {
				l.CompletedAt = at(in)
			}
			if in.next()%3 == 0 {
				l.CertificateExpiresAt = at(in)
			}
			key := string(l.Training) + "/" + string(l.User)
			if seen[key] {
				continue
			}
			seen[key] = true
			learners = append(learners, l)
		}
		trainings := []stats.TrainingInfo{{ID: "t0", Name: "Same"}, {ID: "t1", Name: "Same"}, {ID: "t3", Name: "Empty"}}
		class := &stats.TrainingClass{ID: "g", Members: []learnstats.UserID{"u1", "u2", "u3", "u9"},
			Trainings: []stats.TrainingClassRegistration{{Training: "t0", RegisteredAt: base}, {Training: "t2", RegisteredAt: asOf}}}
		nt := len(trainings)

		// D-2 and D-3: the catalogue is added like records, split too.
		for _, cl := range []*stats.TrainingClass{nil, class} {
			splitMerge(t, in, nt+len(learners),
				func() *stats.TrainingProgress { return &stats.TrainingProgress{Cutoff: asOf, Class: cl} },
				func(p *stats.TrainingProgress, i int) error {
					if i < nt {
						return p.AddTraining(trainings[i])
					}
					return p.Add(learners[i-nt])
				},
				(*stats.TrainingProgress).Merge, (*stats.TrainingProgress).Result)
		}

		// D-4.
		splitMerge(t, in, len(learners),
			func() *stats.TrainingResults { return &stats.TrainingResults{AsOf: asOf} },
			func(r *stats.TrainingResults, i int) error { return r.Add(learners[i]) },
			(*stats.TrainingResults).Merge, (*stats.TrainingResults).Result)

		// D-5: catalogue, steps, learners and step results, all split.
		steps := []stats.TrainingStepInfo{
			{Training: "t0", ID: "s1", Name: "A", Position: 1}, {Training: "t0", ID: "s2", Name: "B", Position: 1},
			{Training: "t1", ID: "s1", Name: "C", Position: 3}, {Training: "t3", ID: "s1", Name: "D"},
		}
		var results []stats.TrainingStepResult
		seenStep := map[string]bool{}
		for range n {
			r := stats.TrainingStepResult{
				Training:  stats.TrainingID(fmt.Sprint("t", in.next()%3)),
				Step:      stats.TrainingStepID(fmt.Sprint("s", in.next()%3)),
				User:      learnstats.UserID(fmt.Sprint("u", in.next()%8)),
				TimeSpent: time.Duration(in.next()*in.next()) * 137 * time.Millisecond,
			}
			if in.next()%2 == 0 {
				r.Score, r.HasScore = in.next()%101, true
			}
			if in.next()%2 == 0 {
				r.CompletedAt = at(in)
			}
			key := string(r.Training) + "/" + string(r.Step) + "/" + string(r.User)
			if seenStep[key] {
				continue
			}
			seenStep[key] = true
			results = append(results, r)
		}
		ns, nl := len(steps), len(learners)
		splitMerge(t, in, nt+ns+nl+len(results),
			func() *stats.TrainingContent { return &stats.TrainingContent{AsOf: asOf} },
			func(c *stats.TrainingContent, i int) error {
				switch {
				case i < nt:
					return c.AddTraining(trainings[i])
				case i < nt+ns:
					return c.AddStep(steps[i-nt])
				case i < nt+ns+nl:
					return c.AddLearner(learners[i-nt-ns])
				}
				return c.AddStepResult(results[i-nt-ns-nl])
			},
			(*stats.TrainingContent).Merge, (*stats.TrainingContent).Result)

		// D-6.
		var users []stats.DashboardUser
		for i := range n {
			u := stats.DashboardUser{User: learnstats.UserID(fmt.Sprint("u", i)), CreatedAt: at(in)}
			if in.next()%3 != 0 {
				u.LastAccessAt = u.CreatedAt.Add(time.Duration(in.next()) * 3 * time.Hour)
			}
			users = append(users, u)
		}
		splitMerge(t, in, len(users),
			func() *stats.DashboardUserMetrics { return &stats.DashboardUserMetrics{AsOf: asOf} },
			func(m *stats.DashboardUserMetrics, i int) error { return m.Add(users[i]) },
			(*stats.DashboardUserMetrics).Merge, (*stats.DashboardUserMetrics).Result)
	})
}
