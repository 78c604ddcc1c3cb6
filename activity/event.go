package activity

import (
	"errors"
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// Sentinel errors of the package. Every error the package returns wraps
// one of them, with a message naming the record; use errors.Is.
var (
	// ErrInvalidEvent reports an event that breaks an invariant of [Event]
	// (no user, no time, no category, a negative duration, an unknown
	// content type).
	ErrInvalidEvent = errors.New("activity: invalid event")
	// ErrOutOfOrder reports an event older than the previous event of the
	// same user: [Analytics] needs each user's events in time order.
	ErrOutOfOrder = errors.New("activity: event out of time order")
	// ErrShardOverlap reports a [Analytics.Merge] of accumulators that
	// share a user (the sharding contract is violated).
	ErrShardOverlap = errors.New("activity: shards share a user")
	// ErrConfigMismatch reports a Merge of accumulators built with
	// different configurations.
	ErrConfigMismatch = errors.New("activity: configurations differ")
	// ErrAnonymized reports a request for individual analytics while
	// anonymized mode is on (rule E-11).
	ErrAnonymized = errors.New("activity: individual analytics are disabled in anonymized mode")
	// ErrInvalidMeeting reports a meeting record that breaks an invariant
	// of [Meeting].
	ErrInvalidMeeting = errors.New("activity: invalid meeting")
	// ErrNoKey reports a pseudonymizer built without a secret key.
	ErrNoKey = errors.New("activity: empty pseudonymization key")
)

// ContentType is the kind of a content item in rule E-8. The zero value is
// "no content".
type ContentType string

// The content types of rule E-8.
const (
	ContentForm        ContentType = "form"
	ContentPage        ContentType = "page"
	ContentUserProfile ContentType = "user profile"
	ContentSession     ContentType = "session"
	ContentSpeaker     ContentType = "speaker"
	ContentSponsor     ContentType = "sponsor"
	ContentDocument    ContentType = "document"
	ContentAbstract    ContentType = "abstract"
	ContentSearch      ContentType = "search"
)

// ContentTypes lists the content types of rule E-8 in the SPEC's order.
func ContentTypes() []ContentType {
	return []ContentType{ContentForm, ContentPage, ContentUserProfile, ContentSession,
		ContentSpeaker, ContentSponsor, ContentDocument, ContentAbstract, ContentSearch}
}

// Valid reports whether t is one of the E-8 content types.
func (t ContentType) Valid() bool {
	switch t {
	case ContentForm, ContentPage, ContentUserProfile, ContentSession,
		ContentSpeaker, ContentSponsor, ContentDocument, ContentAbstract, ContentSearch:
		return true
	}
	return false
}

// Entry is the Category / Action / Label triple of one activity-report row
// (SPEC section 8). Build it with the vocabulary constructors
// ([PollAnswered], [SessionJoined], …) rather than by hand; the zero Entry
// has no category and is invalid in an [Event].
type Entry struct {
	Category string
	Action   string
	Label    string
}

// Event is one interaction (SPEC section 7): who, when, what (the
// Category / Action / Label entry), with which feature, on which content
// item, from which operating system, and optionally for how long.
//
// The zero Event is invalid: User, Time and Category are required.
type Event struct {
	User learnstats.UserID
	Time time.Time
	Entry
	// Feature is the feature, module or screen used (the unit of rules
	// E-5 and E-6). Empty means the event's Category stands for it: see
	// [Event.FeatureName].
	Feature string
	// ContentType and ContentItem name the content the event is about
	// (rule E-8); both empty when it is about none. ContentItem is the
	// item's identifier or name, unique within its type.
	ContentType ContentType
	ContentItem string
	// OS is the operating system the event came from (rules E-4 and E-8),
	// as the caller names it ("iOS", "Android", "Windows", "macOS", "Web",
	// …); the empty string is kept as its own class, "not recorded".
	OS string
	// Duration is the time spent, when the event carries it (a video
	// watched, a page read); HasDuration says whether it does. It is used
	// by rule E-8 instead of the time until the next event.
	Duration    time.Duration
	HasDuration bool
}

// FeatureName is the feature the event counts for in rules E-5 and E-6:
// Feature, or the Category when Feature is empty (an activity report read
// back from CSV has no feature column, and its category is the closest
// notion of a feature).
func (e *Event) FeatureName() string {
	if e.Feature != "" {
		return e.Feature
	}
	return e.Category
}

// The range of event times: ±2⁶² nanoseconds around 1970 (about 1823 to
// 2116), so that times are kept as int64 nanoseconds and any two of them
// subtract without overflow.
var (
	MinEventTime = time.Unix(0, -1<<62).UTC()
	MaxEventTime = time.Unix(0, 1<<62).UTC()
)

// Validate returns an error wrapping [ErrInvalidEvent] when the event has
// no user, a zero time or one outside [MinEventTime, MaxEventTime], no category, a negative duration, a duration
// without HasDuration, content with an unknown type, or a content type
// without an item.
func (e *Event) Validate() error {
	switch {
	case e.User == "":
		return fmt.Errorf("%w: no user (at %s)", ErrInvalidEvent, e.Time.Format(time.RFC3339Nano))
	case e.Time.IsZero():
		return fmt.Errorf("%w: user %q: zero time", ErrInvalidEvent, e.User)
	case e.Time.Before(MinEventTime) || e.Time.After(MaxEventTime):
		return fmt.Errorf("%w: user %q: time %s outside %d–%d", ErrInvalidEvent, e.User,
			e.Time.Format(time.RFC3339Nano), MinEventTime.Year(), MaxEventTime.Year())
	case e.Category == "":
		return fmt.Errorf("%w: user %q at %s: no category", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano))
	case e.Duration < 0:
		return fmt.Errorf("%w: user %q at %s: negative duration %s", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), e.Duration)
	case e.Duration != 0 && !e.HasDuration:
		return fmt.Errorf("%w: user %q at %s: duration %s without HasDuration", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), e.Duration)
	case e.ContentType != "" && !e.ContentType.Valid():
		return fmt.Errorf("%w: user %q at %s: unknown content type %q", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), e.ContentType)
	case e.ContentItem != "" && e.ContentType == "":
		return fmt.Errorf("%w: user %q at %s: content item %q without a type", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), e.ContentItem)
	case e.ContentType != "" && e.ContentItem == "":
		return fmt.Errorf("%w: user %q at %s: content type %q without an item", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), e.ContentType)
	}
	return nil
}
