package scoring

import (
	"fmt"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
)

// t0 is a fixed instant all test times are built from.
var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// at returns t0 plus m minutes.
func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// percent returns the exact percentage 100 × num / den as a Ratio: percent(23, 40)
// is 57.5 %.
func percent(num, den int64) learnstats.Ratio { return learnstats.NewRatio(100*num, den) }

// module builds a module step with activities a1, a2, … of the given max
// scores (whole points).
func module(id learnstats.StepID, mandatory bool, required int, keep Keep, max ...int64) Step {
	s := Step{ID: id, Kind: StepModule, Mandatory: mandatory, RequiredScore: required, Keep: keep}
	for i, m := range max {
		s.Activities = append(s.Activities, Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%d", i+1)), Max: learnstats.WholePoints(m)})
	}
	return s
}

// attempt builds an attempt answering a1, a2, … with the given whole points;
// a negative value leaves that activity unanswered. finish < 0 means
// unfinished.
func attempt(learner learnstats.UserID, step learnstats.StepID, id learnstats.AttemptID, start, finish int, points ...int64) learnstats.Attempt {
	a := learnstats.Attempt{ID: id, Learner: learner, Step: step, Start: at(start)}
	if finish >= 0 {
		a.Finish = at(finish)
	}
	for i, p := range points {
		if p < 0 {
			continue
		}
		a.Answers = append(a.Answers, learnstats.Answer{Activity: learnstats.ActivityID(fmt.Sprintf("a%d", i+1)), Points: learnstats.WholePoints(p)})
	}
	return a
}

// newAcc returns an accumulator on tr and opts, failing the test when the
// definition is invalid.
func newAcc(t testing.TB, tr Training, opts Options) *TrainingAccumulator {
	t.Helper()
	acc, err := NewTrainingAccumulator(time.Time{}, tr, opts)
	if err != nil {
		t.Fatalf("NewTrainingAccumulator: %v", err)
	}
	return acc
}

// fill adds attempts and attendances to acc, failing the test on an error.
func fill(t testing.TB, acc *TrainingAccumulator, attempts []learnstats.Attempt, sessions ...Attendance) {
	t.Helper()
	for _, a := range attempts {
		if err := acc.Add(a); err != nil {
			t.Fatalf("Add(%v): %v", a.ID, err)
		}
	}
	for _, s := range sessions {
		if err := acc.AddAttendance(s); err != nil {
			t.Fatalf("AddAttendance(%v): %v", s.Step, err)
		}
	}
}

// scoreOne runs a training over attempts and attendances, with no asOf,
// and returns the only learner's result.
func scoreOne(t *testing.T, tr Training, opts Options, attempts []learnstats.Attempt, sessions ...Attendance) TrainingResult {
	t.Helper()
	return scoreOneAsOf(t, tr, opts, time.Time{}, attempts, sessions...)
}

// scoreOneAsOf is scoreOne as of asOf.
func scoreOneAsOf(t *testing.T, tr Training, opts Options, asOf time.Time, attempts []learnstats.Attempt, sessions ...Attendance) TrainingResult {
	t.Helper()
	acc := newAcc(t, tr, opts)
	if err := acc.AddLearner("u1", time.Time{}); err != nil {
		t.Fatal(err)
	}
	fill(t, acc, attempts, sessions...)
	res := asOfCopy(acc, asOf).Result()
	if len(res.Learners) != 1 {
		t.Fatalf("got %d results, want 1", len(res.Learners))
	}
	return res.Learners[0]
}

// stepOf returns the result of one step.
func stepOf(t *testing.T, r TrainingResult, id learnstats.StepID) StepResult {
	t.Helper()
	for _, s := range r.Steps {
		if s.Step == id {
			return s
		}
	}
	t.Fatalf("no step %q in result", id)
	return StepResult{}
}

// asOfCopy returns acc as an accumulator computing its results as of asOf:
// the same records, another instant (white-box: the records are shared,
// which Result and Explain only read).
func asOfCopy(acc *TrainingAccumulator, asOf time.Time) *TrainingAccumulator {
	c := *acc
	c.asOf = asOf
	return &c
}
