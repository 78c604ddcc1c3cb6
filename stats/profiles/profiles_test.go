package profiles

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/learnstats/learnstats"
)

// ignoreIndex compares results by their exported fields.
var ignoreIndex = cmpopts.IgnoreUnexported(Result{})

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// testAsOf is a Sunday noon in Paris; the 90-day window starts on 24
// August 2026 at noon CEST and crosses the 25 October DST change.
func testAsOf(t testing.TB) time.Time {
	return time.Date(2026, 11, 22, 12, 0, 0, 0, paris(t))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustCatalog(t testing.TB, courses []Course, posts []learnstats.Post) *Catalog {
	t.Helper()
	c, err := NewCatalog(slices.Values(courses), slices.Values(posts))
	must(t, err)
	return c
}

func mustAcc(t testing.TB, asOf time.Time, c *Catalog) *Accumulator {
	t.Helper()
	a, err := NewAccumulator(asOf, c)
	must(t, err)
	return a
}

func mustResult(t testing.TB, a *Accumulator, profiles ...Profile) *Result {
	t.Helper()
	res, err := a.Result(slices.Values(profiles))
	must(t, err)
	return res
}

func view(id string, course learnstats.StepID, user learnstats.UserID, at time.Time) learnstats.Attempt {
	return learnstats.Attempt{ID: learnstats.AttemptID(id), Learner: user, Step: course, Start: at}
}

func TestP3_Window(t *testing.T) {
	asOf := testAsOf(t)
	start := asOf.AddDate(0, 0, -90)
	if want := time.Date(2026, 8, 24, 12, 0, 0, 0, paris(t)); !start.Equal(want) {
		t.Fatalf("window start %v, want %v", start, want)
	}
	if start.Equal(asOf.Add(-90 * 24 * time.Hour)) {
		t.Fatal("the window must count calendar days, not 24-hour days, across the DST change")
	}
	cat := mustCatalog(t, []Course{{ID: "c", MainAuthor: "a"}}, nil)
	tests := []struct {
		name   string
		reason string
		at     time.Time
		in     bool
	}{
		{"exactly 90 days before", "the window is [asOf-90d, asOf)", start, true},
		{"1ns before the window", "", start.Add(-time.Nanosecond), false},
		{"1ns after the start", "", start.Add(time.Nanosecond), true},
		{"90×24h before asOf", "an hour after the calendar start (DST): inside", asOf.Add(-90 * 24 * time.Hour), true},
		{"at asOf", "the end is excluded", asOf, false},
		{"1ns before asOf", "", asOf.Add(-time.Nanosecond), true},
		{"after asOf", "events after asOf are not counted", asOf.Add(time.Hour), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustAcc(t, asOf, cat)
			must(t, a.AddCompletion(Completion{ID: "x", Course: "c", User: "l", At: tt.at}))
			must(t, a.AddAttempt(view("x", "c", "l", tt.at)))
			res := mustResult(t, a, Profile{User: "l"}, Profile{User: "a", PlatformOwner: true})
			if got := res.Window.Contains(tt.at); got != tt.in {
				t.Errorf("the window contains %v = %v, want %v (%s)", tt.at, got, tt.in, tt.reason)
			}
			want := 0
			if tt.in {
				want = 1
			}
			l, _ := res.Profile("l")
			c, _ := res.Profile("a")
			if got := l.LearnerMetrics.CompletedCourses; got != want {
				t.Errorf("completions = %d, want %d (%s)", got, want, tt.reason)
			}
			if got := c.CreatorMetrics.CourseViews; got != want {
				t.Errorf("course views = %d, want %d (%s)", got, want, tt.reason)
			}
			if got := res.LeftOut.OutsideWindow; got != 2*(1-want) {
				t.Errorf("left out = %d, want %d", got, 2*(1-want))
			}
		})
	}
	if _, err := NewAccumulator(time.Time{}, cat); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("the zero asOf has no window: %v", err)
	}
}

