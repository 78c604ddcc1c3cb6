package stats

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
)

// ActiveUserEvent is one qualifying event of rule D-1: a user did
// something that makes them "active" on the day it happened. Which events
// qualify is the caller's choice (a login in Opigno 3.0, "submitted an
// answer" in newer Opigno): pass only those.
type ActiveUserEvent struct {
	User learnstats.UserID
	At   time.Time
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
// Set Range and Location before the first Add. The zero value is empty, with
// an empty range: every event falls outside it. Merge combines two
// accumulators with the same Range and Location. It is not safe for
// concurrent use; give each goroutine its own and Merge them.
type ActiveUsersPerDay struct {
	Range    learnstats.Window
	Location *time.Location

	days    map[learnstats.Date]map[learnstats.UserID]struct{}
	events  int
	outside int
}

// ActiveUsersDay is one day of the D-1 chart.
type ActiveUsersDay struct {
	Date learnstats.Date
	// Users is the number of distinct users with a qualifying event in the
	// part of the day inside the range.
	Users int
}

// ActiveUsersResult is the D-1 chart: every calendar day of the range in
// increasing order, zero-filled, plus what was counted and left out.
type ActiveUsersResult struct {
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
	a.events++
	if !a.Range.Contains(e.At) {
		a.outside++
		return nil
	}
	d := learnstats.DateOf(e.At, a.Location)
	if a.days == nil {
		a.days = make(map[learnstats.Date]map[learnstats.UserID]struct{})
	}
	us := a.days[d]
	if us == nil {
		us = make(map[learnstats.UserID]struct{})
		a.days[d] = us
	}
	us[e.User] = struct{}{}
	return nil
}

// Merge adds o's events to a. It returns an error wrapping
// [ErrDashboardMismatch] when the ranges or locations differ. o is not
// modified.
func (a *ActiveUsersPerDay) Merge(o *ActiveUsersPerDay) error {
	if !a.Range.Start.Equal(o.Range.Start) || !a.Range.End.Equal(o.Range.End) || locName(a.Location) != locName(o.Location) {
		return fmt.Errorf("%w: active users per day: range %s in %s vs %s in %s", ErrDashboardMismatch,
			a.Range, locName(a.Location), o.Range, locName(o.Location))
	}
	a.events += o.events
	a.outside += o.outside
	for d, us := range o.days {
		if a.days == nil {
			a.days = make(map[learnstats.Date]map[learnstats.UserID]struct{})
		}
		mine := a.days[d]
		if mine == nil {
			mine = make(map[learnstats.UserID]struct{}, len(us))
			a.days[d] = mine
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
	res := ActiveUsersResult{Days: []ActiveUsersDay{}, Events: a.events, OutsideRange: a.outside}
	for d := range a.Range.Days(a.Location) {
		res.Days = append(res.Days, ActiveUsersDay{Date: d, Users: len(a.days[d])})
	}
	return res
}

// CountActiveUsersPerDay is shorthand for an [ActiveUsersPerDay] with the
// given range and location, fed every event of events (rule D-1). The first
// invalid event stops it with an error wrapping [ErrInvalidDashboardRecord].
func CountActiveUsersPerDay(events iter.Seq[ActiveUserEvent], rng learnstats.Window, loc *time.Location) (ActiveUsersResult, error) {
	a := ActiveUsersPerDay{Range: rng, Location: loc}
	for e := range orEmpty(events) {
		if err := a.Add(e); err != nil {
			return ActiveUsersResult{}, err
		}
	}
	return a.Result(), nil
}

func locName(l *time.Location) string {
	if l == nil {
		return time.UTC.String()
	}
	return l.String()
}
