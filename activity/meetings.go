package activity

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Meeting is one scheduled meeting (a live session, a one-to-one) for rule
// E-9. The zero Meeting is invalid: ID and Start are required.
type Meeting struct {
	// ID identifies the meeting in errors; required (the empty ID is
	// invalid). It is not checked for uniqueness.
	ID string
	// Start and End are when the meeting took place (End >= Start) or,
	// for a cancelled meeting, when it was scheduled (End may then be
	// zero).
	Start, End time.Time
	// Cancelled meetings are counted but left out of the averages.
	Cancelled bool
	// Attendees is the number of users who attended (>= 0; 0 for a
	// cancelled meeting).
	Attendees int64
}

// Validate returns an error wrapping [ErrInvalidMeeting] naming the
// meeting when it has no ID or start, ends before it starts, has a
// negative number of attendees, or was cancelled yet has attendees. A
// meeting held for longer than a time.Duration holds (about 292 years) is
// an error wrapping both ErrInvalidMeeting and [learnstats.ErrOverflow].
func (m Meeting) Validate() error {
	switch {
	case m.ID == "":
		return fmt.Errorf("%w: no ID (start %s)", ErrInvalidMeeting, m.Start.Format(time.RFC3339))
	case m.Start.IsZero():
		return fmt.Errorf("%w: meeting %q: no start", ErrInvalidMeeting, m.ID)
	case !m.Cancelled && m.End.Before(m.Start):
		return fmt.Errorf("%w: meeting %q: ends %s before it starts %s", ErrInvalidMeeting, m.ID,
			m.End.Format(time.RFC3339), m.Start.Format(time.RFC3339))
	case m.Attendees < 0:
		return fmt.Errorf("%w: meeting %q: %d attendees", ErrInvalidMeeting, m.ID, m.Attendees)
	case m.Cancelled && m.Attendees != 0:
		return fmt.Errorf("%w: meeting %q: cancelled with %d attendees", ErrInvalidMeeting, m.ID, m.Attendees)
	}
	if _, ok := checked.Span(m.Start, m.End); !m.Cancelled && !ok {
		return fmt.Errorf("%w: meeting %q: from %s to %s is too long for a time.Duration: %w", ErrInvalidMeeting, m.ID,
			m.Start.Format(time.RFC3339), m.End.Format(time.RFC3339), learnstats.ErrOverflow)
	}
	return nil
}

// Meetings is the accumulator of rule E-9 over a window: a meeting
// belongs to the window that contains its Start. The zero Meetings counts
// over all time; use [NewMeetings] for a window. Merge accumulators fed
// with disjoint sets of meetings (each meeting in one shard) over the
// same window.
//
// Window is fixed by the first Add or Merge: changing it afterwards makes
// every later Add, Merge and Result return an error wrapping
// [ErrConfigMismatch] (SPEC section 0: a definition cannot change after
// the first record). Sums and counts are checked: one that would pass
// 2⁶³−1 (attendees, nanoseconds of duration) is an error wrapping
// [learnstats.ErrOverflow], and nothing of that call is counted.
type Meetings struct {
	// Window selects the meetings counted: those whose Start it contains.
	// The zero Window is all time.
	Window learnstats.Window

	win                       learnstats.Window // Window at the first record
	fixed                     bool              // win is set
	total, cancelled, outside int64
	attendees                 int64
	duration                  time.Duration
}

// NewMeetings returns an empty accumulator over w.
func NewMeetings(w learnstats.Window) *Meetings { return &Meetings{Window: w} }

// fix fixes the window at the first record and reports a window changed
// since.
func (m *Meetings) fix() error {
	if !m.fixed {
		m.win, m.fixed = m.Window, true
		return nil
	}
	if !sameWindow(m.Window, m.win) {
		return fmt.Errorf("%w: meeting window changed from %s to %s after the first record", ErrConfigMismatch, m.win, m.Window)
	}
	return nil
}

