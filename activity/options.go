package activity

import (
	"fmt"
	"maps"
	"time"

	"github.com/learnstats/learnstats"
)

// defaultGap is the inactivity gap of rule E-1.
const defaultGap = 30 * time.Minute

// funnelSteps is the number of steps the funnel of rule E-6 keeps.
const funnelSteps = 10

// Options configure an [AnalyticsAccumulator]. They are fixed at
// construction: the accumulator keeps its own copy, so a map changed
// afterwards changes nothing. The zero Options count every event of all
// time, with the 30-minute gap, days in UTC, everyone consenting and
// anonymized mode off.
type Options struct {
	// Window selects the visits counted: a visit belongs to the window
	// that contains its first event (rule E-1), and all its events count
	// with it, even those after Window.End; the events of other visits
	// are counted in [Analytics].OutsideWindow. The zero Window means all
	// time; any other empty window counts nothing.
	Window learnstats.Window
	// Gap is the inactivity gap of rule E-1: a gap longer than Gap
	// between two events of a user starts a new visit; two events
	// exactly Gap apart are in the same visit. 0 means 30 minutes; a
	// negative Gap is an error.
	Gap time.Duration
	// Location is where calendar days are taken for rule E-4 (UTC when
	// nil).
	Location *time.Location
	// Consent, when not nil, is rule E-12: the users whose value is true
	// accepted tracking; the events of every other user (false or
	// missing) are left out and counted in [Analytics].NoConsent. Nil
	// means consent is not tracked and every user's events count; an
	// empty map leaves everyone out.
	Consent map[learnstats.UserID]bool
	// Anonymized is rule E-11: individual analytics (User) are refused;
	// exports show pseudonyms ([Pseudonymizer]).
	Anonymized bool
	// User, when not empty, is rule E-10, individual analytics: only
	// User's events are counted, and other users' are counted in
	// [Analytics].OtherUsers. With Anonymized it is an error wrapping
	// [ErrAnonymized].
	User learnstats.UserID
}

// settings are the Options an accumulator keeps, resolved: the gap and
// the location are the ones used, and the consent map holds the users
// who accepted.
type settings struct {
	window   learnstats.Window
	allTime  bool // the zero Window
	asOf     time.Time
	gap      time.Duration
	loc      *time.Location
	consent  map[learnstats.UserID]bool // nil: not tracked; else the users who accepted, all true
	anon     bool
	onlyUser learnstats.UserID
}

// newSettings validates o and resolves it, with asOf.
func newSettings(asOf time.Time, o Options) (settings, error) {
	if err := o.Window.Validate(); err != nil {
		return settings{}, fmt.Errorf("activity: options: %w", err)
	}
	if o.Gap < 0 {
		return settings{}, fmt.Errorf("%w: options: negative visit gap %s", learnstats.ErrInvalidWindow, o.Gap)
	}
	if o.Anonymized && o.User != "" {
		return settings{}, fmt.Errorf("%w: individual analytics of user %q are refused (rule E-11)", ErrAnonymized, o.User)
	}
	s := settings{window: o.Window, allTime: o.Window == (learnstats.Window{}), asOf: asOf, gap: o.Gap,
		loc: o.Location, anon: o.Anonymized, onlyUser: o.User}
	if s.gap == 0 {
		s.gap = defaultGap
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if o.Consent != nil {
		s.consent = maps.Clone(o.Consent)
		maps.DeleteFunc(s.consent, func(_ learnstats.UserID, accepted bool) bool { return !accepted })
	}
	return s, nil
}

// inWindow reports whether a visit starting at t counts (rule E-1).
func (s *settings) inWindow(t time.Time) bool { return s.allTime || s.window.Contains(t) }

// afterAsOf reports whether an event at t is left out by asOf.
func (s *settings) afterAsOf(t time.Time) bool { return !s.asOf.IsZero() && !t.Before(s.asOf) }

// accepted reports whether user id accepted tracking (rule E-12).
func (s *settings) accepted(id learnstats.UserID) bool { return s.consent == nil || s.consent[id] }

// diff returns what differs between s and o, or "" when they are the
// same configuration. Instants are compared as instants, the location by
// its name and its offsets over the whole event time range, the consent
// sets user by user (nil, not tracked, differs from every set).
func (s *settings) diff(o *settings) string {
	switch {
	case !s.window.Start.Equal(o.window.Start) || !s.window.End.Equal(o.window.End):
		return fmt.Sprintf("window %s / %s", s.window, o.window)
	case !s.asOf.Equal(o.asOf):
		return fmt.Sprintf("asOf %s / %s", s.asOf.Format(time.RFC3339Nano), o.asOf.Format(time.RFC3339Nano))
	case s.gap != o.gap:
		return fmt.Sprintf("gap %s / %s", s.gap, o.gap)
	case s.loc.String() != o.loc.String():
		return fmt.Sprintf("location %q / %q", s.loc, o.loc)
	case !sameLocation(s.loc, o.loc):
		return fmt.Sprintf("locations named %q with other offsets", s.loc)
	case s.anon != o.anon:
		return fmt.Sprintf("anonymized %v / %v", s.anon, o.anon)
	case s.onlyUser != o.onlyUser:
		return fmt.Sprintf("individual analytics of %q / %q", s.onlyUser, o.onlyUser)
	case (s.consent == nil) != (o.consent == nil):
		return "consent tracked on one side only"
	case !maps.Equal(s.consent, o.consent):
		return "consent sets accept other users"
	}
	return ""
}

// sameLocation reports whether a and b give every instant of the event
// time range the same offset and zone name: all a location means for
// calendar days. It walks the zones' transitions.
func sameLocation(a, b *time.Location) bool {
	if a == b {
		return true
	}
	for t := minEventTime; !t.After(maxEventTime); {
		ta, tb := t.In(a), t.In(b)
		na, oa := ta.Zone()
		nb, ob := tb.Zone()
		_, ea := ta.ZoneBounds()
		_, eb := tb.ZoneBounds()
		if na != nb || oa != ob || !ea.Equal(eb) {
			return false
		}
		switch {
		case ea.IsZero():
			return true // the zone goes on forever
		case ea.After(t):
			t = ea
		default:
			// ZoneBounds can return an end that is not after t (seen at
			// the end of leap years under a zone's extended rule): go on
			// an hour later, so that the walk always ends.
			t = t.Add(time.Hour)
		}
	}
	return true
}
