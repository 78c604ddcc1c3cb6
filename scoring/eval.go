package scoring

import (
	"time"
)

// evalScratch holds the per-learner working memory of Result, reused from
// one learner to the next.
type evalScratch struct {
	agg   []stepAgg
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
	return Percent{st.points, cs.maxSum}, roundPercent(st.points, cs.maxSum)
}

// attemptComplete reports whether every activity of the module has an
// answer in the attempt (Rule S-4).
func attemptComplete(cs *cstep, st *attemptState) bool {
	return popcount(st.bits, st.ext) == len(cs.acts)
}

// later reports whether attempt a is the more recent of a and b: later
// finish, on a tie the higher attempt ID (Rule S-3).
func later(a, b *attemptState) bool {
	if c := a.finish.Compare(b.finish); c != 0 {
		return c > 0
	}
	return CompareAttemptIDs(a.id, b.id) > 0
}

// learner evaluates one learner into dst (one entry per compiled step, in
// pre-order) and returns the training result, which keeps dst as Steps.
func (e *evalScratch) learner(c *compiled, opts *Options, ls *learnerState, dst []StepResult) TrainingResult {
	ns := len(c.steps)
	if cap(e.agg) < ns {
		e.agg = make([]stepAgg, ns)
	}
	agg := e.agg[:ns]
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
		if cs.nWords > 0 {
			words[cs.word0] |= st.bits
			for x, w := range st.ext {
				words[int(cs.word0)+1+x] |= w
			}
		}
		if st.finish.IsZero() {
			continue // Rule S-3: only finished attempts have a score.
		}
		ag.finished++
		d := st.finish.Sub(st.start)
		if opts.AttemptCap > 0 && d > opts.AttemptCap {
			d = opts.AttemptCap // Rule S-11 option.
		}
		ag.time += d
		// Rule S-3 best: highest score (same max for every attempt of a
		// module, so highest points), then the earliest finish, then the
		// higher attempt ID.
		if ag.best < 0 {
			ag.best = int32(k)
		} else {
			b := &ls.attempts[ag.best]
			if st.points > b.points || (st.points == b.points && (st.finish.Before(b.finish) || (st.finish.Equal(b.finish) && CompareAttemptIDs(st.id, b.id) > 0))) {
				ag.best = int32(k)
			}
		}
		if ag.newest < 0 || later(st, &ls.attempts[ag.newest]) {
			ag.newest = int32(k)
		}
		// Rule S-4.
		if _, score := attemptScore(cs, st); score >= cs.step.RequiredScore && attemptComplete(cs, st) {
			if ag.firstPass < 0 {
				ag.firstPass = int32(k)
			} else if f := &ls.attempts[ag.firstPass]; st.finish.Before(f.finish) || (st.finish.Equal(f.finish) && CompareAttemptIDs(st.id, f.id) > 0) {
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
			evalModule(cs, ag, ls, words, r)
		case StepLiveSession:
			if cs.step.Mandatory {
				r.Activities = 1 // Rule S-8: one per mandatory live session.
			}
			if ag.session >= 0 {
				at := &ls.sessions[ag.session].at
				score := 100
				if at.HasScore {
					score = at.Score
				}
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
			evalCourse(cs, dst, r)
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
		sum += int64(r.Score.Int()) // Rule S-6: each step an integer percent.
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

func evalModule(cs *cstep, ag *stepAgg, ls *learnerState, words []uint64, r *StepResult) {
	r.Activities = len(cs.acts)
	r.Answered = popcount(0, words[cs.word0:cs.word0+cs.nWords])
	r.Attempts, r.Finished = ag.attempts, ag.finished
	r.TimeSpent = ag.time
	counted := ag.best
	if cs.step.Keep == KeepNewest {
		counted = ag.newest
	}
	if counted >= 0 {
		r.Score, _ = attemptScore(cs, &ls.attempts[counted])
		r.HasScore = true
	}
	// Rule S-5.
	switch cs.step.Keep {
	case KeepNewest:
		if ag.newest >= 0 && ag.firstPass >= 0 {
			n := &ls.attempts[ag.newest]
			_, score := attemptScore(cs, n)
			if score >= cs.step.RequiredScore && attemptComplete(cs, n) {
				r.Completed, r.CompletedAt = true, n.finish
			}
		}
	default:
		if ag.firstPass >= 0 {
			r.Completed, r.CompletedAt = true, ls.attempts[ag.firstPass].finish
		}
	}
	// Rule S-9.
	switch {
	case r.Completed && r.Score.Int() >= cs.step.RequiredScore:
		r.Status = StatusPassed
	case r.Answered < r.Activities || r.Finished == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
}

func evalCourse(cs *cstep, dst []StepResult, r *StepResult) {
	var sum int64
	allDone, anyPending := len(cs.children) > 0, false
	for _, ci := range cs.children {
		ch := &dst[ci]
		// Rule S-7: every child, mandatory or not; no score counts 0.
		sum += int64(ch.Score.Int())
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
	if r.HasScore {
		r.Score = Percent{sum, 100 * int64(len(cs.children))}
	}
	r.Completed = allDone
	if !allDone {
		r.CompletedAt = time.Time{}
	}
	switch {
	case r.Completed && r.Score.Int() >= cs.step.RequiredScore:
		r.Status = StatusPassed
	case anyPending || len(cs.children) == 0:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
}
