package activity

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Rule E-9 Meetings. Number of meetings in the window, number cancelled,
// average attendees and average duration over meetings that took place.

// Meeting is one scheduled meeting (a live session, a one-to-one) for
// rule E-9. The zero Meeting is invalid: ID and Start are required.
type Meeting struct {
	// ID identifies the meeting in errors; required. It is not checked
	// for uniqueness.
	ID string
	// Start and End are when the meeting took place (End ≥ Start, and
	// End − Start fits a time.Duration, about 292 years) or, for a
	// cancelled meeting, when it was scheduled (End may then be zero).
	// A meeting belongs to the window that contains its Start.
	Start, End time.Time
	// Cancelled meetings count in the number of meetings and of
	// cancelled ones only.
	Cancelled bool
	// Attendees is the number of users who attended (≥ 0; 0 for a
	// cancelled meeting).
	Attendees int64
}

// validate returns an error wrapping [ErrInvalidEvent] naming the
// meeting when it breaks an invariant of [Meeting]; one that also wraps
// [learnstats.ErrOverflow] when it lasts longer than a time.Duration
// holds.
func (m *Meeting) validate() error {
	switch {
	case m.ID == "":
		return fmt.Errorf("%w: meeting with no ID (start %s)", ErrInvalidEvent, m.Start.Format(time.RFC3339))
	case m.Start.IsZero():
		return fmt.Errorf("%w: meeting %q: no start", ErrInvalidEvent, m.ID)
	case !m.Cancelled && m.End.Before(m.Start):
		return fmt.Errorf("%w: meeting %q: ends %s before it starts %s", ErrInvalidEvent, m.ID,
			m.End.Format(time.RFC3339), m.Start.Format(time.RFC3339))
	case m.Attendees < 0:
		return fmt.Errorf("%w: meeting %q: %d attendees", ErrInvalidEvent, m.ID, m.Attendees)
	case m.Cancelled && m.Attendees != 0:
		return fmt.Errorf("%w: meeting %q: cancelled with %d attendees", ErrInvalidEvent, m.ID, m.Attendees)
	}
	if _, ok := checked.Span(m.Start, m.End); !m.Cancelled && !ok {
		return fmt.Errorf("%w: meeting %q: from %s to %s is too long for a time.Duration: %w", ErrInvalidEvent, m.ID,
			m.Start.Format(time.RFC3339), m.End.Format(time.RFC3339), learnstats.ErrOverflow)
	}
	return nil
}

// MeetingsAccumulator is the accumulator of rule E-9 over a window, fixed
// at construction. Merge accumulators fed with disjoint sets of meetings
// (each meeting in one shard) over the same window. Sums are checked: one
// that would pass 2⁶³−1 (attendees, nanoseconds of duration) is an
// error wrapping [learnstats.ErrOverflow].
//
// The zero MeetingsAccumulator counts the meetings of all time.
type MeetingsAccumulator struct {
	window                    learnstats.Window // the zero Window: all time
	total, cancelled, outside int64
	attendees                 int64
	duration                  time.Duration
}

// NewMeetingsAccumulator returns an empty accumulator of the meetings
// whose Start w contains; the zero Window is all time. A window that ends
// before it starts is an error wrapping [learnstats.ErrInvalidWindow].
func NewMeetingsAccumulator(w learnstats.Window) (*MeetingsAccumulator, error) {
	if err := w.Validate(); err != nil {
		return nil, fmt.Errorf("activity: meetings: %w", err)
	}
	return &MeetingsAccumulator{window: w}, nil
}

