package scoring

import (
	"testing"

	"github.com/learnstats/learnstats"
)

// TestS16_TrainingStatus covers every training status (Rule S-16) and how
// each is reached: Not started (registered only, or every record after
// asOf), In progress, Failed (a mandatory step failed, Rule S-9, and the
// training not completed), Completed (Rule S-10, not every mandatory step
// passed) and Passed.
func TestS16_TrainingStatus(t *testing.T) {
	// m1, m2: mandatory modules (required 50) of one 10-point activity;
	// opt: an optional module; s: a mandatory live session (required 50).
	plain := Training{ID: "t", Steps: []Step{
		module("m1", true, 50, KeepBest, 10),
		module("m2", true, 50, KeepNewest, 10),
		module("opt", false, 50, KeepBest, 10),
		{ID: "s", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50},
	}}
	// A mandatory course of two modules (required 50 each) that itself
	// requires 90: both children can pass and complete it while its own
	// score, their mean, stays below 90.
	course := Training{ID: "t", Steps: []Step{
		{ID: "c", Kind: StepCourse, Mandatory: true, RequiredScore: 90, Steps: []Step{
			module("c1", false, 50, KeepBest, 10),
			module("c2", false, 50, KeepBest, 10),
		}},
	}}
	optional := Training{ID: "t", Steps: []Step{module("opt", false, 0, KeepBest, 10)}}
	asOf := at(100)
	attended := func(score int) Attendance {
		return Attendance{Learner: "u1", Step: "s", At: at(50), Score: score, HasScore: true}
	}
	passAll := []learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 8), attempt("u1", "m2", "1", 0, 20, 6)}
	tests := []struct {
		name     string
		reason   string
		tr       Training
		attempts []learnstats.Attempt
		sessions []Attendance
		want     TrainingStatus
	}{
		{"not started: registered only", "AddLearner, no record", plain, nil, nil, TrainingNotStarted},
		{"not started: only attempt after asOf", "an attempt starting at asOf is not counted (S-15)", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 100, 110, 10)}, nil, TrainingNotStarted},
		{"not started: only attendance after asOf", "", plain, nil, []Attendance{{Learner: "u1", Step: "s", At: asOf}}, TrainingNotStarted},
		{"in progress: unfinished attempt", "", plain, []learnstats.Attempt{attempt("u1", "m1", "1", 0, -1, 2)}, nil, TrainingInProgress},
		{"in progress: finish after asOf", "unfinished at asOf, even with failing points", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 100, 2)}, nil, TrainingInProgress},
		{"in progress: one mandatory passed", "m2 and s not done", plain, []learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 8)}, nil, TrainingInProgress},
		{"in progress: attendance only", "an attendance starts the training", plain, nil, []Attendance{attended(100)}, TrainingInProgress},
		{"in progress: optional step failed", "only mandatory steps fail a training", plain,
			[]learnstats.Attempt{attempt("u1", "opt", "1", 0, 10, 1)}, nil, TrainingInProgress},
		{"in progress: no mandatory step", "never completed (S-10), nothing mandatory to fail", optional,
			[]learnstats.Attempt{attempt("u1", "opt", "1", 0, 10, 10)}, nil, TrainingInProgress},
		{"failed: mandatory module failed", "m1 finished, all answered, 30 < 50", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 3)}, nil, TrainingFailed},
		{"failed: mandatory session failed", "trainer's score 20 < 50, modules not done", plain, nil, []Attendance{attended(20)}, TrainingFailed},
		{"failed: keep newest, newest failed", "m2's earlier pass does not count", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 8), attempt("u1", "m2", "1", 0, 20, 9), attempt("u1", "m2", "2", 30, 40, 1)},
			[]Attendance{attended(100)}, TrainingFailed},
		{"in progress: failed then passed", "keep best: a later pass makes m1 passed", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 3), attempt("u1", "m1", "2", 20, 30, 7)}, nil, TrainingInProgress},
		{"failed: the pass is after asOf", "the retake finishing after asOf does not count yet", plain,
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 3), attempt("u1", "m1", "2", 20, 130, 7)}, nil, TrainingFailed},
		{"completed: session passed below required", "every mandatory step completed, s scored 20 < 50: completed, not failed", plain,
			passAll, []Attendance{attended(20)}, TrainingCompleted},
		{"completed: course below its required score", "c1 and c2 pass with 60, the course's 60 < 90", course,
			[]learnstats.Attempt{attempt("u1", "c1", "1", 0, 10, 6), attempt("u1", "c2", "1", 0, 20, 6)}, nil, TrainingCompleted},
		{"passed: course", "c1 and c2 with 90 and 100, the course's 95 ≥ 90", course,
			[]learnstats.Attempt{attempt("u1", "c1", "1", 0, 10, 9), attempt("u1", "c2", "1", 0, 20, 10)}, nil, TrainingPassed},
		{"passed", "every mandatory step passed", plain, passAll, []Attendance{attended(50)}, TrainingPassed},
		{"passed: optional step failed", "optional steps do not matter", plain,
			append([]learnstats.Attempt{attempt("u1", "opt", "1", 0, 10, 0)}, passAll...), []Attendance{attended(100)}, TrainingPassed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOneAsOf(t, tc.tr, Options{}, asOf, tc.attempts, tc.sessions...)
			if r.Status != tc.want {
				t.Errorf("%s: status %v, want %v (completed %v, passed %v, steps %+v)", tc.reason, r.Status, tc.want, r.Completed, r.Passed, r.Steps)
			}
			// The status agrees with Rule S-10's flags.
			switch {
			case r.Status == TrainingPassed && !(r.Completed && r.Passed),
				r.Status == TrainingCompleted && !(r.Completed && !r.Passed),
				r.Status != TrainingPassed && r.Status != TrainingCompleted && r.Completed:
				t.Errorf("status %v with completed %v, passed %v", r.Status, r.Completed, r.Passed)
			}
		})
	}
}

