package profiles

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Completion is one completion of a course by a user (P-2); a course
// completed twice has two records.
type Completion struct {
	// ID identifies the completion; it names the record in errors.
	ID string
	// Course is the course completed; it must be in the catalog.
	Course learnstats.StepID
	// User is who completed the course.
	User learnstats.UserID
	// At is when the course was completed; it counts only inside the
	// window (P-3).
	At time.Time
}

// Session is time a user spent on a course, the half-open interval
// [Start, End) (P-2's total training time).
type Session struct {
	// ID identifies the session; it names the record in errors.
	ID string
	// Course is the course the time was spent on; it must be in the
	// catalog.
	Course learnstats.StepID
	// User is who spent the time.
	User learnstats.UserID
	// Start is when the session started; it must not be zero.
	Start time.Time
	// End is when the session ended, not before Start. Only the part of
	// [Start, End) inside the window counts.
	End time.Time
}

// Accumulator gathers the records of the public profile statistics (P-1 …
// P-3) for every user at once.
//
// Build it with [NewAccumulator] over a [Catalog]: the catalog is its
// definition, fixed at construction. Add records with its Add methods in
// any order; [Accumulator.Merge] combines accumulators of the same
// catalog, associatively and commutatively; [Accumulator.Result] computes
// the profiles' metrics over the 90 days before any asOf. The accumulator
// keeps a small entry per record (its time and whom it credits), so that a
// result can be asked as of any instant: memory grows with the records. Add
// each record once: records are not de-duplicated.
//
// The zero Accumulator has no catalog: its methods return an error
// wrapping [learnstats.ErrMismatch]. An Accumulator is not safe for
// concurrent use; give each goroutine its own and Merge them.
type Accumulator struct {
	cat         *Catalog
	views       []courseEvent // P-1 course views
	reactions   []courseEvent // P-1 course reactions, with their scores
	posts       []postEvent   // P-1 course comments and P-2 comments received
	likes       []postEvent   // P-2 reactions received
	completions []userEvent   // P-2 completed courses
	sessions    []userEvent   // P-2 training time
	// magnitude is Σ|score| over the course reactions: every sum of scores
	// a result adds (any asOf, any author) is within ±magnitude, so
	// checking it at Add keeps every result exact. spent is, per user, Σ
	// End − Start of the sessions, which bounds every training time.
	magnitude int64
	spent     map[learnstats.UserID]time.Duration
}

type courseEvent struct {
	at     time.Time
	course learnstats.StepID
	score  int64
}

// postEvent is a post or a post reaction as Rule P-2 judged it at Add: the
// user it credits when counted, or why it is left out; for a post in a
// course's forum, the course it is a comment on (P-1).
type postEvent struct {
	at          time.Time
	unpublished bool
	course      learnstats.StepID
	author      learnstats.UserID
	why         why
}

type userEvent struct {
	at, end time.Time
	user    learnstats.UserID
}

// NewAccumulator returns an empty accumulator over the catalog c. A nil
// catalog is an error wrapping [learnstats.ErrMismatch].
func NewAccumulator(c *Catalog) (*Accumulator, error) {
	if c == nil {
		return nil, fmt.Errorf("profiles: accumulator without a catalog (use NewCatalog): %w", learnstats.ErrMismatch)
	}
	return &Accumulator{cat: c, spent: map[learnstats.UserID]time.Duration{}}, nil
}

func (a *Accumulator) ready() error {
	if a == nil || a.cat == nil {
		return fmt.Errorf("profiles: accumulator without a catalog (use NewAccumulator): %w", learnstats.ErrMismatch)
	}
	return nil
}

// event checks the common fields of a package record.
func event(kind, id string, user learnstats.UserID, t time.Time) error {
	switch {
	case id == "":
		return fmt.Errorf("profiles: %s with an empty ID (user %q): %w", kind, user, ErrInvalidRecord)
	case user == "":
		return fmt.Errorf("profiles: %s %q: no user: %w", kind, id, ErrInvalidRecord)
	case t.IsZero():
		return fmt.Errorf("profiles: %s %q: no time: %w", kind, id, ErrInvalidRecord)
	}
	return nil
}