// Add counts one meeting. An invalid one is an error wrapping
// [ErrInvalidMeeting], a sum that would overflow an error wrapping
// [learnstats.ErrOverflow], both naming the meeting; the meeting is then
// not counted.
func (m *Meetings) Add(x Meeting) error {
	if err := m.fix(); err != nil {
		return err
	}
	if err := x.Validate(); err != nil {
		return err
	}
	if m.win != (learnstats.Window{}) && !m.win.Contains(x.Start) {
		outside, ok := checked.Add(m.outside, 1)
		if !ok {
			return fmt.Errorf("activity: meeting %q: count of meetings outside the window passes 2⁶³−1: %w", x.ID, learnstats.ErrOverflow)
		}
		m.outside = outside
		return nil
	}
	total, okT := checked.Add(m.total, 1)
	cancelled, attendees, duration := m.cancelled, m.attendees, m.duration
	okC, okA, okD := true, true, true
	if x.Cancelled {
		cancelled, okC = checked.Add(m.cancelled, 1)
	} else {
		d, _ := checked.Span(x.Start, x.End) // Validate checked that it fits
		attendees, okA = checked.Add(m.attendees, x.Attendees)
		duration, okD = checked.AddDuration(m.duration, d)
	}
	switch {
	case !okA:
		return fmt.Errorf("activity: meeting %q: attendees %d + %d pass 2⁶³−1: %w", x.ID, m.attendees, x.Attendees, learnstats.ErrOverflow)
	case !okD:
		return fmt.Errorf("activity: meeting %q: total duration %s + %s is too long for a time.Duration: %w", x.ID,
			m.duration, x.End.Sub(x.Start), learnstats.ErrOverflow)
	case !okT || !okC:
		return fmt.Errorf("activity: meeting %q: meeting count passes 2⁶³−1: %w", x.ID, learnstats.ErrOverflow)
	}
	m.total, m.cancelled, m.attendees, m.duration = total, cancelled, attendees, duration
	return nil
}

// Merge adds b's counts into m. The windows must be equal (an error
// wrapping [ErrConfigMismatch] otherwise), and so must each side's
// window be the one of its first record. A sum that would pass 2⁶³−1 is
// an error wrapping [learnstats.ErrOverflow]. On error m is unchanged.
func (m *Meetings) Merge(b *Meetings) error {
	if err := m.fix(); err != nil {
		return err
	}
	bw := b.Window
	if b.fixed {
		if !sameWindow(b.Window, b.win) {
			return fmt.Errorf("%w: merged meeting window changed from %s to %s after the first record", ErrConfigMismatch, b.win, b.Window)
		}
		bw = b.win
	}
	if !sameWindow(m.win, bw) {
		return fmt.Errorf("%w: meeting windows %s and %s", ErrConfigMismatch, m.win, bw)
	}
	var oks [5]bool
	next := *m
	next.total, oks[0] = checked.Add(m.total, b.total)
	next.cancelled, oks[1] = checked.Add(m.cancelled, b.cancelled)
	next.outside, oks[2] = checked.Add(m.outside, b.outside)
	next.attendees, oks[3] = checked.Add(m.attendees, b.attendees)
	next.duration, oks[4] = checked.AddDuration(m.duration, b.duration)
	if oks != [5]bool{true, true, true, true, true} {
		return fmt.Errorf("activity: merging meetings: sums pass 2⁶³−1 (attendees %d + %d, duration %s + %s): %w",
			m.attendees, b.attendees, m.duration, b.duration, learnstats.ErrOverflow)
	}
	*m = next
	return nil
}

// MeetingStats is rule E-9.
type MeetingStats struct {
	// Meetings counts the meetings of the window, cancelled ones included;
	// Cancelled counts those; Held = Meetings − Cancelled.
	Meetings, Cancelled, Held int64
	// AvgAttendees is the attendees per meeting held (exact ratio).
	AvgAttendees Ratio
	// TotalDuration sums the held meetings' durations (End − Start); 0
	// when none was held.
	TotalDuration time.Duration
	// AvgDuration is TotalDuration / Held, rounded half away from zero to
	// the nanosecond; 0 when none was held.
	AvgDuration time.Duration
	// OutsideWindow counts the meetings left out because they start
	// outside the window.
	OutsideWindow int64
}

// Result returns the statistics so far, or an error wrapping
// [ErrConfigMismatch] when Window was changed after the first record.
func (m *Meetings) Result() (MeetingStats, error) {
	if m.fixed {
		if err := m.fix(); err != nil {
			return MeetingStats{}, err
		}
	}
	held := m.total - m.cancelled
	return MeetingStats{Meetings: m.total, Cancelled: m.cancelled, Held: held,
		AvgAttendees: Ratio{m.attendees, held}, TotalDuration: m.duration,
		AvgDuration: avgDuration(m.duration, held), OutsideWindow: m.outside}, nil
}

// MeetingsIn is the one-call form of [Meetings] over w.
func MeetingsIn(w learnstats.Window, meetings iter.Seq[Meeting]) (MeetingStats, error) {
	m := NewMeetings(w)
	for x := range meetings {
		if err := m.Add(x); err != nil {
			return MeetingStats{}, err
		}
	}
	return m.Result()
}
