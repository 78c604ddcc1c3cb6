package stats

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

func publicParis(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// publicAsOf is a Sunday noon in Paris; the 90-day window starts on 24
// August 2026 at noon CEST and crosses the 25 October DST change.
func publicAsOf(t testing.TB) time.Time {
	return time.Date(2026, 11, 22, 12, 0, 0, 0, publicParis(t))
}

func mustCatalog(t testing.TB, courses []PublicCourse, posts []PublicPost) *PublicCatalog {
	t.Helper()
	c, err := NewPublicCatalog(slices.Values(courses), slices.Values(posts))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestP3_Window(t *testing.T) {
	asOf := publicAsOf(t)
	start := asOf.AddDate(0, 0, -90)
	if want := time.Date(2026, 8, 24, 12, 0, 0, 0, publicParis(t)); !start.Equal(want) {
		t.Fatalf("window start %v, want %v", start, want)
	}
	if start.Equal(asOf.Add(-90 * 24 * time.Hour)) {
		t.Fatal("the window must count calendar days, not 24-hour days, across the DST change")
	}
	cat := mustCatalog(t, []PublicCourse{{ID: "c", MainAuthor: "a"}}, nil)
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
			if got := PublicWindow(asOf).Contains(tt.at); got != tt.in {
				t.Errorf("PublicWindow contains %v = %v, want %v (%s)", tt.at, got, tt.in, tt.reason)
			}
			a := NewPublicAccumulator(cat, asOf)
			for _, err := range []error{
				a.AddCompletion(PublicCompletion{ID: "x", Course: "c", User: "l", At: tt.at}),
				a.AddAttempt(PublicAttempt{ID: "x", Course: "c", User: "l", At: tt.at}),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			res, err := a.Result(slices.Values([]PublicProfile{{User: "l"}, {User: "a", PlatformOwner: true}}))
			if err != nil {
				t.Fatal(err)
			}
			want := int64(0)
			if tt.in {
				want = 1
			}
			if got := res.Profiles[1].Learner.CompletedCourses; got != want {
				t.Errorf("completions = %d, want %d (%s)", got, want, tt.reason)
			}
			if got := res.Profiles[0].Creator.CourseViews; got != want {
				t.Errorf("course views = %d, want %d (%s)", got, want, tt.reason)
			}
			if got := res.LeftOut.OutsideWindow; got != 2*(1-want) {
				t.Errorf("left out = %d, want %d", got, 2*(1-want))
			}
		})
	}
}

func TestP1_Role(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		profile PublicProfile
		want    PublicRole
	}{
		{"plain learner", "", PublicProfile{User: "u"}, PublicLearner},
		{"learner and coach", "coaching is not creating", PublicProfile{User: "u", GroupRoles: []PublicGroupRole{PublicGroupLearner, PublicGroupCoach}}, PublicLearner},
		{"user administrator", "a user administrator is not a creator", PublicProfile{User: "u", GroupRoles: []PublicGroupRole{PublicGroupUserAdministrator}}, PublicLearner},
		{"platform owner", "", PublicProfile{User: "u", PlatformOwner: true}, PublicCreator},
		{"author in one group", "", PublicProfile{User: "u", GroupRoles: []PublicGroupRole{PublicGroupLearner, PublicGroupAuthor}}, PublicCreator},
		{"administrator in one group", "", PublicProfile{User: "u", GroupRoles: []PublicGroupRole{PublicGroupUserAdministrator, PublicGroupAdministrator}}, PublicCreator},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.profile.Role()
			if err != nil || got != tt.want {
				t.Errorf("Role = %v, %v; want %v (%s)", got, err, tt.want, tt.reason)
			}
		})
	}
	_, err := PublicProfile{User: "u9", GroupRoles: []PublicGroupRole{42}}.Role()
	if !errors.Is(err, ErrInvalidPublicRecord) || !strings.Contains(err.Error(), "u9") {
		t.Errorf("unknown role: err = %v", err)
	}
	if PublicLearner.String() != "learner" || PublicCreator.String() != "creator" || PublicRole(7).String() != "PublicRole(7)" {
		t.Error("PublicRole.String")
	}
}

