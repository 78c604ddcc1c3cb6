package scoring

import (
	"fmt"
	"iter"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/learnstats/learnstats"
)

// TrainingAccumulator computes the training rules (S-1 … S-11) for every
// learner of one training from a stream of attempts and attendances.
//
// Set Training and Options before the first call and do not change them (or
// the steps' slices) afterwards. The zero value is an empty accumulator for
// the zero training (no steps): adding an attempt to it fails with
// [ErrUnknownStep]. Add, AddRef, AddAttendance, AddLearner and Learner may
// come in any order; Merge combines accumulators of the same training and
// options, associatively and commutatively, so shards can be computed apart
// and combined exactly. The result depends only on the set of records, never
// on their order.
//
// Memory: a learner's first attempt reserves one slot per module step of the
// training (68 bytes each), which holds that learner's first attempt
// at the module; further attempts at the same module take about 72 bytes
// each. Answers are folded into their attempt (points sum and
// answered-activity bitset) as they arrive, with no allocation per answer.
//
// Speed: [TrainingAccumulator.AddRef] with handles from
// [TrainingAccumulator.Learner] and [TrainingAccumulator.StepRef] is the
// fast path for bulk loads; Add looks the learner and the step up by ID
// (fastest when records come grouped by learner and steps in the training's
// order), then takes the same path. Answers given in the module's activity
// order, sharing the bytes of the module's activity IDs, are checked
// without comparing bytes; others are matched byte by byte, through a map
// when out of order. [TrainingAccumulator.Summaries] is the cheapest way to
// read the training figures; [TrainingAccumulator.Results] adds each
// step's result. A TrainingAccumulator is not safe for concurrent use; give
// each goroutine its own and Merge them.
type TrainingAccumulator struct {
	// Training is the training scored.
	Training Training
	// Options are the options of the rules.
	Options Options

	c        *compiled
	cerr     error
	index    map[learnstats.UserID]int32
	learners []learnerState
	// cells holds, for every learner with an attempt, one slot per module
	// (learnerState.cells is the offset of the first): the learner's first
	// attempt at the module. counts[k] is the number of attempts in slot k's
	// module (0: the slot is empty; ≥ 2: the others are in the learner's
	// side.more).
	cells   []attemptState
	counts  []int32
	sides   []learnerSide
	last    int32   // learner of the previous Add, -1 none
	lastMod int32   // position in c.mods of the previous Add's step
	order   []int32 // learners sorted by ID, valid when sorted
	sorted  bool
	locs    []*time.Location
	scratch []uint64     // answered bitset words of the attempt being added
	stream  []StepResult // Steps buffer of Results
	seq     iter.Seq[TrainingResult]
	sums    iter.Seq[TrainingResult] // of Summaries
	eval    evalScratch
	// general makes Result evaluate every module through the general
	// (several attempts) path; tests use it to check the single-attempt
	// fast path against it.
	general bool
}

// LearnerRef is a learner's handle in one [TrainingAccumulator], returned by
// [TrainingAccumulator.Learner]: a dense index, valid for the life of that
// accumulator (Reset and Merge keep it). The zero value is the first
// learner registered.
type LearnerRef int32

// StepRef is a module step's handle in one [TrainingAccumulator]'s training,
// returned by [TrainingAccumulator.StepRef]: the module's position among the
// training's module steps in definition order (courses' children included).
// The zero value is the first module step.
type StepRef int32

type learnerState struct {
	id    learnstats.UserID
	cells int32 // offset in acc.cells and acc.counts, -1 before the first attempt
	side  int32 // index in acc.sides, -1 none
}

// learnerSide holds what most learners do not need: attempts beyond the
// first at a module, bitset words of modules with more than 64 activities,
// and live-session attendances.
type learnerSide struct {
	more     []extraAttempt
	ext      []uint64 // bitset words beyond the first, for modules with > 64 activities
	sessions []attendState
	byID     map[attemptKey]int32 // index in more, once more is long
}

