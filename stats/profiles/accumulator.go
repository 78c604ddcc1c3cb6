package profiles

import (
	"fmt"
	"maps"
	"math"
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
// P-3) for every user at once, as of one instant.
//
// Build it with [NewAccumulator] for asOf over a [Catalog]: the window of
// Rule P-3 (the 90 days before asOf) and the catalog are its definition,
// fixed at construction. Add records with its Add methods in any order;
// [Accumulator.Merge] combines accumulators of the same definition,
// associatively and commutatively; [Accumulator.Result] gives the
// profiles' metrics.
//
// Each record is judged as it arrives: one outside the window (or left out
// for another reason: a top-level post, a reply to a reply, …) is counted
// in [LeftOut] and dropped, and the others are credited at once to the
// users they count for (the course's credited authors, the post's author,
// the learner). So the accumulator keeps one tally per user: memory grows
// with the users, never with the number of records. Add each record once:
// records are not de-duplicated.
//
// The zero Accumulator has no catalog: its methods return an error
// wrapping [learnstats.ErrMismatch]. An Accumulator is not safe for
// concurrent use; give each goroutine its own and Merge them.
type Accumulator struct {
	cat    *Catalog
	window learnstats.Window
	users  map[learnstats.UserID]*tally
	// left counts the records left out, by reason, but for the unpublished
	// courses, which Result counts from the catalog.
	left LeftOut
	// magnitude is Σ|score| over the course reactions in the window: every
	// sum of scores credited to a user is within ±magnitude, so checking it
	// at Add keeps every sum exact whatever the order of the records.
	magnitude int64
}

// tally is one user's metrics being summed: the counts of P-1 and P-2,
// the sum of the reaction scores behind P-1's average, and P-2's training
// time.
type tally struct {
	courseViews, courseComments, courseReactions          int // P-1
	completedCourses, commentsReceived, reactionsReceived int // P-2
	reactionSum                                           int64
	trainingTime                                          time.Duration
}

// NewAccumulator returns an empty accumulator as of asOf over the catalog
// c. Its window is Rule P-3's: the last 90 days, [asOf.AddDate(0, 0, -90),
// asOf) in asOf's location, so an event exactly 90 calendar days before
// asOf is inside, one at asOf is outside, and the window is 90 calendar
// days even across a daylight-saving change.
//
// asOf is fixed here, so that each record can be judged against the window
// as it arrives and only per-user tallies are kept: memory does not grow
// with the number of records (see [Accumulator]). For the statistics as of
// another instant, build another accumulator.
//
// The zero asOf has no window and is an error wrapping
// [learnstats.ErrInvalidWindow]; a nil catalog one wrapping
// [learnstats.ErrMismatch].
func NewAccumulator(asOf time.Time, c *Catalog) (*Accumulator, error) {
	if c == nil {
		return nil, fmt.Errorf("profiles: accumulator without a catalog (use NewCatalog): %w", learnstats.ErrMismatch)
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("profiles: no asOf: the window is the 90 days before it: %w", learnstats.ErrInvalidWindow)
	}
	return &Accumulator{cat: c, window: learnstats.LastDays(asOf, windowDays), users: map[learnstats.UserID]*tally{}}, nil
}

func (a *Accumulator) ready() error {
	if a == nil || a.cat == nil {
		return fmt.Errorf("profiles: accumulator without a catalog (use NewAccumulator): %w", learnstats.ErrMismatch)
	}
	return nil
}

// tally returns the tally of user u, creating it.
func (a *Accumulator) tally(u learnstats.UserID) *tally {
	t := a.users[u]
	if t == nil {
		t = &tally{}
		a.users[u] = t
	}
	return t
}

// credit adds 1 to the count field selects in the tally of every user of
// users, or changes no count and returns an error naming the record when
// one would overflow.
func (a *Accumulator) credit(users []learnstats.UserID, field func(*tally) *int, what func() string) error {
	for _, u := range users {
		if *field(a.tally(u)) == math.MaxInt {
			return fmt.Errorf("profiles: %s: the count of user %q does not fit an int: %w", what(), u, learnstats.ErrOverflow)
		}
	}
	for _, u := range users {
		*field(a.tally(u))++
	}
	return nil
}

// leave counts a record left out in *n.
func (a *Accumulator) leave(n *int, what func() string) error {
	m, ok := checked.AddInt(*n, 1)
	if !ok {
		return fmt.Errorf("profiles: %s: the count of records left out does not fit an int: %w", what(), learnstats.ErrOverflow)
	}
	*n = m
	return nil
}

// inWindow reports whether t is inside the window; a record outside it is
// counted in OutsideWindow.
func (a *Accumulator) inWindow(t time.Time, what func() string) (bool, error) {
	if a.window.Contains(t) {
		return true, nil
	}
	return false, a.leave(&a.left.OutsideWindow, what)
}

// event checks the common fields of a package record.
func event(kind, id string, user learnstats.UserID, t time.Time) error {
	switch {
	case id == "":
		return fmt.Errorf("profiles: %s with an empty ID (user %q): %w", kind, user, learnstats.ErrInvalidRecord)
	case user == "":
		return fmt.Errorf("profiles: %s %q: no user: %w", kind, id, learnstats.ErrInvalidRecord)
	case t.IsZero():
		return fmt.Errorf("profiles: %s %q: no time: %w", kind, id, learnstats.ErrInvalidRecord)
	}
	return nil
}

// AddAttempt counts a course view at the attempt's Start, when it is in
// the window, for every user credited with the course (Rule P-1): it reads
// Learner, Step (the course) and Start. An invalid attempt, or one without
// a start, is an error wrapping [learnstats.ErrInvalidRecord]; a course
// the catalog does not hold (even outside the window) one wrapping
// [learnstats.ErrInvalidRecord].
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
	authors, err := a.cat.courseAuthors("attempt", string(r.ID), r.Step)
	if err != nil {
		return err
	}
	name := func() string { return fmt.Sprintf("attempt %q", r.ID) }
	if in, err := a.inWindow(r.Start, name); !in {
		return err
	}
	return a.credit(authors, func(t *tally) *int { return &t.courseViews }, name)
}

