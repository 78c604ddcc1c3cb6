package dashboard_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// The bridge from package scoring to the dashboards (D-2 … D-5): which
// results are accepted, which learners count, what a certificate does.

// dstAsOf is the first instant after the spring DST change in Paris:
// 29 March 2026 03:00 CEST; one nanosecond earlier is 01:59:59.999999999
// CET.
func dstAsOf(t testing.TB) time.Time {
	return time.Date(2026, 3, 29, 3, 0, 0, 0, paris(t))
}

// passedOnce scores one mandatory module "m1" (required 50) at asOf: each
// learner of regs passes it with 80 points in an attempt finished two days
// before asOf.
func passedOnce(t testing.TB, asOf time.Time, regs ...reg) *scoring.TrainingResults {
	t.Helper()
	def := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{module("m1", true, 50)}}
	var attempts []learnstats.Attempt
	for i, r := range regs {
		start := asOf.AddDate(0, 0, -2)
		attempts = append(attempts, attempt(learnstats.AttemptID(fmt.Sprint(i+1)), r.user, "m1", start, start.Add(time.Hour), 80))
	}
	return score(t, def, asOf, regs, attempts, nil)
}

// TestD2_D5_ResultsAtAnotherAsOf: results computed at another instant than
// the dashboard's are refused with ErrMismatch by every training dashboard,
// one nanosecond either side included; the same instant in another
// location is the same asOf.
func TestD2_D5_ResultsAtAnotherAsOf(t *testing.T) {
	asOf := dstAsOf(t)
	res := passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)})
	tr := training(res)
	dir := directory(t, "u1")
	class := dashboard.Class{ID: "g", Members: []learnstats.UserID{"u1"}, Trainings: []dashboard.ClassTraining{{Training: "t1", RegisteredAt: asOf.AddDate(0, -1, 0)}}}
	calls := func(at time.Time) []error {
		_, e1 := dashboard.Progress(at, []dashboard.Training{tr})
		_, e2 := dashboard.ClassProgress(at, class, []dashboard.Training{tr})
		_, e3 := dashboard.Results(at, tr, dir, learnstats.Everything)
		_, e4 := dashboard.TrainingContent(at, tr)
		return []error{e1, e2, e3, e4}
	}
	for _, other := range []time.Time{asOf.Add(-time.Nanosecond), asOf.Add(time.Nanosecond), {}} {
		for i, err := range calls(other) {
			wantMismatch(t, fmt.Sprintf("call %d at %s, results at %s", i, other, asOf), err)
		}
	}
	for i, err := range calls(asOf.UTC()) {
		if err != nil {
			t.Errorf("call %d at the same instant in UTC: %v", i, err)
		}
	}
	// Results computed at the zero asOf (every record counts) are not the
	// results at any instant a dashboard asks for.
	for i, err := range calls(asOf) {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	zero := training(passedOnce(t, time.Time{}, reg{"u1", asOf}))
	if _, err := dashboard.Progress(asOf, []dashboard.Training{zero}); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("results at the zero asOf: %v, want ErrMismatch", err)
	}
	// The zero asOf is no cut-off, as in scoring: every learner counts.
	if p := must(dashboard.Progress(time.Time{}, []dashboard.Training{zero})).Trainings[0]; p.Learners != 1 || p.NotRegisteredYet != 0 {
		t.Errorf("dashboard at the zero asOf: %+v, want 1 learner, 0 not registered yet", p)
	}
	if _, err := dashboard.Progress(asOf, []dashboard.Training{{}}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("a training without results: %v, want ErrInvalidRecord", err)
	}
}

