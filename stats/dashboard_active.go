package stats

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
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
// Set Range and Location before the first Add: the accumulator takes its
// days from them then, and a later Add, Merge or Result finds a changed
// Range or Location (one that gives other days) an error wrapping
// [ErrDashboardMismatch]. A Range whose End is before its Start is an error
// wrapping [learnstats.ErrInvalidWindow]; one longer than a
// [time.Duration] (about 292 years) an error wrapping
// [learnstats.ErrOverflow]. The zero value is empty, with an empty range:
// every event falls outside it. Merge combines two accumulators whose
// ranges have the same days (the same instants, and the same midnights in
// their locations). It is not safe for concurrent use; give each goroutine
// its own and Merge them.
type ActiveUsersPerDay struct {
	// Range is the half-open window [Start, End) the chart covers (D-1). A
	// Start or End that is not a midnight makes its day partial. The zero
	// Range is empty: no day, and every event is outside it.
	Range learnstats.Window
	// Location is where calendar days are taken; nil means UTC.
	Location *time.Location

	// days are the range's days, computed from Range and Location at the
	// first Add or Merge; users[i] holds the users seen on day i.
	days    frozenConfig[activeDays]
	users   []map[learnstats.UserID]struct{}
	events  int
	outside int
}

// activeDays is the D-1 configuration as it matters to the result: the
// range and the first instant of each of its days in the location.
type activeDays struct {
	rng learnstats.Window
	loc *time.Location
	// bounds[i] is the first instant of day i (bounds[0] is rng.Start).
	bounds []time.Time
	dates  []learnstats.Date
}

// newActiveDays computes the days of rng in loc.
func newActiveDays(rng learnstats.Window, loc *time.Location) (activeDays, error) {
	d := activeDays{rng: rng, loc: loc, dates: []learnstats.Date{}}
	if err := rng.Validate(); err != nil {
		return activeDays{}, fmt.Errorf("stats: active users per day: range: %w", err)
	}
	if rng.Empty() {
		return d, nil
	}
	span, ok := checked.Span(rng.Start, rng.End)
	if !ok {
		return activeDays{}, errOverflow("active users per day: range %s is longer than %s", rng, time.Duration(math.MaxInt64))
	}
	// A day is at least 22 hours long in every location Go knows: more
	// days than that means the calendar wrapped at the edge of time.Time.
	limit := int(span/(22*time.Hour)) + 2
	for day := range rng.Days(loc) {
		start := day.Start(loc)
		if len(d.dates) == 0 {
			start = rng.Start
		} else if !start.After(d.bounds[len(d.bounds)-1]) || len(d.dates) == limit {
			return activeDays{}, errOverflow("active users per day: the days of range %s do not fit time.Time", rng)
		}
		d.dates = append(d.dates, day)
		d.bounds = append(d.bounds, start)
	}
	return d, nil
}

// same reports whether a and b have the same days: the same instants and
// the same midnights, whatever the locations' names.
func (a activeDays) same(b activeDays) bool {
	if a.rng == b.rng && a.loc == b.loc {
		return true
	}
	return sameInstant(a.rng.Start, b.rng.Start) && sameInstant(a.rng.End, b.rng.End) &&
		slices.Equal(a.dates, b.dates) && slices.EqualFunc(a.bounds, b.bounds, sameInstant)
}

// config returns the days the records were counted in (computing them
// from Range and Location when nothing is frozen yet) and checks that
// Range and Location still give them. freeze keeps them.
func (a *ActiveUsersPerDay) config(freeze bool) (activeDays, error) {
	if a.days.set {
		f := a.days.c
		if f.rng == a.Range && f.loc == a.Location {
			return f, nil // the fast path: the very values frozen
		}
		cur, err := newActiveDays(a.Range, a.Location)
		if err != nil || !cur.same(f) {
			return activeDays{}, fmt.Errorf("%w: active users per day: range or location changed after the first record (%s in %s, now %s in %s)",
				ErrDashboardMismatch, f.rng, dashboardLocName(f.loc), a.Range, dashboardLocName(a.Location))
		}
		return f, nil
	}
	cur, err := newActiveDays(a.Range, a.Location)
	if err != nil {
		return activeDays{}, err
	}
	if freeze {
		a.days.hold(cur, activeDays.same)
		a.users = make([]map[learnstats.UserID]struct{}, len(cur.dates))
	}
	return cur, nil
}

