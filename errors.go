package learnstats

import "errors"

// ErrOverflow reports a sum, count or duration that would not fit the
// integer the library keeps it in (an int64 of points, attendees or
// nanoseconds). The library never returns a wrapped-around number: the call
// fails instead, with an error that names the record and wraps ErrOverflow
// (SPEC section 0, "No overflow"). Use errors.Is.
var ErrOverflow = errors.New("learnstats: overflow")

// ErrMismatch reports a Merge of two accumulators built over different
// definitions, windows or options (a training whose steps, max scores,
// required scores, mandatory flags or keep options differ; another range, as
// of, location or scope), or a definition changed after the first record was
// added. Their partial results cannot be combined (SPEC section 0, "Mergeable
// aggregates"). Use errors.Is.
var ErrMismatch = errors.New("learnstats: accumulators do not match")

// ErrInvalidRecord reports a record that breaks an invariant of its type:
// an attempt without an ID, learner or step, finishing before it starts or
// with a negative time spent; an answer without a question or with a score
// outside 0–100; a post or reaction without an author, with an unknown
// place or kind; a user without an ID, listed twice or managed by an
// unknown user; and, in the packages, a record that does not fit the
// definition it is added to (an answer to an activity the module does not
// have, an attempt recorded twice with another start). The message names
// the record. Use errors.Is.
var ErrInvalidRecord = errors.New("learnstats: invalid record")
