package learners

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

type collabCounts struct{ Publications, Comments, Reactions int }

func countsOf(s Stats) collabCounts { return collabCounts{s.Publications, s.Comments, s.Reactions} }

func TestR1_R2_R3_Counts(t *testing.T) {
	post := func(id string, place learnstats.Place, reply, unpublished bool) learnstats.Post {
		p := learnstats.Post{ID: learnstats.PostID(id), Author: "a", Place: place, Unpublished: unpublished, At: at(0)}
		if reply {
			p.ReplyTo = "parent"
		}
		return p
	}
	tests := []struct {
		name, reason string
		posts        []learnstats.Post
		reactions    []learnstats.Reaction
		want         collabCounts
		left         int // unpublished, elsewhere, not likes
	}{
		{name: "newsfeed posts", reason: "R-1: posts in a group, session or profile newsfeed are publications",
			posts: []learnstats.Post{post("1", learnstats.PlaceGroupFeed, false, false), post("2", learnstats.PlaceSessionFeed, false, false), post("3", learnstats.PlaceProfileFeed, false, false)},
			want:  collabCounts{Publications: 3}},
		{name: "newsfeed reply", reason: "R-1 and R-2: a newsfeed reply counts both as a publication and a comment",
			posts: []learnstats.Post{post("1", learnstats.PlaceGroupFeed, true, false)}, want: collabCounts{Publications: 1, Comments: 1}},
		{name: "forum posts and replies", reason: "R-2: posts and replies in a course, learning-need or project forum are comments, not publications",
			posts: []learnstats.Post{post("1", learnstats.PlaceCourseForum, false, false), post("2", learnstats.PlaceLearningNeedForum, true, false), post("3", learnstats.PlaceProjectForum, false, false)},
			want:  collabCounts{Comments: 3}},
		{name: "path forum", reason: "R-2 does not list a path's forum: neither a publication nor a comment",
			posts: []learnstats.Post{post("1", learnstats.PlacePathForum, false, false), post("2", learnstats.PlacePathForum, true, false)}},
		{name: "elsewhere", reason: "a private message is counted by no rule",
			posts: []learnstats.Post{post("1", learnstats.PlaceOther, true, false)}, left: 1},
		{name: "unpublished", reason: "a draft counts nowhere", posts: []learnstats.Post{post("1", learnstats.PlaceGroupFeed, true, true)}, left: 1},
		{name: "reactions", reason: "R-3: reactions in activities plus likes on posts",
			reactions: []learnstats.Reaction{{ID: "1", User: "a", Course: "C", At: at(0)}, {ID: "2", User: "a", Post: "p", Kind: learnstats.ReactionLike, At: at(1)}},
			want:      collabCounts{Reactions: 2}},
		{name: "other post reactions", reason: "R-3 counts likes on posts: a love or a celebrate is left out (counted in NotLikes)",
			reactions: []learnstats.Reaction{{ID: "1", User: "a", Post: "p", Kind: learnstats.ReactionLove, At: at(0)}, {ID: "2", User: "a", Post: "p", Kind: learnstats.ReactionCelebrate, At: at(1)}}, left: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc := newAcc(t, learnstats.Everything, Options{})
			for _, p := range tt.posts {
				must(t, acc.AddPost(p))
			}
			for _, r := range tt.reactions {
				must(t, acc.AddReaction(r))
			}
			res := acc.Result()
			a, _ := res.User("a")
			if d := cmp.Diff(tt.want, countsOf(a)); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
			if left := res.Unpublished + res.OtherPlaces + res.NotLikes; left != tt.left {
				t.Errorf("%s: %d records left out and counted, want %d", tt.reason, left, tt.left)
			}
		})
	}
}

