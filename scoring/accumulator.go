package scoring

import (
	"fmt"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// TrainingAccumulator computes the training rules (S-1 … S-11) for every
// learner of one training from a stream of attempts and attendances.
//
// Set Training and Options before the first call and do not change them (or
// the steps' slices) afterwards. The zero value is an empty accumulator for
// the zero training (no steps): adding an attempt to it fails with
// [ErrUnknownStep]. Add, AddAttendance and AddLearner may come in any order;
// Merge combines accumulators of the same training and options, associatively
// and commutatively, so shards can be computed apart and combined exactly.
// The result depends only on the set of records, never on their order.
//
// Memory is proportional to learners + attempts; answers are folded into
// their attempt (points sum and answered-activity bitset) as they arrive,
// with no allocation per answer. Records grouped by learner, and answers in
// the module's activity order, take the fastest path. A TrainingAccumulator
// is not safe for concurrent use; give each goroutine its own and Merge
// them.
type TrainingAccumulator struct {
	// Training is the training scored.
	Training Training
	// Options are the options of the rules.
	Options Options

	c        *compiled
	cerr     error
	index    map[learnstats.UserID]int32
	learners []learnerState
	last     int32   // learner of the previous Add, -1 none
	lastMod  int32   // position in c.mods of the previous Add's step
	order    []int32 // learners sorted by ID, valid when sorted
	sorted   bool
	locs     []*time.Location
	scratch  []uint64     // answered bitset words of the attempt being added
	stream   []StepResult // Steps buffer of Results
	eval     evalScratch
}

type learnerState struct {
	id       learnstats.UserID
	attempts []attemptState
	ext      []uint64 // bitset words beyond the first, for modules with > 64 activities
	sessions []attendState
	byID     map[attemptKey]int32 // attempt look-up once a learner has many attempts
}

type attemptKey struct {
	step int32
	id   AttemptID
}

// manyAttempts is the number of attempts from which a learner's attempts
// are indexed by a map rather than scanned.
const manyAttempts = 32

// instant is a time.Time stored compactly: Unix seconds and nanoseconds and
// an index in the accumulator's location table. set is false for the zero
// time.
type instant struct {
	sec int64
	ns  int32
	loc uint16
	set bool
}

func (a instant) compare(b instant) int {
	switch {
	case a.set != b.set: // the zero time is the earliest
		if a.set {
			return +1
		}
		return -1
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return +1
	case a.ns < b.ns:
		return -1
	case a.ns > b.ns:
		return +1
	}
	return 0
}

// equal is time.Time.Equal: the same instant, whatever the location.
func (a instant) equal(b instant) bool { return a.set == b.set && a.sec == b.sec && a.ns == b.ns }

// sub is time.Time.Sub, saturating like it.
func (a instant) sub(b instant) time.Duration {
	const maxSec = int64(math.MaxInt64/time.Second) - 1
	ds := a.sec - b.sec
	if ds > maxSec || ds < -maxSec {
		if ds > 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return time.Duration(ds)*time.Second + time.Duration(a.ns-b.ns)
}

type attemptState struct {
	id     AttemptID
	step   int32 // index in compiled.steps
	ext    int32 // 1 + offset in learnerState.ext of bitset words 1…, 0 if none
	start  instant
	finish instant
	points int64  // Σ points, in Points units
	bits   uint64 // answered activities 0…63
}

type attendState struct {
	step int32
	at   Attendance
}

func (acc *TrainingAccumulator) compile() error {
	if acc.c == nil && acc.cerr == nil {
		acc.c, acc.cerr = compileTraining(acc.Training)
		acc.last = -1
	}
	return acc.cerr
}

func (acc *TrainingAccumulator) instant(t time.Time) instant {
	if t.IsZero() {
		return instant{}
	}
	l := t.Location()
	if n := len(acc.locs); n > 0 && acc.locs[n-1] == l {
		return instant{sec: t.Unix(), ns: int32(t.Nanosecond()), loc: uint16(n - 1), set: true}
	}
	i := -1
	for k, x := range acc.locs {
		if x == l {
			i = k
			break
		}
	}
	if i < 0 {
		if len(acc.locs) > math.MaxUint16 {
			// More than 65,536 locations: the instant stays exact, only its
			// display location falls back to the first location seen.
			i = 0
		} else {
			acc.locs = append(acc.locs, l)
			i = len(acc.locs) - 1
		}
	}
	return instant{sec: t.Unix(), ns: int32(t.Nanosecond()), loc: uint16(i), set: true}
}

func (acc *TrainingAccumulator) time(i instant) time.Time {
	if !i.set {
		return time.Time{}
	}
	return time.Unix(i.sec, int64(i.ns)).In(acc.locs[i.loc])
}

// AddLearner registers a learner, who then has a result even without any
// attempt (score 0, pending). Adding a learner twice has no further effect.
func (acc *TrainingAccumulator) AddLearner(id learnstats.UserID) {
	acc.learner(id)
}

// Len returns the number of learners seen.
func (acc *TrainingAccumulator) Len() int { return len(acc.learners) }

// Reset removes every attempt and attendance but keeps the learners (as
// if added with AddLearner) and the memory, so that a new round over the
// same learners allocates nothing. Use a new accumulator to forget the
// learners too.
func (acc *TrainingAccumulator) Reset() {
	for i := range acc.learners {
		ls := &acc.learners[i]
		ls.attempts = ls.attempts[:0]
		ls.ext = ls.ext[:0]
		ls.sessions = ls.sessions[:0]
		clear(ls.byID)
	}
}

func (acc *TrainingAccumulator) learner(id learnstats.UserID) (*learnerState, int32) {
	// Records usually come grouped by learner, and in the same learner order
	// round after round: try the current learner, then the next one.
	if l := acc.last; l >= 0 && int(l) < len(acc.learners) && acc.learners[l].id == id {
		return &acc.learners[l], l
	}
	if l := acc.last + 1; l >= 0 && int(l) < len(acc.learners) && acc.learners[l].id == id {
		acc.last = l
		return &acc.learners[l], l
	}
	if i, ok := acc.index[id]; ok {
		acc.last = i
		return &acc.learners[i], i
	}
	if acc.index == nil {
		acc.index = make(map[learnstats.UserID]int32)
	}
	i := int32(len(acc.learners))
	acc.learners = append(acc.learners, learnerState{id: id})
	acc.index[id] = i
	acc.sorted = false
	acc.last = i
	return &acc.learners[i], i
}

// find returns the index of the learner's attempt at step si with ID id, or
// -1.
func (ls *learnerState) find(si int32, id AttemptID) int {
	if len(ls.attempts) >= manyAttempts {
		if k, ok := ls.byID[attemptKey{si, id}]; ok {
			return int(k)
		}
		return -1
	}
	for k := len(ls.attempts) - 1; k >= 0; k-- {
		if st := &ls.attempts[k]; st.step == si && st.id == id {
			return k
		}
	}
	return -1
}

// push appends a new attempt (with its bitset words beyond the first) and
// keeps the index up to date.
func (ls *learnerState) push(st attemptState, rest []uint64) {
	if len(rest) > 0 {
		st.ext = int32(len(ls.ext)) + 1
		ls.ext = append(ls.ext, rest...)
	}
	ls.attempts = append(ls.attempts, st)
	n := len(ls.attempts)
	switch {
	case n == manyAttempts && ls.byID == nil:
		ls.byID = make(map[attemptKey]int32, 2*manyAttempts)
		fallthrough
	case n == manyAttempts && len(ls.byID) == 0:
		for k := range ls.attempts {
			ls.byID[attemptKey{ls.attempts[k].step, ls.attempts[k].id}] = int32(k)
		}
	case n > manyAttempts:
		ls.byID[attemptKey{st.step, st.id}] = int32(n - 1)
	}
}

// restWords returns the attempt's bitset words beyond the first.
func (ls *learnerState) restWords(st *attemptState, c *compiled) []uint64 {
	if st.ext == 0 {
		return nil
	}
	n := int32(c.steps[st.step].nWords) - 1
	return ls.ext[st.ext-1 : st.ext-1+n]
}

// Add adds one attempt with its answers. It returns an error, and changes
// nothing, when the attempt is invalid: no ID or learner ([ErrInvalidAttempt]),
// a step the training does not have or that is not a module
// ([ErrUnknownStep]), a finish before the start or without a start
// ([ErrInvalidAttempt]), an
// answer to an activity the module does not have ([ErrUnknownActivity]),
// points < 0 or above the activity's max ([ErrInvalidPoints]), two answers
// to one activity ([ErrDuplicateAnswer]), or an attempt already added with
// another start or finish ([ErrConflict]). The error names the training,
// learner, attempt and activity.
func (acc *TrainingAccumulator) Add(a Attempt) error {
	if err := acc.compile(); err != nil {
		return err
	}
	c := acc.c
	if a.ID == "" || a.Learner == "" {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: missing ID or learner: %w", c.id, a.Learner, a.ID, a.Step, ErrInvalidAttempt)
	}
	// Steps usually come in the training's order: try the next module first.
	var si int32
	next := acc.lastMod + 1
	if int(next) >= len(c.mods) {
		next = 0
	}
	if int(next) < len(c.mods) && c.steps[c.mods[next]].step.ID == a.Step {
		si, acc.lastMod = c.mods[next], next
	} else if p := acc.lastMod; int(p) < len(c.mods) && c.steps[c.mods[p]].step.ID == a.Step {
		si = c.mods[p]
	} else if s, ok := c.byID[a.Step]; ok && c.steps[s].mod >= 0 {
		si, acc.lastMod = s, c.steps[s].mod
	} else {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q is not a module of the training: %w", c.id, a.Learner, a.ID, a.Step, ErrUnknownStep)
	}
	start, finish := acc.instant(a.Start), acc.instant(a.Finish)
	if finish.set && !start.set {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: finished without a start time: %w", c.id, a.Learner, a.ID, ErrInvalidAttempt)
	}
	if finish.set && finish.compare(start) < 0 {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: finish %s before start %s: %w", c.id, a.Learner, a.ID, a.Finish.Format(time.RFC3339Nano), a.Start.Format(time.RFC3339Nano), ErrInvalidAttempt)
	}
	cs := &c.steps[si]
	// Pass 1: validate every answer and fold the attempt, without touching
	// the accumulator's state.
	var (
		w0   uint64
		rest []uint64
		sum  int64
		ok   bool
	)
	if cs.nWords <= 1 {
		w0, sum, ok = foldInOrder(cs.acts, a.Answers)
	}
	if !ok {
		var err error
		if w0, rest, sum, err = acc.fold(cs, &a); err != nil {
			return err
		}
	}
	ls, _ := acc.learner(a.Learner)
	if k := ls.find(si, a.ID); k >= 0 {
		st := &ls.attempts[k]
		if !st.start.equal(start) || !st.finish.equal(finish) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: added again with another start or finish: %w", c.id, a.Learner, a.ID, a.Step, ErrConflict)
		}
		have := ls.restWords(st, c)
		if st.bits&w0 != 0 || sharesWord(have, rest) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: an activity answered twice across additions: %w", c.id, a.Learner, a.ID, a.Step, ErrDuplicateAnswer)
		}
		st.points += sum
		st.bits |= w0
		for x, w := range rest {
			have[x] |= w
		}
		return nil
	}
	ls.push(attemptState{id: a.ID, step: si, start: start, finish: finish, points: sum, bits: w0}, rest)
	return nil
}

