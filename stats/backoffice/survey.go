package backoffice

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// answerSeparator joins several answers to one question in one cell (B-4).
const answerSeparator = "; "

// Survey is a survey of the wellbeing app: an ID and its questions in the
// order the survey shows them. The zero Survey has no ID and is invalid.
type Survey struct {
	// ID identifies the survey; submissions name it.
	ID string
	// Title is the survey's title (not part of the export).
	Title string
	// Questions are the survey's questions, in its order: the order of
	// the export's question columns.
	Questions []Question
}

// Question is one question of a survey.
type Question struct {
	// ID identifies the question within its survey; answers name it.
	ID string
	// Text is the question as asked: the export's column header. Two
	// questions may have the same text (the export suffixes the repeats).
	Text string
}

// validate reports an empty survey ID, an empty or duplicate question ID,
// or a question text that is empty or only spaces, with an error wrapping
// [learnstats.ErrInvalidRecord] naming the survey and the question. A survey without
// questions is valid.
func (s Survey) validate() error {
	if s.ID == "" {
		return fmt.Errorf("backoffice: survey with an empty ID (title %q): %w", s.Title, learnstats.ErrInvalidRecord)
	}
	seen := make(map[string]bool, len(s.Questions))
	for i, q := range s.Questions {
		switch {
		case q.ID == "":
			return fmt.Errorf("backoffice: survey %q: question %d: empty ID: %w", s.ID, i+1, learnstats.ErrInvalidRecord)
		case seen[q.ID]:
			return fmt.Errorf("backoffice: survey %q: duplicate question ID %q: %w", s.ID, q.ID, learnstats.ErrInvalidRecord)
		case strings.TrimSpace(q.Text) == "":
			return fmt.Errorf("backoffice: survey %q: question %q: empty text: %w", s.ID, q.ID, learnstats.ErrInvalidRecord)
		}
		seen[q.ID] = true
	}
	return nil
}

// equal reports whether s and o are the same survey: the same ID, title
// and questions in the same order.
func (s Survey) equal(o Survey) bool {
	return s.ID == o.ID && s.Title == o.Title && slices.Equal(s.Questions, o.Questions)
}

// Submission is one user's submission of a survey.
type Submission struct {
	// ID identifies the submission: unique, and the last tie-break of the
	// export's order ([learnstats.CompareIDs]).
	ID string
	// Survey is the ID of the survey submitted.
	Survey string
	// User is who submitted it.
	User learnstats.UserID
	// Email is the submitter's email, the export's first column and the
	// first tie-break of its order. It may be empty.
	Email string
	// SubmittedAt is when the submission was sent; it must not be zero.
	SubmittedAt time.Time
	// Answers maps a question's ID to the answers given to it, in the
	// order the app recorded them: a multiple-choice question may have
	// several; an unanswered question has none (no key, or an empty list).
	// Every key must be a question of the survey.
	Answers map[string][]string
}

// validate checks what every submission needs, whatever its survey.
func (sub Submission) validate() error {
	switch {
	case sub.ID == "":
		return fmt.Errorf("backoffice: submission with an empty ID (user %q, survey %q): %w", sub.User, sub.Survey, learnstats.ErrInvalidRecord)
	case sub.User == "":
		return fmt.Errorf("backoffice: submission %q: empty user ID: %w", sub.ID, learnstats.ErrInvalidRecord)
	case sub.SubmittedAt.IsZero():
		return fmt.Errorf("backoffice: submission %q: no submission time: %w", sub.ID, learnstats.ErrInvalidRecord)
	}
	return nil
}

// DateRange is the optional date range of the survey export (B-4):
// inclusive calendar days in a location. The zero DateRange keeps every
// submission.
type DateRange struct {
	// From is the first calendar day kept, from its midnight; the zero
	// Date means no lower bound.
	From learnstats.Date
	// To is the last calendar day kept, up to the last nanosecond before
	// the next midnight; the zero Date means no upper bound.
	To learnstats.Date
	// Location is where the days are taken (UTC when nil).
	Location *time.Location
}

