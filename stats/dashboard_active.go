package stats

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// ActiveUserEvent is one qualifying event of rule D-1: a user did
// something that makes them "active" on the day it happened. Which events
// qualify is the caller's choice (a login in Opigno 3.0, "submitted an
// answer" in newer Opigno): pass only those.
type ActiveUserEvent struct {
	// User is who did the event; it must not be empty. A user counts once
	// per day however many events they have that day.
	User learnstats.UserID
	// At is when the event happened; it must not be zero. Its day is the
	// calendar day of At in the accumulator's Location.
	At time.Time
}

// Validate reports an empty user ID or a zero time as an error wrapping
// [ErrInvalidDashboardRecord].
func (e ActiveUserEvent) Validate() error {
	switch {
	case e.User == "":
		return fmt.Errorf("%w: active-user event at %s: empty user ID", ErrInvalidDashboardRecord, e.At.Format(time.RFC3339Nano))
	case e.At.IsZero():
		return fmt.Errorf("%w: active-user event of user %q: zero time", ErrInvalidDashboardRecord, e.User)
	}
	return nil
}

// ActiveUsersPerDay is the accumulator of rule D-1, active users per day:
// the number of distinct users with at least one qualifying event on each
// calendar day of Range, days taken in Location.
//
// Rule D-1. Range is half-open [Start, End): an event at exactly End (the
// midnight after the last day of a month) belongs to the next range and is
// counted in OutsideRange, not in the first day as Opigno does. Days are
// calendar days in Location (UTC when nil), so a range that crosses a
// daylight-saving change still has one entry per calendar day, 23- and
// 25-hour days included. Build a range of whole days with
// [learnstats.DayWindow].
//
// Set Range and Location before the first Add; changing them once an event
// fell inside the range makes Add and Merge return an error wrapping
// [ErrDashboardMismatch]. The zero value is empty, with an empty range:
// every event falls outside it. Merge combines two
// accumulators with the same Range and Location. It is not safe for
// concurrent use; give each goroutine its own and Merge them.
type ActiveUsersPerDay struct {
	// Range is the half-open window [Start, End) the chart covers (D-1). A
	// Start or End that is not a midnight makes its day partial. The zero
	// Range is empty: no day, and every event is outside it.
	Range learnstats.Window
	// Location is where calendar days are taken; nil means UTC.
	Location *time.Location

	// bounds[i] is the first instant of the range's day i (bounds[0] is
	// Range.Start), computed from Range and Location at the first Add;
	// users[i] holds the users seen on that day.
	bounds   []time.Time
	dates    []learnstats.Date
	users    []map[learnstats.UserID]struct{}
	built    learnstats.Window // the Range the boundaries were built for
	builtLoc *time.Location
	events   int
	outside  int
	inRange  int
}

// days computes the day boundaries of the range once: finding an event's
// day is then a binary search over instants, not a time-zone conversion.
// The boundaries are rebuilt when Range or Location changed while no event
// was counted in a day yet; a change after that is an error wrapping
// [ErrDashboardMismatch].
func (a *ActiveUsersPerDay) days() error {
	if a.dates != nil && a.builtLoc == a.Location && a.built == a.Range {
		return nil // the fast path: same values as when built
	}
	if a.dates != nil {
		if a.built.Start.Equal(a.Range.Start) && a.built.End.Equal(a.Range.End) &&
			dashboardLocName(a.builtLoc) == dashboardLocName(a.Location) {
			return nil
		}
		if a.inRange > 0 {
			return fmt.Errorf("%w: active users per day: range or location changed after the first event", ErrDashboardMismatch)
		}
	}
	a.built, a.builtLoc = a.Range, a.Location
	a.dates, a.bounds = []learnstats.Date{}, nil
	for d := range a.Range.Days(a.Location) {
		start := d.Start(a.Location)
		if len(a.dates) == 0 {
			start = a.Range.Start
		}
		a.dates = append(a.dates, d)
		a.bounds = append(a.bounds, start)
	}
	a.users = make([]map[learnstats.UserID]struct{}, len(a.dates))
	return nil
}

// dayIndex returns the index of the day of t, which is inside the range.
func (a *ActiveUsersPerDay) dayIndex(t time.Time) int {
	// The last day whose first instant is at or before t.
	i, _ := slices.BinarySearchFunc(a.bounds, t, func(b, t time.Time) int { return b.Compare(t) })
	if i == len(a.bounds) || !a.bounds[i].Equal(t) {
		i--
	}
	return i
}

