package learners

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// addAttempt folds a counted attempt into the figures of the user in slot
// (Rules L-1, L-2, L-3, L-5, L-6). The sums are checked before anything
// changes, so that an attempt that would overflow changes nothing.
func (a *Accumulator) addAttempt(slot int, s *userState, at learnstats.Attempt, name func() string) error {
	// Rule L-1: the sum of all course attempts' durations.
	timeSpent, ok1 := checked.AddDuration(s.timeSpent, at.TimeSpent)
	// Rule L-5: every scored attempt counts once, in Points units.
	scoreSum, scores, ok2, ok3 := s.scoreSum, s.scores, true, true
	if at.Scored {
		scoreSum, ok2 = checked.Add(s.scoreSum, int64(learnstats.WholePoints(int64(at.Score))))
		scores, ok3 = checked.Add(s.scores, 1)
	}
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("learners: %s: the learner's time spent or scores add up beyond an int64: %w", name(), learnstats.ErrOverflow)
	}
	s.timeSpent, s.scoreSum, s.scores = timeSpent, scoreSum, scores
	// Rule L-2: the attempts outside any program session are summed as they
	// are; within a session, only the most recent attempt at each course
	// counts. Both parts are within the L-1 sum: they cannot overflow.
	if at.Session == "" {
		s.standalone += at.TimeSpent
	} else {
		p := pickOf(at.Start, at.ID, at.TimeSpent)
		p.course = a.pairs.of(sessionCourse{at.Session, at.Step})
		s.latest += s.mostRecent(p)
	}
	// Rule L-3: the latest activity time in a course.
	if t := activityAt(at); t.After(s.lastActivity) {
		s.lastActivity = t
	}
	// Rule L-6: the distinct courses where the learner reached 100 %.
	if at.Progress == 100 && addOnce(a.completed, userStep{slot, at.Step}) {
		s.completedCourses++
	}
	return nil
}

// mostRecent keeps p as the user's attempt at its course within its
// program session when it is more recent than the one kept (Rule L-2),
// and returns the change of the user's L-2 sum.
func (s *userState) mostRecent(p pick) time.Duration {
	i, found := slices.BinarySearchFunc(s.picks, p.course, func(q pick, course int32) int { return cmp.Compare(q.course, course) })
	if !found {
		if s.picks == nil {
			s.picks = make([]pick, 0, 8) // a few courses in a few sessions at least: fewer allocations as it grows
		}
		s.picks = slices.Insert(s.picks, i, p)
		return p.spent
	}
	q := s.picks[i]
	if !p.newer(q) {
		return 0
	}
	s.picks[i] = p
	return p.spent - q.spent
}

// pickOf is an attempt's start, ID and time spent as a pick.
func pickOf(start time.Time, id learnstats.AttemptID, spent time.Duration) pick {
	return pick{sec: start.Unix(), nsec: int32(start.Nanosecond()), id: id, spent: spent}
}

// newer reports whether p is more recent than q (Rule L-2): the later
// start, then the higher attempt ID ([learnstats.CompareIDs]), then (the
// same ID twice, only with inconsistent data) the longer time spent, so
// that the pick never depends on input order.
func (p pick) newer(q pick) bool {
	if c := cmp.Or(cmp.Compare(p.sec, q.sec), cmp.Compare(p.nsec, q.nsec)); c != 0 {
		return c > 0
	}
	if c := learnstats.CompareIDs(p.id, q.id); c != 0 {
		return c > 0
	}
	return p.spent > q.spent
}

// addScore adds an assessment score (Points units) to Rule L-5's sum.
func (s *userState) addScore(score learnstats.Points, name func() string) error {
	sum, ok1 := checked.Add(s.scoreSum, int64(score))
	n, ok2 := checked.Add(s.scores, 1)
	if !ok1 || !ok2 {
		return fmt.Errorf("learners: %s: the learner's scores add up beyond an int64: %w", name(), learnstats.ErrOverflow)
	}
	s.scoreSum, s.scores = sum, n
	return nil
}

// addProgress is Rule L-6 for programs and paths: the distinct program
// sessions and paths with a progress record at 100 %.
func (a *Accumulator) addProgress(slot int, s *userState, p Progress) {
	k := item{session: p.Session, path: p.Path}
	if p.Percent == 100 && addOnce(a.done, userItem{slot, k}) {
		s.addDone(k)
	}
}

// addDone counts a newly completed program session or path (L-6).
func (s *userState) addDone(k item) {
	if k.session != "" {
		s.completedPrograms++
	} else {
		s.completedPaths++
	}
}

// addAssigned counts a program session or path newly assigned to the user
// directly (L-6).
func (s *userState) addAssigned(k item) {
	if k.session != "" {
		s.directPrograms++
	} else {
		s.directPaths++
	}
}

// assigned is Rule L-6 for assignments: the distinct program sessions and
// paths assigned to the user in slot individually or through any of the
// groups of u (all of them, the scope's or not: the assignment is a fact
// about u), each once however many routes lead to it. viaGroups is an
// empty map to work in; it is left empty.
func (a *Accumulator) assigned(slot int, u learnstats.User, viaGroups map[item]bool) (programs, paths int) {
	defer clear(viaGroups)
	s := &a.users[slot]
	programs, paths = s.directPrograms, s.directPaths
	for _, g := range u.Groups {
		for k := range a.groups[g] {
			if viaGroups[k] || a.direct[userItem{slot, k}] {
				continue
			}
			viaGroups[k] = true
			if k.session != "" {
				programs++
			} else {
				paths++
			}
		}
	}
	return programs, paths
}

// avgScore is Rule L-5: the mean of all the user's scores on courses and
// assessments, every scored attempt counting once, exactly (in percent);
// no value when the user has no score.
func (s *userState) avgScore() learnstats.Ratio { return percentOf(s.scoreSum, s.scores) }

// percentOf is sum/n for a sum of n scores in Points units (1 percent is
// WholePoints(1)), in percent; no value when n is 0.
func percentOf(sum, n int64) learnstats.Ratio {
	if n == 0 {
		return learnstats.Ratio{}
	}
	return learnstats.NewRatio(sum, n).Quo(int64(learnstats.WholePoints(1)))
}