// bounds is a DateRange resolved into instants: [start, end), each bound
// optional. Two ranges are the same range when their bounds are the same
// instants, whatever their locations are called.
type bounds struct {
	start, end       time.Time
	hasStart, hasEnd bool
}

func (b bounds) contains(t time.Time) bool {
	return (!b.hasStart || !t.Before(b.start)) && (!b.hasEnd || t.Before(b.end))
}

func (b bounds) equal(o bounds) bool {
	return b.hasStart == o.hasStart && b.hasEnd == o.hasEnd &&
		(!b.hasStart || b.start.Equal(o.start)) && (!b.hasEnd || b.end.Equal(o.end))
}

func (b bounds) String() string {
	s, e := "open", "open"
	if b.hasStart {
		s = b.start.Format(time.RFC3339)
	}
	if b.hasEnd {
		e = b.end.Format(time.RFC3339)
	}
	return "[" + s + ", " + e + ")"
}

// resolve turns the range into instants. A day that is not a calendar
// date, or To before From, is an error wrapping
// [learnstats.ErrInvalidWindow].
func (r DateRange) resolve() (bounds, error) {
	for _, d := range [...]learnstats.Date{r.From, r.To} {
		if !d.IsZero() && !isCalendarDate(d) {
			return bounds{}, fmt.Errorf("backoffice: survey range: %s is not a calendar date: %w", d, learnstats.ErrInvalidWindow)
		}
	}
	var b bounds
	switch {
	case !r.From.IsZero() && !r.To.IsZero():
		w, err := learnstats.DayWindow(r.From, r.To, r.Location)
		if err != nil {
			return bounds{}, fmt.Errorf("backoffice: survey range: %w", err)
		}
		b = bounds{start: w.Start, end: w.End, hasStart: true, hasEnd: true}
	case !r.From.IsZero():
		b.start, b.hasStart = r.From.Start(r.Location), true
	case !r.To.IsZero():
		b.end, b.hasEnd = r.To.AddDays(1).Start(r.Location), true
	}
	return b, nil
}

// SurveyRow is one line of the survey export: one submission.
type SurveyRow struct {
	// SubmissionID identifies the submission.
	SubmissionID string
	// User is who submitted it.
	User learnstats.UserID
	// Email is the submitter's email (the first column).
	Email string
	// SubmittedAt is the submission time (the last column).
	SubmittedAt time.Time
	// Answers holds one cell per question of the survey, in the survey's
	// order: the answers to that question joined with "; " in the order
	// recorded, or "" when the question was not answered.
	Answers []string
}

// SurveyResults is the survey export of rule B-4 for one survey and date
// range.
type SurveyResults struct {
	// Survey is the survey exported; its questions give the columns.
	Survey Survey
	// Rows are the kept submissions, by submission time, ties by email
	// (byte-wise), then by submission ID ([learnstats.CompareIDs]).
	Rows []SurveyRow
	// OutsideRange counts this survey's submissions left out by the date
	// range.
	OutsideRange int
	// OtherSurveys counts the submissions of other surveys that were
	// given (left out).
	OtherSurveys int
}

// SurveyAccumulator computes the survey export of rule B-4 for one survey
// and one optional date range, given at construction
// ([NewSurveyAccumulator]), from submissions added in any order and from
// any number of shards (goroutines, pages of a database cursor).
//
// Rule B-4. One row per submission of the survey inside the range; the
// columns are Email, then one per question in the survey's order (several
// answers joined with "; " in the order recorded, an unanswered question
// empty), then Submission date. Rows are ordered by submission time, ties
// by email, then by submission ID. The range is inclusive calendar days in
// its location: from midnight of From to the last nanosecond before the
// midnight after To; either bound may be open. Submissions outside the
// range, and submissions of other surveys, are left out and counted.
//
// It keeps every row and every submission ID (to refuse duplicates), so
// memory grows with submissions. The zero value has no survey: Add and
// Merge on it are errors wrapping [learnstats.ErrInvalidRecord], and its Result is
// empty. It is not safe for concurrent use.
type SurveyAccumulator struct {
	survey  Survey
	bounds  bounds
	col     map[string]int
	ready   bool
	rows    []SurveyRow
	seen    map[string]struct{}
	outside int
	other   int
}

