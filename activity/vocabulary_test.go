package activity_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/activity"
)

// TestA1_Vocabulary: every activity of SPEC section 8 renders to its
// Category / Action / Label, and the entry reads back to its parts.
func TestA1_Vocabulary(t *testing.T) {
	type parts = activity.Parts
	tests := []struct {
		name  string
		parts parts
		want  activity.Entry
	}{
		{"credits earned", parts{Kind: activity.CreditsEarned, Label: "Intro"}, activity.Entry{"Credits", "Earned", "Intro"}},
		{"credits claimed", parts{Kind: activity.CreditsClaimed, Label: "Intro"}, activity.Entry{"Credits", "Claimed", "Intro"}},
		{"chat", parts{Kind: activity.ChatMessage, Label: "hello"}, activity.Entry{"Chat", "Message", "hello"}},
		{"click module", parts{Kind: activity.ClickContent, Module: "Speakers", Label: "ada"}, activity.Entry{"Click", "Speakers", "ada"}},
		{"click schedule", parts{Kind: activity.ClickSchedule, Label: "keynote"}, activity.Entry{"Click", "Schedule", "keynote"}},
		{"click metadata", parts{Kind: activity.ClickMetadata, Label: "https://x.example"}, activity.Entry{"Click", "Metadata", "https://x.example"}},
		{"comment", parts{Kind: activity.CommentPosted, Label: "nice"}, activity.Entry{"Comment", "Post", "nice"}},
		{"account", parts{Kind: activity.AccountCreated}, activity.Entry{"Create Account", "Create", ""}},
		{"moderate", parts{Kind: activity.ModerateDialogOpened, Label: "Live"}, activity.Entry{"Dialog open", "Moderate", "Live"}},
		{"report", parts{Kind: activity.ReportDownloaded, Label: "Insights"}, activity.Entry{"Download", "Report", "Insights"}},
		{"resource", parts{Kind: activity.ResourceDownloaded, Label: "Slides"}, activity.Entry{"Download", "Resource", "Slides"}},
		{"like", parts{Kind: activity.Liked, Label: "Talk"}, activity.Entry{"Like", "Content", "Talk"}},
		{"hand raise", parts{Kind: activity.HandRaised, Label: "Live"}, activity.Entry{"Hand", "Raise", "Live"}},
		{"hand lower", parts{Kind: activity.HandLowered, Label: "Live"}, activity.Entry{"Hand", "Lower", "Live"}},
		{"poll", parts{Kind: activity.PollAnswered, Question: "Best day?", Label: "Friday"}, activity.Entry{"Poll - Best day?", "Question", "Friday"}},
		{"poll with dashes", parts{Kind: activity.PollAnswered, Question: "Is A - B?", Label: "Yes - sure"}, activity.Entry{"Poll - Is A - B?", "Question", "Yes - sure"}},
		{"rating", parts{Kind: activity.RatingAnswered, Question: "How useful?", Number: 4}, activity.Entry{"Rating - How useful?", "Question", "4"}},
		{"rating negative", parts{Kind: activity.RatingAnswered, Question: "Rate -1?", Number: -1}, activity.Entry{"Rating - Rate -1?", "Question", "-1"}},
		{"review", parts{Kind: activity.SessionReviewed, Number: 5, Label: "great"}, activity.Entry{"Review - 5", "Review", "great"}},
		{"review empty", parts{Kind: activity.SessionReviewed, Number: 3}, activity.Entry{"Review - 3", "Review", ""}},
		{"internal link", parts{Kind: activity.InternalLink, Label: "agenda"}, activity.Entry{"Link", "Internal", "agenda"}},
		{"external link", parts{Kind: activity.ExternalLink, Label: "https://x.example"}, activity.Entry{"Link", "External", "https://x.example"}},
		{"schedule start", parts{Kind: activity.ScheduleStarted, Label: "Keynote"}, activity.Entry{"Schedule", "Start", "Keynote"}},
		{"schedule complete", parts{Kind: activity.ScheduleCompleted, Label: "Keynote"}, activity.Entry{"Schedule", "Complete", "Keynote"}},
		{"session attend", parts{Kind: activity.SessionAttended, Label: "Keynote"}, activity.Entry{"Session", "Attend", "Keynote"}},
		{"session joined breakout", parts{Kind: activity.SessionJoined, Label: "Keynote", Breakout: "2"}, activity.Entry{"Session", "Joined", "Breakout from Keynote [#2]"}},
		{"breakout of a session with [#", parts{Kind: activity.SessionLeft, Label: "Room [#1] talk", Breakout: "42"}, activity.Entry{"Session", "Left", "Breakout from Room [#1] talk [#42]"}},
		{"session left", parts{Kind: activity.SessionLeft, Label: "Keynote"}, activity.Entry{"Session", "Left", "Keynote"}},
		{"talk requested", parts{Kind: activity.TalkNowRequested, Label: "Bob"}, activity.Entry{"Talk Now", "Requested", "Bob"}},
		{"talk accepted", parts{Kind: activity.TalkNowAccepted}, activity.Entry{"Talk Now", "Accepted", ""}},
		{"talk canceled", parts{Kind: activity.TalkNowCanceled, Label: "Bob"}, activity.Entry{"Talk Now", "Canceled", "Bob"}},
		{"track started", parts{Kind: activity.TrackStarted, Label: "Go"}, activity.Entry{"Track", "Started", "Go"}},
		{"track next", parts{Kind: activity.TrackNext, Label: "Lesson 2"}, activity.Entry{"Track", "Next", "Lesson 2"}},
		{"details", parts{Kind: activity.DetailsSaved, Label: "Ada L"}, activity.Entry{"Update Details", "Save", "Ada L"}},
		{"view content", parts{Kind: activity.ContentViewed, Label: "Talk"}, activity.Entry{"View Content", "View", "Talk"}},
		{"notification", parts{Kind: activity.NotificationClicked, Label: "Starts soon"}, activity.Entry{"View Notifications", "Click", "Starts soon"}},
		{"leaderboard", parts{Kind: activity.LeaderboardOpened}, activity.Entry{"View Leaderboard", "Open", ""}},
		{"leaderboard profile", parts{Kind: activity.LeaderboardProfile, Label: "Bob"}, activity.Entry{"View Leaderboard", "Profile", "Bob"}},
		{"quick profile", parts{Kind: activity.QuickProfile, Label: "Bob"}, activity.Entry{"View Users", "Quick Profile", "Bob"}},
		{"full profile", parts{Kind: activity.FullProfile, Label: "Bob"}, activity.Entry{"View Users", "Full Profile", "Bob"}},
		{"watched", parts{Kind: activity.Watched, Label: "Talk"}, activity.Entry{"Watched", "Watched", "Talk"}},
		{"progress", parts{Kind: activity.WatchProgress, Number: 75}, activity.Entry{"Watched", "Progress", "75"}},
	}
	kinds := map[activity.Kind]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := activity.NewEntry(tc.parts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.parts, got.Parts()); diff != "" {
				t.Errorf("parts read back (rule A-1) (-want +got):\n%s", diff)
			}
		})
		kinds[tc.parts.Kind] = true
	}
	if len(kinds) != 38 {
		t.Errorf("%d kinds tested, want the 38 of the vocabulary", len(kinds))
	}
	custom := activity.Entry{Category: "Quiz", Action: "Submit", Label: "x"}
	if p := custom.Parts(); p != (activity.Parts{}) {
		t.Errorf("an entry of the LMS's own: Parts = %+v, want the zero Parts", p)
	}
}

