package scoring

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// Explanation is the breakdown of one learner's result in one training
// (Rule S-14): for every step whether it entered the training score and
// why, and for a module every activity and attempt, counted or left out,
// and why. Print it with String; the text is stable (times in RFC 3339 in
// the records' own location, durations in Go's notation), so tests can
// compare it and support engineers can read it.
type Explanation struct {
	// Result is the learner's result being explained.
	Result TrainingResult
	// Options are the options the result was computed with.
	Options Options
	// Steps explains each step, in the order of Result.Steps.
	Steps []StepExplanation
}

// StepExplanation explains one step of an [Explanation].
type StepExplanation struct {
	// Result is the step's result.
	Result StepResult
	// RequiredScore is the step's required score (percent).
	RequiredScore int
	// Keep is a module's keep option (Rule S-3).
	Keep Keep
	// InScore reports whether the step entered the training score (Rule
	// S-6).
	InScore bool
	// Why says why the step entered the training score or was left out.
	Why string
	// Activities explains a module's activities, in definition order.
	Activities []ActivityExplanation
	// Attempts explains a module's attempts, ordered by start time, then
	// attempt ID ([CompareAttemptIDs]).
	Attempts []AttemptExplanation
	// Attendance is a live session's attendance record, when Attended.
	Attendance Attendance
	// Attended reports whether the learner attended the live session.
	Attended bool
}

// ActivityExplanation explains one activity of a module.
type ActivityExplanation struct {
	// Activity is the activity.
	Activity ActivityID
	// Max is its max score.
	Max Points
	// Scored reports whether the activity counts in attempt scores (max
	// score > 0, Rule S-1).
	Scored bool
	// Answered reports whether it has an answer in any attempt (Rule S-8).
	Answered bool
}

// AttemptExplanation explains one attempt at a module.
type AttemptExplanation struct {
	// Attempt is the attempt's ID.
	Attempt AttemptID
	// Start is when the attempt started.
	Start time.Time
	// Finish is when it was finished; zero when it is unfinished.
	Finish time.Time
	// Points and Max are the attempt's points and the module's Σmax over
	// scored activities (Rule S-1).
	Points, Max Points
	// Score is the attempt score when HasScore (Rules S-1, S-2).
	Score Percent
	// HasScore reports whether the attempt is finished and so has a score.
	HasScore bool
	// Answered and Activities count the module's activities answered in
	// the attempt and all of them (Rule S-4).
	Answered, Activities int
	// Passed reports Rule S-4.
	Passed bool
	// Counted reports whether this attempt gives the module score (Rule
	// S-3).
	Counted bool
	// Why says why the attempt was counted or left out.
	Why string
	// TimeSpent is the attempt's contribution to the step's time spent
	// (Rule S-11); 0 for an unfinished attempt.
	TimeSpent time.Duration
	// Capped reports that Options.AttemptCap shortened TimeSpent.
	Capped bool
}

// Explain returns the explanation of one learner's result (Rule S-14). It
// returns an error wrapping [ErrUnknownLearner] for a learner never added,
// or the training's validation error.
func (acc *TrainingAccumulator) Explain(id learnstats.UserID) (Explanation, error) {
	if err := acc.compile(); err != nil {
		return Explanation{}, err
	}
	li, ok := acc.index[id]
	if !ok {
		return Explanation{}, fmt.Errorf("scoring: training %q: learner %q: %w", acc.c.id, id, ErrUnknownLearner)
	}
	c, ls := acc.c, &acc.learners[li]
	var e evalScratch
	res := e.learner(acc, ls, make([]StepResult, len(c.steps)))
	ex := Explanation{Result: res, Options: acc.Options, Steps: make([]StepExplanation, len(c.steps))}
	isTop := make([]bool, len(c.steps))
	for _, i := range c.top {
		isTop[i] = true
	}
	for i := range c.steps {
		cs, ag, r := &c.steps[i], &e.agg[i], res.Steps[i]
		se := StepExplanation{Result: r, RequiredScore: cs.step.RequiredScore, Keep: cs.step.Keep}
		switch {
		case !isTop[i]:
			se.Why = "inside course " + strconv.Quote(string(r.Parent)) + ": counts in the course score (Rule S-7)"
		case !r.Mandatory:
			se.Why = "left out of the training score: not mandatory (Rule S-6)"
		case !r.HasScore && acc.Options.ExcludeEmpty:
			se.Why = "left out of the training score: mandatory without a score, empty scores excluded (Rule S-6)"
		case !r.HasScore:
			se.InScore, se.Why = true, "counted as 0 in the training score: mandatory without a score (Rule S-6)"
		default:
			se.InScore, se.Why = true, "counted in the training score: mandatory (Rule S-6)"
		}
		switch cs.step.Kind {
		case StepModule:
			explainModule(acc, cs, ag, ls, &se)
		case StepLiveSession:
			if ag.session >= 0 {
				se.Attended, se.Attendance = true, ls.sessions[ag.session].at
			}
		}
		ex.Steps[i] = se
	}
	return ex, nil
}

