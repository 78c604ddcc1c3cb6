package dashboard_test

import (
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

func ratio(num, den int64) learnstats.Ratio { return learnstats.NewRatio(num, den) }

// TestD2_Ratios: the dashboards' means and shares are exact
// learnstats.Ratio values (the old package's DashboardRatio), rounded half
// away from zero only where a dashboard shows a number (SPEC section 0).
func TestD2_Ratios(t *testing.T) {
	tests := []struct {
		name, reason string
		q            learnstats.Ratio
		round        int64
		dec2         string
	}{
		{"23 of 40", "57.5 rounds half away from zero to 58 (SPEC section 0)", ratio(2300, 40), 58, "57.50"},
		{"two thirds", "66.666… rounds to 67 and 66.67", ratio(200, 3), 67, "66.67"},
		{"just below half", "57.4999 rounds down", ratio(574999, 10000), 57, "57.50"},
		{"no value", "a mean over nobody is no value, shown as 0", learnstats.Ratio{}, 0, "0.00"},
		{"zero divisor", "den 0 is no value, not a panic", ratio(5, 0), 0, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Int(); got != tt.round {
				t.Errorf("Int() = %d, want %d (%s)", got, tt.round, tt.reason)
			}
			if got := tt.q.Decimal(2).StringFixed(2); got != tt.dec2 {
				t.Errorf("Decimal(2) = %s, want %s (%s)", got, tt.dec2, tt.reason)
			}
		})
	}
	if !ratio(1, 2).Equal(ratio(5, 10)) {
		t.Error("1/2 != 5/10")
	}
	if ratio(1, 2).Equal(learnstats.Ratio{}) || !(learnstats.Ratio{}).Equal(learnstats.Ratio{}) {
		t.Error("Equal of no value is wrong")
	}
	if got := ratio(1, 3).Rat(); got.Cmp(big.NewRat(1, 3)) != 0 {
		t.Errorf("Rat() = %v", got)
	}
	if got := ratio(2300, 40).Decimal(-2).StringFixed(0); got != "58" {
		t.Errorf("Decimal(-2) = %s, want 58 (negative places count as 0)", got)
	}
}

// catalogue returns the D-2 test trainings t1 "Safety", t2 "Safety" and t3
// "Onboarding" at dashCutoff, each learner's facts in the training they
// name.
func catalogue(t *testing.T, facts map[learnstats.TrainingID][]fact, certs map[learnstats.TrainingID][]certificates.Certificate) []dashboard.Training {
	t.Helper()
	var out []dashboard.Training
	for _, c := range []struct {
		id   learnstats.TrainingID
		name string
	}{{"t1", "Safety"}, {"t2", "Safety"}, {"t3", "Onboarding"}} {
		out = append(out, training(progressResults(t, c.id, c.name, dashCutoff, facts[c.id]...), certs[c.id]...))
	}
	return out
}

