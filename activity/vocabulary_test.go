package activity_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/activity"
)

func TestA1_Vocabulary(t *testing.T) {
	tests := []struct {
		name  string
		entry activity.Entry
		want  activity.Entry
		kind  activity.Kind
	}{
		{"credits earned", activity.CreditsEarned("Intro"), activity.Entry{"Credits", "Earned", "Intro"}, activity.KindCreditsEarned},
		{"credits claimed", activity.CreditsClaimed("Intro"), activity.Entry{"Credits", "Claimed", "Intro"}, activity.KindCreditsClaimed},
		{"chat", activity.ChatMessage("hello"), activity.Entry{"Chat", "Message", "hello"}, activity.KindChatMessage},
		{"click module", activity.ClickContent("Speakers", "ada"), activity.Entry{"Click", "Speakers", "ada"}, activity.KindClickContent},
		{"click schedule", activity.ClickSchedule("keynote"), activity.Entry{"Click", "Schedule", "keynote"}, activity.KindClickSchedule},
		{"click metadata", activity.ClickMetadata("https://x.example"), activity.Entry{"Click", "Metadata", "https://x.example"}, activity.KindClickMetadata},
		{"comment", activity.CommentPosted("nice"), activity.Entry{"Comment", "Post", "nice"}, activity.KindCommentPost},
		{"account", activity.AccountCreated(), activity.Entry{"Create Account", "Create", ""}, activity.KindAccountCreated},
		{"moderate", activity.ModerateDialogOpened("Live"), activity.Entry{"Dialog open", "Moderate", "Live"}, activity.KindModerateDialogOpen},
		{"report", activity.ReportDownloaded("Insights"), activity.Entry{"Download", "Report", "Insights"}, activity.KindReportDownloaded},
		{"resource", activity.ResourceDownloaded("Slides"), activity.Entry{"Download", "Resource", "Slides"}, activity.KindResourceDownloaded},
		{"like", activity.Liked("Talk"), activity.Entry{"Like", "Content", "Talk"}, activity.KindLike},
		{"hand raise", activity.HandRaised("Live"), activity.Entry{"Hand", "Raise", "Live"}, activity.KindHandRaised},
		{"hand lower", activity.HandLowered("Live"), activity.Entry{"Hand", "Lower", "Live"}, activity.KindHandLowered},
		{"poll", activity.PollAnswered("Best day?", "Friday"), activity.Entry{"Poll - Best day?", "Question", "Friday"}, activity.KindPollAnswered},
		{"rating", activity.RatingAnswered("How useful?", 4), activity.Entry{"Rating - How useful?", "Question", "4"}, activity.KindRatingAnswered},
		{"review", activity.SessionReviewed(5, "great"), activity.Entry{"Review - 5", "Review", "great"}, activity.KindSessionReview},
		{"review empty", activity.SessionReviewed(3, ""), activity.Entry{"Review - 3", "Review", ""}, activity.KindSessionReview},
		{"internal link", activity.InternalLink("agenda"), activity.Entry{"Link", "Internal", "agenda"}, activity.KindInternalLink},
		{"external link", activity.ExternalLink("https://x.example"), activity.Entry{"Link", "External", "https://x.example"}, activity.KindExternalLink},
		{"schedule start", activity.ScheduleStarted("Keynote"), activity.Entry{"Schedule", "Start", "Keynote"}, activity.KindScheduleStart},
		{"schedule complete", activity.ScheduleCompleted("Keynote"), activity.Entry{"Schedule", "Complete", "Keynote"}, activity.KindScheduleComplete},
		{"session attend", activity.SessionAttended("Keynote"), activity.Entry{"Session", "Attend", "Keynote"}, activity.KindSessionAttend},
		{"session joined breakout", activity.SessionJoined(activity.BreakoutName("Keynote", "2")), activity.Entry{"Session", "Joined", "Breakout from Keynote [#2]"}, activity.KindSessionJoined},
		{"session left", activity.SessionLeft("Keynote"), activity.Entry{"Session", "Left", "Keynote"}, activity.KindSessionLeft},
		{"talk requested", activity.TalkNowRequested("Bob"), activity.Entry{"Talk Now", "Requested", "Bob"}, activity.KindTalkNowRequested},
		{"talk accepted", activity.TalkNowAccepted(), activity.Entry{"Talk Now", "Accepted", ""}, activity.KindTalkNowAccepted},
		{"talk canceled", activity.TalkNowCanceled("Bob"), activity.Entry{"Talk Now", "Canceled", "Bob"}, activity.KindTalkNowCanceled},
		{"track started", activity.TrackStarted("Go"), activity.Entry{"Track", "Started", "Go"}, activity.KindTrackStarted},
		{"track next", activity.TrackNext("Lesson 2"), activity.Entry{"Track", "Next", "Lesson 2"}, activity.KindTrackNext},
		{"details", activity.DetailsSaved("Ada L"), activity.Entry{"Update Details", "Save", "Ada L"}, activity.KindDetailsSaved},
		{"view content", activity.ContentViewed("Talk"), activity.Entry{"View Content", "View", "Talk"}, activity.KindContentViewed},
		{"notification", activity.NotificationClicked("Starts soon"), activity.Entry{"View Notifications", "Click", "Starts soon"}, activity.KindNotificationClicked},
		{"leaderboard", activity.LeaderboardOpened(), activity.Entry{"View Leaderboard", "Open", ""}, activity.KindLeaderboardOpened},
		{"leaderboard profile", activity.LeaderboardProfile("Bob"), activity.Entry{"View Leaderboard", "Profile", "Bob"}, activity.KindLeaderboardProfile},
		{"quick profile", activity.QuickProfile("Bob"), activity.Entry{"View Users", "Quick Profile", "Bob"}, activity.KindQuickProfile},
		{"full profile", activity.FullProfile("Bob"), activity.Entry{"View Users", "Full Profile", "Bob"}, activity.KindFullProfile},
		{"watched", activity.Watched("Talk"), activity.Entry{"Watched", "Watched", "Talk"}, activity.KindWatched},
		{"progress", activity.WatchProgress(75), activity.Entry{"Watched", "Progress", "75"}, activity.KindWatchProgress},
		{"custom", activity.Entry{"Quiz", "Submit", "x"}, activity.Entry{"Quiz", "Submit", "x"}, activity.KindCustom},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.entry); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
			if got := tc.entry.Kind(); got != tc.kind {
				t.Errorf("Kind() = %d, want %d", got, tc.kind)
			}
		})
	}
}

