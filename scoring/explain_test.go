package scoring

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name byte for byte, or rewrites the
// file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// explainTraining has one step of each kind and situation S-14 must
// explain.
var explainTraining = Training{ID: "onboarding", Steps: []Step{
	module("quiz", true, 60, KeepBest, 10, 10, 0, 20),
	module("retake", true, 50, KeepNewest, 10),
	module("extra", false, 0, KeepBest, 10),
	{ID: "course", Kind: StepCourse, Mandatory: true, Steps: []Step{
		module("reading", false, 0, KeepAll, 5),
		{ID: "class", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50},
	}},
	module("survey", true, 0, KeepBest, 0),
}}

func explainAccumulator(t *testing.T, opts Options) *TrainingAccumulator {
	t.Helper()
	acc := newAcc(t, explainTraining, opts)
	for _, a := range []learnstats.Attempt{
		attempt("u1", "quiz", "1", 0, 10, 10, 5, 0, 12),  // 27/40 → 68
		attempt("u1", "quiz", "2", 20, 30, 10, 5, 0, 10), // 25/40 → 63 (lower)
		attempt("u1", "quiz", "3", 40, -1, 10, 10),       // unfinished
		attempt("u1", "retake", "7", 0, 600, 9),          // 10 h, 90
		attempt("u1", "retake", "8", 700, 710, 3),        // newest, 30
		attempt("u1", "retake", "9", 705, 710, 8),        // same finish, higher ID: counted
		attempt("u1", "survey", "1", 0, 5, 0),            // max-0 module → 100
	} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := acc.AddAttendance(Attendance{Learner: "u1", Step: "class", At: at(120), Score: 70, HasScore: true}); err != nil {
		t.Fatal(err)
	}
	return acc
}

func TestS14_Explanation(t *testing.T) {
	acc := explainAccumulator(t, Options{AttemptCap: 8 * time.Hour})
	e, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	res := acc.Result()
	if diff := cmp.Diff(res.Learners[0], e.Result); diff != "" {
		t.Errorf("explained result differs from Result (-want +got):\n%s", diff)
	}
	// Structure: which attempts counted, which steps entered the score.
	type row struct {
		Step    learnstats.StepID
		InScore bool
		Counted []learnstats.AttemptID
		Left    []learnstats.AttemptID
		Scored  []learnstats.ActivityID
	}
	var got []row
	for _, s := range e.Steps {
		r := row{Step: s.Result.Step, InScore: s.InScore}
		for _, a := range s.Attempts {
			if a.Counted {
				r.Counted = append(r.Counted, a.Attempt)
			} else {
				r.Left = append(r.Left, a.Attempt)
			}
		}
		for _, a := range s.Activities {
			if a.Scored {
				r.Scored = append(r.Scored, a.Activity)
			}
		}
		got = append(got, r)
	}
	want := []row{
		{Step: "quiz", InScore: true, Counted: []learnstats.AttemptID{"1"}, Left: []learnstats.AttemptID{"2", "3"}, Scored: []learnstats.ActivityID{"a1", "a2", "a4"}},
		{Step: "retake", InScore: true, Counted: []learnstats.AttemptID{"9"}, Left: []learnstats.AttemptID{"7", "8"}, Scored: []learnstats.ActivityID{"a1"}},
		{Step: "extra", Scored: []learnstats.ActivityID{"a1"}},
		{Step: "course", InScore: true},
		{Step: "reading", Scored: []learnstats.ActivityID{"a1"}},
		{Step: "class"},
		{Step: "survey", InScore: true, Counted: []learnstats.AttemptID{"1"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("explanation structure (-want +got):\n%s", diff)
	}
	// Training score: quiz 68, retake 80, course (0 + 70)/2 = 35, survey 100 → 283/4 = 70.75 → 71.
	if e.Result.Score.Int() != 71 {
		t.Errorf("score %v, want 71", e.Result.Score)
	}
	golden(t, "explain_training.golden", e.String())
}

func TestS14_ExplanationExcludeEmptyAndNoMandatory(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m1", true, 50, KeepBest, 10), module("m2", true, 50, KeepBest, 10)}}
	acc := newAcc(t, tr, Options{ExcludeEmpty: true})
	if err := acc.Add(attempt("u1", "m1", "1", 0, 10, 9)); err != nil {
		t.Fatal(err)
	}
	e, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	if e.Steps[1].InScore || e.Steps[0].InScore != true {
		t.Errorf("exclude empty: m2 must be left out, m1 counted: %+v", e.Steps)
	}
	acc2 := newAcc(t, Training{ID: "free", Steps: []Step{module("m", false, 0, KeepBest, 10)}}, Options{})
	if err := acc2.AddLearner("u2", time.Time{}); err != nil {
		t.Fatal(err)
	}
	e2, err := acc2.Explain("u2")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "explain_exclude_empty.golden", e.String()+"\n"+e2.String())
}

func TestS14_AnswerAndTagExplanations(t *testing.T) {
	var acc AnswerAccumulator
	for _, a := range []learnstats.QuestionAnswer{qa("u1", "Q1", "0"), qa("u1", "Q1", "100"), qa("u1", "Q2", "50")} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	ae, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`question "Q1": 2 answers, total 100`, `question "Q2": 1 answer, total 50`} {
		if !strings.Contains(ae, want) {
			t.Errorf("explanation lacks %q:\n%s", want, ae)
		}
	}
	var tags AnswerAccumulator
	for _, err := range []error{
		tags.Add(tagged("1", "u1", "q1", 80, "sales")),
		tags.Add(tagged("2", "u1", "q1", 100, "sales")),
		tags.AddAssessment(assessed("3", "u1", "final", 45, "sales")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	te, err := tags.ExplainTag("u1", "sales")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(te, "average score: 68% (exactly 67.5)") { // (90 + 45) / 2 = 67.5
		t.Errorf("tag average, want 68%% (exactly 67.5):\n%s", te)
	}
	if _, err := tags.ExplainTag("u1", "law"); !errors.Is(err, ErrUnknownLearner) {
		t.Errorf("Explain of a missing tag: %v, want ErrUnknownLearner", err)
	}
	if _, err := acc.Explain("u9"); !errors.Is(err, ErrUnknownLearner) {
		t.Errorf("Explain of a learner without answers: %v, want ErrUnknownLearner", err)
	}
	golden(t, "explain_answers.golden", ae+"\n"+te)
}

// TestS14_PercentText: explanations print a percentage as its rounded
// integer and, when that is not exact, the exact value.
func TestS14_PercentText(t *testing.T) {
	tests := []struct {
		r    learnstats.Ratio
		want string
	}{
		{percent(23, 40), "58% (exactly 57.5)"},
		{percent(145, 200), "73% (exactly 72.5)"},
		{percent(1, 1), "100%"},
		{percent(1, 3), "33% (exactly 100/3)"},
		{percent(2, 3), "67% (exactly 200/3)"},
		{percent(1, 8), "13% (exactly 12.5)"},
		{percent(1, 1600), "0% (exactly 0.0625)"},
		{percent(0, 7), "0%"},
	}
	for _, tc := range tests {
		if got := pct(tc.r); got != tc.want {
			t.Errorf("pct(%v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}
