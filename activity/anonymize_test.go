package activity_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// anonymousRows is the anonymized report of events with p.
func anonymousRows(t *testing.T, p *activity.Pseudonymizer, events ...activity.Event) []activity.ReportRow {
	t.Helper()
	known := func(id learnstats.UserID) (learnstats.User, bool) {
		return learnstats.User{ID: id, FirstName: "Real", LastName: "Name " + string(id), Email: string(id) + "@example.com"}, true
	}
	rows, err := activity.Report(slices.Values(events), known, p)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestE11_AnonymizedReportHidesNamesInLabels: in an anonymized activity
// report, the labels that name a person are replaced, the identity is
// the pseudonymized one, and other labels stay.
func TestE11_AnonymizedReportHidesNamesInLabels(t *testing.T) {
	p, err := activity.NewPseudonymizer([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	pseudonym := p.Anonymize(learnstats.User{ID: "u1"}).ID
	tests := []struct {
		name   string
		entry  activity.Entry
		hidden string // a text that must not survive
		keep   bool   // the label is not a person's name and stays
		reason string
	}{
		{"profile saved", entry(activity.Parts{Kind: activity.DetailsSaved, Label: "Alice Martin"}), "Alice", false, "the label is the acting user's name"},
		{"talk now requested", entry(activity.Parts{Kind: activity.TalkNowRequested, Label: "Bruno Bernard"}), "Bruno", false, "the label names another user"},
		{"talk now canceled", entry(activity.Parts{Kind: activity.TalkNowCanceled, Label: "Bruno Bernard"}), "Bernard", false, "the label names another user"},
		{"leaderboard profile", entry(activity.Parts{Kind: activity.LeaderboardProfile, Label: "Chloé Dubois"}), "Chloé", false, "the label names the viewed user"},
		{"quick profile", entry(activity.Parts{Kind: activity.QuickProfile, Label: "Chloé Dubois"}), "Dubois", false, "the label names the viewed user"},
		{"full profile", entry(activity.Parts{Kind: activity.FullProfile, Label: "Chloé Dubois"}), "Dubois", false, "the label names the viewed user"},
		{"content viewed", viewed("Keynote"), "", true, "content names are not personal"},
		{"talk now accepted", entry(activity.Parts{Kind: activity.TalkNowAccepted}), "", true, "an empty label stays empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := activity.Event{User: "u1", Time: at, Entry: tt.entry}
			got := anonymousRows(t, p, e)[0]
			if got.FirstName != "Participant" || got.LastName != string(pseudonym) || got.Email != "" {
				t.Errorf("identity = %q %q %q, want Participant, the pseudonym and no email", got.FirstName, got.LastName, got.Email)
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
			if again := anonymousRows(t, p, e)[0]; again.Label != got.Label {
				t.Errorf("pseudonym not stable: %q then %q", got.Label, again.Label)
			}
			if got.Category != tt.entry.Category || got.Action != tt.entry.Action {
				t.Errorf("category/action changed: %+v", got.Entry)
			}
		})
	}
	saved := anonymousRows(t, p, activity.Event{User: "u7", Time: at, Entry: entry(activity.Parts{Kind: activity.DetailsSaved, Label: "Grace Hopper"})})[0]
	if want := string(p.Anonymize(learnstats.User{ID: "u7"}).ID); saved.Label != want {
		t.Errorf("profile saved label = %q, want the acting user's pseudonym %q", saved.Label, want)
	}
}