// NewSurveyAccumulator returns an empty accumulator of survey s's export
// for the date range r. An invalid survey (an empty ID, an empty or
// duplicate question ID, an empty question text) is an error wrapping
// [learnstats.ErrInvalidRecord]; an invalid range (a day that is not a calendar date,
// To before From) one wrapping [learnstats.ErrInvalidWindow]. The
// accumulator keeps its own copy of s.
func NewSurveyAccumulator(s Survey, r DateRange) (*SurveyAccumulator, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	b, err := r.resolve()
	if err != nil {
		return nil, err
	}
	s.Questions = slices.Clone(s.Questions)
	col := make(map[string]int, len(s.Questions))
	for i, q := range s.Questions {
		col[q.ID] = i
	}
	return &SurveyAccumulator{survey: s, bounds: b, col: col, ready: true, seen: make(map[string]struct{})}, nil
}

func (a *SurveyAccumulator) check() error {
	if !a.ready {
		return fmt.Errorf("backoffice: survey accumulator without a survey (use NewSurveyAccumulator): %w", learnstats.ErrInvalidRecord)
	}
	return nil
}

// Add adds one submission: a row when it is of the survey and inside the
// range, else a count (OutsideRange, OtherSurveys). A submission with an
// empty or already added ID, an empty user or a zero time, or (for this
// survey) an answer to a question the survey does not have, is an error
// wrapping [learnstats.ErrInvalidRecord] naming it; a count that would overflow is
// one wrapping [learnstats.ErrOverflow]. On error the accumulator is
// unchanged. Answers are checked whether or not the submission is inside
// the range, so that a bad record is reported whatever range is asked for.
func (a *SurveyAccumulator) Add(sub Submission) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := sub.validate(); err != nil {
		return err
	}
	if _, dup := a.seen[sub.ID]; dup {
		return fmt.Errorf("backoffice: submission %q added twice: %w", sub.ID, learnstats.ErrInvalidRecord)
	}
	if sub.Survey != a.survey.ID {
		n, ok := checked.AddInt(a.other, 1)
		if !ok {
			return fmt.Errorf("backoffice: submission %q: count of other surveys' submissions: %w", sub.ID, learnstats.ErrOverflow)
		}
		a.seen[sub.ID] = struct{}{}
		a.other = n
		return nil
	}
	if err := a.checkAnswers(sub); err != nil {
		return err
	}
	if !a.bounds.contains(sub.SubmittedAt) {
		n, ok := checked.AddInt(a.outside, 1)
		if !ok {
			return fmt.Errorf("backoffice: submission %q: count of submissions outside the range: %w", sub.ID, learnstats.ErrOverflow)
		}
		a.seen[sub.ID] = struct{}{}
		a.outside = n
		return nil
	}
	// Rule B-4: one cell per question, in the survey's order.
	row := SurveyRow{SubmissionID: sub.ID, User: sub.User, Email: sub.Email, SubmittedAt: sub.SubmittedAt,
		Answers: make([]string, len(a.survey.Questions))}
	for i, q := range a.survey.Questions {
		row.Answers[i] = strings.Join(sub.Answers[q.ID], answerSeparator)
	}
	a.seen[sub.ID] = struct{}{}
	a.rows = append(a.rows, row)
	return nil
}

