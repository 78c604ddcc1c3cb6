package scoring

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
	acc := &TrainingAccumulator{Training: explainTraining, Options: opts}
	for _, a := range []Attempt{
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
	res, _ := acc.Result()
	if diff := cmp.Diff(res[0], e.Result); diff != "" {
		t.Errorf("explained result differs from Result (-want +got):\n%s", diff)
	}
	// Structure: which attempts counted, which steps entered the score.
	type row struct {
		Step    StepID
		InScore bool
		Counted []AttemptID
		Left    []AttemptID
		Scored  []ActivityID
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
		{Step: "quiz", InScore: true, Counted: []AttemptID{"1"}, Left: []AttemptID{"2", "3"}, Scored: []ActivityID{"a1", "a2", "a4"}},
		{Step: "retake", InScore: true, Counted: []AttemptID{"9"}, Left: []AttemptID{"7", "8"}, Scored: []ActivityID{"a1"}},
		{Step: "extra", Scored: []ActivityID{"a1"}},
		{Step: "course", InScore: true},
		{Step: "reading", Scored: []ActivityID{"a1"}},
		{Step: "class"},
		{Step: "survey", InScore: true, Counted: []AttemptID{"1"}},
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
	acc := &TrainingAccumulator{Training: tr, Options: Options{ExcludeEmpty: true}}
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
	acc2 := &TrainingAccumulator{Training: Training{ID: "free", Steps: []Step{module("m", false, 0, KeepBest, 10)}}}
	acc2.AddLearner("u2")
	e2, err := acc2.Explain("u2")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "explain_exclude_empty.golden", e.String()+"\n"+e2.String())
}

func TestS14_AnswerAndTagExplanations(t *testing.T) {
	var acc AnswerAccumulator
	for _, a := range []QuestionAnswer{qa("u1", "Q1", "0"), qa("u1", "Q1", "100"), qa("u1", "Q2", "50")} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	ae, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	want := []QuestionExplanation{{"Q1", 2, WholePoints(100)}, {"Q2", 1, WholePoints(50)}}
	if diff := cmp.Diff(want, ae.Questions); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var tags TagAccumulator
	_ = tags.Add(TaggedAnswer{Learner: "u1", Question: "q1", Tags: []TagID{"sales"}, Score: WholePoints(80)})
	_ = tags.Add(TaggedAnswer{Learner: "u1", Question: "q1", Tags: []TagID{"sales"}, Score: WholePoints(100)})
	_ = tags.AddAssessment(AssessmentScore{Learner: "u1", Assessment: "final", Tags: []TagID{"sales"}, Score: WholePoints(45)})
	te, err := tags.Explain("u1", "sales")
	if err != nil {
		t.Fatal(err)
	}
	if te.Result.Average.Int() != 68 { // (90 + 45) / 2 = 67.5
		t.Errorf("tag average %v, want 68", te.Result.Average)
	}
	if _, err := tags.Explain("u1", "law"); err == nil {
		t.Error("Explain of a missing tag must fail")
	}
	golden(t, "explain_answers.golden", ae.String()+"\n"+te.String())
}
