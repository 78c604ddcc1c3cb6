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
	res := acc.Result()
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
	if res.Training.ID != "t" || !res.AsOf.IsZero() {
		t.Errorf("training %q as of %v, want t, zero", res.Training.ID, res.AsOf)
	}
}

// TestResultIsASnapshot: a result does not share memory with the
// accumulator, which may go on taking records.
func TestResultIsASnapshot(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}
	acc := newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 3, -1)})
	first := acc.Result()
	keep := acc.Result()
	fill(t, acc, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, -1, 7), attempt("u1", "m", "2", 20, 30, 10, 10), attempt("u2", "m", "1", 0, 10, 1)})
	if diff := cmp.Diff(keep, first); diff != "" {
		t.Errorf("adding records changed an earlier result (-want +got):\n%s", diff)
	}
	if got := acc.Result().Learners[0].Steps[0].Score; !got.Equal(percent(20, 20)) {
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
	if err := acc.Add(dup); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Fatalf("duplicate answer across deliveries: %v, want ErrInvalidRecord (an activity answered twice)", err)
	}
	s := acc.Result().Learners[0].Steps[0]
	// Newest is attempt 39: 35 + 35 points (39 capped at 35) of 70.
	want := StepResult{Step: "big", Kind: StepModule, Mandatory: true, Score: percent(70, 70), HasScore: true,
		Completed: true, CompletedAt: at(395), Status: StatusPassed, TimeSpent: n * 5 * time.Minute,
		Answered: 70, Activities: 70, Attempts: n, Finished: n, Started: true}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A fresh accumulator, few attempts: re-deliveries of an attempt are
	// still combined.
	acc = newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{attempt("u1", "big", "x", 0, 5, 1), attempt("u1", "big", "x", 0, 5, -1, 1)})
	if s := acc.Result().Learners[0].Steps[0]; s.Attempts != 1 || !s.Score.Equal(percent(2, 70)) {
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
	if err := acc.Merge(other); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("merge of a duplicate answer in a 70-activity module: %v, want ErrInvalidRecord (an activity answered twice)", err)
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
	attempts := []learnstats.Attempt{attempt("u2", "m", "1", 0, 10, 23), attempt("u1", "m", "1", 0, 10, 40)}
	sessions := []Attendance{{Learner: "u3", Step: "s", At: at(1)}}
	res, err := ScoreTraining(time.Time{}, tr, Options{}, slices.Values(attempts), slices.Values(sessions))
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
	if diff := cmp.Diff(acc.Result(), res); diff != "" {
		t.Errorf("ScoreTraining differs from the accumulator (-want +got):\n%s", diff)
	}
	// As of a cut-off, the one call passes asOf through (Rule S-15).
	res, err = ScoreTraining(at(1), tr, Options{}, slices.Values(attempts), slices.Values(sessions))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asOfCopy(acc, at(1)).Result(), res); diff != "" || res.LaterAttendances != 1 {
		t.Errorf("ScoreTraining as of %v (-want +got):\n%s", at(1), diff)
	}
	if _, err := ScoreTraining(time.Time{}, tr, Options{}, slices.Values([]learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 41)}), nil); !errors.Is(err, learnstats.ErrInvalidPoints) {
		t.Errorf("error %v, want ErrInvalidPoints", err)
	}
	if _, err := ScoreTraining(time.Time{}, tr, Options{}, nil, slices.Values([]Attendance{{Learner: "u1", Step: "m"}})); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("error %v, want ErrInvalidRecord (an unknown step)", err)
	}
	if _, err := ScoreTraining(time.Time{}, Training{Steps: []Step{{}}}, Options{}, nil, nil); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("error %v, want ErrInvalidTraining", err)
	}
	if r, err := ScoreTraining(time.Time{}, tr, Options{}, nil, nil); err != nil || len(r.Learners) != 0 || r.Training.ID != "t" {
		t.Errorf("nil sequences: %+v, %v; want no learner", r, err)
	}
	acc = newAcc(t, tr, Options{})
	for _, id := range []learnstats.UserID{"b", "a", "c", "a"} {
		if err := acc.AddLearner(id, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	var ids []learnstats.UserID
	for _, r := range acc.Result().Learners {
		ids = append(ids, r.Learner)
	}
	if diff := cmp.Diff([]learnstats.UserID{"a", "b", "c"}, ids); diff != "" {
		t.Errorf("learners (-want +got):\n%s", diff)
	}
	if err := acc.AddLearner("", time.Time{}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("AddLearner(\"\"): %v, want ErrInvalidRecord", err)
	}
	if err := acc.Merge(acc); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("self merge: %v, want ErrMismatch", err)
	}
}

