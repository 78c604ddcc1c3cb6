package scoring

import (
	"math"
	"math/bits"
	"time"
)

// evalScratch holds the per-learner working memory of Result, reused from
// one learner to the next.
type evalScratch struct {
	agg   []stepAgg    // per module, for the general path
	ints  []int        // each step's integer score (0 without a score)
	words []uint64     // answered activities over all attempts, for the general path
	steps []StepResult // step results of a summary's general evaluation
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
// With dst nil it returns the summary: Steps nil.
func (e *evalScratch) learner(acc *TrainingAccumulator, ls *learnerState, dst []StepResult) TrainingResult {
	c, opts := acc.c, &acc.Options
	ns := len(c.steps)
	sd := acc.sideOf(ls)
	if c.flat && sd == nil && !acc.general {
		if dst == nil {
			return summaryFlat(acc, ls)
		}
		return learnerFlat(acc, ls, dst)
	}
	if dst == nil {
		// A summary (Summaries): the general evaluation works on the step
		// results, in scratch memory, which the summary leaves out.
		if cap(e.steps) < ns {
			e.steps = make([]StepResult, ns)
		}
		tr := e.learner(acc, ls, e.steps[:ns])
		tr.Steps = nil
		return tr
	}
	if cap(e.ints) < ns {
		e.ints = make([]int, ns)
	}
	ints := e.ints[:ns]
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
// (TestFastPathAgreesWithGeneral). Whether a module has an attempt, whether
// it is finished and whether it passed vary from learner to learner without
// a pattern, so they are turned into masks rather than branches: the loop
// over a learner's modules only branches on what the step definition says.
func learnerFlat(acc *TrainingAccumulator, ls *learnerState, dst []StepResult) TrainingResult {
	c := acc.c
	tr := TrainingResult{Learner: ls.id, Training: c.id, Steps: dst}
	n := len(c.steps)
	dst = dst[:n]
	if ls.cells < 0 {
		return learnerNone(acc, tr, dst)
	}
	capD := acc.Options.AttemptCap
	if capD <= 0 {
		capD = math.MaxInt64 // no cap (Rule S-11 option)
	}
	emptyCounts := 1 - b2u(acc.Options.ExcludeEmpty) // Rule S-6: an empty step counts (as 0)
	cells := acc.cells[ls.cells : int(ls.cells)+n]
	counts := acc.counts[ls.cells : int(ls.cells)+n]
	locs := acc.locs
	if len(locs) == 0 {
		locs = utcOnly // no time was ever set: nothing is finished
	}
	var sum, answered, total int64
	var spentAll time.Duration
	var counted, mandatory, notPassed uint64
	for m := range n {
		cs, st := &c.steps[m], &cells[m]
		// has: the module has its (only) attempt; fin: finished as well.
		// The slot of a module without attempt may hold an earlier round's
		// attempt: every use of it is masked by has.
		has := -b2u(counts[m] != 0)
		fin := has & -(st.finish.x >> 63)
		nAns := bits.OnesCount64(st.bits & has) // Rule S-8
		points := st.points & int64(fin)
		// Rule S-3: a finished only attempt counts; Rule S-11 (option) caps
		// its time.
		spent := min(st.finish.sub(st.start), capD) & time.Duration(fin)
		// Rules S-1, S-2: the score, 100 for a module without scored
		// activity.
		score := uint64(cs.round(points))
		num, den := points, cs.maxSum
		if cs.maxSum == 0 {
			score, num, den = 100, 1, 1
		}
		score &= fin
		// Rules S-4, S-5, S-9: passed (so completed on its finish) when
		// finished with everything answered and enough points; failed when
		// finished with everything answered but not enough points;
		// otherwise pending.
		full := fin & 1 & b2u(nAns == len(cs.acts))
		passed := full & b2u(st.points >= cs.passMin)
		r := &dst[m]
		pm := -passed
		loc := time.UTC
		if l := locs[uint64(st.finish.loc())&pm]; passed != 0 {
			loc = l
		}
		r.Step, r.Parent, r.Kind, r.Mandatory = cs.id, "", StepModule, cs.manda
		r.Activities, r.Answered = len(cs.acts), nAns
		r.Attempts, r.Finished = int(has&1), int(fin&1)
		r.Score = Percent{num & int64(fin), den & int64(fin)}
		r.TimeSpent = spent
		r.CompletedAt = time.Unix(st.finish.sec&int64(pm)|zeroUnix&^int64(pm), st.finish.ns()&int64(pm)).In(loc)
		r.Status = Status(passed | (full&^passed)<<1)
		r.HasScore, r.Completed = fin != 0, passed != 0
		total += int64(len(cs.acts))
		answered += int64(nAns)
		spentAll += spent
		if cs.manda {
			// Rule S-6: each mandatory step an integer percent, an empty
			// one as 0 unless excluded.
			mandatory = 1
			sum += int64(score)
			counted += fin&1 | emptyCounts
			notPassed |= passed ^ 1
		}
	}
	tr.HasMandatory, tr.Counted, tr.TimeSpent = mandatory != 0, int(counted), spentAll
	if counted > 0 {
		tr.Score = Percent{sum, 100 * int64(counted)}
	}
	tr.Progress = Percent{answered, total}
	// Rule S-10: in the flat case a mandatory step that did not pass is not
	// completed either.
	if mandatory != 0 && notPassed == 0 {
		tr.Completed, tr.CompletedAt, tr.Passed = true, acc.time(latestFlat(c.steps, cells, counts)), true
	}
	return tr
}

// summaryFlat is learnerFlat without step results (Summaries): the same
// training figures from the same masks, keeping as little state per module
// as possible (TestSummariesAreResultsWithoutSteps).
func summaryFlat(acc *TrainingAccumulator, ls *learnerState) TrainingResult {
	c := acc.c
	tr := TrainingResult{Learner: ls.id, Training: c.id}
	if ls.cells < 0 {
		return learnerNone(acc, tr, nil)
	}
	capD := acc.Options.AttemptCap
	if capD <= 0 {
		capD = math.MaxInt64 // no cap (Rule S-11 option)
	}
	n := len(c.steps)
	cells := acc.cells[ls.cells : int(ls.cells)+n]
	counts := acc.counts[ls.cells : int(ls.cells)+n]
	steps := c.steps[:n]
	var sum, answered int64
	var spentAll time.Duration
	var finished, passedAll int // mandatory steps finished, passed
	for m := range cells {
		cs, st := &steps[m], &cells[m]
		has := -b2u(counts[m] != 0)
		fin := has & -(st.finish.x >> 63)
		nAns := bits.OnesCount64(st.bits & has) // Rule S-8
		answered += int64(nAns)
		// Rules S-3, S-11.
		spentAll += min(st.finish.sub(st.start), capD) & time.Duration(fin)
		// Rules S-4, S-5: passed, so completed on its finish.
		passed := fin & 1 & b2u(nAns == len(cs.acts)) & b2u(st.points >= cs.passMin)
		if cs.manda {
			// Rules S-1, S-2, S-6.
			score := cs.round(st.points & int64(fin))
			if cs.maxSum == 0 {
				score = 100
			}
			sum += int64(score) & int64(fin)
			finished += int(fin & 1)
			passedAll += int(passed)
		}
	}
	counted := c.nManda // Rule S-6: an empty step counts as 0…
	if acc.Options.ExcludeEmpty {
		counted = finished // …unless excluded.
	}
	tr.HasMandatory, tr.Counted, tr.TimeSpent = c.nManda > 0, counted, spentAll
	if counted > 0 {
		tr.Score = Percent{sum, 100 * int64(counted)}
	}
	tr.Progress = Percent{answered, int64(c.nActs)}
	if c.nManda > 0 && passedAll == c.nManda {
		tr.Completed, tr.CompletedAt, tr.Passed = true, acc.time(latestFlat(steps, cells, counts)), true // Rule S-10
	}
	return tr
}

// latestFlat is Rule S-10's completion date of a flat training's learner
// who completed it: the latest finish of a passed module (the first in
// step order on a tie), looked for only when needed (the slots are still
// in the cache).
func latestFlat(steps []cstep, cells []attemptState, counts []int32) instant {
	var latest instant
	for m := range cells {
		cs, st := &steps[m], &cells[m]
		if counts[m] != 0 && st.finish.set() && bits.OnesCount64(st.bits) == len(cs.acts) && st.points >= cs.passMin && st.finish.compare(latest) > 0 {
			latest = st.finish
		}
	}
	return latest
}

// utcOnly is the location table of an accumulator that never saw a time.
var utcOnly = []*time.Location{time.UTC}

// learnerNone is learnerFlat, or summaryFlat with dst nil, for a learner
// without any attempt: every module pending without a score (Rules S-3,
// S-9), every mandatory one counting as 0 unless excluded (Rule S-6).
func learnerNone(acc *TrainingAccumulator, tr TrainingResult, dst []StepResult) TrainingResult {
	c := acc.c
	var total int64
	counted, mandatory := 0, false
	for m := range c.steps {
		cs := &c.steps[m]
		if dst != nil {
			dst[m] = StepResult{Step: cs.id, Kind: StepModule, Mandatory: cs.manda, Activities: len(cs.acts)}
		}
		total += int64(len(cs.acts))
		if cs.manda {
			mandatory = true
			if !acc.Options.ExcludeEmpty {
				counted++
			}
		}
	}
	tr.HasMandatory, tr.Counted = mandatory, counted
	if counted > 0 {
		tr.Score = Percent{0, 100 * int64(counted)}
	}
	tr.Progress = Percent{0, total}
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
