package dashboard

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// userMetricsDays is the length of Rule D-6's windows: the last 7 days.
const userMetricsDays = 7

// UserMetricsAccumulator computes Rule D-6, user metrics, as of an
// instant, from the platform's accounts and their accesses.
//
// Rule D-6. Number of users: accounts created before asOf (later ones are
// counted in CreatedAfterAsOf); new users: those created in the last 7
// days; recently active users: those with an access in the last 7 days.
// "The last 7 days" is learnstats.LastDays(asOf, 7) = [asOf − 7 calendar
// days, asOf) in asOf's location, so it stays 7 calendar days across a
// daylight-saving change; accesses at or after asOf are left out (counted
// in AccessesAfterAsOf).
//
// Build it with [NewUserMetricsAccumulator]; it keeps a few facts per user
// (creation time, earliest access, whether an access falls in the window),
// so memory grows with users, not with accesses. Accounts and accesses come
// in any order. Merge combines accumulators of the same asOf, associatively
// and commutatively. Not safe for concurrent use.
type UserMetricsAccumulator struct {
	asOf   time.Time
	window learnstats.Window
	users  map[learnstats.UserID]*userFacts
	later  int // accesses at or after asOf
}

// userFacts is what D-6 keeps of one user.
type userFacts struct {
	created     time.Time // zero until the account is added
	account     bool
	firstAccess time.Time // the earliest access (zero: none), checked against the creation
	recent      bool      // an access in the window
}

// NewUserMetricsAccumulator returns an empty accumulator of the D-6 figures
// as of asOf.
func NewUserMetricsAccumulator(asOf time.Time) *UserMetricsAccumulator {
	return &UserMetricsAccumulator{asOf: asOf, window: learnstats.LastDays(asOf, userMetricsDays), users: map[learnstats.UserID]*userFacts{}}
}

func (m *UserMetricsAccumulator) facts(id learnstats.UserID) *userFacts {
	f := m.users[id]
	if f == nil {
		f = &userFacts{}
		m.users[id] = f
	}
	return f
}

// AddUser adds one account: its ID and CreatedAt are read. An empty ID, a
// zero creation time or an account added twice is an error wrapping
// [learnstats.ErrInvalidRecord].
func (m *UserMetricsAccumulator) AddUser(u learnstats.User) error {
	switch {
	case u.ID == "":
		return fmt.Errorf("dashboard: account with an empty ID (email %q): %w", u.Email, learnstats.ErrInvalidRecord)
	case u.CreatedAt.IsZero():
		return fmt.Errorf("dashboard: account %q: no creation time: %w", u.ID, learnstats.ErrInvalidRecord)
	}
	if f := m.users[u.ID]; f != nil && f.account {
		return fmt.Errorf("dashboard: account %q added twice: %w", u.ID, learnstats.ErrInvalidRecord)
	} else if f != nil && !f.firstAccess.IsZero() && f.firstAccess.Before(u.CreatedAt) {
		return accessBeforeCreation(u.ID, f.firstAccess, u.CreatedAt)
	}
	f := m.facts(u.ID)
	f.created, f.account = u.CreatedAt, true
	return nil
}

// AddAccess adds one access of a user to the platform (a login). An event
// without a user or time is an error wrapping [learnstats.ErrInvalidRecord], and so is
// an access before the creation of the user's account: here when the
// account was added, else when it is (AddUser, Merge); an access of a user
// without an account is one at Result (the account may come later, or from
// another shard).
func (m *UserMetricsAccumulator) AddAccess(e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	if f := m.users[e.User]; f != nil && f.account && e.At.Before(f.created) {
		return accessBeforeCreation(e.User, e.At, f.created)
	}
	later := m.later
	if !e.At.Before(m.asOf) {
		var ok bool
		if later, ok = checked.AddInt(later, 1); !ok {
			return fmt.Errorf("dashboard: access of user %q: accesses after asOf: %w", e.User, learnstats.ErrOverflow)
		}
	}
	m.later = later
	f := m.facts(e.User)
	if f.firstAccess.IsZero() || e.At.Before(f.firstAccess) {
		f.firstAccess = e.At
	}
	if m.window.Contains(e.At) {
		f.recent = true
	}
	return nil
}

