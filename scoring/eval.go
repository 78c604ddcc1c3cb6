package scoring

import (
	"time"
)

// evalScratch holds the per-learner working memory of Result, reused from
// one learner to the next.
type evalScratch struct {
	agg   []stepAgg
	ints  []int // each step's integer score (0 without a score)
	words []uint64
}

// stepAgg is what the attempts and attendances of one learner say about one
// step.
type stepAgg struct {
	attempts, finished int
	best, newest       int32 // indexes in learnerState.attempts, -1 if none
	firstPass          int32 // earliest-finishing passed attempt (Rule S-5), -1 if none
	session            int32 // index in learnerState.sessions, -1 if not attended
	time               time.Duration
}

// attemptScore is Rule S-1 and S-2 for a finished attempt: the exact score
// and its integer percent.
func attemptScore(cs *cstep, st *attemptState) (Percent, int) {
	if cs.maxSum == 0 {
		// Rule S-2: no scored activity, finished → 100.
		return Percent{1, 1}, 100
	}
	// 0 ≤ points ≤ maxSum ≤ MaxPoints: plain int64 rounding cannot overflow.
	return Percent{st.points, cs.maxSum}, roundPercent(st.points, cs.maxSum)
}

// later reports whether attempt a is the more recent of a and b: later
// finish, on a tie the higher attempt ID (Rule S-3).
func later(a, b *attemptState) bool {
	if c := a.finish.compare(b.finish); c != 0 {
		return c > 0
	}
	return CompareAttemptIDs(a.id, b.id) > 0
}

// learner evaluates one learner into dst (one entry per compiled step, in
// pre-order) and returns the training result, which keeps dst as Steps.
func (e *evalScratch) learner(acc *TrainingAccumulator, ls *learnerState, dst []StepResult) TrainingResult {
	c, opts := acc.c, &acc.Options
	ns := len(c.steps)
	if cap(e.agg) < ns {
		e.agg = make([]stepAgg, ns)
		e.ints = make([]int, ns)
	}
	agg, ints := e.agg[:ns], e.ints[:ns]
	for i := range agg {
		agg[i] = stepAgg{best: -1, newest: -1, firstPass: -1, session: -1}
	}
	if cap(e.words) < c.nWords {
		e.words = make([]uint64, c.nWords)
	}
	words := e.words[:c.nWords]
	clear(words)

	for k := range ls.attempts {
		st := &ls.attempts[k]
		cs := &c.steps[st.step]
		ag := &agg[st.step]
		ag.attempts++
		// Rule S-8: an activity answered in any attempt, finished or not.
		rest := ls.restWords(st, c)
		if cs.nWords > 0 {
			words[cs.word0] |= st.bits
			for x, w := range rest {
				words[int(cs.word0)+1+x] |= w
			}
		}
		if !st.finish.set {
			continue // Rule S-3: only finished attempts have a score.
		}
		ag.finished++
		d := st.finish.sub(st.start)
		if opts.AttemptCap > 0 && d > opts.AttemptCap {
			d = opts.AttemptCap // Rule S-11 option.
		}
		ag.time += d
		// Rule S-3 best: highest score (same max for every attempt of a
		// module, so highest points), then the earliest finish, then the
		// higher attempt ID.
		if ag.best < 0 {
			ag.best = int32(k)
		} else if b := &ls.attempts[ag.best]; st.points > b.points || st.points == b.points && betterTie(st, b) {
			ag.best = int32(k)
		}
		if ag.newest < 0 || later(st, &ls.attempts[ag.newest]) {
			ag.newest = int32(k)
		}
		// Rule S-4 (passMin is the required score in points).
		if st.points >= cs.passMin && popcount(st.bits, rest) == len(cs.acts) {
			if ag.firstPass < 0 || betterTie(st, &ls.attempts[ag.firstPass]) {
				ag.firstPass = int32(k)
			}
		}
	}
	for k := range ls.sessions {
		agg[ls.sessions[k].step].session = int32(k)
	}

	// Children follow their course in pre-order: evaluate backwards.
	for i := ns - 1; i >= 0; i-- {
		cs := &c.steps[i]
		ag := &agg[i]
		r := &dst[i]
		*r = StepResult{Step: cs.step.ID, Kind: cs.step.Kind, Mandatory: cs.step.Mandatory}
		if cs.parent >= 0 {
			r.Parent = c.steps[cs.parent].step.ID
		}
		switch cs.step.Kind {
		case StepModule:
			ints[i] = evalModule(acc, cs, ag, ls, words, r)
		case StepLiveSession:
			ints[i] = 0
			if cs.step.Mandatory {
				r.Activities = 1 // Rule S-8: one per mandatory live session.
			}
			if ag.session >= 0 {
				at := &ls.sessions[ag.session].at
				score := 100
				if at.HasScore {
					score = at.Score
				}
				ints[i] = score
				r.Score, r.HasScore = Percent{int64(score), 100}, true
				r.Completed, r.CompletedAt = true, at.At
				if cs.step.Mandatory {
					r.Answered = 1
				}
				if score >= cs.step.RequiredScore {
					r.Status = StatusPassed
				} else {
					r.Status = StatusFailed
				}
			}
		case StepCourse:
			ints[i] = evalCourse(cs, dst, ints, r)
		}
	}

	// Rules S-6, S-8, S-10, S-11 over the top-level steps.
	tr := TrainingResult{Learner: ls.id, Training: c.id, Steps: dst}
	var sum, answered, total int64
	allDone, allPassed := true, true
	for _, i := range c.top {
		r := &dst[i]
		answered += int64(r.Answered)
		total += int64(r.Activities)
		tr.TimeSpent += r.TimeSpent
		if !r.Mandatory {
			continue
		}
		tr.HasMandatory = true
		if !r.Completed {
			allDone = false
		}
		if r.Status != StatusPassed {
			allPassed = false
		}
		if !r.HasScore && opts.ExcludeEmpty {
			continue
		}
		sum += int64(ints[i]) // Rule S-6: each step an integer percent.
		tr.Counted++
	}
	if tr.Counted > 0 {
		tr.Score = Percent{sum, 100 * int64(tr.Counted)}
	}
	tr.Progress = Percent{answered, total}
	if tr.HasMandatory && allDone {
		tr.Completed = true
		for j := range dst {
			if dst[j].Completed && dst[j].CompletedAt.After(tr.CompletedAt) {
				tr.CompletedAt = dst[j].CompletedAt
			}
		}
	}
	tr.Passed = tr.HasMandatory && allPassed
	return tr
}

