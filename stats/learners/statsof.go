package learners

import (
	"iter"
	"time"

	"github.com/learnstats/learnstats"
)

// Records are the record streams of [StatsOf]. A nil stream is empty.
type Records struct {
	// Attempts are the course attempts (L-1 … L-3, L-5, L-6).
	Attempts iter.Seq[learnstats.Attempt]
	// Assessments are the assessment scores (L-5).
	Assessments iter.Seq[learnstats.AssessmentScore]
	// Progress are the program sessions' and paths' progress records
	// (L-6).
	Progress iter.Seq[Progress]
	// Attendance are the classroom attendance records (L-6).
	Attendance iter.Seq[Attendance]
	// Assignments are the program session and path assignments (L-6).
	Assignments iter.Seq[Assignment]
	// Posts are the posts and replies (L-7, R-1, R-2).
	Posts iter.Seq[learnstats.Post]
	// Reactions are the reactions in courses and on posts.
	Reactions iter.Seq[learnstats.Reaction]
	// Registrations are the registration records.
	Registrations iter.Seq[Registration]
}

// StatsOf computes the learner statistics, collaborative activity and
// registrations of every user of dir that scope sees, as of asOf: it is
// shorthand for [NewAccumulator](asOf, dir, scope, o), one Add call per
// record of every stream of recs, then [Accumulator.Result]. The first invalid
// record stops it with the error its Add method returns.
func StatsOf(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, o Options, recs Records) (*Result, error) {
	a, err := NewAccumulator(asOf, dir, scope, o)
	if err != nil {
		return nil, err
	}
	for _, add := range []func() error{
		func() error { return each(recs.Attempts, a.AddAttempt) },
		func() error { return each(recs.Assessments, a.AddAssessment) },
		func() error { return each(recs.Progress, a.AddProgress) },
		func() error { return each(recs.Attendance, a.AddAttendance) },
		func() error { return each(recs.Assignments, a.AddAssignment) },
		func() error { return each(recs.Posts, a.AddPost) },
		func() error { return each(recs.Reactions, a.AddReaction) },
		func() error { return each(recs.Registrations, a.AddRegistration) },
	} {
		if err := add(); err != nil {
			return nil, err
		}
	}
	return a.Result(), nil
}

// each calls add for every record of seq, stopping at the first error.
func each[T any](seq iter.Seq[T], add func(T) error) error {
	if seq == nil {
		return nil
	}
	for r := range seq {
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}
