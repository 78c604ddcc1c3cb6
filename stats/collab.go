package stats

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Collaborative activity (360Learning), rules R-1 … R-4.
//
// Rule R-1 (publications): posts by the user in the newsfeed of a group,
// a session or a user's profile page; replies to posts there count too.
//
// Rule R-2 (comments): posts and replies by the user in the contextual
// forum of a course, a learning need or a project, plus replies by the
// user in a newsfeed (so a newsfeed reply counts both as a publication and
// a comment, as documented).
//
// Rule R-3 (reactions): reactions by the user in courses' activities, plus
// likes on posts.
//
// Rule R-4 (scope): an administrator sees the users of their groups
// (learnstats.GroupScope); an author sees the users who played their
// courses ([AuthorScope]).

// PostPlace is where a post or reply was written.
type PostPlace string

// The post places: three newsfeeds and three contextual forums
//
const (
	PlaceGroupFeed         PostPlace = "group-feed"
	PlaceSessionFeed       PostPlace = "session-feed"
	PlaceProfileFeed       PostPlace = "profile-feed"
	PlaceCourseForum       PostPlace = "course-forum"
	PlaceLearningNeedForum PostPlace = "learning-need-forum"
	PlaceProjectForum      PostPlace = "project-forum"
)

// Newsfeed reports whether the place is a newsfeed.
func (p PostPlace) Newsfeed() bool {
	return p == PlaceGroupFeed || p == PlaceSessionFeed || p == PlaceProfileFeed
}

// Forum reports whether the place is a contextual forum.
func (p PostPlace) Forum() bool {
	return p == PlaceCourseForum || p == PlaceLearningNeedForum || p == PlaceProjectForum
}

// Post is a post or a reply to a post, by one user, in one place.
type Post struct {
	// ID identifies the post; it only names the record in error messages
	// (no check of uniqueness; 0 is accepted).
	ID int64
	// User is the author, whom the post counts for; it must not be empty.
	User learnstats.UserID
	// Place is where the post was written: a newsfeed or a
	// contextual forum. The zero value "" is no place: the post is
	// invalid.
	Place PostPlace
	// Reply is true for a reply to a post.
	Reply bool
	// Published is false for a draft or a withdrawn post: such posts are
	// left out of every count (L-7, R-1, R-2) and counted apart.
	Published bool
	// At is when the post was written; it must not be zero.
	At time.Time
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// post when it breaks an invariant.
func (p Post) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("stats: post %d of user %q: %w: %s", p.ID, p.User, ErrInvalidLearnerRecord, msg)
	}
	switch {
	case p.User == "":
		return bad("empty user")
	case !p.Place.Newsfeed() && !p.Place.Forum():
		return bad(fmt.Sprintf("unknown place %q", p.Place))
	case p.At.IsZero():
		return bad("zero time")
	}
	return nil
}

// ReactionKind is what a reaction reacts to.
type ReactionKind string

// The reaction kinds.
const (
	// ReactionActivity is a reaction in a course's activity.
	ReactionActivity ReactionKind = "activity"
	// ReactionPostLike is a like on a post.
	ReactionPostLike ReactionKind = "post-like"
)

// Reaction is one reaction by a user.
type Reaction struct {
	// ID identifies the reaction; it only names the record in error
	// messages (no check of uniqueness; 0 is accepted).
	ID int64
	// User is who reacted, whom the reaction counts for; it must not be
	// empty.
	User learnstats.UserID
	// Kind is what the reaction reacts to: both kinds count as one
	// reaction. The zero value "" is no kind: the reaction is invalid.
	Kind ReactionKind
	// At is when the user reacted; it must not be zero.
	At time.Time
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// reaction when it breaks an invariant.
func (r Reaction) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("stats: reaction %d of user %q: %w: %s", r.ID, r.User, ErrInvalidLearnerRecord, msg)
	}
	switch {
	case r.User == "":
		return bad("empty user")
	case r.Kind != ReactionActivity && r.Kind != ReactionPostLike:
		return bad(fmt.Sprintf("unknown kind %q", r.Kind))
	case r.At.IsZero():
		return bad("zero time")
	}
	return nil
}

// CollabCounts are one user's collaborative activity counts.
type CollabCounts struct {
	Publications int
	Comments     int
	Reactions    int
}

// CollabAcc accumulates collaborative activity (R-1 … R-3) for any number
// of users. The zero CollabAcc is empty with no cut-off; set AsOf before
// the first Add to leave out (and count) records at or after asOf. Merge
// is associative and commutative.
type CollabAcc struct {
	// AsOf is the cut-off (zero: none).
	AsOf time.Time

	users       map[learnstats.UserID]*CollabCounts
	later       int
	unpublished int
}

func (a *CollabAcc) counts(t time.Time) bool {
	if !a.AsOf.IsZero() && !t.Before(a.AsOf) {
		a.later++
		return false
	}
	return true
}

func (a *CollabAcc) user(id learnstats.UserID) *CollabCounts {
	if a.users == nil {
		a.users = make(map[learnstats.UserID]*CollabCounts)
	}
	c := a.users[id]
	if c == nil {
		c = &CollabCounts{}
		a.users[id] = c
	}
	return c
}