func TestP1_Role(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		profile Profile
		creator bool
	}{
		{"plain learner", "", Profile{User: "u"}, false},
		{"learner and coach", "coaching is not creating", Profile{User: "u", GroupRoles: []GroupRole{GroupLearner, GroupCoach}}, false},
		{"user administrator", "a user administrator is not a creator", Profile{User: "u", GroupRoles: []GroupRole{GroupUserAdministrator}}, false},
		{"platform owner", "", Profile{User: "u", PlatformOwner: true}, true},
		{"author in one group", "", Profile{User: "u", GroupRoles: []GroupRole{GroupLearner, GroupAuthor}}, true},
		{"administrator in one group", "", Profile{User: "u", GroupRoles: []GroupRole{GroupUserAdministrator, GroupAdministrator}}, true},
	}
	cat := mustCatalog(t, nil, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := mustResult(t, mustAcc(t, testAsOf(t), cat), tt.profile).Profile("u")
			if s.Creator != tt.creator {
				t.Errorf("creator = %v, want %v (%s)", s.Creator, tt.creator, tt.reason)
			}
		})
	}
	_, err := mustAcc(t, testAsOf(t), cat).Result(slices.Values([]Profile{{User: "u9", GroupRoles: []GroupRole{42}}}))
	if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), "u9") {
		t.Errorf("unknown role: err = %v", err)
	}
}

// creatorCatalog: c1 by a1; c2 duplicated from c1 by a2; c3 duplicated
// from c2 by a3 (transitive); c4 duplicated from c1 by a1 (same author,
// credited once); c5 by a2, unrelated.
func creatorCatalog(t testing.TB, asOf time.Time) *Catalog {
	return mustCatalog(t, []Course{
		{ID: "c1", MainAuthor: "a1", PublishedBy: "a1", PublishedAt: asOf.AddDate(-3, 0, 0)},
		{ID: "c2", MainAuthor: "a2", DuplicatedFrom: "c1", PublishedBy: "a2", PublishedAt: asOf.AddDate(0, 0, -1)},
		{ID: "c3", MainAuthor: "a3", DuplicatedFrom: "c2", PublishedBy: "a3", PublishedAt: asOf},
		{ID: "c4", MainAuthor: "a1", DuplicatedFrom: "c1", PublishedBy: "a1", PublishedAt: asOf.Add(-time.Nanosecond)},
		{ID: "c5", MainAuthor: "a2"},
	}, nil)
}

// TestP1_CreditedAuthors: one view of each course is credited to the main
// authors of the course and of its originals, transitively, once each.
func TestP1_CreditedAuthors(t *testing.T) {
	asOf := testAsOf(t)
	cat := creatorCatalog(t, asOf)
	for _, tt := range []struct {
		course learnstats.StepID
		want   []learnstats.UserID
	}{
		{"c1", []learnstats.UserID{"a1"}},
		{"c2", []learnstats.UserID{"a1", "a2"}},
		{"c3", []learnstats.UserID{"a1", "a2", "a3"}},
		{"c4", []learnstats.UserID{"a1"}},
		{"c5", []learnstats.UserID{"a2"}},
	} {
		t.Run(string(tt.course), func(t *testing.T) {
			a := mustAcc(t, asOf, cat)
			must(t, a.AddAttempt(view("v", tt.course, "l", asOf.Add(-time.Hour))))
			var got []learnstats.UserID
			for _, s := range mustResult(t, a, Profile{User: "a1", PlatformOwner: true}, Profile{User: "a2", PlatformOwner: true}, Profile{User: "a3", PlatformOwner: true}).Profiles {
				if s.CreatorMetrics.CourseViews > 1 {
					t.Errorf("%s credited %d times", s.User, s.CreatorMetrics.CourseViews)
				}
				if s.CreatorMetrics.CourseViews == 1 {
					got = append(got, s.User)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	if err := mustAcc(t, asOf, cat).AddAttempt(view("v9", "nope", "l", asOf.Add(-time.Hour))); !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), "v9") {
		t.Errorf("a view of an unknown course: %v", err)
	}
}

func TestP1_DuplicateCycle(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		courses []Course
		names   string
	}{
		{"two-course cycle", "c1 ← c2 ← c1", []Course{{ID: "c1", MainAuthor: "a", DuplicatedFrom: "c2"}, {ID: "c2", MainAuthor: "b", DuplicatedFrom: "c1"}}, "c1"},
		{"self duplicate", "", []Course{{ID: "c7", MainAuthor: "a", DuplicatedFrom: "c7"}}, "c7"},
		{"three-course cycle behind a chain", "c0 → c1 → c2 → c3 → c1", []Course{
			{ID: "c0", MainAuthor: "a", DuplicatedFrom: "c1"}, {ID: "c1", MainAuthor: "a", DuplicatedFrom: "c2"},
			{ID: "c2", MainAuthor: "a", DuplicatedFrom: "c3"}, {ID: "c3", MainAuthor: "a", DuplicatedFrom: "c1"}}, "c0"},
		{"unknown original", "", []Course{{ID: "c1", MainAuthor: "a", DuplicatedFrom: "gone"}}, "gone"},
		{"no main author", "", []Course{{ID: "c1"}}, "c1"},
		{"duplicate ID", "", []Course{{ID: "c1", MainAuthor: "a"}, {ID: "c1", MainAuthor: "b"}}, "c1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCatalog(slices.Values(tt.courses), nil)
			if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), tt.names) {
				t.Errorf("err = %v, want ErrInvalidRecord naming %q (%s)", err, tt.names, tt.reason)
			}
		})
	}
}

