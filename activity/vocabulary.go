package activity

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind names one activity of the report's vocabulary (SPEC section 8):
// a row of its table, one Kind per fixed action. The zero Kind is none of
// them: an entry of the LMS's own Category and Action.
type Kind uint8

// The activities of SPEC section 8, in its order. The comment of each
// gives its Category / Action / Label, the dynamic parts in braces as
// [Parts] names them.
const (
	CreditsEarned        Kind = iota + 1 // Credits / Earned / {Label: content name}
	CreditsClaimed                       // Credits / Claimed / {Label: content name}
	ChatMessage                          // Chat / Message / {Label: message text}
	ClickContent                         // Click / {Module} / {Label: content slug}: clicked from a module
	ClickSchedule                        // Click / Schedule / {Label: content slug}
	ClickMetadata                        // Click / Metadata / {Label: URL}: a metadata link, e.g. a social link
	CommentPosted                        // Comment / Post / {Label: comment text}
	AccountCreated                       // Create Account / Create / (empty)
	ModerateDialogOpened                 // Dialog open / Moderate / {Label: session name}: in a live session
	ReportDownloaded                     // Download / Report / {Label: report name}: an analytics report
	ResourceDownloaded                   // Download / Resource / {Label: resource title}
	Liked                                // Like / Content / {Label: content name}
	HandRaised                           // Hand / Raise / {Label: session name}
	HandLowered                          // Hand / Lower / {Label: session name}
	PollAnswered                         // Poll - {Question} / Question / {Label: selected answer}
	RatingAnswered                       // Rating - {Question} / Question / {Number: selected number}
	SessionReviewed                      // Review - {Number: stars} / Review / {Label: text, may be empty}
	InternalLink                         // Link / Internal / {Label: page slug}
	ExternalLink                         // Link / External / {Label: URL}
	ScheduleStarted                      // Schedule / Start / {Label: session name}
	ScheduleCompleted                    // Schedule / Complete / {Label: session name}
	SessionAttended                      // Session / Attend / {Label: session name} (or a breakout, see Parts)
	SessionJoined                        // Session / Joined / {Label: session name} (or a breakout)
	SessionLeft                          // Session / Left / {Label: session name} (or a breakout)
	TalkNowRequested                     // Talk Now / Requested / {Label: the other user's name}
	TalkNowAccepted                      // Talk Now / Accepted / (empty)
	TalkNowCanceled                      // Talk Now / Canceled / {Label: the other user's name}
	TrackStarted                         // Track / Started / {Label: track name}
	TrackNext                            // Track / Next / {Label: lesson name}
	DetailsSaved                         // Update Details / Save / {Label: the user's name}: profile saved
	ContentViewed                        // View Content / View / {Label: content name}
	NotificationClicked                  // View Notifications / Click / {Label: notification text}
	LeaderboardOpened                    // View Leaderboard / Open / (empty)
	LeaderboardProfile                   // View Leaderboard / Profile / {Label: the viewed user's name}
	QuickProfile                         // View Users / Quick Profile / {Label: the viewed user's name}
	FullProfile                          // View Users / Full Profile / {Label: the viewed user's name}
	Watched                              // Watched / Watched / {Label: content name}: a video watched
	WatchProgress                        // Watched / Progress / {Number: percent reached}
)

// vocabularyRow holds the fixed words of a kind, and its name for error
// messages.
type vocabularyRow struct {
	name string
	// category is the fixed Category, or the prefix of a dynamic one
	// ("Poll - {question}").
	category string
	// action is the fixed Action; empty for ClickContent, whose action is
	// the module's name.
	action string
}

// The prefixes of the dynamic categories.
const (
	pollPrefix   = "Poll - "
	ratingPrefix = "Rating - "
	reviewPrefix = "Review - "
)

