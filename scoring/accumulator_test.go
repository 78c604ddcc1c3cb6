package scoring

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func TestResetKeepsLearners(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	acc := &TrainingAccumulator{Training: tr}
	for _, a := range []Attempt{attempt("u2", "m", "1", 0, 10, 8), attempt("u1", "m", "1", 0, 10, 3)} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	first, _ := acc.Result()
	acc.Reset()
	res, _ := acc.Result()
	if len(res) != 2 || res[0].Learner != "u1" || res[1].Learner != "u2" || res[0].Steps[0].HasScore || res[1].Steps[0].HasScore {
		t.Fatalf("after Reset: %+v, want u1 and u2 without scores", res)
	}
	// A second round gives the first round's results again, in the reused
	// memory.
	for _, a := range []Attempt{attempt("u1", "m", "1", 0, 10, 3), attempt("u2", "m", "1", 0, 10, 8)} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	again, err := acc.ResultInto(res)
	if err != nil {
		t.Fatal(err)
	}
	if &again[0] != &res[0] || &again[0].Steps[0] != &res[0].Steps[0] {
		t.Error("ResultInto did not reuse the memory")
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("second round (-want +got):\n%s", diff)
	}
	// A new learner after Reset is sorted in.
	if err := acc.Add(attempt("u0", "m", "1", 0, 10, 10)); err != nil {
		t.Fatal(err)
	}
	res, _ = acc.ResultInto(again)
	if got := []string{string(res[0].Learner), string(res[1].Learner), string(res[2].Learner)}; strings.Join(got, ",") != "u0,u1,u2" {
		t.Errorf("order %v", got)
	}
}

