package stats

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// The post reaction kinds: the closed set a [PublicPostReaction] may have,
// 360Learning's post reactions. Only [PublicLike] counts in rule P-2;
// reactions of the other kinds are counted in [PublicLeftOut].NotLikes,
// and any other value, "" included, is invalid input.
const (
	// PublicLike is the reaction kind rule P-2 counts ("like").
	PublicLike = "like"
	// PublicLove is a "love" reaction.
	PublicLove = "love"
	// PublicCelebrate is a "celebrate" reaction.
	PublicCelebrate = "celebrate"
	// PublicInsightful is an "insightful" reaction.
	PublicInsightful = "insightful"
	// PublicCurious is a "curious" reaction.
	PublicCurious = "curious"
)

// publicReactionKind reports whether kind is one of the post reaction
// kinds above.
func publicReactionKind(kind string) bool {
	switch kind {
	case PublicLike, PublicLove, PublicCelebrate, PublicInsightful, PublicCurious:
		return true
	}
	return false
}

// PublicAttempt is one attempt (a view) of a course by a user.
type PublicAttempt struct {
	// ID identifies the attempt; it must not be empty.
	ID string
	// Course is the course viewed; it must be in the catalog (an unknown
	// course is an error, even outside the window). The view counts for
	// the course's credited authors (P-1).
	Course PublicCourseID
	// User is who viewed the course; it must not be empty.
	User learnstats.UserID
	// At is when the attempt was made; it must not be zero. It counts only
	// inside the window (P-3).
	At time.Time
}

// PublicCourseComment is a comment posted on a course.
type PublicCourseComment struct {
	// ID identifies the comment; it must not be empty.
	ID string
	// Course is the course commented on; it must be in the catalog. The
	// comment counts for the course's credited authors (P-1).
	Course PublicCourseID
	// Author is who wrote the comment; it must not be empty.
	Author learnstats.UserID
	// At is when the comment was posted; it must not be zero. It counts
	// only inside the window (P-3).
	At time.Time
}

// PublicCourseReaction is a reaction on a course, with its score (any
// integer; the platform decides the scale).
type PublicCourseReaction struct {
	// ID identifies the reaction; it must not be empty.
	ID string
	// Course is the course reacted to; it must be in the catalog. The
	// reaction counts for the course's credited authors (P-1).
	Course PublicCourseID
	// User is who reacted; it must not be empty.
	User learnstats.UserID
	// Score is the reaction's score in the platform's scale (any integer,
	// 0 and negative values included).
	Score int64
	// At is when the user reacted; it must not be zero. It counts only
	// inside the window (P-3).
	At time.Time
}

// PublicCompletion is one completion of a course by a user; a course
// completed twice has two records.
type PublicCompletion struct {
	// ID identifies the completion; it must not be empty.
	ID string
	// Course is the course completed. It is not checked against the
	// catalog.
	Course PublicCourseID
	// User is who completed the course, whose Completed courses it counts
	// in (P-2); it must not be empty.
	User learnstats.UserID
	// At is when the course was completed; it must not be zero. It counts
	// only inside the window (P-3).
	At time.Time
}

// PublicSession is time a user spent on a course, the half-open interval
// [Start, End).
type PublicSession struct {
	// ID identifies the session; it must not be empty.
	ID string
	// Course is the course the time was spent on. It is not checked
	// against the catalog.
	Course PublicCourseID
	// User is who spent the time, whose Total training time it counts in
	// (P-2); it must not be empty.
	User learnstats.UserID
	// Start is when the session started; it must not be zero.
	Start time.Time
	// End is when the session ended; it must not be before Start (so not
	// zero). Only the part of [Start, End) inside the window counts.
	End time.Time
}