// AddAttempt counts a course view at the attempt's Start for every user
// credited with the course (Rule P-1): it reads Learner, Step (the course)
// and Start. An invalid attempt, or one without a start, is an error
// wrapping [learnstats.ErrInvalidAttempt]; a course the catalog does not
// hold (even outside the window) one wrapping [ErrInvalidRecord].
func (a *Accumulator) AddAttempt(r learnstats.Attempt) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	if r.Start.IsZero() {
		return fmt.Errorf("profiles: attempt %q of learner %q: no start time: %w", r.ID, r.Learner, learnstats.ErrInvalidRecord)
	}
	if _, err := a.cat.courseAuthors("attempt", string(r.ID), r.Step); err != nil {
		return err
	}
	a.views = append(a.views, courseEvent{at: r.Start, course: r.Step})
	return nil
}

// AddPost judges a post or a reply. A post in a course's forum (Place
// course-forum, with its Course) is a comment received by every user
// credited with the course (P-1). A reply, by someone else, to a published
// top-level post in a group newsfeed or a course or path forum is a comment
// received by that post's author (P-2). The post a reply answers must be in
// the catalog; so must the course of a course-forum post. A post that
// counts for neither rule, or is outside the window, is counted in
// [LeftOut]. An invalid post is an error wrapping
// [learnstats.ErrInvalidPost]; an unknown post or course one wrapping
// [ErrInvalidRecord].
func (a *Accumulator) AddPost(p learnstats.Post) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	e := postEvent{at: p.At, unpublished: p.Unpublished, why: whyTopLevel}
	if p.Place == learnstats.PlaceCourseForum && p.Course != "" {
		if _, err := a.cat.courseAuthors("post", string(p.ID), p.Course); err != nil {
			return err
		}
		e.course = p.Course // Rule P-1: a comment on the course.
	}
	if p.ReplyTo != "" {
		parent, why, known := a.cat.answered(p.ReplyTo)
		if !known {
			return fmt.Errorf("profiles: post %q replies to unknown post %q: %w", p.ID, p.ReplyTo, ErrInvalidRecord)
		}
		e.why, e.author = why, parent.Author
		if why == whyCounted && parent.Author == p.Author {
			e.why = whySelf // Rule P-2: comments by someone else.
		}
	}
	a.posts = append(a.posts, e)
	return nil
}

// AddReaction adds a reaction: one in a course (Course set) adds its Score
// to the average reaction score of every user credited with the course
// (P-1); a like (Post set, Kind like) on a published top-level post in a
// group newsfeed or a course or path forum is a reaction received by the
// post's author (P-2), whoever gives it. Reactions of the other kinds, on
// replies or on posts elsewhere are counted in [LeftOut]. An invalid
// reaction, an unknown kind included, is an error wrapping
// [learnstats.ErrInvalidPost] (even outside the window); an unknown post or
// course one wrapping [ErrInvalidRecord]; a score whose magnitude, added to
// every course reaction's, does not fit an int64 one wrapping
// [learnstats.ErrOverflow].
func (a *Accumulator) AddReaction(r learnstats.Reaction) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	if r.Course != "" {
		if _, err := a.cat.courseAuthors("reaction", r.ID, r.Course); err != nil {
			return err
		}
		m, ok := magnitude(a.magnitude, r.Score)
		if !ok {
			return fmt.Errorf("profiles: reaction %q: score %d: the course reactions' scores add up beyond an int64: %w", r.ID, r.Score, learnstats.ErrOverflow)
		}
		a.magnitude = m
		a.reactions = append(a.reactions, courseEvent{at: r.At, course: r.Course, score: r.Score})
		return nil
	}
	post, why, known := a.cat.answered(r.Post)
	if !known {
		return fmt.Errorf("profiles: reaction %q: post %q is not in the catalog: %w", r.ID, r.Post, ErrInvalidRecord)
	}
	if why == whyCounted && r.Kind != learnstats.ReactionLike {
		why = whyNotLike
	}
	a.likes = append(a.likes, postEvent{at: r.At, author: post.Author, why: why})
	return nil
}

