package dashboard

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Event is one thing a user did at an instant: a qualifying event of Rule
// D-1 (which events qualify is the caller's choice: a login in Opigno 3.0,
// "submitted an answer" in newer Opigno) and an access of Rule D-6.
type Event struct {
	// User is who did it.
	User learnstats.UserID
	// At is when.
	At time.Time
}

func (e Event) validate() error {
	switch {
	case e.User == "":
		return fmt.Errorf("dashboard: event at %s: no user: %w", e.At.Format(time.RFC3339Nano), learnstats.ErrInvalidRecord)
	case e.At.IsZero():
		return fmt.Errorf("dashboard: event of user %q: no time: %w", e.User, learnstats.ErrInvalidRecord)
	}
	return nil
}

// ActiveUsersAccumulator computes Rule D-1, active users per day, over one
// range in one location.
//
// Rule D-1. For a date range (e.g. one month) in a location: the number of
// distinct users with at least one qualifying event per calendar day; every
// day of the range is present (zero-filled). The range is half-open
// [Start, End): an event at exactly End (the midnight after a month) belongs
// to the next range and is counted in OutsideRange, not in the month's
// first day as Opigno counts it. Days are calendar days in the location, so
// a range that crosses a daylight-saving change still has one entry per
// calendar day, 23- and 25-hour days included. Build a range of whole days
// with learnstats.DayWindow.
//
// Memory grows with the distinct users of each day. Merge combines
// accumulators of the same range and location. The zero value is an
// accumulator over the empty range in UTC: every event is outside it. An
// ActiveUsersAccumulator is not safe for concurrent use; give each
// goroutine its own and Merge them.
type ActiveUsersAccumulator struct {
	rng     learnstats.Window
	loc     *time.Location
	bounds  []time.Time // the first instant of each day inside the range
	dates   []learnstats.Date
	users   []map[learnstats.UserID]bool
	events  int
	outside int
}

// NewActiveUsersAccumulator returns an empty accumulator for the range rng
// in loc (UTC when nil). An invalid range is an error wrapping
// learnstats.ErrInvalidWindow; a range longer than a time.Duration (about
// 292 years) one wrapping learnstats.ErrOverflow.
func NewActiveUsersAccumulator(rng learnstats.Window, loc *time.Location) (*ActiveUsersAccumulator, error) {
	if err := rng.Validate(); err != nil {
		return nil, fmt.Errorf("dashboard: active users: %w", err)
	}
	if loc == nil {
		loc = time.UTC
	}
	a := &ActiveUsersAccumulator{rng: rng, loc: loc}
	span, ok := checked.Span(rng.Start, rng.End)
	if !ok {
		return nil, fmt.Errorf("dashboard: active users: range %s is longer than %s: %w", rng, time.Duration(math.MaxInt64), learnstats.ErrOverflow)
	}
	// A day is at least 22 hours long in every location Go knows: more
	// days than that means the calendar wrapped at the edge of time.Time.
	limit := int(span/(22*time.Hour)) + 2
	for d := range rng.Days(loc) {
		start := d.Start(loc)
		if len(a.dates) == 0 {
			start = rng.Start // a range starting mid-day: its first day is partial
		} else if !start.After(a.bounds[len(a.bounds)-1]) || len(a.dates) == limit {
			return nil, fmt.Errorf("dashboard: active users: the days of range %s do not fit time.Time: %w", rng, learnstats.ErrOverflow)
		}
		a.dates = append(a.dates, d)
		a.bounds = append(a.bounds, start)
	}
	a.users = make([]map[learnstats.UserID]bool, len(a.dates))
	return a, nil
}

// Add counts one event. An event without a user or a time is an error
// wrapping [learnstats.ErrInvalidRecord], an event count that would overflow one
// wrapping learnstats.ErrOverflow; either changes nothing.
func (a *ActiveUsersAccumulator) Add(e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	events, ok := checked.AddInt(a.events, 1)
	if !ok {
		return fmt.Errorf("dashboard: event of user %q at %s: event count: %w", e.User, e.At.Format(time.RFC3339Nano), learnstats.ErrOverflow)
	}
	a.events = events
	if !a.rng.Contains(e.At) {
		a.outside++ // ≤ events: cannot overflow
		return nil
	}
	i, found := slices.BinarySearchFunc(a.bounds, e.At, func(b, t time.Time) int { return b.Compare(t) })
	if !found {
		i--
	}
	if a.users[i] == nil {
		a.users[i] = map[learnstats.UserID]bool{}
	}
	a.users[i][e.User] = true
	return nil
}