// PublicPostReaction is a reaction on a post or a reply; Kind is
// [PublicLike] for a like.
type PublicPostReaction struct {
	// ID identifies the reaction; it must not be empty.
	ID string
	// Post is the post or reply reacted to; it must be in the catalog. A
	// like on a counted top-level post counts for its author (P-2).
	Post PublicPostID
	// User is who reacted; it must not be empty. A user's like on their
	// own post counts like anyone else's.
	User learnstats.UserID
	// Kind is the reaction's kind, one of [PublicLike], [PublicLove],
	// [PublicCelebrate], [PublicInsightful], [PublicCurious]: only
	// PublicLike counts (P-2), the others are counted in
	// [PublicLeftOut].NotLikes, and any other value ("" included) is an
	// error wrapping [ErrInvalidPublicRecord].
	Kind string
	// At is when the user reacted; it must not be zero. It counts only
	// inside the window (P-3).
	At time.Time
}

// PublicCreatorMetrics are the metrics of rule P-1. The zero value is a
// creator with no activity.
type PublicCreatorMetrics struct {
	// CourseViews counts attempts in the window on the courses the user is
	// credited with (main author, or main author of a course they were
	// duplicated from, transitively).
	CourseViews int64
	// CommentsReceived counts comments in the window on those courses.
	CommentsReceived int64
	// Reactions counts reactions in the window on those courses.
	Reactions int64
	// ReactionScoreSum is the sum of those reactions' scores; with
	// Reactions it is the exact average
	// ([PublicCreatorMetrics.AverageReactionScore]).
	ReactionScoreSum int64
	// PublishedCourses counts courses the user published before asOf (all
	// time).
	PublishedCourses int64
}

// AverageReactionScore is ReactionScoreSum / Reactions rounded half away
// from zero to 2 decimal places (render it with StringFixed(2)); ok is
// false when there is no reaction.
func (m PublicCreatorMetrics) AverageReactionScore() (avg decimal.Decimal, ok bool) {
	if m.Reactions == 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(m.ReactionScoreSum).DivRound(decimal.NewFromInt(m.Reactions), 2), true
}

// PublicLearnerMetrics are the metrics of rule P-2. The zero value is a
// learner with no activity.
type PublicLearnerMetrics struct {
	// CompletedCourses counts completions in the window (a course
	// completed twice counts 2).
	CompletedCourses int64
	// CommentsReceived counts replies in the window, by someone else, that
	// answer a top-level post of the user in a group newsfeed or a
	// course/path forum.
	CommentsReceived int64
	// ReactionsReceived counts "like" reactions in the window on those
	// same posts.
	ReactionsReceived int64
	// TrainingTime is the time spent on courses inside the window: each
	// session is clipped to the window.
	TrainingTime time.Duration
}

// PublicProfileStats is one user's public statistics: the role, and the
// metrics of that role (the other role's metrics are zero).
type PublicProfileStats struct {
	// User is the profile's user.
	User learnstats.UserID
	// Role is the user's role (section 5): it decides which metrics apply.
	Role PublicRole
	// Creator holds the P-1 metrics; zero for a learner.
	Creator PublicCreatorMetrics
	// Learner holds the P-2 metrics; zero for a creator.
	Learner PublicLearnerMetrics
}

// Hover is the summary shown when hovering over the profile: for a creator
// "N course views"; for a learner "N comments received, M reactions
// received" (singular nouns for 1).
func (s PublicProfileStats) Hover() string {
	if s.Role == PublicCreator {
		return publicCount(s.Creator.CourseViews, "course view")
	}
	return publicCount(s.Learner.CommentsReceived, "comment") + " received, " +
		publicCount(s.Learner.ReactionsReceived, "reaction") + " received"
}

func publicCount(n int64, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return strconv.FormatInt(n, 10) + " " + noun
}

// PublicLeftOut counts the records that were legitimately left out of the
// metrics, by reason. A record is counted under the first reason that
// applies, in field order. The zero value counts nothing.
type PublicLeftOut struct {
	// OutsideWindow: events before the window or at or after asOf
	// (sessions that do not overlap the window).
	OutsideWindow int64
	// TopLevelPosts: posts that are not replies (they are what replies and
	// reactions answer, not a metric).
	TopLevelPosts int64
	// RepliesToReplies: replies (and reactions) to a reply rather than to a
	// top-level post, including replies to the user's own replies.
	RepliesToReplies int64
	// OtherPlaces: replies and reactions on posts published elsewhere than
	// a group newsfeed or a course/path forum.
	OtherPlaces int64
	// SelfComments: replies by the post's own author.
	SelfComments int64
	// NotLikes: post reactions of a kind other than "like".
	NotLikes int64
	// UnpublishedCourses: catalog courses not published before asOf.
	UnpublishedCourses int64
}

