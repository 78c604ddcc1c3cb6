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

// TestResultOrderedByLearner: results come in increasing learner ID order
// whatever the order records arrive in, and Learner finds each one.
func TestResultOrderedByLearner(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	acc := newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{attempt("u2", "m", "1", 0, 10, 8), attempt("u1", "m", "1", 0, 10, 3)})
	if err := acc.Add(attempt("u0", "m", "1", 0, 10, 10)); err != nil {
		t.Fatal(err)
	}
	res := acc.Result(time.Time{})
	var got []string
	for _, r := range res.Learners {
		got = append(got, fmt.Sprintf("%s %d", r.Learner, r.Score.Int()))
	}
	if diff := cmp.Diff([]string{"u0 100", "u1 30", "u2 80"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	for _, r := range res.Learners {
		l, ok := res.Learner(r.Learner)
		if !ok {
			t.Fatalf("Learner(%q) not found", r.Learner)
		}
		if diff := cmp.Diff(r, l); diff != "" {
			t.Errorf("Learner(%q) (-want +got):\n%s", r.Learner, diff)
		}
	}
	if _, ok := res.Learner("u9"); ok {
		t.Error("Learner found a learner never added")
	}
	if res.Training != "t" || !res.AsOf.IsZero() {
		t.Errorf("training %q as of %v, want t, zero", res.Training, res.AsOf)
	}
}

// TestResultIsASnapshot: a result does not share memory with the
// accumulator, which may go on taking records.
func TestResultIsASnapshot(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}
	acc := newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 3, -1)})
	first := acc.Result(time.Time{})
	keep := acc.Result(time.Time{})
	fill(t, acc, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, -1, 7), attempt("u1", "m", "2", 20, 30, 10, 10), attempt("u2", "m", "1", 0, 10, 1)})
	if diff := cmp.Diff(keep, first); diff != "" {
		t.Errorf("adding records changed an earlier result (-want +got):\n%s", diff)
	}
	if got := acc.Result(time.Time{}).Learners[0].Steps[0].Score; !got.Equal(percent(20, 20)) {
		t.Errorf("later score %v, want 100", got)
	}
}

