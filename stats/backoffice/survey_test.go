package backoffice_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

func testSurvey() backoffice.Survey {
	return backoffice.Survey{ID: "s1", Title: "Wellbeing check", Questions: []backoffice.Question{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Which topics interest you?"},
		{ID: "mood2", Text: "How do you feel?"},
	}}
}

func submissionIDs(rows []backoffice.SurveyRow) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.SubmissionID
	}
	return ids
}

func TestB4_Cells(t *testing.T) {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	subs := []backoffice.Submission{
		{ID: "x1", Survey: "s1", User: "u1", Email: "a@example.com", SubmittedAt: at, Answers: map[string][]string{
			"topics": {"Sleep", "Stress", "=1+1"},
			"mood":   {"Good"},
		}},
		{ID: "x2", Survey: "s1", User: "u2", Email: "b@example.com", SubmittedAt: at.Add(time.Minute), Answers: map[string][]string{
			"mood2": {"Better"}, "mood": {},
		}},
		{ID: "x3", Survey: "s1", User: "u3", Email: "c@example.com", SubmittedAt: at.Add(2 * time.Minute)},
	}
	got, err := backoffice.SurveyResultsOf(testSurvey(), backoffice.DateRange{}, slices.Values(subs))
	if err != nil {
		t.Fatal(err)
	}
	want := backoffice.SurveyResults{
		Survey: testSurvey(),
		Rows: []backoffice.SurveyRow{
			{SubmissionID: "x1", User: "u1", Email: "a@example.com", SubmittedAt: at,
				Answers: []string{"Good", "Sleep; Stress; =1+1", ""}},
			{SubmissionID: "x2", User: "u2", Email: "b@example.com", SubmittedAt: at.Add(time.Minute),
				Answers: []string{"", "", "Better"}},
			{SubmissionID: "x3", User: "u3", Email: "c@example.com", SubmittedAt: at.Add(2 * time.Minute),
				Answers: []string{"", "", ""}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one cell per question in survey order, several answers joined with \"; \" in the recorded order, unanswered (no key or an empty list) empty, repeated text kept as two columns (-want +got):\n%s", diff)
	}
}

func TestB4_Order(t *testing.T) {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	subs := []backoffice.Submission{
		{ID: "x5", Survey: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at},
		{ID: "x4", Survey: "s1", User: "u2", Email: "a@example.com", SubmittedAt: at},
		{ID: "x3", Survey: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at},
		{ID: "x2", Survey: "s1", User: "u3", Email: "z@example.com", SubmittedAt: at.Add(-time.Nanosecond)},
		{ID: "x1", Survey: "s1", User: "u4", Email: "a@example.com", SubmittedAt: at.Add(time.Nanosecond)},
		{ID: "10", Survey: "s1", User: "u5", Email: "n@example.com", SubmittedAt: at.Add(time.Hour)},
		{ID: "9", Survey: "s1", User: "u5", Email: "n@example.com", SubmittedAt: at.Add(time.Hour)},
	}
	want := []string{"x2", "x4", "x3", "x5", "x1", "9", "10"}
	for _, order := range []struct {
		name string
		subs []backoffice.Submission
	}{{"as given", subs}, {"reversed", reversed(subs)}} {
		got, err := backoffice.SurveyResultsOf(testSurvey(), backoffice.DateRange{}, slices.Values(order.subs))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, submissionIDs(got.Rows)); diff != "" {
			t.Errorf("%s: rows by submission time, ties by email, then submission ID (9 before 10) (-want +got):\n%s", order.name, diff)
		}
	}
}

