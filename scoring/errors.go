package scoring

import "errors"

// Sentinel errors. Every error this package returns for bad input names the
// offending record (training, step, learner, attempt, activity, question) and
// wraps one of these; test for them with [errors.Is]. Nothing is clamped or
// dropped silently.
var (
	// ErrInvalidPoints reports a negative max score, negative points, points
	// above the activity's max score, a value with more than 7 decimals, or a
	// value beyond [MaxPoints].
	ErrInvalidPoints = errors.New("invalid points")

	// ErrInvalidAttempt reports an attempt that finishes before it starts or
	// is finished without a start time, or an attempt, attendance, answer or
	// tag with an empty ID or learner.
	ErrInvalidAttempt = errors.New("invalid attempt")

	// ErrConflict reports the same attempt recorded twice with a different
	// start or finish, or the same attendance recorded twice with different
	// data (Add and Merge).
	ErrConflict = errors.New("conflicting records")

	// ErrDuplicateAnswer reports two answers to the same activity in one
	// attempt (Rule S-1 sums one answer per activity per attempt).
	ErrDuplicateAnswer = errors.New("duplicate answer")

	// ErrUnknownActivity reports an answer to an activity that the module
	// step does not have.
	ErrUnknownActivity = errors.New("unknown activity")

	// ErrUnknownStep reports an attempt or attendance for a step the training
	// does not have, or an attempt at a step that is not a module, or an
	// attendance at a step that is not a live session.
	ErrUnknownStep = errors.New("unknown step")

	// ErrUnknownKeep reports a keep option other than best, newest or all.
	ErrUnknownKeep = errors.New("unknown keep option")

	// ErrInvalidTraining reports a malformed training definition: an empty or
	// duplicate step or activity ID, a required score outside 0–100, an
	// unknown step kind, or a module max score total beyond [MaxPoints].
	ErrInvalidTraining = errors.New("invalid training")

	// ErrInvalidScore reports a percentage score outside 0–100 (live session
	// scores, Rule S-12 and S-13 answer and assessment scores).
	ErrInvalidScore = errors.New("invalid score")

	// ErrMismatch reports a Merge of two accumulators configured for
	// different trainings or options.
	ErrMismatch = errors.New("accumulator mismatch")

	// ErrUnknownLearner reports an explanation asked for a learner the
	// accumulator has never seen.
	ErrUnknownLearner = errors.New("unknown learner")
)
