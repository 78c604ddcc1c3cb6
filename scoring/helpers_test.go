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

// module builds a module step with activities a1, a2, … of the given max
// scores (whole points).
func module(id StepID, mandatory bool, required int, keep Keep, max ...int64) Step {
	s := Step{ID: id, Kind: StepModule, Mandatory: mandatory, RequiredScore: required, Keep: keep}
	for i, m := range max {
		s.Activities = append(s.Activities, Activity{ID: ActivityID(fmt.Sprintf("a%d", i+1)), Max: WholePoints(m)})
	}
	return s
}

// attempt builds an attempt answering a1, a2, … with the given whole points;
// a negative value leaves that activity unanswered. finish < 0 means
// unfinished.
func attempt(learner learnstats.UserID, step StepID, id AttemptID, start, finish int, points ...int64) Attempt {
	a := Attempt{ID: id, Learner: learner, Step: step, Start: at(start)}
	if finish >= 0 {
		a.Finish = at(finish)
	}
	for i, p := range points {
		if p < 0 {
			continue
		}
		a.Answers = append(a.Answers, Answer{Activity: ActivityID(fmt.Sprintf("a%d", i+1)), Points: WholePoints(p)})
	}
	return a
}

// scoreOne runs a training over attempts and attendances and returns the
// only learner's result.
func scoreOne(t *testing.T, tr Training, opts Options, attempts []Attempt, sessions ...Attendance) TrainingResult {
	t.Helper()
	acc := &TrainingAccumulator{Training: tr, Options: opts}
	acc.AddLearner("u1")
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
	res, err := acc.Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("got %d results, want 1", len(res))
	}
	return res[0]
}

// stepOf returns the result of one step.
func stepOf(t *testing.T, r TrainingResult, id StepID) StepResult {
	t.Helper()
	for _, s := range r.Steps {
		if s.Step == id {
			return s
		}
	}
	t.Fatalf("no step %q in result", id)
	return StepResult{}
}