type attemptKey struct {
	mod int32
	id  AttemptID
}

// manyAttempts is the number of extra attempts from which a learner's
// extra attempts are indexed by a map rather than scanned.
const manyAttempts = 32

// instant is a time.Time stored compactly in two words: Unix seconds, and
// x = nanoseconds | location << 32 | set << 63, where location is an index
// in the accumulator's location table and set is 0 only for the zero time
// (the zero instant).
type instant struct {
	sec int64
	x   uint64
}

const (
	instantSet    = 1 << 63
	instantNsMask = 1<<30 - 1
)

func makeInstant(sec int64, ns int, loc int) instant {
	return instant{sec: sec, x: uint64(ns) | uint64(loc)<<32 | instantSet}
}

func (a instant) set() bool   { return a.x&instantSet != 0 }
func (a instant) ns() int64   { return int64(a.x & instantNsMask) }
func (a instant) loc() uint16 { return uint16(a.x >> 32) }

// withLoc returns a with another location index.
func (a instant) withLoc(loc uint16) instant {
	a.x = a.x&^(0xffff<<32) | uint64(loc)<<32
	return a
}

func (a instant) compare(b instant) int {
	switch {
	case a.set() != b.set(): // the zero time is the earliest
		if a.set() {
			return +1
		}
		return -1
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return +1
	case a.ns() < b.ns():
		return -1
	case a.ns() > b.ns():
		return +1
	}
	return 0
}

// equal is time.Time.Equal: the same instant, whatever the location.
func (a instant) equal(b instant) bool {
	return a.sec == b.sec && (a.x^b.x)&(instantSet|instantNsMask) == 0
}

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
	return time.Duration(ds)*time.Second + time.Duration(a.ns()-b.ns())
}

// attemptState is one attempt with its answers folded in: 64 bytes, one
// cache line per module slot.
type attemptState struct {
	id     AttemptID
	start  instant
	finish instant
	points int64 // Σ points, in Points units
	// bits is the answered-activity bitset of a module of at most 64
	// activities; for a larger module, 1 + the offset in learnerSide.ext of
	// its nWords bitset words (see bitsOf).
	bits uint64
}