func TestP1_CreatorMetrics(t *testing.T) {
	asOf := testAsOf(t)
	cat := creatorCatalog(t, asOf)
	in := asOf.AddDate(0, 0, -10)
	out := asOf.AddDate(0, 0, -91)
	attempts := []learnstats.Attempt{
		view("t1", "c1", "l1", in),
		view("t2", "c2", "l1", in),
		view("t3", "c3", "l2", in), // a1, a2, a3
		view("t4", "c4", "l2", in), // a1 once
		view("t5", "c5", "a2", in), // an author's own view counts
		view("t6", "c1", "l1", out),
		view("t7", "c1", "l1", asOf),
	}
	posts := []learnstats.Post{
		{ID: "k1", Author: "l1", Place: learnstats.PlaceCourseForum, Course: "c3", At: in},
		{ID: "k2", Author: "l1", Place: learnstats.PlaceCourseForum, Course: "c5", At: out},
		{ID: "k3", Author: "l1", Place: learnstats.PlaceCourseForum, Course: "c5", Unpublished: true, At: in}, // a draft: no comment
	}
	react := func(id string, course learnstats.StepID, user learnstats.UserID, score int64, at time.Time) learnstats.Reaction {
		return learnstats.Reaction{ID: id, Course: course, User: user, Score: score, At: at}
	}
	reactions := []learnstats.Reaction{
		// a1: 5 + 4 + 4 on c1, c2, c3 → 13/3 = 4.333… → 4.33
		react("r1", "c1", "l1", 5, in),
		react("r2", "c2", "l1", 4, in),
		react("r3", "c3", "l1", 4, in),
		// a2 also gets r2, r3 and c5's: 4 + 4 + 1 + 0 + 0 + 0 + 0 = 9/7 = 1.2857 → 1.29
		react("r4", "c5", "l1", 1, in),
		react("r5", "c5", "l2", 0, in),
		react("r6", "c5", "l3", 0, in),
		react("r7", "c5", "l4", 0, in),
		react("r8", "c5", "l5", 0, in),
		react("r9", "c5", "l6", 9, out),
	}
	profiles := []Profile{
		{User: "a3", GroupRoles: []GroupRole{GroupAuthor}},
		{User: "a1", PlatformOwner: true},
		{User: "a2", GroupRoles: []GroupRole{GroupAdministrator}},
		{User: "a4", GroupRoles: []GroupRole{GroupAuthor}},
	}
	res, err := StatsOf(asOf, cat, slices.Values(profiles), slices.Values(attempts), slices.Values(posts), slices.Values(reactions), nil, nil)
	must(t, err)
	ratio := learnstats.NewRatio
	want := []Stats{
		{User: "a1", Creator: true, CreatorMetrics: CreatorMetrics{CourseViews: 4, CommentsReceived: 1, Reactions: 3, AverageReactionScore: ratio(13, 3), PublishedCourses: 2}},
		{User: "a2", Creator: true, CreatorMetrics: CreatorMetrics{CourseViews: 3, CommentsReceived: 1, Reactions: 7, AverageReactionScore: ratio(9, 7), PublishedCourses: 1}},
		{User: "a3", Creator: true, CreatorMetrics: CreatorMetrics{CourseViews: 1, CommentsReceived: 1, Reactions: 1, AverageReactionScore: ratio(4, 1), PublishedCourses: 0}},
		{User: "a4", Creator: true},
	}
	if diff := cmp.Diff(want, res.Profiles); diff != "" {
		t.Errorf("profiles (-want +got)\n%s", diff)
	}
	var avgs []string
	for _, p := range res.Profiles {
		if avg := p.CreatorMetrics.AverageReactionScore; avg.Valid() {
			avgs = append(avgs, avg.Decimal(2).StringFixed(2))
		} else {
			avgs = append(avgs, "")
		}
	}
	if diff := cmp.Diff([]string{"4.33", "1.29", "4.00", ""}, avgs); diff != "" {
		t.Errorf("averages (-want +got)\n%s", diff)
	}
	if res.LeftOut.OutsideWindow != 4 || res.LeftOut.UnpublishedCourses != 2 || res.LeftOut.Unpublished != 1 {
		t.Errorf("left out %+v, want 4 outside window (t6, t7, k2, r9), 1 unpublished post (k3), 2 unpublished courses (c3 at asOf, c5)", res.LeftOut)
	}
	if got := res.Profiles[0].Hover(); got != "4 course views" {
		t.Errorf("hover %q", got)
	}
	if got := res.Profiles[2].Hover(); got != "1 course view" {
		t.Errorf("hover %q", got)
	}
}

