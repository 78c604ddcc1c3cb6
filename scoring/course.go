package scoring

import (
	"time"

	"github.com/learnstats/learnstats"
)

// evalCourse fills r with a course's result from its children's results
// (already evaluated) and returns its integer score: Rule S-7. The course
// scores the mean of all its children's integer scores, mandatory or not, a
// child without a score counting 0; it has a score when at least one child
// has one. It is completed when every child is completed, on the latest
// child completion date; pending while a child is pending.
func evalCourse(s *stepDef, results []StepResult, ints []int, r *StepResult) int {
	var sum int64
	allDone, anyPending := len(s.children) > 0, false
	for _, ci := range s.children {
		ch := &results[ci]
		sum += int64(ints[ci])
		r.HasScore = r.HasScore || ch.HasScore
		r.Answered += ch.Answered
		r.Activities += ch.Activities
		r.Attempts += ch.Attempts
		r.Finished += ch.Finished
		r.TimeSpent += ch.TimeSpent
		r.Started = r.Started || ch.Started
		if !ch.Completed {
			allDone = false
		} else if ch.CompletedAt.After(r.CompletedAt) {
			r.CompletedAt = ch.CompletedAt
		}
		if ch.Status == StatusPending {
			anyPending = true
		}
	}
	score := 0
	if r.HasScore {
		r.Score = learnstats.NewRatio(sum, int64(len(s.children)))
		score = int(r.Score.Int())
	}
	r.Completed = allDone
	if !allDone {
		r.CompletedAt = time.Time{}
	}
	switch {
	case r.Completed && score >= s.RequiredScore:
		r.Status = StatusPassed
	case anyPending || len(s.children) == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
	return score
}

// evalSession fills r with a live session's result and returns its integer
// score. Live sessions are not in the SPEC's rules; the library decides: an
// attended session is completed on the attendance date and scores the
// trainer's score, or 100 without one (as Rule S-2 does for a module
// without scored activity); it passes when that score reaches the required
// score, else fails; a session not attended is pending without a score. A
// mandatory session counts as one activity in progress (Rule S-8),
// answered when attended. A learner marked absent has started the step
// (the training content dashboard counts them, D-5) but not attended it.
func evalSession(s *stepDef, at *Attendance, r *StepResult) int {
	if at == nil {
		return 0
	}
	r.Started = true
	if at.Absent {
		return 0
	}
	score := 100
	if at.HasScore {
		score = at.Score
	}
	r.Score, r.HasScore = learnstats.NewRatio(int64(score), 1), true
	r.Completed, r.CompletedAt = true, at.At
	if s.Mandatory {
		r.Answered = 1
	}
	if score >= s.RequiredScore {
		r.Status = StatusPassed
	} else {
		r.Status = StatusFailed
	}
	return score
}
