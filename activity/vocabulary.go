package activity

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The fixed words of the activity report (SPEC section 8). Dynamic parts
// (content names, session names, questions, free text) come from the data.
const (
	CategoryCredits           = "Credits"
	CategoryChat              = "Chat"
	CategoryClick             = "Click"
	CategoryComment           = "Comment"
	CategoryCreateAccount     = "Create Account"
	CategoryDialogOpen        = "Dialog open"
	CategoryDownload          = "Download"
	CategoryLike              = "Like"
	CategoryHand              = "Hand"
	CategoryLink              = "Link"
	CategorySchedule          = "Schedule"
	CategorySession           = "Session"
	CategoryTalkNow           = "Talk Now"
	CategoryTrack             = "Track"
	CategoryUpdateDetails     = "Update Details"
	CategoryViewContent       = "View Content"
	CategoryViewNotifications = "View Notifications"
	CategoryViewLeaderboard   = "View Leaderboard"
	CategoryViewUsers         = "View Users"
	CategoryWatched           = "Watched"

	// Prefixes of the dynamic categories: "Poll - {question}",
	// "Rating - {question}", "Review - {stars}".
	PollPrefix   = "Poll - "
	RatingPrefix = "Rating - "
	ReviewPrefix = "Review - "

	// ActionQuestion is the action of poll and rating answers.
	ActionQuestion = "Question"
	// ActionReview is the action of session reviews.
	ActionReview = "Review"
	// ActionSchedule is the Click action of content clicked from the
	// schedule (otherwise the action is the module's name).
	ActionSchedule = "Schedule"
)

// Kind names one row of the SPEC section 8 vocabulary; see [Entry.Kind].
// The zero Kind, KindCustom, is an entry outside the vocabulary (an LMS
// may log its own categories).
type Kind int

// The vocabulary rows of SPEC section 8, in its order.
const (
	KindCustom Kind = iota
	KindCreditsEarned
	KindCreditsClaimed
	KindChatMessage
	KindClickContent // from a module (Action = module name)
	KindClickSchedule
	KindClickMetadata
	KindCommentPost
	KindAccountCreated
	KindModerateDialogOpen
	KindReportDownloaded
	KindResourceDownloaded
	KindLike
	KindHandRaised
	KindHandLowered
	KindPollAnswered
	KindRatingAnswered
	KindSessionReview
	KindInternalLink
	KindExternalLink
	KindScheduleStart
	KindScheduleComplete
	KindSessionAttend
	KindSessionJoined
	KindSessionLeft
	KindTalkNowRequested
	KindTalkNowAccepted
	KindTalkNowCanceled
	KindTrackStarted
	KindTrackNext
	KindDetailsSaved
	KindContentViewed
	KindNotificationClicked
	KindLeaderboardOpened
	KindLeaderboardProfile
	KindQuickProfile
	KindFullProfile
	KindWatched
	KindWatchProgress
)

type fixedEntry struct{ category, action string }

var fixedKinds = map[fixedEntry]Kind{
	{CategoryCredits, "Earned"}:          KindCreditsEarned,
	{CategoryCredits, "Claimed"}:         KindCreditsClaimed,
	{CategoryChat, "Message"}:            KindChatMessage,
	{CategoryClick, ActionSchedule}:      KindClickSchedule,
	{CategoryClick, "Metadata"}:          KindClickMetadata,
	{CategoryComment, "Post"}:            KindCommentPost,
	{CategoryCreateAccount, "Create"}:    KindAccountCreated,
	{CategoryDialogOpen, "Moderate"}:     KindModerateDialogOpen,
	{CategoryDownload, "Report"}:         KindReportDownloaded,
	{CategoryDownload, "Resource"}:       KindResourceDownloaded,
	{CategoryLike, "Content"}:            KindLike,
	{CategoryHand, "Raise"}:              KindHandRaised,
	{CategoryHand, "Lower"}:              KindHandLowered,
	{CategoryLink, "Internal"}:           KindInternalLink,
	{CategoryLink, "External"}:           KindExternalLink,
	{CategorySchedule, "Start"}:          KindScheduleStart,
	{CategorySchedule, "Complete"}:       KindScheduleComplete,
	{CategorySession, "Attend"}:          KindSessionAttend,
	{CategorySession, "Joined"}:          KindSessionJoined,
	{CategorySession, "Left"}:            KindSessionLeft,
	{CategoryTalkNow, "Requested"}:       KindTalkNowRequested,
	{CategoryTalkNow, "Accepted"}:        KindTalkNowAccepted,
	{CategoryTalkNow, "Canceled"}:        KindTalkNowCanceled,
	{CategoryTrack, "Started"}:           KindTrackStarted,
	{CategoryTrack, "Next"}:              KindTrackNext,
	{CategoryUpdateDetails, "Save"}:      KindDetailsSaved,
	{CategoryViewContent, "View"}:        KindContentViewed,
	{CategoryViewNotifications, "Click"}: KindNotificationClicked,
	{CategoryViewLeaderboard, "Open"}:    KindLeaderboardOpened,
	{CategoryViewLeaderboard, "Profile"}: KindLeaderboardProfile,
	{CategoryViewUsers, "Quick Profile"}: KindQuickProfile,
	{CategoryViewUsers, "Full Profile"}:  KindFullProfile,
	{CategoryWatched, "Watched"}:         KindWatched,
	{CategoryWatched, "Progress"}:        KindWatchProgress,
}

