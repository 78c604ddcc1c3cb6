package scoring

import (
	"fmt"
	"iter"
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
// with no allocation per answer. A TrainingAccumulator is not safe for
// concurrent use; give each goroutine its own and Merge them.
type TrainingAccumulator struct {
	// Training is the training scored.
	Training Training
	// Options are the options of the rules.
	Options Options

	c        *compiled
	cerr     error
	index    map[learnstats.UserID]int32
	learners []learnerState // [:n] in use; beyond n: reusable after Reset
	n        int
	scratch  []uint64 // answered bitset words of the attempt being added
	eval     evalScratch
}

type learnerState struct {
	id       learnstats.UserID
	attempts []attemptState
	sessions []attendState
}

type attemptState struct {
	id     AttemptID
	step   int32 // index in compiled.steps
	start  time.Time
	finish time.Time
	points int64  // Σ points, in Points units
	bits   uint64 // answered activities 0..63
	ext    []uint64
}

type attendState struct {
	step int32
	at   Attendance
}

func (acc *TrainingAccumulator) compile() error {
	if acc.c == nil && acc.cerr == nil {
		acc.c, acc.cerr = compileTraining(acc.Training)
	}
	return acc.cerr
}

// AddLearner registers a learner, who then has a result even without any
// attempt (score 0, pending). Adding a learner twice has no further effect.
func (acc *TrainingAccumulator) AddLearner(id learnstats.UserID) {
	acc.learner(id)
}

// Len returns the number of learners seen.
func (acc *TrainingAccumulator) Len() int { return acc.n }

// Reset empties the accumulator and keeps its memory for reuse with the
// same Training and Options.
func (acc *TrainingAccumulator) Reset() {
	clear(acc.index)
	for i := range acc.learners[:acc.n] {
		ls := &acc.learners[i]
		for j := range ls.attempts {
			ls.attempts[j] = attemptState{ext: ls.attempts[j].ext[:0]}
		}
		ls.attempts = ls.attempts[:0]
		ls.sessions = ls.sessions[:0]
		ls.id = ""
	}
	acc.n = 0
}

func (acc *TrainingAccumulator) learner(id learnstats.UserID) *learnerState {
	if i, ok := acc.index[id]; ok {
		return &acc.learners[i]
	}
	if acc.index == nil {
		acc.index = make(map[learnstats.UserID]int32)
	}
	if acc.n == len(acc.learners) {
		acc.learners = append(acc.learners, learnerState{})
	}
	ls := &acc.learners[acc.n]
	ls.id = id
	acc.index[id] = int32(acc.n)
	acc.n++
	return ls
}

// Add adds one attempt with its answers. It returns an error, and changes
// nothing, when the attempt is invalid: no ID or learner ([ErrInvalidAttempt]),
// a step the training does not have or that is not a module
// ([ErrUnknownStep]), a finish before the start ([ErrInvalidAttempt]), an
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
	si, ok := c.byID[a.Step]
	if !ok || c.steps[si].mod < 0 {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q is not a module of the training: %w", c.id, a.Learner, a.ID, a.Step, ErrUnknownStep)
	}
	if !a.Finish.IsZero() && a.Finish.Before(a.Start) {
		return fmt.Errorf("scoring: training %q: learner %q: attempt %q: finish %s before start %s: %w", c.id, a.Learner, a.ID, a.Finish.Format(time.RFC3339Nano), a.Start.Format(time.RFC3339Nano), ErrInvalidAttempt)
	}
	cs := &c.steps[si]
	acts := cs.acts
	// Pass 1: validate every answer and fold the attempt, without touching
	// the accumulator's state.
	var w0 uint64
	var ext []uint64
	if cs.nWords > 1 {
		if cap(acc.scratch) < int(cs.nWords) {
			acc.scratch = make([]uint64, cs.nWords)
		}
		ext = acc.scratch[:cs.nWords]
		clear(ext)
	}
	var sum int64
	for i := range a.Answers {
		ans := &a.Answers[i]
		// Rule S-1. Answers in the module's activity order match without a
		// map look-up.
		j := int32(i)
		if i >= len(acts) || acts[i].ID != ans.Activity {
			var ok bool
			if j, ok = cs.actIndex[ans.Activity]; !ok {
				return fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q has no activity %q: %w", c.id, a.Learner, a.ID, a.Step, ans.Activity, ErrUnknownActivity)
			}
		}
		max := acts[j].Max
		if ans.Points < 0 || ans.Points > max {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q: points %s outside 0–%s: %w", c.id, a.Learner, a.ID, ans.Activity, ans.Points, max, ErrInvalidPoints)
		}
		var dup bool
		if ext == nil {
			b := uint64(1) << uint(j)
			dup = w0&b != 0
			w0 |= b
		} else {
			b := uint64(1) << uint(j&63)
			dup = ext[j>>6]&b != 0
			ext[j>>6] |= b
		}
		if dup {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q answered twice: %w", c.id, a.Learner, a.ID, ans.Activity, ErrDuplicateAnswer)
		}
		// A max-0 activity has 0 points (checked above), so adding its
		// points leaves it out of the sum as Rule S-1 requires.
		sum += int64(ans.Points)
	}
	if ext != nil {
		w0 = ext[0]
	}
	ls := acc.learner(a.Learner)
	for k := range ls.attempts {
		st := &ls.attempts[k]
		if st.step != si || st.id != a.ID {
			continue
		}
		if !st.start.Equal(a.Start) || !st.finish.Equal(a.Finish) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: added again with another start or finish: %w", c.id, a.Learner, a.ID, a.Step, ErrConflict)
		}
		if dupWords(st.bits, st.ext, w0, ext) {
			return fmt.Errorf("scoring: training %q: learner %q: attempt %q at step %q: an activity answered twice across additions: %w", c.id, a.Learner, a.ID, a.Step, ErrDuplicateAnswer)
		}
		st.points += sum
		st.bits |= w0
		for x := 1; x < len(ext); x++ {
			st.ext[x-1] |= ext[x]
		}
		return nil
	}
	ls.attempts = append(ls.attempts, attemptState{id: a.ID, step: si, start: a.Start, finish: a.Finish, points: sum, bits: w0})
	if len(ext) > 1 {
		st := &ls.attempts[len(ls.attempts)-1]
		st.ext = append(st.ext[:0], ext[1:]...)
	}
	return nil
}

