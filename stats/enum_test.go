package stats_test

// Issue 9, unknown enum values (SPEC section 0: "an unknown enum value" is
// invalid input, an error naming the record).

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// TestTrap_P2_UnknownReactionKind: a post reaction of kind "bogus" (or no
// kind) was silently "not a like" before the fix (counted in NotLikes);
// now it is an error naming the reaction, even outside the window, and the
// accumulator is unchanged. The five kinds of the closed set are accepted;
// only "like" counts.
func TestTrap_P2_UnknownReactionKind(t *testing.T) {
	posts := []stats.PublicPost{{ID: "p", Author: "u1", At: frozenT0.Add(-time.Hour)}}
	cat, err := stats.NewPublicCatalog(nil, slices.Values(posts))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, reason, kind string
		at                 time.Time
		bad                bool
		likes, notLikes    int64
	}{
		{"bogus", "not a kind of the closed set", "bogus", frozenT0.Add(-time.Minute), true, 0, 0},
		{"empty", "no kind is not a kind", "", frozenT0.Add(-time.Minute), true, 0, 0},
		{"bogus outside the window", "invalid whatever the window", "bogus", frozenT0.AddDate(-1, 0, 0), true, 0, 0},
		{"Like", "kinds are case-sensitive", "Like", frozenT0.Add(-time.Minute), true, 0, 0},
		{"like", "counted (P-2)", stats.PublicLike, frozenT0.Add(-time.Minute), false, 1, 0},
		{"love", "a known kind that is not a like", stats.PublicLove, frozenT0.Add(-time.Minute), false, 0, 1},
		{"celebrate", "a known kind that is not a like", stats.PublicCelebrate, frozenT0.Add(-time.Minute), false, 0, 1},
		{"insightful", "a known kind that is not a like", stats.PublicInsightful, frozenT0.Add(-time.Minute), false, 0, 1},
		{"curious", "a known kind that is not a like", stats.PublicCurious, frozenT0.Add(-time.Minute), false, 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := stats.NewPublicAccumulator(cat, frozenT0)
			err := a.AddPostReaction(stats.PublicPostReaction{ID: "r7", Post: "p", User: "v", Kind: tt.kind, At: tt.at})
			if tt.bad != (err != nil) || (tt.bad && (!errors.Is(err, stats.ErrInvalidPublicRecord) || !strings.Contains(err.Error(), `"r7"`))) {
				t.Fatalf("%s: error = %v, want an error naming r7: %v", tt.reason, err, tt.bad)
			}
			res, err := a.Result(slices.Values([]stats.PublicProfile{{User: "u1"}}))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Profiles[0].Learner.ReactionsReceived; got != tt.likes || res.LeftOut.NotLikes != tt.notLikes || res.LeftOut.OutsideWindow != 0 {
				t.Errorf("%s: reactions received %d, not likes %d, outside %d; want %d, %d, 0", tt.reason, got, res.LeftOut.NotLikes, res.LeftOut.OutsideWindow, tt.likes, tt.notLikes)
			}
		})
	}
}

// TestSection0_UnknownEnumValues: every enum-like field of the package's
// records rejects a value outside its documented set, with an error naming
// the record and wrapping the package's sentinel.
func TestSection0_UnknownEnumValues(t *testing.T) {
	dir, err := learnstats.NewDirectory([]learnstats.User{{ID: "u1"}})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stats.NewPublicCatalog(nil, slices.Values([]stats.PublicPost{{ID: "p", Author: "u1", At: frozenT0.Add(-time.Hour)}}))
	if err != nil {
		t.Fatal(err)
	}
	var learners stats.LearnerAcc
	var assign stats.AssignmentAcc
	var collab stats.CollabAcc
	for _, tt := range []struct {
		name, reason string
		err          error
		want         error
		names        string
	}{
		{"PostPlace", "an unknown post place", learners.AddPost(stats.Post{ID: 4, User: "u1", Place: "chat", At: frozenT0}),
			stats.ErrInvalidLearnerRecord, "post 4"},
		{"ReactionKind", "an unknown reaction kind", collab.AddReaction(stats.Reaction{ID: 5, User: "u1", Kind: "clap", At: frozenT0}),
			stats.ErrInvalidLearnerRecord, "reaction 5"},
		{"LearnerItemKind/progress", "a progress record of kind quiz", learners.AddProgress(stats.LearnerProgress{User: "u1", Kind: "quiz", Item: "X"}),
			stats.ErrInvalidLearnerRecord, `"X"`},
		{"LearnerItemKind/assignment", "an assignment of kind quiz", assign.Add(stats.Assignment{Kind: "quiz", Item: "X", User: "u1"}),
			stats.ErrInvalidLearnerRecord, `"X"`},
		{"RegistrationMethod", "an unknown registration method", func() error {
			_, err := stats.Registrations(dir, learnstats.Everything, "u1", slices.Values([]stats.Registration{{User: "u1", Method: "fax"}}))
			return err
		}(), stats.ErrInvalidRegistration, `"u1"`},
		{"PublicGroupRole", "an unknown group role", func() error {
			_, err := stats.PublicProfile{User: "u1", GroupRoles: []stats.PublicGroupRole{9}}.Role()
			return err
		}(), stats.ErrInvalidPublicRecord, `"u1"`},
		{"PublicPlace/catalog top-level", "an unknown place of a top-level post", func() error {
			_, err := stats.NewPublicCatalog(nil, slices.Values([]stats.PublicPost{{ID: "q", Author: "u1", Place: 42, At: frozenT0}}))
			return err
		}(), stats.ErrInvalidPublicRecord, `"q"`},
		{"PublicPlace/catalog reply", "an unknown place of a reply (not used, still invalid)", func() error {
			_, err := stats.NewPublicCatalog(nil, slices.Values([]stats.PublicPost{{ID: "p", Author: "u1", At: frozenT0},
				{ID: "q", Author: "u2", ReplyTo: "p", Place: 42, At: frozenT0}}))
			return err
		}(), stats.ErrInvalidPublicRecord, `"q"`},
		{"PublicPlace/AddPost", "an unknown place of a post given to the accumulator", stats.NewPublicAccumulator(cat, frozenT0).
			AddPost(stats.PublicPost{ID: "x", Author: "u3", Place: -1, At: frozenT0.Add(-time.Hour)}), stats.ErrInvalidPublicRecord, `"x"`},
		{"PublicPostReaction.Kind", "an unknown post reaction kind", stats.NewPublicAccumulator(cat, frozenT0).
			AddPostReaction(stats.PublicPostReaction{ID: "r", Post: "p", User: "u3", Kind: "wow", At: frozenT0.Add(-time.Hour)}), stats.ErrInvalidPublicRecord, `"r"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) || !strings.Contains(tt.err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, tt.err, tt.want, tt.names)
			}
		})
	}
}
