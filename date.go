package learnstats

import (
	"fmt"
	"time"
)

// Date is a calendar day, with no time and no location: the unit of per-day
// charts, "completed on" dates and ages. The zero Date is 0000-00-00 and
// sorts before every real date.
type Date struct {
	Year  int        // the year, e.g. 2026
	Month time.Month // January = 1
	Day   int        // the day of the month, 1–31
}

// DateOf returns the calendar day of t in loc (UTC when loc is nil).
func DateOf(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	return Date{Year: y, Month: m, Day: d}
}

// Start returns midnight at the start of the day in loc (UTC when nil).
// On a day whose midnight does not exist (a DST change at 00:00) it is the
// first instant of the day, as time.Date normalises it.
func (d Date) Start(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n calendar days later (earlier when n < 0).
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	y, m, dd := t.Date()
	return Date{Year: y, Month: m, Day: dd}
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// YearsBetween returns the number of whole years from birth to on (an
// age), or -1 when on is before birth. A birthday on 29 February is
// reached on 1 March in non-leap years.
func YearsBetween(birth, on Date) int {
	if on.Compare(birth) < 0 {
		return -1
	}
	years := on.Year - birth.Year
	if on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) {
		years--
	}
	return years
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
