package learnstats

import (
	"errors"
	"fmt"
	"iter"
	"time"
)

// ErrInvalidWindow reports a window whose end is before its start, or a
// negative day count. Use errors.Is.
var ErrInvalidWindow = errors.New("learnstats: invalid window")

// Window is a half-open time interval [Start, End): an instant t is inside
// when Start <= t < End. Every windowed rule of the library uses it.
//
// The zero Window is empty: it contains no instant.
type Window struct {
	Start time.Time // first instant inside the window
	End   time.Time // first instant after the window
}

// LastDays returns the window of the n calendar days before asOf:
// [asOf.AddDate(0, 0, -n), asOf), computed in asOf's location, so a window
// that crosses a daylight-saving change is still n calendar days long
// (SPEC section 0). Events at or after asOf are outside it.
//
// It returns an empty window for n <= 0.
func LastDays(asOf time.Time, n int) Window {
	if n <= 0 {
		return Window{Start: asOf, End: asOf}
	}
	return Window{Start: asOf.AddDate(0, 0, -n), End: asOf}
}

// Contains reports whether Start <= t < End.
func (w Window) Contains(t time.Time) bool {
	return !t.Before(w.Start) && t.Before(w.End)
}

// empty reports whether the window contains no instant.
func (w Window) empty() bool { return !w.Start.Before(w.End) }

// Validate returns an error wrapping [ErrInvalidWindow] when End is before
// Start. An empty window (Start == End) is valid.
func (w Window) Validate() error {
	if w.End.Before(w.Start) {
		return fmt.Errorf("%w: end %s before start %s", ErrInvalidWindow,
			w.End.Format(time.RFC3339Nano), w.Start.Format(time.RFC3339Nano))
	}
	return nil
}

// String formats the window as "[start, end)" in RFC 3339.
func (w Window) String() string {
	return "[" + w.Start.Format(time.RFC3339) + ", " + w.End.Format(time.RFC3339) + ")"
}

// Days returns the calendar days, in loc (UTC when nil), that the window
// touches, in increasing order: the day of Start through the day of the
// last instant before End. An empty window has no days. The sequence may be
// iterated more than once.
func (w Window) Days(loc *time.Location) iter.Seq[Date] {
	return func(yield func(Date) bool) {
		if w.empty() {
			return
		}
		first := DateOf(w.Start, loc)
		last := DateOf(w.End.Add(-time.Nanosecond), loc)
		for d := first; d.Compare(last) <= 0; d = d.AddDays(1) {
			if !yield(d) {
				return
			}
		}
	}
}

// DayWindow returns the half-open window of the calendar days [from, to]
// (inclusive dates) in loc (UTC when nil): from midnight of from to
// midnight after to. It is how the library turns an inclusive date range
// (a survey export's "from … to …") into a window.
func DayWindow(from, to Date, loc *time.Location) (Window, error) {
	if to.Compare(from) < 0 {
		return Window{}, fmt.Errorf("%w: last day %s before first day %s", ErrInvalidWindow, to, from)
	}
	return Window{Start: from.Start(loc), End: to.AddDays(1).Start(loc)}, nil
}