// TestD2_D5_RegisteredAtAsOf: a learner registered at or after asOf is not
// a learner yet (left out and counted in NotRegisteredYet) by D-2, D-4 and
// D-5; one registered 1 ns before asOf, across the DST change, is; so is a
// learner whose registration the LMS does not record (the zero time).
func TestD2_D5_RegisteredAtAsOf(t *testing.T) {
	asOf := dstAsOf(t)
	before := asOf.Add(-time.Nanosecond)
	if _, off := before.Zone(); off != 3600 {
		t.Fatalf("%s is not in CET", before)
	}
	res := passedOnce(t, asOf, reg{"u1", before}, reg{"u2", asOf}, reg{"u3", asOf.Add(time.Nanosecond)}, reg{"u4", time.Time{}})
	tr := training(res)
	p := must(dashboard.Progress(asOf, []dashboard.Training{tr}))
	want := []dashboard.TrainingProgress{{Training: "t1", Name: "Safety", Learners: 2, Completed: 2, NotRegisteredYet: 2,
		Progress: learnstats.NewRatio(100, 1), Completion: learnstats.NewRatio(100, 1)}}
	if diff := cmp.Diff(want, p.Trainings); diff != "" {
		t.Errorf("D-2 (-want +got):\n%s", diff)
	}
	r := must(dashboard.Results(asOf, tr, directory(t, "u1", "u2", "u3", "u4"), learnstats.Everything))
	var users []learnstats.UserID
	for _, row := range r.Rows {
		users = append(users, row.User.ID)
	}
	if diff := cmp.Diff([]learnstats.UserID{"u1", "u4"}, users); diff != "" || r.NotRegisteredYet != 2 {
		t.Errorf("D-4 rows (-want +got):\n%s; not registered yet %d, want 2", diff, r.NotRegisteredYet)
	}
	c := must(dashboard.TrainingContent(asOf, tr))
	if c.Members != 2 || c.NotRegisteredYet != 2 || c.Steps[0].Completed != 2 || c.Steps[0].Started != 2 {
		t.Errorf("D-5: %+v, want 2 members, 2 not registered yet, 2 completed and started", c)
	}
}

// TestC1_C3_D2_D4_ExpiredCertificate: a learner whose certificate has
// expired at asOf (C-1: asOf ≥ expiration) counts as 0 progress and not
// completed (D-2), with the status Expired (D-4). Each learner's latest
// certificate delivered before asOf decides; one delivered at or after
// asOf does not exist yet (C-3); a tie on the delivery goes to the higher
// ID. The order of the certificates does not matter.
func TestC1_C3_D2_D4_ExpiredCertificate(t *testing.T) {
	asOf := dstAsOf(t)
	day := 24 * time.Hour
	tests := []struct {
		name, reason string
		certs        []certificates.Certificate
		expired      bool
	}{
		{"no certificate", "nothing expires", nil, false},
		{"expires at asOf", "C-1: expired when asOf ≥ expiration", []certificates.Certificate{cert("c1", "u1", asOf.Add(-day), asOf)}, true},
		{"expires 1 ns after asOf", "still valid", []certificates.Certificate{cert("c1", "u1", asOf.Add(-day), asOf.Add(time.Nanosecond))}, false},
		{"expires 1 ns before asOf", "across the DST change: 01:59:59.999999999 CET", []certificates.Certificate{cert("c1", "u1", asOf.Add(-day), asOf.Add(-time.Nanosecond))}, true},
		{"validity period ends at asOf", "C-2: delivered 12 months before asOf in CET, expires at 03:00 CEST",
			[]certificates.Certificate{{ID: "c1", User: "u1", Delivered: asOf.AddDate(0, -12, 0), ValidityMonths: 12}}, true},
		{"expired, renewed before asOf", "the latest delivered before asOf decides",
			[]certificates.Certificate{cert("c2", "u1", asOf.Add(-time.Nanosecond), time.Time{}), cert("c1", "u1", asOf.Add(-400*day), asOf.Add(-30*day))}, false},
		{"expired, renewed at asOf", "C-3: the renewal does not exist yet at asOf",
			[]certificates.Certificate{cert("c1", "u1", asOf.Add(-400*day), asOf.Add(-30*day)), cert("c2", "u1", asOf, time.Time{})}, true},
		{"expired, renewed 1 ns after asOf", "C-3: not yet",
			[]certificates.Certificate{cert("c2", "u1", asOf.Add(time.Nanosecond), time.Time{}), cert("c1", "u1", asOf.Add(-400*day), asOf.Add(-30*day))}, true},
		{"valid, then an expired one", "the later certificate decides, though an older one is still valid",
			[]certificates.Certificate{cert("c1", "u1", asOf.Add(-100*day), time.Time{}), cert("c2", "u1", asOf.Add(-10*day), asOf.Add(-day))}, true},
		{"one delivery instant, higher ID decides", "c10 is higher than c9 (numeric IDs compare as numbers)",
			[]certificates.Certificate{cert("10", "u1", asOf.Add(-10*day), asOf.Add(-day)), cert("9", "u1", asOf.Add(-10*day), time.Time{})}, true},
		{"one delivery instant, higher ID decides, other order", "the same certificates listed the other way round",
			[]certificates.Certificate{cert("9", "u1", asOf.Add(-10*day), time.Time{}), cert("10", "u1", asOf.Add(-10*day), asOf.Add(-day))}, true},
		{"only certificate delivered at asOf", "C-3: it does not exist yet; it would be expired",
			[]certificates.Certificate{cert("c1", "u1", asOf, asOf)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)}, reg{"u2", asOf.AddDate(0, -1, 0)})
			tr := training(res, tt.certs...)
			p := must(dashboard.Progress(asOf, []dashboard.Training{tr}))
			want := dashboard.TrainingProgress{Training: "t1", Name: "Safety", Learners: 2, Completed: 2,
				Progress: learnstats.NewRatio(200, 2), Completion: learnstats.NewRatio(200, 2)}
			status := dashboard.Success
			if tt.expired {
				// u1 counts as 0 progress, not completed; u2 is unaffected.
				want.Completed, want.Expired = 1, 1
				want.Progress, want.Completion = learnstats.NewRatio(100, 2), learnstats.NewRatio(100, 2)
				status = dashboard.Expired
			}
			if diff := cmp.Diff([]dashboard.TrainingProgress{want}, p.Trainings); diff != "" {
				t.Errorf("D-2 (%s) (-want +got):\n%s", tt.reason, diff)
			}
			r := must(dashboard.Results(asOf, tr, directory(t, "u1", "u2"), learnstats.Everything))
			if r.Rows[0].Status != status || r.Rows[1].Status != dashboard.Success {
				t.Errorf("D-4 (%s): %v and %v, want %v and Success", tt.reason, r.Rows[0].Status, r.Rows[1].Status, status)
			}
			if r.Rows[0].Score.Int() != 80 {
				t.Errorf("D-4: an expired learner keeps their score: %v", r.Rows[0].Score)
			}
		})
	}
}