func TestB4_DateRange(t *testing.T) {
	p := paris(t)
	nov := func(day, h, m, s, ns int) time.Time { return time.Date(2026, 11, day, h, m, s, ns, p) }
	// 25 October 2026 is the end of summer time in Paris.
	oct := func(day, h int) time.Time { return time.Date(2026, 10, day, h, 0, 0, 0, p) }
	d := func(m time.Month, day int) learnstats.Date { return learnstats.Date{Year: 2026, Month: m, Day: day} }
	subs := []backoffice.Submission{
		{ID: "before-first", SubmittedAt: nov(1, 0, 0, 0, 0).Add(-time.Nanosecond)},
		{ID: "first-midnight", SubmittedAt: nov(1, 0, 0, 0, 0)},
		{ID: "middle", SubmittedAt: nov(10, 12, 0, 0, 0)},
		{ID: "last-day-end", SubmittedAt: nov(22, 23, 59, 59, 999999999)},
		{ID: "after-last", SubmittedAt: nov(23, 0, 0, 0, 0)},
		{ID: "dst-day", SubmittedAt: oct(25, 23)},
		{ID: "dst-before", SubmittedAt: oct(24, 23)},
	}
	for i := range subs {
		subs[i].Survey = "s1"
		subs[i].User = learnstats.UserID("u" + subs[i].ID)
	}
	subs = append(subs, backoffice.Submission{ID: "other", Survey: "s2", User: "u9", SubmittedAt: nov(10, 12, 0, 0, 0)})
	tests := []struct {
		name         string
		reason       string
		r            backoffice.DateRange
		want         []string
		outsideRange int
	}{
		{"no range", "the zero range keeps every submission of the survey",
			backoffice.DateRange{}, []string{"dst-before", "dst-day", "before-first", "first-midnight", "middle", "last-day-end", "after-last"}, 0},
		{"1 to 22 November in Paris", "inclusive days: the last nanosecond of the last day is in, the next midnight out",
			backoffice.DateRange{From: d(11, 1), To: d(11, 22), Location: p}, []string{"first-midnight", "middle", "last-day-end"}, 4},
		{"only a first day", "an open end keeps everything from midnight of From",
			backoffice.DateRange{From: d(11, 22), Location: p}, []string{"last-day-end", "after-last"}, 5},
		{"only a last day", "an open start keeps everything up to the midnight after To",
			backoffice.DateRange{To: d(10, 31), Location: p}, []string{"dst-before", "dst-day", "before-first"}, 4},
		{"one day", "From == To is one whole calendar day",
			backoffice.DateRange{From: d(11, 22), To: d(11, 22), Location: p}, []string{"last-day-end"}, 6},
		{"DST day", "25 October has 25 hours in Paris; 23:00 is inside it",
			backoffice.DateRange{From: d(10, 25), To: d(10, 25), Location: p}, []string{"dst-day"}, 6},
		{"same dates in UTC", "without a location the days are UTC: Paris midnight on 1 Nov is 31 Oct 23:00 UTC",
			backoffice.DateRange{From: d(11, 1), To: d(11, 22)}, []string{"middle", "last-day-end", "after-last"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backoffice.SurveyResultsOf(testSurvey(), tt.r, slices.Values(subs))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, submissionIDs(got.Rows)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			if got.OutsideRange != tt.outsideRange || got.OtherSurveys != 1 {
				t.Errorf("%s: OutsideRange, OtherSurveys = %d, %d; want %d, 1", tt.reason, got.OutsideRange, got.OtherSurveys, tt.outsideRange)
			}
		})
	}
}

