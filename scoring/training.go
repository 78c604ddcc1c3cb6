package scoring

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
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
// other text returns an error wrapping [ErrInvalidTraining].
func ParseKeep(s string) (Keep, error) {
	switch s {
	case "best":
		return KeepBest, nil
	case "newest":
		return KeepNewest, nil
	case "all":
		return KeepAll, nil
	}
	return 0, fmt.Errorf("scoring: keep option %q: %w", s, ErrInvalidTraining)
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
	ID learnstats.ActivityID
	// Max is the activity's max score, ≥ 0. An activity with max score 0
	// does not count in the attempt score (Rule S-1) but counts in progress
	// (Rule S-8) and must be answered for an attempt to pass (Rule S-4).
	Max learnstats.Points
}

// Step is one step of a training: a module, a course of child steps, or a
// live session.
type Step struct {
	// ID identifies the step; unique in the whole training.
	ID learnstats.StepID
	// Name is the step's display name (the training content dashboard's
	// Step column, D-5); no rule reads it.
	Name string
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
	// only.
	Activities []Activity
	// Steps are a course's child steps, in order; courses only (Rule S-7).
	Steps []Step
}

// Training is a training (learning path) and its steps, in order.
type Training struct {
	// ID identifies the training. Trainings are keyed by ID, never by
	// name (D-2): two trainings with the same name are two trainings.
	ID learnstats.TrainingID
	// Name is the training's display name; no rule reads it.
	Name string
	// Steps are the top-level steps, in order.
	Steps []Step
}

// Validate checks the training definition: non-empty and unique step IDs
// (children included), non-empty and unique activity IDs per module, max
// scores in [0, MaxPoints] with a module total ≤ MaxPoints, required scores
// in 0–100, known kinds and keep options, and no activities on non-modules
// nor children on non-courses. Errors name the step or activity and wrap
// [ErrInvalidTraining] or [learnstats.ErrInvalidPoints].
func (t Training) Validate() error {
	_, err := newDefinition(t, Options{})
	return err
}

// Options are the optional behaviours of the training rules. The zero
// value is Opigno's default behaviour with no time cap.
type Options struct {
	// ExcludeEmpty leaves mandatory steps without a score out of the
	// training score instead of counting them as 0 (Rule S-6; Moodle's
	// "exclude empty grades").
	ExcludeEmpty bool
	// AttemptCap, when > 0, caps each attempt's duration in time spent
	// (Rule S-11; Opigno's dashboards cap it at 8 h). A negative cap is
	// invalid.
	AttemptCap time.Duration
}

// definition is a validated training with its options, laid out for the
// rules: every step in depth-first pre-order (a course before its
// children), modules' activities indexed by ID. It is never modified after
// newDefinition, so accumulators built on it share it.
type definition struct {
	training    Training // a deep copy of the caller's training
	opts        Options
	steps       []stepDef // pre-order
	top         []int     // indexes of the top-level steps
	byID        map[learnstats.StepID]int
	modules     int // number of module steps
	fingerprint [sha256.Size]byte
}

// stepDef is one step of a definition.
type stepDef struct {
	Step           // the step, Steps and Activities as in the definition
	parent   int   // index of the course holding the step; -1 at top level
	children []int // a course's child steps
	module   int   // index among the module steps; -1 for other kinds
	actIndex map[learnstats.ActivityID]int
	maxSum   int64 // Σ max over the module's activities, in Points units (Rule S-1)
}

