package activity

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// Rules A-1 … A-3, the activity report: one row per logged action with
// the user's identity, the date and the Category / Action / Label
// columns.

// reportHeaders are the columns of the activity report, in order (SPEC
// section 10).
var reportHeaders = [...]string{"Date", "First name", "Last name", "Email", "Category", "Action", "Label"}

// ReportRow is one row of the activity report (SPEC section 8): the date,
// the user's identity and the Category / Action / Label entry.
type ReportRow struct {
	// Time is when the action happened, the Date column: RFC 3339 with
	// nanoseconds (time.RFC3339Nano) in the viewer's location, so that
	// the instant reads back exactly, also in the hour repeated at a
	// daylight-saving change (rule A-1). A row read back keeps the
	// written UTC offset; only the location's name is lost.
	Time time.Time
	// FirstName, LastName and Email are the user's identity (user text,
	// under the X-5 formula guard): "Participant", the pseudonym and
	// empty in an anonymized report (rule E-11).
	FirstName, LastName, Email string
	// Entry is the Category / Action / Label triple; a row read back
	// always has a Category.
	Entry
}

// Report returns the rows of the activity report of events, one per
// event, in the order of rule A-3: by time (the instant), ties by user ID
// (byte-wise), then by the event's place in its user's stream. Any order
// of events that keeps each user's events in time order (sorted by time,
// by user then time, users interleaved in any way) gives the same rows.
//
// users gives each event's user identity (a [learnstats.Directory]'s
// User method fits). With a non-nil p the report is anonymized (rule
// E-11): the identity is p.Anonymize's, and the labels that name a person
// are replaced (see [Pseudonymizer]); the order stays that of the real
// user IDs. Leave out beforehand the events the report does not show
// (outside its window, users without consent).
//
// An invalid event (see [Event], an unknown word of the vocabulary
// included) or one whose user users does not know is an error wrapping
// [ErrInvalidEvent]; an event older than the same user's previous event
// one wrapping [ErrOutOfOrder]; both name the event.
func Report(events iter.Seq[Event], users func(learnstats.UserID) (learnstats.User, bool), p *Pseudonymizer) ([]ReportRow, error) {
	var list []Event
	last := map[learnstats.UserID]time.Time{}
	for e := range events {
		if err := e.validate(); err != nil {
			return nil, err
		}
		if err := e.checkWords(); err != nil {
			return nil, err
		}
		if prev, ok := last[e.User]; ok && e.Time.Before(prev) {
			return nil, fmt.Errorf("%w: user %q: event at %s after one at %s", ErrOutOfOrder, e.User, e.at(),
				prev.Format(time.RFC3339Nano))
		}
		last[e.User] = e.Time
		list = append(list, e)
	}
	// Rule A-3. A stable sort keeps a user's events that share an instant
	// in their stream order, the last tie-break.
	slices.SortStableFunc(list, func(x, y Event) int {
		return cmp.Or(x.Time.Compare(y.Time), strings.Compare(string(x.User), string(y.User)))
	})
	rows := make([]ReportRow, len(list))
	for i, e := range list {
		u, ok := users(e.User)
		if !ok {
			return nil, fmt.Errorf("%w: user %q at %s: unknown user", ErrInvalidEvent, e.User, e.at())
		}
		if p != nil {
			e, u = p.anonymizeEvent(e), p.Anonymize(u)
		}
		rows[i] = ReportRow{Time: e.Time, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Entry: e.Entry}
	}
	return rows, nil
}

