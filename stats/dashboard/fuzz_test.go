package dashboard_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// fuzzInput turns fuzz bytes into numbers: records, splits, orders.
type fuzzInput struct {
	data []byte
	pos  int
}

func (in *fuzzInput) next() int {
	if len(in.data) == 0 {
		return 0
	}
	b := in.data[in.pos%len(in.data)]
	in.pos++
	return int(b) + in.pos/len(in.data) // vary when the data wraps around
}

// int64 returns 8 bytes as an int64 (any value, extremes included).
func (in *fuzzInput) int64() int64 {
	var v uint64
	for range 8 {
		v = v<<8 | uint64(in.next()&0xff)
	}
	return int64(v)
}

// shuffle permutes xs from the input.
func shuffle[T any](in *fuzzInput, xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j := in.next() % (i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// splitMerge checks the accumulator contract on n records: one pass over
// all records gives the same result as the records split into parts, each
// part accumulated separately, then merged sequentially in a shuffled
// order and, separately, as a balanced tree (from fresh copies). Merge
// must not modify its argument.
func splitMerge[A any, R any](t *testing.T, in *fuzzInput, n int,
	newAcc func() *A, add func(a *A, i int) error, merge func(a, b *A) error, result func(*A) R) {
	t.Helper()
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
	before := make([]R, k)
	for p := range parts {
		before[p] = result(parts[p])
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	shuffle(in, order)
	seq := newAcc()
	for _, p := range order {
		if err := merge(seq, parts[p]); err != nil {
			t.Fatalf("sequential merge: %v", err)
		}
	}
	if got := result(seq); !cmp.Equal(want, got) {
		t.Fatalf("merge of %d parts in order %v differs from one pass (-want +got):\n%s", k, order, cmp.Diff(want, got))
	}
	for p := range parts {
		if got := result(parts[p]); !cmp.Equal(before[p], got) {
			t.Fatalf("Merge modified part %d (-before +after):\n%s", p, cmp.Diff(before[p], got))
		}
	}
	level := make([]*A, k)
	for i, p := range parts {
		c := newAcc()
		if err := merge(c, p); err != nil {
			t.Fatal(err)
		}
		level[order[i]] = c
	}
	for len(level) > 1 {
		var next []*A
		for i := 0; i+1 < len(level); i += 2 {
			if err := merge(level[i+1], level[i]); err != nil {
				t.Fatalf("tree merge: %v", err)
			}
			next = append(next, level[i+1])
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level = next
	}
	if got := result(level[0]); !cmp.Equal(want, got) {
		t.Fatalf("tree merge of %d parts differs from one pass (-want +got):\n%s", k, cmp.Diff(want, got))
	}
}

// FuzzActiveUsersMerge: D-1, merge(split) equals one pass, over a month
// in Paris that contains the spring DST change.
func FuzzActiveUsersMerge(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("active users per day"))
	f.Add([]byte{3, 200, 17, 99, 4, 250, 1, 0, 0, 13, 77, 128, 5, 6, 7, 8, 9, 10, 11, 12})
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	rng, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 3, Day: 1}, learnstats.Date{Year: 2026, Month: 3, Day: 31}, loc)
	base := time.Date(2026, 2, 25, 0, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512]
		}
		in := &fuzzInput{data: data}
		events := make([]dashboard.Event, len(data)/2)
		for i := range events {
			events[i] = dashboard.Event{User: learnstats.UserID(fmt.Sprint("u", in.next()%6)), At: base.Add(time.Duration(in.next()*in.next()) * 7 * time.Minute)}
		}
		splitMerge(t, in, len(events),
			func() *dashboard.ActiveUsersAccumulator { return must(dashboard.NewActiveUsersAccumulator(rng, loc)) },
			func(a *dashboard.ActiveUsersAccumulator, i int) error { return a.Add(events[i]) },
			(*dashboard.ActiveUsersAccumulator).Merge, (*dashboard.ActiveUsersAccumulator).Result)
	})
}

