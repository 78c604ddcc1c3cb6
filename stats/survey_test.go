package stats_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

func surveyTestSurvey() stats.Survey {
	return stats.Survey{ID: "s1", Title: "Wellbeing check", Questions: []stats.SurveyQuestion{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Which topics interest you?"},
		{ID: "mood2", Text: "How do you feel?"},
	}}
}

func surveySubmissionIDs(rows []stats.SurveyResultRow) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.SubmissionID
	}
	return ids
}

func surveyReversed(subs []stats.SurveySubmission) []stats.SurveySubmission {
	out := slices.Clone(subs)
	slices.Reverse(out)
	return out
}

func TestB4_Cells(t *testing.T) {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	subs := []stats.SurveySubmission{
		{ID: "x1", SurveyID: "s1", User: "u1", Email: "a@example.com", SubmittedAt: at, Answers: []stats.SurveyAnswer{
			{Question: "topics", Value: "Sleep"},
			{Question: "mood", Value: "Good"},
			{Question: "topics", Value: "Stress"},
			{Question: "topics", Value: "=1+1"},
		}},
		{ID: "x2", SurveyID: "s1", User: "u2", Email: "b@example.com", SubmittedAt: at.Add(time.Minute), Answers: []stats.SurveyAnswer{
			{Question: "mood2", Value: "Better"},
		}},
		{ID: "x3", SurveyID: "s1", User: "u3", Email: "c@example.com", SubmittedAt: at.Add(2 * time.Minute)},
	}
	got, err := stats.SurveyResultsOf(surveyTestSurvey(), slices.Values(subs), stats.SurveyQuery{})
	if err != nil {
		t.Fatal(err)
	}
	want := stats.SurveyResults{
		Survey: surveyTestSurvey(),
		Rows: []stats.SurveyResultRow{
			{SubmissionID: "x1", User: "u1", Email: "a@example.com", SubmittedAt: at,
				Answers: []string{"Good", "Sleep; Stress; =1+1", ""}},
			{SubmissionID: "x2", User: "u2", Email: "b@example.com", SubmittedAt: at.Add(time.Minute),
				Answers: []string{"", "", "Better"}},
			{SubmissionID: "x3", User: "u3", Email: "c@example.com", SubmittedAt: at.Add(2 * time.Minute),
				Answers: []string{"", "", ""}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one cell per question in survey order, several answers joined with \"; \" in the recorded order, unanswered empty, repeated text kept as two columns (-want +got):\n%s", diff)
	}
}

func TestB4_Order(t *testing.T) {
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	subs := []stats.SurveySubmission{
		{ID: "x5", SurveyID: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at},
		{ID: "x4", SurveyID: "s1", User: "u2", Email: "a@example.com", SubmittedAt: at},
		{ID: "x3", SurveyID: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at},
		{ID: "x2", SurveyID: "s1", User: "u3", Email: "z@example.com", SubmittedAt: at.Add(-time.Nanosecond)},
		{ID: "x1", SurveyID: "s1", User: "u4", Email: "a@example.com", SubmittedAt: at.Add(time.Nanosecond)},
	}
	want := []string{"x2", "x4", "x3", "x5", "x1"}
	for _, order := range []struct {
		name string
		subs []stats.SurveySubmission
	}{{"as given", subs}, {"reversed", surveyReversed(subs)}} {
		got, err := stats.SurveyResultsOf(surveyTestSurvey(), slices.Values(order.subs), stats.SurveyQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, surveySubmissionIDs(got.Rows)); diff != "" {
			t.Errorf("%s: rows by submission time, ties by email, then submission ID (-want +got):\n%s", order.name, diff)
		}
	}
}

func TestB4_DateRange(t *testing.T) {
	paris := backofficeParis(t)
	nov := func(day, h, m, s, ns int) time.Time { return time.Date(2026, 11, day, h, m, s, ns, paris) }
	// 25 October 2026 is the end of summer time in Paris.
	oct := func(day, h int) time.Time { return time.Date(2026, 10, day, h, 0, 0, 0, paris) }
	d := func(m time.Month, day int) learnstats.Date { return learnstats.Date{Year: 2026, Month: m, Day: day} }
	subs := []stats.SurveySubmission{
		{ID: "before-first", SubmittedAt: nov(1, 0, 0, 0, 0).Add(-time.Nanosecond)},
		{ID: "first-midnight", SubmittedAt: nov(1, 0, 0, 0, 0)},
		{ID: "middle", SubmittedAt: nov(10, 12, 0, 0, 0)},
		{ID: "last-day-end", SubmittedAt: nov(22, 23, 59, 59, 999999999)},
		{ID: "after-last", SubmittedAt: nov(23, 0, 0, 0, 0)},
		{ID: "dst-day", SubmittedAt: oct(25, 23)},
		{ID: "dst-before", SubmittedAt: oct(24, 23)},
	}
	for i := range subs {
		subs[i].SurveyID = "s1"
		subs[i].User = learnstats.UserID("u" + subs[i].ID)
	}
	subs = append(subs, stats.SurveySubmission{ID: "other", SurveyID: "s2", User: "u9", SubmittedAt: nov(10, 12, 0, 0, 0)})
	tests := []struct {
		name         string
		reason       string
		q            stats.SurveyQuery
		want         []string
		outsideRange int
	}{
		{"no range", "the zero query keeps every submission of the survey",
			stats.SurveyQuery{}, []string{"dst-before", "dst-day", "before-first", "first-midnight", "middle", "last-day-end", "after-last"}, 0},
		{"1 to 22 November in Paris", "inclusive days: the last nanosecond of the last day is in, the next midnight out",
			stats.SurveyQuery{From: d(11, 1), To: d(11, 22), Location: paris}, []string{"first-midnight", "middle", "last-day-end"}, 4},
		{"only a first day", "an open end keeps everything from midnight of From",
			stats.SurveyQuery{From: d(11, 22), Location: paris}, []string{"last-day-end", "after-last"}, 5},
		{"only a last day", "an open start keeps everything up to the midnight after To",
			stats.SurveyQuery{To: d(10, 31), Location: paris}, []string{"dst-before", "dst-day", "before-first"}, 4},
		{"one day", "From == To is one whole calendar day",
			stats.SurveyQuery{From: d(11, 22), To: d(11, 22), Location: paris}, []string{"last-day-end"}, 6},
		{"DST day", "25 October has 25 hours in Paris; 23:00 is inside it",
			stats.SurveyQuery{From: d(10, 25), To: d(10, 25), Location: paris}, []string{"dst-day"}, 6},
		{"same dates in UTC", "without a location the days are UTC: Paris midnight on 1 Nov is 31 Oct 23:00 UTC",
			stats.SurveyQuery{From: d(11, 1), To: d(11, 22)}, []string{"middle", "last-day-end", "after-last"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.SurveyResultsOf(surveyTestSurvey(), slices.Values(subs), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, surveySubmissionIDs(got.Rows)); diff != "" {
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
	ok := stats.SurveySubmission{ID: "x1", SurveyID: "s1", User: "u1", SubmittedAt: at}
	tests := []struct {
		name   string
		reason string
		survey stats.Survey
		subs   []stats.SurveySubmission
		q      stats.SurveyQuery
		want   error
		naming string
	}{
		{"answer to unknown question", "an answer to a question not in the survey is an error naming the submission",
			surveyTestSurvey(), []stats.SurveySubmission{{ID: "x7", SurveyID: "s1", User: "u1", SubmittedAt: at,
				Answers: []stats.SurveyAnswer{{Question: "age", Value: "40"}}}}, stats.SurveyQuery{}, stats.ErrInvalidSurveySubmission, `"x7"`},
		{"unknown question outside the range", "a bad record is reported whatever the range",
			surveyTestSurvey(), []stats.SurveySubmission{{ID: "x8", SurveyID: "s1", User: "u1", SubmittedAt: at,
				Answers: []stats.SurveyAnswer{{Question: "age", Value: "40"}}}},
			stats.SurveyQuery{From: learnstats.Date{Year: 2027, Month: 1, Day: 1}}, stats.ErrInvalidSurveySubmission, `"x8"`},
		{"duplicate submission", "a submission listed twice would be two rows",
			surveyTestSurvey(), []stats.SurveySubmission{ok, ok}, stats.SurveyQuery{}, stats.ErrInvalidSurveySubmission, `"x1"`},
		{"empty submission ID", "every record must be nameable",
			surveyTestSurvey(), []stats.SurveySubmission{{SurveyID: "s1", User: "u5", SubmittedAt: at}}, stats.SurveyQuery{}, stats.ErrInvalidSurveySubmission, `"u5"`},
		{"no user", "a submission has a submitter",
			surveyTestSurvey(), []stats.SurveySubmission{{ID: "x9", SurveyID: "s1", SubmittedAt: at}}, stats.SurveyQuery{}, stats.ErrInvalidSurveySubmission, `"x9"`},
		{"no time", "a submission without time cannot be ordered or ranged",
			surveyTestSurvey(), []stats.SurveySubmission{{ID: "x10", SurveyID: "s1", User: "u1"}}, stats.SurveyQuery{}, stats.ErrInvalidSurveySubmission, `"x10"`},
		{"survey without ID", "the survey must be nameable",
			stats.Survey{Title: "T"}, nil, stats.SurveyQuery{}, stats.ErrInvalidSurvey, `"T"`},
		{"duplicate question ID", "answers could not say which question",
			stats.Survey{ID: "s1", Questions: []stats.SurveyQuestion{{ID: "q", Text: "A"}, {ID: "q", Text: "B"}}}, nil, stats.SurveyQuery{}, stats.ErrInvalidSurvey, `"q"`},
		{"empty question text", "a header cannot be empty",
			stats.Survey{ID: "s1", Questions: []stats.SurveyQuestion{{ID: "q", Text: "  "}}}, nil, stats.SurveyQuery{}, stats.ErrInvalidSurvey, `"q"`},
		{"last day before first day", "an inverted range is an error, not an empty export",
			surveyTestSurvey(), nil, stats.SurveyQuery{From: learnstats.Date{Year: 2026, Month: 11, Day: 2}, To: learnstats.Date{Year: 2026, Month: 11, Day: 1}},
			learnstats.ErrInvalidWindow, "2026-11-01"},
		{"not a calendar date", "31 November does not exist",
			surveyTestSurvey(), nil, stats.SurveyQuery{To: learnstats.Date{Year: 2026, Month: 11, Day: 31}}, learnstats.ErrInvalidWindow, "2026-11-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stats.SurveyResultsOf(tt.survey, slices.Values(tt.subs), tt.q)
			if !errors.Is(err, tt.want) {
				t.Fatalf("%s: error = %v, want %v", tt.reason, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.naming) {
				t.Errorf("%s: error %q does not name %s", tt.reason, err, tt.naming)
			}
		})
	}
}

func TestB4_Accumulator(t *testing.T) {
	paris := backofficeParis(t)
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, paris)
	subs := []stats.SurveySubmission{
		{ID: "x1", SurveyID: "s1", User: "u1", Email: "b@example.com", SubmittedAt: at,
			Answers: []stats.SurveyAnswer{{Question: "topics", Value: "Sleep"}, {Question: "topics", Value: "Focus"}}},
		{ID: "x2", SurveyID: "s1", User: "u2", Email: "a@example.com", SubmittedAt: at},
		{ID: "x3", SurveyID: "s2", User: "u3", SubmittedAt: at},
		{ID: "x4", SurveyID: "s1", User: "u4", SubmittedAt: at.AddDate(0, 1, 0)},
		{ID: "x5", SurveyID: "s1", User: "u5", Email: "c@example.com", SubmittedAt: at.Add(-time.Hour),
			Answers: []stats.SurveyAnswer{{Question: "mood2", Value: "Fine"}}},
	}
	q := stats.SurveyQuery{From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 30}, Location: paris}
	want, err := stats.SurveyResultsOf(surveyTestSurvey(), slices.Values(subs), q)
	if err != nil {
		t.Fatal(err)
	}
	if want.OutsideRange != 1 || want.OtherSurveys != 1 || len(want.Rows) != 3 {
		t.Fatalf("one pass: %d rows, %d outside, %d other; want 3, 1, 1", len(want.Rows), want.OutsideRange, want.OtherSurveys)
	}
	for cut := 0; cut <= len(subs); cut++ {
		a, err := stats.NewSurveyResultsAccumulator(surveyTestSurvey(), q)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := stats.NewSurveyResultsAccumulator(surveyTestSurvey(), q)
		for i, s := range subs {
			target := a
			if i >= cut {
				target = b
			}
			if err := target.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		// Merge into a zero accumulator first: it takes the survey.
		var z stats.SurveyResultsAccumulator
		if err := z.Merge(b); err != nil {
			t.Fatal(err)
		}
		if err := z.Merge(a); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, z.Result()); diff != "" {
			t.Errorf("split at %d, merged: differs from one pass (-want +got):\n%s", cut, diff)
		}
		if err := z.Merge(&stats.SurveyResultsAccumulator{}); err != nil {
			t.Errorf("merging a zero accumulator: %v", err)
		}
	}

	var zero stats.SurveyResultsAccumulator
	if err := zero.Add(subs[0]); !errors.Is(err, stats.ErrInvalidSurvey) {
		t.Errorf("Add on the zero accumulator: error = %v, want ErrInvalidSurvey", err)
	}
	if got := zero.Result(); len(got.Rows) != 0 || got.OutsideRange != 0 || got.OtherSurveys != 0 {
		t.Errorf("zero accumulator result = %+v, want empty", got)
	}

	a, _ := stats.NewSurveyResultsAccumulator(surveyTestSurvey(), q)
	if err := a.Add(subs[0]); err != nil {
		t.Fatal(err)
	}
	other, _ := stats.NewSurveyResultsAccumulator(surveyTestSurvey(), stats.SurveyQuery{From: q.From, To: q.To})
	if err := a.Merge(other); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merging the same survey in another location: error = %v, want ErrMismatch", err)
	}
	dup, _ := stats.NewSurveyResultsAccumulator(surveyTestSurvey(), q)
	if err := dup.Add(subs[1]); err != nil {
		t.Fatal(err)
	}
	if err := dup.Add(subs[0]); err != nil {
		t.Fatal(err)
	}
	err = a.Merge(dup)
	if !errors.Is(err, stats.ErrInvalidSurveySubmission) || !strings.Contains(err.Error(), `"x1"`) {
		t.Errorf("merging a shared submission: error = %v, want ErrInvalidSurveySubmission naming x1", err)
	}
	if got := a.Result(); len(got.Rows) != 1 {
		t.Errorf("a failed Merge changed the receiver: %d rows, want 1", len(got.Rows))
	}
	if err := a.Add(subs[0]); !errors.Is(err, stats.ErrInvalidSurveySubmission) {
		t.Errorf("Add of a submission already added: error = %v", err)
	}
}
