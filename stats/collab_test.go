package stats

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

func TestR1_R2_R3_Counts(t *testing.T) {
	post := func(place PostPlace, reply, published bool) Post {
		return Post{ID: 1, User: "a", Place: place, Reply: reply, Published: published, At: learnerAt(0)}
	}
	tests := []struct {
		name, reason string
		posts        []Post
		reactions    []Reaction
		want         CollabCounts
	}{
		{name: "newsfeed posts", reason: "R-1: posts in a group, session or profile newsfeed are publications",
			posts: []Post{post(PlaceGroupFeed, false, true), post(PlaceSessionFeed, false, true), post(PlaceProfileFeed, false, true)},
			want:  CollabCounts{Publications: 3}},
		{name: "newsfeed reply", reason: "R-1 and R-2: a newsfeed reply counts both as a publication and a comment",
			posts: []Post{post(PlaceGroupFeed, true, true)}, want: CollabCounts{Publications: 1, Comments: 1}},
		{name: "forum posts and replies", reason: "R-2: posts and replies in a course, learning-need or project forum are comments, not publications",
			posts: []Post{post(PlaceCourseForum, false, true), post(PlaceLearningNeedForum, true, true), post(PlaceProjectForum, false, true)},
			want:  CollabCounts{Comments: 3}},
		{name: "unpublished", reason: "a draft counts nowhere", posts: []Post{post(PlaceGroupFeed, true, false)}},
		{name: "reactions", reason: "R-3: reactions in activities plus likes on posts",
			reactions: []Reaction{{ID: 1, User: "a", Kind: ReactionActivity, At: learnerAt(0)}, {ID: 2, User: "a", Kind: ReactionPostLike, At: learnerAt(1)}},
			want:      CollabCounts{Reactions: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var acc CollabAcc
			for _, p := range tt.posts {
				if err := acc.AddPost(p); err != nil {
					t.Fatal(err)
				}
			}
			for _, r := range tt.reactions {
				if err := acc.AddReaction(r); err != nil {
					t.Fatal(err)
				}
			}
			if d := cmp.Diff(tt.want, mustCounts(t, &acc, "a")); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

func TestR3_AsOfAndErrors(t *testing.T) {
	asOf := learnerAt(10)
	acc := CollabAcc{AsOf: asOf}
	for _, r := range []Reaction{
		{ID: 1, User: "a", Kind: ReactionPostLike, At: asOf.Add(-time.Nanosecond)},
		{ID: 2, User: "a", Kind: ReactionPostLike, At: asOf},
	} {
		if err := acc.AddReaction(r); err != nil {
			t.Fatal(err)
		}
	}
	if mustCounts(t, &acc, "a").Reactions != 1 || acc.Later() != 1 {
		t.Errorf("reactions %d later %d, want 1 and 1 (half-open at asOf)", mustCounts(t, &acc, "a").Reactions, acc.Later())
	}
	if err := acc.AddReaction(Reaction{ID: 3, User: "a", Kind: "clap", At: learnerAt(0)}); !errors.Is(err, ErrInvalidLearnerRecord) {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestR4_Scope(t *testing.T) {
	dir := learnerDir(t)
	posts := []Post{
		{ID: 1, User: "a", Place: PlaceGroupFeed, Published: true, At: learnerAt(0)},
		{ID: 2, User: "c", Place: PlaceGroupFeed, Published: true, At: learnerAt(0)},
	}
	t.Run("administrator", func(t *testing.T) {
		res, err := Collab(time.Time{}, dir, learnstats.NewGroupScope("g1"), slices.Values(posts), nil)
		if err != nil {
			t.Fatal(err)
		}
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
		attempts := []CourseAttempt{
			{ID: 1, User: "c", Course: "mine", Start: learnerAt(0)},
			{ID: 2, User: "a", Course: "other", Start: learnerAt(0)},
			{ID: 3, User: "b", Course: "mine", Start: learnerAt(30)}, // after asOf
		}
		scope := AuthorScope(learnerAt(20), func(c string) bool { return c == "mine" }, slices.Values(attempts))
		res, err := Collab(time.Time{}, dir, scope, slices.Values(posts), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 || res.Rows[0].User.ID != "c" || res.Rows[0].Publications != 1 || res.OutOfScope != 4 {
			t.Errorf("an author sees only who played their courses before asOf: %+v", res)
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		_, err := Collab(time.Time{}, dir, learnstats.Everything, slices.Values([]Post{{ID: 9, User: "zz", Place: PlaceGroupFeed, At: learnerAt(0)}}), nil)
		if !errors.Is(err, ErrLearnerUnknownUser) {
			t.Errorf("got %v", err)
		}
	})
}

// TestR2_NewsfeedReplyIsAlsoComment: the documented double count, and a
// forum post that is never a publication.
func TestR2_NewsfeedReplyIsAlsoComment(t *testing.T) {
	dir := learnerDir(t)
	posts := []Post{
		{ID: 1, User: "a", Place: PlaceProfileFeed, Reply: true, Published: true, At: learnerAt(0)},
		{ID: 2, User: "a", Place: PlaceProjectForum, Published: true, At: learnerAt(1)},
	}
	res, err := Collab(learnerAt(60), dir, learnstats.UserSet{"a": true}, slices.Values(posts), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(CollabCounts{Publications: 1, Comments: 2}, res.Rows[0].CollabCounts); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