// vocabulary is the table of SPEC section 8, indexed by Kind: the one
// place the fixed words are written.
var vocabulary = [...]vocabularyRow{
	CreditsEarned:        {"CreditsEarned", "Credits", "Earned"},
	CreditsClaimed:       {"CreditsClaimed", "Credits", "Claimed"},
	ChatMessage:          {"ChatMessage", "Chat", "Message"},
	ClickContent:         {"ClickContent", "Click", ""},
	ClickSchedule:        {"ClickSchedule", "Click", "Schedule"},
	ClickMetadata:        {"ClickMetadata", "Click", "Metadata"},
	CommentPosted:        {"CommentPosted", "Comment", "Post"},
	AccountCreated:       {"AccountCreated", "Create Account", "Create"},
	ModerateDialogOpened: {"ModerateDialogOpened", "Dialog open", "Moderate"},
	ReportDownloaded:     {"ReportDownloaded", "Download", "Report"},
	ResourceDownloaded:   {"ResourceDownloaded", "Download", "Resource"},
	Liked:                {"Liked", "Like", "Content"},
	HandRaised:           {"HandRaised", "Hand", "Raise"},
	HandLowered:          {"HandLowered", "Hand", "Lower"},
	PollAnswered:         {"PollAnswered", pollPrefix, "Question"},
	RatingAnswered:       {"RatingAnswered", ratingPrefix, "Question"},
	SessionReviewed:      {"SessionReviewed", reviewPrefix, "Review"},
	InternalLink:         {"InternalLink", "Link", "Internal"},
	ExternalLink:         {"ExternalLink", "Link", "External"},
	ScheduleStarted:      {"ScheduleStarted", "Schedule", "Start"},
	ScheduleCompleted:    {"ScheduleCompleted", "Schedule", "Complete"},
	SessionAttended:      {"SessionAttended", "Session", "Attend"},
	SessionJoined:        {"SessionJoined", "Session", "Joined"},
	SessionLeft:          {"SessionLeft", "Session", "Left"},
	TalkNowRequested:     {"TalkNowRequested", "Talk Now", "Requested"},
	TalkNowAccepted:      {"TalkNowAccepted", "Talk Now", "Accepted"},
	TalkNowCanceled:      {"TalkNowCanceled", "Talk Now", "Canceled"},
	TrackStarted:         {"TrackStarted", "Track", "Started"},
	TrackNext:            {"TrackNext", "Track", "Next"},
	DetailsSaved:         {"DetailsSaved", "Update Details", "Save"},
	ContentViewed:        {"ContentViewed", "View Content", "View"},
	NotificationClicked:  {"NotificationClicked", "View Notifications", "Click"},
	LeaderboardOpened:    {"LeaderboardOpened", "View Leaderboard", "Open"},
	LeaderboardProfile:   {"LeaderboardProfile", "View Leaderboard", "Profile"},
	QuickProfile:         {"QuickProfile", "View Users", "Quick Profile"},
	FullProfile:          {"FullProfile", "View Users", "Full Profile"},
	Watched:              {"Watched", "Watched", "Watched"},
	WatchProgress:        {"WatchProgress", "Watched", "Progress"},
}

// kindName is k's constant name ("ChatMessage"), for messages.
func kindName(k Kind) string {
	if k == 0 || int(k) >= len(vocabulary) {
		return fmt.Sprintf("Kind(%d)", k)
	}
	return vocabulary[k].name
}

// Entry is the Category / Action / Label triple of one activity-report
// row (SPEC section 8), as written in the report. Build it with
// [NewEntry] from its [Parts], and read its parts back with
// [Entry.Parts] (rule A-1), rather than writing the fixed words by hand.
//
// An Entry whose Category is none of the vocabulary's is the LMS's own
// (a "Badge / Earned / Gold" entry): it is allowed as it is. An Entry in
// one of the vocabulary's categories must use its words: a "Hand" entry
// with an action other than Raise and Lower, a "Click" without an action,
// a "Poll - …" or "Rating - …" whose action is not Question, a rating or
// a watch progress whose label is not a decimal integer, a "Review - …"
// whose stars are not a decimal integer or whose action is not Review is
// an unknown word (SPEC section 0: an unknown enum value is an error
// naming the record), refused by the accumulator, [Report] and
// [ReadReport] with an error wrapping [ErrInvalidEvent].
//
// The zero Entry has no category and is invalid in an [Event].
type Entry struct {
	// Category is the first column: a fixed word ("Chat"), a dynamic
	// category ("Poll - {question}") or the LMS's own. Required.
	Category string
	// Action is the second column: a fixed word ("Message"), the
	// module's name for content clicked from a module, or the LMS's own.
	Action string
	// Label is the third column, the dynamic part: a name, a slug, a URL,
	// an answer, free text (rule A-2) or a number in decimal; empty for
	// the activities that have none.
	Label string
}

// Parts are an entry's activity and its dynamic parts (SPEC section 8):
// what [NewEntry] renders into an [Entry] and what [Entry.Parts] reads
// back (rule A-1). Each [Kind]'s comment says which parts it has; the
// others must be zero.
type Parts struct {
	// Kind is the activity; the zero Kind is an entry of the LMS's own.
	Kind Kind
	// Label is the dynamic text of the Label column (a content, session,
	// report, resource, track, lesson or user name, a slug, a URL, a
	// message, comment or review text, a poll's answer, a notification's
	// text); empty for the kinds without a label and for those whose
	// label is a Number. For a session's sub-breakout it is the session
	// the breakout comes from.
	Label string
	// Module is the module content was clicked from (ClickContent): the
	// Action column. It is neither "Schedule" nor "Metadata", which are
	// ClickSchedule and ClickMetadata.
	Module string
	// Question is the question of a poll or a rating, after "Poll - " or
	// "Rating - " in the Category column.
	Question string
	// Number is a rating's selected number, a review's stars or a watch
	// progress's percent reached, written in decimal.
	Number int
	// Breakout is, for SessionAttended, SessionJoined and SessionLeft, the
	// ID of the sub-breakout the user was in: the label is then "Breakout
	// from {Label} [#{Breakout}]". Empty for the session itself. It must
	// not contain " [#", and a session label without Breakout must not
	// have that shape, so that the label reads back as it was written.
	Breakout string
}

