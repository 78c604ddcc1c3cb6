package export

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Column is one column of an export: a header, one line of documentation,
// and a renderer that appends the cell of a row. Build columns with the
// typed constructors ([Text], [Int], [DateTime], …) or fill the fields
// directly for a custom rendering.
type Column[R any] struct {
	// Header is the column title in English (X-6 translates it at write
	// time). Headers are unique within a table.
	Header string
	// Doc is one line saying what the cell holds, with the rule ID it
	// follows; it feeds the column reference.
	Doc string
	// UserText marks cells that may hold user-supplied text: the formula
	// guard of rule X-5 applies to them. Columns the library renders itself
	// (numbers, dates, durations) leave it false.
	UserText bool
	// HeaderUserText marks a header that is user text itself (a custom
	// field's title, a group's name, a survey question, a feature name):
	// the X-5 guard applies to the header cell too. [CustomFields] and
	// [Groups] set it.
	HeaderUserText bool
	// Render appends the cell of row r to dst and returns the extended
	// slice. It must not keep dst or f. Appending nothing is an empty cell.
	Render func(dst []byte, r R, f *Format) []byte

	// accept, when set, vets every row before a write renders it: the
	// columns of a table built from a scoped result refuse the rows of
	// any other result (SPEC section 0, "Scope"), wherever the columns
	// go (Select, With, or a table of the caller's). The columns of one
	// built-in table share one acceptor.
	accept *acceptor[R]
}

// acceptor vets the rows of the columns that share it.
type acceptor[R any] struct {
	check func(r R) error
}

// refuse returns the first error of the columns' acceptors for row r, or
// nil. Consecutive columns sharing an acceptor (a built-in table's) ask it
// once.
func refuse[R any](cols []Column[R], r R) error {
	var last *acceptor[R]
	for i := range cols {
		a := cols[i].accept
		if a == nil || a == last {
			continue
		}
		if err := a.check(r); err != nil {
			return err
		}
		last = a
	}
	return nil
}

// Text is a user-text column (X-5 applies) whose cell is get(r).
func Text[R any](header, doc string, get func(R) string) Column[R] {
	return Column[R]{Header: header, Doc: doc, UserText: true,
		Render: func(dst []byte, r R, _ *Format) []byte { return append(dst, get(r)...) }}
}

// Label is a column of text the library or the caller controls (a status
// word, a file name): no formula guard.
func Label[R any](header, doc string, get func(R) string) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, _ *Format) []byte { return append(dst, get(r)...) }}
}

// Int is an integer column.
func Int[R any](header, doc string, get func(R) int64) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, _ *Format) []byte { return strconv.AppendInt(dst, get(r), 10) }}
}

// OptInt is an integer column whose cell is empty when get reports no
// value (X-4: empty cell for "no value"), for example an average score of
// a user without scores.
func OptInt[R any](header, doc string, get func(R) (int64, bool)) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, _ *Format) []byte {
			if v, ok := get(r); ok {
				return strconv.AppendInt(dst, v, 10)
			}
			return dst
		}}
}

// Decimal is a column of an exact decimal rendered with places fixed
// decimal places (decimal.StringFixed: half away from zero); empty when get
// reports no value.
func Decimal[R any](header, doc string, places int32, get func(R) (decimal.Decimal, bool)) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, _ *Format) []byte {
			if v, ok := get(r); ok {
				return append(dst, v.StringFixed(places)...)
			}
			return dst
		}}
}

// DateTime is a date-time column in the viewer's location (X-4,
// DD/MM/YYYY HH:mm by default); a zero time is an empty cell.
func DateTime[R any](header, doc string, get func(R) time.Time) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, f *Format) []byte { return f.AppendDateTime(dst, get(r)) }}
}

// Date is a date column in the viewer's location (X-4, DD/MM/YYYY by
// default); a zero time is an empty cell.
func Date[R any](header, doc string, get func(R) time.Time) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, f *Format) []byte { return f.AppendDate(dst, get(r)) }}
}

// Duration is a duration column (X-4, HH:MM:SS by default).
func Duration[R any](header, doc string, get func(R) time.Duration) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, f *Format) []byte { return f.AppendDuration(dst, get(r)) }}
}

// Bool is a boolean column (X-4, True / False by default).
func Bool[R any](header, doc string, get func(R) bool) Column[R] {
	return Column[R]{Header: header, Doc: doc,
		Render: func(dst []byte, r R, f *Format) []byte { return f.appendBool(dst, get(r)) }}
}
