package dashboard_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris on machines without a zoneinfo database

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// The dashboards read package scoring's results: the tests build small
// trainings, score the learners' records with a scoring.TrainingAccumulator
// and hand the results to the dashboards, as a caller does.

var pts = learnstats.WholePoints

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// must returns v, panicking on an error: for the set-up calls of a test,
// which are not expected to fail (a panic fails the test with the error).
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// wantMismatch fails the test unless err wraps learnstats.ErrMismatch.
func wantMismatch(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrMismatch", what, err)
	}
}

// wantOverflow fails the test unless err wraps learnstats.ErrOverflow and
// names the record (its message contains name, after the package prefix).
func wantOverflow(t *testing.T, what string, err error, name string) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrOverflow", what, err)
		return
	}
	if !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "dashboard: ") {
		t.Errorf("%s: error %q does not name %s (with the dashboard: prefix)", what, err, name)
	}
}

// wantInvalid fails the test unless err wraps want and names the record.
func wantInvalid(t *testing.T, what string, err, want error, name string) {
	t.Helper()
	if !errors.Is(err, want) || !strings.Contains(err.Error(), name) {
		t.Errorf("%s: error = %v, want one wrapping %v naming %s", what, err, want, name)
	}
}

// reg is a learner's registration in a training (scoring's AddLearner).
type reg struct {
	user learnstats.UserID
	at   time.Time
}

// score scores the records of one training at asOf, as a caller does: a
// fresh accumulator, the registrations, the attempts and the attendances.
func score(t testing.TB, def scoring.Training, asOf time.Time, regs []reg, attempts []learnstats.Attempt, attendances []scoring.Attendance) *scoring.TrainingResults {
	t.Helper()
	acc, err := scoring.NewTrainingAccumulator(asOf, def, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regs {
		if err := acc.AddLearner(r.user, r.at); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range attempts {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range attendances {
		if err := acc.AddAttendance(a); err != nil {
			t.Fatal(err)
		}
	}
	return acc.Result()
}

// module is a module step with one activity "q" of max 100 points, so
// that an attempt's score is its points.
func module(id learnstats.StepID, mandatory bool, required int) scoring.Step {
	return scoring.Step{ID: id, Name: "module " + string(id), Kind: scoring.StepModule, Mandatory: mandatory, RequiredScore: required,
		Activities: []scoring.Activity{{ID: "q", Max: pts(100)}}}
}

// attempt is an attempt at a module built by [module] scoring points, from
// start to finish (zero: unfinished).
func attempt(id learnstats.AttemptID, user learnstats.UserID, step learnstats.StepID, start, finish time.Time, points int64) learnstats.Attempt {
	return learnstats.Attempt{ID: id, Learner: user, Step: step, Start: start, Finish: finish,
		Answers: []learnstats.Answer{{Activity: "q", Points: pts(points)}}}
}

// cert is a training certificate delivered to user, expiring at expires
// (zero: never).
func cert(id certificates.ID, user learnstats.UserID, delivered, expires time.Time) certificates.Certificate {
	return certificates.Certificate{ID: id, User: user, Name: "certificate " + string(id), Delivered: delivered, Expires: expires}
}

// The D-2 and D-3 tests use trainings of one mandatory module of 100
// activities of max 1 point, required score 0: a learner's progress (S-8)
// is the number of activities they answered.
var (
	dashCutoff       = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	dashBeforeCutoff = dashCutoff.Add(-30 * 24 * time.Hour)
)

// fact is what one learner's records in such a training say.
type fact struct {
	user learnstats.UserID
	// registered is the learner's registration; zero means
	// dashBeforeCutoff.
	registered time.Time
	// progress is the number of activities answered (S-8 progress).
	progress int
	// completed, when not zero, is the finish of the learner's attempt,
	// which then answers everything with full points (progress must be
	// 100): the training is completed then (S-5, S-10), when that is
	// before asOf. Zero: the attempt is unfinished.
	completed time.Time
}

func progressModule() scoring.Step {
	s := scoring.Step{ID: "m", Name: "Module", Kind: scoring.StepModule, Mandatory: true}
	for i := range 100 {
		s.Activities = append(s.Activities, scoring.Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%02d", i)), Max: pts(1)})
	}
	return s
}

// progressResults scores the facts of one such training at asOf.
func progressResults(t testing.TB, id learnstats.TrainingID, name string, asOf time.Time, facts ...fact) *scoring.TrainingResults {
	t.Helper()
	def := scoring.Training{ID: id, Name: name, Steps: []scoring.Step{progressModule()}}
	var regs []reg
	var attempts []learnstats.Attempt
	for _, f := range facts {
		r := f.registered
		if r.IsZero() {
			r = dashBeforeCutoff
		}
		regs = append(regs, reg{f.user, r})
		if f.progress == 0 {
			continue
		}
		if !f.completed.IsZero() && f.progress != 100 {
			t.Fatalf("fact %+v: completed with progress %d", f, f.progress)
		}
		a := learnstats.Attempt{ID: "1", Learner: f.user, Step: "m", Start: dashBeforeCutoff.Add(-24 * time.Hour), Finish: f.completed}
		for i := range f.progress {
			a.Answers = append(a.Answers, learnstats.Answer{Activity: learnstats.ActivityID(fmt.Sprintf("a%02d", i)), Points: pts(1)})
		}
		attempts = append(attempts, a)
	}
	return score(t, def, asOf, regs, attempts, nil)
}

// directory returns a directory of the users, each with a name and an
// email derived from the ID.
func directory(t testing.TB, ids ...learnstats.UserID) *learnstats.Directory {
	t.Helper()
	var users []learnstats.User
	for _, id := range ids {
		users = append(users, learnstats.User{ID: id, FirstName: "First " + string(id), LastName: "Last " + string(id), Email: string(id) + "@example.com"})
	}
	d, err := learnstats.NewDirectory(users)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// training is a dashboard.Training of res and certs.
func training(res *scoring.TrainingResults, certs ...certificates.Certificate) dashboard.Training {
	return dashboard.Training{Results: res, Certificates: certs}
}
