package activity_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/activity"
)

const reportHeader = "Date,First name,Last name,Email,Category,Action,Label\n"

func TestA1_ReadReport(t *testing.T) {
	in := "\uFEFF" + reportHeader +
		"2026-11-02T09:00:00+01:00,Ada,Lovelace,ada@example.com,Chat,Message,'=1+1\n" +
		"2026-10-25T02:30:00.5+01:00,'+Bob,'''-x,b@example.com,Poll - Best?,Question,\"a, \"\"b\"\"\"\n" +
		"2026-10-25T02:30:00Z,Al,'x,a@example.com,Review - 5,Review,''\n"
	rows, err := activity.ReadReport(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []activity.ReportRow{
		{Time: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
			Entry: activity.ChatMessage("=1+1")},
		{Time: time.Date(2026, 10, 25, 1, 30, 0, 5e8, time.UTC), FirstName: "+Bob", LastName: "''-x", Email: "b@example.com",
			Entry: activity.PollAnswered("Best?", `a, "b"`)},
		{Time: time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), FirstName: "Al", LastName: "'x", Email: "a@example.com",
			Entry: activity.SessionReviewed(5, "''")},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	r := activity.NewReader(strings.NewReader(in))
	r.Location = paris
	row, err := r.Read()
	if err != nil || row.Time.Location() != paris {
		t.Errorf("with Location: %v in %v, want Paris", err, row.Time.Location())
	}
}

func TestA1_ReadReportErrors(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		in     string
		want   error
		line   int
	}{
		{"empty", "no header", "", activity.ErrReportHeader, 1},
		{"wrong header", "not an activity report", "Date,Name\n", activity.ErrReportHeader, 1},
		{"renamed header", "headers are checked", strings.Replace(reportHeader, "Label", "Labels", 1), activity.ErrReportHeader, 1},
		{"bad date", "the date layout is RFC 3339", reportHeader + "02/11/2026 09:00,A,B,c,Chat,Message,x\n", activity.ErrReportDate, 2},
		{"empty date", "a row needs a date", reportHeader + ",A,B,c,Chat,Message,x\n", activity.ErrReportDate, 2},
		{"missing field", "seven fields", reportHeader + "2026-11-02T09:00:00Z,A,B,c,Chat,Message\n", activity.ErrReportSyntax, 2},
		{"bare quote", "RFC 4180", reportHeader + "2026-11-02T09:00:00Z,A\"x,B,c,Chat,Message,x\n", activity.ErrReportSyntax, 2},
		{"empty category", "a row needs a category", reportHeader + "2026-11-02T09:00:00Z,A,B,c,,Message,x\n", activity.ErrReportCategory, 2},
		{"error on line 4", "lines count from 1 with multi-line cells", reportHeader + "2026-11-02T09:00:00Z,A,B,c,Chat,Message,\"x\ny\"\nnope,A,B,c,Chat,Message,x\n", activity.ErrReportDate, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := activity.ReadReport(strings.NewReader(tc.in))
			var pe *activity.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.want) {
				t.Fatalf("%s: err = %v, want a *ParseError wrapping %v", tc.reason, err, tc.want)
			}
			if pe.Line != tc.line {
				t.Errorf("%s: line %d, want %d (%v)", tc.reason, pe.Line, tc.line, err)
			}
		})
	}
	// After a bad row, reading goes on.
	r := activity.NewReader(strings.NewReader(reportHeader + "x,A,B,c,Chat,Message,x\n2026-11-02T09:00:00Z,A,B,c,Chat,Message,x\n"))
	if _, err := r.Read(); !errors.Is(err, activity.ErrReportDate) {
		t.Fatalf("first row: %v", err)
	}
	if row, err := r.Read(); err != nil || row.Label != "x" {
		t.Errorf("second row: %+v, %v", row, err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("end: %v, want io.EOF", err)
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
