package stats

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// PublicWindowDays is the length of the public statistics window (rule
// P-3): the last 90 calendar days before asOf, [asOf.AddDate(0, 0, -90),
// asOf) in asOf's location.
const PublicWindowDays = 90

// PublicWindow returns the window of rule P-3 for asOf:
// learnstats.LastDays(asOf, 90), half-open, so an event exactly 90
// calendar days before asOf is inside and an event at asOf is outside.
func PublicWindow(asOf time.Time) learnstats.Window {
	return learnstats.LastDays(asOf, PublicWindowDays)
}

// ErrInvalidPublicRecord reports a public-statistics record that breaks an
// invariant: an empty ID, user or time, an unknown course or post, an
// unknown role or place, a session that ends before it starts, a duplicate
// ID in the catalog. The message names the record. Use errors.Is.
var ErrInvalidPublicRecord = errors.New("stats: invalid public-statistics record")

// ErrPublicDuplicateCycle reports courses whose "duplicated from" links
// form a cycle (a course that is, transitively, a duplicate of itself), so
// that rule P-1's transitive credit has no end. It wraps
// [ErrInvalidPublicRecord]. Use errors.Is.
var ErrPublicDuplicateCycle = fmt.Errorf("%w: duplicate cycle", ErrInvalidPublicRecord)

// ErrPublicMismatch reports a [PublicAccumulator] used without a catalog,
// or two accumulators with different catalogs (catalogs are compared by
// their contents) or asOf merged together. It wraps
// [learnstats.ErrMismatch]. Use errors.Is.
var ErrPublicMismatch = fmt.Errorf("stats: public accumulators: %w", learnstats.ErrMismatch)

// PublicRole decides which metrics a public profile shows. The zero
// PublicRole is [PublicLearner].
type PublicRole int

// The roles of section 5.
const (
	// PublicLearner shows the metrics of rule P-2.
	PublicLearner PublicRole = iota
	// PublicCreator shows the metrics of rule P-1.
	PublicCreator
)

// String returns "learner" or "creator" ("PublicRole(n)" for an unknown
// value).
func (r PublicRole) String() string {
	switch r {
	case PublicLearner:
		return "learner"
	case PublicCreator:
		return "creator"
	}
	return fmt.Sprintf("PublicRole(%d)", int(r))
}

// PublicGroupRole is a user's role in one group. The zero value is
// [PublicGroupLearner].
type PublicGroupRole int

// The group roles that matter to section 5.
const (
	PublicGroupLearner PublicGroupRole = iota
	PublicGroupCoach
	// PublicGroupAuthor makes its holder a creator.
	PublicGroupAuthor
	// PublicGroupAdministrator makes its holder a creator.
	PublicGroupAdministrator
	// PublicGroupUserAdministrator (who manages a group's users only) does
	// not make its holder a creator.
	PublicGroupUserAdministrator
)

// PublicProfile is what decides a user's role: platform ownership and the
// roles the user holds in groups (one entry per group and role; order
// irrelevant).
type PublicProfile struct {
	// User is the profile's user; it must not be empty, and one Result
	// call takes at most one profile per user.
	User learnstats.UserID
	// PlatformOwner is true for the platform owner, who is a creator
	// whatever their group roles.
	PlatformOwner bool
	// GroupRoles lists the user's roles in groups: an author or
	// administrator role makes the user a creator, the others do not. nil
	// means no group role.
	GroupRoles []PublicGroupRole
}

// Role returns the user's role (section 5): [PublicCreator] for the
// platform owner and for an administrator (not a user administrator) or an
// author in at least one group, else [PublicLearner]. An unknown group role
// is an error wrapping [ErrInvalidPublicRecord] naming the user.
func (p PublicProfile) Role() (PublicRole, error) {
	role := PublicLearner
	if p.PlatformOwner {
		role = PublicCreator
	}
	for _, r := range p.GroupRoles {
		switch r {
		case PublicGroupAuthor, PublicGroupAdministrator:
			role = PublicCreator
		case PublicGroupLearner, PublicGroupCoach, PublicGroupUserAdministrator:
		default:
			return 0, fmt.Errorf("%w: user %q: unknown group role %d", ErrInvalidPublicRecord, p.User, int(r))
		}
	}
	return role, nil
}

// PublicCourseID identifies a course.
type PublicCourseID string

// PublicCourse is a course of the catalog.
type PublicCourse struct {
	// ID identifies the course; it must not be empty nor repeated in the
	// catalog.
	ID PublicCourseID
	// MainAuthor is credited with the course's views, comments and
	// reactions (rule P-1). Required.
	MainAuthor learnstats.UserID
	// DuplicatedFrom is the course this one was duplicated from; empty for
	// an original. The original's main author (and, transitively, its own
	// original's) is credited too.
	DuplicatedFrom PublicCourseID
	// PublishedBy is the user who published the course, whose Published
	// courses it counts in (P-1); empty means nobody: the course counts as
	// unpublished.
	PublishedBy learnstats.UserID
	// PublishedAt is when the course was published; the zero time means not
	// published. Only a publication strictly before asOf counts.
	PublishedAt time.Time
}