// AddPost judges a post or a reply. A post in a course's forum (Place
// course-forum, with its Course) in the window is a comment received by
// every user credited with the course (P-1). A reply in the window, by
// someone else, to a published top-level post in a group newsfeed or a
// course or path forum is a comment received by that post's author (P-2).
// The post a reply answers must be in the catalog; so must the course of a
// course-forum post. A post that counts for neither rule, or is outside
// the window, is counted in [LeftOut]. An invalid post is an error
// wrapping [learnstats.ErrInvalidRecord]; an unknown post or course one
// wrapping [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddPost(p learnstats.Post) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	var authors []learnstats.UserID
	if p.Place == learnstats.PlaceCourseForum && p.Course != "" {
		var err error
		if authors, err = a.cat.courseAuthors("post", string(p.ID), p.Course); err != nil {
			return err
		}
	}
	why, parent := whyTopLevel, learnstats.UserID("")
	if p.ReplyTo != "" {
		post, w, known := a.cat.answered(p.ReplyTo)
		if !known {
			return fmt.Errorf("profiles: post %q replies to unknown post %q: %w", p.ID, p.ReplyTo, learnstats.ErrInvalidRecord)
		}
		why, parent = w, post.Author
		if why == whyCounted && parent == p.Author {
			why = whySelf // Rule P-2: comments by someone else.
		}
	}
	name := func() string { return fmt.Sprintf("post %q", p.ID) }
	if in, err := a.inWindow(p.At, name); !in {
		return err
	}
	if p.Unpublished {
		return a.leave(&a.left.Unpublished, name)
	}
	// Rule P-1: a comment on the course, for its credited authors.
	if err := a.credit(authors, func(t *tally) *int { return &t.courseComments }, name); err != nil {
		return err
	}
	switch {
	case why == whyCounted: // Rule P-2.
		return a.credit([]learnstats.UserID{parent}, func(t *tally) *int { return &t.commentsReceived }, name)
	case authors == nil:
		return a.leave(a.reason(why), name)
	}
	return nil
}