func TestP1_AverageRounding(t *testing.T) {
	for _, tt := range []struct {
		sum, n int64
		want   string
	}{
		{1, 8, "0.13"}, {-1, 8, "-0.13"}, {23, 40, "0.58"}, {2, 3, "0.67"}, {10, 4, "2.50"}, {0, 5, "0.00"},
	} {
		cat := mustCatalog(t, []Course{{ID: "c", MainAuthor: "a"}}, nil)
		asOf := testAsOf(t)
		acc := mustAcc(t, asOf, cat)
		for i := range tt.n {
			score := int64(0)
			if i == 0 {
				score = tt.sum
			}
			must(t, acc.AddReaction(learnstats.Reaction{ID: string(rune('a' + i)), Course: "c", User: "l", Score: score, At: asOf.Add(-time.Hour)}))
		}
		s, _ := mustResult(t, acc, Profile{User: "a", PlatformOwner: true}).Profile("a")
		if got := s.CreatorMetrics.AverageReactionScore.Decimal(2).StringFixed(2); got != tt.want {
			t.Errorf("%d/%d = %s, want %s (half away from zero)", tt.sum, tt.n, got, tt.want)
		}
	}
	if (CreatorMetrics{}).AverageReactionScore.Valid() {
		t.Error("no reactions: an average")
	}
}

