package scoring

import (
	"fmt"
	"math/bits"
)

// Keep is a module's option deciding which attempt gives the module score
// (Rule S-3) and its completion date (Rule S-5). The zero value is
// [KeepBest].
type Keep int

const (
	// KeepBest keeps the highest attempt score.
	KeepBest Keep = iota
	// KeepNewest keeps the score of the most recently finished attempt.
	KeepNewest
	// KeepAll keeps all attempts; the module score is the highest, as for
	// KeepBest.
	KeepAll
)

// ParseKeep parses "best", "newest" or "all" (Opigno's option values). Any
// other text returns an error wrapping [ErrUnknownKeep].
func ParseKeep(s string) (Keep, error) {
	switch s {
	case "best":
		return KeepBest, nil
	case "newest":
		return KeepNewest, nil
	case "all":
		return KeepAll, nil
	}
	return 0, fmt.Errorf("scoring: keep option %q: %w", s, ErrUnknownKeep)
}

// String returns "best", "newest", "all", or "Keep(n)" for an invalid value.
func (k Keep) String() string {
	switch k {
	case KeepBest:
		return "best"
	case KeepNewest:
		return "newest"
	case KeepAll:
		return "all"
	}
	return fmt.Sprintf("Keep(%d)", int(k))
}

// StepKind says what a step holds. The zero value is [StepModule].
type StepKind uint8

const (
	// StepModule is a module: activities the learner answers in attempts.
	StepModule StepKind = iota
	// StepCourse is a course: child steps (Rule S-7).
	StepCourse
	// StepLiveSession is a live session (classroom, meeting) the learner
	// attends.
	StepLiveSession
)

// String returns "module", "course", "live session", or "StepKind(n)".
func (k StepKind) String() string {
	switch k {
	case StepModule:
		return "module"
	case StepCourse:
		return "course"
	case StepLiveSession:
		return "live session"
	}
	return fmt.Sprintf("StepKind(%d)", int(k))
}

// Activity is one activity of a module with its max score.
type Activity struct {
	// ID identifies the activity within its module.
	ID ActivityID
	// Max is the activity's max score, ≥ 0. An activity with max score 0
	// does not count in the attempt score (Rule S-1) but counts in progress
	// (Rule S-8) and must be answered for an attempt to pass (Rule S-4).
	Max Points
}

// Step is one step of a training: a module, a course of child steps, or a
// live session.
type Step struct {
	// ID identifies the step; unique in the whole training.
	ID StepID
	// Kind says what the step holds.
	Kind StepKind
	// Mandatory steps count in the training score (Rule S-6), completion
	// and pass (Rule S-10). A mandatory live session counts in progress
	// (Rule S-8).
	Mandatory bool
	// RequiredScore is the score, in integer percent 0–100, an attempt or
	// session must reach (inclusive) to pass (Rules S-4, S-9).
	RequiredScore int
	// Keep decides which attempt counts; modules only (Rule S-3).
	Keep Keep
	// Activities are a module's activities, in display order; modules
	// only. Answers given in this order are matched fastest.
	Activities []Activity
	// Steps are a course's child steps, in order; courses only (Rule S-7).
	Steps []Step
}

// Training is a training (learning path) and its steps, in order.
type Training struct {
	// ID identifies the training.
	ID TrainingID
	// Steps are the top-level steps, in order.
	Steps []Step
}

// Validate checks the training definition: non-empty and unique step IDs
// (children included), non-empty and unique activity IDs per module, max
// scores in [0, MaxPoints] with a module total ≤ MaxPoints, required scores
// in 0–100, known kinds and keep options, and no activities on non-modules
// nor children on non-courses. Errors name the step or activity and wrap
// [ErrInvalidTraining], [ErrInvalidPoints] or [ErrUnknownKeep].
func (t Training) Validate() error {
	_, err := compileTraining(t)
	return err
}

// compiled is a validated training laid out for fast look-up: every step
// in depth-first pre-order, modules' activities indexed.
type compiled struct {
	id    TrainingID
	steps []cstep // pre-order
	top   []int32 // indexes of top-level steps
	byID  map[StepID]int32
	mods  []int32 // indexes of module steps, in pre-order
	// modSteps[m] is &steps[mods[m]].
	modSteps []*cstep
	nMods    int // number of module steps
	nWords   int // total bitset words over all modules
	// flat reports that every step is a top-level module of at most 64
	// activities (the fast path learnerFlat).
	flat bool
	// nManda and nActs are the number of mandatory steps and the total
	// number of module activities of a flat training.
	nManda, nActs int
	// tmpl holds each step's result before any attempt or attendance: the
	// static fields filled in, pending, no score.
	tmpl []StepResult
}

type cstep struct {
	step     *Step
	id       StepID // step.ID
	required int    // step.RequiredScore
	manda    bool   // step.Mandatory
	parent   int32  // -1 for top level
	children []int32
	// Modules.
	mod      int32 // module index (0..nMods), -1 otherwise
	word0    int32 // first bitset word of this module in a learner's answered set
	nWords   int32
	acts     []Activity
	actIndex map[ActivityID]int32
	maxSum   int64  // Σ max over activities with max > 0 (Rule S-1)
	passMin  int64  // fewest points whose rounded score reaches RequiredScore (Rule S-4)
	div      uint64 // 2 · maxSum, the divisor of Rule S-1's rounding (see round)
	recip    uint64 // ⌊2⁶⁴ / div⌋ when maxSum > 0
}