// ActiveUsersDay is one day of the D-1 chart.
type ActiveUsersDay struct {
	// Date is the calendar day, in the accumulator's Location.
	Date learnstats.Date
	// Users is the number of distinct users with a qualifying event in the
	// part of the day inside the range.
	Users int
}

// ActiveUsersResult is the D-1 chart: every calendar day of the range in
// increasing order, zero-filled, plus what was counted and left out.
type ActiveUsersResult struct {
	// Days holds one entry per calendar day of the range in Location, in
	// increasing date order, a day without events at 0 users (D-1); it is
	// empty for an empty range.
	Days []ActiveUsersDay
	// Events is the number of events added, inside the range or not.
	Events int
	// OutsideRange is the number of events before Range.Start or at or
	// after Range.End (left out of Days).
	OutsideRange int
}

// Add counts one event. An invalid event is an error wrapping
// [ErrInvalidDashboardRecord] and changes nothing.
func (a *ActiveUsersPerDay) Add(e ActiveUserEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := a.days(); err != nil {
		return err
	}
	a.events++
	if !a.Range.Contains(e.At) {
		a.outside++
		return nil
	}
	a.inRange++
	i := a.dayIndex(e.At)
	us := a.users[i]
	if us == nil {
		us = make(map[learnstats.UserID]struct{})
		a.users[i] = us
	}
	us[e.User] = struct{}{}
	return nil
}

// Merge adds o's events to a. It returns an error wrapping
// [ErrDashboardMismatch] when the ranges or locations differ. o is not
// modified.
func (a *ActiveUsersPerDay) Merge(o *ActiveUsersPerDay) error {
	if !a.Range.Start.Equal(o.Range.Start) || !a.Range.End.Equal(o.Range.End) || dashboardLocName(a.Location) != dashboardLocName(o.Location) {
		return fmt.Errorf("%w: active users per day: range %s in %s vs %s in %s", ErrDashboardMismatch,
			a.Range, dashboardLocName(a.Location), o.Range, dashboardLocName(o.Location))
	}
	if err := a.days(); err != nil {
		return err
	}
	// o's day buckets were built for the range it had then: a range
	// changed since (which o.Add refuses) must not index past a's days.
	if o.inRange > 0 && (!o.built.Start.Equal(a.built.Start) || !o.built.End.Equal(a.built.End) ||
		dashboardLocName(o.builtLoc) != dashboardLocName(a.builtLoc) || len(o.users) != len(a.users)) {
		return fmt.Errorf("%w: active users per day: the other accumulator's range changed after its first event", ErrDashboardMismatch)
	}
	a.events += o.events
	a.outside += o.outside
	a.inRange += o.inRange
	for i, us := range o.users {
		if len(us) == 0 {
			continue
		}
		mine := a.users[i]
		if mine == nil {
			mine = make(map[learnstats.UserID]struct{}, len(us))
			a.users[i] = mine
		}
		for u := range us {
			mine[u] = struct{}{}
		}
	}
	return nil
}

// Result returns the chart: one entry per calendar day of Range in
// Location, in date order, days without events at 0.
func (a *ActiveUsersPerDay) Result() ActiveUsersResult {
	_ = a.days() // after a forbidden change, the range of the first events
	res := ActiveUsersResult{Days: make([]ActiveUsersDay, len(a.dates)), Events: a.events, OutsideRange: a.outside}
	for i, d := range a.dates {
		res.Days[i] = ActiveUsersDay{Date: d, Users: len(a.users[i])}
	}
	return res
}

// CountActiveUsersPerDay is shorthand for an [ActiveUsersPerDay] with the
// given range and location, fed every event of events (rule D-1). The first
// invalid event stops it with an error wrapping [ErrInvalidDashboardRecord].
func CountActiveUsersPerDay(events iter.Seq[ActiveUserEvent], rng learnstats.Window, loc *time.Location) (ActiveUsersResult, error) {
	a := ActiveUsersPerDay{Range: rng, Location: loc}
	for e := range dashboardSeq(events) {
		if err := a.Add(e); err != nil {
			return ActiveUsersResult{}, err
		}
	}
	return a.Result(), nil
}

func dashboardLocName(l *time.Location) string {
	if l == nil {
		return time.UTC.String()
	}
	return l.String()
}
