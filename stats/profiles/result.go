package profiles

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
)

// windowDays is the length of the public statistics window (Rule P-3).
const windowDays = 90

// GroupRole is a user's role in one group; the zero value is
// [GroupLearner]. The allowed values are the constants below; any other is
// invalid.
type GroupRole int

// The group roles that matter to the role of a profile (section 5).
const (
	// GroupLearner does not make its holder a creator.
	GroupLearner GroupRole = iota
	// GroupCoach does not make its holder a creator.
	GroupCoach
	// GroupAuthor makes its holder a creator.
	GroupAuthor
	// GroupAdministrator makes its holder a creator.
	GroupAdministrator
	// GroupUserAdministrator (who manages a group's users only) does not
	// make its holder a creator.
	GroupUserAdministrator
)

// Profile is what decides a user's role: platform ownership and the roles
// the user holds in groups.
type Profile struct {
	// User is the profile's user; one Result call takes at most one
	// profile per user.
	User learnstats.UserID
	// PlatformOwner is true for the platform owner, who is a creator
	// whatever their group roles.
	PlatformOwner bool
	// GroupRoles lists the user's roles in groups, one entry per group and
	// role, in any order; nil means none.
	GroupRoles []GroupRole
}

// creator returns the profile's role (section 5): a creator is the
// platform owner, or an administrator (not a user administrator) or an
// author in at least one group; everyone else is a learner. An unknown
// group role is an error naming the user.
func (p Profile) creator() (bool, error) {
	creator := p.PlatformOwner
	for _, r := range p.GroupRoles {
		switch r {
		case GroupAuthor, GroupAdministrator:
			creator = true
		case GroupLearner, GroupCoach, GroupUserAdministrator:
		default:
			return false, fmt.Errorf("profiles: profile of user %q: unknown group role %d: %w", p.User, int(r), ErrInvalidRecord)
		}
	}
	return creator, nil
}

// CreatorMetrics are the metrics of Rule P-1. The zero value is a creator
// with no activity.
type CreatorMetrics struct {
	// CourseViews counts attempts in the window on the courses the user is
	// credited with (main author, or main author of a course they were
	// duplicated from, transitively).
	CourseViews int
	// CommentsReceived counts posts in the window in those courses'
	// forums.
	CommentsReceived int
	// Reactions counts reactions in the window on those courses.
	Reactions int
	// AverageReactionScore is the exact mean of those reactions' scores;
	// AverageReactionScore.Decimal(2) is the 2-decimal figure the profile
	// shows (half away from zero). It has no value without reactions.
	AverageReactionScore learnstats.Ratio
	// PublishedCourses counts the courses the user published before asOf
	// (all time).
	PublishedCourses int
}

// LearnerMetrics are the metrics of Rule P-2. The zero value is a learner
// with no activity.
type LearnerMetrics struct {
	// CompletedCourses counts completions in the window (a course
	// completed twice counts 2).
	CompletedCourses int
	// CommentsReceived counts replies in the window, by someone else, to a
	// published top-level post of the user in a group newsfeed or a course
	// or path forum.
	CommentsReceived int
	// ReactionsReceived counts likes in the window on those same posts.
	ReactionsReceived int
	// TrainingTime is the time spent on courses inside the window: each
	// session is clipped to it.
	TrainingTime time.Duration
}

// Stats is one profile's public statistics: its role and that role's
// metrics (the other role's metrics are zero).
type Stats struct {
	// User is the profile's user.
	User learnstats.UserID
	// Creator reports the role: true for a creator (P-1's metrics), false
	// for a learner (P-2's).
	Creator bool
	// CreatorMetrics holds the P-1 metrics; zero for a learner.
	CreatorMetrics CreatorMetrics
	// LearnerMetrics holds the P-2 metrics; zero for a creator.
	LearnerMetrics LearnerMetrics
}

// Hover is the summary shown when hovering over the profile: for a creator
// "N course views"; for a learner "N comments received, M reactions
// received" (singular nouns for 1).
func (s Stats) Hover() string {
	if s.Creator {
		return count(s.CreatorMetrics.CourseViews, "course view")
	}
	return count(s.LearnerMetrics.CommentsReceived, "comment") + " received, " +
		count(s.LearnerMetrics.ReactionsReceived, "reaction") + " received"
}