func compileTraining(t Training) (*compiled, error) {
	c := &compiled{id: t.ID, byID: map[StepID]int32{}}
	var walk func(steps []Step, parent int32) ([]int32, error)
	walk = func(steps []Step, parent int32) ([]int32, error) {
		var idx []int32
		for i := range steps {
			s := &steps[i]
			if s.ID == "" {
				return nil, fmt.Errorf("scoring: training %q: step %d has no ID: %w", t.ID, i, ErrInvalidTraining)
			}
			if _, dup := c.byID[s.ID]; dup {
				return nil, fmt.Errorf("scoring: training %q: step %q: duplicate step ID: %w", t.ID, s.ID, ErrInvalidTraining)
			}
			if s.RequiredScore < 0 || s.RequiredScore > 100 {
				return nil, fmt.Errorf("scoring: training %q: step %q: required score %d outside 0–100: %w", t.ID, s.ID, s.RequiredScore, ErrInvalidTraining)
			}
			n := int32(len(c.steps))
			c.byID[s.ID] = n
			c.steps = append(c.steps, cstep{step: s, id: s.ID, required: s.RequiredScore, manda: s.Mandatory, parent: parent, mod: -1})
			idx = append(idx, n)
			switch s.Kind {
			case StepModule:
				if len(s.Steps) > 0 {
					return nil, fmt.Errorf("scoring: training %q: step %q: a module has no child steps: %w", t.ID, s.ID, ErrInvalidTraining)
				}
				if s.Keep != KeepBest && s.Keep != KeepNewest && s.Keep != KeepAll {
					return nil, fmt.Errorf("scoring: training %q: step %q: keep option %d: %w", t.ID, s.ID, int(s.Keep), ErrUnknownKeep)
				}
				cs := &c.steps[n]
				cs.mod = int32(c.nMods)
				c.nMods++
				c.mods = append(c.mods, n)
				cs.acts = s.Activities
				cs.actIndex = make(map[ActivityID]int32, len(s.Activities))
				cs.word0 = int32(c.nWords)
				cs.nWords = int32((len(s.Activities) + 63) / 64)
				c.nWords += int(cs.nWords)
				for j, a := range s.Activities {
					if a.ID == "" {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %d has no ID: %w", t.ID, s.ID, j, ErrInvalidTraining)
					}
					if _, dup := cs.actIndex[a.ID]; dup {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %q: duplicate activity ID: %w", t.ID, s.ID, a.ID, ErrInvalidTraining)
					}
					if a.Max < 0 || a.Max > MaxPoints {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %q: max score %s outside 0–%s: %w", t.ID, s.ID, a.ID, a.Max, MaxPoints, ErrInvalidPoints)
					}
					cs.actIndex[a.ID] = int32(j)
					cs.maxSum += int64(a.Max)
					if cs.maxSum > int64(MaxPoints) {
						return nil, fmt.Errorf("scoring: training %q: step %q: max scores add up to more than %s: %w", t.ID, s.ID, MaxPoints, ErrInvalidPoints)
					}
				}
				// round(100·p/m) ≥ R ⟺ ⌊(200p + m) / 2m⌋ ≥ R ⟺ 200p ≥ (2R − 1)·m,
				// so p ≥ ⌈(2R − 1)·m / 200⌉: the pass test needs no division.
				if need := (2*int64(s.RequiredScore) - 1) * cs.maxSum; need > 0 {
					cs.passMin = (need + 199) / 200
				}
				if cs.maxSum > 0 {
					cs.div = 2 * uint64(cs.maxSum)
					cs.recip, _ = bits.Div64(1, 0, cs.div)
				}
			case StepCourse:
				if len(s.Activities) > 0 {
					return nil, fmt.Errorf("scoring: training %q: step %q: a course has no activities of its own: %w", t.ID, s.ID, ErrInvalidTraining)
				}
				ch, err := walk(s.Steps, n)
				if err != nil {
					return nil, err
				}
				c.steps[n].children = ch
			case StepLiveSession:
				if len(s.Activities) > 0 || len(s.Steps) > 0 {
					return nil, fmt.Errorf("scoring: training %q: step %q: a live session has no activities or child steps: %w", t.ID, s.ID, ErrInvalidTraining)
				}
			default:
				return nil, fmt.Errorf("scoring: training %q: step %q: step kind %d: %w", t.ID, s.ID, int(s.Kind), ErrInvalidTraining)
			}
		}
		return idx, nil
	}
	top, err := walk(t.Steps, -1)
	if err != nil {
		return nil, err
	}
	c.top = top
	for _, i := range c.mods {
		c.modSteps = append(c.modSteps, &c.steps[i])
	}
	c.flat = true
	for i := range c.steps {
		cs := &c.steps[i]
		if cs.step.Kind != StepModule || cs.parent >= 0 || cs.nWords > 1 {
			c.flat = false
		}
		if cs.manda {
			c.nManda++
		}
		c.nActs += len(cs.acts)
	}
	c.tmpl = make([]StepResult, len(c.steps))
	for i := range c.steps {
		cs := &c.steps[i]
		r := StepResult{Step: cs.step.ID, Kind: cs.step.Kind, Mandatory: cs.step.Mandatory}
		if cs.parent >= 0 {
			r.Parent = c.steps[cs.parent].step.ID
		}
		switch cs.step.Kind {
		case StepModule:
			r.Activities = len(cs.acts)
		case StepLiveSession:
			if cs.step.Mandatory {
				r.Activities = 1 // Rule S-8: one per mandatory live session.
			}
		}
		c.tmpl[i] = r
	}
	return c, nil
}
