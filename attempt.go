package learnstats

import (
	"fmt"
	"time"
)

// Attempt is one learner's attempt at a step (an Opigno module, a Moodle
// quiz, a 360Learning course): the one record of that fact, which every
// package reads the fields it needs from, so an LMS maps its attempts table
// once.
//
//   - Package scoring (Opigno rules S-1 … S-15) reads Start, Finish and
//     Answers: it computes the score from the answers and the module's max
//     scores, and time spent as Finish − Start of finished attempts (S-11).
//   - The learner statistics (360Learning rules L-1 … L-8) read Session,
//     Start, LastActivity, TimeSpent, Progress, Score and Language: the
//     platform's own measures of the attempt.
//   - The public profile statistics (P-1) count attempts as course views at
//     Start.
//
// The two time-spent figures differ on purpose, as the platforms define
// them: Opigno's S-11 is the wall-clock span of each finished attempt
// (unfinished attempts count nothing, and dashboards may cap each attempt),
// while 360Learning's L-1 and L-2 add the time the platform measured in
// every attempt, finished or not (L-2 keeping only the latest attempt per
// course within a program session). A learner who left an attempt open for
// an hour and worked twenty minutes in it has 0 (unfinished) or 1 h
// (finished) in the first and 20 min in the second.
//
// Fields a package does not read may be left zero.
type Attempt struct {
	// ID identifies the attempt; it is unique per learner and step. Ties
	// between attempts go to the higher ID ([CompareIDs]).
	ID AttemptID
	// Learner is the learner who made the attempt.
	Learner UserID
	// Step is the module or course attempted.
	Step StepID
	// Session is the program session the attempt was made in (L-2, L-8);
	// empty for an attempt outside any program session.
	Session SessionID
	// Start is when the attempt started.
	Start time.Time
	// Finish is when the attempt was finished; the zero time means it is
	// not finished (it then has no Opigno score, S-3).
	Finish time.Time
	// LastActivity is the latest activity time in the attempt (L-3); zero
	// means Finish when the attempt is finished, else Start.
	LastActivity time.Time
	// TimeSpent is the time the platform measured in the attempt (L-1,
	// L-2, L-8), ≥ 0.
	TimeSpent time.Duration
	// Progress is the completion the platform recorded for the attempt, in
	// percent 0–100; 100 completes the course (L-6). Opigno's progress
	// (S-8) is computed from Answers instead.
	Progress int
	// Score is the score the platform recorded for the attempt, in percent
	// 0–100, meaningful only when Scored (L-5, L-8). Opigno's score (S-1)
	// is computed from Answers instead.
	Score int
	// Scored reports whether the platform recorded a score.
	Scored bool
	// Language is the language the attempt was played in (L-8).
	Language string
	// Answers are the attempt's answers, at most one per activity; an
	// activity without an answer scores 0 points (S-1).
	Answers []Answer
}

// Answer is the points a learner got on one activity in one attempt.
type Answer struct {
	// Activity is the activity answered.
	Activity ActivityID
	// Points are the points obtained, 0 ≤ Points ≤ the activity's max.
	Points Points
}

// Validate checks the invariants of the record itself; each package checks
// what it needs on top (an answer to an activity the module does not have,
// points above the activity's max). The error names the attempt and wraps
// [ErrInvalidRecord].
func (a Attempt) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("learnstats: attempt %q of learner %q at step %q: %s: %w", a.ID, a.Learner, a.Step, fmt.Sprintf(format, args...), ErrInvalidRecord)
	}
	switch {
	case a.ID == "":
		return bad("no ID")
	case a.Learner == "":
		return bad("no learner")
	case a.Step == "":
		return bad("no step")
	case !a.Finish.IsZero() && a.Start.IsZero():
		return bad("finished without a start time")
	case !a.Finish.IsZero() && a.Finish.Before(a.Start):
		return bad("finish %s before start %s", a.Finish.Format(time.RFC3339Nano), a.Start.Format(time.RFC3339Nano))
	case !a.LastActivity.IsZero() && a.LastActivity.Before(a.Start):
		return bad("last activity %s before start %s", a.LastActivity.Format(time.RFC3339Nano), a.Start.Format(time.RFC3339Nano))
	case a.TimeSpent < 0:
		return bad("negative time spent %s", a.TimeSpent)
	case a.Progress < 0 || a.Progress > 100:
		return bad("progress %d outside 0–100", a.Progress)
	case a.Scored && (a.Score < 0 || a.Score > 100):
		return bad("score %d outside 0–100", a.Score)
	}
	for i, ans := range a.Answers {
		if ans.Activity == "" {
			return bad("answer %d has no activity", i+1)
		}
		if ans.Points < 0 || ans.Points > MaxPoints {
			return fmt.Errorf("learnstats: attempt %q of learner %q: activity %q: points %s outside 0–%s: %w", a.ID, a.Learner, ans.Activity, ans.Points, MaxPoints, ErrInvalidPoints)
		}
	}
	return nil
}