func TestA1_DynamicLabels(t *testing.T) {
	q, a, ok := activity.ParsePoll(activity.PollAnswered("Is A - B?", "Yes - sure"))
	if !ok || q != "Is A - B?" || a != "Yes - sure" {
		t.Errorf("ParsePoll = %q, %q, %v", q, a, ok)
	}
	rq, n, ok := activity.ParseRating(activity.RatingAnswered("Rate -1?", -1))
	if !ok || rq != "Rate -1?" || n != -1 {
		t.Errorf("ParseRating = %q, %d, %v", rq, n, ok)
	}
	stars, text, ok := activity.ParseReview(activity.SessionReviewed(4, "=good"))
	if !ok || stars != 4 || text != "=good" {
		t.Errorf("ParseReview = %d, %q, %v", stars, text, ok)
	}
	s, id, ok := activity.ParseBreakout(activity.BreakoutName("Room [#1] talk", "42"))
	if !ok || s != "Room [#1] talk" || id != "42" {
		t.Errorf("ParseBreakout = %q, %q, %v; want the last [# to delimit the id", s, id, ok)
	}
	for _, bad := range []struct {
		name string
		ok   bool
	}{
		{name: "poll with another action", ok: func() bool { _, _, ok := activity.ParsePoll(activity.Entry{"Poll - q", "Answer", "a"}); return ok }()},
		{name: "rating not a number", ok: func() bool {
			_, _, ok := activity.ParseRating(activity.Entry{"Rating - q", "Question", "four"})
			return ok
		}()},
		{name: "rating not canonical", ok: func() bool {
			_, _, ok := activity.ParseRating(activity.Entry{"Rating - q", "Question", "04"})
			return ok
		}()},
		{name: "review stars not a number", ok: func() bool {
			_, _, ok := activity.ParseReview(activity.Entry{"Review - five", "Review", ""})
			return ok
		}()},
		{name: "breakout without id", ok: func() bool { _, _, ok := activity.ParseBreakout("Breakout from Keynote"); return ok }()},
		{name: "plain session", ok: func() bool { _, _, ok := activity.ParseBreakout("Keynote"); return ok }()},
	} {
		if bad.ok {
			t.Errorf("%s: parsed, want ok=false", bad.name)
		}
	}
	if k := (activity.Entry{"Rating - q", "Question", "four"}).Kind(); k != activity.KindCustom {
		t.Errorf("a rating with a non-numeric label is custom, got %d", k)
	}
}
