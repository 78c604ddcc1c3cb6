package stats

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

// TestR4_ScopeHidesIDsAndCounts: a coach of g1 gets rows whose User
// carries no group or manager ID outside g1, and no count (Later,
// Unpublished) that includes records of users outside g1 (section 0:
// the scope is a security boundary).
func TestR4_ScopeHidesIDsAndCounts(t *testing.T) {
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "ceo", Email: "ceo@example.com", Groups: []learnstats.GroupID{"secret-hr"}},
		{ID: "u", Email: "u@example.com", Groups: []learnstats.GroupID{"g1", "secret-hr"}, Managers: []learnstats.UserID{"ceo"}},
		{ID: "x", Email: "x@example.com", Groups: []learnstats.GroupID{"secret-hr"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	before := asOf.Add(-time.Hour)
	scope := learnstats.NewGroupScope("g1")
	posts := []Post{
		{ID: 1, User: "x", Place: PlaceGroupFeed, Published: false, At: before},
		{ID: 2, User: "x", Place: PlaceGroupFeed, Published: true, At: asOf},
		{ID: 3, User: "u", Place: PlaceGroupFeed, Published: true, At: before},
	}
	collab, err := Collab(asOf, dir, scope, slices.Values(posts), nil)
	if err != nil {
		t.Fatal(err)
	}
	if collab.Later != 0 || collab.Unpublished != 0 || collab.OutOfScope != 2 || len(collab.Rows) != 1 {
		t.Errorf("collab: later %d unpublished %d out of scope %d rows %d; want 0, 0, 2, 1",
			collab.Later, collab.Unpublished, collab.OutOfScope, len(collab.Rows))
	}
	learners, err := Learners(asOf, dir, scope, LearnerInputs{
		Posts:    slices.Values(posts),
		Attempts: slices.Values([]CourseAttempt{{ID: 1, User: "x", Course: "C", Start: asOf, Duration: time.Minute}}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if learners.Later != 0 || len(learners.Rows) != 1 {
		t.Errorf("learners: later %d rows %d; want 0 and 1", learners.Later, len(learners.Rows))
	}
	regs, err := Registrations(dir, scope, "ceo", nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, u := range map[string]learnstats.User{
		"learners": learners.Rows[0].User, "collab": collab.Rows[0].User, "registrations": regs.Rows[0].User,
	} {
		if diff := cmp.Diff([]learnstats.GroupID{"g1"}, u.Groups); diff != "" {
			t.Errorf("%s: groups (-want +got):\n%s", name, diff)
		}
		if len(u.Managers) != 0 {
			t.Errorf("%s: managers %v: the manager is outside the scope", name, u.Managers)
		}
	}
	if len(learners.Rows[0].Managers) != 0 {
		t.Errorf("manager emails %v", learners.Rows[0].Managers)
	}
}
