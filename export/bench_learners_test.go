package export_test

import (
	"fmt"
	"io"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats/learners"
)

// learnersBenchData is the benchmark's population: users with 20 custom
// fields, in 2 of 50 groups, with managers. Attempts are not stored: they
// are generated per user on the fly, with fresh ID strings (as decoded from
// a file or a database).
type learnersBenchData struct {
	users  []learnstats.User
	dir    *learnstats.Directory
	groups []learnstats.Group
	fields []string
}

func newLearnersBenchData(b *testing.B, n int) *learnersBenchData {
	b.Helper()
	d := &learnersBenchData{}
	for g := range 50 {
		d.groups = append(d.groups, learnstats.Group{ID: learnstats.GroupID(fmt.Sprintf("g%02d", g)), Name: fmt.Sprintf("Group %02d", g)})
	}
	for f := range 20 {
		d.fields = append(d.fields, fmt.Sprintf("Field %02d", f))
	}
	values := make([]string, 100)
	for i := range values {
		values[i] = fmt.Sprintf("value %d", i)
	}
	d.users = make([]learnstats.User, n)
	for i := range d.users {
		cf := make(map[string]string, len(d.fields))
		for f, title := range d.fields {
			cf[title] = values[(i+f)%len(values)]
		}
		u := learnstats.User{
			ID:        learnstats.UserID(fmt.Sprintf("u%07d", i)),
			FirstName: fmt.Sprintf("First%d", i%977), LastName: fmt.Sprintf("Last%d", i%1009),
			Email: fmt.Sprintf("user%d@example.com", i), CustomFields: cf,
			Groups: []learnstats.GroupID{d.groups[i%50].ID, d.groups[(i/50)%50].ID},
		}
		if i >= 10 {
			u.Managers = []learnstats.UserID{learnstats.UserID(fmt.Sprintf("u%07d", i%10)), learnstats.UserID(fmt.Sprintf("u%07d", i%7))}
			u.Managers = slices.Compact(u.Managers)
		}
		d.users[i] = u
	}
	var err error
	if d.dir, err = learnstats.NewDirectory(d.users); err != nil {
		b.Fatal(err)
	}
	return d
}

var learnersBenchT0 = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// learnersBenchAttempts generates user i's attempts on the fly: per 10
// attempts, 4 standalone, 3 first attempts inside a program session and 3
// repeats of those (30 % repeated inside program sessions).
func learnersBenchAttempts(u learnstats.UserID, i, per int) iter.Seq[learnstats.Attempt] {
	return func(yield func(learnstats.Attempt) bool) {
		courses := [...]learnstats.StepID{"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"}
		sessions := [...]learnstats.SessionID{"s0", "s1", "s2", "s3", "s4"}
		for j := range per {
			block, k := j/10, j%10
			a := learnstats.Attempt{ID: learnstats.AttemptID(strconv.Itoa(j + 1)), Learner: u, Start: learnersBenchT0.Add(time.Duration(j) * time.Hour),
				TimeSpent: time.Duration(5+(i+j)%40) * time.Minute, Progress: (i + j) % 101, Score: (i * j) % 101, Scored: j%3 == 0}
			switch {
			case k < 4:
				a.Step = courses[(block+k)%len(courses)]
			case k < 7:
				a.Step, a.Session = courses[k], sessions[block%len(sessions)]
			default:
				a.Step, a.Session = courses[k-3], sessions[block%len(sessions)] // a repeat
			}
			if !yield(a) {
				return
			}
		}
	}
}

// benchLearnersGeneralStats writes the general stats export of every user
// from records to CSV bytes: a fresh accumulator as of asOf, the attempts
// added grouped by user, the result, the export. The accumulator judges
// each attempt against asOf as it arrives and keeps each user's running
// figures (and the latest attempt of each program session and course), so
// memory grows with the users, not with the attempts: the benchmark
// reports the peak heap growth.
func benchLearnersGeneralStats(b *testing.B, users, perUser int) {
	d := newLearnersBenchData(b, users)
	runtime.GC()
	var peak uint64
	var ms runtime.MemStats
	sample := func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	sample()
	base := peak
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var written int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		acc, err := learners.NewAccumulator(learnersBenchT0.AddDate(1, 0, 0), d.dir, learnstats.Everything, learners.Options{Groups: d.groups})
		if err != nil {
			b.Fatal(err)
		}
		for gi, g := range d.groups {
			_ = acc.AddAssignment(learners.Assignment{Session: learnstats.SessionID(fmt.Sprintf("s%d", gi%5)), Group: g.ID})
		}
		for i, u := range d.users {
			_ = acc.AddAssignment(learners.Assignment{Session: "s0", User: u.ID})
			for a := range learnersBenchAttempts(u.ID, i, perUser) {
				if err := acc.AddAttempt(a); err != nil {
					b.Fatal(err)
				}
			}
			if i%(users/10+1) == 0 {
				sample()
			}
		}
		res := acc.Result()
		sample()
		cw := &learnersCountingWriter{}
		if _, err := export.WriteCSV(cw, export.GeneralStatsTable(res, d.fields), slices.Values(res.Rows), nil); err != nil {
			b.Fatal(err)
		}
		written = cw.n
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	perOp := float64(b.N) * float64(users)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perOp, "ns/user")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/perOp, "allocs/user")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/perOp, "B/user")
	b.ReportMetric(float64(peak-min(base, peak))/(1<<20), "peak-heap-growth-MiB")
	b.ReportMetric(float64(written)/float64(users), "csv-B/user")
}

type learnersCountingWriter struct{ n int64 }

func (w *learnersCountingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return io.Discard.Write(p)
}

// BenchmarkLearnerGeneralStatsExport: 1k and 100k users (20 custom
// fields, 50 groups), 50 attempts per user (5 million at 100k users), 30 %
// repeated inside program sessions, and the 100k run again at 2x attempts
// to show that memory does not grow with the number of attempts.
func BenchmarkLearnerGeneralStatsExport(b *testing.B) {
	for _, c := range []struct{ users, per int }{{1_000, 50}, {100_000, 50}, {100_000, 100}} {
		b.Run(fmt.Sprintf("users=%d/attempts=%d", c.users, c.users*c.per), func(b *testing.B) {
			benchLearnersGeneralStats(b, c.users, c.per)
		})
	}
}