// learnerPosts are the posts of TestP2_LearnerMetrics: replies are in
// their thread's place.
func learnerPosts(asOf, in, start, out time.Time) []learnstats.Post {
	feed, course, path, other := learnstats.PlaceGroupFeed, learnstats.PlaceCourseForum, learnstats.PlacePathForum, learnstats.PlaceOther
	return []learnstats.Post{
		{ID: "p1", Author: "u1", Place: feed, At: asOf.AddDate(0, -6, 0)},                    // old post: replies still count
		{ID: "p2", Author: "u1", Place: course, At: in},                                      // course forum
		{ID: "p3", Author: "u1", Place: path, At: in},                                        // path forum
		{ID: "p4", Author: "u1", Place: other, At: in},                                       // not a counted place
		{ID: "p5", Author: "u2", Place: feed, At: in},                                        // someone else's post
		{ID: "r1", Author: "u2", Place: feed, ReplyTo: "p1", At: in},                         // counted
		{ID: "r2", Author: "u3", Place: course, ReplyTo: "p2", At: in},                       // counted
		{ID: "r3", Author: "u3", Place: path, ReplyTo: "p3", At: start},                      // counted: exactly 90 days before
		{ID: "r4", Author: "u3", Place: path, ReplyTo: "p3", At: out},                        // outside
		{ID: "r5", Author: "u1", Place: feed, ReplyTo: "p1", At: in},                         // self-reply
		{ID: "r6", Author: "u2", Place: feed, ReplyTo: "r5", At: in},                         // reply to the user's own reply
		{ID: "r7", Author: "u3", Place: feed, ReplyTo: "r1", At: in},                         // reply to a reply
		{ID: "r8", Author: "u2", Place: other, ReplyTo: "p4", At: in},                        // elsewhere
		{ID: "r9", Author: "u1", Place: feed, ReplyTo: "p5", At: in},                         // counted for u2
		{ID: "r10", Author: "u3", Place: feed, ReplyTo: "p1", At: asOf},                      // at asOf: outside
		{ID: "r11", Author: "u1", Place: feed, ReplyTo: "r6", At: in.Add(time.Minute)},       // reply to a reply
		{ID: "r12", Author: "u4", Place: course, ReplyTo: "p2", At: asOf.Add(-1)},            // counted
		{ID: "p6", Author: "u4", Place: feed, At: asOf.Add(-2 * time.Hour)},                  // top-level post only
		{ID: "p7", Author: "u1", Place: feed, Unpublished: true, At: in},                     // a draft
		{ID: "r13", Author: "u2", Place: feed, ReplyTo: "p7", At: in},                        // a reply to a draft
		{ID: "r14", Author: "u2", Place: feed, ReplyTo: "p1", Unpublished: true, At: in},     // a withdrawn reply
		{ID: "r15", Author: "u2", Place: learnstats.PlaceSessionFeed, ReplyTo: "p8", At: in}, // a session feed is not a group feed
		{ID: "p8", Author: "u1", Place: learnstats.PlaceSessionFeed, At: in},
	}
}