// plus returns l + o, field by field, and whether every sum fits.
func (l PublicLeftOut) plus(o PublicLeftOut) (PublicLeftOut, bool) {
	var ok [7]bool
	l.OutsideWindow, ok[0] = sum(l.OutsideWindow, o.OutsideWindow)
	l.TopLevelPosts, ok[1] = sum(l.TopLevelPosts, o.TopLevelPosts)
	l.RepliesToReplies, ok[2] = sum(l.RepliesToReplies, o.RepliesToReplies)
	l.OtherPlaces, ok[3] = sum(l.OtherPlaces, o.OtherPlaces)
	l.SelfComments, ok[4] = sum(l.SelfComments, o.SelfComments)
	l.NotLikes, ok[5] = sum(l.NotLikes, o.NotLikes)
	l.UnpublishedCourses, ok[6] = sum(l.UnpublishedCourses, o.UnpublishedCourses)
	return l, ok == [7]bool{true, true, true, true, true, true, true}
}

// leave counts one record left out in the counter field points to.
func (a *PublicAccumulator) leave(field *int64, kind, id string) error {
	n, ok := sum(*field, 1)
	if !ok {
		return errOverflow("%s %q: count of records left out", kind, id)
	}
	*field = n
	return nil
}

// PublicStats is the result of [PublicAccumulator.Result]: one entry per
// requested profile, in increasing user ID order, the window, and the
// records left out.
type PublicStats struct {
	// Window is the P-3 window the metrics are over, [asOf − 90 calendar
	// days, asOf); the zero Window for the zero accumulator.
	Window learnstats.Window
	// Profiles holds one entry per profile given to Result, in increasing
	// user ID order; nil when none.
	Profiles []PublicProfileStats
	// LeftOut counts the records left out, by reason.
	LeftOut PublicLeftOut
}

type publicTally struct {
	creator PublicCreatorMetrics
	learner PublicLearnerMetrics
}

// plus returns t + o, metric by metric, and whether every sum fits.
func (t publicTally) plus(o publicTally) (publicTally, bool) {
	var ok [8]bool
	c, oc := &t.creator, o.creator
	c.CourseViews, ok[0] = sum(c.CourseViews, oc.CourseViews)
	c.CommentsReceived, ok[1] = sum(c.CommentsReceived, oc.CommentsReceived)
	c.Reactions, ok[2] = sum(c.Reactions, oc.Reactions)
	c.ReactionScoreSum, ok[3] = sum(c.ReactionScoreSum, oc.ReactionScoreSum)
	l, ol := &t.learner, o.learner
	l.CompletedCourses, ok[4] = sum(l.CompletedCourses, ol.CompletedCourses)
	l.CommentsReceived, ok[5] = sum(l.CommentsReceived, ol.CommentsReceived)
	l.ReactionsReceived, ok[6] = sum(l.ReactionsReceived, ol.ReactionsReceived)
	l.TrainingTime, ok[7] = sum(l.TrainingTime, ol.TrainingTime)
	return t, ok == [8]bool{true, true, true, true, true, true, true, true}
}

// credit adds d to the tally of every user of us, or to none of them when
// one sum would overflow (an error naming the record).
func (a *PublicAccumulator) credit(us []learnstats.UserID, d publicTally, kind, id string) error {
	next := make([]publicTally, len(us))
	for i, u := range us {
		var cur publicTally
		if t := a.users[u]; t != nil {
			cur = *t
		}
		n, ok := cur.plus(d)
		if !ok {
			return errOverflow("%s %q: metrics of user %q", kind, id, u)
		}
		next[i] = n
	}
	for i, u := range us {
		*a.tally(u) = next[i]
	}
	return nil
}