// breakoutLabel is the session label of a sub-breakout.
func breakoutLabel(session, id string) string { return "Breakout from " + session + " [#" + id + "]" }

// parseBreakout returns the session and breakout ID of a label of the
// shape "Breakout from {session} [#{id}]", the ID being what follows the
// last " [#" and not empty.
func parseBreakout(label string) (session, id string, ok bool) {
	rest, found := strings.CutPrefix(label, "Breakout from ")
	if !found || !strings.HasSuffix(rest, "]") {
		return "", "", false
	}
	rest = rest[:len(rest)-1]
	i := strings.LastIndex(rest, " [#")
	if i < 0 || i+len(" [#") == len(rest) {
		return "", "", false
	}
	return rest[:i], rest[i+len(" [#"):], true
}

// canonicalInt parses s when it is exactly what strconv.Itoa writes, so
// that a parsed entry writes back to the same text.
func canonicalInt(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// NewEntry renders p into the entry of the activity report: the fixed
// words of p.Kind and its dynamic parts. It returns an error wrapping
// [ErrInvalidEvent] for the zero or an unknown Kind (an entry of the
// LMS's own is an Entry literal), a part the kind does not have (a
// Question for a chat message, a Label for an account created), an empty
// or reserved Module, and a Breakout that would not read back (see
// [Parts]). For every entry it returns, Entry.Parts gives p back.
func NewEntry(p Parts) (Entry, error) {
	if p.Kind == 0 || int(p.Kind) >= len(vocabulary) {
		return Entry{}, fmt.Errorf("%w: entry of %s: not a kind of the vocabulary (an entry of the LMS's own is an Entry)", ErrInvalidEvent, kindName(p.Kind))
	}
	row := vocabulary[p.Kind]
	e := Entry{Category: row.category, Action: row.action, Label: p.Label}
	rest := p // the parts p.Kind does not have must be zero
	rest.Kind, rest.Label = 0, ""
	problem := ""
	switch p.Kind {
	case ClickContent:
		e.Action, rest.Module = p.Module, ""
		if p.Module == "" || p.Module == vocabulary[ClickSchedule].action || p.Module == vocabulary[ClickMetadata].action {
			problem = fmt.Sprintf("module %q: a module's name is required, other than %q and %q", p.Module,
				vocabulary[ClickSchedule].action, vocabulary[ClickMetadata].action)
		}
	case PollAnswered:
		e.Category, rest.Question = pollPrefix+p.Question, ""
	case RatingAnswered:
		e.Category, e.Label, rest.Question, rest.Number = ratingPrefix+p.Question, strconv.Itoa(p.Number), "", 0
		if p.Label != "" {
			problem = "a rating's label is its Number, not a Label"
		}
	case SessionReviewed:
		e.Category, rest.Number = reviewPrefix+strconv.Itoa(p.Number), 0
	case WatchProgress:
		e.Label, rest.Number = strconv.Itoa(p.Number), 0
		if p.Label != "" {
			problem = "a watch progress's label is its Number, not a Label"
		}
	case SessionAttended, SessionJoined, SessionLeft:
		rest.Breakout = ""
		_, _, breakoutShape := parseBreakout(p.Label)
		switch {
		case p.Breakout != "" && strings.Contains(p.Breakout, " [#"):
			problem = fmt.Sprintf("breakout %q contains \" [#\"", p.Breakout)
		case p.Breakout != "":
			e.Label = breakoutLabel(p.Label, p.Breakout)
		case breakoutShape:
			problem = fmt.Sprintf("session label %q has the shape of a breakout's: give its session and Breakout", p.Label)
		}
	case AccountCreated, TalkNowAccepted, LeaderboardOpened:
		if p.Label != "" {
			problem = fmt.Sprintf("label %q: this activity has none", p.Label)
		}
	}
	if problem == "" && rest != (Parts{}) {
		problem = fmt.Sprintf("parts %+v: this activity does not have them", rest)
	}
	if problem != "" {
		return Entry{}, fmt.Errorf("%w: entry of %s: %s", ErrInvalidEvent, kindName(p.Kind), problem)
	}
	return e, nil
}

// Parts returns the entry's activity and dynamic parts (rule A-1): the
// [Parts] that [NewEntry] renders into e. An entry of the LMS's own, and
// an entry with an unknown word of the vocabulary (see [Entry]), give
// the zero Parts. A session label of the breakout shape gives its
// session and Breakout.
func (e Entry) Parts() Parts {
	k, problem, _ := classify(&e)
	if k == 0 || problem != "" {
		return Parts{}
	}
	p := Parts{Kind: k, Label: e.Label}
	switch k {
	case ClickContent:
		p.Module = e.Action
	case PollAnswered:
		p.Question = e.Category[len(pollPrefix):]
	case RatingAnswered:
		p.Question = e.Category[len(ratingPrefix):]
		p.Number, _ = canonicalInt(e.Label)
		p.Label = ""
	case SessionReviewed:
		p.Number, _ = canonicalInt(e.Category[len(reviewPrefix):])
	case WatchProgress:
		p.Number, _ = canonicalInt(e.Label)
		p.Label = ""
	case SessionAttended, SessionJoined, SessionLeft:
		if session, id, ok := parseBreakout(e.Label); ok {
			p.Label, p.Breakout = session, id
		}
	}
	return p
}

// fixedKinds maps the fixed words of each kind (from vocabulary, the
// dynamic categories and ClickContent excepted) to the kind.
var fixedKinds = func() map[[2]string]Kind {
	m := map[[2]string]Kind{}
	for k := CreditsEarned; int(k) < len(vocabulary); k++ {
		if row := vocabulary[k]; !strings.HasSuffix(row.category, " - ") && row.action != "" {
			m[[2]string{row.category, row.action}] = k
		}
	}
	return m
}()

// categoryActions maps each fixed category to its actions, sorted.
var categoryActions = func() map[string][]string {
	m := map[string][]string{}
	for words := range fixedKinds {
		m[words[0]] = append(m[words[0]], words[1])
	}
	for _, acts := range m {
		slices.Sort(acts)
	}
	return m
}()

// classify returns the kind of e (0 for an entry of the LMS's own) and,
// when e uses a category of the vocabulary with a word it does not have,
// what is wrong and in which field (0 Category, 1 Action, 2 Label). The
// dynamic categories are recognised by their prefix; a Click with an
// action other than Schedule and Metadata is a click from a module.
func classify(e *Entry) (k Kind, problem string, field int) {
	if k, ok := fixedKinds[[2]string{e.Category, e.Action}]; ok {
		if k == WatchProgress {
			if _, ok := canonicalInt(e.Label); !ok {
				return k, fmt.Sprintf("a watch progress needs the percent reached in decimal as its label, not %q", e.Label), 2
			}
		}
		return k, "", 0
	}
	if acts, ok := categoryActions[e.Category]; ok {
		switch {
		case e.Category == vocabulary[ClickContent].category && e.Action != "":
			return ClickContent, "", 0
		case e.Category == vocabulary[ClickContent].category:
			return 0, `category "Click" needs an action: a module's name, "Schedule" or "Metadata"`, 1
		}
		return 0, fmt.Sprintf("category %q has no action %q (it has %s)", e.Category, e.Action, quoteList(acts)), 1
	}
	switch {
	case strings.HasPrefix(e.Category, pollPrefix):
		if e.Action != vocabulary[PollAnswered].action {
			return 0, fmt.Sprintf("category %q (a poll answer) needs the action %q, not %q", e.Category, vocabulary[PollAnswered].action, e.Action), 1
		}
		return PollAnswered, "", 0
	case strings.HasPrefix(e.Category, ratingPrefix):
		if e.Action != vocabulary[RatingAnswered].action {
			return 0, fmt.Sprintf("category %q (a rating answer) needs the action %q, not %q", e.Category, vocabulary[RatingAnswered].action, e.Action), 1
		}
		if _, ok := canonicalInt(e.Label); !ok {
			return 0, fmt.Sprintf("category %q (a rating answer) needs the selected number in decimal as its label, not %q", e.Category, e.Label), 2
		}
		return RatingAnswered, "", 0
	case strings.HasPrefix(e.Category, reviewPrefix):
		if _, ok := canonicalInt(e.Category[len(reviewPrefix):]); !ok {
			return 0, fmt.Sprintf("category %q (a review) needs the stars in decimal after %q", e.Category, reviewPrefix), 0
		}
		if e.Action != vocabulary[SessionReviewed].action {
			return 0, fmt.Sprintf("category %q (a review) needs the action %q, not %q", e.Category, vocabulary[SessionReviewed].action, e.Action), 1
		}
		return SessionReviewed, "", 0
	}
	return 0, "", 0
}

// wordProblem is classify's problem and field.
func wordProblem(e *Entry) (problem string, field int) {
	_, problem, field = classify(e)
	return problem, field
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}
