package stats

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// This file implements the survey results export of the backoffice (SPEC
// section 9, rule B-4).

// ErrInvalidSurvey reports a survey that breaks an invariant: an empty
// survey ID, an empty or duplicate question ID, an empty question text.
// Use errors.Is.
var ErrInvalidSurvey = errors.New("stats: invalid survey")

// ErrInvalidSurveySubmission reports a submission that breaks an
// invariant: an empty or duplicate submission ID, an empty user ID, a zero
// submission time, or an answer to a question that is not in the survey.
// The message names the submission. Use errors.Is.
var ErrInvalidSurveySubmission = errors.New("stats: invalid survey submission")

// SurveyAnswerSeparator joins several answers to one question in one cell
// (B-4).
const SurveyAnswerSeparator = "; "

// Survey is a survey of the wellbeing app: an ID and its questions in the
// order the survey shows them. The zero Survey has no ID and is invalid.
type Survey struct {
	// ID identifies the survey; submissions name it.
	ID string
	// Title is the survey's title (not part of the export).
	Title string
	// Questions are the survey's questions, in its order: the order of
	// the export's question columns.
	Questions []SurveyQuestion
}

// SurveyQuestion is one question of a survey.
type SurveyQuestion struct {
	// ID identifies the question within its survey; answers name it.
	ID string
	// Text is the question as asked: the export's column header. Two
	// questions may have the same text (the export suffixes the repeats).
	Text string
}

// Validate returns an error wrapping [ErrInvalidSurvey] naming the survey
// and question for an empty survey ID, an empty or duplicate question ID,
// or a question text that is empty or only spaces. A survey without
// questions is valid.
func (s Survey) Validate() error {
	if s.ID == "" {
		return fmt.Errorf("%w: empty survey ID (title %q)", ErrInvalidSurvey, s.Title)
	}
	seen := make(map[string]bool, len(s.Questions))
	for i, q := range s.Questions {
		switch {
		case q.ID == "":
			return fmt.Errorf("%w: survey %q: question %d: empty ID", ErrInvalidSurvey, s.ID, i+1)
		case seen[q.ID]:
			return fmt.Errorf("%w: survey %q: duplicate question ID %q", ErrInvalidSurvey, s.ID, q.ID)
		case strings.TrimSpace(q.Text) == "":
			return fmt.Errorf("%w: survey %q: question %q: empty text", ErrInvalidSurvey, s.ID, q.ID)
		}
		seen[q.ID] = true
	}
	return nil
}

// SurveySubmission is one user's submission of a survey.
type SurveySubmission struct {
	// ID identifies the submission: the last tie-break of the export's
	// order.
	ID string
	// SurveyID is the survey submitted.
	SurveyID string
	// User is who submitted it.
	User learnstats.UserID
	// Email is the user's email, the export's first column and the first
	// tie-break of its order. It may be empty.
	Email string
	// SubmittedAt is when the submission was sent; it must not be zero.
	SubmittedAt time.Time
	// Answers are the answers given, in the order the app recorded them.
	// A question answered several times (a multiple-choice question) has
	// several answers; an unanswered question has none.
	Answers []SurveyAnswer
}

// SurveyAnswer is one answer to one question.
type SurveyAnswer struct {
	// Question is the ID of the question answered.
	Question string
	// Value is the answer's text (a choice's label or free text).
	Value string
}

// SurveyQuery is the optional date range of the survey export (B-4). The
// zero SurveyQuery keeps every submission.
type SurveyQuery struct {
	// From is the first calendar day kept (inclusive); the zero Date means
	// no lower bound.
	From learnstats.Date
	// To is the last calendar day kept (inclusive: up to the last
	// nanosecond before the next midnight); the zero Date means no upper
	// bound.
	To learnstats.Date
	// Location is where the days are taken (UTC when nil).
	Location *time.Location
}

// surveyRange is a query resolved into instants: [start, end), each bound
// optional.
type surveyRange struct {
	start, end       time.Time
	hasStart, hasEnd bool
}

