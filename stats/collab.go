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
// the first Add to leave out (and count) records at or after asOf. The
// first record freezes AsOf: a later Add, Merge or Counts finds a changed
// AsOf an error wrapping [ErrLearnerMerge]. Every count is checked: one
// that would overflow is an error wrapping [learnstats.ErrOverflow] naming
// the record. Merge is associative and commutative.
type CollabAcc struct {
	// AsOf is the cut-off (zero: none).
	AsOf time.Time

	asOf        frozenConfig[time.Time]
	users       map[learnstats.UserID]*CollabCounts
	later       int
	unpublished int
}

// counts freezes AsOf at the first record (or checks it is unchanged) and
// reports whether a record at t is before it; one at or after it is
// counted in later.
func (a *CollabAcc) counts(t time.Time, what func() string) (bool, error) {
	if err := learnerHoldAsOf(&a.asOf, a.AsOf, what); err != nil {
		return false, err
	}
	if !a.AsOf.IsZero() && !t.Before(a.AsOf) {
		n, ok := sum(a.later, 1)
		if !ok {
			return false, errOverflow("%s: count of records after asOf", what())
		}
		a.later = n
		return false, nil
	}
	return true, nil
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
	name := func() string { return fmt.Sprintf("post %d of user %q", p.ID, p.User) }
	if in, err := a.counts(p.At, name); err != nil || !in {
		return err
	}
	if !p.Published {
		n, ok := sum(a.unpublished, 1)
		if !ok {
			return errOverflow("%s: count of unpublished posts", name())
		}
		a.unpublished = n
		return nil
	}
	var pub, com int
	switch {
	case p.Place.Newsfeed():
		pub = 1 // Rule R-1: posts and replies in a newsfeed.
		if p.Reply {
			com = 1 // Rule R-2: a newsfeed reply is also a comment.
		}
	default:
		com = 1 // Rule R-2: posts and replies in a contextual forum.
	}
	c := a.user(p.User)
	if !sums([]*int{&c.Publications, &c.Comments}, []int{pub, com}) {
		return errOverflow("%s: publication or comment count", name())
	}
	return nil
}

// AddReaction counts a reaction.
func (a *CollabAcc) AddReaction(r Reaction) error {
	if err := r.Validate(); err != nil {
		return err
	}
	name := func() string { return fmt.Sprintf("reaction %d of user %q", r.ID, r.User) }
	if in, err := a.counts(r.At, name); err != nil || !in {
		return err
	}
	c := a.user(r.User)
	n, ok := sum(c.Reactions, 1)
	if !ok {
		return errOverflow("%s: reaction count", name())
	}
	c.Reactions = n // Rule R-3.
	return nil
}

// Merge adds b's counts into a. Different AsOf (or one changed after its
// first record) is an error wrapping [ErrLearnerMerge]; a count that would
// overflow one wrapping [learnstats.ErrOverflow] naming the user. On error
// a is unchanged; b is never modified. Merging an accumulator into itself
// counts its records twice.
func (a *CollabAcc) Merge(b *CollabAcc) error {
	if b == nil {
		return nil
	}
	x, err := learnerCheckAsOf(&a.asOf, a.AsOf, "collaborative activity")
	if err != nil {
		return err
	}
	y, err := learnerCheckAsOf(&b.asOf, b.AsOf, "collaborative activity")
	if err != nil {
		return err
	}
	if !sameInstant(x, y) {
		return fmt.Errorf("%w: asOf %s and %s", ErrLearnerMerge, x.Format(time.RFC3339Nano), y.Format(time.RFC3339Nano))
	}
	later, ok1 := sum(a.later, b.later)
	unpublished, ok2 := sum(a.unpublished, b.unpublished)
	if !ok1 || !ok2 {
		return errOverflow("collaborative activity: merge: count of records left out")
	}
	merged := make(map[learnstats.UserID]CollabCounts, len(b.users))
	for id, bc := range b.users {
		c := a.peek(id)
		var ok [3]bool
		c.Publications, ok[0] = sum(c.Publications, bc.Publications)
		c.Comments, ok[1] = sum(c.Comments, bc.Comments)
		c.Reactions, ok[2] = sum(c.Reactions, bc.Reactions)
		if ok != [3]bool{true, true, true} {
			return errOverflow("collaborative activity: merge: user %q: counts", id)
		}
		merged[id] = c
	}
	a.asOf.hold(a.AsOf, sameInstant)
	for id, c := range merged {
		*a.user(id) = c
	}
	a.later, a.unpublished = later, unpublished
	return nil
}

// peek returns the counts of user id as they are (zero when none).
func (a *CollabAcc) peek(id learnstats.UserID) CollabCounts {
	if c := a.users[id]; c != nil {
		return *c
	}
	return CollabCounts{}
}

// Counts returns the counts of user id (zero when none). An AsOf changed
// after the first record is an error wrapping [ErrLearnerMerge].
func (a *CollabAcc) Counts(id learnstats.UserID) (CollabCounts, error) {
	if _, err := learnerCheckAsOf(&a.asOf, a.AsOf, fmt.Sprintf("collaborative activity of user %q", id)); err != nil {
		return CollabCounts{}, err
	}
	return a.peek(id), nil
}

// Later is the number of records left out because they are at or after
// the AsOf frozen at the first record.
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

	scope learnstats.Scope
}

// Scope returns the scope the rows were computed for (SPEC section 0: a
// scoped export takes its scope once, from its result). It is nil for the
// zero CollabResult.
func (r CollabResult) Scope() learnstats.Scope { return r.scope }

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
	res := CollabResult{Later: acc.Later(), Unpublished: acc.Unpublished(), scope: scope}
	for _, id := range dir.IDs() {
		u, _ := dir.User(id)
		if !scope.SeesUser(u) {
			res.OutOfScope++
			continue
		}
		c, err := acc.Counts(id)
		if err != nil {
			return CollabResult{}, err
		}
		res.Rows = append(res.Rows, CollabRow{User: dir.Restrict(u, scope), CollabCounts: c})
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
