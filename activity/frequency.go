package activity

import (
	"slices"
	"time"
)

// Rule E-3 Frequency of visits. Each active user is classed by the median
// gap between the starts of their consecutive visits: ≤ 1 day daily,
// ≤ 7 days weekly, ≤ 31 days monthly, longer rarely; a user with one
// visit is once. The result counts users per class.

// The classes of rule E-3, the values of [UserStats].Class.
const (
	classDaily   = "daily"
	classWeekly  = "weekly"
	classMonthly = "monthly"
	classRarely  = "rarely"
	classOnce    = "once"
)

// The limits of rule E-3, as fixed durations: a day is 24 hours here, not
// a calendar day.
const (
	dailyLimit   = 24 * time.Hour
	weeklyLimit  = 7 * 24 * time.Hour
	monthlyLimit = 31 * 24 * time.Hour
)

// frequencyClass is rule E-3 for a user whose visits start at starts
// (Unix nanoseconds, in time order). The median of an even number of
// gaps is the mean of the two middle ones, compared exactly: x + y ≤ 2 ×
// limit, with no rounding. room is room for the gaps, reused from one
// user to the next.
func frequencyClass(starts []int64, room *[]time.Duration) string {
	if len(starts) < 2 {
		return classOnce
	}
	gaps := (*room)[:0]
	for i := 1; i < len(starts); i++ {
		gaps = append(gaps, time.Duration(starts[i]-starts[i-1]))
	}
	*room = gaps
	slices.Sort(gaps)
	n := len(gaps)
	medianWithin := func(limit time.Duration) bool {
		if n%2 == 1 {
			return gaps[n/2] <= limit
		}
		x, y := gaps[n/2-1], gaps[n/2]
		return x <= 2*limit && y <= 2*limit && x+y <= 2*limit // each ≤ 62 days: the sum cannot overflow
	}
	switch {
	case medianWithin(dailyLimit):
		return classDaily
	case medianWithin(weeklyLimit):
		return classWeekly
	case medianWithin(monthlyLimit):
		return classMonthly
	}
	return classRarely
}

// countClass adds one user of class c to r's counts.
func (r *Analytics) countClass(c string) {
	switch c {
	case classDaily:
		r.Daily++
	case classWeekly:
		r.Weekly++
	case classMonthly:
		r.Monthly++
	case classRarely:
		r.Rarely++
	default:
		r.Once++
	}
}
