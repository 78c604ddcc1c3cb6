package scoring

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func TestS6_TrainingScore(t *testing.T) {
	// Modules m1, m2 with one 100-point activity: points = score.
	tests := []struct {
		name         string
		reason       string
		mandatory    [3]bool
		opts         Options
		points       [3]int64 // -1: no attempt, -2: unfinished attempt
		want         learnstats.Ratio
		wantInt      int64
		hasMandatory bool
		counted      int
	}{
		{"spec [80, 65]", "72.5 → 73", [3]bool{true, true, false}, Options{}, [3]int64{80, 65, 10}, percent(145, 200), 73, true, 2},
		{"spec [90, not attempted]", "unattempted counts 0: 45", [3]bool{true, true, false}, Options{}, [3]int64{90, -1, 10}, percent(90, 200), 45, true, 2},
		{"unfinished counts 0", "only finished attempts have a score", [3]bool{true, true, false}, Options{}, [3]int64{90, -2, 10}, percent(90, 200), 45, true, 2},
		{"exclude empty", "Moodle's exclude empty grades: [90] → 90", [3]bool{true, true, false}, Options{ExcludeEmpty: true}, [3]int64{90, -1, 10}, percent(90, 100), 90, true, 1},
		{"exclude empty, none scored", "no step counted: 0", [3]bool{true, true, false}, Options{ExcludeEmpty: true}, [3]int64{-1, -1, 10}, percent(0, 1), 0, true, 0},
		{"optional steps ignored", "m3 (optional, 10) does not count", [3]bool{true, false, false}, Options{}, [3]int64{80, 20, 10}, percent(80, 100), 80, true, 1},
		{"no mandatory step", "score 0 and flagged", [3]bool{false, false, false}, Options{}, [3]int64{80, 65, 10}, percent(0, 1), 0, false, 0},
		{"step scores rounded first", "57.5 → 58 and 50 → mean 54", [3]bool{true, true, false}, Options{}, [3]int64{-3, 50, 10}, percent(108, 200), 54, true, 2},
		{"three steps", "[33, 33, 34] → 33.33 → 33", [3]bool{true, true, true}, Options{}, [3]int64{33, 33, 34}, percent(100, 300), 33, true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t"}
			var attempts []learnstats.Attempt
			for i := range 3 {
				id := learnstats.StepID([]string{"m1", "m2", "m3"}[i])
				s := module(id, tc.mandatory[i], 0, KeepBest, 100)
				switch p := tc.points[i]; p {
				case -1:
				case -2:
					attempts = append(attempts, attempt("u1", id, "1", 0, -1, 50))
				case -3: // 57.5 %
					s = module(id, tc.mandatory[i], 0, KeepBest, 40)
					attempts = append(attempts, attempt("u1", id, "1", 0, 1, 23))
				default:
					attempts = append(attempts, attempt("u1", id, "1", 0, 1, p))
				}
				tr.Steps = append(tr.Steps, s)
			}
			r := scoreOne(t, tr, tc.opts, attempts)
			if diff := cmp.Diff(tc.want, r.Score); diff != "" {
				t.Errorf("%s: score (-want +got):\n%s", tc.reason, diff)
			}
			if r.Score.Int() != tc.wantInt || r.HasMandatory != tc.hasMandatory || r.Counted != tc.counted {
				t.Errorf("%s: got %d has %v counted %d, want %d %v %d", tc.reason, r.Score.Int(), r.HasMandatory, r.Counted, tc.wantInt, tc.hasMandatory, tc.counted)
			}
		})
	}
}