func explainModule(acc *TrainingAccumulator, cs *cstep, ag *stepAgg, ls *learnerState, se *StepExplanation) {
	c, opts := acc.c, acc.Options
	answered := make([]uint64, max(cs.nWords, 1))
	var idx []int
	for k := range ls.attempts {
		st := &ls.attempts[k]
		if &c.steps[st.step] != cs {
			continue
		}
		idx = append(idx, k)
		answered[0] |= st.bits
		for x, w := range ls.restWords(st, c) {
			answered[1+x] |= w
		}
	}
	for j, a := range cs.acts {
		se.Activities = append(se.Activities, ActivityExplanation{
			Activity: a.ID, Max: a.Max, Scored: a.Max > 0,
			Answered: answered[j>>6]&(1<<uint(j&63)) != 0,
		})
	}
	slices.SortFunc(idx, func(x, y int) int {
		a, b := &ls.attempts[x], &ls.attempts[y]
		if c := a.start.compare(b.start); c != 0 {
			return c
		}
		return CompareAttemptIDs(a.id, b.id)
	})
	counted := ag.best
	if cs.step.Keep == KeepNewest {
		counted = ag.newest
	}
	for _, k := range idx {
		st := &ls.attempts[k]
		ae := AttemptExplanation{
			Attempt: st.id, Start: acc.time(st.start), Finish: acc.time(st.finish),
			Points: Points(st.points), Max: Points(cs.maxSum),
			Answered: popcount(st.bits, ls.restWords(st, c)), Activities: len(cs.acts),
		}
		switch {
		case !st.finish.set:
			ae.Why = "left out: unfinished, no score (Rule S-3)"
		default:
			var score int
			ae.Score, score = attemptScore(cs, st)
			ae.HasScore = true
			ae.Passed = score >= cs.step.RequiredScore && ae.Answered == ae.Activities
			ae.TimeSpent = st.finish.sub(st.start)
			if opts.AttemptCap > 0 && ae.TimeSpent > opts.AttemptCap {
				ae.TimeSpent, ae.Capped = opts.AttemptCap, true
			}
			ref := &ls.attempts[counted]
			switch {
			case int32(k) == counted && cs.step.Keep == KeepNewest:
				ae.Counted, ae.Why = true, "counted: newest finished attempt (Rule S-3, keep newest)"
			case int32(k) == counted:
				ae.Counted, ae.Why = true, "counted: best score (Rule S-3, keep "+cs.step.Keep.String()+")"
			case cs.step.Keep == KeepNewest:
				ae.Why = "left out: attempt " + strconv.Quote(string(ref.id)) + " finished later (Rule S-3, keep newest)"
				if st.finish.equal(ref.finish) {
					ae.Why = "left out: attempt " + strconv.Quote(string(ref.id)) + " finished at the same time and has the higher ID (Rule S-3, keep newest)"
				}
			case st.points < ref.points:
				ae.Why = "left out: lower score than attempt " + strconv.Quote(string(ref.id)) + " (Rule S-3, keep " + cs.step.Keep.String() + ")"
			case st.finish.equal(ref.finish):
				ae.Why = "left out: same score as attempt " + strconv.Quote(string(ref.id)) + ", finished at the same time, which has the higher ID (Rule S-3, keep " + cs.step.Keep.String() + ")"
			default:
				ae.Why = "left out: same score as attempt " + strconv.Quote(string(ref.id)) + ", which was finished first (Rule S-3, keep " + cs.step.Keep.String() + ")"
			}
		}
		se.Attempts = append(se.Attempts, ae)
	}
}

// String formats the explanation as indented text, one fact per line.
func (e Explanation) String() string {
	var b strings.Builder
	r := e.Result
	fmt.Fprintf(&b, "learner %q, training %q\n", r.Learner, r.Training)
	var counted []string
	for _, s := range e.Steps {
		if s.InScore {
			counted = append(counted, strconv.Itoa(s.Result.Score.Int()))
		}
	}
	switch {
	case !r.HasMandatory:
		b.WriteString("score: 0% (no mandatory step, Rule S-6)\n")
	case r.Counted == 0:
		b.WriteString("score: 0% (no mandatory step has a score, Rule S-6)\n")
	default:
		fmt.Fprintf(&b, "score: %s = (%s) / %d mandatory step%s (Rule S-6)\n", r.Score, strings.Join(counted, " + "), r.Counted, plural(int64(r.Counted)))
	}
	fmt.Fprintf(&b, "progress: %s = %d of %d activities and mandatory sessions (Rule S-8)\n", r.Progress, r.Progress.Num, r.Progress.Den)
	switch {
	case r.Completed:
		fmt.Fprintf(&b, "completed: %s, every mandatory step completed (Rule S-10)\n", fmtTime(r.CompletedAt))
	case !r.HasMandatory:
		b.WriteString("completed: no, no mandatory step (Rule S-10)\n")
	default:
		fmt.Fprintf(&b, "completed: no, mandatory steps not completed: %s (Rule S-10)\n", e.mandatory(func(s StepResult) bool { return !s.Completed }))
	}
	switch {
	case r.Passed:
		b.WriteString("passed: yes, every mandatory step passed (Rule S-10)\n")
	case !r.HasMandatory:
		b.WriteString("passed: no, no mandatory step (Rule S-10)\n")
	default:
		fmt.Fprintf(&b, "passed: no, mandatory steps not passed: %s (Rule S-10)\n", e.mandatory(func(s StepResult) bool { return s.Status != StatusPassed }))
	}
	fmt.Fprintf(&b, "time spent: %s (Rule S-11", r.TimeSpent)
	if e.Options.AttemptCap > 0 {
		fmt.Fprintf(&b, ", each attempt capped at %s", e.Options.AttemptCap)
	}
	b.WriteString(")\n")
	for _, s := range e.Steps {
		s.write(&b)
	}
	return b.String()
}