// FuzzUserMetricsMerge: D-6, merge(split) equals one pass (accounts and
// accesses split independently), at several asOf around the records, in
// Paris and in UTC.
func FuzzUserMetricsMerge(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("user metrics"))
	f.Add([]byte{9, 1, 250, 3, 77, 0, 0, 4, 18, 200, 5})
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2026, 3, 20, 0, 0, 0, 0, loc)
	asOfs := []time.Time{base.AddDate(0, 0, 10), base.AddDate(0, 0, 10).UTC(), base.AddDate(0, 0, 5), base.AddDate(0, 0, 30)}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512]
		}
		in := &fuzzInput{data: data}
		var users []learnstats.User
		var accesses []dashboard.Event
		for i := range len(data) / 4 {
			u := learnstats.User{ID: learnstats.UserID(fmt.Sprint("u", i)), CreatedAt: base.Add(time.Duration(in.next()*in.next()) * 5 * time.Minute)}
			users = append(users, u)
			for range in.next() % 3 {
				accesses = append(accesses, dashboard.Event{User: u.ID, At: u.CreatedAt.Add(time.Duration(in.next()*in.next()) * 11 * time.Minute)})
			}
		}
		nu := len(users)
		for _, asOf := range asOfs {
			splitMerge(t, in, nu+len(accesses),
				func() *dashboard.UserMetricsAccumulator { return dashboard.NewUserMetricsAccumulator(asOf) },
				func(m *dashboard.UserMetricsAccumulator, i int) error {
					if i < nu {
						return m.AddUser(users[i])
					}
					return m.AddAccess(accesses[i-nu])
				},
				(*dashboard.UserMetricsAccumulator).Merge,
				func(m *dashboard.UserMetricsAccumulator) dashboard.UserMetrics {
					r, err := m.Result()
					if err != nil {
						// A part may hold an access whose account is in another part.
						return dashboard.UserMetrics{Users: -1}
					}
					return r
				})
		}
	})
}

// fuzzLocations are distinct locations (distinct names; the same name
// with other midnights is TestTrap1_D1_MergeLocationsSameName).
var fuzzLocations = func() []*time.Location {
	out := []*time.Location{time.UTC, time.FixedZone("X", 3600), time.FixedZone("Y", -11*3600), time.FixedZone("Z", 5*3600+1800)}
	for _, name := range []string{"Europe/Paris", "America/New_York", "Australia/Lord_Howe"} {
		if l, err := time.LoadLocation(name); err == nil {
			out = append(out, l)
		}
	}
	return out
}()

// FuzzActiveUsersMismatch: D-1 accumulators over two different ranges, or
// one range in two different locations, never merge (ErrMismatch, either
// way round, and the receiver is unchanged); over the same range and
// location they always do.
func FuzzActiveUsersMismatch(f *testing.F) {
	f.Add(int64(0), int64(86400), uint8(0), int64(0), int64(86400), uint8(1))
	f.Add(int64(1774735200), int64(1774735200+7*86400), uint8(4), int64(1774735200), int64(1774735200+7*86400+1), uint8(4))
	f.Add(int64(1774735200), int64(1774735200+3600), uint8(1), int64(1774735200), int64(1774735200+3600), uint8(1))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s1, e1 int64, l1 uint8, s2, e2 int64, l2 uint8) {
		window := func(s, e int64) learnstats.Window {
			// Within about ten years of 2026, up to about 68 days long.
			start := t0.Add(time.Duration(s%(10*365*86400)) * time.Second)
			return learnstats.Window{Start: start, End: start.Add(time.Duration(e%(1<<22)) * time.Second)}
		}
		w1, w2 := window(s1, e1), window(s2, e2)
		loc1, loc2 := fuzzLocations[int(l1)%len(fuzzLocations)], fuzzLocations[int(l2)%len(fuzzLocations)]
		a, err1 := dashboard.NewActiveUsersAccumulator(w1, loc1)
		b, err2 := dashboard.NewActiveUsersAccumulator(w2, loc2)
		if err1 != nil || err2 != nil {
			return // an end before the start
		}
		for _, e := range []dashboard.Event{{User: "u", At: w1.Start}, {User: "v", At: w2.Start}} {
			if err := errors.Join(a.Add(e), b.Add(e)); err != nil {
				t.Fatal(err)
			}
		}
		same := w1.Start.Equal(w2.Start) && w1.End.Equal(w2.End) && loc1 == loc2
		ra, rb := a.Result(), b.Result()
		errAB, errBA := a.Merge(b), b.Merge(a)
		if same {
			if errAB != nil || errBA != nil {
				t.Fatalf("the same range and location do not merge: %v, %v", errAB, errBA)
			}
			return
		}
		if !errors.Is(errAB, learnstats.ErrMismatch) || !errors.Is(errBA, learnstats.ErrMismatch) {
			t.Fatalf("%s in %s and %s in %s merged: %v, %v", w1, loc1, w2, loc2, errAB, errBA)
		}
		if diff := cmp.Diff(ra, a.Result()); diff != "" {
			t.Fatalf("a refused merge changed the receiver (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(rb, b.Result()); diff != "" {
			t.Fatalf("a refused merge changed the receiver (-before +after):\n%s", diff)
		}
	})
}