func TestS7_CourseStep(t *testing.T) {
	course := Step{ID: "c", Kind: StepCourse, Mandatory: true, RequiredScore: 50, Steps: []Step{
		module("c1", true, 0, KeepBest, 100),
		module("c2", false, 0, KeepBest, 100),
		module("c3", false, 0, KeepBest, 100),
	}}
	tests := []struct {
		name     string
		reason   string
		attempts []learnstats.Attempt
		want     learnstats.Ratio
		wantInt  int64
		has      bool
		done     bool
		status   Status
	}{
		{"all children", "mandatory or not: (80 + 60 + 45) / 3 = 61.67 → 62", []learnstats.Attempt{
			attempt("u1", "c1", "1", 0, 10, 80), attempt("u1", "c2", "1", 0, 20, 60), attempt("u1", "c3", "1", 0, 30, 45)},
			percent(185, 300), 62, true, true, StatusPassed},
		{"unattempted child counts 0", "(90 + 0 + 0) / 3 = 30", []learnstats.Attempt{attempt("u1", "c1", "1", 0, 10, 90)},
			percent(90, 300), 30, true, false, StatusPending},
		{"no child scored", "no score, counts 0 in the training", nil, learnstats.Ratio{}, 0, false, false, StatusPending},
		{"all done, below required", "(40 + 40 + 40)/3 = 40 < 50", []learnstats.Attempt{
			attempt("u1", "c1", "1", 0, 10, 40), attempt("u1", "c2", "1", 0, 20, 40), attempt("u1", "c3", "1", 0, 30, 40)},
			percent(120, 300), 40, true, true, StatusFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOne(t, Training{ID: "t", Steps: []Step{course}}, Options{}, tc.attempts)
			s := stepOf(t, r, "c")
			if diff := cmp.Diff(tc.want, s.Score); diff != "" {
				t.Errorf("%s: score (-want +got):\n%s", tc.reason, diff)
			}
			if s.Score.Int() != tc.wantInt || s.HasScore != tc.has || s.Completed != tc.done || s.Status != tc.status {
				t.Errorf("%s: got %d has %v done %v %v, want %d %v %v %v", tc.reason, s.Score.Int(), s.HasScore, s.Completed, s.Status, tc.wantInt, tc.has, tc.done, tc.status)
			}
			if r.Score.Int() != tc.wantInt {
				t.Errorf("training score %d, want the course's %d", r.Score.Int(), tc.wantInt)
			}
			if c1 := stepOf(t, r, "c1"); c1.Parent != "c" {
				t.Errorf("child parent %q, want c", c1.Parent)
			}
		})
	}
	// Completion date of a course is the latest child's.
	r := scoreOne(t, Training{ID: "t", Steps: []Step{course}}, Options{}, []learnstats.Attempt{
		attempt("u1", "c1", "1", 0, 10, 80), attempt("u1", "c2", "1", 0, 70, 60), attempt("u1", "c3", "1", 0, 30, 45)})
	if s := stepOf(t, r, "c"); !s.CompletedAt.Equal(at(70)) {
		t.Errorf("course completed at %v, want %v", s.CompletedAt, at(70))
	}
}

func TestS8_TrainingProgress(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("A", true, 0, KeepBest, 10, 10, 0, 10),
		module("B", false, 0, KeepBest, 5, 5),
		{ID: "class", Kind: StepLiveSession, Mandatory: true},
		{ID: "optional class", Kind: StepLiveSession},
	}}
	tests := []struct {
		name     string
		reason   string
		attempts []learnstats.Attempt
		sessions []Attendance
		want     learnstats.Ratio
		wantInt  int64
	}{
		{"spec example", "A 3 of 4, B 0 of 2, mandatory classroom attended → 4/7 → 57", []learnstats.Attempt{
			attempt("u1", "A", "1", 0, 10, 10, -1, 0, 5)}, []Attendance{{Learner: "u1", Step: "class", At: at(20)}, {Learner: "u1", Step: "optional class", At: at(20)}},
			percent(4, 7), 57},
		{"answers across attempts, unfinished included", "a1 in 1, a2 in unfinished 2 → A 2 of 4 → 2/7 → 29", []learnstats.Attempt{
			attempt("u1", "A", "1", 0, 10, 10), attempt("u1", "A", "2", 20, -1, -1, 3)}, nil, percent(2, 7), 29},
		{"repeated answers count once", "a1 answered in two attempts → 1/7 → 14", []learnstats.Attempt{
			attempt("u1", "A", "1", 0, 10, 10), attempt("u1", "A", "2", 20, 30, 2)}, nil, percent(1, 7), 14},
		{"everything", "7/7", []learnstats.Attempt{attempt("u1", "A", "1", 0, 10, 1, 1, 0, 1), attempt("u1", "B", "1", 0, 10, 1, 1)},
			[]Attendance{{Learner: "u1", Step: "class", At: at(20)}}, percent(7, 7), 100},
		{"nothing", "", nil, nil, percent(0, 7), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOne(t, tr, Options{}, tc.attempts, tc.sessions...)
			if diff := cmp.Diff(tc.want, r.Progress); diff != "" || r.Progress.Int() != tc.wantInt {
				t.Errorf("%s: progress %d (-want +got):\n%s", tc.reason, r.Progress.Int(), diff)
			}
		})
	}
	// A training with nothing to count.
	r := scoreOne(t, Training{ID: "e", Steps: []Step{{ID: "s", Kind: StepLiveSession}}}, Options{}, nil)
	if !r.Progress.Equal(percent(0, 1)) || r.Answered != 0 || r.Activities != 0 {
		t.Errorf("empty training progress %v (%d of %d), want 0 (0 of 0)", r.Progress, r.Answered, r.Activities)
	}
}