// mismatchTraining is the definition TestMergeRefusesMismatchedDefinition
// changes one thing of at a time, keeping its ID, its number of steps and
// its number of activities.
func mismatchTraining() Training {
	return Training{ID: "t", Steps: []Step{
		module("m1", true, 50, KeepBest, 10, 10),
		module("m2", true, 50, KeepNewest, 20),
		{ID: "c", Kind: StepCourse, Steps: []Step{module("m3", false, 0, KeepAll, 5)}},
		{ID: "s", Kind: StepLiveSession, Mandatory: true},
		{ID: "x", Kind: StepModule}, // a module without activities: its kind can change alone
	}}
}

// TestMergeRefusesMismatchedDefinition is the trap "merge of mismatched
// definitions" (SPEC section 0, "Mergeable aggregates"): accumulators on
// trainings with the same ID and the same number of steps and activities,
// but anything else different, do not merge, in either direction, and the
// failed merge changes nothing.
func TestMergeRefusesMismatchedDefinition(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		change func(*Training)
		opts   Options
	}{
		{"max score", "m1's a1 worth 20, not 10", func(t *Training) { t.Steps[0].Activities[0].Max = learnstats.WholePoints(20) }, Options{}},
		{"max score by one unit", "10⁻⁷ point more", func(t *Training) { t.Steps[0].Activities[1].Max++ }, Options{}},
		{"max scores moved, same total", "9 + 11 instead of 10 + 10", func(t *Training) {
			t.Steps[0].Activities[0].Max, t.Steps[0].Activities[1].Max = learnstats.WholePoints(9), learnstats.WholePoints(11)
		}, Options{}},
		{"max score of a course's child", "", func(t *Training) { t.Steps[2].Steps[0].Activities[0].Max = learnstats.WholePoints(6) }, Options{}},
		{"required score", "", func(t *Training) { t.Steps[0].RequiredScore = 51 }, Options{}},
		{"required score of a session", "", func(t *Training) { t.Steps[3].RequiredScore = 1 }, Options{}},
		{"mandatory flag", "", func(t *Training) { t.Steps[1].Mandatory = false }, Options{}},
		{"mandatory flag of a course", "", func(t *Training) { t.Steps[2].Mandatory = true }, Options{}},
		{"mandatory flag of a course's child", "", func(t *Training) { t.Steps[2].Steps[0].Mandatory = true }, Options{}},
		{"keep option", "", func(t *Training) { t.Steps[1].Keep = KeepBest }, Options{}},
		{"keep best or all", "the same score, another option", func(t *Training) { t.Steps[0].Keep = KeepAll }, Options{}},
		{"kind", "a module without activities becomes a live session", func(t *Training) { t.Steps[4].Kind = StepLiveSession }, Options{}},
		{"activity ID", "", func(t *Training) { t.Steps[0].Activities[1].ID = "b2" }, Options{}},
		{"step ID", "", func(t *Training) { t.Steps[1].ID = "m9" }, Options{}},
		{"step order", "", func(t *Training) { t.Steps[0], t.Steps[1] = t.Steps[1], t.Steps[0] }, Options{}},
		{"activity order", "", func(t *Training) {
			a := t.Steps[0].Activities
			a[0], a[1] = a[1], a[0]
		}, Options{}},
		{"training ID", "", func(t *Training) { t.ID = "t2" }, Options{}},
		{"option ExcludeEmpty", "", func(*Training) {}, Options{ExcludeEmpty: true}},
		{"option AttemptCap", "", func(*Training) {}, Options{AttemptCap: 8 * time.Hour}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := mismatchTraining()
			other := mismatchTraining()
			tc.change(&other)
			if len(other.Steps) != len(base.Steps) || other.ID != base.ID && tc.name != "training ID" {
				t.Fatal("the change must keep the shape")
			}
			a := newAcc(t, base, Options{})
			b := newAcc(t, other, tc.opts)
			fill(t, a, []learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 5, 5)})
			if err := b.AddLearner("u2", time.Time{}); err != nil {
				t.Fatal(err)
			}
			before, beforeB := a.Result(), b.Result()
			for _, m := range []struct {
				name     string
				dst, src *TrainingAccumulator
			}{{"a.Merge(b)", a, b}, {"b.Merge(a)", b, a}} {
				err := m.dst.Merge(m.src)
				if !errors.Is(err, learnstats.ErrMismatch) {
					t.Fatalf("%s: %s: %v, want ErrMismatch", tc.reason, m.name, err)
				}
				if !strings.Contains(err.Error(), "scoring: ") || !strings.Contains(err.Error(), `"t`) {
					t.Errorf("%s: error %q does not name the training", m.name, err)
				}
			}
			if diff := cmp.Diff(before, a.Result()); diff != "" {
				t.Errorf("a refused merge changed a (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beforeB, b.Result()); diff != "" {
				t.Errorf("a refused merge changed b (-before +after):\n%s", diff)
			}
		})
	}
}

