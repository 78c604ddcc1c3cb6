package scoring

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// Status is a step's status for a learner (Rule S-9). The zero value is
// [StatusPending].
type Status uint8

const (
	// StatusPending: the step is not completed and not every activity has
	// been answered in a finished attempt (or the session is not attended).
	StatusPending Status = iota
	// StatusPassed: the step is completed with a score ≥ its required score.
	StatusPassed
	// StatusFailed: everything was answered but the step is not passed.
	StatusFailed
)

// String returns "pending", "passed", "failed" or "Status(n)".
func (s Status) String() string {
	switch s {
	case StatusPending:
		return "pending"
	case StatusPassed:
		return "passed"
	case StatusFailed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// TrainingResult is one learner's result in one training.
type TrainingResult struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Training is the training.
	Training TrainingID
	// Score is the training score (Rule S-6): the mean of the mandatory
	// steps' integer scores, as Percent{Σ scores, 100 × steps counted};
	// Score.Int() is the rounded integer percent. 0 when no step counted.
	Score Percent
	// HasMandatory is false when the training has no mandatory step; Score
	// is then 0, Completed and Passed are false (Rules S-6, S-10).
	HasMandatory bool
	// Counted is the number of mandatory steps in Score; with
	// Options.ExcludeEmpty it excludes the mandatory steps without a score.
	Counted int
	// Progress is Rule S-8's progress: Percent{answered, total}.
	Progress Percent
	// Completed reports whether every mandatory step is completed
	// (Rule S-10).
	Completed bool
	// CompletedAt is the latest completion date over all steps when
	// Completed, else the zero time. Equal instants in different
	// locations are a tie, which the first such step in training order
	// wins: its location is the one kept.
	CompletedAt time.Time
	// Passed reports whether every mandatory step passed (Rule S-10).
	Passed bool
	// TimeSpent is the sum of the top-level steps' time spent (Rule S-11).
	TimeSpent time.Duration
	// Steps holds every step, courses' children included, in depth-first
	// order of the training definition (a course before its children).
	Steps []StepResult
}

// StepResult is one learner's result on one step.
type StepResult struct {
	// Step is the step.
	Step StepID
	// Parent is the course holding the step; empty for top-level steps.
	Parent StepID
	// Kind is the step's kind.
	Kind StepKind
	// Score is the step's score (module: Rule S-3, course: Rule S-7, live
	// session: the trainer's score or 100); zero when HasScore is false.
	// Score.Int() is the integer percent the training score uses.
	Score Percent
	// CompletedAt is the completion date when Completed, else zero.
	CompletedAt time.Time
	// TimeSpent is the step's time spent (Rule S-11); 0 for live sessions.
	TimeSpent time.Duration
	// Answered and Activities count the step's activities with at least one
	// answer and all its activities (children's for a course); a mandatory
	// live session counts as one activity, answered when attended (Rule S-8).
	Answered, Activities int
	// Attempts and Finished count the learner's attempts and finished
	// attempts at a module (children's for a course).
	Attempts, Finished int
	// Status is the step status (Rule S-9).
	Status Status
	// Mandatory is the step's mandatory flag.
	Mandatory bool
	// HasScore is false for a module without a finished attempt, a course
	// none of whose children has a score, and a session not attended.
	HasScore bool
	// Completed reports whether the step is completed (Rule S-5 for
	// modules; attended for sessions; every child completed for courses).
	Completed bool
}
