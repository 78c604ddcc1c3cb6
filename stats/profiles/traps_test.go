package profiles

// Issue 9's traps for the public profile statistics, ported to the
// accumulator contract: mismatched catalogs and asOf (trap 1), overflow
// (trap 2), unknown enum values (SPEC section 0).

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

var trapT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func trapCatalog(t *testing.T, author learnstats.UserID, posts ...learnstats.Post) *Catalog {
	t.Helper()
	return mustCatalog(t, []Course{{ID: "c1", MainAuthor: author}, {ID: "c2", MainAuthor: "u9"}}, posts)
}

func wantMismatch(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrMismatch", what, err)
	}
}

func wantOverflow(t *testing.T, what string, err error, name string) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrOverflow", what, err)
		return
	}
	if !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "profiles: ") {
		t.Errorf("%s: error %q does not name %s (with the profiles: prefix)", what, err, name)
	}
}

// TestTrap1_P1_MergeCatalogFingerprint: catalogs are compared by their
// contents. The safety fixes (issue 9) fixed two catalogs built from the same records not
// merging (pointer comparison) and the error not wrapping ErrMismatch.
// asOf is part of the definition again (the window is applied as records
// arrive): accumulators of one catalog merge only for the same window.
func TestTrap1_P1_MergeCatalogFingerprint(t *testing.T) {
	post := learnstats.Post{ID: "p", Author: "u1", Place: learnstats.PlaceGroupFeed, At: trapT0.Add(-time.Hour)}
	with := func(f func(*learnstats.Post)) learnstats.Post { p := post; f(&p); return p }
	base := func() *Accumulator { return mustAcc(t, trapT0, trapCatalog(t, "u1", post)) }
	for _, tt := range []struct {
		name, reason string
		other        *Catalog
		asOf         time.Time
		mismatch     bool
	}{
		{"same records", "built twice from the same records, the post's time in another location",
			trapCatalog(t, "u1", with(func(p *learnstats.Post) { p.At = p.At.In(time.FixedZone("X", 7200)) })), trapT0, false},
		{"same asOf, another zone, same window", "the same instant in a zone without DST change: the same 90-day window",
			trapCatalog(t, "u1", post), trapT0.In(time.FixedZone("X", 7200)), false},
		{"another asOf", "one nanosecond later: another window", trapCatalog(t, "u1", post), trapT0.Add(1), true},
		{"another main author", "a course credits another user", trapCatalog(t, "u2", post), trapT0, true},
		{"another post time", "one post a second earlier", trapCatalog(t, "u1", with(func(p *learnstats.Post) { p.At = p.At.Add(-time.Second) })), trapT0, true},
		{"another post place", "the post in a forum", trapCatalog(t, "u1", with(func(p *learnstats.Post) { p.Place = learnstats.PlaceCourseForum })), trapT0, true},
		{"another post course", "the post in a course's forum", trapCatalog(t, "u1", with(func(p *learnstats.Post) { p.Place, p.Course = learnstats.PlaceCourseForum, "c1" })), trapT0, true},
		{"a withdrawn post", "the post unpublished", trapCatalog(t, "u1", with(func(p *learnstats.Post) { p.Unpublished = true })), trapT0, true},
		{"no post", "the catalog lacks the post", trapCatalog(t, "u1"), trapT0, true},
		{"a published course", "a course published at another time", mustCatalog(t, []Course{{ID: "c1", MainAuthor: "u1", PublishedBy: "u1", PublishedAt: trapT0}, {ID: "c2", MainAuthor: "u9"}}, []learnstats.Post{post}), trapT0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := base().Merge(mustAcc(t, tt.asOf, tt.other))
			if tt.mismatch {
				wantMismatch(t, tt.reason, err)
			} else if err != nil {
				t.Errorf("%s: %v, want a merge", tt.reason, err)
			}
		})
	}
	// One catalog, records of "two asOf": for each asOf, the accumulators
	// built for it merge, and give the one-pass result.
	cat := trapCatalog(t, "u1", post)
	for _, asOf := range []time.Time{trapT0, trapT0.AddDate(0, 0, -50), trapT0.Add(1)} {
		one, a, b := mustAcc(t, asOf, cat), mustAcc(t, asOf, cat), mustAcc(t, asOf, cat)
		for i, at := range []time.Time{trapT0.Add(-time.Hour), trapT0.AddDate(0, 0, -100)} {
			v := view(strconv.Itoa(i), "c1", "l", at)
			must(t, one.AddAttempt(v))
			must(t, []*Accumulator{a, b}[i].AddAttempt(v))
		}
		must(t, a.Merge(b))
		p := Profile{User: "u1", PlatformOwner: true}
		if d := cmp.Diff(mustResult(t, one, p), mustResult(t, a, p), ignoreIndex); d != "" {
			t.Errorf("asOf %v (-one +merged):\n%s", asOf, d)
		}
	}
}