// AddAttendance records that a learner attended a live session step. It
// returns an error, and changes nothing, for a missing learner
// ([ErrInvalidAttempt]), a step that is not a live session of the training
// ([ErrUnknownStep]), a score outside 0–100 ([ErrInvalidScore]), or a second
// attendance of the same learner at the same session with different data
// ([ErrConflict]); an identical second record has no further effect.
func (acc *TrainingAccumulator) AddAttendance(at Attendance) error {
	if err := acc.compile(); err != nil {
		return err
	}
	c := acc.c
	if at.Learner == "" {
		return fmt.Errorf("scoring: training %q: attendance at step %q: missing learner: %w", c.id, at.Step, ErrInvalidAttempt)
	}
	si, ok := c.byID[at.Step]
	if !ok || c.steps[si].step.Kind != StepLiveSession {
		return fmt.Errorf("scoring: training %q: learner %q: attendance: step %q is not a live session of the training: %w", c.id, at.Learner, at.Step, ErrUnknownStep)
	}
	if at.HasScore && (at.Score < 0 || at.Score > 100) {
		return fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: score %d outside 0–100: %w", c.id, at.Learner, at.Step, at.Score, ErrInvalidScore)
	}
	if !at.HasScore {
		at.Score = 0
	}
	ls, _ := acc.learner(at.Learner)
	return ls.attend(c, si, at, true)
}