// TestC3_D2_CertificatesOfOthers: a certificate of a user who is no
// learner of the training is an error naming it (the caller mixed up
// trainings); one of a learner registered after asOf is not, and changes
// nothing. An invalid certificate is an error wrapping the certificates
// package's sentinel.
func TestC3_D2_CertificatesOfOthers(t *testing.T) {
	asOf := dstAsOf(t)
	res := passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)}, reg{"u2", asOf})
	stranger := training(res, cert("c7", "u9", asOf.Add(-time.Hour), asOf.Add(-time.Minute)))
	_, err := dashboard.Progress(asOf, []dashboard.Training{stranger})
	wantInvalid(t, "D-2, certificate of a non-learner", err, learnstats.ErrInvalidRecord, `"c7"`)
	_, err = dashboard.Results(asOf, stranger, directory(t, "u1", "u2"), learnstats.Everything)
	wantInvalid(t, "D-4, certificate of a non-learner", err, learnstats.ErrInvalidRecord, `"u9"`)

	later := training(res, cert("c8", "u2", asOf.Add(-time.Hour), asOf.Add(-time.Minute)))
	p := must(dashboard.Progress(asOf, []dashboard.Training{later}))
	if tp := p.Trainings[0]; tp.Learners != 1 || tp.Expired != 0 || tp.NotRegisteredYet != 1 {
		t.Errorf("certificate of a learner registered at asOf: %+v", tp)
	}
	bad := training(res, cert("c9", "u1", asOf.Add(-time.Hour), asOf.Add(-2*time.Hour)))
	_, err = dashboard.Progress(asOf, []dashboard.Training{bad})
	wantInvalid(t, "expires before delivery", err, certificates.ErrExpiresBeforeDelivery, `"c9"`)
}

// TestC3_D2_DuplicateCertificateID: two certificates with one ID are an
// error naming it, as certificates.List says. Before the fix the first
// listed won a tie, so the status depended on the order of the list.
func TestC3_D2_DuplicateCertificateID(t *testing.T) {
	asOf := dstAsOf(t)
	res := passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)})
	delivered := asOf.AddDate(0, 0, -10)
	expired, valid := cert("c1", "u1", delivered, asOf.Add(-time.Hour)), cert("c1", "u1", delivered, time.Time{})
	for _, certs := range [][]certificates.Certificate{{expired, valid}, {valid, expired}} {
		_, err := dashboard.Progress(asOf, []dashboard.Training{training(res, certs...)})
		wantInvalid(t, "duplicate certificate ID", err, certificates.ErrInvalidCertificate, `"c1"`)
		_, err = dashboard.Results(asOf, training(res, certs...), directory(t, "u1"), learnstats.Everything)
		wantInvalid(t, "D-4, duplicate certificate ID", err, certificates.ErrInvalidCertificate, `"c1"`)
	}
}