// newDefinition validates t and o and compiles them.
func newDefinition(t Training, o Options) (*definition, error) {
	t = cloneTraining(t)
	d := &definition{training: t, opts: o, byID: map[learnstats.StepID]int{}}
	if o.AttemptCap < 0 {
		return nil, fmt.Errorf("scoring: training %q: negative attempt cap %s: %w", t.ID, o.AttemptCap, ErrInvalidTraining)
	}
	var walk func(steps []Step, parent int) ([]int, error)
	walk = func(steps []Step, parent int) ([]int, error) {
		var idx []int
		for i := range steps {
			s := steps[i]
			bad := func(format string, args ...any) error {
				return fmt.Errorf("scoring: training %q: step %q: %s: %w", t.ID, s.ID, fmt.Sprintf(format, args...), ErrInvalidTraining)
			}
			if s.ID == "" {
				return nil, fmt.Errorf("scoring: training %q: step %d has no ID: %w", t.ID, i+1, ErrInvalidTraining)
			}
			if _, dup := d.byID[s.ID]; dup {
				return nil, bad("duplicate step ID")
			}
			if s.RequiredScore < 0 || s.RequiredScore > 100 {
				return nil, bad("required score %d outside 0–100", s.RequiredScore)
			}
			n := len(d.steps)
			d.byID[s.ID] = n
			d.steps = append(d.steps, stepDef{Step: s, parent: parent, module: -1})
			idx = append(idx, n)
			switch s.Kind {
			case StepModule:
				if len(s.Steps) > 0 {
					return nil, bad("a module has no child steps")
				}
				if s.Keep != KeepBest && s.Keep != KeepNewest && s.Keep != KeepAll {
					return nil, fmt.Errorf("scoring: training %q: step %q: keep option %d: %w", t.ID, s.ID, int(s.Keep), ErrInvalidTraining)
				}
				sd := &d.steps[n]
				sd.module = d.modules
				d.modules++
				sd.actIndex = make(map[learnstats.ActivityID]int, len(s.Activities))
				for j, a := range s.Activities {
					if a.ID == "" {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %d has no ID: %w", t.ID, s.ID, j+1, ErrInvalidTraining)
					}
					if _, dup := sd.actIndex[a.ID]; dup {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %q: duplicate activity ID: %w", t.ID, s.ID, a.ID, ErrInvalidTraining)
					}
					if a.Max < 0 || a.Max > learnstats.MaxPoints {
						return nil, fmt.Errorf("scoring: training %q: step %q: activity %q: max score %s outside 0–%s: %w", t.ID, s.ID, a.ID, a.Max, learnstats.MaxPoints, learnstats.ErrInvalidPoints)
					}
					sd.actIndex[a.ID] = j
					// Both terms are ≤ MaxPoints = 10¹⁶: the sum cannot
					// overflow before the check.
					sd.maxSum += int64(a.Max)
					if sd.maxSum > int64(learnstats.MaxPoints) {
						return nil, fmt.Errorf("scoring: training %q: step %q: max scores add up to more than %s: %w", t.ID, s.ID, learnstats.MaxPoints, learnstats.ErrInvalidPoints)
					}
				}
			case StepCourse:
				if len(s.Activities) > 0 {
					return nil, bad("a course has no activities of its own")
				}
				ch, err := walk(s.Steps, n)
				if err != nil {
					return nil, err
				}
				d.steps[n].children = ch
			case StepLiveSession:
				if len(s.Activities) > 0 || len(s.Steps) > 0 {
					return nil, bad("a live session has no activities or child steps")
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
	d.top = top
	d.fingerprint = fingerprint(t, o)
	return d, nil
}

// cloneTraining returns a deep copy of t, so that a caller changing its
// slices afterwards cannot change an accumulator's definition.
func cloneTraining(t Training) Training {
	var clone func([]Step) []Step
	clone = func(steps []Step) []Step {
		if steps == nil {
			return nil
		}
		out := make([]Step, len(steps))
		for i, s := range steps {
			s.Activities = slices.Clone(s.Activities)
			s.Steps = clone(s.Steps)
			out[i] = s
		}
		return out
	}
	t.Steps = clone(t.Steps)
	return t
}

// fingerprint is a SHA-256 hash of the whole definition and options: two
// definitions have the same fingerprint exactly when every step, activity,
// max score, required score, mandatory flag, keep option, kind, name, order
// and option is the same, so Merge compares whole definitions, not their
// shape.
func fingerprint(t Training, o Options) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(v int64) { buf = binary.AppendVarint(buf, v) }
	str("learnstats/scoring definition v1")
	str(string(t.ID))
	str(t.Name)
	num(int64(o.AttemptCap))
	num(int64(b2i(o.ExcludeEmpty)))
	var steps func([]Step)
	steps = func(ss []Step) {
		num(int64(len(ss)))
		for _, s := range ss {
			str(string(s.ID))
			str(s.Name)
			num(int64(s.Kind))
			num(int64(b2i(s.Mandatory)))
			num(int64(s.RequiredScore))
			num(int64(s.Keep))
			num(int64(len(s.Activities)))
			for _, a := range s.Activities {
				str(string(a.ID))
				num(int64(a.Max))
			}
			steps(s.Steps)
		}
		h.Write(buf)
		buf = buf[:0]
	}
	steps(t.Steps)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// activity returns the index of the module's activity answered by ans,
// which is usually the i-th answer of an attempt given in the module's
// activity order.
func (s *stepDef) activity(i int, id learnstats.ActivityID) (int, bool) {
	if i < len(s.Activities) && s.Activities[i].ID == id {
		return i, true
	}
	j, ok := s.actIndex[id]
	return j, ok
}
