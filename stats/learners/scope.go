package learners

import (
	"iter"
	"time"

	"github.com/learnstats/learnstats"
)

// AuthorScope returns the scope of an author (Rule R-4): the users who
// played at least one of the author's courses, that is who have an attempt
// starting before asOf at a course for which authored returns true (the
// zero asOf: every attempt counts). It reads the attempts' Learner, Step
// and Start. The scope has no group column. A nil attempts sequence is
// empty.
func AuthorScope(asOf time.Time, authored func(course learnstats.StepID) bool, attempts iter.Seq[learnstats.Attempt]) learnstats.UserSet {
	s := learnstats.UserSet{}
	if attempts == nil {
		return s
	}
	for a := range attempts {
		if counted(a.Start, asOf) && authored(a.Step) {
			s[a.Learner] = true
		}
	}
	return s
}