// PublicPostID identifies a post or a reply.
type PublicPostID string

// PublicPlace is where a post was published. The zero value is
// [PublicNewsfeed].
type PublicPlace int

// The places of rule P-2.
const (
	// PublicNewsfeed is a group's newsfeed.
	PublicNewsfeed PublicPlace = iota
	// PublicCourseForum is a course's forum.
	PublicCourseForum
	// PublicPathForum is a path's forum.
	PublicPathForum
	// PublicElsewhere is any other place (a private message, a course
	// comment thread): replies there are not counted by rule P-2.
	PublicElsewhere
)

// valid reports whether p is one of the places above; any other value is
// invalid input.
func (p PublicPlace) valid() bool { return p >= PublicNewsfeed && p <= PublicElsewhere }

// PublicPost is a post or a reply. A post with an empty ReplyTo is a
// top-level publication; a reply answers the post or reply ReplyTo names.
type PublicPost struct {
	// ID identifies the post or reply; it must not be empty nor repeated in
	// the catalog.
	ID PublicPostID
	// Author is who wrote it; it must not be empty. Replies and likes on a
	// counted top-level post are credited to its author (P-2).
	Author learnstats.UserID
	// Place is where a top-level post was published; replies are in their
	// thread's place and their own Place is not used (but must still be one
	// of the defined places: the zero value is fine).
	Place PublicPlace
	// ReplyTo is the post or reply this one answers; empty for a top-level
	// post. It must name a post of the catalog other than this one.
	ReplyTo PublicPostID
	// At is when it was written; it must not be zero. A reply counts only
	// when At is in the window (P-3).
	At time.Time
}

// PublicCatalog indexes the courses (with their transitive duplicate
// credits) and the posts that public statistics look up. Build it with
// [NewPublicCatalog]; it is immutable and safe for concurrent use. The zero
// PublicCatalog knows no course and no post.
//
// Two catalogs built from the same records (in any order) are the same
// catalog for [PublicAccumulator.Merge]: it compares a fingerprint of the
// whole contents, every field of every course and post, not the pointers.
type PublicCatalog struct {
	courses map[PublicCourseID]PublicCourse
	// credited lists, per course, the distinct main authors of the course
	// and of every course it was duplicated from, transitively (P-1), in
	// increasing ID order.
	credited map[PublicCourseID][]learnstats.UserID
	posts    map[PublicPostID]PublicPost
	// fingerprint is the SHA-256 of the canonical contents (publicFingerprint);
	// hasFingerprint is false for the zero catalog.
	fingerprint    [sha256.Size]byte
	hasFingerprint bool
}

// publicFingerprint returns the SHA-256 of the catalog's canonical
// contents: the courses then the posts, each list in ID order, each record
// field by field (strings length-prefixed, instants as seconds and
// nanoseconds since the Unix epoch, so that a time's location does not
// count). Equal contents give equal fingerprints, whatever the input order.
func publicFingerprint(courses map[PublicCourseID]PublicCourse, posts map[PublicPostID]PublicPost) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	instant := func(t time.Time) {
		if t.IsZero() {
			buf = append(buf, 0)
			return
		}
		buf = append(buf, 1)
		buf = binary.AppendVarint(buf, t.Unix())
		buf = binary.AppendVarint(buf, int64(t.Nanosecond()))
	}
	flush := func() { h.Write(buf); buf = buf[:0] }
	buf = binary.AppendUvarint(buf, uint64(len(courses)))
	for _, id := range slices.Sorted(maps.Keys(courses)) {
		co := courses[id]
		str(string(co.ID))
		str(string(co.MainAuthor))
		str(string(co.DuplicatedFrom))
		str(string(co.PublishedBy))
		instant(co.PublishedAt)
		flush()
	}
	buf = binary.AppendUvarint(buf, uint64(len(posts)))
	for _, id := range slices.Sorted(maps.Keys(posts)) {
		p := posts[id]
		str(string(p.ID))
		str(string(p.Author))
		buf = binary.AppendVarint(buf, int64(p.Place))
		str(string(p.ReplyTo))
		instant(p.At)
		flush()
	}
	flush()
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// sameContents reports whether c and o hold the same courses and posts.
func (c *PublicCatalog) sameContents(o *PublicCatalog) bool {
	if c == o {
		return true
	}
	return c.fingerprintOf() == o.fingerprintOf()
}

func (c *PublicCatalog) fingerprintOf() [sha256.Size]byte {
	if c == nil || !c.hasFingerprint {
		return publicFingerprint(nil, nil)
	}
	return c.fingerprint
}

