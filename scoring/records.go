package scoring

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Attendance records a learner's presence at a live session step: attended,
// or expected and marked absent. A session without an attendance record is
// not attended.
type Attendance struct {
	// Learner is the learner who attended.
	Learner learnstats.UserID
	// Step is the live session step.
	Step learnstats.StepID
	// At is when the attendance was recorded; it is the session's
	// completion date (Rule S-10). An attendance at or after asOf is left
	// out of a result as of asOf, and counted (Rule S-15).
	At time.Time
	// Score is the trainer-given score in percent 0–100, used when
	// HasScore is true. An attended session without a score scores 100,
	// as a module without scored activity does (Rule S-2).
	Score int
	// HasScore says whether Score was given.
	HasScore bool
	// Absent records that the learner was expected and marked absent: the
	// session is not attended (pending, no score, Rule S-9), but the
	// learner has started the step (StepResult.Started: the training
	// content dashboard averages its time over them, D-5). An absence
	// carries no score.
	Absent bool
}

// attemptState is what the accumulator keeps of one attempt: its answers
// folded into a points sum and the set of answered activities, so memory
// grows with attempts, not answers.
type attemptState struct {
	id            learnstats.AttemptID
	step          int // index of the module step in the definition
	start, finish time.Time
	points        int64 // Σ points of the answers, ≤ the module's Σmax
	answered      bitset
}

// attempt checks a against the definition and folds its answers. The
// error names the attempt and wraps [learnstats.ErrInvalidRecord] or
// [learnstats.ErrInvalidPoints].
func (d *definition) attempt(a learnstats.Attempt) (attemptState, error) {
	if err := a.Validate(); err != nil {
		return attemptState{}, fmt.Errorf("scoring: training %q: %w", d.training.ID, err)
	}
	i, ok := d.byID[a.Step]
	if !ok || d.steps[i].Kind != StepModule {
		return attemptState{}, fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q is not a module of the training: %w", d.training.ID, a.Learner, a.ID, a.Step, learnstats.ErrInvalidRecord)
	}
	if _, ok := checked.Span(a.Start, a.Finish); !ok && !a.Finish.IsZero() {
		return attemptState{}, fmt.Errorf("scoring: training %q: learner %q: attempt %q: lasts longer than a time.Duration holds (about 292 years): %w", d.training.ID, a.Learner, a.ID, learnstats.ErrOverflow)
	}
	s := &d.steps[i]
	st := attemptState{id: a.ID, step: i, start: a.Start, finish: a.Finish}
	for k, ans := range a.Answers {
		j, ok := s.activity(k, ans.Activity)
		if !ok {
			return attemptState{}, fmt.Errorf("scoring: training %q: learner %q: attempt %q: step %q has no activity %q: %w", d.training.ID, a.Learner, a.ID, a.Step, ans.Activity, learnstats.ErrInvalidRecord)
		}
		if max := s.Activities[j].Max; ans.Points > max {
			return attemptState{}, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q: points %s outside 0–%s: %w", d.training.ID, a.Learner, a.ID, ans.Activity, ans.Points, max, learnstats.ErrInvalidPoints)
		}
		if st.answered.has(j) {
			return attemptState{}, fmt.Errorf("scoring: training %q: learner %q: attempt %q: activity %q answered twice: %w", d.training.ID, a.Learner, a.ID, ans.Activity, learnstats.ErrInvalidRecord)
		}
		st.answered.set(j)
		// Distinct activities, each at most its max: the sum stays ≤ the
		// module's Σmax ≤ MaxPoints.
		st.points += int64(ans.Points)
	}
	return st, nil
}

// combine adds the answers of o, the same attempt added again (answers
// streamed row by row, or spread over shards), to st. The start and finish
// must be the same, and no activity may be answered in both.
func (st *attemptState) combine(o attemptState) error {
	if !st.start.Equal(o.start) || !st.finish.Equal(o.finish) {
		return fmt.Errorf("attempt %q: added again with another start or finish: %w", st.id, learnstats.ErrInvalidRecord)
	}
	if st.answered.intersects(o.answered) {
		return fmt.Errorf("attempt %q: an activity answered twice across additions: %w", st.id, learnstats.ErrInvalidRecord)
	}
	st.answered.union(o.answered)
	st.points += o.points
	return nil
}

// attendance checks at against the definition.
func (d *definition) attendance(at Attendance) (int, error) {
	if at.Learner == "" {
		return 0, fmt.Errorf("scoring: training %q: attendance at step %q: missing learner: %w", d.training.ID, at.Step, learnstats.ErrInvalidRecord)
	}
	i, ok := d.byID[at.Step]
	if !ok || d.steps[i].Kind != StepLiveSession {
		return 0, fmt.Errorf("scoring: training %q: learner %q: attendance: step %q is not a live session of the training: %w", d.training.ID, at.Learner, at.Step, learnstats.ErrInvalidRecord)
	}
	if at.At.IsZero() {
		return 0, fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: no time: %w", d.training.ID, at.Learner, at.Step, learnstats.ErrInvalidRecord)
	}
	if at.Absent && at.HasScore {
		return 0, fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: absent with a score: %w", d.training.ID, at.Learner, at.Step, learnstats.ErrInvalidRecord)
	}
	if at.HasScore && (at.Score < 0 || at.Score > 100) {
		return 0, fmt.Errorf("scoring: training %q: learner %q: attendance at step %q: score %d outside 0–100: %w", d.training.ID, at.Learner, at.Step, at.Score, learnstats.ErrInvalidRecord)
	}
	return i, nil
}

// sameAttendance reports whether two records of the learner's attendance
// at one session say the same thing (adding it twice is harmless).
func sameAttendance(a, b Attendance) bool {
	return a.At.Equal(b.At) && a.Absent == b.Absent && a.HasScore == b.HasScore && (!a.HasScore || a.Score == b.Score)
}
