package activity

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Analytics is what [AnalyticsAccumulator.Result] returns: every
// engagement analytic of the window, and the counts of the events left
// out and why. Figures are counted over the window's visits (rule E-1):
// the visits whose first event is in the window, with all their events.
type Analytics struct {
	// ActiveUsers, Visits, Interactions, TotalVisitDuration,
	// AvgVisitDuration, VisitsPerUser and InteractionsPerVisit are rule
	// E-2, the insights: the users with at least one visit in the window;
	// the window's visits (a visit still open counts, ended at its last
	// event); their events, also those after the window's end; the sum of
	// their durations (last event − first); that sum / Visits, rounded
	// half away from zero to the nanosecond (0 without visits); Visits /
	// ActiveUsers; and Interactions / Visits, the interactions per user
	// per visit (exact ratios, without value when there is no visit).
	ActiveUsers          int64
	Visits               int64
	Interactions         int64
	TotalVisitDuration   time.Duration
	AvgVisitDuration     time.Duration
	VisitsPerUser        learnstats.Ratio
	InteractionsPerVisit learnstats.Ratio

	// Daily, Weekly, Monthly, Rarely and Once are rule E-3: the active
	// users whose median gap between visit starts is ≤ 24 hours, ≤ 7 ×
	// 24 hours, ≤ 31 × 24 hours, longer, and who had a single visit. They
	// add up to ActiveUsers.
	Daily, Weekly, Monthly, Rarely, Once int64

	// OSDays is rule E-4, the interactions per calendar day and operating
	// system, by day then OS (byte-wise). The interactions of a day (rule
	// E-10, per day) are the sum of its cells.
	OSDays []OSDay
	// Features is rule E-5: most interactions first, ties by name.
	Features []FeatureStats
	// Funnel is rule E-6: the root of the tree of the visits' paths.
	Funnel FunnelNode
	// Users is rule E-7: every active user, most interactions first, ties
	// by user ID (byte-wise).
	Users []UserStats
	// Content is rule E-8, per content type in the order of the SPEC's
	// list (form, page, user profile, session, speaker, sponsor,
	// document, abstract, search); types without views are absent.
	Content []ContentStats

	// OutsideWindow counts the events of visits whose first event is
	// outside the window (rule E-1).
	OutsideWindow int64
	// NoConsent counts the events left out because their user did not
	// accept tracking, and NoConsentUsers those users, each once (rule
	// E-12); 0 when consent is not tracked.
	NoConsent, NoConsentUsers int64
	// AfterAsOf counts the events at or after asOf (see
	// [NewAnalyticsAccumulator]).
	AfterAsOf int64
	// OtherUsers counts the events of users other than Options.User in
	// individual analytics (rule E-10).
	OtherUsers int64
}

// UserStats is one user of rule E-7.
type UserStats struct {
	// User is the user's ID.
	User learnstats.UserID
	// Interactions counts the user's events in the window's visits: the
	// rank of rule E-7.
	Interactions int64
	// Visits counts the user's visits in the window (rule E-1), the open
	// one included; always ≥ 1.
	Visits int64
	// TotalVisitDuration sums the durations of the user's visits, and
	// AvgVisitDuration is TotalVisitDuration / Visits rounded half away
	// from zero to the nanosecond, as in [Analytics].
	TotalVisitDuration, AvgVisitDuration time.Duration
	// Class is the user's rule E-3 class: "daily", "weekly", "monthly",
	// "rarely" or "once".
	Class string
	// Features lists the features the user used in the window's visits,
	// by name (byte-wise), with the user's interactions on each (Users is
	// 1); they add up to Interactions.
	Features []FeatureStats
}

// avgDuration is total / n rounded half away from zero to the
// nanosecond; 0 when n is 0.
func avgDuration(total time.Duration, n int64) time.Duration {
	return time.Duration(learnstats.NewRatio(int64(total), n).Int())
}