// categoryActions maps each fixed category of the vocabulary to the
// actions it has (from fixedKinds, so that the vocabulary is written
// once). A Click's action is free (a module's name) but not empty.
var categoryActions = func() map[string][]string {
	m := map[string][]string{}
	for fe := range fixedKinds {
		m[fe.category] = append(m[fe.category], fe.action)
	}
	for _, acts := range m {
		slices.Sort(acts)
	}
	return m
}()

// entryProblem checks the fixed words of an entry (SPEC section 8; section
// 0: an unknown enum value is an error naming the record). It returns ""
// for an entry of the vocabulary and for one in a category of the
// caller's own (KindCustom: a category the vocabulary does not have and
// that does not start with one of its dynamic prefixes). Otherwise it
// says what is wrong, and which field holds the unknown word: 0 for the
// Category, 1 for the Action, 2 for the Label. An empty Category is not
// its concern.
func entryProblem(e *Entry) (problem string, field int) {
	if acts, ok := categoryActions[e.Category]; ok {
		switch {
		case e.Category == CategoryClick && e.Action != "":
			return "", 0 // the action is the module's name
		case e.Category == CategoryClick:
			return `category "Click" needs an action: a module's name, "Schedule" or "Metadata"`, 1
		case !slices.Contains(acts, e.Action):
			return fmt.Sprintf("category %q has no action %q (it has %s)", e.Category, e.Action, quoteList(acts)), 1
		}
		return "", 0
	}
	switch {
	case strings.HasPrefix(e.Category, PollPrefix):
		if e.Action != ActionQuestion {
			return fmt.Sprintf("category %q (a poll answer) needs the action %q, not %q", e.Category, ActionQuestion, e.Action), 1
		}
	case strings.HasPrefix(e.Category, RatingPrefix):
		if e.Action != ActionQuestion {
			return fmt.Sprintf("category %q (a rating answer) needs the action %q, not %q", e.Category, ActionQuestion, e.Action), 1
		}
		if _, ok := parseCanonicalInt(e.Label); !ok {
			return fmt.Sprintf("category %q (a rating answer) needs the selected number in decimal as its label, not %q", e.Category, e.Label), 2
		}
	case strings.HasPrefix(e.Category, ReviewPrefix):
		if _, ok := parseCanonicalInt(e.Category[len(ReviewPrefix):]); !ok {
			return fmt.Sprintf("category %q (a review) needs the stars in decimal after %q", e.Category, ReviewPrefix), 0
		}
		if e.Action != ActionReview {
			return fmt.Sprintf("category %q (a review) needs the action %q, not %q", e.Category, ActionReview, e.Action), 1
		}
	}
	return "", 0
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// Kind returns the vocabulary row the entry belongs to, or KindCustom.
// Dynamic categories are recognised by their prefix and action ("Poll - "
// with action Question, "Rating - " with Question and an integer label,
// "Review - " followed by an integer with action Review); a Click with an
// action other than Schedule and Metadata is a click from a module.
func (e Entry) Kind() Kind {
	if k, ok := fixedKinds[fixedEntry{e.Category, e.Action}]; ok {
		return k
	}
	if _, _, ok := ParsePoll(e); ok {
		return KindPollAnswered
	}
	if _, _, ok := ParseRating(e); ok {
		return KindRatingAnswered
	}
	if _, _, ok := ParseReview(e); ok {
		return KindSessionReview
	}
	if e.Category == CategoryClick && e.Action != "" {
		return KindClickContent
	}
	return KindCustom
}

// CreditsEarned is "Credits / Earned / {content}": credits earned on content.
func CreditsEarned(content string) Entry { return Entry{CategoryCredits, "Earned", content} }

// CreditsClaimed is "Credits / Claimed / {content}": credits downloaded or claimed.
func CreditsClaimed(content string) Entry { return Entry{CategoryCredits, "Claimed", content} }

// ChatMessage is "Chat / Message / {text}"; text is user input (rule A-2).
func ChatMessage(text string) Entry { return Entry{CategoryChat, "Message", text} }

// ClickContent is "Click / {module} / {slug}": content clicked from a module.
// For a click from the schedule use [ClickSchedule].
func ClickContent(module, slug string) Entry { return Entry{CategoryClick, module, slug} }

// ClickSchedule is "Click / Schedule / {slug}": content clicked from the schedule.
func ClickSchedule(slug string) Entry { return Entry{CategoryClick, ActionSchedule, slug} }

// ClickMetadata is "Click / Metadata / {url}": a metadata link (a social link) clicked.
func ClickMetadata(url string) Entry { return Entry{CategoryClick, "Metadata", url} }

// CommentPosted is "Comment / Post / {text}": a comment on a content page;
// text is user input (rule A-2).
func CommentPosted(text string) Entry { return Entry{CategoryComment, "Post", text} }

// AccountCreated is "Create Account / Create /" with an empty label.
func AccountCreated() Entry { return Entry{CategoryCreateAccount, "Create", ""} }

// ModerateDialogOpened is "Dialog open / Moderate / {session}": the
// moderate dialog opened in a live session.
func ModerateDialogOpened(session string) Entry {
	return Entry{CategoryDialogOpen, "Moderate", session}
}

// ReportDownloaded is "Download / Report / {report}": an analytics report downloaded.
func ReportDownloaded(report string) Entry { return Entry{CategoryDownload, "Report", report} }

// ResourceDownloaded is "Download / Resource / {title}".
func ResourceDownloaded(title string) Entry { return Entry{CategoryDownload, "Resource", title} }

// Liked is "Like / Content / {content}".
func Liked(content string) Entry { return Entry{CategoryLike, "Content", content} }

// HandRaised is "Hand / Raise / {session}".
func HandRaised(session string) Entry { return Entry{CategoryHand, "Raise", session} }

// HandLowered is "Hand / Lower / {session}".
func HandLowered(session string) Entry { return Entry{CategoryHand, "Lower", session} }

// PollAnswered is "Poll - {question} / Question / {answer}". [ParsePoll]
// gives the parts back (rule A-1).
func PollAnswered(question, answer string) Entry {
	return Entry{PollPrefix + question, ActionQuestion, answer}
}

// RatingAnswered is "Rating - {question} / Question / {number}", the
// number in decimal. [ParseRating] gives the parts back (rule A-1).
func RatingAnswered(question string, number int) Entry {
	return Entry{RatingPrefix + question, ActionQuestion, strconv.Itoa(number)}
}

// SessionReviewed is "Review - {stars} / Review / {text}", the stars in
// decimal; text may be empty and is user input (rule A-2). [ParseReview]
// gives the parts back (rule A-1).
func SessionReviewed(stars int, text string) Entry {
	return Entry{ReviewPrefix + strconv.Itoa(stars), ActionReview, text}
}

// InternalLink is "Link / Internal / {slug}".
func InternalLink(slug string) Entry { return Entry{CategoryLink, "Internal", slug} }

// ExternalLink is "Link / External / {url}".
func ExternalLink(url string) Entry { return Entry{CategoryLink, "External", url} }

// ScheduleStarted is "Schedule / Start / {session}".
func ScheduleStarted(session string) Entry { return Entry{CategorySchedule, "Start", session} }

// ScheduleCompleted is "Schedule / Complete / {session}".
func ScheduleCompleted(session string) Entry { return Entry{CategorySchedule, "Complete", session} }

// SessionAttended is "Session / Attend / {session}". For a sub-breakout,
// pass [BreakoutName](session, id).
func SessionAttended(session string) Entry { return Entry{CategorySession, "Attend", session} }

// SessionJoined is "Session / Joined / {session}" (see [SessionAttended]).
func SessionJoined(session string) Entry { return Entry{CategorySession, "Joined", session} }

// SessionLeft is "Session / Left / {session}" (see [SessionAttended]).
func SessionLeft(session string) Entry { return Entry{CategorySession, "Left", session} }

// BreakoutName is the session label of a sub-breakout:
// "Breakout from {session} [#{id}]". [ParseBreakout] gives the parts back
// when id does not contain " [#".
func BreakoutName(session, id string) string {
	return "Breakout from " + session + " [#" + id + "]"
}

// TalkNowRequested is "Talk Now / Requested / {other user's name}".
func TalkNowRequested(other string) Entry { return Entry{CategoryTalkNow, "Requested", other} }

// TalkNowAccepted is "Talk Now / Accepted /" with an empty label.
func TalkNowAccepted() Entry { return Entry{CategoryTalkNow, "Accepted", ""} }

// TalkNowCanceled is "Talk Now / Canceled / {other user's name}".
func TalkNowCanceled(other string) Entry { return Entry{CategoryTalkNow, "Canceled", other} }

// TrackStarted is "Track / Started / {track}".
func TrackStarted(track string) Entry { return Entry{CategoryTrack, "Started", track} }

// TrackNext is "Track / Next / {lesson}".
func TrackNext(lesson string) Entry { return Entry{CategoryTrack, "Next", lesson} }

// DetailsSaved is "Update Details / Save / {the user's name}": profile saved.
func DetailsSaved(name string) Entry { return Entry{CategoryUpdateDetails, "Save", name} }

// ContentViewed is "View Content / View / {content}".
func ContentViewed(content string) Entry { return Entry{CategoryViewContent, "View", content} }

// NotificationClicked is "View Notifications / Click / {notification text}".
func NotificationClicked(text string) Entry { return Entry{CategoryViewNotifications, "Click", text} }

// LeaderboardOpened is "View Leaderboard / Open /" with an empty label.
func LeaderboardOpened() Entry { return Entry{CategoryViewLeaderboard, "Open", ""} }

// LeaderboardProfile is "View Leaderboard / Profile / {viewed user's name}".
func LeaderboardProfile(name string) Entry { return Entry{CategoryViewLeaderboard, "Profile", name} }

// QuickProfile is "View Users / Quick Profile / {viewed user's name}".
func QuickProfile(name string) Entry { return Entry{CategoryViewUsers, "Quick Profile", name} }

// FullProfile is "View Users / Full Profile / {viewed user's name}".
func FullProfile(name string) Entry { return Entry{CategoryViewUsers, "Full Profile", name} }

// Watched is "Watched / Watched / {content}": a video watched.
func Watched(content string) Entry { return Entry{CategoryWatched, "Watched", content} }

// WatchProgress is "Watched / Progress / {percent}": the percent of a video
// reached, in decimal without a % sign (the SPEC's label is "percent
// reached").
func WatchProgress(percent int) Entry {
	return Entry{CategoryWatched, "Progress", strconv.Itoa(percent)}
}

// ParsePoll returns the question and answer of a "Poll - {question}" entry
// with action Question (rule A-1); ok is false for any other entry.
func ParsePoll(e Entry) (question, answer string, ok bool) {
	q, found := strings.CutPrefix(e.Category, PollPrefix)
	if !found || e.Action != ActionQuestion {
		return "", "", false
	}
	return q, e.Label, true
}

// ParseRating returns the question and number of a "Rating - {question}"
// entry with action Question and a decimal integer label (rule A-1); ok is
// false for any other entry.
func ParseRating(e Entry) (question string, number int, ok bool) {
	q, found := strings.CutPrefix(e.Category, RatingPrefix)
	if !found || e.Action != ActionQuestion {
		return "", 0, false
	}
	n, good := parseCanonicalInt(e.Label)
	if !good {
		return "", 0, false
	}
	return q, n, true
}

// ParseReview returns the stars and text of a "Review - {stars}" entry
// with action Review and decimal integer stars (rule A-1); ok is false for
// any other entry.
func ParseReview(e Entry) (stars int, text string, ok bool) {
	s, found := strings.CutPrefix(e.Category, ReviewPrefix)
	if !found || e.Action != ActionReview {
		return 0, "", false
	}
	n, good := parseCanonicalInt(s)
	if !good {
		return 0, "", false
	}
	return n, e.Label, true
}

// ParseBreakout returns the session and breakout id of a session label
// "Breakout from {session} [#{id}]" (rule A-1). The id is what follows the
// last " [#", so an id containing " [#" does not round-trip. ok is false
// for any other label.
func ParseBreakout(label string) (session, id string, ok bool) {
	rest, found := strings.CutPrefix(label, "Breakout from ")
	if !found || !strings.HasSuffix(rest, "]") {
		return "", "", false
	}
	rest = rest[:len(rest)-1]
	i := strings.LastIndex(rest, " [#")
	if i < 0 {
		return "", "", false
	}
	return rest[:i], rest[i+len(" [#"):], true
}

// parseCanonicalInt accepts only what strconv.Itoa writes, so that a
// parsed entry writes back to the same text.
func parseCanonicalInt(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}