func TestP2_LearnerMetrics(t *testing.T) {
	asOf := testAsOf(t)
	start := asOf.AddDate(0, 0, -90)
	in := asOf.AddDate(0, 0, -5)
	out := start.Add(-time.Nanosecond)
	posts := learnerPosts(asOf, in, start, out)
	cat := mustCatalog(t, []Course{{ID: "c1", MainAuthor: "a"}}, posts)
	like := func(id string, post learnstats.PostID, user learnstats.UserID, kind learnstats.ReactionKind, at time.Time) learnstats.Reaction {
		return learnstats.Reaction{ID: id, Post: post, User: user, Kind: kind, At: at}
	}
	reactions := []learnstats.Reaction{
		like("x1", "p1", "u2", learnstats.ReactionLike, in),
		like("x2", "p2", "u3", learnstats.ReactionLike, start),
		like("x3", "p2", "u3", learnstats.ReactionLove, in),
		like("x4", "r5", "u2", learnstats.ReactionLike, in),
		like("x5", "p4", "u2", learnstats.ReactionLike, in),
		like("x6", "p1", "u2", learnstats.ReactionLike, asOf),
		like("x7", "p5", "u1", learnstats.ReactionLike, in),
	}
	completions := []Completion{
		{ID: "k1", Course: "c1", User: "u1", At: in},
		{ID: "k2", Course: "c1", User: "u1", At: in.Add(time.Hour)}, // completed twice: 2
		{ID: "k3", Course: "c1", User: "u1", At: out},
	}
	sessions := []Session{
		{ID: "s1", Course: "c1", User: "u1", Start: in, End: in.Add(90 * time.Minute)},
		{ID: "s2", Course: "c1", User: "u1", Start: start.Add(-time.Hour), End: start.Add(30 * time.Minute)}, // clipped: 30 min
		{ID: "s3", Course: "c1", User: "u1", Start: asOf.Add(-10 * time.Minute), End: asOf.Add(time.Hour)},   // clipped: 10 min
		{ID: "s4", Course: "c1", User: "u1", Start: start.Add(-time.Hour), End: start},                       // ends at the start: outside
		{ID: "s5", Course: "c1", User: "u1", Start: asOf, End: asOf.Add(time.Hour)},                          // outside
	}
	profiles := []Profile{{User: "u2"}, {User: "u1"}, {User: "u4", GroupRoles: []GroupRole{GroupUserAdministrator}}}
	res, err := StatsOf(asOf, cat, slices.Values(profiles), nil, slices.Values(posts), slices.Values(reactions), slices.Values(completions), slices.Values(sessions))
	must(t, err)
	want := []Stats{
		{User: "u1", LearnerMetrics: LearnerMetrics{CompletedCourses: 2, CommentsReceived: 4, ReactionsReceived: 2, TrainingTime: 130 * time.Minute}},
		{User: "u2", LearnerMetrics: LearnerMetrics{CommentsReceived: 1, ReactionsReceived: 1}},
		{User: "u4"},
	}
	if diff := cmp.Diff(want, res.Profiles); diff != "" {
		t.Errorf("profiles (-want +got)\n%s", diff)
	}
	wantLeft := LeftOut{OutsideWindow: 7, Unpublished: 3, TopLevelPosts: 6, RepliesToReplies: 4, OtherPlaces: 3, SelfComments: 1, NotLikes: 1, UnpublishedCourses: 1}
	if diff := cmp.Diff(wantLeft, res.LeftOut); diff != "" {
		t.Errorf("left out (-want +got)\n%s", diff)
	}
	if got := res.Profiles[0].Hover(); got != "4 comments received, 2 reactions received" {
		t.Errorf("hover %q", got)
	}
	if got := res.Profiles[1].Hover(); got != "1 comment received, 1 reaction received" {
		t.Errorf("hover %q", got)
	}
}

func TestP2_SelfReply(t *testing.T) {
	asOf := testAsOf(t)
	at := asOf.Add(-time.Hour)
	posts := []learnstats.Post{
		{ID: "p", Author: "u1", Place: learnstats.PlaceGroupFeed, At: at},
		{ID: "self", Author: "u1", Place: learnstats.PlaceGroupFeed, ReplyTo: "p", At: at},
		{ID: "other", Author: "u2", Place: learnstats.PlaceGroupFeed, ReplyTo: "p", At: at},
	}
	res, err := StatsOf(asOf, mustCatalog(t, nil, posts), slices.Values([]Profile{{User: "u1"}}), nil, slices.Values(posts), nil, nil, nil)
	must(t, err)
	if got := res.Profiles[0].LearnerMetrics.CommentsReceived; got != 1 {
		t.Errorf("comments received %d, want 1 (the self-reply is excluded)", got)
	}
	if res.LeftOut.SelfComments != 1 {
		t.Errorf("self comments left out %d, want 1", res.LeftOut.SelfComments)
	}
}

// TestP1_P2_CourseForumReply: a reply in a course's forum to a learner's
// post there is both a comment on the course (P-1, for its authors) and a
// comment received by the post's author (P-2).
func TestP1_P2_CourseForumReply(t *testing.T) {
	asOf := testAsOf(t)
	at := asOf.Add(-time.Hour)
	posts := []learnstats.Post{
		{ID: "q", Author: "l1", Place: learnstats.PlaceCourseForum, Course: "c", At: at},
		{ID: "a", Author: "l2", Place: learnstats.PlaceCourseForum, Course: "c", ReplyTo: "q", At: at},
	}
	res, err := StatsOf(asOf, mustCatalog(t, []Course{{ID: "c", MainAuthor: "author"}}, posts),
		slices.Values([]Profile{{User: "author", PlatformOwner: true}, {User: "l1"}}), nil, slices.Values(posts), nil, nil, nil)
	must(t, err)
	author, _ := res.Profile("author")
	l1, _ := res.Profile("l1")
	if author.CreatorMetrics.CommentsReceived != 2 || l1.LearnerMetrics.CommentsReceived != 1 || res.LeftOut != (LeftOut{UnpublishedCourses: 1}) {
		t.Errorf("author %+v, l1 %+v, left out %+v; want 2 course comments, 1 comment received, no post left out", author, l1, res.LeftOut)
	}
}

