package activity_test

import (
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// unknownEntries are entries with a vocabulary category (SPEC section 8)
// and a word it does not have: unknown enum values, which section 0 makes
// an error naming the record. Before the safety fixes (issue 9), they were silently custom
// entries, and a misspelt Talk Now action kept the other user's name in
// an anonymized report (E-11).
var unknownEntries = []struct {
	name   string
	reason string
	entry  activity.Entry
	column int // the report column (1-based) that holds the unknown word
}{
	{"hand wave", "Hand has the actions Raise and Lower", activity.Entry{Category: "Hand", Action: "Wave", Label: "Keynote"}, 6},
	{"talk now misspelt", "Talk Now has Requested, Accepted, Canceled; the label is a person's name", activity.Entry{Category: "Talk Now", Action: "Requestd", Label: "Bruno Bernard"}, 6},
	{"session lower case", "the fixed words are exact", activity.Entry{Category: "Session", Action: "joined", Label: "Keynote"}, 6},
	{"click without module", "a click names its module, Schedule or Metadata", activity.Entry{Category: "Click", Label: "page"}, 6},
	{"poll with another action", "a poll answer's action is Question", activity.Entry{Category: "Poll - Best?", Action: "Answer", Label: "a"}, 6},
	{"rating not a number", "a rating's label is the selected number", activity.Entry{Category: "Rating - Speed", Action: "Question", Label: "five"}, 7},
	{"review stars not a number", "a review's category holds its stars", activity.Entry{Category: "Review - five", Action: "Review", Label: "ok"}, 5},
	{"review with another action", "a review's action is Review", activity.Entry{Category: "Review - 5", Action: "Rating", Label: "ok"}, 6},
	{"progress not a number", "a watch progress's label is the percent reached", activity.Entry{Category: "Watched", Action: "Progress", Label: "75%"}, 7},
}

// TestE1_UnknownEnumValues: every entry above is refused by the
// accumulator and the activity report with an error naming the user;
// categories outside the vocabulary stay allowed (an LMS may log its own).
func TestE1_UnknownEnumValues(t *testing.T) {
	everyone := func(id learnstats.UserID) (learnstats.User, bool) { return learnstats.User{ID: id}, true }
	for _, tc := range unknownEntries {
		t.Run(tc.name, func(t *testing.T) {
			e := ev("u7", t0, "f")
			e.Entry = tc.entry
			_, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e}))
			if !errors.Is(err, activity.ErrInvalidEvent) || !strings.Contains(err.Error(), `"u7"`) {
				t.Errorf("%s: Analyze = %v, want ErrInvalidEvent naming u7", tc.reason, err)
			}
			if _, err := activity.Report(slices.Values([]activity.Event{e}), everyone, nil); !errors.Is(err, activity.ErrInvalidEvent) {
				t.Errorf("%s: Report = %v, want ErrInvalidEvent", tc.reason, err)
			}
			if p := tc.entry.Parts(); p != (activity.Parts{}) {
				t.Errorf("%s: Parts = %+v, want none", tc.reason, p)
			}
		})
	}
	for _, ok := range []activity.Entry{
		{Category: "Badge", Action: "Earned", Label: "Gold"},
		entry(activity.Parts{Kind: activity.ClickContent, Module: "Agenda", Label: "keynote"}),
		entry(activity.Parts{Kind: activity.RatingAnswered, Question: "Speed", Number: 4}),
		entry(activity.Parts{Kind: activity.SessionReviewed, Number: 5}),
		entry(activity.Parts{Kind: activity.PollAnswered, Label: "a"}),
		entry(activity.Parts{Kind: activity.TalkNowAccepted}),
	} {
		e := ev("u7", t0, "f")
		e.Entry = ok
		if _, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e})); err != nil {
			t.Errorf("Analyze(%+v) = %v, want nil", ok, err)
		}
	}
}

// TestA1_ReadReportUnknownEnumValues: the report reader refuses the same
// entries at the line and column of the unknown word.
func TestA1_ReadReportUnknownEnumValues(t *testing.T) {
	for _, tc := range unknownEntries {
		t.Run(tc.name, func(t *testing.T) {
			in := reportHeader + "2026-11-02T09:00:00Z,A,B,c,Chat,Message,x\n" +
				"2026-11-02T09:00:00Z,A,B,c," + tc.entry.Category + "," + tc.entry.Action + "," + tc.entry.Label + "\n"
			_, err := readAll(strings.NewReader(in))
			var pe *csv.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, activity.ErrInvalidEvent) {
				t.Fatalf("%s: err = %v, want a *csv.ParseError wrapping ErrInvalidEvent", tc.reason, err)
			}
			want := len("2026-11-02T09:00:00Z,A,B,c,") + 1
			if tc.column >= 6 {
				want += len(tc.entry.Category) + 1
			}
			if tc.column == 7 {
				want += len(tc.entry.Action) + 1
			}
			if pe.StartLine != 3 || pe.Line != 3 || pe.Column != want {
				t.Errorf("%s: at %d:%d, want 3:%d (%v)", tc.reason, pe.Line, pe.Column, want, err)
			}
		})
	}
}