// PublicAccumulator aggregates the public statistics of rules P-1 to P-3
// over streams of records, for every user at once. Create it with
// [NewPublicAccumulator]; add records with its Add methods in any order;
// combine shards with [PublicAccumulator.Merge]; read it with
// [PublicAccumulator.Result].
//
// The zero PublicAccumulator is empty: it can be merged into or from, but
// its Add methods return an error wrapping [ErrPublicMismatch] (it has no
// catalog or asOf). Add each record once: the accumulator keeps counts,
// not record IDs. Every count and sum is checked: one that would overflow
// is an error wrapping [learnstats.ErrOverflow] naming the record. A record
// that is an error changes nothing. It is not safe for concurrent use; give
// each goroutine its own and merge.
type PublicAccumulator struct {
	catalog *PublicCatalog
	asOf    time.Time
	window  learnstats.Window
	users   map[learnstats.UserID]*publicTally
	left    PublicLeftOut
}

// NewPublicAccumulator returns an empty accumulator over the window of
// rule P-3 for asOf, resolving courses and posts in catalog.
func NewPublicAccumulator(catalog *PublicCatalog, asOf time.Time) *PublicAccumulator {
	return &PublicAccumulator{catalog: catalog, asOf: asOf, window: PublicWindow(asOf)}
}

func (a *PublicAccumulator) tally(u learnstats.UserID) *publicTally {
	if a.users == nil {
		a.users = map[learnstats.UserID]*publicTally{}
	}
	t := a.users[u]
	if t == nil {
		t = &publicTally{}
		a.users[u] = t
	}
	return t
}

func (a *PublicAccumulator) ready(kind, id string) error {
	if a.catalog == nil {
		return fmt.Errorf("%w: %s %q added to an accumulator without catalog (use NewPublicAccumulator)", ErrPublicMismatch, kind, id)
	}
	return nil
}

// validate checks the common fields of an event.
func (a *PublicAccumulator) validate(kind, id string, user learnstats.UserID, at time.Time) error {
	if err := a.ready(kind, id); err != nil {
		return err
	}
	switch {
	case id == "":
		return fmt.Errorf("%w: %s with empty ID (user %q)", ErrInvalidPublicRecord, kind, user)
	case user == "":
		return fmt.Errorf("%w: %s %q: no user", ErrInvalidPublicRecord, kind, id)
	case at.IsZero():
		return fmt.Errorf("%w: %s %q: no time", ErrInvalidPublicRecord, kind, id)
	}
	return nil
}

func (a *PublicAccumulator) credited(kind, id string, course PublicCourseID) ([]learnstats.UserID, error) {
	authors, ok := a.catalog.credited[course]
	if !ok {
		return nil, fmt.Errorf("%w: %s %q: unknown course %q", ErrInvalidPublicRecord, kind, id, course)
	}
	return authors, nil
}

// AddAttempt counts a course view for every user credited with the
// course (rule P-1) when the attempt is in the window.
func (a *PublicAccumulator) AddAttempt(r PublicAttempt) error {
	return a.addCourseEvent("attempt", r.ID, r.User, r.Course, r.At, publicTally{creator: PublicCreatorMetrics{CourseViews: 1}})
}

// AddCourseComment counts a comment received for every user credited
// with the course (rule P-1) when it is in the window.
func (a *PublicAccumulator) AddCourseComment(r PublicCourseComment) error {
	return a.addCourseEvent("course comment", r.ID, r.Author, r.Course, r.At, publicTally{creator: PublicCreatorMetrics{CommentsReceived: 1}})
}

// AddCourseReaction adds the reaction's score to the average reaction
// score of every user credited with the course (rule P-1) when it is in
// the window. A score sum that would overflow is an error wrapping
// [learnstats.ErrOverflow] naming the reaction.
func (a *PublicAccumulator) AddCourseReaction(r PublicCourseReaction) error {
	return a.addCourseEvent("course reaction", r.ID, r.User, r.Course, r.At,
		publicTally{creator: PublicCreatorMetrics{Reactions: 1, ReactionScoreSum: r.Score}})
}

