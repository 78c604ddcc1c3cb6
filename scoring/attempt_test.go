package scoring

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func TestS1_AttemptScore(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		max    []int64
		points []int64
		want   int
		exact  learnstats.Ratio
	}{
		{"spec example", "max [10,10,0,20], points [10,5,0,12] → 27/40 → 68", []int64{10, 10, 0, 20}, []int64{10, 5, 0, 12}, 68, percent(27, 40)},
		{"half rounds up", "23 of 40 is 57.5 → 58, not the float 57", []int64{40}, []int64{23}, 58, percent(23, 40)},
		{"weighted by max", "10/10 and 0/30 → 10/40 = 25, not the mean of 100 and 0", []int64{10, 30}, []int64{10, 0}, 25, percent(10, 40)},
		{"unanswered counts 0", "an unanswered activity keeps its max in Σmax", []int64{10, 10}, []int64{10, -1}, 50, percent(10, 20)},
		{"full marks", "", []int64{5, 5}, []int64{5, 5}, 100, percent(10, 10)},
		{"zero", "", []int64{5, 5}, []int64{0, 0}, 0, percent(0, 10)},
		{"just below half", "1/200 = 0.5 → 1; 0.4999 would be 0", []int64{200}, []int64{1}, 1, percent(1, 200)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t", Steps: []Step{module("m", true, 0, KeepBest, tc.max...)}}
			r := scoreOne(t, tr, Options{}, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, tc.points...)})
			s := stepOf(t, r, "m")
			if s.Score.Int() != int64(tc.want) {
				t.Errorf("score %d, want %d (%s)", s.Score.Int(), tc.want, tc.reason)
			}
			if diff := cmp.Diff(tc.exact, s.Score); diff != "" {
				t.Errorf("exact score (-want +got):\n%s", diff)
			}
		})
	}
}

func TestS2_ModuleWithoutScoredActivity(t *testing.T) {
	tests := []struct {
		name      string
		reason    string
		step      Step
		attempts  []learnstats.Attempt
		wantScore learnstats.Ratio
		wantHas   bool
		wantDone  bool
	}{
		{"finished max-0 module", "Opigno's manual: 100 once the module is completed", module("m", true, 50, KeepBest, 0, 0),
			[]learnstats.Attempt{attempt("u1", "m", "1", 0, 5, 0, 0)}, percent(1, 1), true, true},
		{"finished max-0 keep newest", "keep does not matter; Opigno 3.0 code would store 0 with keep best", module("m", true, 100, KeepNewest, 0),
			[]learnstats.Attempt{attempt("u1", "m", "1", 0, 5, 0)}, percent(1, 1), true, true},
		{"unfinished max-0 module", "an unfinished attempt has no score", module("m", true, 50, KeepBest, 0, 0),
			[]learnstats.Attempt{attempt("u1", "m", "1", 0, -1, 0, 0)}, learnstats.Ratio{}, false, false},
		{"finished max-0 module, activity unanswered", "scores 100 but does not pass (Rule S-4 needs every answer)", module("m", true, 50, KeepBest, 0, 0),
			[]learnstats.Attempt{attempt("u1", "m", "1", 0, 5, 0, -1)}, percent(1, 1), true, false},
		{"module without activities", "vacuously no scored activity", Step{ID: "m", Kind: StepModule, Mandatory: true},
			[]learnstats.Attempt{attempt("u1", "m", "1", 0, 5)}, percent(1, 1), true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := scoreOne(t, Training{ID: "t", Steps: []Step{tc.step}}, Options{}, tc.attempts)
			s := stepOf(t, r, "m")
			if diff := cmp.Diff(tc.wantScore, s.Score); diff != "" || s.HasScore != tc.wantHas {
				t.Errorf("%s: score %v has %v, want %v %v (-want +got):\n%s", tc.reason, s.Score, s.HasScore, tc.wantScore, tc.wantHas, diff)
			}
			if s.Completed != tc.wantDone {
				t.Errorf("%s: completed %v, want %v", tc.reason, s.Completed, tc.wantDone)
			}
		})
	}
}

func TestScoreAttempt(t *testing.T) {
	step := module("m", true, 60, KeepBest, 10, 10, 0, 20)
	got, err := ScoreAttempt(step, attempt("u1", "m", "1", 0, 10, 10, 5, 0, 12))
	if err != nil {
		t.Fatal(err)
	}
	want := AttemptScore{Points: learnstats.WholePoints(27), Max: learnstats.WholePoints(40), Score: percent(27, 40), HasScore: true, Answered: 4, Activities: 4, Passed: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScoreAttempt (-want +got):\n%s", diff)
	}
	got, err = ScoreAttempt(step, attempt("u1", "m", "2", 0, -1, 10, 5))
	if err != nil {
		t.Fatal(err)
	}
	want = AttemptScore{Points: learnstats.WholePoints(15), Max: learnstats.WholePoints(40), Answered: 2, Activities: 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScoreAttempt unfinished (-want +got):\n%s", diff)
	}
}
