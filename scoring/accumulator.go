package scoring

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// TrainingAccumulator computes the training rules (S-1 … S-11, S-15,
// S-16) for every learner of one training, from a stream of attempts and
// attendances in any order.
//
// Build it with [NewTrainingAccumulator]: the training and the options are
// fixed at construction (the accumulator keeps its own copy), so the
// definition cannot change once records are added. Add, AddAttendance and
// AddLearner may come in any order; [TrainingAccumulator.Merge] combines
// accumulators of the same definition, associatively and commutatively, so
// shards computed apart combine exactly; [TrainingAccumulator.Result]
// computes every learner's result as of an instant. The result depends
// only on the set of records, never on their order.
//
// Memory grows with attempts, not answers: each attempt's answers are
// folded into a points sum and a set of answered activities as it is
// added. Adding is cheapest with records grouped by learner (as a query
// ordered by learner gives them), but any order gives the same result.
//
// The zero TrainingAccumulator has no training: Add and the other methods
// return an error wrapping [ErrInvalidTraining]. A TrainingAccumulator is
// not safe for concurrent use; give each goroutine its own and Merge them.
type TrainingAccumulator struct {
	def      *definition
	asOf     time.Time // the instant of the results (Rule S-15); zero: no cut-off
	learners map[learnstats.UserID]*learnerState
	last     *learnerState // the learner of the last record: records usually come grouped by learner
	// block is where new learner states are allocated, a few hundred at a
	// time rather than one by one (a block is never reallocated, so the
	// pointers into it stay valid).
	block []learnerState
	// order lists the learner states in the order they were created, which
	// is their order in memory: Result reads them in that order.
	order []*learnerState
}

// learnerState is everything the accumulator keeps of one learner.
type learnerState struct {
	id           learnstats.UserID
	registeredAt time.Time // zero until AddLearner gives it
	attempts     []attemptState
	attended     []attendanceRecord
	// spent is Σ finish − start over every finished attempt: every time
	// a result sums (Rule S-11, any asOf, any cap) is at most this, so
	// checking it at Add keeps every result's sums exact.
	spent time.Duration
	// tried holds the modules the learner has an attempt at: a new
	// attempt at another module needs no search for an earlier copy of it
	// (the usual case, a learner's first attempt at each module).
	tried bitset
	// index finds an attempt by step and ID once the learner has many
	// (below that, a scan of the attempts is cheaper).
	index map[attemptKey]int
}

type attemptKey struct {
	step int
	id   learnstats.AttemptID
}

type attendanceRecord struct {
	step int
	Attendance
}

// indexFrom is the number of attempts from which a learner's attempts are
// indexed by step and ID.
const indexFrom = 32

// learnerBlock is the number of learner states allocated at once.
const learnerBlock = 256

// NewTrainingAccumulator returns an empty accumulator computing the
// results as of asOf (Rule S-15; the zero asOf means no cut-off: every
// record counts) for the training t with the options o. It returns an
// error naming the step or activity when t is not a valid definition (see
// [Training.Validate]) or o has a negative attempt cap.
func NewTrainingAccumulator(asOf time.Time, t Training, o Options) (*TrainingAccumulator, error) {
	d, err := newDefinition(t, o)
	if err != nil {
		return nil, err
	}
	return &TrainingAccumulator{def: d, asOf: asOf, learners: map[learnstats.UserID]*learnerState{}}, nil
}

func (acc *TrainingAccumulator) ready() error {
	if acc == nil || acc.def == nil {
		return fmt.Errorf("scoring: accumulator without a training (use NewTrainingAccumulator): %w", ErrInvalidTraining)
	}
	return nil
}

// learner returns the learner's state, creating it when new.
func (acc *TrainingAccumulator) learner(id learnstats.UserID) *learnerState {
	if ls := acc.last; ls != nil && ls.id == id {
		return ls
	}
	ls := acc.learners[id]
	if ls == nil {
		if len(acc.block) == cap(acc.block) {
			acc.block = make([]learnerState, 0, learnerBlock)
		}
		acc.block = append(acc.block, learnerState{id: id})
		ls = &acc.block[len(acc.block)-1]
		acc.learners[id] = ls
		acc.order = append(acc.order, ls)
	}
	acc.last = ls
	return ls
}