// extraAttempt is an attempt beyond the first at a module.
type extraAttempt struct {
	st  attemptState
	mod int32 // module (position in compiled.mods)
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

// zeroUnix is the zero time.Time's Unix seconds.
var zeroUnix = time.Time{}.Unix()

func (acc *TrainingAccumulator) instant(t time.Time) instant {
	sec, ns := t.Unix(), t.Nanosecond()
	// set is 0 for the zero time (t.IsZero()), else all ones; computed
	// without a branch, as unfinished attempts come unpredictably.
	set := -b2u(uint64(sec^zeroUnix)|uint64(ns) != 0)
	l := t.Location()
	// The zero instant has no location: any index will do, as set masks
	// it out.
	if n := len(acc.locs); n > 0 && (acc.locs[n-1] == l || set == 0) {
		return instant{sec: sec & int64(set), x: (uint64(ns) | uint64(n-1)<<32 | instantSet) & set}
	}
	return acc.instantSlow(sec, ns, l, set)
}

// instantSlow is instant when t's location is not the last one seen.
//
//go:noinline
func (acc *TrainingAccumulator) instantSlow(sec int64, ns int, l *time.Location, set uint64) instant {
	if set == 0 {
		return instant{}
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
	return makeInstant(sec, ns, i)
}

// b2u is 1 for true and 0 for false, without a branch.
func b2u(b bool) uint64 {
	var u uint64
	if b {
		u = 1
	}
	return u
}

func (acc *TrainingAccumulator) time(i instant) time.Time {
	if !i.set() {
		return time.Time{}
	}
	return time.Unix(i.sec, i.ns()).In(acc.locs[i.loc()])
}

// AddLearner registers a learner, who then has a result even without any
// attempt (score 0, pending). Adding a learner twice has no further effect.
func (acc *TrainingAccumulator) AddLearner(id learnstats.UserID) {
	acc.learner(id)
}

// Learner registers a learner as AddLearner does and returns the learner's
// handle for [TrainingAccumulator.AddRef]. Registering the learners of a
// bulk load first and adding their attempts with AddRef saves a look-up by
// ID per attempt. The same ID always gets the same handle. Unlike
// AddLearner, Learner also reserves the learner's module slots (see the
// memory note of [TrainingAccumulator]), so that adding the learner's
// attempts afterwards allocates nothing.
func (acc *TrainingAccumulator) Learner(id learnstats.UserID) LearnerRef {
	ls, i := acc.learner(id)
	if acc.compile() == nil {
		acc.slots(ls)
	}
	return LearnerRef(i)
}

// StepRef returns the handle of the module step id for
// [TrainingAccumulator.AddRef]. It returns an error wrapping
// [ErrUnknownStep] when the training has no module step with that ID, or the
// training's validation error ([Training.Validate]).
func (acc *TrainingAccumulator) StepRef(id StepID) (StepRef, error) {
	if err := acc.compile(); err != nil {
		return 0, err
	}
	if s, ok := acc.c.byID[id]; ok && acc.c.steps[s].mod >= 0 {
		return StepRef(acc.c.steps[s].mod), nil
	}
	return 0, fmt.Errorf("scoring: training %q: step %q is not a module of the training: %w", acc.c.id, id, ErrUnknownStep)
}

// Len returns the number of learners seen.
func (acc *TrainingAccumulator) Len() int { return len(acc.learners) }

// Reset removes every attempt and attendance but keeps the learners (as
// if added with AddLearner, with the same handles) and the memory, so that a
// new round over the same learners allocates nothing. Use a new accumulator
// to forget the learners too.
func (acc *TrainingAccumulator) Reset() {
	clear(acc.counts)
	for i := range acc.sides {
		sd := &acc.sides[i]
		sd.more = sd.more[:0]
		sd.ext = sd.ext[:0]
		sd.sessions = sd.sessions[:0]
		clear(sd.byID)
	}
}

func (acc *TrainingAccumulator) learner(id learnstats.UserID) (*learnerState, int32) {
	if i, ok := acc.known(id); ok {
		return &acc.learners[i], i
	}
	if acc.index == nil {
		acc.index = make(map[learnstats.UserID]int32)
	}
	i := int32(len(acc.learners))
	acc.learners = append(acc.learners, learnerState{id: id, cells: -1, side: -1})
	acc.index[id] = i
	acc.sorted = false
	acc.last = i
	return &acc.learners[i], i
}

// known returns the index of learner id, if registered.
func (acc *TrainingAccumulator) known(id learnstats.UserID) (int32, bool) {
	// Records usually come grouped by learner, and in the same learner order
	// round after round: try the current learner, then the next one.
	if l := acc.last; l >= 0 && int(l) < len(acc.learners) && acc.learners[l].id == id {
		return l, true
	}
	if l := acc.last + 1; l >= 0 && int(l) < len(acc.learners) && acc.learners[l].id == id {
		acc.last = l
		return l, true
	}
	if i, ok := acc.index[id]; ok {
		acc.last = i
		return i, true
	}
	return 0, false
}

// side returns the learner's side state, creating it.
func (acc *TrainingAccumulator) side(ls *learnerState) *learnerSide {
	if ls.side < 0 {
		ls.side = int32(len(acc.sides))
		acc.sides = append(acc.sides, learnerSide{})
	}
	return &acc.sides[ls.side]
}

// sideOf returns the learner's side state, or nil.
func (acc *TrainingAccumulator) sideOf(ls *learnerState) *learnerSide {
	if ls.side < 0 {
		return nil
	}
	return &acc.sides[ls.side]
}

// slots returns the learner's module slots and their counts, reserving
// them at the first attempt.
func (acc *TrainingAccumulator) slots(ls *learnerState) int32 {
	if ls.cells < 0 {
		nm := len(acc.c.mods)
		ls.cells = int32(len(acc.cells))
		acc.cells = append(acc.cells, make([]attemptState, nm)...)
		acc.counts = append(acc.counts, make([]int32, nm)...)
	}
	return ls.cells
}

// find returns the learner's attempt at module m with ID id, or nil.
func (acc *TrainingAccumulator) find(ls *learnerState, m int32, id AttemptID) *attemptState {
	if ls.cells < 0 {
		return nil
	}
	k := ls.cells + m
	n := acc.counts[k]
	if n == 0 {
		return nil
	}
	if acc.cells[k].id == id {
		return &acc.cells[k]
	}
	if n == 1 {
		return nil
	}
	sd := &acc.sides[ls.side]
	if len(sd.more) >= manyAttempts {
		if x, ok := sd.byID[attemptKey{m, id}]; ok {
			return &sd.more[x].st
		}
		return nil
	}
	for x := len(sd.more) - 1; x >= 0; x-- {
		if e := &sd.more[x]; e.mod == m && e.st.id == id {
			return &e.st
		}
	}
	return nil
}

// push stores a new attempt at module m (with its bitset: w0, and for a
// module of more than 64 activities the words beyond the first) of a
// learner who has no attempt with its module and ID yet.
func (acc *TrainingAccumulator) push(ls *learnerState, m int32, st attemptState, w0 uint64, rest []uint64) {
	k := acc.slots(ls) + m
	n := acc.counts[k]
	st.bits = w0
	if acc.c.modSteps[m].nWords > 1 {
		sd := acc.side(ls)
		st.bits = uint64(len(sd.ext)) + 1
		sd.ext = append(sd.ext, w0)
		sd.ext = append(sd.ext, rest...)
		sd.ext = append(sd.ext, make([]uint64, int(acc.c.modSteps[m].nWords)-1-len(rest))...)
	}
	acc.counts[k] = n + 1
	if n == 0 {
		acc.cells[k] = st
		return
	}
	sd := acc.side(ls)
	sd.more = append(sd.more, extraAttempt{st: st, mod: m})
	switch x := len(sd.more); {
	case x == manyAttempts:
		if sd.byID == nil {
			sd.byID = make(map[attemptKey]int32, 2*manyAttempts)
		}
		for j := range sd.more {
			sd.byID[attemptKey{sd.more[j].mod, sd.more[j].st.id}] = int32(j)
		}
	case x > manyAttempts:
		sd.byID[attemptKey{m, st.id}] = int32(x - 1)
	}
}

// bitsOf returns attempt st's answered-activity bitset at module m: its
// first word, and the words beyond the first (nil for modules of at most
// 64 activities). The words are the stored ones: orBits changes them.
func (acc *TrainingAccumulator) bitsOf(ls *learnerState, m int32, st *attemptState) (uint64, []uint64) {
	nw := int(acc.c.modSteps[m].nWords)
	if nw <= 1 {
		return st.bits, nil
	}
	off := int(st.bits) - 1
	ws := acc.sides[ls.side].ext[off : off+nw]
	return ws[0], ws[1:]
}

// orBits adds answered activities to attempt st at module m.
func (acc *TrainingAccumulator) orBits(ls *learnerState, m int32, st *attemptState, w0 uint64, rest []uint64) {
	if acc.c.modSteps[m].nWords <= 1 {
		st.bits |= w0
		return
	}
	off := int(st.bits) - 1
	ws := acc.sides[ls.side].ext[off:]
	ws[0] |= w0
	for x, w := range rest {
		ws[1+x] |= w
	}
}

// answeredIn returns the number of activities attempt st answered.
func (acc *TrainingAccumulator) answeredIn(ls *learnerState, m int32, st *attemptState) int {
	w0, rest := acc.bitsOf(ls, m, st)
	return popcount(w0, rest)
}

// attempts calls f for each of the learner's attempts with its module:
// first the slots in module order, then the extra attempts.
func (acc *TrainingAccumulator) attempts(ls *learnerState, f func(m int32, st *attemptState)) {
	if ls.cells < 0 {
		return
	}
	for m := range int32(len(acc.c.mods)) {
		if acc.counts[ls.cells+m] > 0 {
			f(m, &acc.cells[ls.cells+m])
		}
	}
	if sd := acc.sideOf(ls); sd != nil {
		for x := range sd.more {
			f(sd.more[x].mod, &sd.more[x].st)
		}
	}
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
	var m int32
	next := acc.lastMod + 1
	if int(next) >= len(c.mods) {
		next = 0
	}
	if int(next) < len(c.mods) && c.steps[c.mods[next]].step.ID == a.Step {
		m = next
	} else if p := acc.lastMod; int(p) < len(c.mods) && c.steps[c.mods[p]].step.ID == a.Step {
		m = p
	} else if s, ok := c.byID[a.Step]; ok && c.steps[s].mod >= 0 {
		m = c.steps[s].mod
	} else {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q is not a module of the training: %w", c.id, a.Learner, a.ID, a.Step, ErrUnknownStep)
	}
	acc.lastMod = m
	if l, ok := acc.known(a.Learner); ok {
		// A known learner: AddRef's fast path applies.
		return acc.AddRef(LearnerRef(l), StepRef(m), &a)
	}
	return acc.add(-1, a.Learner, m, &a)
}

// AddRef is Add for the learner l and the module step s given by their
// handles ([TrainingAccumulator.Learner], [TrainingAccumulator.StepRef]):
// a.Learner and a.Step are not read. It is the fast path for bulk loads:
// register the learners first, then add their attempts; with Reset between
// rounds a round over known learners allocates nothing. Validation and
// errors are those of Add; a handle this accumulator did not hand out
// returns an error wrapping [ErrUnknownLearner] or [ErrUnknownStep]. a is
// not modified nor kept.
func (acc *TrainingAccumulator) AddRef(l LearnerRef, s StepRef, a *Attempt) error {
	c := acc.c
	if c == nil || uint(l) >= uint(len(acc.learners)) || uint(s) >= uint(len(c.mods)) {
		return acc.addRefChecked(l, s, a)
	}
	ls := &acc.learners[l]
	cs := c.modSteps[s]
	k := ls.cells + int32(s)
	// The bulk-load case, handled here in full: the learner's first
	// attempt at a module of at most 64 activities, times in the last
	// location seen (or zero), valid, answers in the module's order
	// sharing the bytes of its activity IDs (an adapter that copies the
	// module's IDs into its answers, the usual case). Anything else takes
	// the general path, which also reports the errors.
	if ls.cells < 0 || acc.counts[k] != 0 || a.ID == "" || ls.id == "" || cs.nWords > 1 || len(a.Answers) > len(cs.acts) || len(acc.locs) == 0 {
		return acc.add(int32(l), ls.id, int32(s), a)
	}
	// The answers (Rule S-1), checked in a function of their own: in a
	// loop inside this one, the values kept for afterwards would be
	// reloaded at every answer.
	sum, ok := sumInOrder(cs.acts, a.Answers)
	if !ok {
		return acc.add(int32(l), ls.id, int32(s), a)
	}
	// Whether the attempt is finished varies without a pattern: the
	// checks of its times are folded into bad, tested once.
	last := acc.locs[len(acc.locs)-1]
	ss, sn := a.Start.Unix(), a.Start.Nanosecond()
	fs, fn := a.Finish.Unix(), a.Finish.Nanosecond()
	sset := -b2u(uint64(ss^zeroUnix)|uint64(sn) != 0) // all ones unless zero
	fset := -b2u(uint64(fs^zeroUnix)|uint64(fn) != 0)
	// Another location than the last seen: the general path (instant)
	// records it.
	bad := sset&b2u(a.Start.Location() != last) | fset&b2u(a.Finish.Location() != last)
	// A finish needs a start, and finish ≥ start (Add's checks).
	ge := b2u(fs > ss) | b2u(fs == ss)&b2u(fn >= sn)
	bad |= fset & 1 & (sset&ge ^ 1)
	if bad != 0 {
		return acc.add(int32(l), ls.id, int32(s), a)
	}
	x := uint64(len(acc.locs)-1)<<32 | instantSet
	st := &acc.cells[k]
	st.id = a.ID
	st.start = instant{sec: ss & int64(sset), x: (uint64(sn) | x) & sset}
	st.finish = instant{sec: fs & int64(fset), x: (uint64(fn) | x) & fset}
	// Answer i is activity i: no duplicates, the first len(answers) bits
	// (a shift by 64 gives 0 in Go, so 64 answers give all ones).
	st.points, st.bits = sum, uint64(1)<<uint(len(a.Answers))-1
	acc.counts[k] = 1
	if fastAddHook != nil {
		fastAddHook()
	}
	return nil
}

// fastAddHook, when set (by tests), is called for each attempt AddRef's
// fast path adds, so that tests can check that they exercise it.
var fastAddHook func()

// sumInOrder returns the sum of the points of answers when answer i is to
// activity i of acts (the same ID bytes pointer and length) and 0 ≤ points
// ≤ max for each (Rule S-1), that is points ≤ max in unsigned arithmetic
// (a negative points is huge unsigned; max ≥ 0 is checked when the
// training is compiled); otherwise ok is false. It is AddRef's fast path:
// valid answers are the rule, so each test is a branch that is always
// predicted, fewer instructions per answer than collecting the
// differences.
//
//go:noinline
func sumInOrder(acts []Activity, answers []Answer) (sum int64, ok bool) {
	if len(answers) > len(acts) {
		return 0, false
	}
	acts = acts[:len(answers)]
	for i := range answers {
		ans, act := &answers[i], &acts[i]
		if unsafe.StringData(string(ans.Activity)) != unsafe.StringData(string(act.ID)) || len(ans.Activity) != len(act.ID) || uint64(ans.Points) > uint64(act.Max) {
			return 0, false
		}
		sum += int64(ans.Points)
	}
	return sum, true
}

// addRefChecked is AddRef before the training is compiled or with a
// handle out of range.
func (acc *TrainingAccumulator) addRefChecked(l LearnerRef, s StepRef, a *Attempt) error {
	if err := acc.compile(); err != nil {
		return err
	}
	c := acc.c
	if uint(l) >= uint(len(acc.learners)) {
		return fmt.Errorf("scoring: training %q: attempt %q: learner handle %d: %w", c.id, a.ID, l, ErrUnknownLearner)
	}
	if uint(s) >= uint(len(c.mods)) {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: step handle %d: %w", c.id, acc.learners[l].id, a.ID, s, ErrUnknownStep)
	}
	return acc.AddRef(l, s, a)
}

// add validates and adds attempt a of learner li (looked up by id when li
// < 0) at module m.
func (acc *TrainingAccumulator) add(li int32, learner learnstats.UserID, m int32, a *Attempt) error {
	c := acc.c
	cs := &c.steps[c.mods[m]]
	if a.ID == "" || learner == "" {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: missing ID or learner: %w", c.id, learner, a.ID, cs.step.ID, ErrInvalidAttempt)
	}
	start, finish := acc.instant(a.Start), acc.instant(a.Finish)
	if finish.set() && !start.set() {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: finished without a start time: %w", c.id, learner, a.ID, ErrInvalidAttempt)
	}
	if finish.set() && finish.compare(start) < 0 {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: finish %s before start %s: %w", c.id, learner, a.ID, a.Finish.Format(time.RFC3339Nano), a.Start.Format(time.RFC3339Nano), ErrInvalidAttempt)
	}
	// Validate every answer and fold the attempt, without touching the
	// accumulator's state.
	w0, rest, sum, err := acc.fold(cs, learner, a)
	if err != nil {
		return err
	}
	var ls *learnerState
	if li >= 0 {
		ls = &acc.learners[li]
	} else {
		ls, _ = acc.learner(learner)
	}
	// The common case: the learner's first attempt at the module.
	if ls.cells >= 0 {
		if k := ls.cells + m; acc.counts[k] == 0 && cs.nWords <= 1 {
			st := &acc.cells[k]
			st.id = a.ID
			st.start, st.finish = start, finish
			st.points, st.bits = sum, w0
			acc.counts[k] = 1
			return nil
		}
	}
	if st := acc.find(ls, m, a.ID); st != nil {
		if !st.start.equal(start) || !st.finish.equal(finish) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: added again with another start or finish: %w", c.id, learner, a.ID, cs.step.ID, ErrConflict)
		}
		h0, have := acc.bitsOf(ls, m, st)
		if h0&w0 != 0 || sharesWord(have, rest) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: an activity answered twice across additions: %w", c.id, learner, a.ID, cs.step.ID, ErrDuplicateAnswer)
		}
		st.points += sum
		acc.orBits(ls, m, st, w0, rest)
		return nil
	}
	acc.push(ls, m, attemptState{id: a.ID, start: start, finish: finish, points: sum}, w0, rest)
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
	if err := acc.attend(ls, si, at, false); err != nil {
		return err
	}
	return acc.attend(ls, si, at, true)
}

