package profiles

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Course is a course of the catalog: who is credited with its views,
// comments and reactions (P-1), and who published it.
type Course struct {
	// ID identifies the course (the Step of the attempts at it).
	ID learnstats.StepID
	// MainAuthor is credited with the course's views, comments and
	// reactions (P-1). Required.
	MainAuthor learnstats.UserID
	// DuplicatedFrom is the course this one was duplicated from; empty for
	// an original. The original's main author (and, transitively, its own
	// original's) is credited too.
	DuplicatedFrom learnstats.StepID
	// PublishedBy is the user whose Published courses count it (P-1);
	// empty: nobody, the course counts as unpublished.
	PublishedBy learnstats.UserID
	// PublishedAt is when the course was published; zero: not published.
	// Only a publication strictly before asOf counts.
	PublishedAt time.Time
}

// Catalog indexes the courses, with their transitive duplicate credits,
// and the posts that the public statistics look up (the post a reply
// answers or a like is given to). Build it with [NewCatalog]; it is
// immutable and safe for concurrent use.
//
// Two catalogs built from the same records, in any order, are the same
// catalog for [Accumulator.Merge]: it compares a fingerprint of the whole
// contents (every field of every course and post), not pointers.
type Catalog struct {
	courses map[learnstats.StepID]Course
	// credited lists, per course, the distinct main authors of the course
	// and of every course it was duplicated from, transitively (P-1), in
	// increasing ID order.
	credited    map[learnstats.StepID][]learnstats.UserID
	posts       map[learnstats.PostID]learnstats.Post
	fingerprint [sha256.Size]byte
}

// NewCatalog validates and indexes the courses and the posts (every post,
// top-level or reply, so that replies to replies can be told apart). It
// returns an error naming the record for an empty or duplicate ID, a course
// without a main author or duplicated from an unknown course, a course
// that is, through its duplicate chain, a duplicate of itself (all wrapping
// [learnstats.ErrInvalidRecord]), an invalid post ([learnstats.Post.Validate], wrapping
// [learnstats.ErrInvalidRecord]) and a reply to a post the catalog does not
// hold ([learnstats.ErrInvalidRecord]). nil sequences are empty.
func NewCatalog(courses iter.Seq[Course], posts iter.Seq[learnstats.Post]) (*Catalog, error) {
	c := &Catalog{
		courses:  map[learnstats.StepID]Course{},
		credited: map[learnstats.StepID][]learnstats.UserID{},
		posts:    map[learnstats.PostID]learnstats.Post{},
	}
	if courses != nil {
		for co := range courses {
			switch {
			case co.ID == "":
				return nil, fmt.Errorf("profiles: course with an empty ID (author %q): %w", co.MainAuthor, learnstats.ErrInvalidRecord)
			case co.MainAuthor == "":
				return nil, fmt.Errorf("profiles: course %q: no main author: %w", co.ID, learnstats.ErrInvalidRecord)
			}
			if _, dup := c.courses[co.ID]; dup {
				return nil, fmt.Errorf("profiles: course %q listed twice: %w", co.ID, learnstats.ErrInvalidRecord)
			}
			c.courses[co.ID] = co
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.courses)) { // errors name the same course whatever the input order
		var authors []learnstats.UserID
		seen := map[learnstats.StepID]bool{}
		for cur := id; cur != ""; {
			if seen[cur] {
				return nil, fmt.Errorf("profiles: course %q is, through duplicates, a duplicate of itself (at %q): %w", id, cur, learnstats.ErrInvalidRecord)
			}
			seen[cur] = true
			co, ok := c.courses[cur]
			if !ok {
				return nil, fmt.Errorf("profiles: course %q: duplicated from unknown course %q: %w", id, cur, learnstats.ErrInvalidRecord)
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
			if err := p.Validate(); err != nil {
				return nil, fmt.Errorf("profiles: catalog: %w", err)
			}
			if _, dup := c.posts[p.ID]; dup {
				return nil, fmt.Errorf("profiles: post %q listed twice: %w", p.ID, learnstats.ErrInvalidRecord)
			}
			c.posts[p.ID] = p
		}
	}
	for _, id := range slices.Sorted(maps.Keys(c.posts)) {
		if p := c.posts[id]; p.ReplyTo != "" {
			if _, ok := c.posts[p.ReplyTo]; !ok {
				return nil, fmt.Errorf("profiles: post %q replies to unknown post %q: %w", p.ID, p.ReplyTo, learnstats.ErrInvalidRecord)
			}
		}
	}
	c.fingerprint = fingerprint(c.courses, c.posts)
	return c, nil
}

// fingerprint returns the SHA-256 of the catalog's canonical contents: the
// courses then the posts, each list in ID order, each record field by field
// (strings length-prefixed, instants as seconds and nanoseconds since the
// Unix epoch, so that a time's location does not count). Equal contents
// give equal fingerprints, whatever the input order.
func fingerprint(courses map[learnstats.StepID]Course, posts map[learnstats.PostID]learnstats.Post) [sha256.Size]byte {
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
	str("learnstats/profiles catalog v1")
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
		str(string(p.Place))
		str(string(p.Course))
		str(string(p.ReplyTo))
		if p.Unpublished {
			buf = append(buf, 1)
		} else {
			buf = append(buf, 0)
		}
		instant(p.At)
		flush()
	}
	flush()
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// courseAuthors returns the users credited with activity on course id
// (P-1), or an error naming the record when the catalog does not hold the
// course.
func (c *Catalog) courseAuthors(kind, id string, course learnstats.StepID) ([]learnstats.UserID, error) {
	authors, ok := c.credited[course]
	if !ok {
		return nil, fmt.Errorf("profiles: %s %q: course %q is not in the catalog: %w", kind, id, course, learnstats.ErrInvalidRecord)
	}
	return authors, nil
}

// why is the reason a record is left out of every metric; whyCounted when
// it is not.
type why int

const (
	whyCounted why = iota
	whyTopLevel
	whyReplyToReply
	whyOtherPlace
	whySelf
	whyNotLike
	whyUnpublished
)

// answered judges the post a reply answers, or a like is given to, under
// Rule P-2: it counts for its author when it is a published top-level post
// in a group newsfeed or a course or path forum.
func (c *Catalog) answered(id learnstats.PostID) (learnstats.Post, why, bool) {
	p, ok := c.posts[id]
	switch {
	case !ok:
		return learnstats.Post{}, 0, false
	case p.Unpublished:
		return p, whyUnpublished, true
	case p.ReplyTo != "":
		return p, whyReplyToReply, true
	case p.Place != learnstats.PlaceGroupFeed && p.Place != learnstats.PlaceCourseForum && p.Place != learnstats.PlacePathForum:
		return p, whyOtherPlace, true
	}
	return p, whyCounted, true
}