// addCourseEvent validates a course event, then credits d to the course's
// credited authors when the event is in the window (or counts it as left
// out).
func (a *PublicAccumulator) addCourseEvent(kind, id string, user learnstats.UserID, course PublicCourseID, at time.Time, d publicTally) error {
	if err := a.validate(kind, id, user, at); err != nil {
		return err
	}
	authors, err := a.credited(kind, id, course) // unknown courses are errors even outside the window
	if err != nil {
		return err
	}
	if !a.window.Contains(at) {
		return a.leave(&a.left.OutsideWindow, kind, id)
	}
	return a.credit(authors, d, kind, id)
}

// AddCompletion counts a completed course for the user (rule P-2) when
// the completion is in the window.
func (a *PublicAccumulator) AddCompletion(r PublicCompletion) error {
	if err := a.validate("completion", r.ID, r.User, r.At); err != nil {
		return err
	}
	if _, err := a.credited("completion", r.ID, r.Course); err != nil {
		return err // unknown courses are errors even outside the window
	}
	if !a.window.Contains(r.At) {
		return a.leave(&a.left.OutsideWindow, "completion", r.ID)
	}
	return a.credit([]learnstats.UserID{r.User}, publicTally{learner: PublicLearnerMetrics{CompletedCourses: 1}}, "completion", r.ID)
}

// AddSession adds the part of the session inside the window to the
// user's training time (rule P-2). A session that does not overlap the
// window is counted as left out; one that ends before it starts is an
// error.
func (a *PublicAccumulator) AddSession(r PublicSession) error {
	if err := a.validate("session", r.ID, r.User, r.Start); err != nil {
		return err
	}
	if r.End.Before(r.Start) {
		return fmt.Errorf("%w: session %q: ends %s before it starts %s", ErrInvalidPublicRecord, r.ID,
			r.End.Format(time.RFC3339Nano), r.Start.Format(time.RFC3339Nano))
	}
	if _, err := a.credited("session", r.ID, r.Course); err != nil {
		return err
	}
	if r.Start.Equal(r.End) && a.window.Contains(r.Start) {
		return nil // an empty session inside the window: no time, nothing left out
	}
	start, end := r.Start, r.End
	if start.Before(a.window.Start) {
		start = a.window.Start
	}
	if end.After(a.window.End) {
		end = a.window.End
	}
	if !start.Before(end) {
		return a.leave(&a.left.OutsideWindow, "session", r.ID)
	}
	d, ok := checked.Span(start, end)
	if !ok {
		return errOverflow("session %q: time inside the window", r.ID)
	}
	// Rule P-2: the training time sum is checked.
	return a.credit([]learnstats.UserID{r.User}, publicTally{learner: PublicLearnerMetrics{TrainingTime: d}}, "session", r.ID)
}

// AddPost judges a post or reply under rule P-2. A reply in the window,
// by someone else, to a top-level post in a group newsfeed or a
// course/path forum counts as a comment received by that post's author;
// anything else is counted in [PublicLeftOut]. The post a reply answers
// must be in the catalog (it is how replies to replies are recognised).
func (a *PublicAccumulator) AddPost(p PublicPost) error {
	id := string(p.ID)
	if err := a.validate("post", id, p.Author, p.At); err != nil {
		return err
	}
	if !p.Place.valid() {
		return fmt.Errorf("%w: post %q: unknown place %d", ErrInvalidPublicRecord, p.ID, int(p.Place))
	}
	var parent PublicPost
	var why publicWhy
	if p.ReplyTo != "" {
		var known bool
		if parent, why, known = a.catalog.answeredPost(p.ReplyTo); !known {
			return fmt.Errorf("%w: post %q replies to unknown post %q", ErrInvalidPublicRecord, p.ID, p.ReplyTo)
		}
	}
	switch {
	case !a.window.Contains(p.At):
		return a.leave(&a.left.OutsideWindow, "post", id)
	case p.ReplyTo == "":
		return a.leave(&a.left.TopLevelPosts, "post", id)
	case why == publicWhyReplyToReply:
		return a.leave(&a.left.RepliesToReplies, "post", id)
	case why == publicWhyOtherPlace:
		return a.leave(&a.left.OtherPlaces, "post", id)
	case parent.Author == p.Author:
		return a.leave(&a.left.SelfComments, "post", id)
	}
	return a.credit([]learnstats.UserID{parent.Author}, publicTally{learner: PublicLearnerMetrics{CommentsReceived: 1}}, "post", id)
}