// publicCreatorCatalog: c1 by a1; c2 duplicated from c1 by a2; c3
// duplicated from c2 by a3 (transitive); c4 duplicated from c1 by a1
// (same author, credited once); c5 by a2, unrelated.
func publicCreatorCatalog(t testing.TB, asOf time.Time) *PublicCatalog {
	return mustCatalog(t, []PublicCourse{
		{ID: "c1", MainAuthor: "a1", PublishedBy: "a1", PublishedAt: asOf.AddDate(-3, 0, 0)},
		{ID: "c2", MainAuthor: "a2", DuplicatedFrom: "c1", PublishedBy: "a2", PublishedAt: asOf.AddDate(0, 0, -1)},
		{ID: "c3", MainAuthor: "a3", DuplicatedFrom: "c2", PublishedBy: "a3", PublishedAt: asOf},
		{ID: "c4", MainAuthor: "a1", DuplicatedFrom: "c1", PublishedBy: "a1", PublishedAt: asOf.Add(-time.Nanosecond)},
		{ID: "c5", MainAuthor: "a2"},
	}, nil)
}

func TestP1_CreditedAuthors(t *testing.T) {
	cat := publicCreatorCatalog(t, publicAsOf(t))
	for _, tt := range []struct {
		course PublicCourseID
		want   []learnstats.UserID
	}{
		{"c1", []learnstats.UserID{"a1"}},
		{"c2", []learnstats.UserID{"a1", "a2"}},
		{"c3", []learnstats.UserID{"a1", "a2", "a3"}},
		{"c4", []learnstats.UserID{"a1"}},
		{"c5", []learnstats.UserID{"a2"}},
	} {
		got, ok := cat.CreditedAuthors(tt.course)
		if !ok {
			t.Fatalf("%s unknown", tt.course)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got)\n%s", tt.course, diff)
		}
	}
	if _, ok := cat.CreditedAuthors("nope"); ok {
		t.Error("unknown course reported known")
	}
}

func TestP1_DuplicateCycle(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		courses []PublicCourse
		want    error
		names   string
	}{
		{"two-course cycle", "c1 ← c2 ← c1", []PublicCourse{{ID: "c1", MainAuthor: "a", DuplicatedFrom: "c2"}, {ID: "c2", MainAuthor: "b", DuplicatedFrom: "c1"}}, ErrPublicDuplicateCycle, "c1"},
		{"self duplicate", "", []PublicCourse{{ID: "c7", MainAuthor: "a", DuplicatedFrom: "c7"}}, ErrPublicDuplicateCycle, "c7"},
		{"three-course cycle behind a chain", "c0 → c1 → c2 → c3 → c1", []PublicCourse{
			{ID: "c0", MainAuthor: "a", DuplicatedFrom: "c1"}, {ID: "c1", MainAuthor: "a", DuplicatedFrom: "c2"},
			{ID: "c2", MainAuthor: "a", DuplicatedFrom: "c3"}, {ID: "c3", MainAuthor: "a", DuplicatedFrom: "c1"}}, ErrPublicDuplicateCycle, "c0"},
		{"unknown original", "", []PublicCourse{{ID: "c1", MainAuthor: "a", DuplicatedFrom: "gone"}}, ErrInvalidPublicRecord, "gone"},
		{"no main author", "", []PublicCourse{{ID: "c1"}}, ErrInvalidPublicRecord, "c1"},
		{"duplicate ID", "", []PublicCourse{{ID: "c1", MainAuthor: "a"}, {ID: "c1", MainAuthor: "b"}}, ErrInvalidPublicRecord, "c1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPublicCatalog(slices.Values(tt.courses), nil)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.names) {
				t.Errorf("err = %v, want %v naming %q (%s)", err, tt.want, tt.names, tt.reason)
			}
		})
	}
}