// TestD5_AbsentLearnerStartedTheStep: a learner marked absent at a live
// session (scoring.Attendance.Absent) has started the step: D-5 averages
// the step's time over them; they have not completed it and have no score.
// An absence at asOf does not exist yet. For D-4 an absence alone is Not
// started (S-16): Pending.
func TestD5_AbsentLearnerStartedTheStep(t *testing.T) {
	asOf := dstAsOf(t)
	def := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{
		{ID: "c1", Name: "Classroom", Kind: scoring.StepLiveSession, Mandatory: true, RequiredScore: 50},
	}}
	regAt := asOf.AddDate(0, -1, 0)
	regs := []reg{{"u1", regAt}, {"u2", regAt}, {"u3", regAt}, {"u4", regAt}}
	day := asOf.AddDate(0, 0, -1)
	res := score(t, def, asOf, regs, nil, []scoring.Attendance{
		{Learner: "u1", Step: "c1", At: day, Absent: true},
		{Learner: "u2", Step: "c1", At: day, Score: 70, HasScore: true},
		{Learner: "u4", Step: "c1", At: asOf, Absent: true}, // not yet
	})
	c := must(dashboard.TrainingContent(asOf, training(res)))
	want := []dashboard.StepContent{{Step: "c1", Name: "Classroom", Kind: scoring.StepLiveSession, Position: 1,
		Completed: 1, Completion: learnstats.NewRatio(100, 4), Scored: 1, AvgScore: learnstats.NewRatio(70, 1), Started: 2}}
	if diff := cmp.Diff(want, c.Steps); diff != "" {
		t.Errorf("D-5 (-want +got):\n%s", diff)
	}
	r := must(dashboard.Results(asOf, training(res), directory(t, "u1", "u2", "u3", "u4"), learnstats.Everything))
	got := map[learnstats.UserID]dashboard.Status{}
	for _, row := range r.Rows {
		got[row.User.ID] = row.Status
	}
	if diff := cmp.Diff(map[learnstats.UserID]dashboard.Status{"u1": dashboard.Pending, "u2": dashboard.Success, "u3": dashboard.Pending, "u4": dashboard.Pending}, got); diff != "" {
		t.Errorf("D-4 statuses (-want +got):\n%s", diff)
	}
}

