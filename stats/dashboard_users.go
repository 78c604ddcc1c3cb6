package stats

import (
	"fmt"
	"iter"
	"maps"
	"time"

	"github.com/learnstats/learnstats"
)

// DashboardUser is what rule D-6 needs to know about one user account.
type DashboardUser struct {
	// User is the account's ID; it must not be empty.
	User learnstats.UserID
	// CreatedAt is when the account was created. Required.
	CreatedAt time.Time
	// LastAccessAt is the user's last access to the platform; the zero
	// time means never.
	LastAccessAt time.Time
}

// Validate reports an empty ID or a zero creation time as an error
// wrapping [ErrInvalidDashboardRecord].
func (u DashboardUser) Validate() error {
	switch {
	case u.User == "":
		return fmt.Errorf("%w: dashboard user with empty ID", ErrInvalidDashboardRecord)
	case u.CreatedAt.IsZero():
		return fmt.Errorf("%w: dashboard user %q: no creation time", ErrInvalidDashboardRecord, u.User)
	case !u.LastAccessAt.IsZero() && u.LastAccessAt.Before(u.CreatedAt):
		return fmt.Errorf("%w: dashboard user %q: last access %s before creation %s", ErrInvalidDashboardRecord,
			u.User, u.LastAccessAt.Format(time.RFC3339), u.CreatedAt.Format(time.RFC3339))
	}
	return nil
}

// DashboardUserMetricsDays is the length of D-6's windows: the last 7 days.
const DashboardUserMetricsDays = 7

// DashboardUserMetrics is the accumulator of rule D-6, user metrics, as of
// AsOf.
//
// Rule D-6. Users is the number of accounts created before AsOf; NewUsers
// those created in the last 7 days, [learnstats.LastDays](AsOf, 7) =
// [AsOf − 7 calendar days, AsOf); RecentlyActive those whose last access
// is in that same window. Accounts created at or after AsOf are left out
// and counted in CreatedAfterAsOf; a last access at or after AsOf is not
// "recent" (the window is half-open) and is counted in AccessAfterAsOf.
//
// Set AsOf before the first Add: the accumulator freezes it then, and a
// later Add, Merge or Result finds a changed AsOf an error wrapping
// [ErrDashboardMismatch]. The zero value is empty. Merge combines
// accumulators with the same AsOf: the same instant and the same 7-day
// window (an AsOf in another location may start its window at another
// instant across a DST change); a user in both is an error. It is not safe
// for concurrent use.
type DashboardUserMetrics struct {
	// AsOf is the instant the figures are computed at (D-6): accounts
	// created strictly before it count, and the "last 7 days" window is
	// [AsOf − 7 calendar days, AsOf) in AsOf's location. With the zero AsOf
	// every account is created at or after it.
	AsOf time.Time

	asOf frozenConfig[time.Time]
	// users holds the records, evaluated against AsOf in Result.
	users map[learnstats.UserID]DashboardUser
}

// DashboardUserMetricsResult holds the D-6 figures.
type DashboardUserMetricsResult struct {
	// Users is the number of accounts created strictly before AsOf (D-6).
	Users int
	// NewUsers is the number of those accounts created in the last 7 days,
	// [AsOf − 7 calendar days, AsOf) (D-6).
	NewUsers int
	// RecentlyActive is the number of those accounts whose last access is
	// in the same window (D-6); an account never accessed is not counted.
	RecentlyActive int
	// CreatedAfterAsOf counts accounts created at or after AsOf (left out).
	CreatedAfterAsOf int
	// AccessAfterAsOf counts counted users whose last access is at or
	// after AsOf (not recently active).
	AccessAfterAsOf int
}

// Add counts one user. An invalid record or a user added twice is an error
// wrapping [ErrInvalidDashboardRecord].
func (m *DashboardUserMetrics) Add(u DashboardUser) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if _, err := dashboardAsOf(&m.asOf, m.AsOf, "user metrics", sameUserMetricsAsOf, true); err != nil {
		return err
	}
	if _, dup := m.users[u.User]; dup {
		return fmt.Errorf("%w: dashboard user %q added twice", ErrInvalidDashboardRecord, u.User)
	}
	if m.users == nil {
		m.users = make(map[learnstats.UserID]DashboardUser)
	}
	m.users[u.User] = u
	return nil
}

// Merge adds o's users to m: an error wrapping [ErrDashboardMismatch] when
// the AsOf differ (or either changed after its first record), or
// [ErrInvalidDashboardRecord] when a user is in both. o is not modified; on
// error m is unchanged.
func (m *DashboardUserMetrics) Merge(o *DashboardUserMetrics) error {
	if o == nil {
		return nil // a nil accumulator is empty
	}
	if err := dashboardMergeAsOf(&m.asOf, m.AsOf, &o.asOf, o.AsOf, "user metrics", sameUserMetricsAsOf); err != nil {
		return err
	}
	for id := range o.users {
		if _, dup := m.users[id]; dup {
			return fmt.Errorf("%w: dashboard user %q added twice", ErrInvalidDashboardRecord, id)
		}
	}
	if len(o.users) > 0 && m.users == nil {
		m.users = make(map[learnstats.UserID]DashboardUser, len(o.users))
	}
	maps.Copy(m.users, o.users)
	m.asOf.hold(m.AsOf, sameUserMetricsAsOf)
	return nil
}

// sameUserMetricsAsOf reports whether two asOf give the same D-6 figures:
// the same instant and the same 7-day window.
func sameUserMetricsAsOf(a, b time.Time) bool {
	return a == b || (a.Equal(b) &&
		learnstats.LastDays(a, DashboardUserMetricsDays).Start.Equal(learnstats.LastDays(b, DashboardUserMetricsDays).Start))
}

// Result returns the figures at AsOf. An AsOf changed after the first
// record is an error wrapping [ErrDashboardMismatch].
func (m *DashboardUserMetrics) Result() (DashboardUserMetricsResult, error) {
	asOf, err := dashboardAsOf(&m.asOf, m.AsOf, "user metrics", sameUserMetricsAsOf, false)
	if err != nil {
		return DashboardUserMetricsResult{}, err
	}
	var res DashboardUserMetricsResult
	w := learnstats.LastDays(asOf, DashboardUserMetricsDays)
	for _, u := range m.users {
		if !u.CreatedAt.Before(asOf) {
			res.CreatedAfterAsOf++
			continue
		}
		res.Users++
		if w.Contains(u.CreatedAt) {
			res.NewUsers++
		}
		switch {
		case u.LastAccessAt.IsZero():
		case !u.LastAccessAt.Before(asOf):
			res.AccessAfterAsOf++
		case w.Contains(u.LastAccessAt):
			res.RecentlyActive++
		}
	}
	return res, nil
}

// ComputeDashboardUserMetrics is shorthand for a [DashboardUserMetrics] at
// asOf fed every user of users (rule D-6).
func ComputeDashboardUserMetrics(users iter.Seq[DashboardUser], asOf time.Time) (DashboardUserMetricsResult, error) {
	m := DashboardUserMetrics{AsOf: asOf}
	for u := range dashboardSeq(users) {
		if err := m.Add(u); err != nil {
			return DashboardUserMetricsResult{}, err
		}
	}
	return m.Result()
}
