package scoring

import (
	"math/bits"
	"time"

	"github.com/learnstats/learnstats"
)

// AttemptScore is the score of one attempt on its own (Rules S-1, S-2,
// S-4), as [ScoreAttempt] returns it.
type AttemptScore struct {
	// Points is Σ points; Max is Σ max over the module's activities.
	Points, Max learnstats.Points
	// Score is the attempt score in percent, 100 × Points / Max (100 when
	// Max is 0, Rule S-2), when HasScore; Score.Int() is the integer
	// percent Rule S-1 rounds to.
	Score learnstats.Ratio
	// HasScore reports whether the attempt is finished: only finished
	// attempts have a score.
	HasScore bool
	// Answered and Activities count the activities answered and all the
	// module's activities.
	Answered, Activities int
	// Passed reports Rule S-4: finished, every activity answered, score ≥
	// the step's required score.
	Passed bool
}

// ScoreAttempt scores a single attempt at a module step (Rules S-1, S-2,
// S-4), with the checks [TrainingAccumulator.Add] makes: an error names
// the attempt and wraps [learnstats.ErrInvalidRecord] (an invalid
// attempt, a step that is not a module, an activity the step does not
// have or answered twice), [learnstats.ErrInvalidPoints] or
// [ErrInvalidTraining] (an invalid step). The attempt's Step is ignored.
func ScoreAttempt(step Step, a learnstats.Attempt) (AttemptScore, error) {
	d, err := newDefinition(Training{Steps: []Step{step}}, Options{})
	if err != nil {
		return AttemptScore{}, err
	}
	a.Step = step.ID
	st, err := d.attempt(a)
	if err != nil {
		return AttemptScore{}, err
	}
	s := &d.steps[0]
	r := AttemptScore{Points: learnstats.Points(st.points), Max: learnstats.Points(s.maxSum),
		Answered: st.answered.count(), Activities: len(s.Activities)}
	if st.finished(time.Time{}) {
		r.HasScore = true
		r.Score, _ = attemptScore(s, st.points)
		r.Passed = attemptPassed(s, &st, time.Time{})
	}
	return r, nil
}

// attemptScore is Rules S-1 and S-2 for a finished attempt with the given
// points: the exact score in percent, 100 × Σpoints / Σmax, and its integer
// percent rounded half away from zero; 100 for a module without scored
// activity (Rule S-2, following Opigno's manual, not Opigno 3.0's code,
// which stores 0 when keep = best). Σmax covers every activity of the
// module, so an unanswered activity scores 0 points; activities with max
// score 0 add nothing to either sum.
func attemptScore(s *stepDef, points int64) (learnstats.Ratio, int) {
	if s.maxSum == 0 {
		return learnstats.NewRatio(100, 1), 100
	}
	// points ≤ maxSum ≤ MaxPoints = 10¹⁶, so 100 × points fits an int64.
	r := learnstats.NewRatio(100*points, s.maxSum)
	return r, int(r.Int())
}

// attemptPassed is Rule S-4: a finished attempt passes when every activity
// of the module has an answer in it (max-0 activities included) and its
// integer score reaches the step's required score (inclusive). At asOf, an
// attempt finished at or after asOf is not finished (Rule S-15).
func attemptPassed(s *stepDef, st *attemptState, asOf time.Time) bool {
	if !st.finished(asOf) || st.answered.count() != len(s.Activities) {
		return false
	}
	_, score := attemptScore(s, st.points)
	return score >= s.RequiredScore
}

// bitset is a set of activity indexes: the activities answered in an
// attempt, or in any attempt (Rule S-8). The first 64 are kept inline, so
// that a module of up to 64 activities needs no allocation.
type bitset struct {
	w0   uint64
	more []uint64 // bits 64, 65, … in words of 64
}

func (b *bitset) has(i int) bool {
	if i < 64 {
		return b.w0&(1<<uint(i)) != 0
	}
	w := i/64 - 1
	return w < len(b.more) && b.more[w]&(1<<uint(i%64)) != 0
}

func (b *bitset) set(i int) {
	if i < 64 {
		b.w0 |= 1 << uint(i)
		return
	}
	w := i/64 - 1
	for len(b.more) <= w {
		b.more = append(b.more, 0)
	}
	b.more[w] |= 1 << uint(i%64)
}

// union adds o's members to b.
func (b *bitset) union(o bitset) {
	b.w0 |= o.w0
	for len(b.more) < len(o.more) {
		b.more = append(b.more, 0)
	}
	for i, w := range o.more {
		b.more[i] |= w
	}
}

// intersects reports whether b and o share a member.
func (b *bitset) intersects(o bitset) bool {
	if b.w0&o.w0 != 0 {
		return true
	}
	for i := 0; i < len(b.more) && i < len(o.more); i++ {
		if b.more[i]&o.more[i] != 0 {
			return true
		}
	}
	return false
}

func (b *bitset) count() int {
	n := bits.OnesCount64(b.w0)
	for _, w := range b.more {
		n += bits.OnesCount64(w)
	}
	return n
}

func (b bitset) clone() bitset {
	b.more = append([]uint64(nil), b.more...)
	return b
}
