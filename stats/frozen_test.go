package stats_test

// Issue 9, trap 1: merge of mismatched definitions, and definitions
// changed after the first record (SPEC section 0, "Mergeable aggregates").
// Each test names the rule of the accumulator it guards; each failed before
// the fix (the merge or the Add succeeded, or the result was computed half
// under the old and half under the new definition).

import (
	"errors"
	"slices"
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
		{"ErrLearnerMerge", stats.ErrLearnerMerge},
		{"ErrPublicMismatch", stats.ErrPublicMismatch},
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

// TestTrap1_L1_R3_AsOfChangedAfterAdd: the learner and collaboration
// accumulators freeze AsOf at the first record; before the fix a later
// record was judged against the new AsOf and the earlier ones were not.
func TestTrap1_L1_R3_AsOfChangedAfterAdd(t *testing.T) {
	a := stats.LearnerAcc{AsOf: frozenT0}
	if err := a.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Start: frozenT0.Add(-time.Hour), Duration: time.Minute}); err != nil {
		t.Fatal(err)
	}
	a.AsOf = frozenT0.Add(-2 * time.Hour)
	wantMismatch(t, "LearnerAcc.AddAttempt", a.AddAttempt(stats.CourseAttempt{ID: 2, User: "u", Course: "c", Start: frozenT0.Add(-time.Hour)}))
	wantMismatch(t, "LearnerAcc.AddProgress", a.AddProgress(stats.LearnerProgress{User: "u", Kind: stats.LearnerPath, Item: "p"}))
	_, err := a.Totals("u")
	wantMismatch(t, "LearnerAcc.Totals", err)
	wantMismatch(t, "LearnerAcc.Merge", (&stats.LearnerAcc{AsOf: a.AsOf}).Merge(&a))
	a.Reset() // no record left: a new AsOf is fine
	if err := a.AddAttempt(stats.CourseAttempt{ID: 3, User: "u", Course: "c", Start: frozenT0.Add(-3 * time.Hour)}); err != nil {
		t.Errorf("after Reset: %v", err)
	}

	c := stats.CollabAcc{AsOf: frozenT0}
	if err := c.AddReaction(stats.Reaction{ID: 1, User: "u", Kind: stats.ReactionActivity, At: frozenT0.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c.AsOf = time.Time{}
	wantMismatch(t, "CollabAcc.AddReaction", c.AddReaction(stats.Reaction{ID: 2, User: "u", Kind: stats.ReactionActivity, At: frozenT0.Add(time.Hour)}))
	_, err = c.Counts("u")
	wantMismatch(t, "CollabAcc.Counts", err)
	wantMismatch(t, "CollabAcc.Merge", (&stats.CollabAcc{}).Merge(&c))
}

// TestTrap1_L8_DetailOfAnotherUser: the detail accumulator is defined by
// its user; another user's records or accumulator are a mismatch.
func TestTrap1_L8_DetailOfAnotherUser(t *testing.T) {
	var a, b stats.LearnerDetailAcc
	if err := errors.Join(a.AddAnswer(stats.QuestionAnswer{ID: 1, User: "u", Question: "q", At: frozenT0}),
		b.AddAnswer(stats.QuestionAnswer{ID: 2, User: "v", Question: "q", At: frozenT0})); err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, "merge of two users' details", a.Merge(&b))
	wantMismatch(t, "another user's answer", a.AddAnswer(stats.QuestionAnswer{ID: 3, User: "v", Question: "q", At: frozenT0}))
}

func frozenCatalog(t *testing.T, author learnstats.UserID, posts ...stats.PublicPost) *stats.PublicCatalog {
	t.Helper()
	c, err := stats.NewPublicCatalog(slices.Values([]stats.PublicCourse{{ID: "c1", MainAuthor: author}, {ID: "c2", MainAuthor: "u9"}}), slices.Values(posts))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTrap1_P1_MergeCatalogFingerprint: catalogs are compared by their
// contents. Before the fix two catalogs built from the same records did not
// merge (pointer comparison), and the error did not wrap ErrMismatch.
func TestTrap1_P1_MergeCatalogFingerprint(t *testing.T) {
	post := stats.PublicPost{ID: "p", Author: "u1", At: frozenT0.Add(-time.Hour)}
	base := stats.NewPublicAccumulator(frozenCatalog(t, "u1", post), frozenT0)
	for _, tt := range []struct {
		name, reason string
		other        *stats.PublicAccumulator
		mismatch     bool
	}{
		{"same records", "built twice from the same records, the post's time in another location", stats.NewPublicAccumulator(frozenCatalog(t, "u1", stats.PublicPost{ID: "p", Author: "u1", At: post.At.In(time.FixedZone("X", 7200))}), frozenT0), false},
		{"another main author", "a course credits another user", stats.NewPublicAccumulator(frozenCatalog(t, "u2", post), frozenT0), true},
		{"another post time", "one post a second earlier", stats.NewPublicAccumulator(frozenCatalog(t, "u1", stats.PublicPost{ID: "p", Author: "u1", At: post.At.Add(-time.Second)}), frozenT0), true},
		{"another post place", "the post in a forum", stats.NewPublicAccumulator(frozenCatalog(t, "u1", stats.PublicPost{ID: "p", Author: "u1", Place: stats.PublicCourseForum, At: post.At}), frozenT0), true},
		{"no post", "the catalog lacks the post", stats.NewPublicAccumulator(frozenCatalog(t, "u1"), frozenT0), true},
		{"another asOf", "one nanosecond later", stats.NewPublicAccumulator(frozenCatalog(t, "u1", post), frozenT0.Add(1)), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := base.Merge(tt.other)
			if tt.mismatch {
				wantMismatch(t, tt.reason, err)
				if !errors.Is(err, stats.ErrPublicMismatch) {
					t.Errorf("%s: %v, want ErrPublicMismatch", tt.reason, err)
				}
			} else if err != nil {
				t.Errorf("%s: %v, want a merge", tt.reason, err)
			}
		})
	}
}

// TestTrap1_P3_MergeAsOfOtherLocation: the same instant in Paris and in UTC
// starts the 90-day window at other instants across a DST change.
func TestTrap1_P3_MergeAsOfOtherLocation(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 5, 10, 12, 0, 0, 0, paris) // 90 days back is before the March change
	cat := frozenCatalog(t, "u1")
	wantMismatch(t, "asOf in Paris and in UTC", stats.NewPublicAccumulator(cat, asOf).Merge(stats.NewPublicAccumulator(cat, asOf.UTC())))
}