// AddPostReaction counts a "like" in the window on a top-level post in a
// group newsfeed or a course/path forum as a reaction received by the
// post's author (rule P-2). Reactions of the other kinds, on replies or on
// posts elsewhere are counted in [PublicLeftOut]; an unknown post or an
// unknown kind (not one of [PublicLike], [PublicLove], [PublicCelebrate],
// [PublicInsightful], [PublicCurious]) is an error wrapping
// [ErrInvalidPublicRecord], even outside the window.
func (a *PublicAccumulator) AddPostReaction(r PublicPostReaction) error {
	if err := a.validate("post reaction", r.ID, r.User, r.At); err != nil {
		return err
	}
	if !publicReactionKind(r.Kind) {
		return fmt.Errorf("%w: post reaction %q: unknown kind %q (allowed: %s, %s, %s, %s, %s)", ErrInvalidPublicRecord, r.ID, r.Kind,
			PublicLike, PublicLove, PublicCelebrate, PublicInsightful, PublicCurious)
	}
	parent, why, known := a.catalog.answeredPost(r.Post)
	const kind = "post reaction"
	switch {
	case !known:
		return fmt.Errorf("%w: post reaction %q: unknown post %q", ErrInvalidPublicRecord, r.ID, r.Post)
	case !a.window.Contains(r.At):
		return a.leave(&a.left.OutsideWindow, kind, r.ID)
	case why == publicWhyReplyToReply:
		return a.leave(&a.left.RepliesToReplies, kind, r.ID)
	case why == publicWhyOtherPlace:
		return a.leave(&a.left.OtherPlaces, kind, r.ID)
	case r.Kind != PublicLike:
		return a.leave(&a.left.NotLikes, kind, r.ID)
	}
	return a.credit([]learnstats.UserID{parent.Author}, publicTally{learner: PublicLearnerMetrics{ReactionsReceived: 1}}, kind, r.ID)
}

// Merge adds o's counts into a (o is unchanged). Merge is associative and
// commutative. Both must use the same catalog contents (compared by
// fingerprint, so two catalogs built from the same records match) and the
// same asOf (the same instant and the same P-3 window), or one of them must
// be the zero accumulator (a takes o's configuration); otherwise the error
// wraps [ErrPublicMismatch]. A sum that would overflow is an error wrapping
// [learnstats.ErrOverflow] naming the user. On error a is unchanged.
func (a *PublicAccumulator) Merge(o *PublicAccumulator) error {
	if o == nil {
		return nil
	}
	zero := func(x *PublicAccumulator) bool { return x.catalog == nil && x.asOf.IsZero() }
	switch {
	case zero(o):
	case zero(a):
	case !a.catalog.sameContents(o.catalog) || !sameInstant(a.asOf, o.asOf) || !sameInstant(a.window.Start, o.window.Start):
		return fmt.Errorf("%w: different catalogs or asOf (%s, %s)", ErrPublicMismatch,
			a.asOf.Format(time.RFC3339Nano), o.asOf.Format(time.RFC3339Nano))
	}
	left, ok := a.left.plus(o.left)
	if !ok {
		return errOverflow("public statistics: merge: count of records left out")
	}
	merged := make(map[learnstats.UserID]publicTally, len(o.users))
	for u, t := range o.users {
		var cur publicTally
		if m := a.users[u]; m != nil {
			cur = *m
		}
		n, ok := cur.plus(*t)
		if !ok {
			return errOverflow("public statistics: merge: metrics of user %q", u)
		}
		merged[u] = n
	}
	if zero(a) {
		a.catalog, a.asOf, a.window = o.catalog, o.asOf, o.window
	}
	for u, t := range merged {
		*a.tally(u) = t
	}
	a.left = left
	return nil
}