func TestD2_TrainingProgress(t *testing.T) {
	done := func(u learnstats.UserID, at time.Time) fact { return fact{user: u, progress: 100, completed: at} }
	expiring := func(id certificates.ID, u learnstats.UserID, exp time.Time) certificates.Certificate {
		return cert(id, u, dashBeforeCutoff, exp)
	}
	tests := []struct {
		name, reason string
		facts        map[learnstats.TrainingID][]fact
		certs        map[learnstats.TrainingID][]certificates.Certificate
		want         []dashboard.TrainingProgress
		global       dashboard.GlobalProgress
	}{
		{
			name:   "zero members",
			reason: "every training is listed; without learners it has no figure and stays out of the global mean",
			want: []dashboard.TrainingProgress{
				{Training: "t3", Name: "Onboarding"}, {Training: "t1", Name: "Safety"}, {Training: "t2", Name: "Safety"},
			},
			global: dashboard.GlobalProgress{TrainingsWithoutLearners: 3},
		},
		{
			name:   "equal names stay separate, global is the unweighted mean",
			reason: "t1 and t2 are both named Safety but keyed by ID; global = mean of per-training figures, not of learners",
			facts: map[learnstats.TrainingID][]fact{
				"t1": {done("u1", dashCutoff.Add(-time.Hour))},
				"t2": {{user: "u1", progress: 50}, {user: "u2"}, {user: "u3", progress: 25}},
			},
			want: []dashboard.TrainingProgress{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 1, Completed: 1, Progress: ratio(100, 1), Completion: ratio(100, 1)},
				{Training: "t2", Name: "Safety", Learners: 3, Progress: ratio(75, 3), Completion: ratio(0, 3)},
			},
			// (100 + 25) / 2 = 62.5 and (100 + 0) / 2 = 50; a learner-weighted
			// mean would give 43.75 and 25.
			global: dashboard.GlobalProgress{Progress: ratio(125, 2), Completion: ratio(50, 1), Trainings: 2, TrainingsWithoutLearners: 1},
		},
		{
			name:   "expired certificate",
			reason: "an expired learner stays in the denominator with 0 progress and not completed, even though completed; expiry exactly at the cutoff is expired, 1 ns after is not",
			facts: map[learnstats.TrainingID][]fact{
				"t3": {done("u1", dashBeforeCutoff), done("u2", dashBeforeCutoff), done("u3", dashBeforeCutoff), {user: "u4", progress: 40}},
			},
			certs: map[learnstats.TrainingID][]certificates.Certificate{
				"t3": {expiring("c1", "u1", dashCutoff), expiring("c2", "u2", dashCutoff.Add(time.Nanosecond)), expiring("c3", "u3", dashCutoff.Add(-time.Hour))},
			},
			want: []dashboard.TrainingProgress{
				{Training: "t3", Name: "Onboarding", Learners: 4, Completed: 1, Expired: 2, Progress: ratio(140, 4), Completion: ratio(100, 4)},
				{Training: "t1", Name: "Safety"}, {Training: "t2", Name: "Safety"},
			},
			global: dashboard.GlobalProgress{Progress: ratio(35, 1), Completion: ratio(25, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
		{
			name:   "cutoff boundaries",
			reason: "registered at the cutoff is not yet a learner; completed at the cutoff is not completed before it (S-15: the attempt is unfinished, its answers count); 1 ns earlier both count",
			facts: map[learnstats.TrainingID][]fact{
				"t1": {
					{user: "u1", progress: 100, registered: dashCutoff},
					{user: "u2", progress: 100, registered: dashCutoff.Add(-time.Nanosecond), completed: dashCutoff},
					done("u3", dashCutoff.Add(-time.Nanosecond)),
				},
			},
			want: []dashboard.TrainingProgress{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 2, Completed: 1, NotRegisteredYet: 1, Progress: ratio(200, 2), Completion: ratio(100, 2)},
				{Training: "t2", Name: "Safety"},
			},
			global: dashboard.GlobalProgress{Progress: ratio(100, 1), Completion: ratio(50, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
		{
			name:   "exact progress and rounding",
			reason: "S-8 progress values 57 and 58 average to 57.5 exactly, shown as 58",
			facts:  map[learnstats.TrainingID][]fact{"t1": {{user: "u1", progress: 57}, {user: "u2", progress: 58}}},
			want: []dashboard.TrainingProgress{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 2, Progress: ratio(115, 2), Completion: ratio(0, 1)},
				{Training: "t2", Name: "Safety"},
			},
			global: dashboard.GlobalProgress{Progress: ratio(115, 2), Completion: ratio(0, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := must(dashboard.Progress(dashCutoff, catalogue(t, tt.facts, tt.certs)))
			if diff := cmp.Diff(tt.want, got.Trainings); diff != "" {
				t.Errorf("trainings (-want +got) (%s):\n%s", tt.reason, diff)
			}
			if diff := cmp.Diff(tt.global, got.Global); diff != "" {
				t.Errorf("global (-want +got) (%s):\n%s", tt.reason, diff)
			}
			if got.OutsideClass != 0 || got.ClassMembersWithoutRecord != 0 {
				t.Errorf("class counts without a class: %+v", got)
			}
		})
	}
	// The 57.5 case, shown as an integer.
	got := must(dashboard.Progress(dashCutoff, []dashboard.Training{training(progressResults(t, "t1", "", dashCutoff, fact{user: "u1", progress: 57}, fact{user: "u2", progress: 58}))}))
	if r := got.Trainings[0].Progress.Int(); r != 58 {
		t.Errorf("57.5 rounds to %d, want 58", r)
	}
	// No training at all: an empty list, no global figure.
	if diff := cmp.Diff(dashboard.ProgressReport{Trainings: []dashboard.TrainingProgress{}}, must(dashboard.Progress(dashCutoff, nil))); diff != "" {
		t.Errorf("no training (-want +got):\n%s", diff)
	}
}

// TestD2_ProgressPerLearnerIsTheShownInteger: each learner's progress
// enters the mean as the integer percent S-8 shows (4 of 7 activities is
// 57.14…, shown 57), not as the exact fraction.
func TestD2_ProgressPerLearnerIsTheShownInteger(t *testing.T) {
	def := scoring.Training{ID: "t1", Steps: []scoring.Step{progressModule()}}
	def.Steps[0].Activities = def.Steps[0].Activities[:7]
	var answers []learnstats.Answer
	for _, a := range def.Steps[0].Activities[:4] {
		answers = append(answers, learnstats.Answer{Activity: a.ID, Points: pts(1)})
	}
	res := score(t, def, dashCutoff, []reg{{"u1", dashBeforeCutoff}}, []learnstats.Attempt{{ID: "1", Learner: "u1", Step: "m", Start: dashBeforeCutoff, Answers: answers}}, nil)
	got := must(dashboard.Progress(dashCutoff, []dashboard.Training{training(res)}))
	if p := got.Trainings[0].Progress; !p.Equal(ratio(57, 1)) {
		t.Errorf("progress %s, want 57 (S-8's integer)", p)
	}
}

// TestD2_InvalidInput: the old package validated its own learner records;
// scoring validates the records now, and the dashboards refuse what does
// not come from a consistent scoring result (see
// TestD2_D5_ResultsNotFromScoring), two trainings with one ID, and results
// at another cutoff.
func TestD2_InvalidInput(t *testing.T) {
	a := training(progressResults(t, "t1", "A", dashCutoff, fact{user: "u1", progress: 10}))
	b := training(progressResults(t, "t1", "B", dashCutoff, fact{user: "u2", progress: 20}))
	_, err := dashboard.Progress(dashCutoff, []dashboard.Training{a, b})
	wantInvalid(t, "one ID, two trainings", err, learnstats.ErrInvalidRecord, `"t1"`)
	_, err = dashboard.Progress(dashCutoff, []dashboard.Training{a, a})
	wantInvalid(t, "one training twice", err, learnstats.ErrInvalidRecord, `"t1"`)
	_, err = dashboard.Progress(dashCutoff.Add(time.Hour), []dashboard.Training{a})
	wantMismatch(t, "another cutoff", err)
}

func TestD3_ClassStatistics(t *testing.T) {
	class := dashboard.Class{
		ID:      "g4",
		Members: []learnstats.UserID{"u1", "u2", "u3"},
		Trainings: []dashboard.ClassTraining{
			{Training: "t1", RegisteredAt: dashBeforeCutoff},
			{Training: "t2", RegisteredAt: dashCutoff}, // registered at the cutoff: nobody counts yet
		},
	}
	trainings := catalogue(t, map[learnstats.TrainingID][]fact{
		"t1": {
			{user: "u1", progress: 100, completed: dashBeforeCutoff},
			{user: "u2", progress: 50},
			// u3 has no t1 record: a member through the class, 0 progress.
			{user: "u9", progress: 100, completed: dashBeforeCutoff}, // not a member
		},
		"t3": {{user: "u1", progress: 100}}, // the class is not registered in t3
		"t2": {{user: "u1", progress: 80, registered: dashCutoff}},
	}, nil)
	got := must(dashboard.ClassProgress(dashCutoff, class, trainings))
	want := dashboard.ProgressReport{
		Trainings: []dashboard.TrainingProgress{
			{Training: "t1", Name: "Safety", Learners: 3, Completed: 1, Progress: ratio(150, 3), Completion: ratio(100, 3)},
			{Training: "t2", Name: "Safety", NotRegisteredYet: 3},
		},
		Global:                    dashboard.GlobalProgress{Progress: ratio(50, 1), Completion: ratio(100, 3), Trainings: 1, TrainingsWithoutLearners: 1},
		OutsideClass:              2,
		ClassMembersWithoutRecord: 3, // u3 in t1, u2 and u3 in t2
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("class statistics (-want +got):\n%s", diff)
	}

	t.Run("zero members", func(t *testing.T) {
		empty := dashboard.Class{ID: "g9", Trainings: class.Trainings[:1]}
		got := must(dashboard.ClassProgress(dashCutoff, empty, trainings))
		want := dashboard.ProgressReport{
			Trainings:    []dashboard.TrainingProgress{{Training: "t1", Name: "Safety"}},
			Global:       dashboard.GlobalProgress{TrainingsWithoutLearners: 1},
			OutsideClass: 5, // every learner result
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("empty class (-want +got):\n%s", diff)
		}
	})
	t.Run("expired member", func(t *testing.T) {
		certs := map[learnstats.TrainingID][]certificates.Certificate{"t1": {cert("c1", "u1", dashBeforeCutoff, dashCutoff)}}
		got := must(dashboard.ClassProgress(dashCutoff, class, catalogue(t, map[learnstats.TrainingID][]fact{
			"t1": {{user: "u1", progress: 100, completed: dashBeforeCutoff}, {user: "u2", progress: 50}}}, certs)))
		w := dashboard.TrainingProgress{Training: "t1", Name: "Safety", Learners: 3, Expired: 1, Progress: ratio(50, 3), Completion: ratio(0, 3)}
		if diff := cmp.Diff(w, got.Trainings[0]); diff != "" {
			t.Errorf("expired class member (-want +got):\n%s", diff)
		}
	})
	t.Run("invalid class", func(t *testing.T) {
		for _, c := range []dashboard.Class{
			{},
			{ID: "g", Members: []learnstats.UserID{""}},
			{ID: "g", Trainings: []dashboard.ClassTraining{{Training: "t1"}}},
			{ID: "g", Trainings: []dashboard.ClassTraining{{RegisteredAt: dashCutoff}}},
			{ID: "g", Trainings: []dashboard.ClassTraining{{Training: "t1", RegisteredAt: dashCutoff}, {Training: "t1", RegisteredAt: dashCutoff}}},
			{ID: "g", Trainings: []dashboard.ClassTraining{{Training: "t7", RegisteredAt: dashCutoff}}}, // no results for t7
		} {
			if _, err := dashboard.ClassProgress(dashCutoff, c, trainings); !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Errorf("class %+v: %v, want ErrInvalidRecord", c, err)
			}
		}
	})
	t.Run("the same class listed in another order", func(t *testing.T) {
		same := class
		same.Members = []learnstats.UserID{"u3", "u2", "u1", "u1"}
		same.Trainings = []dashboard.ClassTraining{class.Trainings[1], class.Trainings[0]}
		if diff := cmp.Diff(got, must(dashboard.ClassProgress(dashCutoff, same, trainings))); diff != "" {
			t.Errorf("members and trainings reordered, a member twice (-first +second):\n%s", diff)
		}
	})
}

// TestD3_ClassRegistrationBoundaries: a member without a record is a
// learner since the class's registration: 1 ns before the cutoff, across
// the autumn DST change in Paris, they count; at the cutoff they do not.
func TestD3_ClassRegistrationBoundaries(t *testing.T) {
	loc := paris(t)
	cutoff := time.Date(2026, 10, 25, 3, 0, 0, 0, loc) // the hour after 02:00–02:59 CEST and CET
	for _, tt := range []struct {
		name     string
		reg      time.Time
		learners int
		notYet   int
	}{
		{"1 ns before", cutoff.Add(-time.Nanosecond), 1, 0},
		{"the first 02:30 (CEST)", time.Date(2026, 10, 25, 2, 30, 0, 0, time.FixedZone("CEST", 7200)), 1, 0},
		{"at the cutoff", cutoff, 0, 1},
		{"1 ns after", cutoff.Add(time.Nanosecond), 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			class := dashboard.Class{ID: "g", Members: []learnstats.UserID{"u1"}, Trainings: []dashboard.ClassTraining{{Training: "t1", RegisteredAt: tt.reg}}}
			res := must(scoring.NewTrainingAccumulator(cutoff, scoring.Training{ID: "t1", Steps: []scoring.Step{progressModule()}}, scoring.Options{})).Result()
			got := must(dashboard.ClassProgress(cutoff, class, []dashboard.Training{training(res)}))
			if tp := got.Trainings[0]; tp.Learners != tt.learners || tp.NotRegisteredYet != tt.notYet || got.ClassMembersWithoutRecord != 1 {
				t.Errorf("registered %s: %+v, %d without record; want %d learners, %d not yet", tt.reg, tp, got.ClassMembersWithoutRecord, tt.learners, tt.notYet)
			}
		})
	}
}

// TestTrap1_D3_ClassReadAtTheCall (issue 9, trap 1). The old accumulator
// kept a pointer to the caller's class: a member appended after the first
// record was seen by Add and Result differently (the record counted
// outside the class, the member as a learner without record), until the
// fix froze the class. ClassProgress now reads the class once per call:
// each call's figures are those of the class it was given, and two equal
// classes (members in any order) give the same figures.
func TestTrap1_D3_ClassReadAtTheCall(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	cutoff := t0.AddDate(0, 1, 0)
	newClass := func() dashboard.Class {
		return dashboard.Class{ID: "c", Members: []learnstats.UserID{"u1"}, Trainings: []dashboard.ClassTraining{{Training: "t", RegisteredAt: t0}}}
	}
	res := progressResults(t, "t", "T", cutoff, fact{user: "u1", registered: t0, progress: 10}, fact{user: "u2", registered: t0, progress: 30})
	class := newClass()
	first := must(dashboard.ClassProgress(cutoff, class, []dashboard.Training{training(res)}))
	if tp := first.Trainings[0]; tp.Learners != 1 || first.OutsideClass != 1 || !tp.Progress.Equal(ratio(10, 1)) {
		t.Errorf("class of u1: %+v", first)
	}
	class.Members = append(class.Members, "u2")
	second := must(dashboard.ClassProgress(cutoff, class, []dashboard.Training{training(res)}))
	if tp := second.Trainings[0]; tp.Learners != 2 || second.OutsideClass != 0 || second.ClassMembersWithoutRecord != 0 || !tp.Progress.Equal(ratio(20, 1)) {
		t.Errorf("class of u1 and u2: %+v", second)
	}
	// A registration time changed in place: only members without a record
	// read it.
	class = newClass()
	class.Members = []learnstats.UserID{"u3"}
	class.Trainings[0].RegisteredAt = cutoff
	if got := must(dashboard.ClassProgress(cutoff, class, []dashboard.Training{training(res)})).Trainings[0]; got.Learners != 0 || got.NotRegisteredYet != 1 {
		t.Errorf("class registered at the cutoff: %+v", got)
	}
	other := newClass()
	other.Members = []learnstats.UserID{"u1", "u1"}
	if diff := cmp.Diff(first, must(dashboard.ClassProgress(cutoff, other, []dashboard.Training{training(res)}))); diff != "" {
		t.Errorf("an equal class (-want +got):\n%s", diff)
	}
}

// TestD2_D3_OrderOfTrainings: the reports do not depend on the order of
// the trainings.
func TestD2_D3_OrderOfTrainings(t *testing.T) {
	trainings := catalogue(t, map[learnstats.TrainingID][]fact{
		"t1": {{user: "u1", progress: 30}}, "t2": {{user: "u1", progress: 60}, {user: "u2", progress: 100, completed: dashBeforeCutoff}},
	}, nil)
	class := dashboard.Class{ID: "g", Members: []learnstats.UserID{"u1", "u2"}, Trainings: []dashboard.ClassTraining{{Training: "t2", RegisteredAt: dashBeforeCutoff}, {Training: "t3", RegisteredAt: dashBeforeCutoff}}}
	want := must(dashboard.Progress(dashCutoff, trainings))
	wantClass := must(dashboard.ClassProgress(dashCutoff, class, trainings))
	slices.Reverse(trainings)
	if diff := cmp.Diff(want, must(dashboard.Progress(dashCutoff, trainings))); diff != "" {
		t.Errorf("D-2 in reverse order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantClass, must(dashboard.ClassProgress(dashCutoff, class, trainings))); diff != "" {
		t.Errorf("D-3 in reverse order (-want +got):\n%s", diff)
	}
}
