package activity

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
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
// negative number of attendees, or was cancelled yet has attendees.
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
	return nil
}

// Meetings is the accumulator of rule E-9 over a window: a meeting
// belongs to the window that contains its Start. The zero Meetings counts
// over all time; use [NewMeetings] for a window. Merge accumulators fed
// with disjoint sets of meetings (each meeting in one shard) over the
// same window.
type Meetings struct {
	Window learnstats.Window // the zero Window is all time

	total, cancelled, outside int64
	attendees                 int64
	duration                  time.Duration
}

// NewMeetings returns an empty accumulator over w.
func NewMeetings(w learnstats.Window) *Meetings { return &Meetings{Window: w} }

// Add counts one meeting; an invalid one is an error wrapping
// [ErrInvalidMeeting] and is not counted.
func (m *Meetings) Add(x Meeting) error {
	if err := x.Validate(); err != nil {
		return err
	}
	if m.Window != (learnstats.Window{}) && !m.Window.Contains(x.Start) {
		m.outside++
		return nil
	}
	m.total++
	if x.Cancelled {
		m.cancelled++
		return nil
	}
	m.attendees += x.Attendees
	m.duration += x.End.Sub(x.Start)
	return nil
}

// Merge adds b's counts into m. The windows must be equal (an error
// wrapping [ErrConfigMismatch] otherwise).
func (m *Meetings) Merge(b *Meetings) error {
	if !m.Window.Start.Equal(b.Window.Start) || !m.Window.End.Equal(b.Window.End) {
		return fmt.Errorf("%w: meeting windows %s and %s", ErrConfigMismatch, m.Window, b.Window)
	}
	m.total += b.total
	m.cancelled += b.cancelled
	m.outside += b.outside
	m.attendees += b.attendees
	m.duration += b.duration
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

// Result returns the statistics so far.
func (m *Meetings) Result() MeetingStats {
	held := m.total - m.cancelled
	return MeetingStats{Meetings: m.total, Cancelled: m.cancelled, Held: held,
		AvgAttendees: Ratio{m.attendees, held}, TotalDuration: m.duration,
		AvgDuration: avgDuration(m.duration, held), OutsideWindow: m.outside}
}

// MeetingsIn is the one-call form of [Meetings] over w.
func MeetingsIn(w learnstats.Window, meetings iter.Seq[Meeting]) (MeetingStats, error) {
	m := NewMeetings(w)
	for x := range meetings {
		if err := m.Add(x); err != nil {
			return MeetingStats{}, err
		}
	}
	return m.Result(), nil
}
