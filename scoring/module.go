package scoring

import (
	"time"

	"github.com/learnstats/learnstats"
)

// moduleAgg is what a learner's attempts at one module say, as of asOf:
// the attempts counted, the set of activities answered in any of them, and
// the attempts Rules S-3 and S-5 pick.
type moduleAgg struct {
	attempts, finished int
	answered           bitset // Rule S-8: answered in any attempt, finished or not
	best, newest       *attemptState
	firstPass          *attemptState // earliest-finishing passed attempt (Rule S-5)
	spent              time.Duration // Rule S-11
}

// add folds one attempt that exists at asOf into the aggregate.
func (ag *moduleAgg) add(s *stepDef, opts Options, st *attemptState, asOf time.Time) {
	ag.attempts++
	ag.answered.union(st.answered)
	if !st.finished(asOf) {
		return // Rule S-3: only finished attempts have a score.
	}
	ag.finished++
	ag.spent += attemptTime(opts, st)
	// Rule S-3, best: the highest score — every attempt of a module has the
	// same Σmax, so the most points — then the earliest finish, then the
	// higher attempt ID.
	if b := ag.best; b == nil || st.points > b.points || st.points == b.points && finishedFirst(st, b) {
		ag.best = st
	}
	// Rule S-3, newest: the latest finish, then the higher attempt ID.
	if n := ag.newest; n == nil || finishedLater(st, n) {
		ag.newest = st
	}
	// Rule S-5, best and all: the first passing attempt.
	if attemptPassed(s, st, asOf) && (ag.firstPass == nil || finishedFirst(st, ag.firstPass)) {
		ag.firstPass = st
	}
}

// attemptTime is Rule S-11 for one finished attempt: finish − start,
// capped by Options.AttemptCap when it is set. The accumulator checked at
// Add that every learner's total fits a time.Duration.
func attemptTime(opts Options, st *attemptState) time.Duration {
	d := st.finish.Sub(st.start)
	if opts.AttemptCap > 0 && d > opts.AttemptCap {
		d = opts.AttemptCap
	}
	return d
}

// finishedLater reports whether a finished after b, or at the same instant
// with the higher attempt ID (Rule S-3's "most recently finished").
func finishedLater(a, b *attemptState) bool {
	if c := a.finish.Compare(b.finish); c != 0 {
		return c > 0
	}
	return learnstats.CompareIDs(a.id, b.id) > 0
}

// finishedFirst reports whether a finished before b, or at the same instant
// with the higher attempt ID: the tie-break among equally good attempts.
func finishedFirst(a, b *attemptState) bool {
	if c := a.finish.Compare(b.finish); c != 0 {
		return c < 0
	}
	return learnstats.CompareIDs(a.id, b.id) > 0
}

// counted is the attempt that gives the module score (Rule S-3): the best
// one for keep best and all, the newest finished one for keep newest; nil
// without a finished attempt.
func (ag *moduleAgg) counted(s *stepDef) *attemptState {
	if s.Keep == KeepNewest {
		return ag.newest
	}
	return ag.best
}

// evalModule fills r with a module's result from its aggregate and returns
// the module's integer score (0 without a score): Rules S-3, S-5, S-9,
// S-11.
func evalModule(s *stepDef, ag *moduleAgg, asOf time.Time, r *StepResult) int {
	r.Activities = len(s.Activities)
	r.Answered = ag.answered.count()
	r.Attempts, r.Finished = ag.attempts, ag.finished
	r.Started = ag.attempts > 0
	r.TimeSpent = ag.spent
	score := 0
	if c := ag.counted(s); c != nil {
		// Rule S-3: no finished attempt, no score.
		r.Score, score = attemptScore(s, c.points)
		r.HasScore = true
	}
	// Rule S-5.
	switch s.Keep {
	case KeepNewest:
		// The newest finished attempt, if it passed.
		if n := ag.newest; n != nil && attemptPassed(s, n, asOf) {
			r.Completed, r.CompletedAt = true, n.finish
		}
	default:
		if p := ag.firstPass; p != nil {
			r.Completed, r.CompletedAt = true, p.finish
		}
	}
	// Rule S-9. A module without a finished attempt stays pending even with
	// every activity answered in an attempt in progress: it has not failed
	// yet (the SPEC's wording would say failed).
	switch {
	case r.Completed && score >= s.RequiredScore:
		r.Status = StatusPassed
	case r.Answered < r.Activities || r.Finished == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
	return score
}