// Result returns the statistics of the given profiles, in increasing user
// ID order, each with its role's metrics (rules P-1, P-2), plus the window
// and the left-out counts. Published courses are counted from the catalog:
// courses whose PublishedBy is the user and PublishedAt is before asOf.
// A duplicate profile or an unknown group role is an error wrapping
// [ErrInvalidPublicRecord]. A nil profiles sequence is empty.
func (a *PublicAccumulator) Result(profiles iter.Seq[PublicProfile]) (PublicStats, error) {
	res := PublicStats{Window: a.window, LeftOut: a.left}
	published := map[learnstats.UserID]int64{}
	if a.catalog != nil {
		for _, co := range a.catalog.courses {
			if co.PublishedAt.IsZero() || !co.PublishedAt.Before(a.asOf) || co.PublishedBy == "" {
				res.LeftOut.UnpublishedCourses++
				continue
			}
			published[co.PublishedBy]++
		}
	}
	if profiles == nil {
		return res, nil
	}
	seen := map[learnstats.UserID]bool{}
	for p := range profiles {
		if p.User == "" {
			return PublicStats{}, fmt.Errorf("%w: profile with empty user", ErrInvalidPublicRecord)
		}
		if seen[p.User] {
			return PublicStats{}, fmt.Errorf("%w: duplicate profile %q", ErrInvalidPublicRecord, p.User)
		}
		seen[p.User] = true
		role, err := p.Role()
		if err != nil {
			return PublicStats{}, err
		}
		s := PublicProfileStats{User: p.User, Role: role}
		t := a.users[p.User]
		if t == nil {
			t = &publicTally{}
		}
		if role == PublicCreator {
			s.Creator = t.creator
			s.Creator.PublishedCourses = published[p.User]
		} else {
			s.Learner = t.learner
		}
		res.Profiles = append(res.Profiles, s)
	}
	slices.SortFunc(res.Profiles, func(x, y PublicProfileStats) int { return cmp.Compare(x.User, y.User) })
	return res, nil
}

// PublicRecords are the streams [PublicStatsOf] reads; a nil stream is
// empty.
type PublicRecords struct {
	// Attempts are the course views (P-1).
	Attempts iter.Seq[PublicAttempt]
	// CourseComments are the comments on courses (P-1).
	CourseComments iter.Seq[PublicCourseComment]
	// CourseReactions are the reactions on courses (P-1).
	CourseReactions iter.Seq[PublicCourseReaction]
	// Completions are the course completions (P-2).
	Completions iter.Seq[PublicCompletion]
	// Sessions are the time spent on courses (P-2).
	Sessions iter.Seq[PublicSession]
	// Posts are the posts and replies to judge; usually the same records
	// the catalog was built from.
	Posts iter.Seq[PublicPost]
	// PostReactions are the reactions on posts and replies (P-2).
	PostReactions iter.Seq[PublicPostReaction]
}

// PublicStatsOf is shorthand for [NewPublicAccumulator], one Add call per
// record of every stream of recs, and Result(profiles). The first invalid
// record stops it with an error naming the record.
func PublicStatsOf(catalog *PublicCatalog, asOf time.Time, profiles iter.Seq[PublicProfile], recs PublicRecords) (PublicStats, error) {
	a := NewPublicAccumulator(catalog, asOf)
	if err := publicAddAll(recs.Attempts, a.AddAttempt); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.CourseComments, a.AddCourseComment); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.CourseReactions, a.AddCourseReaction); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.Completions, a.AddCompletion); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.Sessions, a.AddSession); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.Posts, a.AddPost); err != nil {
		return PublicStats{}, err
	}
	if err := publicAddAll(recs.PostReactions, a.AddPostReaction); err != nil {
		return PublicStats{}, err
	}
	return a.Result(profiles)
}

func publicAddAll[T any](seq iter.Seq[T], add func(T) error) error {
	if seq == nil {
		return nil
	}
	for r := range seq {
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}