func (ls *learnerState) attend(c *compiled, si int32, at Attendance, apply bool) error {
	for _, s := range ls.sessions {
		if s.step == si {
			if !s.at.At.Equal(at.At) || s.at.HasScore != at.HasScore || s.at.Score != at.Score {
				return fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: recorded twice with different data: %w", c.id, ls.id, at.Step, ErrConflict)
			}
			return nil
		}
	}
	if apply {
		ls.sessions = append(ls.sessions, attendState{step: si, at: at})
	}
	return nil
}

// Merge adds everything o holds to acc: its learners, attempts (attempts
// with the same learner, step and ID are combined) and attendances. Both
// must be for the same training (same ID and steps) and options, else Merge
// returns an error wrapping [ErrMismatch]; records that conflict return an
// error wrapping [ErrConflict] or [ErrDuplicateAnswer]; merging acc into
// itself returns [ErrMismatch]. On error acc is unchanged. o is not modified
// and may be reused.
func (acc *TrainingAccumulator) Merge(o *TrainingAccumulator) error {
	if o == acc {
		return fmt.Errorf("scoring: merge training %q into itself: %w", acc.Training.ID, ErrMismatch)
	}
	if o == nil || (len(o.learners) == 0 && o.c == nil) {
		return nil
	}
	if err := o.compile(); err != nil {
		return err
	}
	if acc.c == nil && len(acc.learners) == 0 && acc.Training.ID == "" && len(acc.Training.Steps) == 0 && acc.Options == (Options{}) {
		// An empty zero value takes the other's configuration.
		acc.Training, acc.Options, acc.cerr = o.Training, o.Options, nil
	}
	if err := acc.compile(); err != nil {
		return err
	}
	if acc.c.id != o.c.id || len(acc.c.steps) != len(o.c.steps) || acc.Options != o.Options {
		return fmt.Errorf("scoring: merge training %q into %q: different training or options: %w", o.c.id, acc.c.id, ErrMismatch)
	}
	for i := range acc.c.steps {
		a, b := acc.c.steps[i], o.c.steps[i]
		if a.step.ID != b.step.ID || a.step.Kind != b.step.Kind || len(a.acts) != len(b.acts) {
			return fmt.Errorf("scoring: merge training %q: step %q differs from %q: %w", acc.c.id, b.step.ID, a.step.ID, ErrMismatch)
		}
	}
	// Pass 1: find conflicts without changing anything.
	for i := range o.learners {
		ol := &o.learners[i]
		li, ok := acc.index[ol.id]
		if !ok {
			continue
		}
		al := &acc.learners[li]
		for k := range ol.attempts {
			oa := &ol.attempts[k]
			m := al.find(oa.step, oa.id)
			if m < 0 {
				continue
			}
			aa := &al.attempts[m]
			if !aa.start.equal(oa.start) || !aa.finish.equal(oa.finish) {
				return fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: different start or finish: %w", acc.c.id, ol.id, oa.id, acc.c.steps[oa.step].step.ID, ErrConflict)
			}
			if aa.bits&oa.bits != 0 || sharesWord(al.restWords(aa, acc.c), ol.restWords(oa, o.c)) {
				return fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: an activity answered in both: %w", acc.c.id, ol.id, oa.id, acc.c.steps[oa.step].step.ID, ErrDuplicateAnswer)
			}
		}
		for _, s := range ol.sessions {
			if err := al.attend(acc.c, s.step, s.at, false); err != nil {
				return err
			}
		}
	}
	// Pass 2: apply, mapping o's locations to acc's.
	locs := make([]uint16, len(o.locs))
	for i, l := range o.locs {
		locs[i] = acc.instant(time.Unix(0, 0).In(l)).loc
	}
	remap := func(t instant) instant {
		if t.set {
			t.loc = locs[t.loc]
		}
		return t
	}
	for i := range o.learners {
		ol := &o.learners[i]
		al, _ := acc.learner(ol.id)
		for k := range ol.attempts {
			oa := &ol.attempts[k]
			rest := ol.restWords(oa, o.c)
			if m := al.find(oa.step, oa.id); m >= 0 {
				aa := &al.attempts[m]
				aa.points += oa.points
				aa.bits |= oa.bits
				have := al.restWords(aa, acc.c)
				for x, w := range rest {
					have[x] |= w
				}
				continue
			}
			na := *oa
			na.ext = 0
			na.start, na.finish = remap(na.start), remap(na.finish)
			al.push(na, rest)
		}
		for _, s := range ol.sessions {
			_ = al.attend(acc.c, s.step, s.at, true) // checked in pass 1
		}
	}
	return nil
}

