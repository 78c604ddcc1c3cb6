package export_test

import (
	"bytes"
	"io"
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

func activityTestEntry(t *testing.T, p activity.Parts) activity.Entry {
	t.Helper()
	e, err := activity.NewEntry(p)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func activityTestEvents(t *testing.T, loc *time.Location) []activity.Event {
	t.Helper()
	t0 := time.Date(2026, 10, 25, 2, 30, 0, 0, loc) // the repeated hour of the DST change
	mk := func(u string, at time.Time, p activity.Parts, feature string) activity.Event {
		return activity.Event{User: learnstats.UserID(u), Time: at, Entry: activityTestEntry(t, p), Feature: feature, OS: "iOS"}
	}
	return []activity.Event{
		mk("u1", t0, activity.Parts{Kind: activity.ChatMessage, Label: "=SUM(A1:A9)"}, "Chat"),
		mk("u1", t0.Add(time.Hour), activity.Parts{Kind: activity.PollAnswered, Question: "Best day?", Label: "Friday, of course"}, "Polls"),
		mk("u2", t0.Add(90*time.Second+500*time.Millisecond), activity.Parts{Kind: activity.CommentPosted, Label: "-1 \"meh\"\nsecond line"}, "Comments"),
		mk("u2", t0.Add(2*time.Minute), activity.Parts{Kind: activity.SessionReviewed, Number: 4, Label: "'=already quoted"}, "Sessions"),
		mk("u3", t0.Add(3*time.Minute), activity.Parts{Kind: activity.SessionJoined, Label: "Keynote", Breakout: "2"}, "Sessions"),
		mk("u3", t0.Add(4*time.Minute), activity.Parts{Kind: activity.AccountCreated}, "Chat"),
	}
}

// activityTestRows are the report rows of the test events in their
// order (which is not the order of rule A-3: the table writes rows as
// given).
func activityTestRows(t *testing.T, loc *time.Location) []activity.ReportRow {
	t.Helper()
	dir, err := learnstats.NewDirectory(activityTestUsers())
	if err != nil {
		t.Fatal(err)
	}
	var rows []activity.ReportRow
	for _, e := range activityTestEvents(t, loc) {
		u, _ := dir.User(e.User)
		rows = append(rows, activity.ReportRow{Time: e.Time, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Entry: e.Entry})
	}
	return rows
}

// readReport collects the rows of activity.ReadReport, stopping at the
// first error.
func readReport(r io.Reader) ([]activity.ReportRow, error) {
	var rows []activity.ReportRow
	err := learnstats.Feed(activity.ReadReport(r), func(row activity.ReportRow) error {
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

func TestA1_ActivityReportGolden(t *testing.T) {
	loc := activityTestLoc(t)
	rows := activityTestRows(t, loc)
	o := &export.Options{}
	o.Location = loc
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values(rows), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "activity-report.golden.csv", buf.Bytes())
	buf.Reset()
	if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values([]activity.ReportRow(nil)), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "activity-report-empty.golden.csv", buf.Bytes())
	exporttest.Check(t, export.ActivityReportTable(), rows, o)
}

func TestA1_ActivityReportRoundTrip(t *testing.T) {
	loc := activityTestLoc(t)
	rows := activityTestRows(t, loc)
	for _, o := range []*export.Options{nil, {BOM: true, CRLF: true}, {NoFormulaGuard: true}, {Format: export.Format{Location: loc}}} {
		var buf bytes.Buffer
		if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values(rows), o); err != nil {
			t.Fatal(err)
		}
		got, err := readReport(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(rows, got); diff != "" {
			t.Errorf("options %+v: read back (-want +got):\n%s", o, diff)
		}
		// The dynamic labels parse back into their parts.
		for i, want := range []activity.Parts{
			1: {Kind: activity.PollAnswered, Question: "Best day?", Label: "Friday, of course"},
			3: {Kind: activity.SessionReviewed, Number: 4, Label: "'=already quoted"},
			4: {Kind: activity.SessionJoined, Label: "Keynote", Breakout: "2"},
		} {
			if want.Kind == 0 {
				continue
			}
			if diff := cmp.Diff(want, got[i].Entry.Parts()); diff != "" {
				t.Errorf("row %d: dynamic parts (-want +got):\n%s", i, diff)
			}
		}
	}
}

func TestA2_ActivityReportGuard(t *testing.T) {
	rows := activityTestRows(t, time.UTC)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values(rows), nil); err != nil {
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

func activityInteractionRows(t *testing.T, p *activity.Pseudonymizer) (activity.Analytics, []export.InteractionStatsRow) {
	t.Helper()
	users := activityTestUsers()
	dir, err := learnstats.NewDirectory(users)
	if err != nil {
		t.Fatal(err)
	}
	r, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values(activityTestEvents(t, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	var rows []export.InteractionStatsRow
	for _, s := range r.Users {
		u, _ := dir.User(s.User)
		if p != nil {
			u = p.Anonymize(u)
		}
		rows = append(rows, export.InteractionStatsRow{User: u, Stats: s})
	}
	return r, rows
}

func TestE5_InteractionStatsGolden(t *testing.T) {
	r, rows := activityInteractionRows(t, nil)
	table := export.InteractionStatsTable(r)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, table, slices.Values(rows), nil); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "interaction-stats.golden.csv", buf.Bytes())
	buf.Reset()
	if _, err := export.WriteCSV(&buf, export.InteractionStatsTable(activity.Analytics{}), slices.Values([]export.InteractionStatsRow(nil)), nil); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "interaction-stats-empty.golden.csv", buf.Bytes())
	exporttest.Check(t, table, rows, nil)
}

func TestE5_InteractionStatsHeaders(t *testing.T) {
	var r activity.Analytics
	for _, f := range []string{"Total", "b", "=x", "a", "b", "Email"} {
		r.Features = append(r.Features, activity.FeatureStats{Feature: f, Interactions: 1, Users: 1})
	}
	got := export.InteractionStatsTable(r).HeaderCells(nil)
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
	r, rows := activityInteractionRows(t, p)
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.InteractionStatsTable(r), slices.Values(rows), nil); err != nil {
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
	_, rows2 := activityInteractionRows(t, p)
	var buf2 bytes.Buffer
	if _, err := export.WriteCSV(&buf2, export.InteractionStatsTable(r), slices.Values(rows2), nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, buf2.Bytes()) {
		t.Error("anonymized export is not stable")
	}
	if len(rows) != 3 || !strings.Contains(string(out), string(p.Anonymize(learnstats.User{ID: "u1"}).ID)) {
		t.Errorf("pseudonym of u1 missing:\n%s", out)
	}
}

// activityReportCSV writes the activity report of events, one row per
// event in the order of rule A-3 (activity.Report), with the users'
// identities, as an LMS embedding the library does.
func activityReportCSV(t *testing.T, events []activity.Event) []byte {
	t.Helper()
	dir, err := learnstats.NewDirectory(activityTestUsers())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := activity.Report(slices.Values(events), dir.User, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values(rows), nil); err != nil {
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
	mk := func(u string, d time.Duration, k activity.Kind, label string) activity.Event {
		return activity.Event{User: learnstats.UserID(u), Time: at.Add(d), Entry: activityTestEntry(t, activity.Parts{Kind: k, Label: label})}
	}
	byTime := []activity.Event{ // interleaved, in time order
		mk("u3", 0, activity.ChatMessage, "first"),
		mk("u1", 0, activity.ChatMessage, "tie with u3: u1 first"),
		mk("u1", 0, activity.ChatMessage, "same user, same instant: stream order"),
		mk("u2", time.Minute, activity.HandRaised, "Keynote"),
		mk("u1", 2*time.Minute, activity.HandLowered, "Keynote"),
		mk("u3", 2*time.Minute, activity.ChatMessage, "last"),
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
