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

// ReportHeaders are the columns of the activity report, in order (SPEC
// section 10): Date, First name, Last name, Email, Category, Action, Label.
var ReportHeaders = []string{"Date", "First name", "Last name", "Email", "Category", "Action", "Label"}

// ReportDateLayout is the layout of the report's Date column: RFC 3339
// with as many fractional-second digits as needed (time.RFC3339Nano), in
// the viewer's location. It is chosen so that the report round-trips
// exactly (rule A-1): the instant is kept to the nanosecond, and the UTC
// offset makes the hour repeated at a daylight-saving change unambiguous.
// Only the location's name is lost: a time reads back with a fixed offset
// (or in [Reader].Location when set). Years outside 0000–9999 cannot be
// written in RFC 3339 and do not round-trip.
const ReportDateLayout = time.RFC3339Nano

// Errors of the report reader, wrapped in a [*ParseError]; use errors.Is.
var (
	// ErrReportHeader reports a first line that is not the activity
	// report's header.
	ErrReportHeader = errors.New("activity: not an activity report header")
	// ErrReportSyntax reports a malformed CSV line (a bare quote, a wrong
	// number of fields); the encoding/csv cause is wrapped too.
	ErrReportSyntax = errors.New("activity: malformed report line")
	// ErrReportDate reports a Date cell that is not in [ReportDateLayout].
	ErrReportDate = errors.New("activity: bad report date")
	// ErrReportCategory reports an empty Category cell, or an entry with
	// a word the vocabulary of SPEC section 8 does not have (an unknown
	// enum value, section 0): a vocabulary category with an action it
	// does not have, a dynamic category ("Poll - …", "Rating - …",
	// "Review - …") with the wrong action, stars or rating that are not a
	// decimal integer. The ParseError's Column is that of the unknown
	// word. Categories of the caller's own stay allowed ([KindCustom]).
	ErrReportCategory = errors.New("activity: bad report category")
)

// ParseError is a report reading error at a position, in the style of
// encoding/csv: Line is the 1-based line where the record starts, Column
// the 1-based byte column of the offending field (or of the syntax error),
// and Err wraps one of the ErrReport… sentinels.
type ParseError struct {
	// Line is the 1-based line where the offending record starts; a
	// header that is missing or does not match is reported at line 1.
	Line int
	// Column is the 1-based byte column of the offending field or of the
	// syntax error; 0 when the position is unknown (a read error of the
	// underlying reader).
	Column int
	// Err is the cause: it wraps [ErrReportHeader], [ErrReportSyntax],
	// [ErrReportDate] or [ErrReportCategory] and, for a CSV syntax error,
	// the encoding/csv error too. Never nil in an error the [Reader]
	// returns.
	Err error
}