func count(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

// LeftOut counts the records left out of every metric, by reason. A record
// is counted under the first reason that applies, in field order. The zero
// value counts nothing.
type LeftOut struct {
	// OutsideWindow: records before the window or at or after asOf
	// (sessions that do not overlap the window).
	OutsideWindow int
	// Unpublished: drafts and withdrawn posts, and replies and likes to
	// them.
	Unpublished int
	// TopLevelPosts: posts that are not replies and not in a course's
	// forum (they are what replies and likes answer, not a metric).
	TopLevelPosts int
	// RepliesToReplies: replies and likes to a reply rather than to a
	// top-level post, the user's own replies included.
	RepliesToReplies int
	// OtherPlaces: replies and likes to posts elsewhere than a group
	// newsfeed or a course or path forum.
	OtherPlaces int
	// SelfComments: replies by the post's own author.
	SelfComments int
	// NotLikes: post reactions of another kind than a like.
	NotLikes int
	// UnpublishedCourses: catalog courses not published before asOf.
	UnpublishedCourses int
}

// Result is the public statistics of the profiles given to
// [Accumulator.Result], as of an instant.
type Result struct {
	// AsOf is the instant the statistics are computed as of.
	AsOf time.Time
	// Window is the P-3 window the metrics are over: [asOf − 90 calendar
	// days, asOf), in asOf's location.
	Window learnstats.Window
	// Profiles holds one entry per profile, in increasing user ID order.
	Profiles []Stats
	// LeftOut counts the records left out, by reason.
	LeftOut LeftOut

	index map[learnstats.UserID]int
}

// Profile returns the statistics of user id, and false when no profile of
// that user was given.
func (r *Result) Profile(id learnstats.UserID) (Stats, bool) {
	if r == nil {
		return Stats{}, false
	}
	i, ok := r.index[id]
	if !ok {
		return Stats{}, false
	}
	return r.Profiles[i], true
}

// tally is one user's metrics being summed.
type tally struct {
	creator     CreatorMetrics
	learner     LearnerMetrics
	reactionSum int64
}

// Result returns the statistics of the given profiles as of asOf, each with
// its role's metrics (Rules P-1, P-2), over the window of Rule P-3: the
// last 90 days, [asOf.AddDate(0, 0, -90), asOf) in asOf's location, so an
// event exactly 90 calendar days before asOf is inside, one at asOf is
// outside, and the window is 90 calendar days even across a
// daylight-saving change. Published courses are counted from the catalog:
// courses whose PublishedBy is the user and PublishedAt is before asOf.
//
// The zero asOf has no window and is an error wrapping
// [learnstats.ErrInvalidWindow]; a profile without user, a duplicate
// profile or an unknown group role one wrapping [ErrInvalidRecord]. A nil
// profiles sequence is empty; a zero Accumulator's error wraps
// [learnstats.ErrMismatch].
func (a *Accumulator) Result(asOf time.Time, profiles iter.Seq[Profile]) (*Result, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("profiles: no asOf: the window is the 90 days before it: %w", learnstats.ErrInvalidWindow)
	}
	res := &Result{AsOf: asOf, Window: learnstats.LastDays(asOf, windowDays), index: map[learnstats.UserID]int{}}
	users := map[learnstats.UserID]*tally{}
	get := func(u learnstats.UserID) *tally {
		t := users[u]
		if t == nil {
			t = &tally{}
			users[u] = t
		}
		return t
	}
	a.creators(res, get)
	a.learners(res, get)
	seen := map[learnstats.UserID]bool{}
	if profiles != nil {
		for p := range profiles {
			if p.User == "" {
				return nil, fmt.Errorf("profiles: a profile without user: %w", ErrInvalidRecord)
			}
			if seen[p.User] {
				return nil, fmt.Errorf("profiles: profile of user %q given twice: %w", p.User, ErrInvalidRecord)
			}
			seen[p.User] = true
			creator, err := p.creator()
			if err != nil {
				return nil, err
			}
			s := Stats{User: p.User, Creator: creator}
			if t := users[p.User]; t != nil {
				if creator {
					s.CreatorMetrics = t.creator
					s.CreatorMetrics.AverageReactionScore = learnstats.NewRatio(t.reactionSum, int64(t.creator.Reactions))
				} else {
					s.LearnerMetrics = t.learner
				}
			}
			res.Profiles = append(res.Profiles, s)
		}
	}
	slices.SortFunc(res.Profiles, func(x, y Stats) int { return cmp.Compare(x.User, y.User) })
	for i, s := range res.Profiles {
		res.index[s.User] = i
	}
	return res, nil
}