func TestR3_AsOfAndErrors(t *testing.T) {
	asOf := at(10)
	acc := newAccAt(t, asOf, learnstats.Everything, Options{})
	for _, r := range []learnstats.Reaction{
		{ID: "1", User: "a", Post: "p", Kind: learnstats.ReactionLike, At: asOf.Add(-time.Nanosecond)},
		{ID: "2", User: "a", Post: "p", Kind: learnstats.ReactionLike, At: asOf},
	} {
		must(t, acc.AddReaction(r))
	}
	res := acc.Result()
	a, _ := res.User("a")
	if a.Reactions != 1 || res.Later != 1 {
		t.Errorf("reactions %d later %d, want 1 and 1 (half-open at asOf)", a.Reactions, res.Later)
	}
	if err := acc.AddReaction(learnstats.Reaction{ID: "3", User: "a", Post: "p", Kind: "clap", At: at(0)}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestR4_Scope(t *testing.T) {
	posts := []learnstats.Post{
		{ID: "1", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(0)},
		{ID: "2", Author: "c", Place: learnstats.PlaceGroupFeed, At: at(0)},
	}
	t.Run("administrator", func(t *testing.T) {
		res, err := StatsOf(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), Options{}, Records{Posts: slices.Values(posts)})
		must(t, err)
		var got []learnstats.UserID
		for _, r := range res.Rows {
			got = append(got, r.User.ID)
		}
		if d := cmp.Diff([]learnstats.UserID{"a", "b", "m1"}, got); d != "" {
			t.Errorf("an administrator of g1 sees the users of g1 only (-want +got):\n%s", d)
		}
		if res.OutOfScope != 2 {
			t.Errorf("out of scope %d, want 2", res.OutOfScope)
		}
	})
	t.Run("author", func(t *testing.T) {
		attempts := []learnstats.Attempt{
			{ID: "1", Learner: "c", Step: "mine", Start: at(0)},
			{ID: "2", Learner: "a", Step: "other", Start: at(0)},
			{ID: "3", Learner: "b", Step: "mine", Start: at(20)}, // at asOf: not yet played
			{ID: "4", Learner: "m1", Step: "mine", Start: at(19), LastActivity: at(30)},
		}
		scope := AuthorScope(at(20), func(c learnstats.StepID) bool { return c == "mine" }, slices.Values(attempts))
		if d := cmp.Diff(learnstats.UserSet{"c": true, "m1": true}, scope); d != "" {
			t.Errorf("an author sees who started one of their courses before asOf (-want +got):\n%s", d)
		}
		res, err := StatsOf(time.Time{}, testDir(t), scope, Options{}, Records{Posts: slices.Values(posts)})
		must(t, err)
		c, _ := res.User("c")
		if len(res.Rows) != 2 || c.Publications != 1 || res.OutOfScope != 3 {
			t.Errorf("rows %d, c's publications %d, out of scope %d; want 2, 1, 3", len(res.Rows), c.Publications, res.OutOfScope)
		}
		if len(AuthorScope(time.Time{}, func(learnstats.StepID) bool { return true }, nil)) != 0 {
			t.Error("no attempt: an empty scope")
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		_, err := StatsOf(time.Time{}, testDir(t), learnstats.Everything, Options{},
			Records{Posts: slices.Values([]learnstats.Post{{ID: "9", Author: "zz", Place: learnstats.PlaceGroupFeed, At: at(0)}})})
		if !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("got %v", err)
		}
	})
}

// TestR2_NewsfeedReplyIsAlsoComment: the documented double count, and a
// forum post that is never a publication.
func TestR2_NewsfeedReplyIsAlsoComment(t *testing.T) {
	posts := []learnstats.Post{
		{ID: "1", Author: "a", Place: learnstats.PlaceProfileFeed, ReplyTo: "0", At: at(0)},
		{ID: "2", Author: "a", Place: learnstats.PlaceProjectForum, At: at(1)},
	}
	res, err := StatsOf(at(60), testDir(t), learnstats.UserSet{"a": true}, Options{}, Records{Posts: slices.Values(posts)})
	must(t, err)
	if d := cmp.Diff(collabCounts{Publications: 1, Comments: 2}, countsOf(res.Rows[0])); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestR4_ScopeHidesIDsAndCounts: a coach of g1 gets rows whose User
// carries no group or manager ID outside g1, and no count (Later,
// Unpublished) that includes records of users outside g1 (section 0: the
// scope is a security boundary).
func TestR4_ScopeHidesIDsAndCounts(t *testing.T) {
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "ceo", Email: "ceo@example.com", Groups: []learnstats.GroupID{"secret-hr"}},
		{ID: "u", Email: "u@example.com", Groups: []learnstats.GroupID{"g1", "secret-hr"}, Managers: []learnstats.UserID{"ceo"}},
		{ID: "x", Email: "x@example.com", Groups: []learnstats.GroupID{"secret-hr"}},
	})
	must(t, err)
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	before := asOf.Add(-time.Hour)
	posts := []learnstats.Post{
		{ID: "1", Author: "x", Place: learnstats.PlaceGroupFeed, Unpublished: true, At: before},
		{ID: "2", Author: "x", Place: learnstats.PlaceGroupFeed, At: asOf},
		{ID: "3", Author: "u", Place: learnstats.PlaceGroupFeed, At: before},
	}
	res, err := StatsOf(asOf, dir, learnstats.NewGroupScope("g1"), Options{Owner: "ceo", Groups: []learnstats.Group{{ID: "g1", Name: "G1"}, {ID: "secret-hr", Name: "HR"}}}, Records{
		Posts:         slices.Values(posts),
		Attempts:      slices.Values([]learnstats.Attempt{{ID: "1", Learner: "x", Step: "C", Start: asOf, TimeSpent: time.Minute}}),
		Registrations: slices.Values([]Registration{{User: "u", Method: API}}),
	})
	must(t, err)
	if res.Later != 0 || res.Unpublished != 0 || res.OutOfScope != 2 || len(res.Rows) != 1 {
		t.Errorf("later %d unpublished %d out of scope %d rows %d; want 0, 0, 2, 1", res.Later, res.Unpublished, res.OutOfScope, len(res.Rows))
	}
	u := res.Rows[0]
	if diff := cmp.Diff([]learnstats.GroupID{"g1"}, u.User.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if len(u.User.Managers) != 0 || len(u.Managers) != 0 {
		t.Errorf("managers %v, emails %v: the manager is outside the scope", u.User.Managers, u.Managers)
	}
	if u.InvitedBy != "" || res.HiddenInviters != 1 {
		t.Errorf("invited by %q, hidden %d: the platform owner is outside the scope", u.InvitedBy, res.HiddenInviters)
	}
	if diff := cmp.Diff([]learnstats.Group{{ID: "g1", Name: "G1"}}, res.Groups()); diff != "" {
		t.Errorf("visible groups (-want +got):\n%s", diff)
	}
	if res.Scope().SeesGroup("secret-hr") || !res.Scope().SeesGroup("g1") {
		t.Error("the result's scope is not the coach's")
	}
}