// TestD2_D5_ResultsNotFromScoring: results a caller built or decoded by
// hand that break scoring's invariants are an error naming the learner,
// not a panic or a silent wrong number. Before the fix a result with more
// step results than the training has steps made TrainingContent panic
// (index out of range), an unknown training status showed as Pending, a
// progress of 150 % entered D-2's mean, a negative time spent D-5's
// average, and learners out of order made a learner's certificate "of
// someone who is no learner".
func TestD2_D5_ResultsNotFromScoring(t *testing.T) {
	asOf := dstAsOf(t)
	regAt := asOf.AddDate(0, -1, 0)
	base := func() *scoring.TrainingResults {
		def := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{module("m1", true, 50), module("m2", false, 0)}}
		start := asOf.AddDate(0, 0, -2)
		return score(t, def, asOf, []reg{{"u1", regAt}, {"u2", regAt}}, []learnstats.Attempt{
			attempt("1", "u1", "m1", start, start.Add(time.Hour), 80), attempt("2", "u2", "m2", start, start.Add(time.Hour), 30)}, nil)
	}
	// edit returns results with u2's result (or its first step's) changed.
	edit := func(f func(r *scoring.TrainingResults, l *scoring.TrainingResult, s *scoring.StepResult)) *scoring.TrainingResults {
		r := base()
		l := &r.Learners[1]
		l.Steps = append([]scoring.StepResult(nil), l.Steps...)
		f(r, l, &l.Steps[0])
		return r
	}
	tests := []struct {
		name string
		res  *scoring.TrainingResults
		want string
	}{
		{"a step result too many", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Steps = append(l.Steps, scoring.StepResult{Step: "m3"})
		}), `"u2"`},
		{"a step result missing", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Steps = l.Steps[:1]
		}), `"u2"`},
		{"steps in another order", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Steps[0], l.Steps[1] = l.Steps[1], l.Steps[0]
		}), `"m2"`},
		{"unknown training status", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) { l.Status = 9 }), `"u2"`},
		{"status and completion disagree", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) { l.Completed = true }), `"u2"`},
		{"progress above 100", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Progress = learnstats.NewRatio(150, 1)
		}), `"u2"`},
		{"negative progress", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Progress = learnstats.NewRatio(-1, 1)
		}), `"u2"`},
		{"progress just above 100", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Progress = learnstats.NewRatio(1004, 10) // shown as 100
		}), `"u2"`},
		{"score just below 0", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Score = learnstats.NewRatio(-4, 10) // shown as 0
		}), `"u2"`},
		{"progress without a value", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Progress = learnstats.Ratio{}
		}), `"u2"`},
		{"score above 100", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Score = learnstats.NewRatio(101, 1)
		}), `"u2"`},
		{"negative time spent", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.TimeSpent = -time.Second
		}), `"u2"`},
		{"negative step time", edit(func(_ *scoring.TrainingResults, _ *scoring.TrainingResult, s *scoring.StepResult) {
			s.TimeSpent = -time.Second
		}), `"m1"`},
		{"step score above 100", edit(func(_ *scoring.TrainingResults, _ *scoring.TrainingResult, s *scoring.StepResult) {
			s.Score, s.HasScore = learnstats.NewRatio(101, 1), true
		}), `"m1"`},
		{"step score without HasScore", edit(func(_ *scoring.TrainingResults, _ *scoring.TrainingResult, s *scoring.StepResult) {
			s.Score, s.HasScore = learnstats.NewRatio(5, 1), false
		}), `"m1"`},
		{"empty learner ID", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) { l.Learner = "" }), `""`},
		{"result of another training", edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) { l.Training = "t2" }), `"t2"`},
		{"learners out of order", edit(func(r *scoring.TrainingResults, _ *scoring.TrainingResult, _ *scoring.StepResult) {
			r.Learners[0], r.Learners[1] = r.Learners[1], r.Learners[0]
		}), `"u1"`},
		{"a learner twice", edit(func(r *scoring.TrainingResults, _ *scoring.TrainingResult, _ *scoring.StepResult) {
			r.Learners[1] = r.Learners[0]
		}), `"u1"`},
		{"training without an ID", edit(func(r *scoring.TrainingResults, _ *scoring.TrainingResult, _ *scoring.StepResult) {
			r.Training.ID = ""
			for i := range r.Learners {
				r.Learners[i].Training = ""
			}
		}), "empty ID"},
	}
	dir := directory(t, "u1", "u2")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := training(tt.res, cert("c1", "u1", asOf.Add(-time.Hour), time.Time{}))
			for i, call := range []func() error{
				func() error { _, err := dashboard.Progress(asOf, []dashboard.Training{tr}); return err },
				func() error { _, err := dashboard.Results(asOf, tr, dir, learnstats.Everything); return err },
				func() error { _, err := dashboard.TrainingContent(asOf, tr); return err },
			} {
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							err = fmt.Errorf("panic: %v", r)
						}
					}()
					err = call()
				}()
				wantInvalid(t, fmt.Sprintf("call %d", i), err, learnstats.ErrInvalidRecord, tt.want)
			}
		})
	}
	// The unchanged results are accepted, and so are exact percentages at
	// and near the bounds in any terms.
	if _, err := dashboard.TrainingContent(asOf, training(base())); err != nil {
		t.Errorf("results from scoring: %v", err)
	}
	for _, p := range []learnstats.Ratio{ratio(0, 7), ratio(700, 7), ratio(996, 10), ratio(4, 10), ratio(1, 3), ratio(100, 1)} {
		r := edit(func(_ *scoring.TrainingResults, l *scoring.TrainingResult, _ *scoring.StepResult) {
			l.Progress, l.Score = p, p
		})
		if _, err := dashboard.Progress(asOf, []dashboard.Training{training(r)}); err != nil {
			t.Errorf("progress and score %s: %v", p, err)
		}
	}
}