// TestTrap1_P3_MergeAsOfOtherLocation: the same instant in Paris and in
// UTC starts the 90-day window at other instants across a DST change. In
// the safety fixes (issue 9) the accumulators of both merged into a result whose window
// depended on the merge order. Now the window is fixed at construction:
// each accumulator counts exactly what its window holds, and the two do
// not merge (learnstats.ErrMismatch).
func TestTrap1_P3_MergeAsOfOtherLocation(t *testing.T) {
	asOf := time.Date(2026, 5, 10, 12, 0, 0, 0, paris(t)) // 90 days back is before the March change
	// asOf is 10:00 UTC. The UTC window starts on 9 February at 10:00 UTC;
	// the Paris window on 9 February at 12:00 CET, 11:00 UTC.
	v := view("v", "c1", "l", time.Date(2026, 2, 9, 10, 30, 0, 0, time.UTC))
	p := Profile{User: "u1", PlatformOwner: true}
	parisAcc, utcAcc := mustAcc(t, asOf, trapCatalog(t, "u1")), mustAcc(t, asOf.UTC(), trapCatalog(t, "u1"))
	must(t, parisAcc.AddAttempt(v))
	must(t, utcAcc.AddAttempt(v))
	inParis, _ := mustResult(t, parisAcc, p).Profile("u1")
	inUTC, _ := mustResult(t, utcAcc, p).Profile("u1")
	if inParis.CreatorMetrics.CourseViews != 0 || inUTC.CreatorMetrics.CourseViews != 1 {
		t.Errorf("views: %d in the Paris window, %d in the UTC window; want 0 and 1", inParis.CreatorMetrics.CourseViews, inUTC.CreatorMetrics.CourseViews)
	}
	wantMismatch(t, "merge of the Paris and UTC windows", parisAcc.Merge(utcAcc))
	wantMismatch(t, "merge of the UTC and Paris windows", utcAcc.Merge(parisAcc))
	if again, _ := mustResult(t, parisAcc, p).Profile("u1"); again.CreatorMetrics.CourseViews != 0 {
		t.Errorf("the refused merge changed the Paris accumulator: %+v", again.CreatorMetrics)
	}
}

// TestP3_WindowAtAdd: the window is applied as records arrive, and the
// accumulator keeps a tally per credited user, never per record: a
// thousand views of one course by a thousand learners leave one tally,
// the course's author's, whatever their times.
func TestP3_WindowAtAdd(t *testing.T) {
	acc := mustAcc(t, trapT0, trapCatalog(t, "u1"))
	for i := range 1000 {
		must(t, acc.AddAttempt(view(strconv.Itoa(i), "c1", learnstats.UserID("l"+strconv.Itoa(i)), trapT0.Add(-time.Duration(i)*4*time.Hour))))
	}
	if len(acc.users) != 1 {
		t.Errorf("%d tallies for a thousand views of one author's course, want 1", len(acc.users))
	}
	res := mustResult(t, acc, Profile{User: "u1", PlatformOwner: true})
	// 90 days are 540 periods of 4 hours: views 1 … 540 are inside (view 0
	// is at asOf, outside; view 540 at the window's start, inside).
	if s, _ := res.Profile("u1"); s.CreatorMetrics.CourseViews != 540 || res.LeftOut.OutsideWindow != 460 {
		t.Errorf("views %d, outside the window %d; want 540 and 460", s.CreatorMetrics.CourseViews, res.LeftOut.OutsideWindow)
	}
}

