package dashboard_test

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

func TestD5_TrainingContent(t *testing.T) {
	asOf := at(t, "2026-11-22T12:00:00+01:00")
	step := func(id learnstats.StepID, name string, required int) scoring.Step {
		s := module(id, true, required)
		s.Name = name
		return s
	}
	t1 := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{step("s0", "Also first", 0), step("s1", "Intro", 70), step("s2", "Quiz", 0)}}
	t2 := scoring.Training{ID: "t2", Name: "Safety", Steps: []scoring.Step{step("s1", "Only step", 0)}}
	regs := []reg{{"u1", dashBeforeCutoff}, {"u2", dashBeforeCutoff}, {"u3", dashBeforeCutoff}, {"u4", dashBeforeCutoff},
		{"u5", asOf}} // not a member yet
	start := dashBeforeCutoff.Add(time.Hour)
	res := score(t, t1, asOf, regs, []learnstats.Attempt{
		attempt("1", "u1", "s1", start, start.Add(10*time.Minute), 80),
		attempt("2", "u2", "s1", start, start.Add(20*time.Minute), 65),              // below the required 70
		attempt("3", "u2", "s1", start, start.Add(5*time.Minute+time.Second/2), 60), // also failed
		attempt("4", "u2", "s1", start, asOf, 90),                                   // would pass, finishes at asOf: not yet (S-15)
		attempt("5", "u3", "s1", start, time.Time{}, 0),                             // started, no score
		attempt("6", "u1", "s2", start, start.Add(time.Second), 100),
		attempt("7", "u2", "s2", start, start.Add(2*time.Second), 0), // completed with score 0 ≥ required 0
		attempt("8", "u5", "s1", start, start.Add(time.Hour), 100),   // not a member
	}, nil)
	got := must(dashboard.TrainingContent(asOf, training(res)))
	want := dashboard.Content{Training: "t1", Name: "Safety", Members: 4, NotRegisteredYet: 1, Steps: []dashboard.StepContent{
		{Step: "s0", Name: "Also first", Position: 1, Completion: ratio(0, 4)},
		{Step: "s1", Name: "Intro", Position: 2, Completed: 1, Completion: ratio(100, 4),
			Scored: 2, AvgScore: ratio(145, 2), Started: 3, TimeSpent: 35*time.Minute + 500*time.Millisecond,
			// 35 min 0.5 s / 3 = 11 min 40.1666… s → 11:40.
			AvgTimeSpent: 11*time.Minute + 40*time.Second},
		{Step: "s2", Name: "Quiz", Position: 3, Completed: 2, Completion: ratio(200, 4),
			Scored: 2, AvgScore: ratio(50, 1), Started: 2, TimeSpent: 3 * time.Second,
			// 1.5 s rounds half away from zero to 2 s.
			AvgTimeSpent: 2 * time.Second},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	// Zero members: the step is listed with no completion value.
	empty := must(dashboard.TrainingContent(asOf, training(score(t, t2, asOf, nil, nil, nil))))
	wantEmpty := dashboard.Content{Training: "t2", Name: "Safety", Steps: []dashboard.StepContent{{Step: "s1", Name: "Only step", Position: 1}}}
	if diff := cmp.Diff(wantEmpty, empty); diff != "" {
		t.Errorf("zero members (-want +got):\n%s", diff)
	}
	if empty.Steps[0].Completion.Valid() || empty.Steps[0].AvgScore.Valid() {
		t.Errorf("zero members: completion %v and score %v, want no value", empty.Steps[0].Completion, empty.Steps[0].AvgScore)
	}
	// A training without steps: an empty list.
	none := must(dashboard.TrainingContent(asOf, training(score(t, scoring.Training{ID: "t3"}, asOf, regs, nil, nil))))
	if none.Steps == nil || len(none.Steps) != 0 || none.Members != 4 {
		t.Errorf("no steps: %+v", none)
	}
}

// TestD5_StepsInTrainingOrder: every step is listed, courses' children
// included, a course before its children, positions 1-based in that order;
// a course's figures are its own (S-7: the mean of its children's scores).
func TestD5_StepsInTrainingOrder(t *testing.T) {
	asOf := at(t, "2026-11-22T12:00:00+01:00")
	def := scoring.Training{ID: "t", Name: "Path", Steps: []scoring.Step{
		{ID: "c", Name: "Course", Kind: scoring.StepCourse, Mandatory: true, Steps: []scoring.Step{module("m1", false, 50), module("m2", false, 50)}},
		{ID: "ls", Name: "Meeting", Kind: scoring.StepLiveSession, Mandatory: true},
		module("m0", false, 0),
	}}
	start := asOf.AddDate(0, 0, -3)
	res := score(t, def, asOf, []reg{{"u1", dashBeforeCutoff}, {"u2", dashBeforeCutoff}},
		[]learnstats.Attempt{
			attempt("1", "u1", "m1", start, start.Add(time.Minute), 90),
			attempt("2", "u1", "m2", start, start.Add(2*time.Minute), 61),
			attempt("3", "u2", "m1", start, start.Add(4*time.Minute), 20),
		}, []scoring.Attendance{{Learner: "u2", Step: "ls", At: start}})
	got := must(dashboard.TrainingContent(asOf, training(res)))
	want := []dashboard.StepContent{
		// u1: (90 + 61) / 2 = 75.5 → 76; u2: (20 + 0) / 2 = 10. Completed by
		// u1 only (u2 failed m1 and did not try m2).
		{Step: "c", Name: "Course", Kind: scoring.StepCourse, Position: 1, Completed: 1, Completion: ratio(100, 2),
			Scored: 2, AvgScore: ratio(86, 2), Started: 2, TimeSpent: 7 * time.Minute, AvgTimeSpent: 210 * time.Second},
		{Step: "m1", Name: "module m1", Kind: scoring.StepModule, Position: 2, Completed: 1, Completion: ratio(100, 2),
			Scored: 2, AvgScore: ratio(110, 2), Started: 2, TimeSpent: 5 * time.Minute, AvgTimeSpent: 150 * time.Second},
		{Step: "m2", Name: "module m2", Kind: scoring.StepModule, Position: 3, Completed: 1, Completion: ratio(100, 2),
			Scored: 1, AvgScore: ratio(61, 1), Started: 1, TimeSpent: 2 * time.Minute, AvgTimeSpent: 2 * time.Minute},
		{Step: "ls", Name: "Meeting", Kind: scoring.StepLiveSession, Position: 4, Completed: 1, Completion: ratio(100, 2),
			Scored: 1, AvgScore: ratio(100, 1), Started: 1},
		{Step: "m0", Name: "module m0", Kind: scoring.StepModule, Position: 5, Completion: ratio(0, 2)},
	}
	if diff := cmp.Diff(want, got.Steps); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

// TestD5_Boundaries: an attempt finishing 1 ns before asOf (across the
// DST change) completes the step and counts its time; one finishing at
// asOf has started the step but counts no time and no completion (S-15);
// one starting at asOf does not exist yet.
func TestD5_Boundaries(t *testing.T) {
	asOf := dstAsOf(t)
	def := scoring.Training{ID: "t", Steps: []scoring.Step{module("m", true, 50)}}
	start := asOf.Add(-time.Hour)
	for _, tt := range []struct {
		name, reason               string
		a                          learnstats.Attempt
		started, completed, scored int
		spent                      time.Duration
	}{
		{"finished 1 ns before asOf", "01:59:59.999999999 CET: finished and passed", attempt("1", "u", "m", start, asOf.Add(-time.Nanosecond), 80), 1, 1, 1, time.Hour - time.Nanosecond},
		{"finished at asOf", "unfinished at asOf: started, no time, no score", attempt("1", "u", "m", start, asOf, 80), 1, 0, 0, 0},
		{"started 1 ns before asOf", "started, unfinished", attempt("1", "u", "m", asOf.Add(-time.Nanosecond), time.Time{}, 80), 1, 0, 0, 0},
		{"started at asOf", "left out (S-15): not started", attempt("1", "u", "m", asOf, asOf.Add(time.Minute), 80), 0, 0, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := score(t, def, asOf, []reg{{"u", asOf.AddDate(0, -1, 0)}}, []learnstats.Attempt{tt.a}, nil)
			s := must(dashboard.TrainingContent(asOf, training(res))).Steps[0]
			if s.Started != tt.started || s.Completed != tt.completed || s.Scored != tt.scored || s.TimeSpent != tt.spent {
				t.Errorf("%s: %+v; want started %d, completed %d, scored %d, time %s", tt.reason, s, tt.started, tt.completed, tt.scored, tt.spent)
			}
		})
	}
}

// TestTrap2_D5_TimeOverflow (issue 9, trap 2): the D-5 time sum over a
// step's members, and an average within half a second of the largest
// Duration (which rounds up past it), are errors naming the step, not
// wrapped-around times.
func TestTrap2_D5_TimeOverflow(t *testing.T) {
	halfPlus := time.Duration(math.MaxInt64/2 + 1) // 146 years: twice overflows
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	asOf := time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	def := scoring.Training{ID: "t", Steps: []scoring.Step{module("s", true, 0)}}
	for _, tt := range []struct {
		name, reason string
		times        []time.Duration
	}{
		{"sum", "two members of 146 years each", []time.Duration{halfPlus, halfPlus}},
		{"average", "one member at the largest Duration: 9223372036.85 s rounds to a second more", []time.Duration{math.MaxInt64}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var regs []reg
			var attempts []learnstats.Attempt
			for i, d := range tt.times {
				u := learnstats.UserID("u" + strconv.Itoa(i))
				regs = append(regs, reg{u, start.Add(-time.Hour)})
				attempts = append(attempts, attempt("1", u, "s", start, start.Add(d), 100))
			}
			_, err := dashboard.TrainingContent(asOf, training(score(t, def, asOf, regs, attempts, nil)))
			wantOverflow(t, tt.reason, err, `step "s"`)
		})
	}
	// The largest sum that fits: 2 × (MaxInt64 / 2) ns.
	half := time.Duration(math.MaxInt64 / 2)
	res := score(t, def, asOf, []reg{{"u0", start}, {"u1", start}},
		[]learnstats.Attempt{attempt("1", "u0", "s", start, start.Add(half), 100), attempt("1", "u1", "s", start, start.Add(half), 100)}, nil)
	s := must(dashboard.TrainingContent(asOf, training(res))).Steps[0]
	if s.TimeSpent != 2*half || s.AvgTimeSpent != (half+time.Second/2)/time.Second*time.Second {
		t.Errorf("the largest sum: %+v", s)
	}
}
