package scoring

import (
	"time"

	"github.com/learnstats/learnstats"
)

// Attempt is one learner's attempt at a module step, with its answers. An
// adapter fills it from the LMS's own tables: Opigno's
// user_module_status + opigno_answer, Moodle's quiz_attempts +
// question_attempts (see the package example), or any other source.
//
// The same attempt may be added more than once (for example when answers
// are streamed row by row, or an attempt's answers are spread over shards):
// the answers are combined, and the learner, step, start and finish must be
// the same every time.
type Attempt struct {
	// ID identifies the attempt (unique per learner and step); ties in Rule
	// S-3 go to the higher ID, see [CompareAttemptIDs].
	ID AttemptID
	// Learner is the learner who made the attempt.
	Learner learnstats.UserID
	// Step is the module step attempted.
	Step StepID
	// Start is when the attempt started.
	Start time.Time
	// Finish is when the attempt was finished; the zero time means the
	// attempt is not finished (it then has no score, Rule S-3).
	Finish time.Time
	// Answers are the attempt's answers, at most one per activity. An
	// activity without an answer scores 0 points.
	Answers []Answer
}

// Finished reports whether the attempt has a finish time.
func (a Attempt) Finished() bool { return !a.Finish.IsZero() }

// Answer is the points a learner got on one activity in one attempt.
type Answer struct {
	// Activity is the activity answered.
	Activity ActivityID
	// Points are the points obtained, 0 ≤ Points ≤ the activity's max.
	Points Points
}

// Attendance records that a learner attended a live session step.
// Sessions without an attendance record are not attended.
type Attendance struct {
	// Learner is the learner who attended.
	Learner learnstats.UserID
	// Step is the live session step.
	Step StepID
	// At is when the attendance was recorded; it is the session's
	// completion date (Rule S-10).
	At time.Time
	// Score is the trainer-given score in percent 0–100, used when
	// HasScore is true. An attended session without a score scores 100,
	// as a module without scored activity does (Rule S-2).
	Score int
	// HasScore says whether Score was given.
	HasScore bool
}

// Options are the optional behaviours of the training rules. The zero
// value is Opigno's default behaviour with no time cap.
type Options struct {
	// ExcludeEmpty leaves mandatory steps without a score out of the
	// training score instead of counting them as 0 (Rule S-6; Moodle's
	// "exclude empty grades").
	ExcludeEmpty bool
	// AttemptCap, when > 0, caps each attempt's duration in time spent
	// (Rule S-11; Opigno's dashboards cap it at 8 h).
	AttemptCap time.Duration
}

// AttemptScore is the score of one attempt on its own (Rules S-1, S-2,
// S-4), as [ScoreAttempt] returns it.
type AttemptScore struct {
	// Points is Σ points; Max is Σ max over the scored activities.
	Points, Max Points
	// Score is 100 × Points / Max (100 % when Max is 0), when HasScore.
	Score Percent
	// HasScore reports whether the attempt is finished: only finished
	// attempts have a score.
	HasScore bool
	// Answered and Activities count the activities answered and all the
	// module's activities.
	Answered, Activities int
	// Passed reports Rule S-4: finished, every activity answered, score ≥
	// the step's required score.
	Passed bool
}
