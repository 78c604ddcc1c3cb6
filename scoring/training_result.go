package scoring

import (
	"time"

	"github.com/learnstats/learnstats"
)

// evaluation is the working memory of one learner's evaluation, reused
// from one learner to the next.
type evaluation struct {
	aggs []moduleAgg // per module step
	ints []int       // each step's integer score (0 without a score)
}

// evaluate computes one learner's result as of asOf into steps (one entry
// per step of the definition, in pre-order), and returns it with the
// number of the learner's attempts and attendances asOf leaves out (Rule
// S-15). e.aggs keeps the modules' aggregates for an explanation.
func (d *definition) evaluate(ls *learnerState, asOf time.Time, e *evaluation, steps []StepResult) (r TrainingResult, laterAttempts, laterAttendances int) {
	e.aggs = resize(e.aggs, d.modules)
	clear(e.aggs)
	e.ints = resize(e.ints, len(d.steps))
	started := false
	for k := range ls.attempts {
		st := &ls.attempts[k]
		if !st.counted(asOf) {
			laterAttempts++
			continue
		}
		started = true
		s := &d.steps[st.step]
		e.aggs[s.module].add(s, d.opts, st, asOf)
	}
	for k := range ls.attended {
		switch a := &ls.attended[k]; {
		case !attendedBy(a.At, asOf):
			laterAttendances++
		case !a.Absent:
			started = true // Rule S-16: an absence is no attendance.
		}
	}
	// Children follow their course in pre-order: evaluate backwards, so
	// that a course finds its children done.
	for i := len(d.steps) - 1; i >= 0; i-- {
		s := &d.steps[i]
		sr := &steps[i]
		*sr = StepResult{Step: s.ID, Kind: s.Kind, Mandatory: s.Mandatory}
		if s.parent >= 0 {
			sr.Parent = d.steps[s.parent].ID
		}
		switch s.Kind {
		case StepModule:
			e.ints[i] = evalModule(s, &e.aggs[s.module], asOf, sr)
		case StepLiveSession:
			if s.Mandatory {
				sr.Activities = 1 // Rule S-8: one per mandatory live session.
			}
			e.ints[i] = evalSession(s, ls.attendance(i, asOf), sr)
		case StepCourse:
			e.ints[i] = evalCourse(s, steps, e.ints, sr)
		}
	}
	r = d.trainingResult(ls.id, steps, e.ints)
	r.RegisteredAt = ls.registeredAt
	r.Status = trainingStatus(r, started)
	return r, laterAttempts, laterAttendances
}

// trainingResult computes the training figures from the step results:
// Rules S-6, S-8, S-10 and S-11 over the top-level steps.
func (d *definition) trainingResult(learner learnstats.UserID, steps []StepResult, ints []int) TrainingResult {
	r := TrainingResult{Learner: learner, Training: d.training.ID, Steps: steps}
	var sum int64
	allDone, allPassed := true, true
	for _, i := range d.top {
		s := &steps[i]
		r.Answered += s.Answered
		r.Activities += s.Activities
		r.TimeSpent += s.TimeSpent // Rule S-11: Σ over the steps.
		if !s.Mandatory {
			continue // Rule S-6: only mandatory steps count.
		}
		r.HasMandatory = true
		allDone = allDone && s.Completed
		allPassed = allPassed && s.Status == StatusPassed
		if !s.HasScore && d.opts.ExcludeEmpty {
			continue // Rule S-6 option: exclude empty grades.
		}
		sum += int64(ints[i]) // Rule S-6: each step an integer percent, none = 0.
		r.Counted++
	}
	if r.Counted > 0 {
		r.Score = learnstats.NewRatio(sum, int64(r.Counted))
	} else {
		r.Score = learnstats.NewRatio(0, 1)
	}
	// Rule S-8: answered over total, every module (optional ones
	// included) and every mandatory live session; 0 with nothing to count.
	r.Progress = learnstats.NewRatio(0, 1)
	if r.Activities > 0 {
		r.Progress = learnstats.NewRatio(100*int64(r.Answered), int64(r.Activities))
	}
	// Rule S-10: completed when every mandatory step is, on the latest
	// completion date over all steps (the first in training order wins a
	// tie); no mandatory step, never completed.
	if r.HasMandatory && allDone {
		r.Completed = true
		have := false
		for j := range steps {
			if steps[j].Completed && (!have || steps[j].CompletedAt.After(r.CompletedAt)) {
				r.CompletedAt, have = steps[j].CompletedAt, true
			}
		}
	}
	r.Passed = r.HasMandatory && allPassed
	return r
}

// trainingStatus is Rule S-16: Not started without any record counted;
// Completed (Passed when every mandatory step passed) per Rule S-10;
// Failed when some mandatory step failed (Rule S-9) and the training is not
// completed; otherwise In progress.
func trainingStatus(r TrainingResult, started bool) TrainingStatus {
	switch {
	case !started:
		return TrainingNotStarted
	case r.Completed && r.Passed:
		return TrainingPassed
	case r.Completed:
		return TrainingCompleted
	}
	for _, s := range r.Steps {
		if s.Parent == "" && s.Mandatory && s.Status == StatusFailed {
			return TrainingFailed
		}
	}
	return TrainingInProgress
}

// resize returns s with length n, reusing its memory when it is large
// enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
