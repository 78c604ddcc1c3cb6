package export_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// These tests are in the external package because exporttest imports
// export; export.Golden is the golden-file helper.

var backofficeParis = export.Paris

// backofficeTestRows builds the per-user CSV rows through the backoffice
// API, sorted by registration date, with awkward emails (formula, comma,
// quote), an unregistered user, an unknown birth date, a 29 February
// birthday and a user born on the day after asOf's UTC day but on asOf's
// Paris day.
func backofficeTestRows(t *testing.T) []backoffice.Row {
	t.Helper()
	account := func(id, email string, registered time.Time) learnstats.User {
		return learnstats.User{ID: learnstats.UserID(id), Email: email, RegisteredAt: registered}
	}
	users := []backoffice.User{
		{User: account("u1", "ana@example.com", time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC)), Premium: true,
			BirthDate: learnstats.Date{Year: 2000, Month: 2, Day: 29}, Sex: "Female",
			JournalsCompleted: 4, JournalMessages: 12, LessonsCompleted: 7, Chats: 2, ChatMessages: 30},
		{User: account("u2", "=cmd|' /C calc'!A0", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)),
			Sex: "Male", LessonsCompleted: 1},
		{User: account("u3", "o'brien, \"liam\"@example.com", time.Time{}), Sex: "Other",
			BirthDate: learnstats.Date{Year: 1990, Month: 11, Day: 22}},
		{User: account("u4", "-minus@example.com", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)), Premium: true,
			BirthDate: learnstats.Date{Year: 1990, Month: 11, Day: 23}, Chats: 1000000, ChatMessages: 1 << 40},
	}
	// 22 November 2026, 00:30 in Paris: still 21 November in UTC.
	table, err := backoffice.TableOf(time.Date(2026, 11, 22, 0, 30, 0, 0, backofficeParis), slices.Values(users), backoffice.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return table.Rows
}

func TestB3_BackofficeUsersExport(t *testing.T) {
	rows := backofficeTestRows(t)
	o := &export.Options{Format: export.Format{Location: backofficeParis}}
	var buf bytes.Buffer
	n, err := export.WriteCSV(&buf, export.BackofficeUsersTable(), slices.Values(rows), o)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Errorf("export.WriteCSV wrote %d rows, want %d", n, len(rows))
	}
	export.Golden(t, "backoffice-users.golden.csv", buf.Bytes())

	buf.Reset()
	if _, err := export.WriteCSV(&buf, export.BackofficeUsersTable(), slices.Values([]backoffice.Row(nil)), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "backoffice-users-empty.golden.csv", buf.Bytes())

	exporttest.Check(t, export.BackofficeUsersTable(), rows, o)
	exporttest.Check(t, export.BackofficeUsersTable(), rows, &export.Options{BOM: true, CRLF: true})
}

func TestB3_BackofficeUsersColumns(t *testing.T) {
	want := []string{"Registration date", "Email", "Premium", "Journals completed", "Journal messages",
		"Lessons completed", "Chats", "Chat messages", "Age", "Sex"}
	table := export.BackofficeUsersTable()
	if diff := cmp.Diff(want, table.Headers()); diff != "" {
		t.Errorf("columns of SPEC section 10 (-want +got):\n%s", diff)
	}
	if table.Name != "backoffice-users" {
		t.Errorf("Name = %q", table.Name)
	}
}

func surveyExportTestResults(t *testing.T) backoffice.SurveyResults {
	t.Helper()
	survey := backoffice.Survey{ID: "s1", Questions: []backoffice.Question{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Which topics, if any?"},
		{ID: "mood2", Text: "How do you feel?"},
		{ID: "free", Text: "Anything else?"},
	}}
	at := time.Date(2026, 11, 22, 23, 59, 59, 999999999, backofficeParis)
	subs := []backoffice.Submission{
		{ID: "x1", Survey: "s1", User: "u1", Email: "ana@example.com", SubmittedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, backofficeParis),
			Answers: map[string][]string{"mood": {"Good"}, "topics": {"Sleep", "Stress, work"}, "free": {"=SUM(A1:A9)"}}},
		{ID: "x3", Survey: "s1", User: "u3", Email: "cy@example.com", SubmittedAt: at,
			Answers: map[string][]string{"mood2": {"Better"}, "free": {"He said \"fine\"\nthen left"}}},
		{ID: "x2", Survey: "s1", User: "u2", Email: "ben@example.com", SubmittedAt: at},
		{ID: "x4", Survey: "s1", User: "u4", Email: "late@example.com", SubmittedAt: at.Add(time.Nanosecond)},
	}
	res, err := backoffice.SurveyResultsOf(survey, backoffice.DateRange{
		From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 22}, Location: backofficeParis},
		slices.Values(subs))
	if err != nil {
		t.Fatal(err)
	}
	if res.OutsideRange != 1 {
		t.Fatalf("OutsideRange = %d, want 1 (the submission at midnight after the last day)", res.OutsideRange)
	}
	return res
}

func TestB4_SurveyResultsExport(t *testing.T) {
	res := surveyExportTestResults(t)
	table := export.SurveyResultsTable(res.Survey)
	o := &export.Options{Format: export.Format{Location: backofficeParis}}
	var buf bytes.Buffer
	if _, err := export.WriteCSV(&buf, table, slices.Values(res.Rows), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "survey-results.golden.csv", buf.Bytes())

	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values([]backoffice.SurveyRow(nil)), o); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "survey-results-empty.golden.csv", buf.Bytes())

	exporttest.Check(t, table, res.Rows, o)
	exporttest.Check(t, table, res.Rows, &export.Options{BOM: true, CRLF: true, NoFormulaGuard: true})
	exporttest.Check(t, export.SurveyResultsTable(backoffice.Survey{ID: "empty"}), []backoffice.SurveyRow{{Email: "a@example.com"}}, o)
}