func TestP2_InvalidRecords(t *testing.T) {
	asOf := testAsOf(t)
	at := asOf.Add(-time.Hour)
	cat := mustCatalog(t, []Course{{ID: "c1", MainAuthor: "a"}}, []learnstats.Post{{ID: "p1", Author: "u1", Place: learnstats.PlaceGroupFeed, At: at}})
	tests := []struct {
		name  string
		add   func(a *Accumulator) error
		want  error
		names string
	}{
		{"attempt on unknown course", func(a *Accumulator) error { return a.AddAttempt(view("t9", "c9", "u", at)) }, learnstats.ErrInvalidRecord, "t9"},
		{"attempt without start", func(a *Accumulator) error { return a.AddAttempt(view("t8", "c1", "u", time.Time{})) }, learnstats.ErrInvalidRecord, "t8"},
		{"comment on unknown course outside the window", func(a *Accumulator) error {
			return a.AddPost(learnstats.Post{ID: "k9", Author: "u", Place: learnstats.PlaceCourseForum, Course: "c9", At: asOf})
		}, learnstats.ErrInvalidRecord, "k9"},
		{"reaction without time", func(a *Accumulator) error {
			return a.AddReaction(learnstats.Reaction{ID: "r9", Course: "c1", User: "u"})
		}, learnstats.ErrInvalidRecord, "r9"},
		{"reaction on unknown course", func(a *Accumulator) error {
			return a.AddReaction(learnstats.Reaction{ID: "r8", Course: "c9", User: "u", At: at})
		}, learnstats.ErrInvalidRecord, "r8"},
		{"completion without user", func(a *Accumulator) error { return a.AddCompletion(Completion{ID: "k8", Course: "c1", At: at}) }, learnstats.ErrInvalidRecord, "k8"},
		{"completion of unknown course", func(a *Accumulator) error {
			return a.AddCompletion(Completion{ID: "k7", Course: "c9", User: "u", At: at})
		}, learnstats.ErrInvalidRecord, "k7"},
		{"completion of unknown course outside the window", func(a *Accumulator) error {
			return a.AddCompletion(Completion{ID: "k6", Course: "c9", User: "u", At: asOf})
		}, learnstats.ErrInvalidRecord, "k6"},
		{"session ending before it starts", func(a *Accumulator) error {
			return a.AddSession(Session{ID: "s9", Course: "c1", User: "u", Start: at, End: at.Add(-1)})
		}, learnstats.ErrInvalidRecord, "s9"},
		{"session on unknown course", func(a *Accumulator) error {
			return a.AddSession(Session{ID: "s8", Course: "c9", User: "u", Start: at, End: at.Add(time.Minute)})
		}, learnstats.ErrInvalidRecord, "s8"},
		{"reply to unknown post", func(a *Accumulator) error {
			return a.AddPost(learnstats.Post{ID: "r9", Author: "u", Place: learnstats.PlaceGroupFeed, ReplyTo: "nope", At: at})
		}, learnstats.ErrInvalidRecord, "r9"},
		{"like on unknown post", func(a *Accumulator) error {
			return a.AddReaction(learnstats.Reaction{ID: "x9", Post: "nope", User: "u", Kind: learnstats.ReactionLike, At: at})
		}, learnstats.ErrInvalidRecord, "x9"},
		{"empty ID", func(a *Accumulator) error { return a.AddCompletion(Completion{Course: "c1", User: "u7", At: at}) }, learnstats.ErrInvalidRecord, "u7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.add(mustAcc(t, asOf, cat))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.names) || !strings.HasPrefix(err.Error(), "profiles: ") {
				t.Errorf("err = %v, want %v naming %q", err, tt.want, tt.names)
			}
		})
	}
	var zero Accumulator
	if err := zero.AddCompletion(Completion{ID: "k", Course: "c1", User: "u", At: at}); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("zero accumulator Add: err = %v", err)
	}
	if _, err := NewAccumulator(asOf, nil); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("no catalog: err = %v", err)
	}
	for name, posts := range map[string][]learnstats.Post{
		"reply to unknown post": {{ID: "r", Author: "u", Place: learnstats.PlaceGroupFeed, ReplyTo: "gone", At: at}},
		"duplicate post":        {{ID: "p", Author: "u", Place: learnstats.PlaceGroupFeed, At: at}, {ID: "p", Author: "v", Place: learnstats.PlaceGroupFeed, At: at}},
	} {
		if _, err := NewCatalog(nil, slices.Values(posts)); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("catalog, %s: err = %v", name, err)
		}
	}
	if _, err := mustAcc(t, asOf, cat).Result(slices.Values([]Profile{{User: "u"}, {User: "u"}})); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("duplicate profile: err = %v", err)
	}
	if _, err := mustAcc(t, asOf, cat).Result(slices.Values([]Profile{{}})); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("profile without user: err = %v", err)
	}
}