// wantOnly fails unless err is nil or wraps one of the sentinels.
func wantOnly(t *testing.T, what string, err error, sentinels ...error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s: undocumented error %v", what, err)
}

// FuzzDashboardExtremes feeds extreme values to every dashboard: instants
// at the edges of time.Time, ranges of any length, durations near the
// largest Duration, results built by hand with any numbers. No call may
// panic, errors are only the documented ones, and no count, time or
// percentage a rule defines as non-negative comes out negative.
func FuzzDashboardExtremes(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 127, 255, 255, 255, 255, 255, 255, 255})
	f.Add([]byte("extreme values at the edges of time"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256 {
			data = data[:256]
		}
		in := &fuzzInput{data: data}
		instant := func() time.Time {
			switch in.next() % 4 {
			case 0:
				return time.Unix(0, in.int64())
			case 1:
				return time.Unix(in.int64(), 0)
			case 2:
				return time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC).Add(time.Duration(in.int64() % (1 << 50)))
			}
			return time.Unix(in.int64()>>2, in.int64())
		}
		loc := fuzzLocations[in.next()%len(fuzzLocations)]

		// D-1.
		if a, err := dashboard.NewActiveUsersAccumulator(learnstats.Window{Start: instant(), End: instant()}, loc); err != nil {
			wantOnly(t, "NewActiveUsersAccumulator", err, learnstats.ErrInvalidWindow, learnstats.ErrOverflow)
		} else {
			added := 0
			for range in.next() % 8 {
				err := a.Add(dashboard.Event{User: learnstats.UserID(fmt.Sprint("u", in.next()%3)), At: instant()})
				wantOnly(t, "ActiveUsersAccumulator.Add", err, learnstats.ErrInvalidRecord)
				if err == nil {
					added++
				}
			}
			res := a.Result()
			if res.Events != added || res.OutsideRange < 0 || res.OutsideRange > res.Events {
				t.Fatalf("D-1 counts %+v after %d events", res, added)
			}
			for _, d := range res.Days {
				if d.Users < 0 || d.Users > 3 {
					t.Fatalf("D-1 day %+v", d)
				}
			}
		}

		// D-6.
		m := dashboard.NewUserMetricsAccumulator(instant())
		for i := range in.next() % 6 {
			u := learnstats.User{ID: learnstats.UserID(fmt.Sprint("u", i)), CreatedAt: instant()}
			wantOnly(t, "AddUser", m.AddUser(u), learnstats.ErrInvalidRecord)
			wantOnly(t, "AddAccess", m.AddAccess(dashboard.Event{User: u.ID, At: instant()}), learnstats.ErrInvalidRecord)
		}
		if r, err := m.Result(); err != nil {
			wantOnly(t, "UserMetricsAccumulator.Result", err, learnstats.ErrInvalidRecord)
		} else if r.Users < 0 || r.NewUsers < 0 || r.RecentlyActive < 0 || r.NewUsers > r.Users || r.RecentlyActive > r.Users || r.CreatedAfterAsOf < 0 || r.AccessesAfterAsOf < 0 {
			t.Fatalf("D-6 %+v", r)
		}

		// D-2 … D-5 over scored attempts of extreme lengths.
		asOf := instant()
		def := scoring.Training{ID: "t", Name: "T", Steps: []scoring.Step{module("m1", true, in.next()%101), module("m2", false, 0),
			{ID: "ls", Kind: scoring.StepLiveSession, Mandatory: in.next()%2 == 0}}}
		acc := must(scoring.NewTrainingAccumulator(asOf, def, scoring.Options{}))
		var certs []certificates.Certificate
		for i := range in.next() % 5 {
			u := learnstats.UserID(fmt.Sprint("u", i))
			_ = acc.AddLearner(u, instant())
			start := instant()
			_ = acc.Add(attempt("1", u, []learnstats.StepID{"m1", "m2"}[in.next()%2], start, start.Add(time.Duration(in.int64())), int64(in.next()%101)))
			_ = acc.AddAttendance(scoring.Attendance{Learner: u, Step: "ls", At: instant(), Absent: in.next()%2 == 0})
			if in.next()%2 == 0 {
				certs = append(certs, certificates.Certificate{ID: certificates.ID(fmt.Sprint("c", i)), User: u, Delivered: instant(), Expires: instant()})
			}
		}
		tr := dashboard.Training{Results: acc.Result(), Certificates: certs}
		checkDashboards(t, asOf, tr)

		// The same dashboards over results built by hand with any numbers.
		hand := *tr.Results
		hand.Learners = slices.Clone(hand.Learners)
		for i := range hand.Learners {
			l := &hand.Learners[i]
			l.Steps = slices.Clone(l.Steps)
			l.Progress = learnstats.NewRatio(in.int64(), in.int64()%1000)
			l.Score = learnstats.NewRatio(in.int64()%202-101, 1)
			l.TimeSpent = time.Duration(in.int64())
			l.Status = scoring.TrainingStatus(in.next() % 6)
			for j := range l.Steps {
				s := &l.Steps[j]
				s.TimeSpent = time.Duration(in.int64())
				s.Score, s.HasScore = learnstats.NewRatio(in.int64()%202-101, int64(in.next()%3)), in.next()%2 == 0
			}
		}
		checkDashboards(t, asOf, dashboard.Training{Results: &hand, Certificates: certs})
	})
}