// TestS3_ManyAttemptsAndActivities covers the indexed paths: a learner with
// more attempts than manyAttempts, re-delivered attempts after the switch,
// and a module with more than 64 activities.
func TestS3_ManyAttemptsAndActivities(t *testing.T) {
	maxes := make([]int64, 70)
	for i := range maxes {
		maxes[i] = 1
	}
	tr := Training{ID: "t", Steps: []Step{module("big", true, 50, KeepNewest, maxes...)}}
	acc := &TrainingAccumulator{Training: tr}
	const n = 40
	for k := range n {
		// First delivery: activities a1…a35, second: a36…a70 (k-th attempt
		// gets k points in the second half, capped at 35).
		first := attempt("u1", "big", AttemptID(fmt.Sprint(k)), 10*k, 10*k+5)
		for i := range 35 {
			first.Answers = append(first.Answers, Answer{Activity: ActivityID(fmt.Sprintf("a%d", i+1)), Points: WholePoints(1)})
		}
		if err := acc.Add(first); err != nil {
			t.Fatal(err)
		}
	}
	for k := range n {
		second := attempt("u1", "big", AttemptID(fmt.Sprint(k)), 10*k, 10*k+5)
		for i := 35; i < 70; i++ {
			p := int64(0)
			if i-35 < k {
				p = 1
			}
			second.Answers = append(second.Answers, Answer{Activity: ActivityID(fmt.Sprintf("a%d", i+1)), Points: WholePoints(p)})
		}
		if err := acc.Add(second); err != nil {
			t.Fatal(err)
		}
	}
	// Re-delivering a70 of attempt 3 is a duplicate even across the map path.
	dup := attempt("u1", "big", "3", 30, 35)
	dup.Answers = []Answer{{Activity: "a70", Points: 0}}
	if err := acc.Add(dup); err == nil {
		t.Fatal("duplicate answer across deliveries not detected")
	}
	res, _ := acc.Result()
	s := res[0].Steps[0]
	// Newest is attempt 39: 35 + 35 points (39 capped at 35) of 70.
	want := StepResult{Step: "big", Kind: StepModule, Mandatory: true, Score: Percent{70, 70}, HasScore: true,
		Completed: true, CompletedAt: at(395), Status: StatusPassed, TimeSpent: n * 5 * time.Minute,
		Answered: 70, Activities: 70, Attempts: n, Finished: n}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// After Reset the learner has few attempts again: re-deliveries of an
	// attempt are still combined.
	acc.Reset()
	for _, a := range []Attempt{attempt("u1", "big", "x", 0, 5, 1), attempt("u1", "big", "x", 0, 5, -1, 1)} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	res, _ = acc.Result()
	if s := res[0].Steps[0]; s.Attempts != 1 || !s.Score.Equal(Percent{2, 70}) {
		t.Errorf("after Reset: %d attempts, score %v; want 1 attempt, 2/70", s.Attempts, s.Score)
	}
	acc.Reset()
	for k := range n {
		if err := acc.Add(attempt("u1", "big", AttemptID(fmt.Sprint(k)), 10*k, 10*k+5, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := acc.Add(dup); err != nil { // attempt 3 now answers a70 too
		t.Fatal(err)
	}
	// Merging the same attempts from another accumulator conflicts.
	other := &TrainingAccumulator{Training: tr}
	if err := other.Add(dup); err != nil {
		t.Fatal(err)
	}
	if err := acc.Merge(other); err == nil {
		t.Error("merge of a duplicate answer in a 70-activity module not detected")
	}
}

func TestS14_ExplanationKeepsLocations(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	a := Attempt{ID: "1", Learner: "u1", Step: "m", Start: time.Date(2026, 10, 25, 2, 30, 0, 0, paris), Finish: time.Date(2026, 10, 25, 2, 45, 0, 0, time.UTC),
		Answers: []Answer{{"a1", WholePoints(10)}}}
	acc := &TrainingAccumulator{Training: tr}
	if err := acc.Add(a); err != nil {
		t.Fatal(err)
	}
	e, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	got := e.String()
	for _, want := range []string{"2026-10-25T02:30:00+01:00 → 2026-10-25T02:45:00Z", "time 1h15m0s"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	if at := e.Result.CompletedAt; at.Location() != time.UTC || !at.Equal(a.Finish) {
		t.Errorf("CompletedAt %v, want the finish in its own location", at)
	}
}

func TestScoreTrainingOneCall(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 40), {ID: "s", Kind: StepLiveSession, Mandatory: true}}}
	attempts := []Attempt{attempt("u2", "m", "1", 0, 10, 23), attempt("u1", "m", "1", 0, 10, 40)}
	sessions := []Attendance{{Learner: "u3", Step: "s", At: at(1)}}
	res, err := ScoreTraining(tr, Options{}, slices.Values(attempts), slices.Values(sessions))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		got = append(got, fmt.Sprintf("%s %d %d", r.Learner, r.Score.Int(), r.Progress.Int()))
	}
	// u1: (100 + 0) / 2 = 50; u2: (58 + 0) / 2 = 29; u3: (0 + 100) / 2 = 50.
	if diff := cmp.Diff([]string{"u1 50 50", "u2 29 50", "u3 50 50"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ScoreTraining(tr, Options{}, slices.Values([]Attempt{attempt("u1", "m", "1", 0, 10, 41)}), nil); !errors.Is(err, ErrInvalidPoints) {
		t.Errorf("error %v, want ErrInvalidPoints", err)
	}
	if _, err := ScoreTraining(tr, Options{}, nil, slices.Values([]Attendance{{Learner: "u1", Step: "m"}})); !errors.Is(err, ErrUnknownStep) {
		t.Errorf("error %v, want ErrUnknownStep", err)
	}
	if _, err := ScoreTraining(Training{Steps: []Step{{}}}, Options{}, nil, nil); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("error %v, want ErrInvalidTraining", err)
	}
	acc := &TrainingAccumulator{Training: tr}
	for _, id := range []learnstats.UserID{"b", "a", "c", "a"} {
		acc.AddLearner(id)
	}
	if diff := cmp.Diff([]learnstats.UserID{"a", "b", "c"}, acc.Learners()); diff != "" {
		t.Errorf("Learners (-want +got):\n%s", diff)
	}
	if err := acc.Merge(acc); !errors.Is(err, ErrMismatch) {
		t.Errorf("self merge: %v, want ErrMismatch", err)
	}
}

func TestResultsStreamMatchesResult(t *testing.T) {
	acc := explainAccumulator(t, Options{})
	acc.AddLearner("u0")
	if err := acc.Add(attempt("u9", "quiz", "1", 0, 10, 10, 10, 0, 20)); err != nil {
		t.Fatal(err)
	}
	want, err := acc.Result()
	if err != nil {
		t.Fatal(err)
	}
	seq, err := acc.Results()
	if err != nil {
		t.Fatal(err)
	}
	var got []TrainingResult
	for r := range seq {
		r.Steps = slices.Clone(r.Steps)
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("streamed results (-want +got):\n%s", diff)
	}
	for range seq {
		break // stopping early is fine
	}
	bad := &TrainingAccumulator{Training: Training{Steps: []Step{{}}}}
	if _, err := bad.Results(); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("Results of an invalid training: %v", err)
	}
}