// NewPublicCatalog validates and indexes the courses and posts (every
// post, top-level or reply, so that replies can be told apart). It returns
// an error wrapping [ErrInvalidPublicRecord] naming the record for an empty
// or duplicate ID, a course without a main author, a DuplicatedFrom or
// ReplyTo that names an unknown record, an unknown place, a zero post time;
// and [ErrPublicDuplicateCycle] naming a course whose duplicate chain
// loops. nil sequences are empty.
func NewPublicCatalog(courses iter.Seq[PublicCourse], posts iter.Seq[PublicPost]) (*PublicCatalog, error) {
	c := &PublicCatalog{
		courses:  map[PublicCourseID]PublicCourse{},
		credited: map[PublicCourseID][]learnstats.UserID{},
		posts:    map[PublicPostID]PublicPost{},
	}
	if courses != nil {
		for co := range courses {
			switch {
			case co.ID == "":
				return nil, fmt.Errorf("%w: course with empty ID (author %q)", ErrInvalidPublicRecord, co.MainAuthor)
			case co.MainAuthor == "":
				return nil, fmt.Errorf("%w: course %q: no main author", ErrInvalidPublicRecord, co.ID)
			}
			if _, dup := c.courses[co.ID]; dup {
				return nil, fmt.Errorf("%w: duplicate course ID %q", ErrInvalidPublicRecord, co.ID)
			}
			c.courses[co.ID] = co
		}
	}
	ids := make([]PublicCourseID, 0, len(c.courses))
	for id := range c.courses {
		ids = append(ids, id)
	}
	slices.Sort(ids) // errors name the same course whatever the input order
	for _, id := range ids {
		var authors []learnstats.UserID
		seen := map[PublicCourseID]bool{}
		for cur := id; cur != ""; {
			if seen[cur] {
				return nil, fmt.Errorf("%w: course %q is, through duplicates, a duplicate of itself (at %q)", ErrPublicDuplicateCycle, id, cur)
			}
			seen[cur] = true
			co, ok := c.courses[cur]
			if !ok {
				return nil, fmt.Errorf("%w: course %q: duplicated from unknown course %q", ErrInvalidPublicRecord, id, cur)
			}
			if !slices.Contains(authors, co.MainAuthor) {
				authors = append(authors, co.MainAuthor)
			}
			cur = co.DuplicatedFrom
		}
		slices.Sort(authors)
		c.credited[id] = authors
	}
	if posts != nil {
		for p := range posts {
			switch {
			case p.ID == "":
				return nil, fmt.Errorf("%w: post with empty ID (author %q)", ErrInvalidPublicRecord, p.Author)
			case p.Author == "":
				return nil, fmt.Errorf("%w: post %q: no author", ErrInvalidPublicRecord, p.ID)
			case p.At.IsZero():
				return nil, fmt.Errorf("%w: post %q: no time", ErrInvalidPublicRecord, p.ID)
			case !p.Place.valid():
				// A reply's place is not used, but an unknown value is
				// invalid input wherever it appears (SPEC section 0).
				return nil, fmt.Errorf("%w: post %q: unknown place %d", ErrInvalidPublicRecord, p.ID, int(p.Place))
			case p.ReplyTo == p.ID:
				return nil, fmt.Errorf("%w: post %q replies to itself", ErrInvalidPublicRecord, p.ID)
			}
			if _, dup := c.posts[p.ID]; dup {
				return nil, fmt.Errorf("%w: duplicate post ID %q", ErrInvalidPublicRecord, p.ID)
			}
			c.posts[p.ID] = p
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.posts)) { // errors name the same post whatever the input order
		if p := c.posts[id]; p.ReplyTo != "" {
			if _, ok := c.posts[p.ReplyTo]; !ok {
				return nil, fmt.Errorf("%w: post %q replies to unknown post %q", ErrInvalidPublicRecord, p.ID, p.ReplyTo)
			}
		}
	}
	c.fingerprint, c.hasFingerprint = publicFingerprint(c.courses, c.posts), true
	return c, nil
}

// CreditedAuthors returns the users credited with activity on course id
// (rule P-1): its main author and the main authors of every course it was
// duplicated from, transitively, each once, in increasing ID order. ok is
// false for an unknown course.
func (c *PublicCatalog) CreditedAuthors(id PublicCourseID) (authors []learnstats.UserID, ok bool) {
	if c == nil {
		return nil, false
	}
	a, ok := c.credited[id]
	return slices.Clone(a), ok
}

// Post returns the post or reply with the given ID.
func (c *PublicCatalog) Post(id PublicPostID) (PublicPost, bool) {
	if c == nil {
		return PublicPost{}, false
	}
	p, ok := c.posts[id]
	return p, ok
}

// answeredPost returns the post whose author receives a reply to, or a
// reaction on, post id under rule P-2: a top-level post in a group newsfeed
// or a course/path forum. why names the reason for leaving it out
// otherwise.
func (c *PublicCatalog) answeredPost(id PublicPostID) (p PublicPost, why publicWhy, known bool) {
	p, ok := c.Post(id)
	if !ok {
		return PublicPost{}, 0, false
	}
	switch {
	case p.ReplyTo != "":
		return p, publicWhyReplyToReply, true
	case p.Place == PublicElsewhere:
		return p, publicWhyOtherPlace, true
	}
	return p, publicWhyCounted, true
}

type publicWhy int

const (
	publicWhyCounted publicWhy = iota
	publicWhyReplyToReply
	publicWhyOtherPlace
)