// dupWords reports whether two answered bitsets (first word + the rest)
// share an activity.
func dupWords(a0 uint64, arest []uint64, b0 uint64, bfull []uint64) bool {
	if a0&b0 != 0 {
		return true
	}
	for x := 1; x < len(bfull); x++ {
		if arest[x-1]&bfull[x] != 0 {
			return true
		}
	}
	return false
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
	ls := acc.learner(at.Learner)
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
// error wrapping [ErrConflict] or [ErrDuplicateAnswer]. On error acc is
// unchanged. o is not modified and may be reused.
func (acc *TrainingAccumulator) Merge(o *TrainingAccumulator) error {
	if o == nil || (o.n == 0 && o.c == nil) {
		return nil
	}
	if err := o.compile(); err != nil {
		return err
	}
	if acc.c == nil && acc.n == 0 && acc.Training.ID == "" && len(acc.Training.Steps) == 0 && acc.Options == (Options{}) {
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
	for i := range o.learners[:o.n] {
		ol := &o.learners[i]
		li, ok := acc.index[ol.id]
		if !ok {
			continue
		}
		al := &acc.learners[li]
		for k := range ol.attempts {
			oa := &ol.attempts[k]
			for m := range al.attempts {
				aa := &al.attempts[m]
				if aa.step != oa.step || aa.id != oa.id {
					continue
				}
				if !aa.start.Equal(oa.start) || !aa.finish.Equal(oa.finish) {
					return fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: different start or finish: %w", acc.c.id, ol.id, oa.id, acc.c.steps[oa.step].step.ID, ErrConflict)
				}
				if aa.bits&oa.bits != 0 || sharesWord(aa.ext, oa.ext) {
					return fmt.Errorf("scoring: merge training %q: learner %q: attempt %q at step %q: an activity answered in both: %w", acc.c.id, ol.id, oa.id, acc.c.steps[oa.step].step.ID, ErrDuplicateAnswer)
				}
			}
		}
		for _, s := range ol.sessions {
			if err := al.attend(acc.c, s.step, s.at, false); err != nil {
				return err
			}
		}
	}
	// Pass 2: apply.
	for i := range o.learners[:o.n] {
		ol := &o.learners[i]
		al := acc.learner(ol.id)
	attempts:
		for k := range ol.attempts {
			oa := &ol.attempts[k]
			for m := range al.attempts {
				aa := &al.attempts[m]
				if aa.step == oa.step && aa.id == oa.id {
					aa.points += oa.points
					aa.bits |= oa.bits
					if len(aa.ext) < len(oa.ext) {
						aa.ext = append(aa.ext, make([]uint64, len(oa.ext)-len(aa.ext))...)
					}
					for x, w := range oa.ext {
						aa.ext[x] |= w
					}
					continue attempts
				}
			}
			na := *oa
			na.ext = slices.Clone(oa.ext)
			al.attempts = append(al.attempts, na)
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
	if err := acc.compile(); err != nil {
		return nil, err
	}
	order := make([]int32, acc.n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		return strings.Compare(string(acc.learners[x].id), string(acc.learners[y].id))
	})
	ns := len(acc.c.steps)
	out := make([]TrainingResult, acc.n)
	steps := make([]StepResult, acc.n*ns)
	for k, i := range order {
		out[k] = acc.eval.learner(acc.c, &acc.Options, &acc.learners[i], steps[k*ns:(k+1)*ns:(k+1)*ns])
	}
	return out, nil
}

// Learners returns the IDs of the learners seen, in ascending order.
func (acc *TrainingAccumulator) Learners() []learnstats.UserID {
	ids := make([]learnstats.UserID, acc.n)
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