// TestTrap1_MismatchErrorsWrapErrMismatch (issue 9, trap 1): every
// mismatch the package reports wraps the root learnstats.ErrMismatch (the
// old package had its own ErrDashboardMismatch wrapping it), so a caller
// needs one errors.Is for every accumulator of every package.
func TestTrap1_MismatchErrorsWrapErrMismatch(t *testing.T) {
	asOf := dstAsOf(t)
	tr := training(passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)}))
	other := asOf.Add(time.Hour)
	a := must(dashboard.NewActiveUsersAccumulator(learnstats.LastDays(asOf, 7), nil))
	b := must(dashboard.NewActiveUsersAccumulator(learnstats.LastDays(asOf, 6), nil))
	var m dashboard.UserMetricsAccumulator
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"Progress", func() error { _, err := dashboard.Progress(other, []dashboard.Training{tr}); return err }()},
		{"ClassProgress", func() error {
			_, err := dashboard.ClassProgress(other, dashboard.Class{ID: "g", Trainings: []dashboard.ClassTraining{{Training: "t1", RegisteredAt: asOf}}}, []dashboard.Training{tr})
			return err
		}()},
		{"Results", func() error {
			_, err := dashboard.Results(other, tr, directory(t, "u1"), learnstats.Everything)
			return err
		}()},
		{"TrainingContent", func() error { _, err := dashboard.TrainingContent(other, tr); return err }()},
		{"ActiveUsersAccumulator.Merge", a.Merge(b)},
		{"ActiveUsersAccumulator.Merge itself", a.Merge(a)},
		{"UserMetricsAccumulator.Merge itself", m.Merge(&m)},
	} {
		t.Run(tt.name, func(t *testing.T) { wantMismatch(t, tt.name, tt.err) })
	}
}

// TestTrap1_D2_D4_D5_D6_AsOfFixed (issue 9, trap 1; SPEC section 0, "a
// definition cannot change after the first record"). The old accumulators
// froze their cutoff or asOf at the first record and refused a change. The
// new dashboards take asOf per call and the results computed at it: the
// figures are those of that instant, results computed at another instant
// are refused (ErrMismatch), and the D-6 accumulator answers at any asOf
// from the same records.
func TestTrap1_D2_D4_D5_D6_AsOfFixed(t *testing.T) {
	account := learnstats.User{ID: "u1", CreatedAt: dashCutoff.Add(-time.Hour)}
	for _, tt := range []struct {
		name, reason              string
		at                        time.Time
		learners, completed, news int
		status                    dashboard.Status
	}{
		{"at the cutoff", "registered, completed and created before it", dashCutoff, 1, 1, 1, dashboard.Success},
		{"before the cutoff", "nothing has happened yet", dashBeforeCutoff, 0, 0, 0, dashboard.Pending},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := progressResults(t, "t1", "Safety", tt.at, fact{user: "u1", progress: 100, completed: dashCutoff.Add(-time.Hour)})
			tr := training(res)
			fig := must(dashboard.Progress(tt.at, []dashboard.Training{tr})).Trainings[0]
			rows := must(dashboard.Results(tt.at, tr, directory(t, "u1"), learnstats.Everything)).Rows
			step := must(dashboard.TrainingContent(tt.at, tr)).Steps[0]
			m := dashboard.NewUserMetricsAccumulator(tt.at)
			if err := m.AddUser(account); err != nil {
				t.Fatal(err)
			}
			metrics := must(m.Result())
			if fig.Learners != tt.learners || fig.Completed != tt.completed || len(rows) != tt.learners ||
				step.Completed != tt.completed || metrics.NewUsers != tt.news {
				t.Errorf("%s: progress %+v, results %+v, content %+v, metrics %+v", tt.reason, fig, rows, step, metrics)
			}
			if len(rows) == 1 && rows[0].Status != tt.status {
				t.Errorf("status %v, want %v", rows[0].Status, tt.status)
			}
			other := tt.at.Add(time.Nanosecond)
			_, e1 := dashboard.Progress(other, []dashboard.Training{tr})
			_, e2 := dashboard.Results(other, tr, directory(t, "u1"), learnstats.Everything)
			_, e3 := dashboard.TrainingContent(other, tr)
			for i, err := range []error{e1, e2, e3} {
				wantMismatch(t, fmt.Sprintf("call %d at another instant than the results'", i), err)
			}
			later := dashboard.NewUserMetricsAccumulator(other)
			if err := later.AddUser(account); err != nil {
				t.Fatal(err)
			}
			if got := must(later.Result()); got != metrics {
				t.Errorf("D-6 1 ns later: %+v, want %+v (nothing happened)", got, metrics)
			}
		})
	}
}

