package activity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats/activity"
)

func TestE11_AnonymizeEventHidesNamesInLabels(t *testing.T) {
	p, err := activity.NewPseudonymizer([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		entry  activity.Entry
		hidden string // a text that must not survive
		keep   bool   // the label is not a person's name and stays
		reason string
	}{
		{"profile saved", activity.DetailsSaved("Alice Martin"), "Alice", false, "the label is the acting user's name"},
		{"talk now requested", activity.TalkNowRequested("Bruno Bernard"), "Bruno", false, "the label names another user"},
		{"talk now canceled", activity.TalkNowCanceled("Bruno Bernard"), "Bernard", false, "the label names another user"},
		{"leaderboard profile", activity.LeaderboardProfile("Chloé Dubois"), "Chloé", false, "the label names the viewed user"},
		{"quick profile", activity.QuickProfile("Chloé Dubois"), "Dubois", false, "the label names the viewed user"},
		{"full profile", activity.FullProfile("Chloé Dubois"), "Dubois", false, "the label names the viewed user"},
		{"content viewed", activity.ContentViewed("Keynote"), "", true, "content names are not personal"},
		{"talk now accepted", activity.TalkNowAccepted(), "", true, "an empty label stays empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := activity.Event{User: "u1", Time: at, Entry: tt.entry}
			got := p.AnonymizeEvent(e)
			if string(got.User) != p.Pseudonym("u1") {
				t.Errorf("user = %q, want the pseudonym", got.User)
			}
			if tt.keep {
				if got.Label != tt.entry.Label {
					t.Errorf("label = %q, want %q kept: %s", got.Label, tt.entry.Label, tt.reason)
				}
				return
			}
			if strings.Contains(got.Label, tt.hidden) || got.Label == "" {
				t.Errorf("label = %q still names the person or is empty: %s", got.Label, tt.reason)
			}
			if again := p.AnonymizeEvent(e); again.Label != got.Label {
				t.Errorf("pseudonym not stable: %q then %q", got.Label, again.Label)
			}
			if got.Category != tt.entry.Category || got.Action != tt.entry.Action {
				t.Errorf("category/action changed: %+v", got.Entry)
			}
		})
	}
	saved := p.AnonymizeEvent(activity.Event{User: "u7", Time: at, Entry: activity.DetailsSaved("Grace Hopper")})
	if saved.Label != p.Pseudonym("u7") {
		t.Errorf("profile saved label = %q, want the acting user's pseudonym %q", saved.Label, p.Pseudonym("u7"))
	}
}