// TestTrap2_P1_ReactionScoreOverflow: two course reactions scored 2⁶³−1:
// before the safety fixes (issue 9) the average reaction score came out -1.
func TestTrap2_P1_ReactionScoreOverflow(t *testing.T) {
	a := mustAcc(t, trapT0, trapCatalog(t, "u1"))
	r := learnstats.Reaction{ID: "r1", Course: "c1", User: "v", Score: math.MaxInt64, At: trapT0.Add(-time.Hour)}
	must(t, a.AddReaction(r))
	r.ID = "r2"
	wantOverflow(t, "second reaction", a.AddReaction(r), `reaction "r2"`)
	r.ID, r.Score = "r3", math.MinInt64
	wantOverflow(t, "a score of -2⁶³", mustAcc(t, trapT0, trapCatalog(t, "u1")).AddReaction(r), `reaction "r3"`)
	s, _ := mustResult(t, a, Profile{User: "u1", PlatformOwner: true}).Profile("u1")
	if s.CreatorMetrics.Reactions != 1 || !s.CreatorMetrics.AverageReactionScore.Equal(learnstats.NewRatio(math.MaxInt64, 1)) {
		t.Errorf("after the refused reaction: %+v", s.CreatorMetrics)
	}
	b := mustAcc(t, trapT0, trapCatalog(t, "u1"))
	r.ID, r.Score = "r4", 1
	must(t, b.AddReaction(r))
	wantOverflow(t, "merge", a.Merge(b), "profiles: merge")
}

// TestTrap2_P2_TrainingTimeOverflow: 1,200 sessions each covering the
// whole 90-day window (a user with overlapping sessions): before the safety fixes (issue 9)
// the training time wrapped to -289 years.
func TestTrap2_P2_TrainingTimeOverflow(t *testing.T) {
	a := mustAcc(t, trapT0, trapCatalog(t, "u1"))
	w := learnstats.LastDays(trapT0, 90)
	var err error
	n := 0
	for ; err == nil && n < 1200; n++ {
		err = a.AddSession(Session{ID: "s" + strconv.Itoa(n), Course: "c1", User: "v", Start: w.Start, End: w.End})
	}
	wantOverflow(t, "sessions over the whole window", err, `session "s`)
	s, _ := mustResult(t, a, Profile{User: "v"}).Profile("v")
	if s.LearnerMetrics.TrainingTime != time.Duration(n-1)*w.End.Sub(w.Start) {
		t.Errorf("after %d sessions: training time %v; want %d windows", n, s.LearnerMetrics.TrainingTime, n-1)
	}
}

