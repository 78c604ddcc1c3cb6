package dashboard

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
	"github.com/learnstats/learnstats/scoring"
)

// Content is Rule D-5's result for one training: one line per step.
type Content struct {
	// Training is the training's ID and Name its name.
	Training learnstats.TrainingID
	Name     string
	// Members counts the learners registered before asOf.
	Members int
	// NotRegisteredYet counts the learners registered at or after asOf,
	// left out.
	NotRegisteredYet int
	// Steps holds every step of the training, courses' children included,
	// in the training's order (a course before its children).
	Steps []StepContent
}

// StepContent is one step's line of Rule D-5.
type StepContent struct {
	// Step, Name and Kind describe the step; Position is its 1-based
	// position in the training's order.
	Step     learnstats.StepID
	Name     string
	Kind     scoring.StepKind
	Position int
	// Completed counts the members who completed the step before asOf;
	// Completion is 100 × Completed / Members (no value without members).
	Completed  int
	Completion learnstats.Ratio
	// Scored counts the members with a score for the step; AvgScore is the
	// mean of their integer step scores, in percent (no value when nobody
	// has one).
	Scored   int
	AvgScore learnstats.Ratio
	// Started counts the members who started the step (an attempt, an
	// attendance record); TimeSpent is their total time on it and
	// AvgTimeSpent its mean rounded half away from zero to the second (0
	// when nobody started it).
	Started      int
	TimeSpent    time.Duration
	AvgTimeSpent time.Duration
}

// TrainingContent computes Rule D-5 at asOf for one training.
//
// Rule D-5. Per step of the training, with the training's members (the
// learners registered before asOf): % completed = members who completed the
// step / all members (those who never started it included); the average
// score over the members with a score for the step (each step score the
// integer percent the training score uses); the average time spent over the
// members who started the step (an attempt at a module, an attendance
// record at a live session, attended or absent), rounded half away from
// zero to the second. Steps are listed in the training's order.
//
// A step's total time beyond a time.Duration is an error wrapping
// learnstats.ErrOverflow.
func TrainingContent(asOf time.Time, t Training) (Content, error) {
	if err := t.check(asOf); err != nil {
		return Content{}, err
	}
	def := t.Results.Training
	c := Content{Training: def.ID, Name: def.Name}
	for _, s := range flatten(def.Steps) {
		c.Steps = append(c.Steps, StepContent{Step: s.ID, Name: s.Name, Kind: s.Kind, Position: len(c.Steps) + 1})
	}
	scores := make([]int64, len(c.Steps))
	for _, r := range t.Results.Learners {
		if !registeredBefore(r, asOf) {
			c.NotRegisteredYet++
			continue
		}
		c.Members++
		for i, sr := range r.Steps { // the definition's order, as c.Steps
			sc := &c.Steps[i]
			if sr.Completed {
				sc.Completed++ // results at asOf: completed before asOf (S-15)
			}
			if sr.HasScore {
				sc.Scored++
				scores[i] += sr.Score.Int() // ≤ 100 per member
			}
			if sr.Started {
				sc.Started++
				var ok bool
				if sc.TimeSpent, ok = checked.AddDuration(sc.TimeSpent, sr.TimeSpent); !ok {
					return Content{}, fmt.Errorf("dashboard: training %q: step %q: time spent: %w", def.ID, sc.Step, learnstats.ErrOverflow)
				}
			}
		}
	}
	for i := range c.Steps {
		sc := &c.Steps[i]
		sc.Completion = learnstats.NewRatio(100*int64(sc.Completed), int64(c.Members))
		sc.AvgScore = learnstats.NewRatio(scores[i], int64(sc.Scored))
		var ok bool
		if sc.AvgTimeSpent, ok = avgDuration(sc.TimeSpent, int64(sc.Started)); !ok {
			return Content{}, fmt.Errorf("dashboard: training %q: step %q: average time spent: %w", def.ID, sc.Step, learnstats.ErrOverflow)
		}
	}
	if c.Steps == nil {
		c.Steps = []StepContent{}
	}
	return c, nil
}

// flatten lists steps in depth-first pre-order, a course before its
// children: the order of scoring's step results.
func flatten(steps []scoring.Step) []scoring.Step {
	var out []scoring.Step
	for _, s := range steps {
		out = append(out, s)
		out = append(out, flatten(s.Steps)...)
	}
	return out
}
