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
	// Attempts explains a module's attempts that exist at asOf, ordered by
	// start time, then attempt ID ([learnstats.CompareIDs]).
	Attempts []AttemptExplanation
	// Later counts a module's attempts left out because they start at or
	// after asOf (Rule S-15).
	Later int
	// Attendance is a live session's attendance record, when Attended or
	// marked absent.
	Attendance Attendance
	// Attended reports whether the learner attended the live session.
	Attended bool
}

// ActivityExplanation explains one activity of a module.
type ActivityExplanation struct {
	// Activity is the activity.
	Activity learnstats.ActivityID
	// Max is its max score.
	Max learnstats.Points
	// Scored reports whether the activity counts in attempt scores (max
	// score > 0, Rule S-1).
	Scored bool
	// Answered reports whether it has an answer in any attempt (Rule S-8).
	Answered bool
}

// AttemptExplanation explains one attempt at a module.
type AttemptExplanation struct {
	// Attempt is the attempt's ID.
	Attempt learnstats.AttemptID
	// Start is when the attempt started.
	Start time.Time
	// Finish is when it was finished; zero when it is unfinished at asOf.
	Finish time.Time
	// Points and Max are the attempt's points and the module's Σmax over
	// scored activities (Rule S-1).
	Points, Max learnstats.Points
	// Score is the attempt score when HasScore (Rules S-1, S-2).
	Score learnstats.Ratio
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

// Explain returns the explanation of one learner's result as of the
// accumulator's asOf (Rules S-14, S-15): the result
// [TrainingAccumulator.Result] gives, with every step, activity and
// attempt, counted or left out, and why. It returns an error wrapping
// [ErrUnknownLearner] for a learner never added.
func (acc *TrainingAccumulator) Explain(id learnstats.UserID) (Explanation, error) {
	if err := acc.ready(); err != nil {
		return Explanation{}, err
	}
	ls, ok := acc.learners[id]
	if !ok {
		return Explanation{}, fmt.Errorf("scoring: training %q: learner %q: %w", acc.def.training.ID, id, ErrUnknownLearner)
	}
	d, asOf := acc.def, acc.asOf
	var e evaluation
	res, _, _ := d.evaluate(ls, asOf, &e, make([]StepResult, len(d.steps)))
	ex := Explanation{Result: res, Options: d.opts, Steps: make([]StepExplanation, len(d.steps))}
	for i := range d.steps {
		s, r := &d.steps[i], res.Steps[i]
		se := StepExplanation{Result: r, RequiredScore: s.RequiredScore, Keep: s.Keep}
		switch {
		case s.parent >= 0:
			se.Why = "inside course " + strconv.Quote(string(r.Parent)) + ": counts in the course score (Rule S-7)"
		case !r.Mandatory:
			se.Why = "left out of the training score: not mandatory (Rule S-6)"
		case !r.HasScore && d.opts.ExcludeEmpty:
			se.Why = "left out of the training score: mandatory without a score, empty scores excluded (Rule S-6)"
		case !r.HasScore:
			se.InScore, se.Why = true, "counted as 0 in the training score: mandatory without a score (Rule S-6)"
		default:
			se.InScore, se.Why = true, "counted in the training score: mandatory (Rule S-6)"
		}
		switch s.Kind {
		case StepModule:
			explainModule(d, i, &e.aggs[s.module], ls, asOf, &se)
		case StepLiveSession:
			if at := ls.attendance(i, asOf); at != nil {
				se.Attended, se.Attendance = !at.Absent, *at
			}
		}
		ex.Steps[i] = se
	}
	return ex, nil
}

func explainModule(d *definition, step int, ag *moduleAgg, ls *learnerState, asOf time.Time, se *StepExplanation) {
	s := &d.steps[step]
	for j, a := range s.Activities {
		se.Activities = append(se.Activities, ActivityExplanation{
			Activity: a.ID, Max: a.Max, Scored: a.Max > 0, Answered: ag.answered.has(j),
		})
	}
	var sts []*attemptState
	for k := range ls.attempts {
		if st := &ls.attempts[k]; st.step == step && st.counted(asOf) {
			sts = append(sts, st)
		}
	}
	slices.SortFunc(sts, func(a, b *attemptState) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return learnstats.CompareIDs(a.id, b.id)
	})
	counted := ag.counted(s)
	keep := s.Keep.String()
	for _, st := range sts {
		ae := AttemptExplanation{
			Attempt: st.id, Start: st.start,
			Points: learnstats.Points(st.points), Max: learnstats.Points(s.maxSum),
			Answered: st.answered.count(), Activities: len(s.Activities),
		}
		if st.finished(asOf) {
			ae.Finish = st.finish
		}
		switch {
		case !st.finished(asOf) && !st.finish.IsZero():
			ae.Why = "left out: finished at or after asOf, unfinished then (Rules S-3, S-15)"
		case !st.finished(asOf):
			ae.Why = "left out: unfinished, no score (Rule S-3)"
		default:
			ae.Score, _ = attemptScore(s, st.points)
			ae.HasScore = true
			ae.Passed = attemptPassed(s, st, asOf)
			ae.TimeSpent = st.finish.Sub(st.start)
			if c := d.opts.AttemptCap; c > 0 && ae.TimeSpent > c {
				ae.TimeSpent, ae.Capped = c, true
			}
			ref := strconv.Quote(string(counted.id))
			switch {
			case st == counted && s.Keep == KeepNewest:
				ae.Counted, ae.Why = true, "counted: newest finished attempt (Rule S-3, keep newest)"
			case st == counted:
				ae.Counted, ae.Why = true, "counted: best score (Rule S-3, keep "+keep+")"
			case s.Keep == KeepNewest && st.finish.Equal(counted.finish):
				ae.Why = "left out: attempt " + ref + " finished at the same time and has the higher ID (Rule S-3, keep newest)"
			case s.Keep == KeepNewest:
				ae.Why = "left out: attempt " + ref + " finished later (Rule S-3, keep newest)"
			case st.points < counted.points:
				ae.Why = "left out: lower score than attempt " + ref + " (Rule S-3, keep " + keep + ")"
			case st.finish.Equal(counted.finish):
				ae.Why = "left out: same score as attempt " + ref + ", finished at the same time, which has the higher ID (Rule S-3, keep " + keep + ")"
			default:
				ae.Why = "left out: same score as attempt " + ref + ", which was finished first (Rule S-3, keep " + keep + ")"
			}
		}
		se.Attempts = append(se.Attempts, ae)
	}
	for k := range ls.attempts {
		if st := &ls.attempts[k]; st.step == step && !st.counted(asOf) {
			se.Later++
		}
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
			counted = append(counted, strconv.FormatInt(s.Result.Score.Int(), 10))
		}
	}
	switch {
	case !r.HasMandatory:
		b.WriteString("score: 0% (no mandatory step, Rule S-6)\n")
	case r.Counted == 0:
		b.WriteString("score: 0% (no mandatory step has a score, Rule S-6)\n")
	default:
		fmt.Fprintf(&b, "score: %s = (%s) / %d mandatory step%s (Rule S-6)\n", pct(r.Score), strings.Join(counted, " + "), r.Counted, plural(int64(r.Counted)))
	}
	fmt.Fprintf(&b, "progress: %s = %d of %d activities and mandatory sessions (Rule S-8)\n", pct(r.Progress), r.Answered, r.Activities)
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
		fmt.Fprintf(b, "score %s", pct(r.Score))
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
		case s.Attendance.Absent:
			fmt.Fprintf(b, "%smarked absent %s\n", ind, fmtTime(s.Attendance.At))
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
				fmt.Fprintf(b, " → %s (no scored activity, Rule S-2)", pct(a.Score))
			} else {
				fmt.Fprintf(b, " → %s", pct(a.Score))
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

// pct formats a percentage as its rounded integer and, when that is not
// exact, the exact value: "58% (exactly 57.5)", "100%", "33% (exactly
// 100/3)".
func pct(r learnstats.Ratio) string {
	n := strconv.FormatInt(r.Int(), 10)
	if e := r.String(); e != n {
		return n + "% (exactly " + e + ")"
	}
	return n + "%"
}