// TestP2_EmptySessionInsideWindow: a session of zero length inside the
// window adds no time and is not counted as outside the window.
func TestP2_EmptySessionInsideWindow(t *testing.T) {
	asOf := testAsOf(t)
	at := asOf.Add(-time.Hour)
	a := mustAcc(t, asOf, mustCatalog(t, []Course{{ID: "c1", MainAuthor: "a"}}, nil))
	must(t, a.AddSession(Session{ID: "s1", Course: "c1", User: "u", Start: at, End: at}))
	must(t, a.AddSession(Session{ID: "s2", Course: "c1", User: "u", Start: asOf, End: asOf}))
	if got := mustResult(t, a).LeftOut.OutsideWindow; got != 1 {
		t.Errorf("outside window = %d, want 1 (only the empty session at asOf)", got)
	}
}

func TestAccumulator_Merge(t *testing.T) {
	asOf := testAsOf(t)
	cat := creatorCatalog(t, asOf)
	at := asOf.Add(-time.Hour)
	profiles := []Profile{{User: "a1", PlatformOwner: true}, {User: "a2", PlatformOwner: true}, {User: "a3", PlatformOwner: true}}
	for _, asOf := range []time.Time{asOf, at, asOf.AddDate(0, 0, 100)} {
		one, a, b := mustAcc(t, asOf, cat), mustAcc(t, asOf, cat), mustAcc(t, asOf, cat)
		for i, c := range []learnstats.StepID{"c1", "c2", "c3", "c5"} {
			for _, acc := range []*Accumulator{one, []*Accumulator{a, b}[i%2]} {
				must(t, acc.AddAttempt(view(string(c), c, "l", at)))
				must(t, acc.AddReaction(learnstats.Reaction{ID: string(c), Course: c, User: "l", Score: int64(i), At: at}))
			}
		}
		total := mustAcc(t, asOf, cat)
		must(t, total.Merge(b))
		must(t, total.Merge(a))
		if diff := cmp.Diff(mustResult(t, one, profiles...), mustResult(t, total, profiles...), ignoreIndex); diff != "" {
			t.Errorf("asOf %v: merged (-one pass +merged)\n%s", asOf, diff)
		}
		var zero Accumulator
		for name, err := range map[string]error{"self": total.Merge(total), "zero": total.Merge(&zero), "into zero": zero.Merge(total)} {
			if !errors.Is(err, learnstats.ErrMismatch) {
				t.Errorf("%s merge: %v", name, err)
			}
		}
	}
}