// AddReaction adds a reaction in the window: one in a course (Course set)
// adds its Score to the average reaction score of every user credited with
// the course (P-1); a like (Post set, Kind like) on a published top-level
// post in a group newsfeed or a course or path forum is a reaction
// received by the post's author (P-2), whoever gives it. Reactions outside
// the window, of the other kinds, on replies or on posts elsewhere are
// counted in [LeftOut]. An invalid reaction, an unknown kind included, is
// an error wrapping [learnstats.ErrInvalidRecord] (even outside the
// window); an unknown post or course one wrapping [learnstats.ErrInvalidRecord]; a
// score whose magnitude, added to every course reaction's in the window,
// does not fit an int64 one wrapping [learnstats.ErrOverflow].
func (a *Accumulator) AddReaction(r learnstats.Reaction) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	name := func() string { return fmt.Sprintf("reaction %q", r.ID) }
	if r.Course != "" {
		authors, err := a.cat.courseAuthors("reaction", r.ID, r.Course)
		if err != nil {
			return err
		}
		if in, err := a.inWindow(r.At, name); !in {
			return err
		}
		m, ok := magnitude(a.magnitude, r.Score)
		if !ok {
			return fmt.Errorf("profiles: reaction %q: score %d: the course reactions' scores add up beyond an int64: %w", r.ID, r.Score, learnstats.ErrOverflow)
		}
		if err := a.credit(authors, func(t *tally) *int { return &t.courseReactions }, name); err != nil {
			return err
		}
		a.magnitude = m
		for _, u := range authors {
			a.tally(u).reactionSum += r.Score // within ±magnitude, checked above
		}
		return nil
	}
	post, why, known := a.cat.answered(r.Post)
	if !known {
		return fmt.Errorf("profiles: reaction %q: post %q is not in the catalog: %w", r.ID, r.Post, learnstats.ErrInvalidRecord)
	}
	if in, err := a.inWindow(r.At, name); !in {
		return err
	}
	if why == whyCounted && r.Kind != learnstats.ReactionLike {
		why = whyNotLike
	}
	if why != whyCounted {
		return a.leave(a.reason(why), name)
	}
	return a.credit([]learnstats.UserID{post.Author}, func(t *tally) *int { return &t.reactionsReceived }, name) // Rule P-2.
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

// reason is the count of LeftOut that a record left out for w goes to.
func (a *Accumulator) reason(w why) *int {
	switch w {
	case whyUnpublished:
		return &a.left.Unpublished
	case whyTopLevel:
		return &a.left.TopLevelPosts
	case whyReplyToReply:
		return &a.left.RepliesToReplies
	case whyOtherPlace:
		return &a.left.OtherPlaces
	case whySelf:
		return &a.left.SelfComments
	}
	return &a.left.NotLikes
}

// AddCompletion counts a completed course for the user (P-2) when the
// completion is in the window. A record without ID, user or time is an
// error wrapping [learnstats.ErrInvalidRecord], as is a course the catalog does not
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
	name := func() string { return fmt.Sprintf("completion %q", r.ID) }
	if in, err := a.inWindow(r.At, name); !in {
		return err
	}
	return a.credit([]learnstats.UserID{r.User}, func(t *tally) *int { return &t.completedCourses }, name)
}

// AddSession adds the time of a session spent on a course: the part inside
// the window counts in the user's training time (P-2); a session that does
// not overlap the window is counted in OutsideWindow. A record without ID,
// user or start, ending before it starts, or on a course the catalog does
// not hold is an error wrapping [learnstats.ErrInvalidRecord]; a session longer than
// a time.Duration (about 292 years), or a user's training time that would
// add up beyond one, is an error wrapping [learnstats.ErrOverflow].
func (a *Accumulator) AddSession(r Session) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := event("session", r.ID, r.User, r.Start); err != nil {
		return err
	}
	if r.End.Before(r.Start) {
		return fmt.Errorf("profiles: session %q: ends %s before it starts %s: %w", r.ID,
			r.End.Format(time.RFC3339Nano), r.Start.Format(time.RFC3339Nano), learnstats.ErrInvalidRecord)
	}
	if _, err := a.cat.courseAuthors("session", r.ID, r.Course); err != nil {
		return err
	}
	if _, ok := checked.Span(r.Start, r.End); !ok {
		return fmt.Errorf("profiles: session %q: longer than a time.Duration: %w", r.ID, learnstats.ErrOverflow)
	}
	w := a.window
	if r.Start.Equal(r.End) && w.Contains(r.Start) {
		return nil // an empty session inside the window: no time, nothing left out
	}
	start, end := later(r.Start, w.Start), earlier(r.End, w.End)
	if !start.Before(end) {
		return a.leave(&a.left.OutsideWindow, func() string { return fmt.Sprintf("session %q", r.ID) })
	}
	t := a.tally(r.User)
	d, ok := checked.AddDuration(t.trainingTime, end.Sub(start)) // the part within the window: at most 90 days and a DST hour
	if !ok {
		return fmt.Errorf("profiles: session %q: the training time of user %q adds up beyond a time.Duration: %w", r.ID, r.User, learnstats.ErrOverflow)
	}
	t.trainingTime = d
	return nil
}