// TestMergeRefusesMismatchedDefinition_NoScoreAbove100 is the bug the
// trap describes: a shard built on a training whose module is worth 20
// points, merged into one whose module is worth 10 (same ID, same shape),
// used to give the learner's 15 points a 150 % score. The merge is refused
// and no result goes above 100 %.
func TestMergeRefusesMismatchedDefinition_NoScoreAbove100(t *testing.T) {
	ten := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	twenty := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 20)}}
	total := newAcc(t, ten, Options{})
	shard := newAcc(t, twenty, Options{})
	fill(t, shard, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 15)})
	if got := shard.Result().Learners[0].Score; !got.Equal(percent(15, 20)) {
		t.Fatalf("shard score %v, want 75", got)
	}
	if err := total.Merge(shard); !errors.Is(err, learnstats.ErrMismatch) {
		t.Fatalf("merge of a 20-point module into a 10-point one: %v, want ErrMismatch", err)
	}
	if r := total.Result(); len(r.Learners) != 0 {
		t.Fatalf("refused merge added learners: %+v", r.Learners)
	}
	// The points could not be added to the 10-point definition either.
	if err := total.Add(attempt("u1", "m", "1", 0, 10, 15)); !errors.Is(err, learnstats.ErrInvalidPoints) {
		t.Errorf("15 points on a 10-point activity: %v, want ErrInvalidPoints", err)
	}
}

// TestMergeSameDefinition: two accumulators built from separate but equal
// definitions (other slices, nil or empty) merge: the whole definition is
// compared, not where it is stored.
func TestMergeSameDefinition(t *testing.T) {
	a := newAcc(t, mismatchTraining(), Options{AttemptCap: time.Hour})
	other := mismatchTraining()
	other.Steps[3].Activities = []Activity{} // nil in a's
	other.Steps[4].Steps = []Step{}
	b := newAcc(t, other, Options{AttemptCap: time.Hour})
	fill(t, a, []learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 5, 5)})
	fill(t, b, []learnstats.Attempt{attempt("u2", "m2", "1", 0, 10, 20)})
	if err := a.Merge(b); err != nil {
		t.Fatalf("merge of equal definitions: %v", err)
	}
	if got := len(a.Result().Learners); got != 2 {
		t.Errorf("%d learners after the merge, want 2", got)
	}
}