// TestTrap_P2_UnknownReactionKind: a post reaction of kind "bogus" (or no
// kind) was silently "not a like" before the safety fixes (issue 9) (counted in NotLikes);
// now it is an error naming the reaction, even outside the window, and the
// accumulator is unchanged. The five kinds of the closed set
// (learnstats.ReactionKind) are accepted; only "like" counts.
func TestTrap_P2_UnknownReactionKind(t *testing.T) {
	cat := mustCatalog(t, nil, []learnstats.Post{{ID: "p", Author: "u1", Place: learnstats.PlaceGroupFeed, At: trapT0.Add(-time.Hour)}})
	for _, tt := range []struct {
		name, reason    string
		kind            learnstats.ReactionKind
		at              time.Time
		bad             bool
		likes, notLikes int
	}{
		{"bogus", "not a kind of the closed set", "bogus", trapT0.Add(-time.Minute), true, 0, 0},
		{"empty", "no kind is not a kind", "", trapT0.Add(-time.Minute), true, 0, 0},
		{"bogus outside the window", "invalid whatever the window", "bogus", trapT0.AddDate(-1, 0, 0), true, 0, 0},
		{"Like", "kinds are case-sensitive", "Like", trapT0.Add(-time.Minute), true, 0, 0},
		{"like", "counted (P-2)", learnstats.ReactionLike, trapT0.Add(-time.Minute), false, 1, 0},
		{"love", "a known kind that is not a like", learnstats.ReactionLove, trapT0.Add(-time.Minute), false, 0, 1},
		{"celebrate", "a known kind that is not a like", learnstats.ReactionCelebrate, trapT0.Add(-time.Minute), false, 0, 1},
		{"insightful", "a known kind that is not a like", learnstats.ReactionInsightful, trapT0.Add(-time.Minute), false, 0, 1},
		{"curious", "a known kind that is not a like", learnstats.ReactionCurious, trapT0.Add(-time.Minute), false, 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := mustAcc(t, trapT0, cat)
			err := a.AddReaction(learnstats.Reaction{ID: "r7", Post: "p", User: "v", Kind: tt.kind, At: tt.at})
			if tt.bad != (err != nil) || (tt.bad && (!errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"r7"`))) {
				t.Fatalf("%s: error = %v, want an error naming r7: %v", tt.reason, err, tt.bad)
			}
			res := mustResult(t, a, Profile{User: "u1"})
			if got := res.Profiles[0].LearnerMetrics.ReactionsReceived; got != tt.likes || res.LeftOut.NotLikes != tt.notLikes || res.LeftOut.OutsideWindow != 0 {
				t.Errorf("%s: reactions received %d, not likes %d, outside %d; want %d, %d, 0", tt.reason, got, res.LeftOut.NotLikes, res.LeftOut.OutsideWindow, tt.likes, tt.notLikes)
			}
		})
	}
}

// TestSection0_UnknownEnumValues: the enum-like fields the package reads
// reject a value outside their documented set, with an error naming the
// record.
func TestSection0_UnknownEnumValues(t *testing.T) {
	at := trapT0.Add(-time.Hour)
	cat := mustCatalog(t, nil, []learnstats.Post{{ID: "p", Author: "u1", Place: learnstats.PlaceGroupFeed, At: at}})
	for _, tt := range []struct {
		name, reason string
		err          error
		want         error
		names        string
	}{
		{"GroupRole", "an unknown group role", func() error {
			_, err := mustAcc(t, trapT0, cat).Result(slices.Values([]Profile{{User: "u1", GroupRoles: []GroupRole{9}}}))
			return err
		}(), learnstats.ErrInvalidRecord, `"u1"`},
		{"Place/catalog top-level", "an unknown place of a top-level post", func() error {
			_, err := NewCatalog(nil, slices.Values([]learnstats.Post{{ID: "q", Author: "u1", Place: "wall", At: at}}))
			return err
		}(), learnstats.ErrInvalidRecord, `"q"`},
		{"Place/catalog reply", "a reply without a place", func() error {
			_, err := NewCatalog(nil, slices.Values([]learnstats.Post{{ID: "p", Author: "u1", Place: learnstats.PlaceGroupFeed, At: at},
				{ID: "q", Author: "u2", ReplyTo: "p", At: at}}))
			return err
		}(), learnstats.ErrInvalidRecord, `"q"`},
		{"Place/AddPost", "an unknown place of a post given to the accumulator",
			mustAcc(t, trapT0, cat).AddPost(learnstats.Post{ID: "x", Author: "u3", Place: "-1", At: at}), learnstats.ErrInvalidRecord, `"x"`},
		{"ReactionKind", "an unknown post reaction kind",
			mustAcc(t, trapT0, cat).AddReaction(learnstats.Reaction{ID: "r", Post: "p", User: "u3", Kind: "wow", At: at}), learnstats.ErrInvalidRecord, `"r"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) || !strings.Contains(tt.err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, tt.err, tt.want, tt.names)
			}
		})
	}
}
