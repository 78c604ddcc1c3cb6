package export

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
)

// Options configure a write. The zero Options (or a nil *Options) writes
// UTF-8 without a byte-order mark, LF line ends, English headers, the X-4
// default formats in UTC, and the X-5 formula guard on.
type Options struct {
	// Format holds the cell formats: location, layouts, durations,
	// booleans.
	Format
	// NoFormulaGuard turns off the X-5 guard that prefixes user-text cells
	// starting with = + - @ tab or carriage return with a single quote. It
	// is on by default; turn it off only for consumers that are not
	// spreadsheets.
	NoFormulaGuard bool
	// BOM writes a UTF-8 byte-order mark before the header.
	BOM bool
	// CRLF ends lines with "\r\n" instead of "\n".
	CRLF bool
	// Headers translates column titles: a header found in the map is
	// written as its value; others stay in English.
	Headers Translation
}

// Translation maps English column titles to the report owner's language
// . A nil Translation is English.
type Translation map[string]string

// header returns the translation of h, or h when there is none.
func (tr Translation) header(h string) string {
	if v, ok := tr[h]; ok && v != "" {
		return v
	}
	return h
}

// Spreadsheet returns the preset for spreadsheet programs: a UTF-8
// byte-order mark and CRLF line ends, with the formula guard on.
func Spreadsheet() Options { return Options{BOM: true, CRLF: true} }

var defaultOptions Options

func (o *Options) orDefault() *Options {
	if o == nil {
		return &defaultOptions
	}
	return o
}

// bufSize is the write buffer: big enough to amortise Write calls, small
// enough to keep the export's memory constant.
const bufSize = 64 << 10

// WriteCSV writes the table's header and one line per row of rows to w,
// streaming: rows are rendered into a fixed-size buffer that is
// flushed as it fills, so memory does not grow with the number of rows.
// The header is written even when rows yields nothing. It returns the
// number of data rows written.
//
// The table is validated first (an error wrapping [ErrInvalidTable]).
// Write errors stop the iteration and are returned as they are. The
// columns of a built-in table made from a scoped result (the learner
// tables) refuse the rows of another result: the write stops at the first
// such row with an error wrapping learnstats.ErrMismatch.
func WriteCSV[R any](w io.Writer, t Table[R], rows iter.Seq[R], o *Options) (int, error) {
	if err := t.Validate(); err != nil {
		return 0, err
	}
	o = o.orDefault()
	e := newEncoder(w, o)
	for i, c := range t.Columns {
		e.field(i, len(t.Columns), o.Headers.header(c.Header), c.HeaderUserText && !o.NoFormulaGuard)
	}
	e.endRow()
	n := 0
	guard := !o.NoFormulaGuard
	f := &o.Format
	one := len(t.Columns) == 1
	for r := range rows {
		if err := refuse(t.Columns, r); err != nil {
			return n, err
		}
		for i := range t.Columns {
			c := &t.Columns[i]
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			start := len(e.buf)
			e.buf = c.Render(e.buf, r, f)
			e.fix(start, guard && c.UserText, one)
		}
		e.endRow()
		n++
		if e.err != nil {
			return n, e.err
		}
	}
	return n, e.flush()
}

// encoder is the append-based CSV encoder behind WriteCSV and
// WriteTagged. Cells are rendered in place in buf; only cells that need
// quoting or the formula guard are moved.
type encoder struct {
	w       io.Writer
	buf     []byte
	scratch []byte
	eol     string
	err     error
}

func newEncoder(w io.Writer, o *Options) *encoder {
	e := &encoder{w: w, buf: make([]byte, 0, bufSize+4096), eol: "\n"}
	if o.CRLF {
		e.eol = "\r\n"
	}
	if o.BOM {
		e.buf = append(e.buf, 0xEF, 0xBB, 0xBF)
	}
	return e
}

// field appends a whole cell (header or RecordWriter use).
func (e *encoder) field(i, n int, cell string, guard bool) {
	if i > 0 {
		e.buf = append(e.buf, ',')
	}
	start := len(e.buf)
	e.buf = append(e.buf, cell...)
	e.fix(start, guard, n == 1)
}

// fix applies the formula guard and CSV quoting to the cell at
// buf[start:]. alone says the row has one column, where an empty cell must
// be written "" so that the line is not read as blank.
func (e *encoder) fix(start int, guard, alone bool) {
	cell := e.buf[start:]
	guarded := guard && needsGuard(cell)
	quote := needsQuote(cell) || (alone && len(cell) == 0)
	if !guarded && !quote {
		return
	}
	e.scratch = append(e.scratch[:0], cell...)
	e.buf = e.buf[:start]
	if quote {
		e.buf = append(e.buf, '"')
	}
	if guarded {
		e.buf = append(e.buf, '\'')
	}
	if quote {
		for _, b := range e.scratch {
			if b == '"' {
				e.buf = append(e.buf, '"', '"')
			} else {
				e.buf = append(e.buf, b)
			}
		}
		e.buf = append(e.buf, '"')
	} else {
		e.buf = append(e.buf, e.scratch...)
	}
}