// betterTie reports whether a wins a tie against b where the earlier
// finish wins: earlier finish, then the higher attempt ID.
func betterTie(a, b *attemptState) bool {
	if c := a.finish.compare(b.finish); c != 0 {
		return c < 0
	}
	return CompareAttemptIDs(a.id, b.id) > 0
}

// evalModule fills a module step's result and returns its integer score.
func evalModule(acc *TrainingAccumulator, cs *cstep, ag *stepAgg, ls *learnerState, words []uint64, r *StepResult) int {
	r.Activities = len(cs.acts)
	r.Answered = popcount(0, words[cs.word0:cs.word0+cs.nWords])
	r.Attempts, r.Finished = ag.attempts, ag.finished
	r.TimeSpent = ag.time
	counted := ag.best
	if cs.step.Keep == KeepNewest {
		counted = ag.newest
	}
	score := 0
	if counted >= 0 {
		r.Score, score = attemptScore(cs, &ls.attempts[counted])
		r.HasScore = true
	}
	// Rule S-5.
	switch cs.step.Keep {
	case KeepNewest:
		if ag.newest >= 0 && ag.firstPass >= 0 {
			n := &ls.attempts[ag.newest]
			if score >= cs.step.RequiredScore && popcount(n.bits, ls.restWords(n, acc.c)) == len(cs.acts) {
				r.Completed, r.CompletedAt = true, acc.time(n.finish)
			}
		}
	default:
		if ag.firstPass >= 0 {
			r.Completed, r.CompletedAt = true, acc.time(ls.attempts[ag.firstPass].finish)
		}
	}
	// Rule S-9.
	switch {
	case r.Completed && score >= cs.step.RequiredScore:
		r.Status = StatusPassed
	case r.Answered < r.Activities || r.Finished == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
	return score
}

// evalCourse fills a course step's result from its children's and returns
// its integer score.
func evalCourse(cs *cstep, dst []StepResult, ints []int, r *StepResult) int {
	var sum int64
	allDone, anyPending := len(cs.children) > 0, false
	for _, ci := range cs.children {
		ch := &dst[ci]
		// Rule S-7: every child, mandatory or not; no score counts 0.
		sum += int64(ints[ci])
		r.HasScore = r.HasScore || ch.HasScore
		r.Answered += ch.Answered
		r.Activities += ch.Activities
		r.Attempts += ch.Attempts
		r.Finished += ch.Finished
		r.TimeSpent += ch.TimeSpent
		if ch.Completed {
			if ch.CompletedAt.After(r.CompletedAt) {
				r.CompletedAt = ch.CompletedAt
			}
		} else {
			allDone = false
		}
		if ch.Status == StatusPending {
			anyPending = true
		}
	}
	score := 0
	if r.HasScore {
		r.Score = Percent{sum, 100 * int64(len(cs.children))}
		score = roundPercent(r.Score.Num, r.Score.Den)
	}
	r.Completed = allDone
	if !allDone {
		r.CompletedAt = time.Time{}
	}
	switch {
	case r.Completed && score >= cs.step.RequiredScore:
		r.Status = StatusPassed
	case anyPending || len(cs.children) == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
	return score
}
