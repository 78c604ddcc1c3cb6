package activity_test

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

const reportHeader = "Date,First name,Last name,Email,Category,Action,Label\n"

// readAll collects the rows of activity.ReadReport, stopping at the first
// error.
func readAll(r io.Reader, headers ...string) ([]activity.ReportRow, error) {
	var rows []activity.ReportRow
	err := learnstats.Feed(activity.ReadReport(r, headers...), func(row activity.ReportRow) error {
		rows = append(rows, row)
		return nil
	})
	return rows, err
}

func TestA1_ReadReport(t *testing.T) {
	in := "\uFEFF" + reportHeader +
		"2026-11-02T09:00:00+01:00,Ada,Lovelace,ada@example.com,Chat,Message,'=1+1\n" +
		"2026-10-25T02:30:00.5+01:00,'+Bob,'''-x,b@example.com,Poll - Best?,Question,\"a, \"\"b\"\"\"\n" +
		"2026-10-25T02:30:00Z,Al,'x,a@example.com,Review - 5,Review,''\n"
	rows, err := readAll(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []activity.ReportRow{
		{Time: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
			Entry: entry(activity.Parts{Kind: activity.ChatMessage, Label: "=1+1"})},
		{Time: time.Date(2026, 10, 25, 1, 30, 0, 5e8, time.UTC), FirstName: "+Bob", LastName: "''-x", Email: "b@example.com",
			Entry: entry(activity.Parts{Kind: activity.PollAnswered, Question: "Best?", Label: `a, "b"`})},
		{Time: time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), FirstName: "Al", LastName: "'x", Email: "a@example.com",
			Entry: entry(activity.Parts{Kind: activity.SessionReviewed, Number: 5, Label: "''"})},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if _, offset := rows[0].Time.Zone(); offset != 3600 {
		t.Errorf("the written offset is lost: %v", rows[0].Time)
	}
	// A translated header.
	fr := []string{"Date", "Prénom", "Nom", "E-mail", "Catégorie", "Action", "Libellé"}
	rows, err = readAll(strings.NewReader(strings.Join(fr, ",")+"\n2026-11-02T09:00:00Z,A,B,c,Chat,Message,x\n"), fr...)
	if err != nil || len(rows) != 1 {
		t.Errorf("translated header: %d rows, %v", len(rows), err)
	}
}

func TestA1_ReadReportErrors(t *testing.T) {
	tests := []struct {
		name       string
		reason     string
		in         string
		line, col  int
		csvErr     error // the encoding/csv cause, if any
		wantInText string
	}{
		{"empty", "no header", "", 1, 1, nil, "no header"},
		{"wrong header", "not an activity report", "Date,Name\n", 1, 1, nil, "header"},
		{"renamed header", "headers are checked", strings.Replace(reportHeader, "Label", "Labels", 1), 1, 1, nil, "header"},
		{"bad date", "the date layout is RFC 3339", reportHeader + "02/11/2026 09:00,A,B,c,Chat,Message,x\n", 2, 1, nil, "bad date"},
		{"empty date", "a row needs a date", reportHeader + ",A,B,c,Chat,Message,x\n", 2, 1, nil, "bad date"},
		{"missing field", "seven fields", reportHeader + "2026-11-02T09:00:00Z,A,B,c,Chat,Message\n", 2, 1, csv.ErrFieldCount, "malformed"},
		{"bare quote", "RFC 4180", reportHeader + "2026-11-02T09:00:00Z,A\"x,B,c,Chat,Message,x\n", 2, 23, csv.ErrBareQuote, "malformed"},
		{"empty category", "a row needs a category", reportHeader + "2026-11-02T09:00:00Z,A,B,c,,Message,x\n", 2, 28, nil, "empty category"},
		{"error on line 4", "lines count from 1 with multi-line cells", reportHeader + "2026-11-02T09:00:00Z,A,B,c,Chat,Message,\"x\ny\"\nnope,A,B,c,Chat,Message,x\n", 4, 1, nil, "bad date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(strings.NewReader(tc.in))
			var pe *csv.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, activity.ErrInvalidEvent) || !strings.Contains(err.Error(), tc.wantInText) {
				t.Fatalf("%s: err = %v, want a *csv.ParseError wrapping ErrInvalidEvent about %q", tc.reason, err, tc.wantInText)
			}
			if tc.csvErr != nil && !errors.Is(err, tc.csvErr) {
				t.Errorf("%s: err = %v, want it to wrap %v", tc.reason, err, tc.csvErr)
			}
			if pe.StartLine != tc.line || pe.Column != tc.col {
				t.Errorf("%s: line %d column %d, want %d:%d (%v)", tc.reason, pe.StartLine, pe.Column, tc.line, tc.col, err)
			}
		})
	}
	// After a bad row, reading goes on.
	in := reportHeader + "x,A,B,c,Chat,Message,x\n2026-11-02T09:00:00Z,A,B,c,Chat,Message,x\n"
	var got []string
	for row, err := range activity.ReadReport(strings.NewReader(in)) {
		if err != nil {
			got = append(got, "error")
			continue
		}
		got = append(got, row.Label)
	}
	if diff := cmp.Diff([]string{"error", "x"}, got); diff != "" {
		t.Errorf("rows after a bad row (-want +got):\n%s", diff)
	}
	// An error of the underlying reader ends the rows, with that error.
	boom := errors.New("disk gone")
	_, err := readAll(io.MultiReader(strings.NewReader(reportHeader+"2026-11-02T09:00:00Z,A,B,c,Chat,Message,x\n"), iotest.ErrReader(boom)))
	var pe *csv.ParseError
	if !errors.Is(err, boom) || errors.As(err, &pe) {
		t.Errorf("reader error: %v, want the reader's error, not a parse error", err)
	}
}

func TestA2_ReportText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain", "plain"},
		{"=cmd", "=cmd"}, // the writer's X-5 guard adds the quote
		{"'=cmd", "''=cmd"},
		{"''-x", "'''-x"},
		{"'x", "'x"},
		{"'", "'"},
		{"''", "''"},
		{"'\t", "''\t"},
		{"'\n", "''\n"}, // a guarded CR LF reads back as ' LF
		{"\n", "\n"},
	}
	for _, tc := range tests {
		if got := string(activity.AppendReportText(nil, tc.in)); got != tc.want {
			t.Errorf("AppendReportText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