func sharesWord(a, b []uint64) bool {
	for i := range min(len(a), len(b)) {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

// Result returns every learner's result, ordered by learner ID. It returns
// an error only when the training definition is invalid
// ([Training.Validate]). The accumulator stays usable.
func (acc *TrainingAccumulator) Result() ([]TrainingResult, error) {
	return acc.ResultInto(nil)
}

// ResultInto is Result writing into dst's memory: it reuses dst's backing
// array and the Steps slices of its elements (up to cap(dst)), so that
// computing the results of the same learners again allocates nothing. The
// results previously held in dst are overwritten.
func (acc *TrainingAccumulator) ResultInto(dst []TrainingResult) ([]TrainingResult, error) {
	if err := acc.compile(); err != nil {
		return nil, err
	}
	n, ns := len(acc.learners), len(acc.c.steps)
	acc.sortLearners()
	if cap(dst) < n {
		grown := make([]TrainingResult, n)
		copy(grown, dst[:cap(dst)])
		dst = grown
	}
	dst = dst[:n]
	missing := 0
	for k := range dst {
		if cap(dst[k].Steps) < ns {
			missing++
		}
	}
	var block []StepResult
	if missing > 0 {
		block = make([]StepResult, missing*ns)
	}
	for k, i := range acc.order {
		steps := dst[k].Steps
		if cap(steps) < ns {
			steps, block = block[:ns:ns], block[ns:]
		}
		dst[k] = acc.eval.learner(acc, &acc.learners[i], steps[:ns])
	}
	return dst, nil
}

func (acc *TrainingAccumulator) sortLearners() {
	if acc.sorted && len(acc.order) == len(acc.learners) {
		return
	}
	acc.order = acc.order[:0]
	for i := range len(acc.learners) {
		acc.order = append(acc.order, int32(i))
	}
	slices.SortFunc(acc.order, func(x, y int32) int {
		return strings.Compare(string(acc.learners[x].id), string(acc.learners[y].id))
	})
	acc.sorted = true
}

// Results returns the learners' results one at a time, ordered by learner
// ID, without holding them all in memory: the way to feed a streaming
// export or an aggregate over a million learners. Each result's Steps slice
// is reused for the next result; copy it (slices.Clone) to keep it. Do not
// change the accumulator while iterating. The sequence can be iterated
// again, but not twice at the same time. The error is the training's
// validation error ([Training.Validate]).
func (acc *TrainingAccumulator) Results() (iter.Seq[TrainingResult], error) {
	if err := acc.compile(); err != nil {
		return nil, err
	}
	acc.sortLearners()
	return func(yield func(TrainingResult) bool) {
		ns := len(acc.c.steps)
		if cap(acc.stream) < ns {
			acc.stream = make([]StepResult, ns)
		}
		steps := acc.stream[:ns:ns]
		for _, i := range acc.order {
			if !yield(acc.eval.learner(acc, &acc.learners[i], steps)) {
				return
			}
		}
	}, nil
}

// Learners returns the IDs of the learners seen, in ascending order.
func (acc *TrainingAccumulator) Learners() []learnstats.UserID {
	ids := make([]learnstats.UserID, len(acc.learners))
	for i := range ids {
		ids[i] = acc.learners[i].id
	}
	slices.Sort(ids)
	return ids
}

// ScoreTraining is shorthand for a [TrainingAccumulator] fed every attempt
// and attendance (either sequence may be nil), returning its Result: the
// results of every learner with an attempt or attendance, ordered by
// learner ID.
func ScoreTraining(t Training, opts Options, attempts iter.Seq[Attempt], attendances iter.Seq[Attendance]) ([]TrainingResult, error) {
	acc := &TrainingAccumulator{Training: t, Options: opts}
	if err := acc.compile(); err != nil {
		return nil, err
	}
	if attempts != nil {
		for a := range attempts {
			if err := acc.Add(a); err != nil {
				return nil, err
			}
		}
	}
	if attendances != nil {
		for at := range attendances {
			if err := acc.AddAttendance(at); err != nil {
				return nil, err
			}
		}
	}
	return acc.Result()
}

func popcount(w0 uint64, ext []uint64) int {
	n := bits.OnesCount64(w0)
	for _, w := range ext {
		n += bits.OnesCount64(w)
	}
	return n
}

// ScoreAttempt scores one attempt at a module step on its own (Rules S-1,
// S-2, S-4), with the validation and errors of [TrainingAccumulator.Add].
func ScoreAttempt(step Step, a Attempt) (AttemptScore, error) {
	a.Step = step.ID
	acc := &TrainingAccumulator{Training: Training{ID: "", Steps: []Step{step}}}
	if err := acc.Add(a); err != nil {
		return AttemptScore{}, err
	}
	cs := &acc.c.steps[0]
	ls := &acc.learners[0]
	st := &ls.attempts[0]
	r := AttemptScore{Points: Points(st.points), Max: Points(cs.maxSum), Answered: popcount(st.bits, ls.restWords(st, acc.c)), Activities: len(cs.acts)}
	if st.finish.set {
		var score int
		r.Score, score = attemptScore(cs, st)
		r.HasScore = true
		r.Passed = score >= step.RequiredScore && r.Answered == r.Activities
	}
	return r, nil
}

// foldInOrder is the fast path of Add for modules of at most 64
// activities: answers given in the module's activity order (answer i to
// activity i), all valid. It reports ok = false
// when that is not the case, and the general fold then runs (and reports
// the error, if any).
func foldInOrder(acts []Activity, answers []Answer) (w0 uint64, sum int64, ok bool) {
	if len(answers) > len(acts) || len(answers) > 64 {
		return 0, 0, false
	}
	acts = acts[:len(answers)]
	for i := range answers {
		ans, act := &answers[i], &acts[i]
		// A negative Points is a huge uint64: one comparison checks both
		// bounds of Rule S-1.
		if act.ID != ans.Activity || uint64(ans.Points) > uint64(act.Max) {
			return 0, 0, false
		}
		sum += int64(ans.Points)
	}
	// Answer i is activity i: no duplicates, the first len(answers) bits.
	if len(answers) == 64 {
		return ^uint64(0), sum, true
	}
	return uint64(1)<<uint(len(answers)) - 1, sum, true
}

// fold validates an attempt's answers in any order and folds them into the
// answered bitset (first word and the rest) and the points sum, without
// changing the accumulator's state.
func (acc *TrainingAccumulator) fold(cs *cstep, a *Attempt) (w0 uint64, rest []uint64, sum int64, err error) {
	c, acts := acc.c, cs.acts
	var words []uint64
	if cs.nWords > 1 {
		if cap(acc.scratch) < int(cs.nWords) {
			acc.scratch = make([]uint64, cs.nWords)
		}
		words = acc.scratch[:cs.nWords]
		clear(words)
	}
	for i := range a.Answers {
		ans := &a.Answers[i]
		// Rule S-1. Answers in the module's activity order match without a
		// map look-up.
		j := int32(i)
		if i >= len(acts) || acts[i].ID != ans.Activity {
			var ok bool
			if j, ok = cs.actIndex[ans.Activity]; !ok {
				return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q has no activity %q: %w", c.id, a.Learner, a.ID, a.Step, ans.Activity, ErrUnknownActivity)
			}
		}
		max := acts[j].Max
		if ans.Points < 0 || ans.Points > max {
			return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q: points %s outside 0–%s: %w", c.id, a.Learner, a.ID, ans.Activity, ans.Points, max, ErrInvalidPoints)
		}
		var dup bool
		if words == nil {
			b := uint64(1) << uint(j)
			dup = w0&b != 0
			w0 |= b
		} else {
			b := uint64(1) << uint(j&63)
			dup = words[j>>6]&b != 0
			words[j>>6] |= b
		}
		if dup {
			return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q answered twice: %w", c.id, a.Learner, a.ID, ans.Activity, ErrDuplicateAnswer)
		}
		// A max-0 activity has 0 points (checked above), so adding its
		// points leaves it out of the sum as Rule S-1 requires.
		sum += int64(ans.Points)
	}
	if words != nil {
		w0, rest = words[0], words[1:]
	}
	return w0, rest, sum, nil
}
