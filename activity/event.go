package activity

import (
	"errors"
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// Errors of the package; each error names the record (the user and the
// event's time, the meeting, the report's line and column). Use errors.Is.
var (
	// ErrInvalidEvent reports a record that breaks an invariant: an event
	// (no user, no time or one outside the accepted range, no category, a
	// negative duration, an unknown content type, a word the activity
	// report's vocabulary does not have), a [Parts] that [NewEntry] cannot
	// render, a [Meeting] (no ID or start, an end before the start,
	// negative attendees), or a report row that is no valid event.
	ErrInvalidEvent = errors.New("activity: invalid event")
	// ErrOutOfOrder reports an event older than the previous event of the
	// same user: engagement analytics and the activity report need each
	// user's events in time order (users may interleave freely).
	ErrOutOfOrder = errors.New("activity: event out of time order")
	// ErrAnonymized reports what anonymized mode (rule E-11) refuses or
	// cannot do: individual analytics while it is on, or pseudonyms
	// without a secret key.
	ErrAnonymized = errors.New("activity: anonymized mode")
)

// Event is one interaction (SPEC section 7): who, when, what (the
// Category / Action / Label entry of the activity report), with which
// feature, on which content item, from which operating system, and
// optionally for how long.
//
// The zero Event is invalid: User, Time and the entry's Category are
// required.
type Event struct {
	// User is who acted; required.
	User learnstats.UserID
	// Time is when the event happened; required, between the years 1823
	// and 2116 (±(2⁶² − 1) ns around 1970, so that any two event times
	// subtract without overflow). Its location does not matter: calendar
	// days are taken in Options.Location (rules E-4, E-10).
	Time time.Time
	// Entry is what the user did: the Category / Action / Label of the
	// activity report, built with [NewEntry] (or an Entry of the LMS's
	// own category). Its Category is required.
	Entry
	// Feature is the feature, module or screen used, the unit of rules
	// E-5 and E-6. When empty, the entry's Category stands for it (an
	// activity report read back has no feature column).
	Feature string
	// ContentType is the type of the content the event is about (rule
	// E-8): one of "form", "page", "user profile", "session", "speaker",
	// "sponsor", "document", "abstract" and "search"; empty when the
	// event is about no content, and then ContentItem is empty too.
	ContentType string
	// ContentItem identifies the content item within its type (rule
	// E-8); required with a ContentType.
	ContentItem string
	// OS is the operating system the event came from (rules E-4, E-8) as
	// the caller names it ("iOS", "Android", "Web", …); the empty string
	// is a class of its own, "not recorded".
	OS string
	// Duration is the time spent, when the event carries it (a video
	// watched, a page read): rule E-8 counts it as the view's time spent
	// instead of the time until the user's next event. It must not be
	// negative, and must be 0 unless HasDuration is set.
	Duration time.Duration
	// HasDuration says that Duration is given (an explicit 0 counts no
	// time). False means the event carries no duration.
	HasDuration bool
}

// contentTypes are the content types of rule E-8, in the SPEC's order:
// the order of [Analytics].Content.
var contentTypes = [...]string{"form", "page", "user profile", "session", "speaker", "sponsor", "document", "abstract", "search"}

// contentTypeRank is the place of t in contentTypes, or -1.
func contentTypeRank(t string) int {
	for i, ct := range contentTypes {
		if ct == t {
			return i
		}
	}
	return -1
}

// The range of event times: ±(2⁶² − 1) nanoseconds around 1970, so that
// times are kept as int64 nanoseconds and any two of them subtract
// without overflow (2 × (2⁶² − 1) < 2⁶³).
var (
	minEventTime = time.Unix(0, -(1<<62 - 1)).UTC()
	maxEventTime = time.Unix(0, 1<<62-1).UTC()
)

// feature is the feature the event counts for in rules E-5 and E-6:
// Feature, or the Category when Feature is empty.
func (e *Event) feature() string {
	if e.Feature != "" {
		return e.Feature
	}
	return e.Category
}

// at formats the event's time for error messages.
func (e *Event) at() string { return e.Time.Format(time.RFC3339Nano) }

// validate returns an error wrapping [ErrInvalidEvent] naming the event
// when it breaks an invariant of [Event], its entry's words excepted
// (see checkWords).
func (e *Event) validate() error {
	switch {
	case e.User == "":
		return fmt.Errorf("%w: no user (at %s)", ErrInvalidEvent, e.at())
	case e.Time.IsZero():
		return fmt.Errorf("%w: user %q: zero time", ErrInvalidEvent, e.User)
	case e.Time.Before(minEventTime) || e.Time.After(maxEventTime):
		return fmt.Errorf("%w: user %q: time %s outside %d–%d", ErrInvalidEvent, e.User, e.at(),
			minEventTime.Year(), maxEventTime.Year())
	case e.Category == "":
		return fmt.Errorf("%w: user %q at %s: no category", ErrInvalidEvent, e.User, e.at())
	case e.Duration < 0:
		return fmt.Errorf("%w: user %q at %s: negative duration %s", ErrInvalidEvent, e.User, e.at(), e.Duration)
	case e.Duration != 0 && !e.HasDuration:
		return fmt.Errorf("%w: user %q at %s: duration %s without HasDuration", ErrInvalidEvent, e.User, e.at(), e.Duration)
	case e.ContentType == "" && e.ContentItem != "":
		return fmt.Errorf("%w: user %q at %s: content item %q without a type", ErrInvalidEvent, e.User, e.at(), e.ContentItem)
	case e.ContentType != "" && contentTypeRank(e.ContentType) < 0:
		return fmt.Errorf("%w: user %q at %s: unknown content type %q (rule E-8 has %q)", ErrInvalidEvent, e.User, e.at(),
			e.ContentType, contentTypes)
	case e.ContentType != "" && e.ContentItem == "":
		return fmt.Errorf("%w: user %q at %s: content type %q without an item", ErrInvalidEvent, e.User, e.at(), e.ContentType)
	}
	return nil
}

// checkWords returns an error wrapping [ErrInvalidEvent] naming the
// event when its entry has a word the vocabulary does not have (see
// [Entry]).
func (e *Event) checkWords() error {
	if problem, _ := wordProblem(&e.Entry); problem != "" {
		return fmt.Errorf("%w: user %q at %s: %s", ErrInvalidEvent, e.User, e.at(), problem)
	}
	return nil
}
