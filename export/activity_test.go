package export_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
)

func activityTestLoc(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func activityTestUsers() []learnstats.User {
	return []learnstats.User{
		{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada.lovelace@example.com"},
		{ID: "u2", FirstName: "=Bob", LastName: "O'Neil, Jr", Email: "bob@example.com"},
		{ID: "u3", FirstName: "Chloé", LastName: "Dubois", Email: "chloe.dubois@example.com"},
	}
}

func activityTestEvents(loc *time.Location) []activity.Event {
	t0 := time.Date(2026, 10, 25, 2, 30, 0, 0, loc) // the repeated hour of the DST change
	mk := func(u string, at time.Time, e activity.Entry, feature string) activity.Event {
		return activity.Event{User: learnstats.UserID(u), Time: at, Entry: e, Feature: feature, OS: "iOS"}
	}
	return []activity.Event{
		mk("u1", t0, activity.ChatMessage("=SUM(A1:A9)"), "Chat"),
		mk("u1", t0.Add(time.Hour), activity.PollAnswered("Best day?", "Friday, of course"), "Polls"),
		mk("u2", t0.Add(90*time.Second+500*time.Millisecond), activity.CommentPosted("-1 \"meh\"\nsecond line"), "Comments"),
		mk("u2", t0.Add(2*time.Minute), activity.SessionReviewed(4, "'=already quoted"), "Sessions"),
		mk("u3", t0.Add(3*time.Minute), activity.SessionJoined(activity.BreakoutName("Keynote", "2")), "Sessions"),
		mk("u3", t0.Add(4*time.Minute), activity.AccountCreated(), "Chat"),
	}
}

func activityTestRows(t *testing.T, loc *time.Location) []activity.ReportRow {
	t.Helper()
	dir, err := learnstats.NewDirectory(activityTestUsers())
	if err != nil {
		t.Fatal(err)
	}
	var rows []activity.ReportRow
	for _, e := range activityTestEvents(loc) {
		u, _ := dir.User(e.User)
		rows = append(rows, activity.NewReportRow(e, u))
	}
	return rows
}

func TestA1_ActivityReportGolden(t *testing.T) {
	loc := activityTestLoc(t)
	rows := activityTestRows(t, loc)
	o := &export.Options{}
	o.Location = loc
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReport(), slices.Values(rows), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "activity-report.golden.csv", buf.Bytes())
	buf.Reset()
	if _, err := export.WriteCSV(&buf, export.ActivityReport(), slices.Values([]activity.ReportRow(nil)), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "activity-report-empty.golden.csv", buf.Bytes())
	exporttest.Check(t, export.ActivityReport(), rows, o)
}

func TestA1_ActivityReportRoundTrip(t *testing.T) {
	loc := activityTestLoc(t)
	rows := activityTestRows(t, loc)
	for _, o := range []*export.Options{nil, {BOM: true, CRLF: true}, {NoFormulaGuard: true}, {Format: export.Format{Location: loc}}} {
		var buf bytes.Buffer
		if _, err := export.WriteCSV(&buf, export.ActivityReport(), slices.Values(rows), o); err != nil {
			t.Fatal(err)
		}
		got, err := activity.ReadReport(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(rows, got); diff != "" {
			t.Errorf("options %+v: read back (-want +got):\n%s", o, diff)
		}
		// The dynamic labels parse back into their parts.
		q, a, ok := activity.ParsePoll(got[1].Entry)
		s, id, ok2 := activity.ParseBreakout(got[4].Label)
		stars, text, ok3 := activity.ParseReview(got[3].Entry)
		if !ok || q != "Best day?" || a != "Friday, of course" || !ok2 || s != "Keynote" || id != "2" ||
			!ok3 || stars != 4 || text != "'=already quoted" {
			t.Errorf("dynamic labels: %q %q %v / %q %q %v / %d %q %v", q, a, ok, s, id, ok2, stars, text, ok3)
		}
	}
}

func TestA2_ActivityReportGuard(t *testing.T) {
	rows := activityTestRows(t, time.UTC)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReport(), slices.Values(rows), nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{",'=SUM(A1:A9)\n", "'=Bob,", "\"'-1 \"\"meh\"\"\nsecond line\"", ",''=already quoted\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := strings.Count(out, "\n"); got != 1+len(rows)+1 { // header, rows, one line break inside a comment
		t.Errorf("%d lines, want %d: free text broke the CSV\n%s", got, 2+len(rows), out)
	}
}

func activityInteractionRows(t *testing.T, p *activity.Pseudonymizer) ([]export.ActivityInteractionRow, []string) {
	t.Helper()
	users := activityTestUsers()
	dir, err := learnstats.NewDirectory(users)
	if err != nil {
		t.Fatal(err)
	}
	r, err := activity.Analyze(activity.Config{}, slices.Values(activityTestEvents(time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	var rows []export.ActivityInteractionRow
	for _, s := range r.Users {
		u, _ := dir.User(s.User)
		if p != nil {
			u = p.Anonymize(u)
		}
		rows = append(rows, export.ActivityInteractionRow{User: u, Stats: s})
	}
	return rows, r.FeatureNames()
}

func TestE5_InteractionStatsGolden(t *testing.T) {
	rows, features := activityInteractionRows(t, nil)
	table := export.InteractionStats(features)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, table, slices.Values(rows), nil); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "interaction-stats.golden.csv", buf.Bytes())
	buf.Reset()
	if _, err := export.WriteCSV(&buf, export.InteractionStats(nil), slices.Values([]export.ActivityInteractionRow(nil)), nil); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "interaction-stats-empty.golden.csv", buf.Bytes())
	exporttest.Check(t, table, rows, nil)
}

func TestE5_InteractionStatsHeaders(t *testing.T) {
	got := export.InteractionStats([]string{"Total", "b", "=x", "a", "b", "Email"}).HeaderCells(nil)
	want := []string{"First name", "Last name", "Email", "'=x", "Email (2)", "Total", "a", "b", "Total (2)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers: features sorted, deduplicated, guarded, made unique (-want +got):\n%s", diff)
	}
}

func TestE11_AnonymizedInteractionStatsLeakNoIdentity(t *testing.T) {
	p, err := activity.NewPseudonymizer([]byte("demo secret"))
	if err != nil {
		t.Fatal(err)
	}
	rows, features := activityInteractionRows(t, p)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.InteractionStats(features), slices.Values(rows), nil); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	for _, u := range activityTestUsers() {
		for _, s := range []string{u.FirstName, u.LastName, u.Email, strings.TrimPrefix(u.FirstName, "=")} {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("anonymized export contains %q:\n%s", s, out)
			}
		}
	}
	// Stable: the same key gives the same file.
	rows2, _ := activityInteractionRows(t, p)
	var buf2 bytes.Buffer
	if _, err := export.WriteCSV(&buf2, export.InteractionStats(features), slices.Values(rows2), nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, buf2.Bytes()) {
		t.Error("anonymized export is not stable")
	}
	if len(rows) != 3 || !strings.Contains(string(out), p.Pseudonym("u1")) {
		t.Errorf("pseudonym of u1 missing:\n%s", out)
	}
}