// TestDefinitionFixedAtConstruction is the trap "definition changed after
// the first record": the caller changing the Training's slices (max
// scores, flags, required scores, a course's children, appended steps and
// activities) after NewTrainingAccumulator, before or after adding records,
// changes nothing the accumulator computes, and a definition built from the
// changed training does not merge with it.
func TestDefinitionFixedAtConstruction(t *testing.T) {
	build := func() Training {
		return Training{ID: "t", Steps: []Step{
			module("m1", true, 50, KeepBest, 10, 10),
			{ID: "c", Kind: StepCourse, Mandatory: true, Steps: []Step{module("m2", false, 0, KeepBest, 10)}},
		}}
	}
	records := []learnstats.Attempt{attempt("u1", "m1", "1", 0, 10, 5, 5), attempt("u1", "m2", "1", 0, 20, 4)}
	ref := newAcc(t, build(), Options{})
	fill(t, ref, records)
	want := ref.Result()
	wantText, err := ref.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	change := func(tr *Training) {
		tr.Steps[0].Activities[0].Max = learnstats.WholePoints(100)
		tr.Steps[0].Mandatory = false
		tr.Steps[0].RequiredScore = 100
		tr.Steps[0].Keep = KeepNewest
		tr.Steps[1].Steps[0].Activities[0].Max = learnstats.WholePoints(1000)
		tr.Steps[1].Steps[0].Mandatory = true
		tr.Steps[1].Steps = append(tr.Steps[1].Steps[:1], module("m9", true, 0, KeepBest, 1))
		tr.Steps[0].Activities = append(tr.Steps[0].Activities[:2], Activity{ID: "a3", Max: learnstats.WholePoints(10)})
		tr.Steps = append(tr.Steps, module("m8", true, 100, KeepBest, 10))
	}
	for _, when := range []string{"before the first record", "after the records"} {
		t.Run(when, func(t *testing.T) {
			tr := build()
			acc := newAcc(t, tr, Options{})
			if when == "before the first record" {
				change(&tr)
				fill(t, acc, records)
			} else {
				fill(t, acc, records)
				change(&tr)
			}
			if diff := cmp.Diff(want, acc.Result()); diff != "" {
				t.Errorf("changing the caller's training changed the result (-want +got):\n%s", diff)
			}
			e, err := acc.Explain("u1")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantText.String(), e.String()); diff != "" {
				t.Errorf("changing the caller's training changed the explanation (-want +got):\n%s", diff)
			}
			// The accumulator still checks answers against its own copy.
			if err := acc.Add(attempt("u2", "m1", "1", 0, 10, 11)); !errors.Is(err, learnstats.ErrInvalidPoints) {
				t.Errorf("11 points on the 10-point a1: %v, want ErrInvalidPoints", err)
			}
			if err := acc.Add(attempt("u2", "m1", "1", 0, 10, -1, -1, 3)); !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Errorf("answer to the appended a3: %v, want ErrInvalidRecord (an unknown activity)", err)
			}
			if err := acc.Add(attempt("u2", "m8", "1", 0, 10, 3)); !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Errorf("attempt at the appended m8: %v, want ErrInvalidRecord (an unknown step)", err)
			}
			// A definition built from the changed training is another one.
			changed := newAcc(t, tr, Options{})
			if err := acc.Merge(changed); !errors.Is(err, learnstats.ErrMismatch) {
				t.Errorf("merge with the changed training: %v, want ErrMismatch", err)
			}
			if err := acc.Merge(newAcc(t, build(), Options{})); err != nil {
				t.Errorf("merge with the original training: %v", err)
			}
		})
	}
}

// TestAddKeepsNoCallerSlice: Add folds an attempt's answers as it is added,
// so a caller reusing the Answers buffer for the next row changes nothing.
func TestAddKeepsNoCallerSlice(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}
	acc := newAcc(t, tr, Options{})
	a := attempt("u1", "m", "1", 0, 10, 5, 5)
	if err := acc.Add(a); err != nil {
		t.Fatal(err)
	}
	want := acc.Result()
	a.Answers[0].Points, a.Answers[1].Activity = 0, "zz"
	if diff := cmp.Diff(want, acc.Result()); diff != "" {
		t.Errorf("reusing the answers buffer changed the result (-want +got):\n%s", diff)
	}
}

func TestMergeNil(t *testing.T) {
	var a AnswerAccumulator
	if err := a.Merge(nil); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("AnswerAccumulator.Merge(nil): %v", err)
	}
	if err := a.Merge(&a); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("AnswerAccumulator.Merge(itself): %v", err)
	}
	acc := newAcc(t, Training{ID: "t"}, Options{})
	if err := acc.Merge(nil); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("TrainingAccumulator.Merge(nil): %v", err)
	}
}

// TestMergeRefusesAnotherAsOf: asOf is part of an accumulator's definition
// (Rule S-15): shards computed as of other instants do not merge; the same
// instant in another location does.
func TestMergeRefusesAnotherAsOf(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10)}}
	mk := func(asOf time.Time) *TrainingAccumulator {
		acc, err := NewTrainingAccumulator(asOf, tr, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return acc
	}
	if err := mk(at(10)).Merge(mk(at(11))); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge as of two instants: %v, want ErrMismatch", err)
	}
	if err := mk(at(10)).Merge(mk(time.Time{})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge with a no-cut-off shard: %v, want ErrMismatch", err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if err := mk(at(10)).Merge(mk(at(10).In(paris))); err != nil {
		t.Errorf("merge as of one instant in two locations: %v", err)
	}
}