// find returns the index of the learner's attempt at step (module index
// module) with the given ID, or -1.
func (ls *learnerState) find(step, module int, id learnstats.AttemptID) int {
	if !ls.tried.has(module) {
		return -1
	}
	if ls.index != nil {
		if k, ok := ls.index[attemptKey{step, id}]; ok {
			return k
		}
		return -1
	}
	for k := len(ls.attempts) - 1; k >= 0; k-- {
		if a := &ls.attempts[k]; a.step == step && a.id == id {
			return k
		}
	}
	return -1
}

// push appends a new attempt whose time the caller has checked.
func (ls *learnerState) push(st attemptState, spent time.Duration, module, modules int) {
	ls.tried.set(module)
	if ls.attempts == nil {
		// Room for one attempt per module: what most learners make.
		ls.attempts = make([]attemptState, 0, max(modules, 1))
	}
	ls.attempts = append(ls.attempts, st)
	ls.spent = spent
	k := len(ls.attempts) - 1
	switch {
	case ls.index != nil:
		ls.index[attemptKey{st.step, st.id}] = k
	case len(ls.attempts) == indexFrom:
		ls.index = make(map[attemptKey]int, 2*indexFrom)
		for j := range ls.attempts {
			ls.index[attemptKey{ls.attempts[j].step, ls.attempts[j].id}] = j
		}
	}
}

// withTime returns the learner's total time once st is added, or an error
// wrapping [learnstats.ErrOverflow] when it does not fit.
func (ls *learnerState) withTime(st *attemptState) (time.Duration, bool) {
	if st.finish.IsZero() {
		return ls.spent, true
	}
	return checked.AddDuration(ls.spent, st.finish.Sub(st.start))
}

// attendance returns the learner's attendance at session step i that
// exists at asOf, or nil.
func (ls *learnerState) attendance(i int, asOf time.Time) *Attendance {
	for k := range ls.attended {
		if a := &ls.attended[k]; a.step == i && attendedBy(a.At, asOf) {
			return &a.Attendance
		}
	}
	return nil
}

// Add adds one attempt at a module step. The same attempt (same learner,
// step and ID) may be added more than once, for example when answers are
// streamed row by row or spread over shards: its answers are combined, and
// its start and finish must be the same every time.
//
// An invalid attempt returns an error naming it, and changes nothing: it
// wraps [learnstats.ErrInvalidRecord] (a record that breaks an invariant of
// learnstats.Attempt; a step that is not a module of the training, an
// activity the module does not have, an activity answered twice, the
// attempt added again with another start or finish),
// [learnstats.ErrInvalidPoints] (points above the activity's max) or
// [learnstats.ErrOverflow] (the learner's attempts add up to more time
// than a time.Duration holds).
func (acc *TrainingAccumulator) Add(a learnstats.Attempt) error {
	if err := acc.ready(); err != nil {
		return err
	}
	st, err := acc.def.attempt(a)
	if err != nil {
		return err
	}
	ls := acc.learner(a.Learner)
	if k := ls.find(st.step, acc.def.steps[st.step].module, st.id); k >= 0 {
		old := &ls.attempts[k]
		merged := old.clone()
		if err := merged.combine(st); err != nil {
			return fmt.Errorf("scoring: training %q: learner %q: step %q: %w", acc.def.training.ID, a.Learner, a.Step, err)
		}
		*old = merged
		return nil
	}
	spent, ok := ls.withTime(&st)
	if !ok {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: time spent over all attempts: %w", acc.def.training.ID, a.Learner, a.ID, learnstats.ErrOverflow)
	}
	ls.push(st, spent, acc.def.steps[st.step].module, acc.def.modules)
	return nil
}

func (st *attemptState) clone() attemptState {
	c := *st
	c.answered = st.answered.clone()
	return c
}