func (e *encoder) endRow() {
	e.buf = append(e.buf, e.eol...)
	if len(e.buf) >= bufSize && e.err == nil {
		_, e.err = e.w.Write(e.buf)
		e.buf = e.buf[:0]
	}
}

func (e *encoder) flush() error {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
		e.buf = e.buf[:0]
	}
	return e.err
}

// needsGuard reports whether a user-text cell would be run as a formula by
// a spreadsheet.
func needsGuard(cell []byte) bool {
	if len(cell) == 0 {
		return false
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// needsQuote reports whether a cell must be quoted (RFC 4180): it holds a
// comma, a quote or a line break, or starts with a space or tab that a
// lenient reader would trim. It tests eight bytes at a time: the scan is a
// large share of the cost of writing a row.
func needsQuote(cell []byte) bool {
	if len(cell) == 0 {
		return false
	}
	if cell[0] == ' ' || cell[0] == '\t' {
		return true
	}
	i := 0
	for ; i+8 <= len(cell); i += 8 {
		w := binary.LittleEndian.Uint64(cell[i:])
		if hasByte(w, ',') || hasByte(w, '"') || hasByte(w, '\n') || hasByte(w, '\r') {
			return true
		}
	}
	for _, b := range cell[i:] {
		switch b {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}

// hasByte reports whether any byte of w equals b (the classic "has zero
// byte" test on w XOR b repeated; exact, no false positives).
func hasByte(w uint64, b byte) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	x := w ^ (lo * uint64(b))
	return (x-lo)&^x&hi != 0
}

// errClosed reports a write to a recordWriter after an earlier write
// failed.
var errClosed = errors.New("export: writer failed earlier")

// recordWriter writes ready-made records (slices of cells) with the same
// encoding as [WriteCSV]: BOM, line ends and quoting from its Options.
// The first record written is the header and is translated; the
// formula guard applies to the cells of the columns whose index is in
// UserText, or to every data cell when UserText is nil and GuardAll is
// set. It buffers: call Flush at the end and check Error.
//
// Its Write, Flush and Error methods make it a gocsv.CSVWriter, which is
// how [WriteTagged] uses it.
type recordWriter struct {
	// GuardAll applies the formula guard to every data cell, for records
	// whose columns are not known to be safe.
	GuardAll bool
	// UserText lists the indexes of user-text columns.
	UserText map[int]bool
	// GuardHeader applies the formula guard to the header record's cells,
	// for headers that hold user text (custom field titles, group names).
	GuardHeader bool

	// guard, when set, decides for each data cell whether the X-5 guard
	// applies, instead of GuardAll / UserText.
	guard func(col int, cell string) bool

	e      *encoder
	opts   *Options
	header bool
	width  int
	count  int // data records written so far
}

// newRecordWriter returns a recordWriter on w; nil options are the
// defaults.
func newRecordWriter(w io.Writer, o *Options) *recordWriter {
	o = o.orDefault()
	return &recordWriter{e: newEncoder(w, o), opts: o, width: -1}
}

// Write buffers one record. Every record must have the header's number of
// cells: a different count is an error wrapping [ErrInvalidTable] (the
// export contract keeps a constant field count).
func (rw *recordWriter) Write(record []string) error {
	if rw.e.err != nil {
		return fmt.Errorf("%w: %w", errClosed, rw.e.err)
	}
	if rw.width >= 0 && len(record) != rw.width {
		return fmt.Errorf("%w: record %d has %d cells, the header has %d", ErrInvalidTable, rw.count, len(record), rw.width)
	}
	if rw.width < 0 {
		rw.width = len(record)
	}
	guardOn := !rw.opts.NoFormulaGuard
	for i, cell := range record {
		if !rw.header {
			cell = rw.opts.Headers.header(cell)
		}
		g := rw.header && guardOn && (rw.GuardAll || rw.UserText[i]) || !rw.header && guardOn && rw.GuardHeader
		if rw.header && guardOn && rw.guard != nil {
			g = rw.guard(i, cell)
		}
		rw.e.field(i, len(record), cell, g)
	}
	if rw.header {
		rw.count++
	}
	rw.header = true
	rw.e.endRow()
	return rw.e.err
}

// Flush writes any buffered data to the underlying writer.
func (rw *recordWriter) Flush() { _ = rw.e.flush() }

// Error returns the first write error, if any.
func (rw *recordWriter) Error() error { return rw.e.err }