// checkAnswers reports an answer to a question the survey does not have,
// naming the lowest such question ID (byte-wise), so that the error does
// not depend on the map's order.
func (a *SurveyAccumulator) checkAnswers(sub Submission) error {
	var unknown []string
	for q := range sub.Answers {
		if _, ok := a.col[q]; !ok {
			unknown = append(unknown, q)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("backoffice: submission %q: answer to question %q, not in survey %q: %w",
			sub.ID, slices.Min(unknown), a.survey.ID, learnstats.ErrInvalidRecord)
	}
	return nil
}

// Merge adds o's submissions to a. It is associative and commutative; o is
// left unchanged. Both must export the same survey (the same ID, title and
// questions in the same order: the contents are compared, not the
// values' identity) for the same range (the same first and last instants:
// the same days in locations with the same midnights, whatever the
// locations are called), else the error wraps [learnstats.ErrMismatch], as
// does merging an accumulator into itself. A submission in both is an
// error wrapping [learnstats.ErrInvalidRecord] naming the lowest such ID
// ([learnstats.CompareIDs]); a count that would overflow one wrapping
// [learnstats.ErrOverflow]; a zero accumulator on either side one wrapping
// [learnstats.ErrInvalidRecord]. On error a is unchanged. A nil o is empty.
func (a *SurveyAccumulator) Merge(o *SurveyAccumulator) error {
	if o == nil {
		return nil
	}
	if err := a.check(); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if a == o {
		return fmt.Errorf("backoffice: merge the export of survey %q into itself: %w", a.survey.ID, learnstats.ErrMismatch)
	}
	if !a.survey.equal(o.survey) || !a.bounds.equal(o.bounds) {
		return fmt.Errorf("backoffice: cannot merge the export of survey %q %s into that of survey %q %s (another survey or range): %w",
			o.survey.ID, o.bounds, a.survey.ID, a.bounds, learnstats.ErrMismatch)
	}
	outside, ok1 := checked.AddInt(a.outside, o.outside)
	other, ok2 := checked.AddInt(a.other, o.other)
	if !ok1 || !ok2 {
		return fmt.Errorf("backoffice: merge the export of survey %q: count of submissions left out: %w", a.survey.ID, learnstats.ErrOverflow)
	}
	var dups []string
	for id := range o.seen {
		if _, ok := a.seen[id]; ok {
			dups = append(dups, id)
		}
	}
	if len(dups) > 0 {
		return fmt.Errorf("backoffice: merge the export of survey %q: submission %q in both: %w",
			a.survey.ID, slices.MinFunc(dups, learnstats.CompareIDs[string]), learnstats.ErrInvalidRecord)
	}
	maps.Copy(a.seen, o.seen)
	for _, r := range o.rows {
		r.Answers = slices.Clone(r.Answers)
		a.rows = append(a.rows, r)
	}
	a.outside, a.other = outside, other
	return nil
}

// Result returns the export of the submissions added so far: the rows in
// their order (submission time, then email, then submission ID) and the
// counts of those left out. The result shares no memory with the
// accumulator, which may take more submissions. The zero accumulator's
// result is empty.
func (a *SurveyAccumulator) Result() SurveyResults {
	res := SurveyResults{Survey: a.survey, OutsideRange: a.outside, OtherSurveys: a.other}
	res.Survey.Questions = slices.Clone(a.survey.Questions)
	if len(a.rows) > 0 {
		res.Rows = make([]SurveyRow, len(a.rows))
		for i, r := range a.rows {
			r.Answers = slices.Clone(r.Answers)
			res.Rows[i] = r
		}
	}
	slices.SortFunc(res.Rows, func(x, y SurveyRow) int {
		return cmp.Or(x.SubmittedAt.Compare(y.SubmittedAt), strings.Compare(x.Email, y.Email),
			learnstats.CompareIDs(x.SubmissionID, y.SubmissionID))
	})
	return res
}

// SurveyResultsOf returns the survey export (rule B-4) of survey s for the
// date range r: shorthand for a [SurveyAccumulator] from
// [NewSurveyAccumulator](s, r) fed every submission of subs, then its
// Result. The first invalid record stops the call with its error. A nil
// subs is empty. The column headers (question texts made unique) are the
// export's business: export.SurveyResultsTable.
func SurveyResultsOf(s Survey, r DateRange, subs iter.Seq[Submission]) (SurveyResults, error) {
	acc, err := NewSurveyAccumulator(s, r)
	if err != nil {
		return SurveyResults{}, err
	}
	if subs != nil {
		for sub := range subs {
			if err := acc.Add(sub); err != nil {
				return SurveyResults{}, err
			}
		}
	}
	return acc.Result(), nil
}