// AddAttendance records that a learner attended a live session. Adding the
// same attendance twice is harmless; two different records for one learner
// and session are an error wrapping [learnstats.ErrInvalidRecord], as are
// an attendance at a step that is not a live session of the training and
// a score outside 0–100.
func (acc *TrainingAccumulator) AddAttendance(at Attendance) error {
	if err := acc.ready(); err != nil {
		return err
	}
	i, err := acc.def.attendance(at)
	if err != nil {
		return err
	}
	ls := acc.learner(at.Learner)
	for k := range ls.attended {
		if ls.attended[k].step == i {
			if !sameAttendance(ls.attended[k].Attendance, at) {
				return fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: recorded twice with different data: %w", acc.def.training.ID, at.Learner, at.Step, learnstats.ErrInvalidRecord)
			}
			return nil
		}
	}
	ls.attended = append(ls.attended, attendanceRecord{step: i, Attendance: at})
	return nil
}

// AddLearner registers a learner of the training since registeredAt (the
// zero time when the LMS does not record it), so that the result lists
// them even without any attempt or attendance (Not started, Rule S-16) and
// carries their registration time (the dashboards count learners
// registered before asOf, D-2 … D-5). Registering a learner again at the
// same time changes nothing; at another time it is an error wrapping
// [learnstats.ErrInvalidRecord], as is an empty ID.
func (acc *TrainingAccumulator) AddLearner(id learnstats.UserID, registeredAt time.Time) error {
	if err := acc.ready(); err != nil {
		return err
	}
	if id == "" {
		return fmt.Errorf("scoring: training %q: learner with an empty ID: %w", acc.def.training.ID, learnstats.ErrInvalidRecord)
	}
	if ls := acc.learners[id]; ls != nil && !ls.registeredAt.IsZero() && !registeredAt.IsZero() && !ls.registeredAt.Equal(registeredAt) {
		return fmt.Errorf("scoring: training %q: learner %q: registered at %s and at %s: %w", acc.def.training.ID, id,
			ls.registeredAt.Format(time.RFC3339Nano), registeredAt.Format(time.RFC3339Nano), learnstats.ErrInvalidRecord)
	}
	if ls := acc.learner(id); ls.registeredAt.IsZero() {
		ls.registeredAt = registeredAt
	}
	return nil
}