func TestP1_CreatorMetrics(t *testing.T) {
	asOf := publicAsOf(t)
	cat := publicCreatorCatalog(t, asOf)
	in := asOf.AddDate(0, 0, -10)
	out := asOf.AddDate(0, 0, -91)
	recs := PublicRecords{
		Attempts: slices.Values([]PublicAttempt{
			{ID: "t1", Course: "c1", User: "l1", At: in},
			{ID: "t2", Course: "c2", User: "l1", At: in},
			{ID: "t3", Course: "c3", User: "l2", At: in}, // a1, a2, a3
			{ID: "t4", Course: "c4", User: "l2", At: in}, // a1 once
			{ID: "t5", Course: "c5", User: "a2", At: in}, // an author's own view counts
			{ID: "t6", Course: "c1", User: "l1", At: out},
			{ID: "t7", Course: "c1", User: "l1", At: asOf},
		}),
		CourseComments: slices.Values([]PublicCourseComment{
			{ID: "k1", Course: "c3", Author: "l1", At: in},
			{ID: "k2", Course: "c5", Author: "l1", At: out},
		}),
		CourseReactions: slices.Values([]PublicCourseReaction{
			// a1: 5 + 4 + 4 on c1, c2, c3 → 13/3 = 4.333… → 4.33
			{ID: "r1", Course: "c1", User: "l1", Score: 5, At: in},
			{ID: "r2", Course: "c2", User: "l1", Score: 4, At: in},
			{ID: "r3", Course: "c3", User: "l1", Score: 4, At: in},
			// a2 also gets r2, r3 and c5's: 4 + 4 + 1 + 0 + 0 + 0 + 0 + 0 = 9/8 = 1.125 → 1.13 (half away from zero)
			{ID: "r4", Course: "c5", User: "l1", Score: 1, At: in},
			{ID: "r5", Course: "c5", User: "l2", Score: 0, At: in},
			{ID: "r6", Course: "c5", User: "l3", Score: 0, At: in},
			{ID: "r7", Course: "c5", User: "l4", Score: 0, At: in},
			{ID: "r8", Course: "c5", User: "l5", Score: 0, At: in},
			{ID: "r9", Course: "c5", User: "l6", Score: 9, At: out},
		}),
	}
	profiles := []PublicProfile{
		{User: "a3", GroupRoles: []PublicGroupRole{PublicGroupAuthor}},
		{User: "a1", PlatformOwner: true},
		{User: "a2", GroupRoles: []PublicGroupRole{PublicGroupAdministrator}},
		{User: "a4", GroupRoles: []PublicGroupRole{PublicGroupAuthor}},
	}
	res, err := PublicStatsOf(cat, asOf, slices.Values(profiles), recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []PublicProfileStats{
		{User: "a1", Role: PublicCreator, Creator: PublicCreatorMetrics{CourseViews: 4, CommentsReceived: 1, Reactions: 3, ReactionScoreSum: 13, PublishedCourses: 2}},
		{User: "a2", Role: PublicCreator, Creator: PublicCreatorMetrics{CourseViews: 3, CommentsReceived: 1, Reactions: 7, ReactionScoreSum: 9, PublishedCourses: 1}},
		{User: "a3", Role: PublicCreator, Creator: PublicCreatorMetrics{CourseViews: 1, CommentsReceived: 1, Reactions: 1, ReactionScoreSum: 4, PublishedCourses: 0}},
		{User: "a4", Role: PublicCreator},
	}
	if diff := cmp.Diff(want, res.Profiles); diff != "" {
		t.Errorf("profiles (-want +got)\n%s", diff)
	}
	// a2: 9/7 = 1.2857 → 1.29.
	var avgs []string
	for _, p := range res.Profiles {
		avg, ok := p.Creator.AverageReactionScore()
		if !ok {
			avgs = append(avgs, "")
			continue
		}
		avgs = append(avgs, avg.StringFixed(2))
	}
	if diff := cmp.Diff([]string{"4.33", "1.29", "4.00", ""}, avgs); diff != "" {
		t.Errorf("averages (-want +got)\n%s", diff)
	}
	if res.LeftOut.OutsideWindow != 4 || res.LeftOut.UnpublishedCourses != 2 {
		t.Errorf("left out %+v, want 4 outside window (t6, t7, k2, r9), 2 unpublished (c3 at asOf, c5)", res.LeftOut)
	}
	if got := res.Profiles[0].Hover(); got != "4 course views" {
		t.Errorf("hover %q", got)
	}
	if got := res.Profiles[2].Hover(); got != "1 course view" {
		t.Errorf("hover %q", got)
	}
}

func TestP1_AverageRounding(t *testing.T) {
	tests := []struct {
		sum, n int64
		want   string
	}{
		{1, 8, "0.13"}, {-1, 8, "-0.13"}, {23, 40, "0.58"}, {2, 3, "0.67"}, {10, 4, "2.50"}, {0, 5, "0.00"},
	}
	for _, tt := range tests {
		avg, ok := PublicCreatorMetrics{Reactions: tt.n, ReactionScoreSum: tt.sum}.AverageReactionScore()
		if !ok || avg.StringFixed(2) != tt.want {
			t.Errorf("%d/%d = %s, want %s", tt.sum, tt.n, avg.StringFixed(2), tt.want)
		}
	}
	if _, ok := (PublicCreatorMetrics{}).AverageReactionScore(); ok {
		t.Error("no reactions: ok")
	}
}

func TestP2_LearnerMetrics(t *testing.T) {
	asOf := publicAsOf(t)
	start := PublicWindow(asOf).Start
	in := asOf.AddDate(0, 0, -5)
	out := start.Add(-time.Nanosecond)
	posts := []PublicPost{
		{ID: "p1", Author: "u1", Place: PublicNewsfeed, At: asOf.AddDate(0, -6, 0)},   // old post: replies still count
		{ID: "p2", Author: "u1", Place: PublicCourseForum, At: in},                    // course forum
		{ID: "p3", Author: "u1", Place: PublicPathForum, At: in},                      // path forum
		{ID: "p4", Author: "u1", Place: PublicElsewhere, At: in},                      // not a counted place
		{ID: "p5", Author: "u2", Place: PublicNewsfeed, At: in},                       // someone else's post
		{ID: "r1", Author: "u2", ReplyTo: "p1", At: in},                               // counted
		{ID: "r2", Author: "u3", ReplyTo: "p2", At: in},                               // counted
		{ID: "r3", Author: "u3", ReplyTo: "p3", At: start},                            // counted: exactly 90 days before
		{ID: "r4", Author: "u3", ReplyTo: "p3", At: out},                              // outside
		{ID: "r5", Author: "u1", ReplyTo: "p1", At: in},                               // self-reply
		{ID: "r6", Author: "u2", ReplyTo: "r5", At: in},                               // reply to the user's own reply
		{ID: "r7", Author: "u3", ReplyTo: "r1", At: in},                               // reply to a reply
		{ID: "r8", Author: "u2", ReplyTo: "p4", At: in},                               // elsewhere
		{ID: "r9", Author: "u1", ReplyTo: "p5", At: in},                               // counted for u2
		{ID: "r10", Author: "u3", ReplyTo: "p1", At: asOf},                            // at asOf: outside
		{ID: "r11", Author: "u1", ReplyTo: "r6", At: in.Add(time.Minute)},             // reply to a reply
		{ID: "r12", Author: "u4", ReplyTo: "p2", At: asOf.Add(-time.Nanosecond)},      // counted
		{ID: "p6", Author: "u4", Place: PublicNewsfeed, At: asOf.Add(-2 * time.Hour)}, // top-level post only
	}
	cat := mustCatalog(t, []PublicCourse{{ID: "c1", MainAuthor: "a"}}, posts)
	recs := PublicRecords{
		Posts: slices.Values(posts),
		PostReactions: slices.Values([]PublicPostReaction{
			{ID: "x1", Post: "p1", User: "u2", Kind: PublicLike, At: in},
			{ID: "x2", Post: "p2", User: "u3", Kind: PublicLike, At: start},
			{ID: "x3", Post: "p2", User: "u3", Kind: "love", At: in},
			{ID: "x4", Post: "r5", User: "u2", Kind: PublicLike, At: in},
			{ID: "x5", Post: "p4", User: "u2", Kind: PublicLike, At: in},
			{ID: "x6", Post: "p1", User: "u2", Kind: PublicLike, At: asOf},
			{ID: "x7", Post: "p5", User: "u1", Kind: PublicLike, At: in},
		}),
		Completions: slices.Values([]PublicCompletion{
			{ID: "k1", Course: "c1", User: "u1", At: in},
			{ID: "k2", Course: "c1", User: "u1", At: in.Add(time.Hour)}, // completed twice: 2
			{ID: "k3", Course: "c1", User: "u1", At: out},
		}),
		Sessions: slices.Values([]PublicSession{
			{ID: "s1", Course: "c1", User: "u1", Start: in, End: in.Add(90 * time.Minute)},
			{ID: "s2", Course: "c1", User: "u1", Start: start.Add(-time.Hour), End: start.Add(30 * time.Minute)}, // clipped: 30 min
			{ID: "s3", Course: "c1", User: "u1", Start: asOf.Add(-10 * time.Minute), End: asOf.Add(time.Hour)},   // clipped: 10 min
			{ID: "s4", Course: "c1", User: "u1", Start: start.Add(-time.Hour), End: start},                       // ends at the start: outside
			{ID: "s5", Course: "c1", User: "u1", Start: asOf, End: asOf.Add(time.Hour)},                          // outside
		}),
	}
	profiles := []PublicProfile{{User: "u2"}, {User: "u1"}, {User: "u4", GroupRoles: []PublicGroupRole{PublicGroupUserAdministrator}}}
	res, err := PublicStatsOf(cat, asOf, slices.Values(profiles), recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []PublicProfileStats{
		{User: "u1", Role: PublicLearner, Learner: PublicLearnerMetrics{CompletedCourses: 2, CommentsReceived: 4, ReactionsReceived: 2, TrainingTime: 130 * time.Minute}},
		{User: "u2", Role: PublicLearner, Learner: PublicLearnerMetrics{CommentsReceived: 1, ReactionsReceived: 1}},
		{User: "u4", Role: PublicLearner},
	}
	if diff := cmp.Diff(want, res.Profiles); diff != "" {
		t.Errorf("profiles (-want +got)\n%s", diff)
	}
	wantLeft := PublicLeftOut{OutsideWindow: 7, TopLevelPosts: 5, RepliesToReplies: 4, OtherPlaces: 2, SelfComments: 1, NotLikes: 1, UnpublishedCourses: 1}
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
	asOf := publicAsOf(t)
	at := asOf.Add(-time.Hour)
	posts := []PublicPost{
		{ID: "p", Author: "u1", At: at},
		{ID: "self", Author: "u1", ReplyTo: "p", At: at},
		{ID: "other", Author: "u2", ReplyTo: "p", At: at},
	}
	cat := mustCatalog(t, nil, posts)
	res, err := PublicStatsOf(cat, asOf, slices.Values([]PublicProfile{{User: "u1"}}), PublicRecords{Posts: slices.Values(posts)})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Profiles[0].Learner.CommentsReceived; got != 1 {
		t.Errorf("comments received %d, want 1 (the self-reply is excluded)", got)
	}
	if res.LeftOut.SelfComments != 1 {
		t.Errorf("self comments left out %d, want 1", res.LeftOut.SelfComments)
	}
}

func TestP2_InvalidRecords(t *testing.T) {
	asOf := publicAsOf(t)
	at := asOf.Add(-time.Hour)
	cat := mustCatalog(t, []PublicCourse{{ID: "c1", MainAuthor: "a"}}, []PublicPost{{ID: "p1", Author: "u1", At: at}})
	tests := []struct {
		name  string
		add   func(a *PublicAccumulator) error
		want  error
		names string
	}{
		{"attempt on unknown course", func(a *PublicAccumulator) error {
			return a.AddAttempt(PublicAttempt{ID: "t9", Course: "c9", User: "u", At: at})
		}, ErrInvalidPublicRecord, "t9"},
		{"unknown course outside the window", func(a *PublicAccumulator) error {
			return a.AddCourseComment(PublicCourseComment{ID: "k9", Course: "c9", Author: "u", At: asOf})
		}, ErrInvalidPublicRecord, "k9"},
		{"reaction without time", func(a *PublicAccumulator) error {
			return a.AddCourseReaction(PublicCourseReaction{ID: "r9", Course: "c1", User: "u"})
		}, ErrInvalidPublicRecord, "r9"},
		{"completion without user", func(a *PublicAccumulator) error {
			return a.AddCompletion(PublicCompletion{ID: "k8", Course: "c1", At: at})
		}, ErrInvalidPublicRecord, "k8"},
		{"session ending before it starts", func(a *PublicAccumulator) error {
			return a.AddSession(PublicSession{ID: "s9", User: "u", Start: at, End: at.Add(-1)})
		}, ErrInvalidPublicRecord, "s9"},
		{"completion of unknown course", func(a *PublicAccumulator) error {
			return a.AddCompletion(PublicCompletion{ID: "k7", Course: "c9", User: "u", At: at})
		}, ErrInvalidPublicRecord, "k7"},
		{"completion of unknown course outside the window", func(a *PublicAccumulator) error {
			return a.AddCompletion(PublicCompletion{ID: "k6", Course: "c9", User: "u", At: asOf})
		}, ErrInvalidPublicRecord, "k6"},
		{"session on unknown course", func(a *PublicAccumulator) error {
			return a.AddSession(PublicSession{ID: "s8", Course: "c9", User: "u", Start: at, End: at.Add(time.Minute)})
		}, ErrInvalidPublicRecord, "s8"},
		{"reply to unknown post", func(a *PublicAccumulator) error {
			return a.AddPost(PublicPost{ID: "r9", Author: "u", ReplyTo: "nope", At: at})
		}, ErrInvalidPublicRecord, "r9"},
		{"like on unknown post", func(a *PublicAccumulator) error {
			return a.AddPostReaction(PublicPostReaction{ID: "x9", Post: "nope", User: "u", Kind: PublicLike, At: at})
		}, ErrInvalidPublicRecord, "x9"},
		{"empty ID", func(a *PublicAccumulator) error {
			return a.AddAttempt(PublicAttempt{Course: "c1", User: "u7", At: at})
		}, ErrInvalidPublicRecord, "u7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.add(NewPublicAccumulator(cat, asOf))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.names) {
				t.Errorf("err = %v, want %v naming %q", err, tt.want, tt.names)
			}
		})
	}
	var zero PublicAccumulator
	if err := zero.AddCompletion(PublicCompletion{ID: "k", User: "u", At: at}); !errors.Is(err, ErrPublicMismatch) {
		t.Errorf("zero accumulator Add: err = %v", err)
	}
	_, err := NewPublicCatalog(nil, slices.Values([]PublicPost{{ID: "r", Author: "u", ReplyTo: "gone", At: at}}))
	if !errors.Is(err, ErrInvalidPublicRecord) || !strings.Contains(err.Error(), "gone") {
		t.Errorf("catalog reply to unknown post: err = %v", err)
	}
	_, err = NewPublicCatalog(nil, slices.Values([]PublicPost{{ID: "p", Author: "u", Place: 9, At: at}}))
	if !errors.Is(err, ErrInvalidPublicRecord) {
		t.Errorf("unknown place: err = %v", err)
	}
	_, err = NewPublicAccumulator(cat, asOf).Result(slices.Values([]PublicProfile{{User: "u"}, {User: "u"}}))
	if !errors.Is(err, ErrInvalidPublicRecord) {
		t.Errorf("duplicate profile: err = %v", err)
	}
}

