package activity

import (
	"cmp"
	"slices"
	"strings"

	"github.com/learnstats/learnstats"
)

// Rule E-4 Total interactions per operating system per day.

// osDay is a cell of rule E-4.
type osDay struct {
	day learnstats.Date
	os  string
}

// dayCell is a cell of rule E-4 and its count.
type dayCell struct {
	key          osDay
	interactions int64
}

// OSDay is one cell of rule E-4.
type OSDay struct {
	// Day is the calendar day in Options.Location (UTC when nil).
	Day learnstats.Date
	// OS is the operating system as the events name it; the empty string
	// is the class of events with no OS recorded.
	OS string
	// Interactions counts the events of the window's visits on that day
	// from that OS; always ≥ 1 (empty cells are absent).
	Interactions int64
}

// countOSDay counts the event of u at t in its day and OS. The cell of
// the user's previous event is kept: a user's next event is usually on
// the same day (events come in time order, so it is not before that
// day), from the same OS.
func (a *AnalyticsAccumulator) countOSDay(u *userState, e *Event, t int64) {
	if u.cell == none || t >= u.dayEnd || e.OS != a.cells[u.cell].key.os {
		key := osDay{learnstats.DateOf(e.Time, a.set.loc), e.OS}
		u.dayEnd = key.day.AddDays(1).Start(a.set.loc).UnixNano()
		u.cell = a.cell(key)
	}
	a.cells[u.cell].interactions++
}

// cell returns the index of the cell of key, created when new.
func (a *AnalyticsAccumulator) cell(key osDay) int32 {
	c, ok := a.cellIndex[key]
	if !ok {
		c = int32(len(a.cells))
		a.cellIndex[key] = c
		a.cells = append(a.cells, dayCell{key: key})
	}
	return c
}

// osDayList is rule E-4: the cells with interactions, by day then OS.
func (a *AnalyticsAccumulator) osDayList() []OSDay {
	var out []OSDay
	for _, c := range a.cells {
		if c.interactions > 0 {
			out = append(out, OSDay{Day: c.key.day, OS: c.key.os, Interactions: c.interactions})
		}
	}
	slices.SortFunc(out, func(x, y OSDay) int { return cmp.Or(x.Day.Compare(y.Day), strings.Compare(x.OS, y.OS)) })
	return out
}
