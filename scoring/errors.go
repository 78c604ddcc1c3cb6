package scoring

import "errors"

// Sentinel errors. Every error this package returns for bad input names the
// offending record (training, step, learner, attempt, activity, question)
// and wraps one of these or a sentinel of the root package:
// learnstats.ErrInvalidRecord (an attempt, answer or attendance that breaks
// an invariant or does not fit the training: an unknown step or activity,
// an activity answered twice, an attempt added again with another start or
// finish, a session score outside 0–100), learnstats.ErrInvalidPoints,
// learnstats.ErrOverflow, learnstats.ErrMismatch. Test for them with
// [errors.Is]. Nothing is clamped or dropped silently.
var (

	// ErrInvalidTraining reports a malformed training definition (an empty
	// or duplicate step or activity ID, a required score outside 0–100, an
	// unknown step kind or keep option, a negative attempt cap) or an
	// accumulator used without one.
	ErrInvalidTraining = errors.New("scoring: invalid training")

	// ErrUnknownLearner reports an explanation asked for a learner the
	// accumulator has never seen.
	ErrUnknownLearner = errors.New("scoring: unknown learner")
)
