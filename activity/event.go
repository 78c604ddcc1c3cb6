package activity

import (
	"errors"
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// Sentinel errors of the package. Every error the package returns wraps
// one of them, or [learnstats.ErrOverflow] for a sum, count or duration
// that would pass 2⁶³−1, with a message naming the record; use errors.Is.
var (
	// ErrInvalidEvent reports an event that breaks an invariant of [Event]
	// (no user, no time, no category, a negative duration, an unknown
	// content type, a word the activity report's vocabulary does not
	// have: see [Event.Validate]).
	ErrInvalidEvent = errors.New("activity: invalid event")
	// ErrOutOfOrder reports an event older than the previous event of the
	// same user: [Analytics] needs each user's events in time order.
	ErrOutOfOrder = errors.New("activity: event out of time order")
	// ErrShardOverlap reports a [Analytics.Merge] of accumulators that
	// share a user (the sharding contract is violated).
	ErrShardOverlap = errors.New("activity: shards share a user")
	// ErrConfigMismatch reports a Merge of accumulators built with
	// different configurations, or a configuration changed after the
	// first record (SPEC section 0). It wraps [learnstats.ErrMismatch].
	ErrConfigMismatch = fmt.Errorf("activity: configurations differ: %w", learnstats.ErrMismatch)
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
	// Category is the first column: a fixed word of the vocabulary
	// ("Chat", "View Content", …) or a dynamic category built from the
	// data ("Poll - {question}", "Rating - {question}", "Review -
	// {stars}"). It is required: the empty string is invalid in an [Event]
	// and in a report read back ([ErrReportCategory]).
	Category string
	// Action is the second column: a fixed word ("Message", "Question",
	// …) or, for content clicked from a module, the module's name. The
	// empty string is kept as is (an LMS may log its own entries).
	Action string
	// Label is the third column, the dynamic part of the entry: a content,
	// session or user name, a slug, a URL, an answer, free text (rule A-2)
	// or a percent in decimal digits. Empty for the entries that have none
	// (account created, leaderboard opened, Talk Now accepted) and for a
	// review without text.
	Label string
}

// Event is one interaction (SPEC section 7): who, when, what (the
// Category / Action / Label entry), with which feature, on which content
// item, from which operating system, and optionally for how long.
//
// The zero Event is invalid: User, Time and Category are required.
type Event struct {
	// User is who acted; required (the empty ID is invalid). In
	// [Analytics.AddRef] it is ignored and may be empty.
	User learnstats.UserID
	// Time is when the event happened, an instant within [MinEventTime,
	// MaxEventTime]; required (the zero time is invalid). Its location does
	// not matter: calendar days are taken in Config.Location (rules E-4,
	// E-10). A user's events must reach [Analytics] in time order.
	Time time.Time
	// Entry is what the user did: the Category / Action / Label triple of
	// the activity report. Its Category is required.
	Entry
	// Feature is the feature, module or screen used (the unit of rules
	// E-5 and E-6). Empty means the event's Category stands for it: see
	// [Event.FeatureName].
	Feature string
	// ContentType is the type of the content the event is about (rule
	// E-8), one of [ContentTypes]; empty when it is about none, in which
	// case ContentItem must be empty too.
	ContentType ContentType
	// ContentItem is the content item's identifier or name, unique within
	// its ContentType (rule E-8); empty exactly when ContentType is.
	ContentItem string
	// OS is the operating system the event came from (rules E-4 and E-8),
	// as the caller names it ("iOS", "Android", "Windows", "macOS", "Web",
	// …); the empty string is kept as its own class, "not recorded".
	OS string
	// Duration is the time spent, when the event carries it (a video
	// watched, a page read); it must not be negative, and must be 0 unless
	// HasDuration is set. Rule E-8 counts it as the view's time spent
	// instead of the time until the user's next event.
	Duration time.Duration
	// HasDuration says that Duration is explicit (an explicit 0 counts no
	// time). False, the zero value, means the event carries no duration and
	// rule E-8 uses the time until the user's next event in the visit.
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

// The range of event times: ±(2⁶² − 1) nanoseconds around 1970 (about
// 1823 to 2116), so that times are kept as int64 nanoseconds and any two of
// them subtract without overflow (2 × (2⁶² − 1) < 2⁶³). Sums of visit
// durations over many users are int64 nanoseconds too: they overflow only
// past 292 years of accumulated visits.
var (
	MinEventTime = time.Unix(0, -(1<<62 - 1)).UTC()
	MaxEventTime = time.Unix(0, 1<<62-1).UTC()
)

// The whole seconds of MinEventTime and MaxEventTime, for plainValid.
var minEventSec, maxEventSec = MinEventTime.Unix(), MaxEventTime.Unix()

// plainValid reports whether e is a plain valid event: a time strictly
// inside the seconds of [MinEventTime, MaxEventTime] (so not the zero
// time), a category, no content, and no duration or an explicit one. The
// user and the entry's words (entryProblem) are not checked. When it
// reports true and the entry's words are right, Validate returns nil for
// any non-empty User; when false, Validate decides. It is the cheap check
// of the per-event path.
func (e *Event) plainValid() bool {
	s := e.Time.Unix()
	return s > minEventSec && s < maxEventSec && e.Category != "" &&
		(e.Duration == 0 || e.Duration > 0 && e.HasDuration) &&
		e.ContentType == "" && e.ContentItem == ""
}

// Validate returns an error wrapping [ErrInvalidEvent] when the event has
// no user, a zero time or one outside [MinEventTime, MaxEventTime], no
// category, a negative duration, a duration without HasDuration, content
// with an unknown type, or a content type without an item; or when its
// entry has a word the vocabulary of SPEC section 8 does not have (an
// unknown enum value): a fixed category ("Hand", "Talk Now", …) with an
// action it does not have, a "Click" without an action, a "Poll - …" or
// "Rating - …" whose action is not "Question", a rating whose label is not
// a decimal integer, a "Review - …" whose stars are not a decimal integer
// or whose action is not "Review". A category outside the vocabulary is
// the caller's own ([KindCustom]) and valid.
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
	if p, _ := entryProblem(&e.Entry); p != "" {
		return fmt.Errorf("%w: user %q at %s: %s", ErrInvalidEvent, e.User, e.Time.Format(time.RFC3339Nano), p)
	}
	return nil
}
