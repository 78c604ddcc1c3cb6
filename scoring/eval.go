package scoring

import (
	"math/bits"
	"time"
)

// evalScratch holds the per-learner working memory of Result, reused from
// one learner to the next.
type evalScratch struct {
	agg   []stepAgg // per module, for the general path
	ints  []int     // each step's integer score (0 without a score)
	words []uint64  // answered activities over all attempts, for the general path
}

// stepAgg is what the attempts of one learner say about one module: the
// general path, for modules with several attempts.
type stepAgg struct {
	attempts, finished int
	best, newest       *attemptState
	firstPass          *attemptState // earliest-finishing passed attempt (Rule S-5)
	time               time.Duration
}

// attemptScore is Rule S-1 and S-2 for a finished attempt: the exact score
// and its integer percent.
func attemptScore(cs *cstep, st *attemptState) (Percent, int) {
	if cs.maxSum == 0 {
		// Rule S-2: no scored activity, finished → 100.
		return Percent{1, 1}, 100
	}
	return Percent{st.points, cs.maxSum}, cs.round(st.points)
}

// round is Rule S-1's rounding for this module: round(100 · points / maxSum)
// half away from zero, for 0 ≤ points ≤ maxSum, maxSum > 0. It is
// ⌊(200·points + maxSum) / (2·maxSum)⌋, computed without a division: with
// n = 200·points + maxSum < 2⁶³ and recip = ⌊2⁶⁴ / d⌋ for d = 2·maxSum,
// q = ⌊n · recip / 2⁶⁴⌋ is the quotient or one less (n/2⁶⁴ < ½), and one
// comparison corrects it. Exact, as TestRoundDivider checks.
func (cs *cstep) round(points int64) int {
	n := uint64(200*points + cs.maxSum)
	q, _ := bits.Mul64(n, cs.recip)
	if n-q*cs.div >= cs.div {
		q++
	}
	return int(q)
}

// later reports whether attempt a is the more recent of a and b: later
// finish, on a tie the higher attempt ID (Rule S-3).
func later(a, b *attemptState) bool {
	if c := a.finish.compare(b.finish); c != 0 {
		return c > 0
	}
	return CompareAttemptIDs(a.id, b.id) > 0
}

// betterTie reports whether a wins a tie against b where the earlier
// finish wins: earlier finish, then the higher attempt ID.
func betterTie(a, b *attemptState) bool {
	if c := a.finish.compare(b.finish); c != 0 {
		return c < 0
	}
	return CompareAttemptIDs(a.id, b.id) > 0
}

// aggregate folds every attempt of the learner into e.agg (one per module)
// and e.words: the general path of Rules S-3, S-4, S-5, S-8, S-11.
func (e *evalScratch) aggregate(acc *TrainingAccumulator, ls *learnerState) {
	c := acc.c
	nm := len(c.mods)
	if cap(e.agg) < nm {
		e.agg = make([]stepAgg, nm)
	}
	e.agg = e.agg[:nm]
	clear(e.agg)
	if cap(e.words) < c.nWords {
		e.words = make([]uint64, c.nWords)
	}
	e.words = e.words[:c.nWords]
	clear(e.words)
	acc.attempts(ls, func(m int32, st *attemptState) { e.fold(acc, ls, m, st) })
}