// mandatory lists the quoted IDs of the top-level mandatory steps for
// which f is true.
func (e Explanation) mandatory(f func(StepResult) bool) string {
	var ids []string
	for _, s := range e.Result.Steps {
		if s.Parent == "" && s.Mandatory && f(s) {
			ids = append(ids, strconv.Quote(string(s.Step)))
		}
	}
	return strings.Join(ids, ", ")
}

func (s StepExplanation) write(b *strings.Builder) {
	r := s.Result
	ind := "  "
	if r.Parent != "" {
		ind = "    "
	}
	fmt.Fprintf(b, "%sstep %q (%s", ind, r.Step, r.Kind)
	if r.Mandatory {
		b.WriteString(", mandatory")
	} else {
		b.WriteString(", optional")
	}
	fmt.Fprintf(b, ", required %d%%", s.RequiredScore)
	if r.Kind == StepModule {
		fmt.Fprintf(b, ", keep %s", s.Keep)
	}
	b.WriteString("): ")
	if r.HasScore {
		fmt.Fprintf(b, "score %s", r.Score)
	} else {
		b.WriteString("no score")
	}
	fmt.Fprintf(b, ", %s", r.Status)
	if r.Completed {
		fmt.Fprintf(b, ", completed %s", fmtTime(r.CompletedAt))
	}
	fmt.Fprintf(b, ", %d of %d answered, time %s\n", r.Answered, r.Activities, r.TimeSpent)
	ind += "  "
	fmt.Fprintf(b, "%s%s\n", ind, s.Why)
	switch r.Kind {
	case StepCourse:
		fmt.Fprintf(b, "%scourse score: mean of every child step's score, no score counts 0 (Rule S-7)\n", ind)
	case StepLiveSession:
		switch {
		case !s.Attended:
			fmt.Fprintf(b, "%snot attended\n", ind)
		case s.Attendance.HasScore:
			fmt.Fprintf(b, "%sattended %s, trainer's score %d%%\n", ind, fmtTime(s.Attendance.At), s.Attendance.Score)
		default:
			fmt.Fprintf(b, "%sattended %s, no trainer's score: 100%%\n", ind, fmtTime(s.Attendance.At))
		}
	}
	for _, a := range s.Activities {
		fmt.Fprintf(b, "%sactivity %q max %s: ", ind, a.Activity, a.Max)
		if a.Scored {
			b.WriteString("scored")
		} else {
			b.WriteString("not scored, max score 0 (Rule S-1)")
		}
		if a.Answered {
			b.WriteString(", answered\n")
		} else {
			b.WriteString(", never answered\n")
		}
	}
	for _, a := range s.Attempts {
		fmt.Fprintf(b, "%sattempt %q %s → ", ind, a.Attempt, fmtTime(a.Start))
		if a.Finish.IsZero() {
			b.WriteString("unfinished")
		} else {
			b.WriteString(fmtTime(a.Finish))
		}
		fmt.Fprintf(b, ": %s/%s points", a.Points, a.Max)
		if a.HasScore {
			if a.Max == 0 {
				fmt.Fprintf(b, " → %s (no scored activity, Rule S-2)", a.Score)
			} else {
				fmt.Fprintf(b, " → %s", a.Score)
			}
		}
		fmt.Fprintf(b, ", %d of %d answered", a.Answered, a.Activities)
		if a.HasScore {
			if a.Passed {
				b.WriteString(", passed")
			} else {
				b.WriteString(", not passed")
			}
			fmt.Fprintf(b, ", time %s", a.TimeSpent)
			if a.Capped {
				b.WriteString(" (capped)")
			}
		}
		fmt.Fprintf(b, "; %s\n", a.Why)
	}
}

func fmtTime(t time.Time) string { return t.Format(time.RFC3339) }
