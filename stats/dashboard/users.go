package dashboard

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// UserMetricsDays is the length of Rule D-6's windows: the last 7 days.
const UserMetricsDays = 7

// UserMetricsAccumulator computes Rule D-6, user metrics, from the
// platform's accounts and their accesses.
//
// Rule D-6. Number of users: accounts created before asOf (later ones are
// counted in CreatedAfterAsOf); new users: those created in the last 7
// days; recently active users: those with an access in the last 7 days.
// "The last 7 days" is learnstats.LastDays(asOf, 7) = [asOf − 7 calendar
// days, asOf) in asOf's location, so it stays 7 calendar days across a
// daylight-saving change; accesses at or after asOf are left out (counted
// in AccessesAfterAsOf).
//
// The zero value is empty and ready to use. It keeps every account and
// access (so that any asOf can be asked), so memory grows with accesses.
// Merge is associative and commutative. Not safe for concurrent use.
type UserMetricsAccumulator struct {
	created  map[learnstats.UserID]time.Time
	accesses map[learnstats.UserID][]time.Time
}

// AddUser adds one account: its ID and CreatedAt are read. An empty ID, a
// zero creation time or an account added twice is an error wrapping
// [ErrInvalidRecord].
func (m *UserMetricsAccumulator) AddUser(u learnstats.User) error {
	switch {
	case u.ID == "":
		return fmt.Errorf("dashboard: account with an empty ID (email %q): %w", u.Email, ErrInvalidRecord)
	case u.CreatedAt.IsZero():
		return fmt.Errorf("dashboard: account %q: no creation time: %w", u.ID, ErrInvalidRecord)
	}
	if _, dup := m.created[u.ID]; dup {
		return fmt.Errorf("dashboard: account %q added twice: %w", u.ID, ErrInvalidRecord)
	}
	if m.created == nil {
		m.created = map[learnstats.UserID]time.Time{}
	}
	m.created[u.ID] = u.CreatedAt
	return nil
}

// AddAccess adds one access of a user to the platform (a login). An event
// without a user or time is an error wrapping [ErrInvalidRecord]; an access
// of a user without an account, or before the account's creation, is one
// at Result (the account may come later, or from another shard).
func (m *UserMetricsAccumulator) AddAccess(e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	if m.accesses == nil {
		m.accesses = map[learnstats.UserID][]time.Time{}
	}
	m.accesses[e.User] = append(m.accesses[e.User], e.At)
	return nil
}

// Merge adds o's accounts and accesses to m; o is not modified, and a nil
// o is empty. An account in both is an error wrapping [ErrInvalidRecord],
// merging an accumulator into itself one wrapping learnstats.ErrMismatch;
// on error m is unchanged.
func (m *UserMetricsAccumulator) Merge(o *UserMetricsAccumulator) error {
	if o == nil {
		return nil
	}
	if m == o {
		return fmt.Errorf("dashboard: merge user metrics into itself: %w", learnstats.ErrMismatch)
	}
	for id := range o.created {
		if _, dup := m.created[id]; dup {
			return fmt.Errorf("dashboard: account %q in both accumulators: %w", id, ErrInvalidRecord)
		}
	}
	for id, t := range o.created {
		if m.created == nil {
			m.created = map[learnstats.UserID]time.Time{}
		}
		m.created[id] = t
	}
	for id, ts := range o.accesses {
		if m.accesses == nil {
			m.accesses = map[learnstats.UserID][]time.Time{}
		}
		m.accesses[id] = append(m.accesses[id], ts...)
	}
	return nil
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

// Result returns the figures at asOf. An access of a user without an
// account, or before the account's creation, is an error wrapping
// [ErrInvalidRecord] (naming the lowest such user ID), whatever asOf.
func (m *UserMetricsAccumulator) Result(asOf time.Time) (UserMetrics, error) {
	var res UserMetrics
	w := learnstats.LastDays(asOf, UserMetricsDays)
	for _, id := range slices.Sorted(maps.Keys(m.accesses)) {
		created, ok := m.created[id]
		if !ok {
			return UserMetrics{}, fmt.Errorf("dashboard: access of user %q, who has no account: %w", id, ErrInvalidRecord)
		}
		for _, t := range m.accesses[id] {
			if t.Before(created) {
				return UserMetrics{}, fmt.Errorf("dashboard: access of user %q at %s, before the account's creation at %s: %w", id,
					t.Format(time.RFC3339Nano), created.Format(time.RFC3339Nano), ErrInvalidRecord)
			}
			if !t.Before(asOf) {
				res.AccessesAfterAsOf++
			}
		}
	}
	for id, created := range m.created {
		if !created.Before(asOf) {
			res.CreatedAfterAsOf++
			continue
		}
		res.Users++
		if w.Contains(created) {
			res.NewUsers++
		}
		for _, t := range m.accesses[id] {
			if w.Contains(t) {
				res.RecentlyActive++
				break
			}
		}
	}
	return res, nil
}

// UserMetricsOf is shorthand for a [UserMetricsAccumulator] fed every
// account and access (nil sequences are empty), then its Result(asOf).
func UserMetricsOf(asOf time.Time, users iter.Seq[learnstats.User], accesses iter.Seq[Event]) (UserMetrics, error) {
	var m UserMetricsAccumulator
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
	return m.Result(asOf)
}