// Result computes the analytics of the events added so far. A visit still
// open counts as ended at its last event; the accumulator is not changed,
// and more events may follow. A total that would pass 2⁶³−1 nanoseconds
// once the open visits are added (the total visit duration, a funnel
// step's or a content type's time) is an error wrapping
// [learnstats.ErrOverflow] naming the user or the content type. No figure
// of a result is negative.
func (a *AnalyticsAccumulator) Result() (Analytics, error) {
	a.init()
	r := Analytics{Interactions: a.interactions, OutsideWindow: a.outside, NoConsent: a.noConsent,
		NoConsentUsers: a.noConsentUsers, AfterAsOf: a.afterAsOf, OtherUsers: a.otherUsers}
	var active []*userState
	for _, b := range a.blocks {
		for i := range b {
			if u := &b[i]; len(u.visits) > 0 || u.open && u.counted {
				active = append(active, u)
			}
		}
	}
	// Errors name the first user in ID order, and rule E-7 ties by ID.
	slices.SortFunc(active, func(x, y *userState) int { return strings.Compare(string(x.id), string(y.id)) })
	funnel := a.newFunnelTotals()
	visits, duration := a.visits, a.duration
	r.Users = make([]UserStats, 0, len(active))
	var starts []int64 // the visit starts, path ends and gaps of a user
	var ends []int32
	var gaps []time.Duration
	for i, u := range active {
		id := u.id
		us := UserStats{User: id, Interactions: u.interactions, Visits: int64(len(u.visits)), TotalVisitDuration: u.duration}
		starts, ends = starts[:0], ends[:0]
		for _, v := range u.visits {
			starts, ends = append(starts, v.start), append(ends, v.end)
		}
		if u.open && u.counted {
			// The open visit, ended at its last event (rule E-1).
			d := time.Duration(u.last - u.visitStart)
			var ok bool
			if duration, ok = checked.AddDuration(duration, d); !ok {
				return Analytics{}, fmt.Errorf("activity: result: user %q: total visit duration (E-2) with the open visits passes 2⁶³−1 ns: %w", id, learnstats.ErrOverflow)
			}
			if n := u.currentStep(); n != none {
				if funnel.spent[n], ok = checked.AddDuration(funnel.spent[n], time.Duration(u.last-u.stepStart)); !ok {
					return Analytics{}, fmt.Errorf("activity: result: user %q: funnel step time (E-6) with the open visits passes 2⁶³−1 ns: %w", id, learnstats.ErrOverflow)
				}
			}
			funnel.exits[u.node]++
			visits++
			us.Visits++
			us.TotalVisitDuration += d
			starts, ends = append(starts, u.visitStart), append(ends, u.node)
		}
		a.countUser(funnel, i, ends)
		us.AvgVisitDuration = avgDuration(us.TotalVisitDuration, us.Visits)
		us.Class = frequencyClass(starts, &gaps)
		r.countClass(us.Class)
		us.Features = a.userFeatures(u)
		r.Users = append(r.Users, us)
	}
	// Rule E-7.
	slices.SortStableFunc(r.Users, func(x, y UserStats) int { return cmp.Compare(y.Interactions, x.Interactions) })

	// Rule E-2.
	r.ActiveUsers, r.Visits, r.TotalVisitDuration = int64(len(active)), visits, duration
	r.AvgVisitDuration = avgDuration(duration, visits)
	r.VisitsPerUser = learnstats.NewRatio(visits, r.ActiveUsers)
	r.InteractionsPerVisit = learnstats.NewRatio(a.interactions, visits)

	r.OSDays = a.osDayList()
	r.Features = a.topFeatures()
	r.Funnel = a.tree(funnel, 0)
	r.Funnel.Visits, r.Funnel.Users = visits, r.ActiveUsers
	var err error
	if r.Content, err = a.contentStats(); err != nil {
		return Analytics{}, err
	}
	return r, nil
}
