package scoring

import (
	"fmt"
	"slices"
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

// TrainingStatus is a learner's status in a training (Rule S-16), the one
// word a results page shows. The zero value is [TrainingNotStarted].
type TrainingStatus uint8

const (
	// TrainingNotStarted: no attempt and no attendance counted at asOf.
	TrainingNotStarted TrainingStatus = iota
	// TrainingInProgress: started, not completed, no mandatory step failed.
	TrainingInProgress
	// TrainingFailed: some mandatory step's status is failed (Rule S-9) and
	// the training is not completed.
	TrainingFailed
	// TrainingCompleted: every mandatory step completed (Rule S-10), not
	// every one passed.
	TrainingCompleted
	// TrainingPassed: completed, and every mandatory step passed (Rule
	// S-10).
	TrainingPassed
)

// String returns "Not started", "In progress", "Failed", "Completed",
// "Passed", or "TrainingStatus(n)".
func (s TrainingStatus) String() string {
	switch s {
	case TrainingNotStarted:
		return "Not started"
	case TrainingInProgress:
		return "In progress"
	case TrainingFailed:
		return "Failed"
	case TrainingCompleted:
		return "Completed"
	case TrainingPassed:
		return "Passed"
	}
	return fmt.Sprintf("TrainingStatus(%d)", int(s))
}

// TrainingResult is one learner's result in one training, as of an
// instant (Rule S-15).
type TrainingResult struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Training is the training.
	Training learnstats.TrainingID
	// RegisteredAt is when the learner joined the training
	// ([TrainingAccumulator.AddLearner]); the zero time when never given.
	RegisteredAt time.Time
	// Score is the training score in percent (Rule S-6): the mean of the
	// mandatory steps' integer scores; Score.Int() is the rounded integer
	// percent. 0 when no step counted.
	Score learnstats.Ratio
	// HasMandatory is false when the training has no mandatory step; Score
	// is then 0, Completed and Passed are false (Rules S-6, S-10).
	HasMandatory bool
	// Counted is the number of mandatory steps in Score; with
	// Options.ExcludeEmpty it excludes the mandatory steps without a score.
	Counted int
	// Progress is Rule S-8's progress in percent, 100 × Answered /
	// Activities (0 when there is nothing to count).
	Progress learnstats.Ratio
	// Answered and Activities are Progress's counts: activities with an
	// answer and attended mandatory live sessions, over every activity of
	// every module plus the mandatory live sessions (Rule S-8).
	Answered, Activities int
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
	// Status is the training status (Rule S-16).
	Status TrainingStatus
	// TimeSpent is the sum of the top-level steps' time spent (Rule S-11).
	TimeSpent time.Duration
	// Steps holds every step, courses' children included, in depth-first
	// order of the training definition (a course before its children).
	Steps []StepResult
}

// StepResult is one learner's result on one step.
type StepResult struct {
	// Step is the step.
	Step learnstats.StepID
	// Parent is the course holding the step; empty for top-level steps.
	Parent learnstats.StepID
	// Score is the step's score in percent (module: Rule S-3, course: Rule
	// S-7, live session: the trainer's score or 100); no value when
	// HasScore is false. Score.Int() is the integer percent the training
	// score uses.
	Score learnstats.Ratio
	// CompletedAt is the completion date when Completed, else zero.
	CompletedAt time.Time
	// TimeSpent is the step's time spent (Rule S-11); 0 for live sessions.
	TimeSpent time.Duration
	// Answered and Activities count the step's activities with at least one
	// answer and all its activities (children's for a course); a mandatory
	// live session counts as one activity, answered when attended (Rule S-8).
	Answered, Activities int
	// Attempts and Finished count the learner's attempts and finished
	// attempts at a module (children's for a course), at asOf.
	Attempts, Finished int
	// Kind is the step's kind.
	Kind StepKind
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
	// Started reports whether the learner has a record for the step at
	// asOf: an attempt at a module (at one of a course's children), an
	// attendance record at a live session, attended or absent. The
	// training content dashboard averages time over the learners who
	// started a step (Rule D-5).
	Started bool
}

// TrainingResults are every learner's results in one training as of one
// instant, with what that instant left out (Rule S-15). Learners holds one
// result per learner, ordered by learner ID; [TrainingResults.Learner]
// finds one.
type TrainingResults struct {
	// Training is the training's definition (a copy): its ID, name and
	// steps, in the order of each result's Steps.
	Training Training
	// AsOf is the instant the results are computed at; the zero time means
	// every record counts.
	AsOf time.Time
	// Learners holds one result per learner added, in increasing learner
	// ID order.
	Learners []TrainingResult
	// LaterAttempts counts the attempts left out because they start at or
	// after AsOf; LaterAttendances the attendances at or after AsOf (Rule
	// S-15).
	LaterAttempts, LaterAttendances int
}

// Learner returns the result of the learner with the given ID.
func (r *TrainingResults) Learner(id learnstats.UserID) (TrainingResult, bool) {
	i, ok := slices.BinarySearchFunc(r.Learners, id, func(t TrainingResult, id learnstats.UserID) int {
		switch {
		case t.Learner < id:
			return -1
		case t.Learner > id:
			return +1
		}
		return 0
	})
	if !ok {
		return TrainingResult{}, false
	}
	return r.Learners[i], true
}