// TestS16_StatusWords: the statuses print as a results page shows them.
func TestS16_StatusWords(t *testing.T) {
	for s, want := range map[TrainingStatus]string{
		TrainingNotStarted: "Not started", TrainingInProgress: "In progress", TrainingFailed: "Failed",
		TrainingCompleted: "Completed", TrainingPassed: "Passed", TrainingStatus(9): "TrainingStatus(9)",
	} {
		if got := s.String(); got != want {
			t.Errorf("TrainingStatus(%d).String() = %q, want %q", s, got, want)
		}
	}
	if TrainingStatus(0) != TrainingNotStarted {
		t.Error("the zero TrainingStatus must be Not started")
	}
	for s, want := range map[Status]string{StatusPending: "pending", StatusPassed: "passed", StatusFailed: "failed", Status(7): "Status(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", s, got, want)
		}
	}
	for k, want := range map[StepKind]string{StepModule: "module", StepCourse: "course", StepLiveSession: "live session", StepKind(5): "StepKind(5)"} {
		if got := k.String(); got != want {
			t.Errorf("StepKind(%d).String() = %q, want %q", k, got, want)
		}
	}
	if got := Keep(7).String(); got != "Keep(7)" {
		t.Errorf("Keep(7).String() = %q", got)
	}
}

// TestStepStarted: a step is started when the learner has a record for it
// counted at asOf (Rule S-15): an attempt at a module or at one of a
// course's modules, an attendance at a session.
func TestStepStarted(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("m", true, 50, KeepBest, 10),
		module("later", true, 50, KeepBest, 10),
		module("none", true, 50, KeepBest, 10),
		{ID: "c", Kind: StepCourse, Steps: []Step{module("c1", false, 0, KeepBest, 10)}},
		{ID: "s", Kind: StepLiveSession},
		{ID: "s2", Kind: StepLiveSession},
	}}
	r := scoreOneAsOf(t, tr, Options{}, at(100), []learnstats.Attempt{
		attempt("u1", "m", "1", 0, -1, 1), attempt("u1", "later", "1", 100, 110, 1), attempt("u1", "c1", "1", 0, 10, 1),
	}, Attendance{Learner: "u1", Step: "s", At: at(5)}, Attendance{Learner: "u1", Step: "s2", At: at(100)})
	for id, want := range map[learnstats.StepID]bool{"m": true, "later": false, "none": false, "c": true, "c1": true, "s": true, "s2": false} {
		if got := stepOf(t, r, id).Started; got != want {
			t.Errorf("step %s: Started = %v, want %v", id, got, want)
		}
	}
}