// Merge adds o's events to a; o is not modified, and a nil o is empty.
// Another range or location is an error wrapping learnstats.ErrMismatch:
// the two must have the same range, the same location name and the same
// days (the same midnights, so that two zones of one name but other
// offsets do not merge), and a must not be o. Counts that would overflow
// are an error wrapping learnstats.ErrOverflow. On error a is unchanged.
func (a *ActiveUsersAccumulator) Merge(o *ActiveUsersAccumulator) error {
	if o == nil {
		return nil
	}
	if a == o {
		return fmt.Errorf("dashboard: merge active users into itself: %w", learnstats.ErrMismatch)
	}
	if !a.sameDays(o) {
		return fmt.Errorf("dashboard: merge active users: range %s in %s vs %s in %s: %w", a.rng, a.location(), o.rng, o.location(), learnstats.ErrMismatch)
	}
	events, ok1 := checked.AddInt(a.events, o.events)
	outside, ok2 := checked.AddInt(a.outside, o.outside)
	if !ok1 || !ok2 {
		return fmt.Errorf("dashboard: merge active users: event count: %w", learnstats.ErrOverflow)
	}
	a.events, a.outside = events, outside
	for i, us := range o.users {
		for u := range us {
			if a.users[i] == nil {
				a.users[i] = map[learnstats.UserID]bool{}
			}
			a.users[i][u] = true
		}
	}
	return nil
}

// sameDays reports whether a and o count events in the same days: the
// same range and location name, and the same first instant and date of
// every day.
func (a *ActiveUsersAccumulator) sameDays(o *ActiveUsersAccumulator) bool {
	return a.rng.Start.Equal(o.rng.Start) && a.rng.End.Equal(o.rng.End) && a.location().String() == o.location().String() &&
		slices.Equal(a.dates, o.dates) && slices.EqualFunc(a.bounds, o.bounds, time.Time.Equal)
}

// location is the accumulator's location: UTC for the zero value.
func (a *ActiveUsersAccumulator) location() *time.Location {
	if a.loc == nil {
		return time.UTC
	}
	return a.loc
}

// ActiveUsers is the D-1 chart: every calendar day of the range in
// increasing order, zero-filled, and what was left out.
type ActiveUsers struct {
	// Days holds one entry per calendar day of the range in its location,
	// in increasing date order, a day without events at 0 users; it is
	// empty for an empty range.
	Days []ActiveDay
	// Events is the number of events added, inside the range or not.
	Events int
	// OutsideRange counts the events before the range's start or at or
	// after its end, left out of Days.
	OutsideRange int
}

// ActiveDay is one day of the D-1 chart.
type ActiveDay struct {
	// Date is the calendar day, in the accumulator's location.
	Date learnstats.Date
	// Users is the number of distinct users with a qualifying event in the
	// part of the day inside the range.
	Users int
}

// Result returns the chart.
func (a *ActiveUsersAccumulator) Result() ActiveUsers {
	res := ActiveUsers{Days: make([]ActiveDay, len(a.dates)), Events: a.events, OutsideRange: a.outside}
	for i, d := range a.dates {
		res.Days[i] = ActiveDay{Date: d, Users: len(a.users[i])}
	}
	return res
}

// ActiveUsersPerDay is shorthand for an [ActiveUsersAccumulator] on rng in
// loc fed every event (a nil sequence is empty); the first invalid event
// stops it with Add's error.
func ActiveUsersPerDay(rng learnstats.Window, loc *time.Location, events iter.Seq[Event]) (ActiveUsers, error) {
	a, err := NewActiveUsersAccumulator(rng, loc)
	if err != nil {
		return ActiveUsers{}, err
	}
	if events != nil {
		for e := range events {
			if err := a.Add(e); err != nil {
				return ActiveUsers{}, err
			}
		}
	}
	return a.Result(), nil
}