func (r surveyRange) contains(t time.Time) bool {
	return (!r.hasStart || !t.Before(r.start)) && (!r.hasEnd || t.Before(r.end))
}

// window resolves the query into half-open instants. A day that is not a
// calendar date, or To before From, is an error wrapping
// [learnstats.ErrInvalidWindow].
func (q SurveyQuery) window() (surveyRange, error) {
	var r surveyRange
	for _, d := range [...]learnstats.Date{q.From, q.To} {
		if !d.IsZero() && !isCalendarDate(d) {
			return r, fmt.Errorf("stats: survey range: %w: %s is not a calendar date", learnstats.ErrInvalidWindow, d)
		}
	}
	switch {
	case !q.From.IsZero() && !q.To.IsZero():
		w, err := learnstats.DayWindow(q.From, q.To, q.Location)
		if err != nil {
			return r, fmt.Errorf("stats: survey range: %w", err)
		}
		return surveyRange{start: w.Start, end: w.End, hasStart: true, hasEnd: true}, nil
	case !q.From.IsZero():
		r.start, r.hasStart = q.From.Start(q.Location), true
	case !q.To.IsZero():
		r.end, r.hasEnd = q.To.AddDays(1).Start(q.Location), true
	}
	return r, nil
}

// SurveyResultRow is one line of the survey export: one submission.
type SurveyResultRow struct {
	// SubmissionID identifies the submission.
	SubmissionID string
	// User is who submitted it.
	User learnstats.UserID
	// Email is the submitter's email (first column).
	Email string
	// SubmittedAt is the submission time (last column).
	SubmittedAt time.Time
	// Answers holds one cell per question of the survey, in the survey's
	// order: the answers to that question joined with
	// [SurveyAnswerSeparator] in the order recorded, or "" when the
	// question was not answered.
	Answers []string
}

// SurveyResults is the survey export of rule B-4 for one survey.
type SurveyResults struct {
	// Survey is the survey exported; its questions give the columns.
	Survey Survey
	// Rows are the kept submissions, by submission time, ties by email,
	// then by submission ID.
	Rows []SurveyResultRow
	// OutsideRange counts this survey's submissions left out by the date
	// range.
	OutsideRange int
	// OtherSurveys counts the submissions of other surveys that were in
	// the stream (left out).
	OtherSurveys int
}

// SurveyResultsOf returns the survey export of rule B-4: for survey s and
// the optional date range q (inclusive calendar days in q.Location), one
// row per submission of s; the columns are Email, then one per question in
// the survey's order (several answers joined with "; ", an unanswered
// question empty), then Submission date. Rows are ordered by submission
// time, ties by email (byte-wise), then by submission ID, so the result
// does not depend on the order of subs.
//
// Submissions outside the range are left out and counted in OutsideRange;
// submissions of other surveys in OtherSurveys. An invalid survey is an
// error wrapping [ErrInvalidSurvey]; an invalid range one wrapping
// [learnstats.ErrInvalidWindow]; a submission with an empty or duplicate
// ID, an empty user, a zero time, or (for s) an answer to a question not in
// s, an error wrapping [ErrInvalidSurveySubmission] naming it. The column
// headers (question texts made unique) are the export's business:
// export.SurveyResultsTable. It is the one-call form of
// [SurveyResultsAccumulator].
func SurveyResultsOf(s Survey, subs iter.Seq[SurveySubmission], q SurveyQuery) (SurveyResults, error) {
	acc, err := NewSurveyResultsAccumulator(s, q)
	if err != nil {
		return SurveyResults{}, err
	}
	for sub := range subs {
		if err := acc.Add(sub); err != nil {
			return SurveyResults{}, err
		}
	}
	return acc.Result(), nil
}

