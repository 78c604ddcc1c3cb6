package stats_test

// Issue 9, trap 1: merge of mismatched definitions, and definitions
// changed after the first record (SPEC section 0, "Mergeable aggregates").
// Each test names the rule of the accumulator it guards; each failed before
// the fix (the merge or the Add succeeded, or the result was computed half
// under the old and half under the new definition).

import (
	"errors"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

var frozenT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// wantMismatch fails the test unless err wraps learnstats.ErrMismatch.
func wantMismatch(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrMismatch", what, err)
	}
}

// TestTrap1_MismatchSentinelsWrapErrMismatch: the package's mismatch
// sentinels are the root one, so a caller needs one errors.Is for every
// accumulator of every package.
func TestTrap1_MismatchSentinelsWrapErrMismatch(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"ErrDashboardMismatch", stats.ErrDashboardMismatch},
	} {
		t.Run(tt.name, func(t *testing.T) { wantMismatch(t, tt.name, tt.err) })
	}
}

// TestTrap1_D1_RangeChangedAfterFirstEvent: an event counted outside the
// zero Range, then a Range set: before the fix the second event was counted
// in the new range while the first stayed "outside" the old one.
func TestTrap1_D1_RangeChangedAfterFirstEvent(t *testing.T) {
	var a stats.ActiveUsersPerDay
	if err := a.Add(stats.ActiveUserEvent{User: "u", At: frozenT0}); err != nil {
		t.Fatal(err)
	}
	a.Range = learnstats.LastDays(frozenT0.AddDate(0, 0, 1), 3)
	wantMismatch(t, "Add after a Range change", a.Add(stats.ActiveUserEvent{User: "v", At: frozenT0}))
	_, err := a.Result()
	wantMismatch(t, "Result after a Range change", err)
	wantMismatch(t, "Merge after a Range change", (&stats.ActiveUsersPerDay{Range: a.Range}).Merge(&a))
	// Back to the range of the first record: consistent again.
	a.Range = learnstats.Window{}
	if res, err := a.Result(); err != nil || res.Events != 1 || res.OutsideRange != 1 {
		t.Errorf("the original (zero) range restored: %+v, %v; want 1 event, outside", res, err)
	}
}

