package scoring

import (
	"errors"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
)

// TestAddLearnerRegistrationTime: the registration time given to
// AddLearner reaches the result (the dashboards read it, D-2 … D-5); the
// same time twice is harmless, another one a conflict, in Add and Merge.
func TestAddLearnerRegistrationTime(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	acc := newAcc(t, tr, Options{})
	if err := acc.AddLearner("u1", at(-60)); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddLearner("u1", at(-60)); err != nil {
		t.Errorf("same registration twice: %v", err)
	}
	if err := acc.AddLearner("u1", time.Time{}); err != nil {
		t.Errorf("an unknown registration time next to a known one: %v", err)
	}
	if err := acc.AddLearner("u1", at(-59)); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("another registration time: %v, want ErrInvalidRecord (a conflict)", err)
	}
	if err := acc.Add(attempt("u2", "m", "1", 0, 10, 10)); err != nil {
		t.Fatal(err)
	}
	res := acc.Result()
	if r, _ := res.Learner("u1"); !r.RegisteredAt.Equal(at(-60)) {
		t.Errorf("u1 registered at %v, want %v", r.RegisteredAt, at(-60))
	}
	if r, _ := res.Learner("u2"); !r.RegisteredAt.IsZero() {
		t.Errorf("u2, never registered, has %v", r.RegisteredAt)
	}
	other := newAcc(t, tr, Options{})
	if err := other.AddLearner("u1", at(0)); err != nil {
		t.Fatal(err)
	}
	if err := acc.Merge(other); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("merge of two registration times: %v, want ErrInvalidRecord (a conflict)", err)
	}
	late := newAcc(t, tr, Options{})
	if err := late.AddLearner("u2", at(-5)); err != nil {
		t.Fatal(err)
	}
	if err := acc.Merge(late); err != nil {
		t.Fatal(err)
	}
	if r, _ := acc.Result().Learner("u2"); !r.RegisteredAt.Equal(at(-5)) {
		t.Errorf("merged registration: %v, want %v", r.RegisteredAt, at(-5))
	}
}

// TestS9_AbsentAtLiveSession: a learner marked absent has not attended the
// session (pending, no score, S-9) and absences alone are no start (S-16),
// but they have started the step (StepResult.Started, D-5 counts them).
func TestS9_AbsentAtLiveSession(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{{ID: "s", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50}}}
	r := scoreOneAsOf(t, tr, Options{}, time.Time{}, nil, Attendance{Learner: "u1", Step: "s", At: at(0), Absent: true})
	s := stepOf(t, r, "s")
	if s.Status != StatusPending || s.HasScore || s.Completed || s.Answered != 0 || !s.Started {
		t.Errorf("absent: %+v, want pending, no score, not completed, unanswered, started", s)
	}
	if r.Status != TrainingNotStarted {
		t.Errorf("training status %v, want Not started (an absence is no attendance)", r.Status)
	}
	acc := newAcc(t, tr, Options{})
	if err := acc.AddAttendance(Attendance{Learner: "u1", Step: "s", At: at(0), Absent: true}); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddAttendance(Attendance{Learner: "u1", Step: "s", At: at(0)}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("absent and present at once: %v, want ErrInvalidRecord (a conflict)", err)
	}
	ex, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Steps[0].Attended || !ex.Steps[0].Attendance.Absent {
		t.Errorf("explanation: %+v", ex.Steps[0])
	}
}

// TestResultCarriesTheDefinition: the result holds a copy of the definition
// (names included, which no rule reads but the dashboards show), which a
// caller may change without changing the accumulator; names are part of
// the definition Merge compares.
func TestResultCarriesTheDefinition(t *testing.T) {
	tr := Training{ID: "t", Name: "Onboarding", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	tr.Steps[0].Name = "Basics"
	acc := newAcc(t, tr, Options{})
	res := acc.Result()
	if res.Training.Name != "Onboarding" || res.Training.Steps[0].Name != "Basics" {
		t.Fatalf("definition in the result: %+v", res.Training)
	}
	res.Training.Steps[0].Activities[0].Max = learnstats.WholePoints(99)
	if again := acc.Result(); again.Training.Steps[0].Activities[0].Max != learnstats.WholePoints(10) {
		t.Error("changing a result's definition changed the accumulator's")
	}
	renamed := tr
	renamed.Steps = []Step{module("m", true, 50, KeepBest, 10)}
	renamed.Steps[0].Name = "Basics, renamed"
	if err := acc.Merge(newAcc(t, renamed, Options{})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge of a renamed step: %v, want ErrMismatch", err)
	}
}