// SurveyResultsAccumulator gathers the rows of one survey export (rule
// B-4) from several sources (shards, goroutines, pages of a database
// cursor). Build it with [NewSurveyResultsAccumulator]. The zero value is
// empty and has no survey: Merge accepts it as an empty operand (and a
// zero receiver takes the other's survey and range), but Add on it
// returns an error wrapping [ErrInvalidSurvey]. It is not safe for
// concurrent use.
type SurveyResultsAccumulator struct {
	survey  Survey
	query   SurveyQuery
	rng     surveyRange
	col     map[string]int
	ready   bool
	rows    []SurveyResultRow
	seen    map[string]bool
	outside int
	other   int
}

// NewSurveyResultsAccumulator returns an empty accumulator of survey s's
// export for the optional date range q. An invalid survey is an error
// wrapping [ErrInvalidSurvey], an invalid range one wrapping
// [learnstats.ErrInvalidWindow].
func NewSurveyResultsAccumulator(s Survey, q SurveyQuery) (*SurveyResultsAccumulator, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	rng, err := q.window()
	if err != nil {
		return nil, err
	}
	s.Questions = slices.Clone(s.Questions)
	col := make(map[string]int, len(s.Questions))
	for i, qu := range s.Questions {
		col[qu.ID] = i
	}
	return &SurveyResultsAccumulator{survey: s, query: q, rng: rng, col: col, ready: true,
		seen: make(map[string]bool)}, nil
}

// Add adds one submission: a row when it is of the survey and inside the
// range, else a count (OutsideRange, OtherSurveys). A submission with an
// empty or already added ID, an empty user, a zero time, or (for this
// survey) an answer to a question not in the survey is an error wrapping
// [ErrInvalidSurveySubmission] naming it, and the accumulator is
// unchanged. Answers are checked whether or not the submission is inside
// the range, so that a bad record is reported whatever range is asked
// for.
func (a *SurveyResultsAccumulator) Add(sub SurveySubmission) error {
	if !a.ready {
		return fmt.Errorf("%w: accumulator has no survey (use NewSurveyResultsAccumulator)", ErrInvalidSurvey)
	}
	switch {
	case sub.ID == "":
		return fmt.Errorf("%w: empty submission ID (user %q, survey %q)", ErrInvalidSurveySubmission, sub.User, sub.SurveyID)
	case a.seen[sub.ID]:
		return fmt.Errorf("%w: duplicate submission %q", ErrInvalidSurveySubmission, sub.ID)
	case sub.User == "":
		return fmt.Errorf("%w: submission %q: empty user ID", ErrInvalidSurveySubmission, sub.ID)
	case sub.SubmittedAt.IsZero():
		return fmt.Errorf("%w: submission %q: no submission time", ErrInvalidSurveySubmission, sub.ID)
	}
	if sub.SurveyID != a.survey.ID {
		n, ok := sum(a.other, 1)
		if !ok {
			return errOverflow("submission %q: count of other surveys' submissions", sub.ID)
		}
		a.seen[sub.ID] = true
		a.other = n
		return nil
	}
	cells := make([][]string, len(a.survey.Questions))
	for _, ans := range sub.Answers {
		i, ok := a.col[ans.Question]
		if !ok {
			return fmt.Errorf("%w: submission %q: answer to question %q, not in survey %q",
				ErrInvalidSurveySubmission, sub.ID, ans.Question, a.survey.ID)
		}
		cells[i] = append(cells[i], ans.Value)
	}
	if !a.rng.contains(sub.SubmittedAt) {
		n, ok := sum(a.outside, 1)
		if !ok {
			return errOverflow("submission %q: count of submissions outside the range", sub.ID)
		}
		a.seen[sub.ID] = true
		a.outside = n
		return nil
	}
	a.seen[sub.ID] = true
	row := SurveyResultRow{
		SubmissionID: sub.ID, User: sub.User, Email: sub.Email,
		SubmittedAt: sub.SubmittedAt, Answers: make([]string, len(a.survey.Questions)),
	}
	for i, vs := range cells {
		row.Answers[i] = strings.Join(vs, SurveyAnswerSeparator)
	}
	a.rows = append(a.rows, row)
	return nil
}