// TestSection0_UnknownEnumValues: an enum value outside its documented set
// in results built by hand is invalid input naming the record, not a
// status or step shown as something else: an unknown training status
// (before the fix shown as Pending), step kind or keep option in the
// results' definition. Status values outside D-4's print as Status(n).
func TestSection0_UnknownEnumValues(t *testing.T) {
	asOf := dstAsOf(t)
	for _, tt := range []struct {
		name  string
		edit  func(r *scoring.TrainingResults)
		want  error
		names string
	}{
		{"TrainingStatus", func(r *scoring.TrainingResults) { r.Learners[0].Status = 7 }, learnstats.ErrInvalidRecord, `"u1"`},
		{"StepKind", func(r *scoring.TrainingResults) { r.Training.Steps[0].Kind = 9 }, scoring.ErrInvalidTraining, `"m1"`},
		{"Keep", func(r *scoring.TrainingResults) { r.Training.Steps[0].Keep = 5 }, scoring.ErrInvalidTraining, `"m1"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := passedOnce(t, asOf, reg{"u1", asOf.AddDate(0, -1, 0)})
			tt.edit(res)
			_, err := dashboard.Progress(asOf, []dashboard.Training{training(res)})
			wantInvalid(t, "D-2", err, tt.want, tt.names)
			wantInvalid(t, "D-2", err, learnstats.ErrInvalidRecord, tt.names)
			_, err = dashboard.TrainingContent(asOf, training(res))
			wantInvalid(t, "D-5", err, tt.want, tt.names)
		})
	}
	if s := dashboard.Status(-1).String(); s != "Status(-1)" {
		t.Errorf("Status(-1) = %q", s)
	}
}

// TestD2_D3_D4_ZeroAsOfIsTheEndOfTime: the zero asOf is no cut-off, as in
// scoring (S-15): every learner is registered, every certificate is
// delivered, and one with an expiration has expired.
func TestD2_D3_D4_ZeroAsOfIsTheEndOfTime(t *testing.T) {
	def := scoring.Training{ID: "t", Name: "T", Steps: []scoring.Step{module("m", true, 50)}}
	reg0 := at(t, "2030-01-01T00:00:00Z")
	res := score(t, def, time.Time{}, []reg{{"u1", reg0}, {"u2", reg0}}, []learnstats.Attempt{
		attempt("1", "u1", "m", reg0, reg0.Add(time.Hour), 80),
	}, nil)
	cert := certificates.Certificate{ID: "c1", User: "u1", Name: "T", Delivered: reg0.Add(time.Hour), Expires: reg0.AddDate(5, 0, 0)}
	p := must(dashboard.Progress(time.Time{}, []dashboard.Training{training(res, cert)})).Trainings[0]
	if p.Learners != 2 || p.Expired != 1 || p.Completed != 0 || p.NotRegisteredYet != 0 {
		t.Errorf("D-2 at the end of time: %+v, want 2 learners, 1 expired, none completed", p)
	}
	class := dashboard.Class{ID: "g", Members: []learnstats.UserID{"u1", "u3"}, Trainings: []dashboard.ClassTraining{{Training: "t", RegisteredAt: reg0}}}
	c := must(dashboard.ClassProgress(time.Time{}, class, []dashboard.Training{training(res)})).Trainings[0]
	if c.Learners != 2 || c.NotRegisteredYet != 0 {
		t.Errorf("D-3 at the end of time: %+v, want u1 and u3 (no record) as learners", c)
	}
	dir := must(learnstats.NewDirectory([]learnstats.User{{ID: "u1"}, {ID: "u2"}}))
	rows := must(dashboard.Results(time.Time{}, training(res, cert), dir, learnstats.Everything)).Rows
	if len(rows) != 2 || rows[0].Status != dashboard.Expired || rows[1].Status != dashboard.Pending {
		t.Errorf("D-4 at the end of time: %+v", rows)
	}
}
