package scoring

import "errors"

// Sentinel errors. Every error this package returns for bad input names the
// offending record (training, step, learner, attempt, activity, question)
// and wraps one of these or a sentinel of the root package
// (learnstats.ErrInvalidAttempt, learnstats.ErrInvalidAnswer,
// learnstats.ErrInvalidPoints, learnstats.ErrOverflow,
// learnstats.ErrMismatch); test for them with [errors.Is]. Nothing is
// clamped or dropped silently.
var (
	// ErrConflict reports the same attempt recorded twice with a different
	// start or finish, or the same attendance recorded twice with different
	// data (Add and Merge).
	ErrConflict = errors.New("scoring: conflicting records")

	// ErrDuplicateAnswer reports two answers to the same activity in one
	// attempt (Rule S-1 sums one answer per activity per attempt).
	ErrDuplicateAnswer = errors.New("scoring: duplicate answer")

	// ErrUnknownActivity reports an answer to an activity that the module
	// step does not have.
	ErrUnknownActivity = errors.New("scoring: unknown activity")

	// ErrUnknownStep reports an attempt or attendance for a step the training
	// does not have, or an attempt at a step that is not a module, or an
	// attendance at a step that is not a live session.
	ErrUnknownStep = errors.New("scoring: unknown step")

	// ErrUnknownKeep reports a keep option other than best, newest or all.
	ErrUnknownKeep = errors.New("scoring: unknown keep option")

	// ErrInvalidTraining reports a malformed training definition (an empty
	// or duplicate step or activity ID, a required score outside 0–100, an
	// unknown step kind, a negative attempt cap) or an accumulator used
	// without one.
	ErrInvalidTraining = errors.New("scoring: invalid training")

	// ErrInvalidScore reports a live session score outside 0–100.
	ErrInvalidScore = errors.New("scoring: invalid score")

	// ErrUnknownLearner reports an explanation asked for a learner the
	// accumulator has never seen.
	ErrUnknownLearner = errors.New("scoring: unknown learner")
)