// TestS3_ManyAttemptsAndActivities covers the indexed paths: a learner with
// more attempts than indexFrom, re-delivered attempts after the switch,
// and a module with more than 64 activities.
func TestS3_ManyAttemptsAndActivities(t *testing.T) {
	maxes := make([]int64, 70)
	for i := range maxes {
		maxes[i] = 1
	}
	tr := Training{ID: "t", Steps: []Step{module("big", true, 50, KeepNewest, maxes...)}}
	acc := newAcc(t, tr, Options{})
	const n = 40
	if n <= indexFrom {
		t.Fatalf("n = %d does not reach the index (indexFrom = %d)", n, indexFrom)
	}
	for k := range n {
		// First delivery: activities a1…a35, second: a36…a70 (k-th attempt
		// gets k points in the second half, capped at 35).
		first := attempt("u1", "big", learnstats.AttemptID(fmt.Sprint(k)), 10*k, 10*k+5)
		for i := range 35 {
			first.Answers = append(first.Answers, learnstats.Answer{Activity: learnstats.ActivityID(fmt.Sprintf("a%d", i+1)), Points: learnstats.WholePoints(1)})
		}
		if err := acc.Add(first); err != nil {
			t.Fatal(err)
		}
	}
	for k := range n {
		second := attempt("u1", "big", learnstats.AttemptID(fmt.Sprint(k)), 10*k, 10*k+5)
		for i := 35; i < 70; i++ {
			p := int64(0)
			if i-35 < k {
				p = 1
			}
			second.Answers = append(second.Answers, learnstats.Answer{Activity: learnstats.ActivityID(fmt.Sprintf("a%d", i+1)), Points: learnstats.WholePoints(p)})
		}
		if err := acc.Add(second); err != nil {
			t.Fatal(err)
		}
	}
	// Re-delivering a70 of attempt 3 is a duplicate even across the map path.
	dup := attempt("u1", "big", "3", 30, 35)
	dup.Answers = []learnstats.Answer{{Activity: "a70", Points: 0}}
	if err := acc.Add(dup); !errors.Is(err, ErrDuplicateAnswer) {
		t.Fatalf("duplicate answer across deliveries: %v, want ErrDuplicateAnswer", err)
	}
	s := acc.Result(time.Time{}).Learners[0].Steps[0]
	// Newest is attempt 39: 35 + 35 points (39 capped at 35) of 70.
	want := StepResult{Step: "big", Kind: StepModule, Mandatory: true, Score: percent(70, 70), HasScore: true,
		Completed: true, CompletedAt: at(395), Status: StatusPassed, TimeSpent: n * 5 * time.Minute,
		Answered: 70, Activities: 70, Attempts: n, Finished: n}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A fresh accumulator, few attempts: re-deliveries of an attempt are
	// still combined.
	acc = newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{attempt("u1", "big", "x", 0, 5, 1), attempt("u1", "big", "x", 0, 5, -1, 1)})
	if s := acc.Result(time.Time{}).Learners[0].Steps[0]; s.Attempts != 1 || !s.Score.Equal(percent(2, 70)) {
		t.Errorf("few attempts: %d attempts, score %v; want 1 attempt, 2/70", s.Attempts, s.Score)
	}
	acc = newAcc(t, tr, Options{})
	for k := range n {
		if err := acc.Add(attempt("u1", "big", learnstats.AttemptID(fmt.Sprint(k)), 10*k, 10*k+5, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := acc.Add(dup); err != nil { // attempt 3 now answers a70 too
		t.Fatal(err)
	}
	// Merging the same attempts from another accumulator conflicts.
	other := newAcc(t, tr, Options{})
	if err := other.Add(dup); err != nil {
		t.Fatal(err)
	}
	if err := acc.Merge(other); !errors.Is(err, ErrDuplicateAnswer) {
		t.Errorf("merge of a duplicate answer in a 70-activity module: %v, want ErrDuplicateAnswer", err)
	}
}

func TestS14_ExplanationKeepsLocations(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	a := learnstats.Attempt{ID: "1", Learner: "u1", Step: "m", Start: time.Date(2026, 10, 25, 2, 30, 0, 0, paris), Finish: time.Date(2026, 10, 25, 2, 45, 0, 0, time.UTC),
		Answers: []learnstats.Answer{{Activity: "a1", Points: learnstats.WholePoints(10)}}}
	acc := newAcc(t, tr, Options{})
	if err := acc.Add(a); err != nil {
		t.Fatal(err)
	}
	e, err := acc.Explain(time.Time{}, "u1")
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
	attempts := []learnstats.Attempt{attempt("u2", "m", "1", 0, 10, 23), attempt("u1", "m", "1", 0, 10, 40)}
	sessions := []Attendance{{Learner: "u3", Step: "s", At: at(1)}}
	res, err := ScoreTraining(tr, Options{}, time.Time{}, slices.Values(attempts), slices.Values(sessions))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Learners {
		got = append(got, fmt.Sprintf("%s %d %d", r.Learner, r.Score.Int(), r.Progress.Int()))
	}
	// u1: (100 + 0) / 2 = 50; u2: (58 + 0) / 2 = 29; u3: (0 + 100) / 2 = 50.
	if diff := cmp.Diff([]string{"u1 50 50", "u2 29 50", "u3 50 50"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The one call is the accumulator fed everything.
	acc := newAcc(t, tr, Options{})
	fill(t, acc, attempts, sessions...)
	if diff := cmp.Diff(acc.Result(time.Time{}), res); diff != "" {
		t.Errorf("ScoreTraining differs from the accumulator (-want +got):\n%s", diff)
	}
	// As of a cut-off, the one call passes asOf through (Rule S-15).
	res, err = ScoreTraining(tr, Options{}, at(1), slices.Values(attempts), slices.Values(sessions))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(acc.Result(at(1)), res); diff != "" || res.LaterAttendances != 1 {
		t.Errorf("ScoreTraining as of %v (-want +got):\n%s", at(1), diff)
	}
	if _, err := ScoreTraining(tr, Options{}, time.Time{}, slices.Values([]learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 41)}), nil); !errors.Is(err, learnstats.ErrInvalidPoints) {
		t.Errorf("error %v, want ErrInvalidPoints", err)
	}
	if _, err := ScoreTraining(tr, Options{}, time.Time{}, nil, slices.Values([]Attendance{{Learner: "u1", Step: "m"}})); !errors.Is(err, ErrUnknownStep) {
		t.Errorf("error %v, want ErrUnknownStep", err)
	}
	if _, err := ScoreTraining(Training{Steps: []Step{{}}}, Options{}, time.Time{}, nil, nil); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("error %v, want ErrInvalidTraining", err)
	}
	if r, err := ScoreTraining(tr, Options{}, time.Time{}, nil, nil); err != nil || len(r.Learners) != 0 || r.Training != "t" {
		t.Errorf("nil sequences: %+v, %v; want no learner", r, err)
	}
	acc = newAcc(t, tr, Options{})
	for _, id := range []learnstats.UserID{"b", "a", "c", "a"} {
		if err := acc.AddLearner(id); err != nil {
			t.Fatal(err)
		}
	}
	var ids []learnstats.UserID
	for _, r := range acc.Result(time.Time{}).Learners {
		ids = append(ids, r.Learner)
	}
	if diff := cmp.Diff([]learnstats.UserID{"a", "b", "c"}, ids); diff != "" {
		t.Errorf("learners (-want +got):\n%s", diff)
	}
	if err := acc.AddLearner(""); !errors.Is(err, learnstats.ErrInvalidAttempt) {
		t.Errorf("AddLearner(\"\"): %v, want ErrInvalidAttempt", err)
	}
	if err := acc.Merge(acc); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("self merge: %v, want ErrMismatch", err)
	}
}