// checkDashboards runs D-2 … D-5 on one training and checks that they
// return only documented errors and no negative figure.
func checkDashboards(t *testing.T, asOf time.Time, tr dashboard.Training) {
	t.Helper()
	sentinels := []error{learnstats.ErrInvalidRecord, certificates.ErrInvalidCertificate, learnstats.ErrOverflow}
	nonNegative := func(what string, r learnstats.Ratio) {
		if r.Valid() && (r.Cmp(learnstats.NewRatio(0, 1)) < 0 || r.Cmp(learnstats.NewRatio(100, 1)) > 0) {
			t.Fatalf("%s %s outside 0–100", what, r)
		}
	}
	if p, err := dashboard.Progress(asOf, []dashboard.Training{tr}); err != nil {
		wantOnly(t, "Progress", err, sentinels...)
	} else {
		for _, l := range p.Trainings {
			if l.Learners < 0 || l.Completed < 0 || l.Expired < 0 || l.NotRegisteredYet < 0 || l.Completed+l.Expired > l.Learners {
				t.Fatalf("D-2 %+v", l)
			}
			nonNegative("D-2 progress", l.Progress)
			nonNegative("D-2 completion", l.Completion)
		}
		nonNegative("D-2 global progress", p.Global.Progress)
	}
	dir := directory(t, "u0", "u1", "u2", "u3", "u4")
	if r, err := dashboard.Results(asOf, tr, dir, learnstats.Everything); err != nil {
		wantOnly(t, "Results", err, sentinels...)
	} else {
		for _, row := range r.Rows {
			if row.TimeSpent < 0 || row.Status < dashboard.Pending || row.Status > dashboard.Expired {
				t.Fatalf("D-4 %+v", row)
			}
			nonNegative("D-4 score", row.Score)
		}
	}
	if c, err := dashboard.TrainingContent(asOf, tr); err != nil {
		wantOnly(t, "TrainingContent", err, sentinels...)
	} else {
		for _, s := range c.Steps {
			if s.Completed < 0 || s.Completed > c.Members || s.Scored < 0 || s.Started < 0 || s.TimeSpent < 0 || s.AvgTimeSpent < 0 {
				t.Fatalf("D-5 %+v with %d members", s, c.Members)
			}
			nonNegative("D-5 completion", s.Completion)
			nonNegative("D-5 average score", s.AvgScore)
		}
	}
}