// Merge adds o's accounts and accesses to m; o is not modified, and a nil
// o is empty. Another asOf (or the same instant in a location whose 7-day
// window differs), or merging an accumulator into itself, is an error
// wrapping learnstats.ErrMismatch; an account in both one wrapping
// [learnstats.ErrInvalidRecord]; on error m is unchanged.
func (m *UserMetricsAccumulator) Merge(o *UserMetricsAccumulator) error {
	if o == nil {
		return nil
	}
	if m == o {
		return fmt.Errorf("dashboard: merge user metrics into itself: %w", learnstats.ErrMismatch)
	}
	// The same instant in two locations has two 7-day windows (calendar
	// days in asOf's location): compare the windows, not only the instant.
	if !m.asOf.Equal(o.asOf) || !m.window.Start.Equal(o.window.Start) {
		return fmt.Errorf("dashboard: merge user metrics as of %s into one as of %s: %w",
			o.asOf.Format(time.RFC3339Nano), m.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	for _, id := range slices.Sorted(maps.Keys(o.users)) {
		if f := m.users[id]; f != nil && f.account && o.users[id].account {
			return fmt.Errorf("dashboard: account %q in both accumulators: %w", id, learnstats.ErrInvalidRecord)
		}
	}
	later, ok := checked.AddInt(m.later, o.later)
	if !ok {
		return fmt.Errorf("dashboard: merge user metrics: accesses after asOf: %w", learnstats.ErrOverflow)
	}
	m.later = later
	for id, of := range o.users {
		f := m.facts(id)
		if of.account {
			f.created, f.account = of.created, true
		}
		if !of.firstAccess.IsZero() && (f.firstAccess.IsZero() || of.firstAccess.Before(f.firstAccess)) {
			f.firstAccess = of.firstAccess
		}
		f.recent = f.recent || of.recent
	}
	return nil
}

func accessBeforeCreation(id learnstats.UserID, at, created time.Time) error {
	return fmt.Errorf("dashboard: access of user %q at %s, before the account's creation at %s: %w", id,
		at.Format(time.RFC3339Nano), created.Format(time.RFC3339Nano), learnstats.ErrInvalidRecord)
}

// UserMetrics holds the D-6 figures.
type UserMetrics struct {
	// Users counts the accounts created strictly before asOf.
	Users int
	// NewUsers counts those created in the last 7 days.
	NewUsers int
	// RecentlyActive counts those with an access in the last 7 days.
	RecentlyActive int
	// CreatedAfterAsOf counts the accounts created at or after asOf (left
	// out).
	CreatedAfterAsOf int
	// AccessesAfterAsOf counts the accesses at or after asOf (left out).
	AccessesAfterAsOf int
}

// Result returns the figures as of the accumulator's asOf. An access of a
// user without an account, or before the account's creation, is an error
// wrapping [learnstats.ErrInvalidRecord] (naming the lowest such user ID).
func (m *UserMetricsAccumulator) Result() (UserMetrics, error) {
	res := UserMetrics{AccessesAfterAsOf: m.later}
	for _, id := range slices.Sorted(maps.Keys(m.users)) {
		f := m.users[id]
		switch {
		case !f.account:
			return UserMetrics{}, fmt.Errorf("dashboard: access of user %q, who has no account: %w", id, learnstats.ErrInvalidRecord)
		case !f.firstAccess.IsZero() && f.firstAccess.Before(f.created):
			return UserMetrics{}, accessBeforeCreation(id, f.firstAccess, f.created)
		case !f.created.Before(m.asOf):
			res.CreatedAfterAsOf++
			continue
		}
		res.Users++
		if m.window.Contains(f.created) {
			res.NewUsers++
		}
		if f.recent {
			res.RecentlyActive++
		}
	}
	return res, nil
}

// UserMetricsOf is shorthand for a [UserMetricsAccumulator] as of asOf fed
// every account and access (nil sequences are empty), then its Result.
func UserMetricsOf(asOf time.Time, users iter.Seq[learnstats.User], accesses iter.Seq[Event]) (UserMetrics, error) {
	m := NewUserMetricsAccumulator(asOf)
	if users != nil {
		for u := range users {
			if err := m.AddUser(u); err != nil {
				return UserMetrics{}, err
			}
		}
	}
	if accesses != nil {
		for e := range accesses {
			if err := m.AddAccess(e); err != nil {
				return UserMetrics{}, err
			}
		}
	}
	return m.Result()
}