// activityReportCSV writes the activity report of events, one row per
// event in the order of rule A-3 (activity.SortReport), with the users'
// identities, as an LMS embedding the library does.
func activityReportCSV(t *testing.T, events []activity.Event) []byte {
	t.Helper()
	dir, err := learnstats.NewDirectory(activityTestUsers())
	if err != nil {
		t.Fatal(err)
	}
	events = slices.Clone(events)
	if err := activity.SortReport(events); err != nil {
		t.Fatal(err)
	}
	rows := func(yield func(activity.ReportRow) bool) {
		for _, e := range events {
			u, _ := dir.User(e.User)
			if !yield(activity.NewReportRow(e, u)) {
				return
			}
		}
	}
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReport(), rows, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestActivityReport_A3_PermittedOrdersSameBytes: rule A-3 orders the
// rows by time, ties by user ID, then by the event's place in its user's
// stream, so any input order that keeps each user's events in time order
// gives the same bytes. Before, the report followed the input order: the
// events sorted by user (the report command's events file sorted by user)
// gave another file.
func TestActivityReport_A3_PermittedOrdersSameBytes(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(u string, d time.Duration, e activity.Entry) activity.Event {
		return activity.Event{User: learnstats.UserID(u), Time: at.Add(d), Entry: e}
	}
	byTime := []activity.Event{ // interleaved, in time order
		mk("u3", 0, activity.ChatMessage("first")),
		mk("u1", 0, activity.ChatMessage("tie with u3: u1 first")),
		mk("u1", 0, activity.ChatMessage("same user, same instant: stream order")),
		mk("u2", time.Minute, activity.HandRaised("Keynote")),
		mk("u1", 2*time.Minute, activity.HandLowered("Keynote")),
		mk("u3", 2*time.Minute, activity.ChatMessage("last")),
	}
	byUser := slices.Clone(byTime) // each user's events together, still in time order
	slices.SortStableFunc(byUser, func(x, y activity.Event) int { return strings.Compare(string(x.User), string(y.User)) })
	reversedUsers := slices.Clone(byTime)
	slices.SortStableFunc(reversedUsers, func(x, y activity.Event) int { return strings.Compare(string(y.User), string(x.User)) })

	want := activityReportCSV(t, byTime)
	for _, tc := range []struct {
		name, reason string
		events       []activity.Event
	}{
		{"by user", "an events file sorted by user, each user's events in time order", byUser},
		{"users reversed", "another grouping by user", reversedUsers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := activityReportCSV(t, tc.events); !bytes.Equal(want, got) {
				t.Errorf("%s: the report differs (-by time +%s):\n%s", tc.reason, tc.name, cmp.Diff(string(want), string(got)))
			}
		})
	}
}