func TestPublicAccumulator_Merge(t *testing.T) {
	asOf := publicAsOf(t)
	cat := publicCreatorCatalog(t, asOf)
	at := asOf.Add(-time.Hour)
	one := NewPublicAccumulator(cat, asOf)
	a := NewPublicAccumulator(cat, asOf)
	b := NewPublicAccumulator(cat, asOf)
	for i, c := range []PublicCourseID{"c1", "c2", "c3", "c5"} {
		r := PublicAttempt{ID: string(c), Course: c, User: "l", At: at}
		r2 := PublicCourseReaction{ID: string(c), Course: c, User: "l", Score: int64(i), At: at}
		for _, acc := range []*PublicAccumulator{one, []*PublicAccumulator{a, b}[i%2]} {
			if err := acc.AddAttempt(r); err != nil {
				t.Fatal(err)
			}
			if err := acc.AddCourseReaction(r2); err != nil {
				t.Fatal(err)
			}
		}
	}
	var zero PublicAccumulator
	if err := zero.Merge(b); err != nil {
		t.Fatal(err)
	}
	if err := zero.Merge(a); err != nil {
		t.Fatal(err)
	}
	profiles := []PublicProfile{{User: "a1", PlatformOwner: true}, {User: "a2", PlatformOwner: true}, {User: "a3", PlatformOwner: true}}
	want, err := one.Result(slices.Values(profiles))
	if err != nil {
		t.Fatal(err)
	}
	got, err := zero.Result(slices.Values(profiles))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got)\n%s", diff)
	}
	other := NewPublicAccumulator(cat, asOf.Add(time.Second))
	if err := zero.Merge(other); !errors.Is(err, ErrPublicMismatch) {
		t.Errorf("mismatched asOf: err = %v", err)
	}
	if err := zero.Merge(&PublicAccumulator{}); err != nil {
		t.Errorf("merging a zero accumulator: %v", err)
	}
}

// TestP2_EmptySessionInsideWindow: a session of zero length inside the
// window adds no time and is not counted as outside the window.
func TestP2_EmptySessionInsideWindow(t *testing.T) {
	asOf := publicAsOf(t)
	at := asOf.Add(-time.Hour)
	cat := mustCatalog(t, []PublicCourse{{ID: "c1", MainAuthor: "a"}}, nil)
	a := NewPublicAccumulator(cat, asOf)
	if err := a.AddSession(PublicSession{ID: "s1", Course: "c1", User: "u", Start: at, End: at}); err != nil {
		t.Fatal(err)
	}
	if err := a.AddSession(PublicSession{ID: "s2", Course: "c1", User: "u", Start: asOf, End: asOf}); err != nil {
		t.Fatal(err)
	}
	if got := a.left.OutsideWindow; got != 1 {
		t.Errorf("outside window = %d, want 1 (only the empty session at asOf)", got)
	}
}