func TestS10_TrainingCompletion(t *testing.T) {
	tests := []struct {
		name     string
		reason   string
		steps    []Step
		attempts []learnstats.Attempt
		sessions []Attendance
		done     bool
		doneAt   time.Time
		passed   bool
	}{
		{"all mandatory completed", "date = latest completion over all steps, optional m3 included",
			[]Step{module("m1", true, 50, KeepBest, 10), module("m2", true, 50, KeepBest, 10), module("m3", false, 50, KeepBest, 10)},
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 6), attempt("u1", "m2", "1", 0, 40, 7), attempt("u1", "m3", "1", 0, 90, 10)},
			nil, true, at(90), true},
		{"one mandatory not completed", "", []Step{module("m1", true, 50, KeepBest, 10), module("m2", true, 50, KeepBest, 10)},
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 6), attempt("u1", "m2", "1", 0, 40, 2)}, nil, false, time.Time{}, false},
		{"optional not completed", "only mandatory steps are needed", []Step{module("m1", true, 50, KeepBest, 10), module("m2", false, 50, KeepBest, 10)},
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 6)}, nil, true, at(10), true},
		{"no mandatory step", "never completed, never passed", []Step{module("m1", false, 50, KeepBest, 10)},
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 10)}, nil, false, time.Time{}, false},
		{"completed but session failed", "a live session attended with a score below required completes but does not pass",
			[]Step{module("m1", true, 50, KeepBest, 10), {ID: "s", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50}},
			[]learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 6)}, []Attendance{{Learner: "u1", Step: "s", At: at(30), Score: 20, HasScore: true}},
			true, at(30), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOne(t, Training{ID: "t", Steps: tc.steps}, Options{}, tc.attempts, tc.sessions...)
			if r.Completed != tc.done || !r.CompletedAt.Equal(tc.doneAt) || r.Passed != tc.passed {
				t.Errorf("%s: completed %v at %v passed %v, want %v %v %v", tc.reason, r.Completed, r.CompletedAt, r.Passed, tc.done, tc.doneAt, tc.passed)
			}
		})
	}
}

func TestS11_TimeSpent(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("m1", true, 0, KeepBest, 10),
		{ID: "c", Kind: StepCourse, Steps: []Step{module("m2", false, 0, KeepBest, 10)}},
		{ID: "s", Kind: StepLiveSession, Mandatory: true},
	}}
	attempts := []learnstats.Attempt{
		attempt("u1", "m1", "1", 0, 30, 1),      // 30 min
		attempt("u1", "m1", "2", 60, 60+600, 1), // 10 h
		attempt("u1", "m1", "3", 700, -1, 1),    // unfinished: not counted
		attempt("u1", "m2", "1", 0, 45, 1),      // 45 min
	}
	tests := []struct {
		name   string
		reason string
		opts   Options
		m1     time.Duration
		total  time.Duration
	}{
		{"no cap", "Σ(finish − start) over finished attempts", Options{}, 10*time.Hour + 30*time.Minute, 10*time.Hour + 75*time.Minute},
		{"8 h cap", "Opigno's dashboards: the 10 h attempt counts 8 h", Options{AttemptCap: 8 * time.Hour}, 8*time.Hour + 30*time.Minute, 8*time.Hour + 75*time.Minute},
		{"cap exactly an attempt", "a 30 min cap leaves the 30 min attempt whole", Options{AttemptCap: 30 * time.Minute}, 60 * time.Minute, 90 * time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOne(t, tr, tc.opts, attempts, Attendance{Learner: "u1", Step: "s", At: at(5)})
			if got := stepOf(t, r, "m1").TimeSpent; got != tc.m1 {
				t.Errorf("%s: m1 %v, want %v", tc.reason, got, tc.m1)
			}
			if r.TimeSpent != tc.total {
				t.Errorf("%s: training %v, want %v", tc.reason, r.TimeSpent, tc.total)
			}
		})
	}
}