// Merge adds b's submissions to a. It is associative and commutative; b is
// left unchanged. Both must export the same survey (same ID, title and
// questions) for the same range (the same first and last instants: the
// same days in locations with the same midnights), else the error wraps
// [learnstats.ErrMismatch]; a submission ID present in both is an error
// wrapping [ErrInvalidSurveySubmission] naming the smallest such ID; a
// count that would overflow one wrapping [learnstats.ErrOverflow]. On
// error a is unchanged. A zero operand is empty.
func (a *SurveyResultsAccumulator) Merge(b *SurveyResultsAccumulator) error {
	if b == nil || !b.ready {
		return nil
	}
	if !a.ready {
		*a = SurveyResultsAccumulator{survey: b.survey, query: b.query, rng: b.rng, col: b.col, ready: true,
			seen: make(map[string]bool, len(b.seen))}
	} else if !a.sameExport(b) {
		return fmt.Errorf("stats: %w: cannot merge the exports of survey %q %s and survey %q %s", learnstats.ErrMismatch,
			a.survey.ID, a.query.describe(), b.survey.ID, b.query.describe())
	}
	outside, ok1 := sum(a.outside, b.outside)
	other, ok2 := sum(a.other, b.other)
	if !ok1 || !ok2 {
		return errOverflow("survey %q: merge: count of submissions left out", a.survey.ID)
	}
	var dups []string
	for id := range b.seen {
		if a.seen[id] {
			dups = append(dups, id)
		}
	}
	if len(dups) > 0 {
		return fmt.Errorf("%w: duplicate submission %q in merge", ErrInvalidSurveySubmission, slices.Min(dups))
	}
	for id := range b.seen {
		a.seen[id] = true
	}
	for _, r := range b.rows {
		r.Answers = slices.Clone(r.Answers)
		a.rows = append(a.rows, r)
	}
	a.outside, a.other = outside, other
	return nil
}

// sameExport compares the whole definition: the survey (its title is in
// the result) and the range as the instants it resolves to.
func (a *SurveyResultsAccumulator) sameExport(b *SurveyResultsAccumulator) bool {
	x, y := a.rng, b.rng
	return a.survey.ID == b.survey.ID && a.survey.Title == b.survey.Title && slices.Equal(a.survey.Questions, b.survey.Questions) &&
		x.hasStart == y.hasStart && x.hasEnd == y.hasEnd &&
		(!x.hasStart || sameInstant(x.start, y.start)) && (!x.hasEnd || sameInstant(x.end, y.end))
}

func surveyLocationName(loc *time.Location) string {
	if loc == nil {
		return time.UTC.String()
	}
	return loc.String()
}

func (q SurveyQuery) describe() string {
	return fmt.Sprintf("[%s, %s] in %s", q.From, q.To, surveyLocationName(q.Location))
}

// Result returns the export of the submissions added so far: the rows in
// their order (submission time, then email, then submission ID) and the
// counts of those left out. The rows are a new slice; the accumulator is
// unchanged and may take more submissions. The zero accumulator's result
// is empty.
func (a *SurveyResultsAccumulator) Result() SurveyResults {
	res := SurveyResults{Survey: a.survey, OutsideRange: a.outside, OtherSurveys: a.other}
	res.Survey.Questions = slices.Clone(a.survey.Questions)
	if len(a.rows) > 0 {
		res.Rows = make([]SurveyResultRow, len(a.rows))
		for i, r := range a.rows {
			r.Answers = slices.Clone(r.Answers)
			res.Rows[i] = r
		}
	}
	slices.SortFunc(res.Rows, func(x, y SurveyResultRow) int {
		return cmp.Or(x.SubmittedAt.Compare(y.SubmittedAt), strings.Compare(x.Email, y.Email),
			strings.Compare(x.SubmissionID, y.SubmissionID))
	})
	return res
}