// TestA1_NewEntryRefusesWhatWouldNotReadBack: a part the kind does not
// have, a reserved module name, a breakout that would not parse back and
// a session label of the breakout shape are errors, not entries that read
// back as something else.
func TestA1_NewEntryRefusesWhatWouldNotReadBack(t *testing.T) {
	type parts = activity.Parts
	tests := []struct {
		name, reason string
		parts        parts
	}{
		{"no kind", "an entry of the LMS's own is an Entry literal", parts{Label: "x"}},
		{"unknown kind", "past the vocabulary", parts{Kind: activity.WatchProgress + 1, Label: "x"}},
		{"question of a chat message", "a chat message has no question", parts{Kind: activity.ChatMessage, Label: "hi", Question: "q"}},
		{"label of an account created", "its label is empty", parts{Kind: activity.AccountCreated, Label: "Ada"}},
		{"label of a rating", "a rating's label is its number", parts{Kind: activity.RatingAnswered, Question: "q", Number: 3, Label: "3"}},
		{"label of a progress", "a progress's label is its number", parts{Kind: activity.WatchProgress, Number: 3, Label: "x"}},
		{"number of a poll", "a poll's answer is text", parts{Kind: activity.PollAnswered, Question: "q", Number: 2}},
		{"no module", "a click from a module names it", parts{Kind: activity.ClickContent, Label: "slug"}},
		{"module Schedule", "that is ClickSchedule", parts{Kind: activity.ClickContent, Module: "Schedule", Label: "slug"}},
		{"module Metadata", "that is ClickMetadata", parts{Kind: activity.ClickContent, Module: "Metadata", Label: "url"}},
		{"breakout of a chat", "only sessions have breakouts", parts{Kind: activity.ChatMessage, Label: "hi", Breakout: "2"}},
		{"breakout with [#", "the ID would not parse back", parts{Kind: activity.SessionJoined, Label: "Keynote", Breakout: "a [#b"}},
		{"breakout-shaped label", "it would parse back as a breakout", parts{Kind: activity.SessionJoined, Label: "Breakout from Keynote [#2]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if e, err := activity.NewEntry(tc.parts); !errors.Is(err, activity.ErrInvalidEvent) {
				t.Errorf("%s: NewEntry = %+v, %v; want an error wrapping ErrInvalidEvent", tc.reason, e, err)
			}
		})
	}
	// A label of the breakout shape without an ID is a plain session.
	e := entry(activity.Parts{Kind: activity.SessionJoined, Label: "Breakout from Keynote [#]"})
	if p := e.Parts(); p.Breakout != "" || p.Label != "Breakout from Keynote [#]" {
		t.Errorf("Parts = %+v, want the plain session label", p)
	}
	// Ratings and stars must be canonical decimals to read back.
	for _, bad := range []activity.Entry{
		{Category: "Rating - q", Action: "Question", Label: "04"},
		{Category: "Review - +5", Action: "Review"},
		{Category: "Watched", Action: "Progress", Label: " 7"},
	} {
		if p := bad.Parts(); p != (activity.Parts{}) {
			t.Errorf("%+v: Parts = %+v, want none (not what NewEntry writes)", bad, p)
		}
	}
}