func TestB4_SurveyHeaders(t *testing.T) {
	q := func(texts ...string) backoffice.Survey {
		s := backoffice.Survey{ID: "s"}
		for i, text := range texts {
			s.Questions = append(s.Questions, backoffice.Question{ID: string(rune('a' + i)), Text: text})
		}
		return s
	}
	tests := []struct {
		name   string
		reason string
		survey backoffice.Survey
		want   []string
	}{
		{"no questions", "Email and Submission date only",
			q(), []string{"Email", "Submission date"}},
		{"survey order", "question columns keep the survey's order, not alphabetical",
			q("Zeta?", "Alpha?"), []string{"Email", "Zeta?", "Alpha?", "Submission date"}},
		{"repeated text", "the second and third occurrences get (2) and (3)",
			q("Mood?", "Sleep?", "Mood?", "Mood?"), []string{"Email", "Mood?", "Sleep?", "Mood? (2)", "Mood? (3)", "Submission date"}},
		{"text equal to a fixed column", "a question titled Email or Submission date is suffixed, the fixed columns keep their names",
			q("Email", "Submission date"), []string{"Email", "Email (2)", "Submission date (2)", "Submission date"}},
		{"suffix collision", "a question already titled Mood? (2) makes the repeat take (3)",
			q("Mood?", "Mood? (2)", "Mood?"), []string{"Email", "Mood?", "Mood? (2)", "Mood? (3)", "Submission date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := export.SurveyResultsTable(tt.survey)
			if diff := cmp.Diff(tt.want, table.Headers()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			if err := table.Validate(); err != nil {
				t.Errorf("%s: %v", tt.reason, err)
			}
		})
	}
}

func TestB4_SurveyShortRow(t *testing.T) {
	table := export.SurveyResultsTable(backoffice.Survey{ID: "s", Questions: []backoffice.Question{{ID: "a", Text: "A"}, {ID: "b", Text: "B"}}})
	got := table.Record(nil, backoffice.SurveyRow{Email: "x@example.com", Answers: []string{"-1"}}, nil)
	want := []string{"x@example.com", "'-1", "", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a row with fewer answers than questions has empty cells; answers are user text (X-5) (-want +got):\n%s", diff)
	}
}

// The survey results export (B-4) of the days 1 to 22 November in Paris:
// the repeated question text gets " (2)", several answers are joined with
// "; ", and an answer starting with = is guarded (X-5).
func ExampleSurveyResultsTable() {
	paris, _ := time.LoadLocation("Europe/Paris")
	survey := backoffice.Survey{ID: "s1", Questions: []backoffice.Question{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Topics"},
		{ID: "mood2", Text: "How do you feel?"},
	}}
	subs := []backoffice.Submission{
		{ID: "x1", Survey: "s1", User: "u1", Email: "ana@example.com",
			SubmittedAt: time.Date(2026, 11, 22, 23, 59, 0, 0, paris),
			Answers:     map[string][]string{"topics": {"Sleep", "Focus"}, "mood2": {"=better"}}},
		{ID: "x2", Survey: "s1", User: "u2", Email: "ben@example.com",
			SubmittedAt: time.Date(2026, 11, 23, 0, 0, 0, 0, paris)},
	}
	res, err := backoffice.SurveyResultsOf(survey, backoffice.DateRange{
		From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 22}, Location: paris},
		slices.Values(subs))
	if err != nil {
		fmt.Println(err)
		return
	}
	table := export.SurveyResultsTable(res.Survey)
	if _, err := export.WriteCSV(os.Stdout, table, slices.Values(res.Rows), &export.Options{Format: export.Format{Location: paris}}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(res.OutsideRange, "submission outside the range")
	// Output:
	// Email,How do you feel?,Topics,How do you feel? (2),Submission date
	// ana@example.com,,Sleep; Focus,'=better,22/11/2026 23:59
	// 1 submission outside the range
}

// The backoffice users export (B-3) of the premium users, by chat messages
// descending, with ages at asOf in Paris.
func ExampleBackofficeUsersTable() {
	paris, _ := time.LoadLocation("Europe/Paris")
	users := []backoffice.User{
		{User: learnstats.User{ID: "u1", Email: "ana@example.com", RegisteredAt: time.Date(2026, 1, 4, 23, 30, 0, 0, time.UTC)}, Premium: true,
			BirthDate: learnstats.Date{Year: 2000, Month: 2, Day: 29}, Sex: "Female", ChatMessages: 3},
		{User: learnstats.User{ID: "u2", Email: "ben@example.com"}, Premium: true, Sex: "Male", ChatMessages: 8, LessonsCompleted: 2},
		{User: learnstats.User{ID: "u3", Email: "cy@example.com"}, ChatMessages: 99},
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, paris)
	table, err := backoffice.TableOf(asOf, slices.Values(users), backoffice.Query{SortBy: "Chat messages", Descending: true, Premium: "True"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := export.WriteCSV(os.Stdout, export.BackofficeUsersTable(), slices.Values(table.Rows), &export.Options{Format: export.Format{Location: paris}}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Registration date,Email,Premium,Journals completed,Journal messages,Lessons completed,Chats,Chat messages,Age,Sex
	// ,ben@example.com,True,0,0,2,0,8,,Male
	// 05/01/2026,ana@example.com,True,0,0,0,0,3,26,Female
}