// magnitude returns m + |score| and whether it fits an int64.
func magnitude(m, score int64) (int64, bool) {
	if score < 0 {
		var ok bool
		if score, ok = checked.Sub(0, score); !ok {
			return 0, false
		}
	}
	return checked.Add(m, score)
}

// AddCompletion counts a completed course for the user (P-2) when the
// completion is in the window. A record without ID, user or time is an
// error wrapping [ErrInvalidRecord], as is a course the catalog does not
// hold.
func (a *Accumulator) AddCompletion(r Completion) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := event("completion", r.ID, r.User, r.At); err != nil {
		return err
	}
	if _, err := a.cat.courseAuthors("completion", r.ID, r.Course); err != nil {
		return err
	}
	a.completions = append(a.completions, userEvent{at: r.At, user: r.User})
	return nil
}

// AddSession adds the time of a session spent on a course: the part inside
// the window counts in the user's training time (P-2). A record without
// ID, user or start, ending before it starts, or on a course the catalog
// does not hold is an error wrapping [ErrInvalidRecord]; a user's sessions
// whose lengths add up beyond a time.Duration (about 292 years) one
// wrapping [learnstats.ErrOverflow].
func (a *Accumulator) AddSession(r Session) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := event("session", r.ID, r.User, r.Start); err != nil {
		return err
	}
	if r.End.Before(r.Start) {
		return fmt.Errorf("profiles: session %q: ends %s before it starts %s: %w", r.ID,
			r.End.Format(time.RFC3339Nano), r.Start.Format(time.RFC3339Nano), ErrInvalidRecord)
	}
	if _, err := a.cat.courseAuthors("session", r.ID, r.Course); err != nil {
		return err
	}
	d, ok := checked.Span(r.Start, r.End)
	if ok {
		d, ok = checked.AddDuration(a.spent[r.User], d)
	}
	if !ok {
		return fmt.Errorf("profiles: session %q: the sessions of user %q add up beyond a time.Duration: %w", r.ID, r.User, learnstats.ErrOverflow)
	}
	a.spent[r.User] = d
	a.sessions = append(a.sessions, userEvent{at: r.Start, end: r.End, user: r.User})
	return nil
}

// Merge adds o's records to a, as if every record added to o had been
// added to a; o is not modified. Merge is associative and commutative.
// Accumulators over catalogs of different contents do not merge (an error
// wrapping [learnstats.ErrMismatch]: courses, credits, posts, any field),
// nor does an accumulator with itself. Sums that would overflow wrap
// [learnstats.ErrOverflow]. On error a is unchanged.
func (a *Accumulator) Merge(o *Accumulator) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := o.ready(); err != nil {
		return err
	}
	if a == o {
		return fmt.Errorf("profiles: merge an accumulator into itself: %w", learnstats.ErrMismatch)
	}
	if a.cat != o.cat && a.cat.fingerprint != o.cat.fingerprint {
		return fmt.Errorf("profiles: merge: different catalogs: %w", learnstats.ErrMismatch)
	}
	m, ok := checked.Add(a.magnitude, o.magnitude)
	if !ok {
		return fmt.Errorf("profiles: merge: the course reactions' scores add up beyond an int64: %w", learnstats.ErrOverflow)
	}
	users := slices.Sorted(maps.Keys(o.spent))
	for _, u := range users {
		if _, ok := checked.AddDuration(a.spent[u], o.spent[u]); !ok {
			return fmt.Errorf("profiles: merge: the sessions of user %q add up beyond a time.Duration: %w", u, learnstats.ErrOverflow)
		}
	}
	a.magnitude = m
	for _, u := range users {
		a.spent[u] += o.spent[u] // checked above
	}
	a.views = append(a.views, o.views...)
	a.reactions = append(a.reactions, o.reactions...)
	a.posts = append(a.posts, o.posts...)
	a.likes = append(a.likes, o.likes...)
	a.completions = append(a.completions, o.completions...)
	a.sessions = append(a.sessions, o.sessions...)
	return nil
}