// fold adds one attempt to its module's aggregate.
func (e *evalScratch) fold(acc *TrainingAccumulator, ls *learnerState, m int32, st *attemptState) {
	opts := &acc.Options
	cs := acc.c.modSteps[m]
	ag := &e.agg[m]
	ag.attempts++
	// Rule S-8: an activity answered in any attempt, finished or not.
	w0, rest := acc.bitsOf(ls, m, st)
	if cs.nWords > 0 {
		e.words[cs.word0] |= w0
		for x, w := range rest {
			e.words[int(cs.word0)+1+x] |= w
		}
	}
	if !st.finish.set() {
		return // Rule S-3: only finished attempts have a score.
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
	if b := ag.best; b == nil || st.points > b.points || st.points == b.points && betterTie(st, b) {
		ag.best = st
	}
	if ag.newest == nil || later(st, ag.newest) {
		ag.newest = st
	}
	// Rule S-4 (passMin is the required score in points).
	if st.points >= cs.passMin && popcount(w0, rest) == len(cs.acts) {
		if ag.firstPass == nil || betterTie(st, ag.firstPass) {
			ag.firstPass = st
		}
	}
}

// learner evaluates one learner into dst (one entry per compiled step, in
// pre-order) and returns the training result, which keeps dst as Steps.
func (e *evalScratch) learner(acc *TrainingAccumulator, ls *learnerState, dst []StepResult) TrainingResult {
	c, opts := acc.c, &acc.Options
	ns := len(c.steps)
	if cap(e.ints) < ns {
		e.ints = make([]int, ns)
	}
	ints := e.ints[:ns]
	sd := acc.sideOf(ls)
	if c.flat && sd == nil && !acc.general {
		return learnerFlat(acc, ls, dst)
	}
	// A learner with at most one attempt per module (the usual case) takes
	// the fast path: each module slot is the module's only attempt.
	general := acc.general || sd != nil && len(sd.more) > 0
	if general {
		e.aggregate(acc, ls)
	}
	var cells []attemptState
	var counts []int32
	if ls.cells >= 0 {
		cells = acc.cells[ls.cells : int(ls.cells)+len(c.mods)]
		counts = acc.counts[ls.cells : int(ls.cells)+len(c.mods)]
	}

	// Children follow their course in pre-order: evaluate backwards.
	for i := ns - 1; i >= 0; i-- {
		cs := &c.steps[i]
		r := &dst[i]
		*r = c.tmpl[i]
		ints[i] = 0
		switch cs.step.Kind {
		case StepModule:
			switch m := cs.mod; {
			case general:
				ints[i] = evalModule(acc, cs, ls, &e.agg[m], e.words, r)
			case counts != nil && counts[m] > 0:
				ints[i] = evalSingle(acc, cs, ls, &cells[m], r)
			}
			// No attempt: the template's pending step without a score.
		case StepLiveSession:
			if at := sessionOf(sd, int32(i)); at != nil {
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
		have := false // the first completion wins ties, as in learnerFlat
		for j := range dst {
			if dst[j].Completed && (!have || dst[j].CompletedAt.After(tr.CompletedAt)) {
				tr.CompletedAt, have = dst[j].CompletedAt, true
			}
		}
	}
	tr.Passed = tr.HasMandatory && allPassed
	return tr
}

// learnerFlat is learner for the usual bulk case: a training whose steps
// are all top-level modules of at most 64 activities, and a learner with at
// most one attempt per module and no attendance. Each step result is
// written once, field by field, and the training figures (Rules S-6, S-8,
// S-10, S-11) are summed on the way; the result is the general path's
// (TestFastPathAgreesWithGeneral).
func learnerFlat(acc *TrainingAccumulator, ls *learnerState, dst []StepResult) TrainingResult {
	c := acc.c
	capD, excl := acc.Options.AttemptCap, acc.Options.ExcludeEmpty
	var cells []attemptState
	var counts []int32
	if ls.cells >= 0 {
		cells = acc.cells[ls.cells : int(ls.cells)+len(c.steps)]
		counts = acc.counts[ls.cells : int(ls.cells)+len(c.steps)]
	}
	tr := TrainingResult{Learner: ls.id, Training: c.id, Steps: dst}
	var sum, answered, total int64
	var spentAll time.Duration
	counted := 0
	mandatory, notDone, notPassed := false, false, false
	var latest instant // latest completion over all steps (Rule S-10)
	dst = dst[:len(c.steps)]
	for m := range dst {
		cs := &c.steps[m]
		r := &dst[m]
		r.Step, r.Parent, r.Kind, r.Mandatory = cs.id, "", StepModule, cs.manda
		r.Activities = len(cs.acts)
		total += int64(len(cs.acts))
		if counts == nil || counts[m] == 0 {
			// No attempt: pending, no score (Rules S-3, S-9).
			r.Score, r.CompletedAt, r.TimeSpent = Percent{}, time.Time{}, 0
			r.Answered, r.Attempts, r.Finished = 0, 0, 0
			r.Status, r.HasScore, r.Completed = StatusPending, false, false
			if cs.manda {
				mandatory, notDone, notPassed = true, true, true
				if !excl {
					counted++ // Rule S-6: counts as 0.
				}
			}
			continue
		}
		st := &cells[m]
		nAns := bits.OnesCount64(st.bits) // Rule S-8
		answered += int64(nAns)
		r.Answered, r.Attempts = nAns, 1
		if !st.finish.set() {
			// Rules S-3, S-9: no finished attempt, no score, pending.
			r.Score, r.CompletedAt, r.TimeSpent = Percent{}, time.Time{}, 0
			r.Finished = 0
			r.Status, r.HasScore, r.Completed = StatusPending, false, false
			if cs.manda {
				mandatory, notDone, notPassed = true, true, true
				if !excl {
					counted++
				}
			}
			continue
		}
		// Rule S-3: the only attempt is finished, so it counts.
		spent := st.finish.sub(st.start)
		if capD > 0 && spent > capD {
			spent = capD // Rule S-11 option.
		}
		spentAll += spent
		r.TimeSpent, r.Finished, r.HasScore = spent, 1, true
		score := 100
		r.Score = Percent{1, 1} // Rule S-2.
		if cs.maxSum > 0 {
			score, r.Score = cs.round(st.points), Percent{st.points, cs.maxSum} // Rule S-1.
		}
		if nAns == len(cs.acts) && st.points >= cs.passMin {
			// Rules S-4, S-5, S-9: passed, completed on its finish.
			r.Completed, r.CompletedAt, r.Status = true, acc.time(st.finish), StatusPassed
			if f := st.finish; !latest.set() || f.sec > latest.sec || f.sec == latest.sec && f.ns() > latest.ns() {
				latest = f
			}
		} else {
			r.Completed, r.CompletedAt, r.Status = false, time.Time{}, StatusFailed
			if nAns < len(cs.acts) {
				r.Status = StatusPending
			}
			if cs.manda {
				notDone, notPassed = true, true
			}
		}
		if cs.manda {
			mandatory = true
			sum += int64(score) // Rule S-6: each step an integer percent.
			counted++
		}
	}
	tr.HasMandatory, tr.Counted, tr.TimeSpent = mandatory, counted, spentAll
	if counted > 0 {
		tr.Score = Percent{sum, 100 * int64(counted)}
	}
	tr.Progress = Percent{answered, total}
	if mandatory && !notDone {
		tr.Completed, tr.CompletedAt = true, acc.time(latest)
	}
	tr.Passed = mandatory && !notPassed
	return tr
}

// sessionOf returns the learner's attendance at live session step si, or
// nil.
func sessionOf(sd *learnerSide, si int32) *Attendance {
	if sd == nil {
		return nil
	}
	for k := range sd.sessions {
		if sd.sessions[k].step == si {
			return &sd.sessions[k].at
		}
	}
	return nil
}

// evalSingle fills the result of a module with exactly one attempt, st,
// and returns its integer score: the fast path of evalModule, with the same
// result (TestFastPathAgreesWithGeneral). The only attempt is the best and
// the newest; if finished it is counted (Rule S-3), and it completes the
// module when it passed (Rules S-4, S-5).
func evalSingle(acc *TrainingAccumulator, cs *cstep, ls *learnerState, st *attemptState, r *StepResult) int {
	r.Attempts = 1
	if cs.nWords <= 1 {
		r.Answered = bits.OnesCount64(st.bits)
	} else {
		r.Answered = acc.answeredIn(ls, cs.mod, st)
	}
	if !st.finish.set() {
		return 0 // Rules S-3, S-9: no finished attempt, no score, pending.
	}
	r.Finished = 1
	d := st.finish.sub(st.start)
	if c := acc.Options.AttemptCap; c > 0 && d > c {
		d = c // Rule S-11 option.
	}
	r.TimeSpent = d
	r.HasScore = true
	score := 100 // Rule S-2.
	r.Score = Percent{1, 1}
	if cs.maxSum > 0 {
		r.Score, score = Percent{st.points, cs.maxSum}, cs.round(st.points)
	}
	// Rule S-9.
	switch {
	case r.Answered == r.Activities && st.points >= cs.passMin:
		// Passed (Rule S-4), so completed on its finish (Rule S-5), with a
		// score ≥ the required score.
		r.Completed, r.CompletedAt, r.Status = true, acc.time(st.finish), StatusPassed
	case r.Answered < r.Activities:
		r.Status = StatusPending
	default:
		r.Status = StatusFailed
	}
	return score
}

// evalModule fills a module step's result from its aggregate and returns
// its integer score.
func evalModule(acc *TrainingAccumulator, cs *cstep, ls *learnerState, ag *stepAgg, words []uint64, r *StepResult) int {
	r.Activities = len(cs.acts)
	r.Answered = popcount(0, words[cs.word0:cs.word0+cs.nWords])
	r.Attempts, r.Finished = ag.attempts, ag.finished
	r.TimeSpent = ag.time
	counted := ag.best
	if cs.step.Keep == KeepNewest {
		counted = ag.newest
	}
	score := 0
	if counted != nil {
		r.Score, score = attemptScore(cs, counted)
		r.HasScore = true
	}
	// Rule S-5.
	switch cs.step.Keep {
	case KeepNewest:
		if n := ag.newest; n != nil && ag.firstPass != nil {
			if score >= cs.step.RequiredScore && acc.answeredIn(ls, cs.mod, n) == len(cs.acts) {
				r.Completed, r.CompletedAt = true, acc.time(n.finish)
			}
		}
	default:
		if ag.firstPass != nil {
			r.Completed, r.CompletedAt = true, acc.time(ag.firstPass.finish)
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