// FuzzTrainingOrder: the training dashboards do not depend on the order
// of their inputs: the trainings (D-2, D-3), each training's certificates
// (D-2, D-4) and the records scored (D-5, through package scoring).
func FuzzTrainingOrder(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte("order of trainings and certificates"))
	f.Add([]byte{7, 3, 200, 1, 0, 99, 14, 5, 250, 128, 64, 32, 16, 8, 4, 2, 1})
	asOf := time.Date(2026, 3, 29, 3, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512]
		}
		in := &fuzzInput{data: data}
		at := func() time.Time { return asOf.Add(time.Duration(in.next()*in.next()-20000) * time.Minute) }
		type spec struct {
			def      scoring.Training
			regs     []reg
			attempts []learnstats.Attempt
			attends  []scoring.Attendance
			certs    []certificates.Certificate
		}
		var specs []spec
		for ti := range 1 + in.next()%4 {
			s := spec{def: scoring.Training{ID: learnstats.TrainingID(fmt.Sprint("t", ti)), Name: []string{"A", "B"}[in.next()%2], Steps: []scoring.Step{
				module("m1", true, in.next()%101), module("m2", in.next()%2 == 0, in.next()%101),
				{ID: "ls", Kind: scoring.StepLiveSession, Mandatory: in.next()%2 == 0, RequiredScore: in.next() % 101},
			}}}
			for ui := range in.next() % 6 {
				u := learnstats.UserID(fmt.Sprint("u", ui))
				s.regs = append(s.regs, reg{u, at()})
				for k := range in.next() % 4 {
					start := at()
					finish := time.Time{}
					if in.next()%3 != 0 {
						finish = start.Add(time.Duration(in.next()) * time.Minute)
					}
					s.attempts = append(s.attempts, attempt(learnstats.AttemptID(fmt.Sprint(k)), u, []learnstats.StepID{"m1", "m2"}[in.next()%2], start, finish, int64(in.next()%101)))
				}
				if in.next()%2 == 0 {
					s.attends = append(s.attends, scoring.Attendance{Learner: u, Step: "ls", At: at(), Absent: in.next()%2 == 0})
				}
				for c := range in.next() % 3 {
					d := at()
					s.certs = append(s.certs, certificates.Certificate{ID: certificates.ID(fmt.Sprint(ti, "-", ui, "-", c)), User: u, Delivered: d,
						Expires: d.Add(time.Duration(in.next()*in.next()) * time.Minute)})
				}
			}
			specs = append(specs, s)
		}
		build := func(shuffled bool) []dashboard.Training {
			var out []dashboard.Training
			for _, s := range specs {
				attempts, attends, certs := slices.Clone(s.attempts), slices.Clone(s.attends), slices.Clone(s.certs)
				if shuffled {
					shuffle(in, attempts)
					shuffle(in, attends)
					shuffle(in, certs)
				}
				out = append(out, training(score(t, s.def, asOf, s.regs, attempts, attends), certs...))
			}
			if shuffled {
				shuffle(in, out)
			}
			return out
		}
		class := dashboard.Class{ID: "g", Members: []learnstats.UserID{"u1", "u3", "u4"}, Trainings: []dashboard.ClassTraining{{Training: "t0", RegisteredAt: at()}}}
		dir := directory(t, "u0", "u1", "u2", "u3", "u4", "u5")
		type all struct {
			Progress, Class dashboard.ProgressReport
			Results         []dashboard.ResultList
			Content         []dashboard.Content
		}
		compute := func(trs []dashboard.Training) all {
			var out all
			out.Progress = must(dashboard.Progress(asOf, trs))
			out.Class = must(dashboard.ClassProgress(asOf, class, trs))
			byID := slices.Clone(trs)
			slices.SortFunc(byID, func(a, b dashboard.Training) int {
				return learnstats.CompareIDs(a.Results.Training.ID, b.Results.Training.ID)
			})
			for _, tr := range byID {
				out.Results = append(out.Results, must(dashboard.Results(asOf, tr, dir, learnstats.Everything)))
				out.Content = append(out.Content, must(dashboard.TrainingContent(asOf, tr)))
			}
			return out
		}
		want, got := compute(build(false)), compute(build(true))
		if !cmp.Equal(want, got) {
			t.Fatalf("another order of the inputs gives other figures (-want +got):\n%s", cmp.Diff(want, got))
		}
	})
}