func TestB4_Invalid(t *testing.T) {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	ok := backoffice.Submission{ID: "x1", Survey: "s1", User: "u1", SubmittedAt: at}
	tests := []struct {
		name   string
		reason string
		survey backoffice.Survey
		subs   []backoffice.Submission
		r      backoffice.DateRange
		want   error
		naming string
	}{
		{"answer to unknown question", "an answer to a question not in the survey is an error naming the submission",
			testSurvey(), []backoffice.Submission{{ID: "x7", Survey: "s1", User: "u1", SubmittedAt: at,
				Answers: map[string][]string{"age": {"40"}}}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"x7"`},
		{"two unknown questions", "the error names the lowest unknown question, whatever the map's order",
			testSurvey(), []backoffice.Submission{{ID: "x6", Survey: "s1", User: "u1", SubmittedAt: at,
				Answers: map[string][]string{"zip": {"1"}, "age": {"40"}, "mood": {"ok"}}}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `question "age"`},
		{"unknown question without answers", "a key that names no question of the survey is wrong even with no value",
			testSurvey(), []backoffice.Submission{{ID: "x5", Survey: "s1", User: "u1", SubmittedAt: at,
				Answers: map[string][]string{"age": nil}}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"age"`},
		{"unknown question outside the range", "a bad record is reported whatever the range",
			testSurvey(), []backoffice.Submission{{ID: "x8", Survey: "s1", User: "u1", SubmittedAt: at,
				Answers: map[string][]string{"age": {"40"}}}},
			backoffice.DateRange{From: learnstats.Date{Year: 2027, Month: 1, Day: 1}}, learnstats.ErrInvalidRecord, `"x8"`},
		{"duplicate submission", "a submission listed twice would be two rows",
			testSurvey(), []backoffice.Submission{ok, ok}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"x1"`},
		{"duplicate across surveys", "a submission ID is unique, whatever the survey",
			testSurvey(), []backoffice.Submission{{ID: "x1", Survey: "s2", User: "u1", SubmittedAt: at}, ok}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"x1"`},
		{"empty submission ID", "every record must be nameable",
			testSurvey(), []backoffice.Submission{{Survey: "s1", User: "u5", SubmittedAt: at}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"u5"`},
		{"no user", "a submission has a submitter",
			testSurvey(), []backoffice.Submission{{ID: "x9", Survey: "s1", SubmittedAt: at}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"x9"`},
		{"no time", "a submission without time cannot be ordered or ranged",
			testSurvey(), []backoffice.Submission{{ID: "x10", Survey: "s1", User: "u1"}}, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"x10"`},
		{"survey without ID", "the survey must be nameable",
			backoffice.Survey{Title: "T"}, nil, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"T"`},
		{"duplicate question ID", "answers could not say which question",
			backoffice.Survey{ID: "s1", Questions: []backoffice.Question{{ID: "q", Text: "A"}, {ID: "q", Text: "B"}}}, nil, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"q"`},
		{"empty question ID", "answers could not name it",
			backoffice.Survey{ID: "s1", Questions: []backoffice.Question{{ID: "q", Text: "A"}, {Text: "B"}}}, nil, backoffice.DateRange{}, learnstats.ErrInvalidRecord, "question 2"},
		{"empty question text", "a header cannot be empty",
			backoffice.Survey{ID: "s1", Questions: []backoffice.Question{{ID: "q", Text: "  "}}}, nil, backoffice.DateRange{}, learnstats.ErrInvalidRecord, `"q"`},
		{"last day before first day", "an inverted range is an error, not an empty export",
			testSurvey(), nil, backoffice.DateRange{From: learnstats.Date{Year: 2026, Month: 11, Day: 2}, To: learnstats.Date{Year: 2026, Month: 11, Day: 1}},
			learnstats.ErrInvalidWindow, "2026-11-01"},
		{"not a calendar date", "31 November does not exist",
			testSurvey(), nil, backoffice.DateRange{To: learnstats.Date{Year: 2026, Month: 11, Day: 31}}, learnstats.ErrInvalidWindow, "2026-11-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := backoffice.SurveyResultsOf(tt.survey, tt.r, slices.Values(tt.subs))
			if !errors.Is(err, tt.want) {
				t.Fatalf("%s: error = %v, want %v", tt.reason, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.naming) || !strings.HasPrefix(err.Error(), "backoffice: ") {
				t.Errorf("%s: error %q does not name %s (with the backoffice: prefix)", tt.reason, err, tt.naming)
			}
		})
	}
}

func TestB4_Accumulator(t *testing.T) {
	p := paris(t)
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, p)
	subs := []backoffice.Submission{
		{ID: "x1", Survey: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at,
			Answers: map[string][]string{"topics": {"Sleep", "Focus"}}},
		{ID: "x2", Survey: "s1", User: "u2", Email: "a@example.com", SubmittedAt: at},
		{ID: "x3", Survey: "s2", User: "u3", SubmittedAt: at},
		{ID: "x4", Survey: "s1", User: "u4", SubmittedAt: at.AddDate(0, 1, 0)},
		{ID: "x5", Survey: "s1", User: "u5", Email: "c@example.com", SubmittedAt: at.Add(-time.Hour),
			Answers: map[string][]string{"mood2": {"Fine"}}},
	}
	r := backoffice.DateRange{From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 30}, Location: p}
	want, err := backoffice.SurveyResultsOf(testSurvey(), r, slices.Values(subs))
	if err != nil {
		t.Fatal(err)
	}
	if want.OutsideRange != 1 || want.OtherSurveys != 1 || len(want.Rows) != 3 {
		t.Fatalf("one pass: %d rows, %d outside, %d other; want 3, 1, 1", len(want.Rows), want.OutsideRange, want.OtherSurveys)
	}
	newAcc := func() *backoffice.SurveyAccumulator {
		a, err := backoffice.NewSurveyAccumulator(testSurvey(), r)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for cut := 0; cut <= len(subs); cut++ {
		a, b := newAcc(), newAcc()
		for i, s := range subs {
			target := a
			if i >= cut {
				target = b
			}
			if err := target.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		if err := errors.Join(b.Merge(a), b.Merge(nil)); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, b.Result()); diff != "" {
			t.Errorf("split at %d, merged: differs from one pass (-want +got):\n%s", cut, diff)
		}
	}

	// The zero accumulator has no survey.
	var zero backoffice.SurveyAccumulator
	if err := zero.Add(subs[0]); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Add on the zero accumulator: error = %v, want ErrInvalidRecord", err)
	}
	if err := zero.Merge(newAcc()); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Merge into the zero accumulator: error = %v, want ErrInvalidRecord", err)
	}
	if err := newAcc().Merge(&zero); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Merge of the zero accumulator: error = %v, want ErrInvalidRecord", err)
	}
	if got := zero.Result(); len(got.Rows) != 0 || got.OutsideRange != 0 || got.OtherSurveys != 0 {
		t.Errorf("zero accumulator result = %+v, want empty", got)
	}

	a := newAcc()
	if err := a.Add(subs[0]); err != nil {
		t.Fatal(err)
	}
	other, _ := backoffice.NewSurveyAccumulator(testSurvey(), backoffice.DateRange{From: r.From, To: r.To})
	if err := a.Merge(other); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merging the same survey in another location: error = %v, want ErrMismatch", err)
	}
	if err := a.Merge(a); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merging an accumulator into itself: error = %v, want ErrMismatch", err)
	}
	dup := newAcc()
	if err := errors.Join(dup.Add(subs[1]), dup.Add(subs[0])); err != nil {
		t.Fatal(err)
	}
	err = a.Merge(dup)
	if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"x1"`) {
		t.Errorf("merging a shared submission: error = %v, want ErrInvalidRecord naming x1", err)
	}
	if got := a.Result(); len(got.Rows) != 1 {
		t.Errorf("a failed Merge changed the receiver: %d rows, want 1", len(got.Rows))
	}
	if err := a.Add(subs[0]); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Add of a submission already added: error = %v", err)
	}

	// The accumulator keeps its own survey and rows: changing the caller's
	// slices or the result changes nothing.
	s := testSurvey()
	c, err := backoffice.NewSurveyAccumulator(s, backoffice.DateRange{})
	if err != nil {
		t.Fatal(err)
	}
	s.Questions[0].Text = "changed"
	if err := c.Add(subs[0]); err != nil {
		t.Fatal(err)
	}
	res := c.Result()
	res.Rows[0].Answers[1] = "changed"
	res.Survey.Questions[1].Text = "changed"
	if diff := cmp.Diff(testSurvey(), c.Result().Survey); diff != "" {
		t.Errorf("the survey changed with the caller's slice (-want +got):\n%s", diff)
	}
	if got := c.Result().Rows[0].Answers[1]; got != "Sleep; Focus" {
		t.Errorf("the row changed with the result: %q", got)
	}
}