// Error formats the error as "activity: report line L, column C: cause".
func (e *ParseError) Error() string {
	return fmt.Sprintf("activity: report line %d, column %d: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// ReportRow is one row of the activity report (SPEC section 8): the date,
// the user's identity and the Category / Action / Label entry.
type ReportRow struct {
	// Time is when the action happened, the Date column: written in the
	// viewer's location with [ReportDateLayout]. A row read back keeps
	// the written UTC offset (the location time.Parse gives it), or is in
	// [Reader].Location when set; the instant is exact. The zero time
	// is written as an empty cell, which the Reader rejects
	// ([ErrReportDate]).
	Time time.Time
	// FirstName is the user's first name (user text, under the X-5
	// formula guard); empty when unknown, "Participant" in an anonymized
	// report (rule E-11).
	FirstName string
	// LastName is the user's last name (user text); empty when unknown,
	// the user's pseudonym in an anonymized report (rule E-11).
	LastName string
	// Email is the user's email (user text); empty when unknown and in an
	// anonymized report (rule E-11).
	Email string
	// Entry is the Category / Action / Label triple; a row read back
	// always has a Category ([ErrReportCategory] otherwise).
	Entry
}

// NewReportRow is the report row of event e by user u (u's ID is not
// checked against e.User).
func NewReportRow(e Event, u learnstats.User) ReportRow {
	return ReportRow{Time: e.Time, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Entry: e.Entry}
}

// SortReport puts the events of an activity report into the order of rule
// by time (the instant), ties by user ID (byte-wise), then by the
// event's place in its user's stream, which is its place among that
// user's events in the slice. Any order of the input that keeps each
// user's events in time order (the events file sorted by time, or by user
// then time, or users interleaved in any way) therefore gives the same
// order, and the report written from it the same bytes. Build the rows
// from the sorted events ([NewReportRow], or [Pseudonymizer.AnonymizeEvent]
// for an anonymized report) after leaving out the events the report does
// not show (outside the window, no consent).
//
// The slice is sorted in place. An invalid event (see [Event.Validate]) is
// an error wrapping [ErrInvalidEvent], and an event older than the same
// user's previous event in the slice (which would make its place in the
// user's stream ambiguous) one wrapping [ErrOutOfOrder], both naming the
// event; the slice is then unchanged.
func SortReport(events []Event) error {
	last := make(map[learnstats.UserID]time.Time)
	for i := range events {
		e := &events[i]
		if err := e.Validate(); err != nil {
			return err
		}
		if prev, ok := last[e.User]; ok && e.Time.Before(prev) {
			return fmt.Errorf("%w: user %q: event at %s after one at %s", ErrOutOfOrder, e.User,
				e.Time.Format(time.RFC3339Nano), prev.Format(time.RFC3339Nano))
		}
		last[e.User] = e.Time
	}
	// A stable sort keeps a user's events that share an instant in their
	// stream order, the last tie-break of rule A-3.
	slices.SortStableFunc(events, func(x, y Event) int {
		return cmp.Or(x.Time.Compare(y.Time), strings.Compare(string(x.User), string(y.User)))
	})
	return nil
}

// Event returns the row as an event of user id. The report has no feature,
// content, OS or duration column, so those are empty ([Event.FeatureName]
// then falls back to the category).
func (r ReportRow) Event(id learnstats.UserID) Event {
	return Event{User: id, Time: r.Time, Entry: r.Entry}
}

// isGuardChar reports the characters rule X-5 guards with a leading quote.
func isGuardChar(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// quotedGuard reports whether s is one or more single quotes followed by
// a guarded character: the shape a formula guard produces. LF counts as
// guarded here because a guarded CR LF reads back from CSV as LF.
func quotedGuard(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	return i > 0 && i < len(s) && (isGuardChar(s[i]) || s[i] == '\n')
}

// AppendReportText appends the text s of a user-text report cell so that
// the guard of rule X-5 can be undone exactly by the [Reader] (rule A-1):
// a text that already looks guarded (one or more ' then = + - @ tab, CR
// or LF) gets one more leading '. The writer's X-5 guard then adds the ' to
// texts that start with a guarded character, and the Reader removes one
// leading ' from every cell of that shape. The activity report export
// renders its text cells with it.
func AppendReportText(dst []byte, s string) []byte {
	if quotedGuard(s) {
		dst = append(dst, '\'')
	}
	return append(dst, s...)
}

// unguard undoes the formula guard (rule X-5) and [AppendReportText].
func unguard(s string) string {
	if quotedGuard(s) {
		return s[1:]
	}
	return s
}

// Reader reads an activity report written by the export package's
// activity report table (or by hand in the same format). Configure it
// through its exported fields before the first Read.
//
// Cells: the Date column is parsed with [ReportDateLayout]; in the six
// text columns one leading ' is removed when the cell is one or more '
// followed by = + - @ tab, CR or LF (the X-5 formula guard; LF because a
// guarded CR LF reads back as LF; see
// [AppendReportText]), so that a written report reads back exactly. As
// with any encoding/csv input, a CR LF inside a quoted cell reads back as
// LF. A UTF-8 byte-order mark before the header is skipped.
type Reader struct {
	// Location, when set, is the location times are returned in;
	// otherwise each time keeps the offset written in its cell.
	Location *time.Location
	// Headers is the expected header line; nil means [ReportHeaders]
	// (set it to read a report whose headers were translated, X-6).
	Headers []string

	r      *csv.Reader
	header bool
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	c := csv.NewReader(r)
	c.FieldsPerRecord = len(ReportHeaders)
	c.ReuseRecord = true
	return &Reader{r: c}
}

// Read returns the next row, or io.EOF after the last one. Errors are
// *ParseError values wrapping [ErrReportHeader], [ErrReportSyntax],
// [ErrReportDate] or [ErrReportCategory]; after a syntax or cell error
// on a row, Read may be called again for the next row; after a header
// error the input is not an activity report. A missing header
// (empty input) is an error wrapping ErrReportHeader.
func (r *Reader) Read() (ReportRow, error) {
	if !r.header {
		rec, err := r.r.Read()
		if err == io.EOF {
			return ReportRow{}, &ParseError{Line: 1, Column: 1, Err: fmt.Errorf("%w: empty input", ErrReportHeader)}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return ReportRow{}, &ParseError{Line: pe.StartLine, Column: pe.Column, Err: fmt.Errorf("%w: %w", ErrReportHeader, pe.Err)}
			}
			return ReportRow{}, &ParseError{Line: 1, Column: 1, Err: fmt.Errorf("%w: %w", ErrReportHeader, err)}
		}
		rec[0] = trimBOM(rec[0])
		want := r.Headers
		if want == nil {
			want = ReportHeaders
		}
		if !slices.Equal(rec, want) {
			return ReportRow{}, &ParseError{Line: 1, Column: 1, Err: fmt.Errorf("%w: got %q", ErrReportHeader, rec)}
		}
		r.header = true
	}
	rec, err := r.r.Read()
	if err == io.EOF {
		return ReportRow{}, io.EOF
	}
	if err != nil {
		return ReportRow{}, r.syntax(err)
	}
	t, err := time.Parse(ReportDateLayout, rec[0])
	if err != nil {
		line, col := r.r.FieldPos(0)
		return ReportRow{}, &ParseError{Line: line, Column: col, Err: fmt.Errorf("%w: %q", ErrReportDate, rec[0])}
	}
	if r.Location != nil {
		t = t.In(r.Location)
	}
	row := ReportRow{Time: t, FirstName: unguard(rec[1]), LastName: unguard(rec[2]), Email: unguard(rec[3]),
		Entry: Entry{Category: unguard(rec[4]), Action: unguard(rec[5]), Label: unguard(rec[6])}}
	if row.Category == "" {
		line, col := r.r.FieldPos(4)
		return ReportRow{}, &ParseError{Line: line, Column: col, Err: fmt.Errorf("%w: empty", ErrReportCategory)}
	}
	if p, field := entryProblem(&row.Entry); p != "" {
		line, col := r.r.FieldPos(4 + field)
		return ReportRow{}, &ParseError{Line: line, Column: col, Err: fmt.Errorf("%w: %s", ErrReportCategory, p)}
	}
	return row, nil
}

func (r *Reader) syntax(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.StartLine, Column: pe.Column, Err: fmt.Errorf("%w: %w", ErrReportSyntax, pe.Err)}
	}
	line, _ := r.r.FieldPos(0)
	return &ParseError{Line: line, Err: fmt.Errorf("%w: %w", ErrReportSyntax, err)}
}

func trimBOM(s string) string {
	if len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF {
		return s[3:]
	}
	return s
}

// All returns the rows as a single-use sequence of (row, nil) pairs; on
// an error it yields (zero row, err) once and stops.
func (r *Reader) All() iter.Seq2[ReportRow, error] {
	return func(yield func(ReportRow, error) bool) {
		for {
			row, err := r.Read()
			if err == io.EOF {
				return
			}
			if !yield(row, err) || err != nil {
				return
			}
		}
	}
}

// ReadReport reads a whole activity report (see [Reader]) and returns its
// rows, or the first error.
func ReadReport(r io.Reader) ([]ReportRow, error) {
	rd := NewReader(r)
	var out []ReportRow
	for row, err := range rd.All() {
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}