// isGuardChar reports the characters rule X-5 guards with a leading quote.
func isGuardChar(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// looksGuarded reports whether s is one or more single quotes followed by
// a guarded character: the shape a formula guard produces. LF counts as
// guarded here because a guarded CR LF reads back from CSV as LF.
func looksGuarded(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	return i > 0 && i < len(s) && (isGuardChar(s[i]) || s[i] == '\n')
}

// AppendReportText appends the text s of a user-text cell of the activity
// report (identity, Category, Action, Label) so that [ReadReport] gives s
// back exactly (rules ): a text that already looks guarded (one
// or more ' then = + - @ tab, CR or LF) gets one more leading '. The
// writer's X-5 guard then adds a ' to the texts that start with a guarded
// character, and ReadReport removes one leading ' from every cell of
// that shape. The export package's activity report renders its text
// cells with it.
func AppendReportText(dst []byte, s string) []byte {
	if looksGuarded(s) {
		dst = append(dst, '\'')
	}
	return append(dst, s...)
}

// unguard undoes the formula guard (rule X-5) and AppendReportText.
func unguard(s string) string {
	if looksGuarded(s) {
		return s[1:]
	}
	return s
}

// ReadReport reads an activity report written by the export package's
// activity report table (or by hand in the same format) and returns its
// rows as a single-use sequence (rule A-1). headers are the expected
// header line when it is translated; none means the English one:
// Date, First name, Last name, Email, Category, Action, Label. A UTF-8
// byte-order mark before the header is skipped.
//
// The Date column is parsed as RFC 3339 (time.RFC3339Nano); in the text
// columns one leading ' is removed from a cell made of one or more '
// followed by = + - @ tab, CR or LF (the X-5 formula guard, see
// [AppendReportText]), so that a written report reads back exactly. As
// with any CSV, a CR LF inside a quoted cell reads back as LF.
//
// A problem is yielded as (zero row, error): a *csv.ParseError with the
// line where the record starts, the line and column of the problem (in
// the style of encoding/csv) and an Err that wraps [ErrInvalidEvent] (and
// the encoding/csv cause for a malformed line): a header that is not the
// report's, a malformed line, a bad date, an empty category or an
// unknown word of the vocabulary (at the column of the word). After a
// problem in a row the sequence goes on with the next row; after a
// header problem, or an error of r (not a *csv.ParseError), it ends.
func ReadReport(r io.Reader, headers ...string) iter.Seq2[ReportRow, error] {
	want := headers
	if len(want) == 0 {
		want = reportHeaders[:]
	}
	return func(yield func(ReportRow, error) bool) {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = len(reportHeaders)
		cr.ReuseRecord = true
		rec, err := cr.Read()
		switch {
		case err == io.EOF:
			yield(ReportRow{}, &csv.ParseError{StartLine: 1, Line: 1, Column: 1, Err: fmt.Errorf("%w: report: empty input, no header", ErrInvalidEvent)})
			return
		case err != nil:
			yield(ReportRow{}, readError(cr, err, "header"))
			return
		}
		rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
		if !slices.Equal(rec, want) {
			yield(ReportRow{}, &csv.ParseError{StartLine: 1, Line: 1, Column: 1, Err: fmt.Errorf("%w: report: header %q is not %q", ErrInvalidEvent, rec, want)})
			return
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				var pe *csv.ParseError
				if !yield(ReportRow{}, readError(cr, err, "line")) || !errors.As(err, &pe) {
					return
				}
				continue
			}
			row, err := parseRow(cr, rec)
			if !yield(row, err) {
				return
			}
		}
	}
}

// readError is the error ReadReport yields for an error of the CSV
// reader: a *csv.ParseError whose Err also wraps [ErrInvalidEvent], or
// else (an error of the underlying reader) the error with context.
func readError(cr *csv.Reader, err error, what string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &csv.ParseError{StartLine: pe.StartLine, Line: pe.Line, Column: pe.Column,
			Err: fmt.Errorf("%w: report: malformed %s: %w", ErrInvalidEvent, what, pe.Err)}
	}
	line, _ := cr.FieldPos(0)
	return fmt.Errorf("activity: reading the report after line %d: %w", line, err)
}

// parseRow is the row of record rec (see ReadReport).
func parseRow(cr *csv.Reader, rec []string) (ReportRow, error) {
	at := func(field int, format string, args ...any) error {
		line, col := cr.FieldPos(field)
		start, _ := cr.FieldPos(0)
		return &csv.ParseError{StartLine: start, Line: line, Column: col,
			Err: fmt.Errorf("%w: report: %s", ErrInvalidEvent, fmt.Sprintf(format, args...))}
	}
	t, err := time.Parse(time.RFC3339Nano, rec[0])
	if err != nil {
		return ReportRow{}, at(0, "bad date %q: want RFC 3339", rec[0])
	}
	row := ReportRow{Time: t, FirstName: unguard(rec[1]), LastName: unguard(rec[2]), Email: unguard(rec[3]),
		Entry: Entry{Category: unguard(rec[4]), Action: unguard(rec[5]), Label: unguard(rec[6])}}
	if row.Category == "" {
		return ReportRow{}, at(4, "empty category")
	}
	if problem, field := wordProblem(&row.Entry); problem != "" {
		return ReportRow{}, at(4+field, "%s", problem)
	}
	return row, nil
}
