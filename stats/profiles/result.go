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
			return false, fmt.Errorf("profiles: profile of user %q: unknown group role %d: %w", p.User, int(r), learnstats.ErrInvalidRecord)
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
// [Accumulator.Result], as of the accumulator's asOf.
type Result struct {
	// AsOf is the instant the statistics are computed as of: the end of the
	// window.
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

// Result returns the statistics of the given profiles, each with its
// role's metrics (Rules P-1, P-2), over the accumulator's window (P-3),
// from the records added so far. Published courses are counted from the
// catalog: courses whose PublishedBy is the user and PublishedAt is before
// asOf.
//
// A profile without user, a duplicate profile or an unknown group role is
// an error wrapping [learnstats.ErrInvalidRecord]. A nil profiles sequence is empty;
// a zero Accumulator's error wraps [learnstats.ErrMismatch]. The result
// does not share memory with the accumulator, which may go on taking
// records.
func (a *Accumulator) Result(profiles iter.Seq[Profile]) (*Result, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	asOf := a.window.End
	res := &Result{AsOf: asOf, Window: a.window, LeftOut: a.left, index: map[learnstats.UserID]int{}}
	published := map[learnstats.UserID]int{}
	for _, co := range a.cat.courses {
		if co.PublishedBy == "" || co.PublishedAt.IsZero() || !co.PublishedAt.Before(asOf) {
			res.LeftOut.UnpublishedCourses++
			continue
		}
		published[co.PublishedBy]++ // Rule P-1: all time, before asOf.
	}
	seen := map[learnstats.UserID]bool{}
	if profiles != nil {
		for p := range profiles {
			if p.User == "" {
				return nil, fmt.Errorf("profiles: a profile without user: %w", learnstats.ErrInvalidRecord)
			}
			if seen[p.User] {
				return nil, fmt.Errorf("profiles: profile of user %q given twice: %w", p.User, learnstats.ErrInvalidRecord)
			}
			seen[p.User] = true
			creator, err := p.creator()
			if err != nil {
				return nil, err
			}
			s := Stats{User: p.User, Creator: creator}
			var t tally // no record credits the user: zero metrics
			if u := a.users[p.User]; u != nil {
				t = *u
			}
			if creator {
				s.CreatorMetrics = CreatorMetrics{CourseViews: t.courseViews, CommentsReceived: t.courseComments, Reactions: t.courseReactions,
					AverageReactionScore: learnstats.NewRatio(t.reactionSum, int64(t.courseReactions)), PublishedCourses: published[p.User]}
			} else {
				s.LearnerMetrics = LearnerMetrics{CompletedCourses: t.completedCourses, CommentsReceived: t.commentsReceived,
					ReactionsReceived: t.reactionsReceived, TrainingTime: t.trainingTime}
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

// StatsOf is shorthand for [NewAccumulator](asOf, c), one Add call per
// record of every stream (nil streams are empty), then
// [Accumulator.Result](profiles). The first invalid record stops it with
// the error its Add method returns.
func StatsOf(asOf time.Time, c *Catalog, profiles iter.Seq[Profile], attempts iter.Seq[learnstats.Attempt], posts iter.Seq[learnstats.Post],
	reactions iter.Seq[learnstats.Reaction], completions iter.Seq[Completion], sessions iter.Seq[Session]) (*Result, error) {
	a, err := NewAccumulator(asOf, c)
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
	return a.Result(profiles)
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
