package learnstats

import (
	"fmt"
	"time"
)

// PostID identifies a post or a reply.
type PostID string

// Place is where a post was written. The allowed values are the constants
// below; any other value, the empty one included, is invalid.
type Place string

// The places of posts: three newsfeeds, four contextual forums (R-2,
// P-2) and everything else.
const (
	PlaceGroupFeed         Place = "group-feed"          // a group's newsfeed (R-1, P-2)
	PlaceSessionFeed       Place = "session-feed"        // a program session's newsfeed
	PlaceProfileFeed       Place = "profile-feed"        // a user's profile page
	PlaceCourseForum       Place = "course-forum"        // a course's contextual forum (R-2, P-1, P-2)
	PlacePathForum         Place = "path-forum"          // a path's forum (P-2)
	PlaceLearningNeedForum Place = "learning-need-forum" // a learning need's forum
	PlaceProjectForum      Place = "project-forum"       // a project's forum
	PlaceOther             Place = "other"               // anywhere else (a private message, …): counted by no rule
)

// Valid reports whether p is one of the defined places.
func (p Place) Valid() bool {
	switch p {
	case PlaceGroupFeed, PlaceSessionFeed, PlaceProfileFeed, PlaceCourseForum, PlacePathForum,
		PlaceLearningNeedForum, PlaceProjectForum, PlaceOther:
		return true
	}
	return false
}

// Post is a post or a reply to a post: the one record of that fact for the
// collaboration rules, the learner statistics' messages (L-7)
// and the public profile statistics (comments on a course, P-1; comments
// received, P-2).
type Post struct {
	// ID identifies the post; IDs are unique.
	ID PostID
	// Author is who wrote the post.
	Author UserID
	// Place is where the post was written; a reply is in its thread's
	// place.
	Place Place
	// Course is the course whose forum holds the post (Place
	// PlaceCourseForum); empty elsewhere.
	Course StepID
	// ReplyTo is the post or reply this one answers; empty for a top-level
	// post.
	ReplyTo PostID
	// Unpublished is true for a draft or a withdrawn post: every rule
	// leaves it out (and counts it).
	Unpublished bool
	// At is when the post was written.
	At time.Time
}

// Validate reports a post that breaks an invariant, with an error naming
// it and wrapping [ErrInvalidRecord].
func (p Post) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("learnstats: post %q of %q: %s: %w", p.ID, p.Author, msg, ErrInvalidRecord)
	}
	switch {
	case p.ID == "":
		return bad("no ID")
	case p.Author == "":
		return bad("no author")
	case !p.Place.Valid():
		return bad(fmt.Sprintf("unknown place %q", p.Place))
	case p.Course != "" && p.Place != PlaceCourseForum:
		return bad(fmt.Sprintf("a course outside a course forum (place %q)", p.Place))
	case p.ReplyTo == p.ID:
		return bad("replies to itself")
	case p.At.IsZero():
		return bad("no time")
	}
	return nil
}

// ReactionKind is the kind of a reaction to a post. The allowed values are
// the constants below (360Learning's post reactions); any other value, the
// empty one included, is invalid on a post reaction.
type ReactionKind string

// The reaction kinds. Rule P-2 counts likes.
const (
	ReactionLike       ReactionKind = "like"
	ReactionLove       ReactionKind = "love"
	ReactionCelebrate  ReactionKind = "celebrate"
	ReactionInsightful ReactionKind = "insightful"
	ReactionCurious    ReactionKind = "curious"
)

// Valid reports whether k is one of the defined kinds.
func (k ReactionKind) Valid() bool {
	switch k {
	case ReactionLike, ReactionLove, ReactionCelebrate, ReactionInsightful, ReactionCurious:
		return true
	}
	return false
}

// Reaction is one user's reaction: to a post (with a kind; R-3 counts
// likes, P-2 counts likes received) or in a course's activity (with a
// score; R-3 counts it, P-1 averages the scores on a creator's courses).
// Exactly one of Post and Course is set.
type Reaction struct {
	// ID identifies the reaction.
	ID string
	// User is who reacted.
	User UserID
	// Post is the post or reply reacted to; empty for a reaction in a
	// course.
	Post PostID
	// Course is the course reacted in; empty for a reaction to a post.
	Course StepID
	// Kind is a post reaction's kind; empty for a reaction in a course.
	Kind ReactionKind
	// Score is a course reaction's score in the platform's scale (any
	// integer); 0 for a post reaction.
	Score int64
	// At is when the user reacted.
	At time.Time
}

// Validate reports a reaction that breaks an invariant, with an error
// naming it and wrapping [ErrInvalidRecord].
func (r Reaction) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("learnstats: reaction %q of %q: %s: %w", r.ID, r.User, msg, ErrInvalidRecord)
	}
	switch {
	case r.ID == "":
		return bad("no ID")
	case r.User == "":
		return bad("no user")
	case (r.Post == "") == (r.Course == ""):
		return bad("reacts to both or neither a post and a course")
	case r.Post != "" && !r.Kind.Valid():
		return bad(fmt.Sprintf("unknown kind %q", r.Kind))
	case r.Course != "" && r.Kind != "":
		return bad(fmt.Sprintf("a course reaction with a kind %q", r.Kind))
	case r.Post != "" && r.Score != 0:
		return bad("a post reaction with a score")
	case r.At.IsZero():
		return bad("no time")
	}
	return nil
}