// creators sums Rule P-1 over the window.
func (a *Accumulator) creators(res *Result, get func(learnstats.UserID) *tally) {
	w, left := res.Window, &res.LeftOut
	for _, e := range a.views {
		if !w.Contains(e.at) {
			left.OutsideWindow++
			continue
		}
		for _, u := range a.cat.credited[e.course] {
			get(u).creator.CourseViews++
		}
	}
	for _, e := range a.reactions {
		if !w.Contains(e.at) {
			left.OutsideWindow++
			continue
		}
		for _, u := range a.cat.credited[e.course] {
			t := get(u)
			t.creator.Reactions++
			t.reactionSum += e.score // within ±Σ|score|, checked at Add
		}
	}
	for _, co := range a.cat.courses {
		if co.PublishedBy == "" || co.PublishedAt.IsZero() || !co.PublishedAt.Before(res.AsOf) {
			left.UnpublishedCourses++
			continue
		}
		get(co.PublishedBy).creator.PublishedCourses++
	}
}

// learners sums Rule P-2 over the window, and the course comments of P-1
// (posts are judged once for both rules).
func (a *Accumulator) learners(res *Result, get func(learnstats.UserID) *tally) {
	w, left := res.Window, &res.LeftOut
	for _, e := range a.posts {
		switch {
		case !w.Contains(e.at):
			left.OutsideWindow++
			continue
		case e.unpublished:
			left.Unpublished++
			continue
		}
		for _, u := range a.cat.credited[e.course] { // Rule P-1: a comment on the course.
			get(u).creator.CommentsReceived++
		}
		if e.why == whyCounted {
			get(e.author).learner.CommentsReceived++ // Rule P-2.
		} else if e.course == "" {
			leave(left, e.why)
		}
	}
	for _, e := range a.likes {
		switch {
		case !w.Contains(e.at):
			left.OutsideWindow++
		case e.why == whyCounted:
			get(e.author).learner.ReactionsReceived++
		default:
			leave(left, e.why)
		}
	}
	for _, e := range a.completions {
		if !w.Contains(e.at) {
			left.OutsideWindow++
			continue
		}
		get(e.user).learner.CompletedCourses++
	}
	for _, e := range a.sessions {
		start, end := e.at, e.end
		if start.Equal(end) && w.Contains(start) {
			continue // an empty session inside the window: no time, nothing left out
		}
		start, end = later(start, w.Start), earlier(end, w.End)
		if !start.Before(end) {
			left.OutsideWindow++
			continue
		}
		// Within the session's own length, and the user's sessions add up
		// within a time.Duration (checked at Add).
		get(e.user).learner.TrainingTime += end.Sub(start)
	}
}

func leave(left *LeftOut, w why) {
	switch w {
	case whyUnpublished:
		left.Unpublished++
	case whyTopLevel:
		left.TopLevelPosts++
	case whyReplyToReply:
		left.RepliesToReplies++
	case whyOtherPlace:
		left.OtherPlaces++
	case whySelf:
		left.SelfComments++
	case whyNotLike:
		left.NotLikes++
	}
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

// StatsOf is shorthand for [NewAccumulator](c), one Add call per record of
// every stream (nil streams are empty), then Result(asOf, profiles). The
// first invalid record stops it with the error its Add method returns.
func StatsOf(asOf time.Time, c *Catalog, profiles iter.Seq[Profile], attempts iter.Seq[learnstats.Attempt], posts iter.Seq[learnstats.Post],
	reactions iter.Seq[learnstats.Reaction], completions iter.Seq[Completion], sessions iter.Seq[Session]) (*Result, error) {
	a, err := NewAccumulator(c)
	if err != nil {
		return nil, err
	}
	if err := each(attempts, a.AddAttempt); err != nil {
		return nil, err
	}
	if err := each(posts, a.AddPost); err != nil {
		return nil, err
	}
	if err := each(reactions, a.AddReaction); err != nil {
		return nil, err
	}
	if err := each(completions, a.AddCompletion); err != nil {
		return nil, err
	}
	if err := each(sessions, a.AddSession); err != nil {
		return nil, err
	}
	return a.Result(asOf, profiles)
}

func each[T any](seq iter.Seq[T], add func(T) error) error {
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