// Merge adds o's records to acc, as if every record added to o had been
// added to acc; o is not modified. It is associative and commutative.
//
// Accumulators of different definitions do not merge: a training whose
// steps, activities, max scores, required scores, mandatory flags, keep
// options or order differ, or other options, is an error wrapping
// [learnstats.ErrMismatch] (the whole definition is compared, not its
// shape). An attempt in both with another start or finish, or an activity
// answered in both, wraps [learnstats.ErrInvalidRecord]; merging an
// accumulator into itself wraps [learnstats.ErrMismatch]. On error acc is
// unchanged.
func (acc *TrainingAccumulator) Merge(o *TrainingAccumulator) error {
	if err := acc.ready(); err != nil {
		return err
	}
	if err := o.ready(); err != nil {
		return err
	}
	id := acc.def.training.ID
	if acc == o {
		return fmt.Errorf("scoring: merge training %q into itself: %w", id, learnstats.ErrMismatch)
	}
	if acc.def.fingerprint != o.def.fingerprint {
		return fmt.Errorf("scoring: merge training %q into %q: different training definition or options: %w", o.def.training.ID, id, learnstats.ErrMismatch)
	}
	if !acc.asOf.Equal(o.asOf) {
		return fmt.Errorf("scoring: merge training %q: results as of %s and as of %s: %w", id,
			o.asOf.Format(time.RFC3339Nano), acc.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	// Check everything first, so that a failing merge changes nothing.
	ids := slices.Sorted(maps.Keys(o.learners))
	for _, lid := range ids {
		ol, al := o.learners[lid], acc.learners[lid]
		if al == nil {
			continue
		}
		if !al.registeredAt.IsZero() && !ol.registeredAt.IsZero() && !al.registeredAt.Equal(ol.registeredAt) {
			return fmt.Errorf("scoring: merge training %q: learner %q: registered at two times: %w", id, lid, learnstats.ErrInvalidRecord)
		}
		spent := al.spent
		for k := range ol.attempts {
			st := &ol.attempts[k]
			if j := al.find(st.step, acc.def.steps[st.step].module, st.id); j >= 0 {
				c := al.attempts[j].clone()
				if err := c.combine(*st); err != nil {
					return fmt.Errorf("scoring: merge training %q: learner %q: step %q: %w", id, lid, acc.def.steps[st.step].ID, err)
				}
				continue
			}
			var ok bool
			if !st.finish.IsZero() {
				if spent, ok = checked.AddDuration(spent, st.finish.Sub(st.start)); !ok {
					return fmt.Errorf("scoring: merge training %q: learner %q: time spent over all attempts: %w", id, lid, learnstats.ErrOverflow)
				}
			}
		}
		for _, oa := range ol.attended {
			for _, aa := range al.attended {
				if aa.step == oa.step && !sameAttendance(aa.Attendance, oa.Attendance) {
					return fmt.Errorf("scoring: merge training %q: learner %q: attendance at step %q: recorded twice with different data: %w", id, lid, oa.Step, learnstats.ErrInvalidRecord)
				}
			}
		}
	}
	for _, lid := range ids {
		ol := o.learners[lid]
		al := acc.learner(lid)
		if al.registeredAt.IsZero() {
			al.registeredAt = ol.registeredAt
		}
		for k := range ol.attempts {
			st := &ol.attempts[k]
			if j := al.find(st.step, acc.def.steps[st.step].module, st.id); j >= 0 {
				_ = al.attempts[j].combine(*st) // checked above
				continue
			}
			spent, _ := al.withTime(st) // checked above
			al.push(st.clone(), spent, acc.def.steps[st.step].module, acc.def.modules)
		}
	attendances:
		for _, oa := range ol.attended {
			for _, aa := range al.attended {
				if aa.step == oa.step {
					continue attendances
				}
			}
			al.attended = append(al.attended, oa)
		}
	}
	return nil
}

// Result computes every learner's result as of the accumulator's asOf
// (Rule S-15): attempts starting at or after asOf and attendances at or
// after it are left out and counted in the result; an attempt finishing at
// or after asOf counts as unfinished. The result does not share memory with
// the accumulator, which may go on taking records.
func (acc *TrainingAccumulator) Result() *TrainingResults {
	if acc == nil {
		return &TrainingResults{}
	}
	asOf := acc.asOf
	res := &TrainingResults{AsOf: asOf}
	if acc.def == nil {
		return res
	}
	d := acc.def
	res.Training = cloneTraining(d.training)
	// The results are in learner ID order; the learners are evaluated in
	// memory order (their states and attempts lie in the order they were
	// created), each into its place in the result.
	n := len(acc.order)
	byID := make([]int32, n)
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(a, b int32) int { return strings.Compare(string(acc.order[a].id), string(acc.order[b].id)) })
	place := make([]int32, n)
	for p, i := range byID {
		place[i] = int32(p)
	}
	res.Learners = make([]TrainingResult, n)
	ns := len(d.steps)
	steps := make([]StepResult, n*ns)
	var e evaluation
	for i, ls := range acc.order {
		p := int(place[i])
		r, la, lt := d.evaluate(ls, asOf, &e, steps[p*ns:(p+1)*ns:(p+1)*ns])
		res.Learners[p] = r
		res.LaterAttempts += la
		res.LaterAttendances += lt
	}
	return res
}

// ScoreTraining is shorthand for a [TrainingAccumulator] on t and o fed
// every attempt and attendance (nil sequences are empty), then its
// Result. The first invalid record stops it with the error Add or
// AddAttendance returns.
func ScoreTraining(asOf time.Time, t Training, o Options, attempts iter.Seq[learnstats.Attempt], attendances iter.Seq[Attendance]) (*TrainingResults, error) {
	acc, err := NewTrainingAccumulator(asOf, t, o)
	if err != nil {
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
	return acc.Result(), nil
}
