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
		{"ErrLearnerMerge", stats.ErrLearnerMerge},
		{"ErrPublicMismatch", stats.ErrPublicMismatch},
	} {
		t.Run(tt.name, func(t *testing.T) { wantMismatch(t, tt.name, tt.err) })
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