// attend checks an attendance against the learner's, and records it when
// apply is set and it is new.
func (acc *TrainingAccumulator) attend(ls *learnerState, si int32, at Attendance, apply bool) error {
	if sd := acc.sideOf(ls); sd != nil {
		for _, s := range sd.sessions {
			if s.step == si {
				if !s.at.At.Equal(at.At) || s.at.HasScore != at.HasScore || s.at.Score != at.Score {
					return fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: recorded twice with different data: %w", acc.c.id, ls.id, at.Step, ErrConflict)
				}
				return nil
			}
		}
	}
	if apply {
		sd := acc.side(ls)
		sd.sessions = append(sd.sessions, attendState{step: si, at: at})
	}
	return nil
}

// Merge adds everything o holds to acc: its learners, attempts (attempts
// with the same learner, step and ID are combined) and attendances. Both
// must be for the same training (same ID and steps) and options, else Merge
// returns an error wrapping [ErrMismatch]; records that conflict return an
// error wrapping [ErrConflict] or [ErrDuplicateAnswer]; merging acc into
// itself returns [ErrMismatch]. On error acc is unchanged. o is not modified
// and may be reused. acc's learner handles stay valid; o's learners new to
// acc get new handles.
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
		var err error
		o.attempts(ol, func(m int32, oa *attemptState) {
			aa := acc.find(al, m, oa.id)
			if aa == nil || err != nil {
				return
			}
			sid := acc.c.modSteps[m].id
			if !aa.start.equal(oa.start) || !aa.finish.equal(oa.finish) {
				err = fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: different start or finish: %w", acc.c.id, ol.id, oa.id, sid, ErrConflict)
				return
			}
			a0, arest := acc.bitsOf(al, m, aa)
			o0, orest := o.bitsOf(ol, m, oa)
			if a0&o0 != 0 || sharesWord(arest, orest) {
				err = fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: an activity answered in both: %w", acc.c.id, ol.id, oa.id, sid, ErrDuplicateAnswer)
			}
		})
		if err != nil {
			return err
		}
		if sd := o.sideOf(ol); sd != nil {
			for _, s := range sd.sessions {
				if err := acc.attend(al, s.step, s.at, false); err != nil {
					return err
				}
			}
		}
	}
	// Pass 2: apply, mapping o's locations to acc's.
	locs := make([]uint16, len(o.locs))
	for i, l := range o.locs {
		locs[i] = acc.instant(time.Unix(0, 0).In(l)).loc()
	}
	remap := func(t instant) instant {
		if t.set() {
			t = t.withLoc(locs[t.loc()])
		}
		return t
	}
	for i := range o.learners {
		ol := &o.learners[i]
		_, li := acc.learner(ol.id)
		o.attempts(ol, func(m int32, oa *attemptState) {
			al := &acc.learners[li]
			o0, orest := o.bitsOf(ol, m, oa)
			if aa := acc.find(al, m, oa.id); aa != nil {
				aa.points += oa.points
				acc.orBits(al, m, aa, o0, orest)
				return
			}
			na := *oa
			na.start, na.finish = remap(na.start), remap(na.finish)
			acc.push(al, m, na, o0, orest)
		})
		if sd := o.sideOf(ol); sd != nil {
			for _, s := range sd.sessions {
				_ = acc.attend(&acc.learners[li], s.step, s.at, true) // checked in pass 1
			}
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
	if acc.seq == nil {
		// Made once: a round over known learners allocates nothing.
		acc.seq = func(yield func(TrainingResult) bool) {
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
		}
	}
	return acc.seq, nil
}

// Summaries is Results without the step detail: each learner's training
// score, progress, completion, pass and time spent (Rules S-6, S-8, S-10,
// S-11), ordered by learner ID, with Steps nil. Everything else is as in
// Results, and each summary equals the corresponding result with Steps
// set to nil; it is the faster way to feed dashboards and exports that
// need the training figures only (on a training of top-level modules,
// about a third less work per learner than Results). The error is the
// training's validation error ([Training.Validate]).
func (acc *TrainingAccumulator) Summaries() (iter.Seq[TrainingResult], error) {
	if err := acc.compile(); err != nil {
		return nil, err
	}
	acc.sortLearners()
	if acc.sums == nil {
		// Made once: a round over known learners allocates nothing.
		acc.sums = func(yield func(TrainingResult) bool) {
			flat := acc.c.flat && !acc.general
			for _, i := range acc.order {
				ls := &acc.learners[i]
				if flat && ls.side < 0 {
					// evalScratch.learner's fast path, without a copy of
					// the result on the way.
					if !yield(summaryFlat(acc, ls)) {
						return
					}
				} else if !yield(acc.eval.learner(acc, ls, nil)) {
					return
				}
			}
		}
	}
	return acc.sums, nil
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
	st := &acc.cells[ls.cells]
	r := AttemptScore{Points: Points(st.points), Max: Points(cs.maxSum), Answered: acc.answeredIn(ls, 0, st), Activities: len(cs.acts)}
	if st.finish.set() {
		var score int
		r.Score, score = attemptScore(cs, st)
		r.HasScore = true
		r.Passed = score >= step.RequiredScore && r.Answered == r.Activities
	}
	return r, nil
}

// sameActivity is a == b, answering without comparing bytes when both share
// their bytes (an adapter that copies the module's activity IDs into its
// answers, the usual case).
func sameActivity(a, b ActivityID) bool {
	return len(a) == len(b) && (unsafe.StringData(string(a)) == unsafe.StringData(string(b)) || a == b)
}

// fold validates an attempt's answers in any order and folds them into the
// answered bitset (first word and the rest) and the points sum, without
// changing the accumulator's state.
func (acc *TrainingAccumulator) fold(cs *cstep, learner learnstats.UserID, a *Attempt) (w0 uint64, rest []uint64, sum int64, err error) {
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
		if i >= len(acts) || !sameActivity(acts[i].ID, ans.Activity) {
			var ok bool
			if j, ok = cs.actIndex[ans.Activity]; !ok {
				return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q has no activity %q: %w", c.id, learner, a.ID, cs.step.ID, ans.Activity, ErrUnknownActivity)
			}
		}
		max := acts[j].Max
		if ans.Points < 0 || ans.Points > max {
			return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q: points %s outside 0–%s: %w", c.id, learner, a.ID, ans.Activity, ans.Points, max, ErrInvalidPoints)
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
			return 0, nil, 0, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q answered twice: %w", c.id, learner, a.ID, ans.Activity, ErrDuplicateAnswer)
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