// dayIndex returns the index of the day of t, which is inside the range.
func (d activeDays) dayIndex(t time.Time) int {
	// The last day whose first instant is at or before t.
	i, _ := slices.BinarySearchFunc(d.bounds, t, func(b, t time.Time) int { return b.Compare(t) })
	if i == len(d.bounds) || !d.bounds[i].Equal(t) {
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
// [ErrInvalidDashboardRecord], a changed Range or Location one wrapping
// [ErrDashboardMismatch], a count that would overflow one wrapping
// [learnstats.ErrOverflow]; each changes nothing.
func (a *ActiveUsersPerDay) Add(e ActiveUserEvent) error {
	if err := e.Validate(); err != nil {
		return err
	}
	d, err := a.config(true)
	if err != nil {
		return err
	}
	in := d.rng.Contains(e.At)
	out := 0
	if !in {
		out = 1
	}
	if !sums([]*int{&a.events, &a.outside}, []int{1, out}) {
		return errOverflow("active-user event of user %q at %s: event count", e.User, e.At.Format(time.RFC3339Nano))
	}
	if !in {
		return nil
	}
	i := d.dayIndex(e.At)
	us := a.users[i]
	if us == nil {
		us = make(map[learnstats.UserID]struct{})
		a.users[i] = us
	}
	us[e.User] = struct{}{}
	return nil
}

// Merge adds o's events to a. It returns an error wrapping
// [ErrDashboardMismatch] when the two do not have the same days (another
// range, or a location with other midnights) or when either one's Range or
// Location changed after its first record, and an error wrapping
// [learnstats.ErrOverflow] when a count would overflow; a is then
// unchanged. o is not modified.
func (a *ActiveUsersPerDay) Merge(o *ActiveUsersPerDay) error {
	if o == nil {
		return nil // a nil accumulator is empty
	}
	od, err := o.config(false)
	if err != nil {
		return err
	}
	ad, err := a.config(false)
	if err != nil {
		return err
	}
	if !ad.same(od) {
		return fmt.Errorf("%w: active users per day: range %s in %s vs %s in %s", ErrDashboardMismatch,
			ad.rng, dashboardLocName(ad.loc), od.rng, dashboardLocName(od.loc))
	}
	events, ok1 := sum(a.events, o.events)
	outside, ok2 := sum(a.outside, o.outside)
	if !ok1 || !ok2 {
		return errOverflow("active users per day: merge: event count")
	}
	if _, err := a.config(true); err != nil {
		return err
	}
	a.events, a.outside = events, outside
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
// Location, in date order, days without events at 0. A Range or Location
// changed after the first record is an error wrapping
// [ErrDashboardMismatch].
func (a *ActiveUsersPerDay) Result() (ActiveUsersResult, error) {
	d, err := a.config(false)
	if err != nil {
		return ActiveUsersResult{}, err
	}
	res := ActiveUsersResult{Days: make([]ActiveUsersDay, len(d.dates)), Events: a.events, OutsideRange: a.outside}
	for i, day := range d.dates {
		res.Days[i] = ActiveUsersDay{Date: day}
		if i < len(a.users) {
			res.Days[i].Users = len(a.users[i])
		}
	}
	return res, nil
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
	return a.Result()
}

func dashboardLocName(l *time.Location) string {
	if l == nil {
		return time.UTC.String()
	}
	return l.String()
}