// TestTrap1_D1_MergeLocationsSameName: two fixed zones both named "X" but
// 12 hours apart have other midnights: before the fix Merge compared the
// names only and added the other's day buckets to the wrong days.
func TestTrap1_D1_MergeLocationsSameName(t *testing.T) {
	rng := learnstats.Window{Start: frozenT0, End: frozenT0.AddDate(0, 0, 3)}
	a := stats.ActiveUsersPerDay{Range: rng, Location: time.FixedZone("X", 3600)}
	b := stats.ActiveUsersPerDay{Range: rng, Location: time.FixedZone("X", -11*3600)}
	if err := b.Add(stats.ActiveUserEvent{User: "u", At: frozenT0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, "merge of +01:00 and -11:00 both named X", a.Merge(&b))
	// The same midnights under two *time.Location values: they match.
	p1, _ := time.LoadLocation("Europe/Paris")
	p2, _ := time.LoadLocation("Europe/Paris")
	c := stats.ActiveUsersPerDay{Range: rng, Location: p1}
	d := stats.ActiveUsersPerDay{Range: rng, Location: p2}
	if err := d.Add(stats.ActiveUserEvent{User: "u", At: frozenT0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := c.Merge(&d); err != nil {
		t.Errorf("two loads of Europe/Paris: %v", err)
	}
}

// TestTrap1_D3_ClassChangedAfterAdd: a member appended to the class after
// the first record. Before the fix Add used the old member list (the new
// member's record counted outside the class) while Result used the new one
// (the same member counted as a learner without record).
func TestTrap1_D3_ClassChangedAfterAdd(t *testing.T) {
	newClass := func() *stats.TrainingClass {
		return &stats.TrainingClass{ID: "c", Members: []learnstats.UserID{"u1"},
			Trainings: []stats.TrainingClassRegistration{{Training: "t", RegisteredAt: frozenT0}}}
	}
	class := newClass()
	p := stats.TrainingProgress{Cutoff: frozenT0.AddDate(0, 1, 0), Class: class}
	if err := p.Add(stats.TrainingLearner{Training: "t", User: "u1", RegisteredAt: frozenT0}); err != nil {
		t.Fatal(err)
	}
	class.Members = append(class.Members, "u2")
	wantMismatch(t, "Add after a member was appended", p.Add(stats.TrainingLearner{Training: "t", User: "u2", RegisteredAt: frozenT0}))
	class.Members = class.Members[:1]
	// A change Add cannot see cheaply (same lengths): Result and Merge
	// compare the whole class.
	class.Trainings[0].RegisteredAt = frozenT0.Add(time.Hour)
	_, err := p.Result()
	wantMismatch(t, "Result after a registration time changed in place", err)
	wantMismatch(t, "Merge after a registration time changed in place", (&stats.TrainingProgress{Cutoff: p.Cutoff, Class: newClass()}).Merge(&p))
	class.Trainings[0].RegisteredAt = frozenT0
	if _, err := p.Result(); err != nil {
		t.Errorf("class restored: %v", err)
	}
	// Two classes equal member by member merge; another member list does not.
	if err := (&stats.TrainingProgress{Cutoff: p.Cutoff, Class: newClass()}).Merge(&p); err != nil {
		t.Errorf("merge with an equal class: %v", err)
	}
	other := newClass()
	other.Members = []learnstats.UserID{"u3"}
	wantMismatch(t, "merge with a class of other members", (&stats.TrainingProgress{Cutoff: p.Cutoff, Class: other}).Merge(&p))
}

// TestTrap1_D6_MergeSameInstantOtherLocation: the same instant in Paris
// and in UTC, a week after a DST change, starts the 7-day window an hour
// apart; before the fix the two merged and the result depended on which
// one received the other.
func TestTrap1_D6_MergeSameInstantOtherLocation(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 3, 30, 12, 0, 0, 0, paris)
	m := stats.DashboardUserMetrics{AsOf: asOf}
	n := stats.DashboardUserMetrics{AsOf: asOf.UTC()}
	if err := n.Add(stats.DashboardUser{User: "u", CreatedAt: asOf.Add(-7*24*time.Hour + 30*time.Minute)}); err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, "merge of asOf in Paris and in UTC", m.Merge(&n))
	// D-4 only compares instants: the same instant elsewhere is the same asOf.
	r := stats.TrainingResults{AsOf: asOf}
	if err := r.Merge(&stats.TrainingResults{AsOf: asOf.UTC()}); err != nil {
		t.Errorf("D-4 at the same instant in UTC: %v", err)
	}
}

// TestTrap1_B4_MergeSurveyDefinition: the whole survey (title included: it
// is in the result) and the range as instants. Before the fix surveys with
// different titles merged (the result's title depended on the merge order),
// two zones with the same name and other offsets merged, and the error
// wrapped ErrInvalidSurvey only.
func TestTrap1_B4_MergeSurveyDefinition(t *testing.T) {
	s := stats.Survey{ID: "s", Title: "A", Questions: []stats.SurveyQuestion{{ID: "q", Text: "Q?"}}}
	day := learnstats.Date{Year: 2026, Month: 1, Day: 1}
	acc := func(s stats.Survey, q stats.SurveyQuery) *stats.SurveyResultsAccumulator {
		a, err := stats.NewSurveyResultsAccumulator(s, q)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	retitled := s
	retitled.Title = "B"
	wantMismatch(t, "surveys titled A and B", acc(s, stats.SurveyQuery{}).Merge(acc(retitled, stats.SurveyQuery{})))
	wantMismatch(t, "ranges in two zones named X", acc(s, stats.SurveyQuery{From: day, Location: time.FixedZone("X", 3600)}).
		Merge(acc(s, stats.SurveyQuery{From: day, Location: time.FixedZone("X", 7200)})))
	if err := acc(s, stats.SurveyQuery{From: day, Location: time.FixedZone("Y", 3600)}).
		Merge(acc(s, stats.SurveyQuery{From: day, Location: time.FixedZone("Z", 3600)})); err != nil {
		t.Errorf("the same instants under two zone names: %v", err)
	}
}
