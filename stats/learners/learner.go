package learners

import (
	"time"

	"github.com/learnstats/learnstats"
)

// scratch is the working memory of a result, reused from one user to the
// next.
type scratch struct {
	counted []*attempt
	latest  map[sessionCourse]*attempt
	done    map[learnstats.StepID]bool
	items   map[item]bool
}

type sessionCourse struct {
	session learnstats.SessionID
	course  learnstats.StepID
}

func newScratch() *scratch {
	return &scratch{latest: map[sessionCourse]*attempt{}, done: map[learnstats.StepID]bool{}, items: map[item]bool{}}
}

// learner fills row with the learner statistics of Rules L-1 … L-3 and
// L-5 … L-7 from s, as of asOf. L-4 (direct reports) comes from the
// definition, the assignments of L-6 from [Accumulator.assigned].
func (a *Accumulator) learner(row *Stats, s *userState, asOf time.Time, res *Result, w *scratch) {
	counted := w.counted[:0]
	for i := range s.attempts {
		if at := &s.attempts[i]; at.counts(asOf) {
			counted = append(counted, at)
		} else {
			res.Later++
		}
	}
	w.counted = counted
	row.TimeSpent = timeSpent(counted)
	row.TotalTimeSpent = totalTimeSpent(counted, w.latest)
	row.LastActivity = lastActivity(counted)
	row.AvgScore = avgScore(counted, s.assessments, asOf, res)
	row.CompletedCourses = completedCourses(counted, w.done)
	row.CompletedPrograms, row.CompletedPaths = completedItems(s.progress, w.items)
	row.AttendedClassrooms = len(s.classrooms) // Rule L-6: distinct classrooms attended.
	row.Messages = messages(s.posts, asOf)
}

func (at *attempt) counts(asOf time.Time) bool { return counted(at.at, asOf) }

// timeSpent is Rule L-1: the sum of all course attempts' durations. It
// cannot overflow: the accumulator checked the sum over every attempt.
func timeSpent(attempts []*attempt) time.Duration {
	var d time.Duration
	for _, at := range attempts {
		d += at.spent
	}
	return d
}

// totalTimeSpent is Rule L-2: the time spent on all course blocks, except
// that when a learner made several attempts at one course within one
// program session, only the most recent attempt's duration counts ("most
// recent" = latest start; on a tie, the higher attempt ID). Attempts
// outside any program session are summed as they are. latest is an empty
// map to work in; it is left empty.
func totalTimeSpent(attempts []*attempt, latest map[sessionCourse]*attempt) time.Duration {
	defer clear(latest)
	var d time.Duration
	for _, at := range attempts {
		if at.session == "" {
			d += at.spent
			continue
		}
		k := sessionCourse{at.session, at.step}
		if q := latest[k]; q == nil || at.newer(q) {
			latest[k] = at
		}
	}
	for _, at := range latest {
		d += at.spent
	}
	return d
}

// newer reports whether at is more recent than q (Rule L-2): the later
// start, then the higher attempt ID ([learnstats.CompareIDs]), then (the
// same ID twice, only with inconsistent data) the longer time spent, so
// that the pick never depends on input order.
func (at *attempt) newer(q *attempt) bool {
	if c := at.start.Compare(q.start); c != 0 {
		return c > 0
	}
	if c := learnstats.CompareIDs(at.id, q.id); c != 0 {
		return c > 0
	}
	return at.spent > q.spent
}

// lastActivity is Rule L-3: the latest activity time in a course; zero
// when there is none.
func lastActivity(attempts []*attempt) time.Time {
	var t time.Time
	for _, at := range attempts {
		if at.at.After(t) {
			t = at.at
		}
	}
	return t
}

// avgScore is Rule L-5: the mean of all the user's scores on courses and
// assessments, every scored attempt counting once, exactly (in percent);
// no value when the user has no score. The sum cannot overflow: the
// accumulator checked the sum of every score.
func avgScore(attempts []*attempt, assessments []timedScore, asOf time.Time, res *Result) learnstats.Ratio {
	var sum, n int64
	for _, at := range attempts {
		if at.scored {
			sum += int64(learnstats.WholePoints(int64(at.score)))
			n++
		}
	}
	for _, as := range assessments {
		if !counted(as.at, asOf) {
			res.Later++
			continue
		}
		sum += int64(as.score)
		n++
	}
	return percentOf(sum, n)
}

// percentOf is sum/n for a sum of n scores in Points units (1 percent is
// WholePoints(1)), in percent; no value when n is 0.
func percentOf(sum, n int64) learnstats.Ratio {
	if n == 0 {
		return learnstats.Ratio{}
	}
	return learnstats.NewRatio(sum, n).Quo(int64(learnstats.WholePoints(1)))
}

// completedCourses is Rule L-6 for courses: the distinct courses with an
// attempt at 100 %. done is an empty map to work in; it is left empty.
func completedCourses(attempts []*attempt, done map[learnstats.StepID]bool) int {
	defer clear(done)
	for _, at := range attempts {
		if at.progress == 100 {
			done[at.step] = true
		}
	}
	return len(done)
}

// completedItems is Rule L-6 for programs and paths: the distinct program
// sessions and paths with a progress record at 100 %. done is an empty
// map to work in; it is left empty.
func completedItems(progress []Progress, done map[item]bool) (programs, paths int) {
	defer clear(done)
	for _, p := range progress {
		if p.Percent == 100 {
			done[item{session: p.Session, path: p.Path}] = true
		}
	}
	for k := range done {
		if k.session != "" {
			programs++
		} else {
			paths++
		}
	}
	return programs, paths
}

// assigned is Rule L-6 for assignments: the distinct program sessions and
// paths assigned to u individually or through any of their groups (all of
// them, the scope's or not: the assignment is a fact about u), each once
// however many routes lead to it. all is an empty map to work in; it is
// left empty.
func (a *Accumulator) assigned(u learnstats.User, s *userState, all map[item]bool) (programs, paths int) {
	defer clear(all)
	if s != nil {
		for k := range s.assigned {
			all[k] = true
		}
	}
	for _, g := range u.Groups {
		for k := range a.groups[g] {
			all[k] = true
		}
	}
	for k := range all {
		if k.session != "" {
			programs++
		} else {
			paths++
		}
	}
	return programs, paths
}

// messages is Rule L-7: the number of published posts (replies included)
// before asOf, in every place a rule counts (not learnstats.PlaceOther).
// Posts left out are counted by [Accumulator.collaboration].
func messages(posts []post, asOf time.Time) int {
	n := 0
	for _, p := range posts {
		if counted(p.at, asOf) && !p.unpublished && p.place != learnstats.PlaceOther {
			n++
		}
	}
	return n
}