func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if a.After(b) {
		return b
	}
	return a
}

// Merge adds o's records to a, as if every record added to o had been
// added to a; o is not modified. Merge is associative and commutative.
// Accumulators of another window (another asOf instant, or the same
// instant in a location whose 90 calendar days start at another instant)
// or over catalogs of different contents (courses, credits, posts, any
// field) do not merge (an error wrapping [learnstats.ErrMismatch]), nor
// does an accumulator with itself. Sums that would overflow wrap
// [learnstats.ErrOverflow]. On error a is unchanged.
func (a *Accumulator) Merge(o *Accumulator) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := o.ready(); err != nil {
		return err
	}
	switch {
	case a == o:
		return fmt.Errorf("profiles: merge an accumulator into itself: %w", learnstats.ErrMismatch)
	case !a.window.Start.Equal(o.window.Start) || !a.window.End.Equal(o.window.End):
		return fmt.Errorf("profiles: merge: windows %s and %s: %w", a.window, o.window, learnstats.ErrMismatch)
	case a.cat != o.cat && a.cat.fingerprint != o.cat.fingerprint:
		return fmt.Errorf("profiles: merge: different catalogs: %w", learnstats.ErrMismatch)
	}
	m, ok := checked.Add(a.magnitude, o.magnitude)
	if !ok {
		return fmt.Errorf("profiles: merge: the course reactions' scores add up beyond an int64: %w", learnstats.ErrOverflow)
	}
	left, ok := a.left.plus(o.left)
	if !ok {
		return fmt.Errorf("profiles: merge: the counts of records left out add up beyond an int: %w", learnstats.ErrOverflow)
	}
	users := slices.Sorted(maps.Keys(o.users))
	for _, u := range users { // errors name the same user whatever the map order
		if t := a.users[u]; t != nil {
			if _, ok := t.plus(o.users[u]); !ok {
				return fmt.Errorf("profiles: merge: the metrics of user %q add up beyond an int64: %w", u, learnstats.ErrOverflow)
			}
		}
	}
	a.magnitude, a.left = m, left
	for _, u := range users {
		t := a.tally(u)
		*t, _ = t.plus(o.users[u]) // checked above
	}
	return nil
}

// plus returns t and o summed, and whether every sum fits.
func (t *tally) plus(o *tally) (tally, bool) {
	var r tally
	var ok [7]bool
	r.courseViews, ok[0] = checked.AddInt(t.courseViews, o.courseViews)
	r.courseComments, ok[1] = checked.AddInt(t.courseComments, o.courseComments)
	r.courseReactions, ok[2] = checked.AddInt(t.courseReactions, o.courseReactions)
	r.completedCourses, ok[3] = checked.AddInt(t.completedCourses, o.completedCourses)
	r.commentsReceived, ok[4] = checked.AddInt(t.commentsReceived, o.commentsReceived)
	r.reactionsReceived, ok[5] = checked.AddInt(t.reactionsReceived, o.reactionsReceived)
	r.trainingTime, ok[6] = checked.AddDuration(t.trainingTime, o.trainingTime)
	r.reactionSum = t.reactionSum + o.reactionSum // within ±(Σ magnitudes), checked by Merge
	return r, ok == [7]bool{true, true, true, true, true, true, true}
}

// plus returns l and o summed, and whether every count fits.
func (l LeftOut) plus(o LeftOut) (LeftOut, bool) {
	var r LeftOut
	var ok [8]bool
	r.OutsideWindow, ok[0] = checked.AddInt(l.OutsideWindow, o.OutsideWindow)
	r.Unpublished, ok[1] = checked.AddInt(l.Unpublished, o.Unpublished)
	r.TopLevelPosts, ok[2] = checked.AddInt(l.TopLevelPosts, o.TopLevelPosts)
	r.RepliesToReplies, ok[3] = checked.AddInt(l.RepliesToReplies, o.RepliesToReplies)
	r.OtherPlaces, ok[4] = checked.AddInt(l.OtherPlaces, o.OtherPlaces)
	r.SelfComments, ok[5] = checked.AddInt(l.SelfComments, o.SelfComments)
	r.NotLikes, ok[6] = checked.AddInt(l.NotLikes, o.NotLikes)
	r.UnpublishedCourses, ok[7] = checked.AddInt(l.UnpublishedCourses, o.UnpublishedCourses)
	return r, ok == [8]bool{true, true, true, true, true, true, true, true}
}