// Add counts one meeting. An invalid one is an error wrapping
// [ErrInvalidEvent], a sum that would pass 2⁶³−1 one wrapping
// [learnstats.ErrOverflow], both naming the meeting; the meeting is then
// not counted. A meeting that starts outside the window is counted in
// MeetingStats.OutsideWindow.
func (acc *MeetingsAccumulator) Add(m Meeting) error {
	if err := m.validate(); err != nil {
		return err
	}
	// Counts are checked too: merges add them together (an accumulator
	// merged into a copy of itself doubles them).
	next := *acc
	okCount, okAttendees, okDuration := true, true, true
	switch {
	case acc.window != (learnstats.Window{}) && !acc.window.Contains(m.Start):
		next.outside, okCount = checked.Add(acc.outside, 1)
	case m.Cancelled:
		next.total, okCount = checked.Add(acc.total, 1)
		if okCount {
			next.cancelled, okCount = checked.Add(acc.cancelled, 1)
		}
	default:
		next.total, okCount = checked.Add(acc.total, 1)
		next.attendees, okAttendees = checked.Add(acc.attendees, m.Attendees)
		d, _ := checked.Span(m.Start, m.End) // validate checked that it fits
		next.duration, okDuration = checked.AddDuration(acc.duration, d)
	}
	switch {
	case !okAttendees:
		return fmt.Errorf("activity: meeting %q: attendees %d + %d pass 2⁶³−1: %w", m.ID, acc.attendees, m.Attendees, learnstats.ErrOverflow)
	case !okDuration:
		return fmt.Errorf("activity: meeting %q: total duration %s + %s passes 2⁶³−1 ns: %w", m.ID, acc.duration, m.End.Sub(m.Start), learnstats.ErrOverflow)
	case !okCount:
		return fmt.Errorf("activity: meeting %q: meeting count passes 2⁶³−1: %w", m.ID, learnstats.ErrOverflow)
	}
	*acc = next
	return nil
}

// Merge adds o's meetings into acc. Another window (compared as
// instants) is an error wrapping [learnstats.ErrMismatch], and so is
// acc.Merge(acc); a sum that would pass 2⁶³−1 one wrapping
// [learnstats.ErrOverflow]. On error acc is unchanged.
func (acc *MeetingsAccumulator) Merge(o *MeetingsAccumulator) error {
	switch {
	case acc == o:
		return fmt.Errorf("%w: merging meetings into themselves", learnstats.ErrMismatch)
	case !acc.window.Start.Equal(o.window.Start) || !acc.window.End.Equal(o.window.End):
		return fmt.Errorf("%w: meeting windows %s and %s", learnstats.ErrMismatch, acc.window, o.window)
	}
	next := *acc
	var oks [5]bool
	next.total, oks[0] = checked.Add(acc.total, o.total)
	next.cancelled, oks[1] = checked.Add(acc.cancelled, o.cancelled)
	next.outside, oks[2] = checked.Add(acc.outside, o.outside)
	next.attendees, oks[3] = checked.Add(acc.attendees, o.attendees)
	next.duration, oks[4] = checked.AddDuration(acc.duration, o.duration)
	if oks != [5]bool{true, true, true, true, true} {
		return fmt.Errorf("activity: merging meetings: sums pass 2⁶³−1 (attendees %d + %d, duration %s + %s): %w",
			acc.attendees, o.attendees, acc.duration, o.duration, learnstats.ErrOverflow)
	}
	*acc = next
	return nil
}

// MeetingStats is rule E-9.
type MeetingStats struct {
	// Meetings counts the meetings of the window, cancelled ones
	// included; Cancelled counts those; Held = Meetings − Cancelled.
	Meetings, Cancelled, Held int64
	// AvgAttendees is the attendees per meeting held, exact; it has no
	// value when none was held.
	AvgAttendees learnstats.Ratio
	// TotalDuration sums the held meetings' durations (End − Start), and
	// AvgDuration is TotalDuration / Held rounded half away from zero to
	// the nanosecond; both 0 when none was held.
	TotalDuration, AvgDuration time.Duration
	// OutsideWindow counts the meetings left out because they start
	// outside the window.
	OutsideWindow int64
}

// Result returns the statistics of the meetings added so far.
func (acc *MeetingsAccumulator) Result() MeetingStats {
	held := acc.total - acc.cancelled
	return MeetingStats{Meetings: acc.total, Cancelled: acc.cancelled, Held: held,
		AvgAttendees: learnstats.NewRatio(acc.attendees, held), TotalDuration: acc.duration,
		AvgDuration: avgDuration(acc.duration, held), OutsideWindow: acc.outside}
}

// AnalyzeMeetings is the one-call form of [MeetingsAccumulator]: the
// statistics of the meetings whose Start w contains (the zero Window:
// all time), or the first error.
func AnalyzeMeetings(w learnstats.Window, meetings iter.Seq[Meeting]) (MeetingStats, error) {
	acc, err := NewMeetingsAccumulator(w)
	if err != nil {
		return MeetingStats{}, err
	}
	for m := range meetings {
		if err := acc.Add(m); err != nil {
			return MeetingStats{}, err
		}
	}
	return acc.Result(), nil
}