// AddPost counts a published post or reply; an unpublished
// one is counted in Unpublished only. An invalid post is an error
// wrapping [ErrInvalidLearnerRecord].
func (a *CollabAcc) AddPost(p Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if !a.counts(p.At) {
		return nil
	}
	if !p.Published {
		a.unpublished++
		return nil
	}
	c := a.user(p.User)
	switch {
	case p.Place.Newsfeed():
		c.Publications++ // Rule R-1: posts and replies in a newsfeed.
		if p.Reply {
			c.Comments++ // Rule R-2: a newsfeed reply is also a comment.
		}
	default:
		c.Comments++ // Rule R-2: posts and replies in a contextual forum.
	}
	return nil
}

// AddReaction counts a reaction.
func (a *CollabAcc) AddReaction(r Reaction) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if !a.counts(r.At) {
		return nil
	}
	a.user(r.User).Reactions++
	return nil
}

// Merge adds b's counts into a; different AsOf is an error wrapping
// [ErrLearnerMerge].
func (a *CollabAcc) Merge(b *CollabAcc) error {
	if !a.AsOf.Equal(b.AsOf) {
		return fmt.Errorf("%w: asOf %s and %s", ErrLearnerMerge, a.AsOf.Format(time.RFC3339Nano), b.AsOf.Format(time.RFC3339Nano))
	}
	for id, bc := range b.users {
		c := a.user(id)
		c.Publications += bc.Publications
		c.Comments += bc.Comments
		c.Reactions += bc.Reactions
	}
	a.later += b.later
	a.unpublished += b.unpublished
	return nil
}

// Counts returns the counts of user id (zero when none).
func (a *CollabAcc) Counts(id learnstats.UserID) CollabCounts {
	if c := a.users[id]; c != nil {
		return *c
	}
	return CollabCounts{}
}

// Later is the number of records left out because they are at or after
// AsOf; Unpublished the number of unpublished posts left out.
func (a *CollabAcc) Later() int { return a.later }

// Unpublished is the number of unpublished posts left out of the counts.
func (a *CollabAcc) Unpublished() int { return a.unpublished }

// CollabRow is one row of the collaborative activity export.
type CollabRow struct {
	// User is the row's user as the directory holds it (First name, Last
	// name, Email columns).
	User learnstats.User
	CollabCounts
}

// CollabResult is the result of [Collab].
type CollabResult struct {
	// Rows has one row per user of the directory in scope, in
	// [CompareLearners] order, including users with zero counts.
	Rows []CollabRow
	// OutOfScope is the number of users left out because the viewer may
	// not see them.
	OutOfScope int
	// Later and Unpublished count the records of in-scope users left out
	// (at or after asOf; unpublished posts). Records of users outside the
	// scope are not looked at: no count includes them.
	Later, Unpublished int
}

// Collab computes the collaborative activity (R-1 … R-3) of every user of
// dir that scope sees, as of asOf. A record of an unknown user is an
// error wrapping [ErrLearnerUnknownUser]. nil streams are empty.
func Collab(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, posts iter.Seq[Post], reactions iter.Seq[Reaction]) (CollabResult, error) {
	acc := CollabAcc{AsOf: asOf}
	if scope == nil {
		scope = learnstats.UserSet(nil)
	}
	// Records of users outside the scope are skipped before any counting,
	// so that Later and Unpublished count in-scope users only.
	if err := feed(posts, func(p Post) error {
		if _, ok := dir.User(p.User); !ok {
			return fmt.Errorf("stats: post %d of user %q: %w", p.ID, p.User, ErrLearnerUnknownUser)
		}
		if !inScope(dir, scope, p.User) {
			return nil
		}
		return acc.AddPost(p)
	}); err != nil {
		return CollabResult{}, err
	}
	if err := feed(reactions, func(r Reaction) error {
		if _, ok := dir.User(r.User); !ok {
			return fmt.Errorf("stats: reaction %d of user %q: %w", r.ID, r.User, ErrLearnerUnknownUser)
		}
		if !inScope(dir, scope, r.User) {
			return nil
		}
		return acc.AddReaction(r)
	}); err != nil {
		return CollabResult{}, err
	}
	res := CollabResult{Later: acc.Later(), Unpublished: acc.Unpublished()}
	for _, id := range dir.IDs() {
		u, _ := dir.User(id)
		if !scope.SeesUser(u) {
			res.OutOfScope++
			continue
		}
		res.Rows = append(res.Rows, CollabRow{User: dir.Restrict(u, scope), CollabCounts: acc.Counts(id)})
	}
	slices.SortFunc(res.Rows, func(a, b CollabRow) int { return CompareLearners(a.User, b.User) })
	return res, nil
}

// AuthorScope returns the scope of an author: the users who played
// at least one of the author's courses, that is who have at least one
// attempt at a course for which authored returns true. Attempts at or
// after asOf do not count (the zero asOf: every attempt counts). The
// scope has no group column.
func AuthorScope(asOf time.Time, authored func(course string) bool, attempts iter.Seq[CourseAttempt]) learnstats.UserSet {
	s := learnstats.UserSet{}
	for a := range attempts {
		if !asOf.IsZero() && !a.ActivityAt().Before(asOf) {
			continue
		}
		if authored(a.Course) {
			s[a.User] = true
		}
	}
	return s
}
