package demo

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/learnstats/learnstats"
)

// Schema declares the columns of one data file: the header is read by
// name, so their order in the file is free, and columns the schema does
// not name are ignored.
type Schema struct {
	// Required columns must be in the header, each once; their cells may
	// still be empty where the format says so. A missing or misspelled
	// required column is an error naming the file and the column.
	Required []string
	// Optional columns may be missing from the header: every cell of a
	// missing optional column reads as empty.
	Optional []string
	// Unique lists keys, each one column or several: no two records may
	// have the same values in a key's columns, and none of them may be
	// empty.
	Unique [][]string
}

// Rows reads the records of one data file strictly (SPEC section 0,
// "Files read as input"), in the manner of bufio.Scanner: call Next until
// it returns false, read the current record's cells by column name, then
// check Err. The first error stops the file: Next returns false and the
// cell methods return zero values from then on, so that a loader is one
// loop with one error check after it.
//
// Every error is a *PositionError naming the file, the line where the
// record starts (a quoted cell may span lines; blank lines are skipped
// and counted) and the column, numbered from the file's own header.
// Every cell is checked to be valid UTF-8 without NUL bytes.
type Rows struct {
	file   string
	schema Schema
	r      *csv.Reader
	closer io.Closer
	index  map[string]int // column name → position in the header
	header []string
	rec    []string
	line   int              // line the current record starts on; 1 for the header
	seen   []map[string]int // per unique key: values → line
	err    error
}

// Open opens file in fsys and reads its header against schema. Errors
// (a missing file, a missing column) are reported by the first call of
// [Rows.Next] and by [Rows.Err].
func Open(fsys fs.FS, file string, schema Schema) *Rows {
	r := &Rows{file: file, schema: schema, line: 1}
	f, err := fsys.Open(file)
	if err != nil {
		r.err = fmt.Errorf("%w: %w", ErrBadData, err)
		return r
	}
	r.closer = f
	br := bufio.NewReader(f)
	// A spreadsheet program saves a byte-order mark (the report writes one
	// too): it is not part of the first column's name.
	if bom, _ := br.Peek(3); string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	r.r = csv.NewReader(br)
	r.r.ReuseRecord = true
	header, err := r.r.Read()
	if errors.Is(err, io.EOF) {
		r.fail(r.pos(""), "no header line: missing column %q", cmp.Or(append(schema.Required, "")...))
		return r
	}
	if err != nil {
		r.readError(err)
		return r
	}
	r.header = slices.Clone(header)
	if !r.checkText(r.header) {
		return r
	}
	r.index = make(map[string]int, len(header))
	for i, name := range r.header {
		if j, dup := r.index[name]; dup {
			r.fail(Pos{File: file, Line: 1, Column: i + 1, Name: name}, "column %q given twice (also column %d)", name, j+1)
			return r
		}
		r.index[name] = i
	}
	for _, name := range schema.Required {
		if _, ok := r.index[name]; !ok {
			r.fail(r.pos(""), "missing column %q%s", name, r.unknownColumns())
			return r
		}
	}
	r.seen = make([]map[string]int, len(schema.Unique))
	for i := range r.seen {
		r.seen[i] = map[string]int{}
	}
	return r
}

// unknownColumns lists the header's columns the schema does not name,
// which is where a misspelled column usually is.
func (r *Rows) unknownColumns() string {
	var unknown []string
	for _, h := range r.header {
		if !slices.Contains(r.schema.Required, h) && !slices.Contains(r.schema.Optional, h) {
			unknown = append(unknown, strconv.Quote(h))
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	return " (the header has unknown columns " + strings.Join(unknown, ", ") + ")"
}

// Next reads the next record, checks its text and its unique keys, and
// reports whether there is one. It returns false at the end of the file
// and after the first error.
func (r *Rows) Next() bool {
	if r.err != nil || r.r == nil {
		r.close()
		return false
	}
	rec, err := r.r.Read()
	if errors.Is(err, io.EOF) {
		r.close()
		return false
	}
	if err != nil {
		r.rec = rec // with csv.ErrFieldCount, the record as read
		r.readError(err)
		r.close()
		return false
	}
	r.rec = rec
	r.line, _ = r.r.FieldPos(0)
	if !r.checkText(rec) || !r.checkUnique() {
		r.close()
		return false
	}
	return true
}

func (r *Rows) close() {
	if r.closer != nil {
		r.closer.Close()
		r.closer = nil
	}
}

// readError turns an encoding/csv error into a position: the line the
// record starts on, and csv's own line and byte column in the message.
func (r *Rows) readError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.err = &PositionError{Pos: Pos{File: r.file, Line: r.line}, Err: err}
		return
	}
	p := Pos{File: r.file, Line: pe.StartLine}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		r.fail(p, "%d fields, where the header has %d", len(r.rec), len(r.header))
		return
	}
	r.fail(p, "%v (line %d, byte %d)", pe.Err, pe.Line, pe.Column)
}

func (r *Rows) checkText(rec []string) bool {
	for i, cell := range rec {
		p := Pos{File: r.file, Line: r.line, Column: i + 1}
		if r.index != nil { // the header itself is checked before it names columns
			p.Name = r.header[i]
		}
		switch {
		case !utf8.ValidString(cell):
			r.fail(p, "invalid UTF-8 in %q", cell)
		case strings.IndexByte(cell, 0) >= 0:
			r.fail(p, "NUL byte in %q", cell)
		default:
			continue
		}
		return false
	}
	return true
}

func (r *Rows) checkUnique() bool {
	for i, key := range r.schema.Unique {
		vals := make([]string, len(key))
		for j, col := range key {
			if vals[j] = r.cell(col); vals[j] == "" {
				r.fail(r.pos(col), "empty")
				return false
			}
		}
		k := strings.Join(vals, "\x00") // NUL never occurs in a cell
		if first, dup := r.seen[i][k]; dup {
			what := strconv.Quote(vals[0])
			if len(key) > 1 {
				what = strings.Join(key, ", ") + " " + quoteAll(vals)
			}
			r.fail(r.pos(key[0]), "duplicate %s (first on line %d)", what, first)
			return false
		}
		r.seen[i][k] = r.line
	}
	return true
}

func quoteAll(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// Err returns the first error met, or nil.
func (r *Rows) Err() error { return r.err }

// Line returns the line the current record starts on.
func (r *Rows) Line() int { return r.line }

// Pos returns the position of column col in the current record, for an
// error found later (a reference checked once the whole file is read).
// An empty col is the record as a whole.
func (r *Rows) Pos(col string) Pos { return r.pos(col) }

func (r *Rows) pos(col string) Pos {
	p := Pos{File: r.file, Line: r.line, Name: col}
	if i, ok := r.index[col]; ok {
		p.Column = i + 1
	}
	return p
}

// cell returns the cell of column col: empty for an optional column the
// header lacks, and an error for a column the schema does not declare (a
// mistake in the loader, reported rather than read as empty).
func (r *Rows) cell(col string) string {
	if r.err != nil {
		return ""
	}
	if i, ok := r.index[col]; ok {
		return r.rec[i]
	}
	if !slices.Contains(r.schema.Optional, col) {
		r.err = fmt.Errorf("%w: %s: the loader reads column %q, which its schema does not declare", ErrBadData, r.file, col)
	}
	return ""
}

// fail records the first error.
func (r *Rows) fail(p Pos, format string, args ...any) {
	if r.err == nil {
		r.err = p.Errorf(format, args...)
	}
}

// Fail records an error at column col of the current record (an empty
// col for the record as a whole), for a check of the loader's own: an
// unknown reference, a record of the wrong kind.
func (r *Rows) Fail(col, format string, args ...any) { r.fail(r.pos(col), format, args...) }

// Check records err, when it is not nil, as the current record's error:
// the way a loader reports what a library record's Validate found.
func (r *Rows) Check(err error) { r.CheckCell("", err) }

// CheckCell is Check at column col, for a library check that only that
// column's value can fail.
func (r *Rows) CheckCell(col string, err error) {
	if err != nil && r.err == nil {
		r.err = &PositionError{Pos: r.pos(col), Err: err}
	}
}

// Text returns the cell of col as it is (possibly empty).
func (r *Rows) Text(col string) string { return r.cell(col) }

// NonEmpty returns the cell of col, which must not be empty.
func (r *Rows) NonEmpty(col string) string {
	s := r.cell(col)
	if s == "" {
		r.Fail(col, "empty")
	}
	return s
}

// List returns the cell of col split at ';'; an empty cell is no item.
func (r *Rows) List(col string) []string {
	s := r.cell(col)
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// Ref returns the non-empty cell of col, which must be one of the known
// records: what names the kind of record in the error (a user, a group).
func (r *Rows) Ref(col, what string, known func(string) bool) string {
	s := r.NonEmpty(col)
	if s != "" && !known(s) {
		r.Fail(col, "unknown %s %q", what, s)
	}
	return s
}

// OptRef is Ref for a cell that may be empty (no reference).
func (r *Rows) OptRef(col, what string, known func(string) bool) string {
	if r.cell(col) == "" {
		return ""
	}
	return r.Ref(col, what, known)
}

// Bool returns the cell of col, which must be true or false
// (strconv.ParseBool's other spellings, such as TRUE or 1, are accepted).
func (r *Rows) Bool(col string) bool {
	s := r.cell(col)
	b, err := strconv.ParseBool(s)
	if err != nil {
		r.Fail(col, "%q is not true or false", s)
	}
	return b
}

// OptBool is Bool for a cell that may be empty, which is false.
func (r *Rows) OptBool(col string) bool {
	if r.cell(col) == "" {
		return false
	}
	return r.Bool(col)
}

// Int returns the cell of col as an integer. A value that does not fit
// is "too large" (or "too small"), never wrapped.
func (r *Rows) Int(col string) int {
	return int(r.integer(col, r.cell(col), strconv.IntSize))
}

// Int64 is Int for a 64-bit integer.
func (r *Rows) Int64(col string) int64 { return r.integer(col, r.cell(col), 64) }

// OptInt is Int for a cell that may be empty: ok is false then.
func (r *Rows) OptInt(col string) (n int, ok bool) {
	s := r.cell(col)
	if s == "" {
		return 0, false
	}
	return int(r.integer(col, s, strconv.IntSize)), r.err == nil
}

func (r *Rows) integer(col, s string, bits int) int64 {
	n, err := strconv.ParseInt(s, 10, bits)
	var ne *strconv.NumError
	switch {
	case err == nil:
		return n
	case errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) && !strings.HasPrefix(s, "-"):
		r.Fail(col, "%s is too large (at most %d)", s, maxInt(bits))
	case errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange):
		r.Fail(col, "%s is too small (at least %d)", s, -maxInt(bits)-1)
	default:
		r.Fail(col, "%q is not an integer", s)
	}
	return 0
}

func maxInt(bits int) int64 {
	if bits == 32 {
		return math.MaxInt32
	}
	return math.MaxInt64
}

// Seconds returns the cell of col, a whole number of seconds, as a
// duration. A number of seconds whose nanoseconds do not fit a
// time.Duration (about 292 years) is "too large", never wrapped.
func (r *Rows) Seconds(col string) time.Duration {
	secs := r.Int64(col)
	const most = math.MaxInt64 / int64(time.Second)
	switch {
	case secs > most:
		r.Fail(col, "%d seconds is too large (at most %d, about 292 years)", secs, most)
		return 0
	case secs < -most:
		r.Fail(col, "%d seconds is too small (at least %d)", secs, -most)
		return 0
	}
	return time.Duration(secs) * time.Second
}

// OptSeconds is Seconds for a cell that may be empty: ok is false then.
func (r *Rows) OptSeconds(col string) (d time.Duration, ok bool) {
	if r.cell(col) == "" {
		return 0, false
	}
	return r.Seconds(col), r.err == nil
}

// Time returns the cell of col as an RFC 3339 time; an empty cell is the
// zero time ("none").
func (r *Rows) Time(col string) time.Time {
	s := r.cell(col)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.Fail(col, "%q is not an RFC 3339 time", s)
	}
	return t
}

// RequiredTime is Time for a cell that must not be empty.
func (r *Rows) RequiredTime(col string) time.Time {
	if r.NonEmpty(col) == "" {
		return time.Time{}
	}
	return r.Time(col)
}

// Date returns the cell of col as a YYYY-MM-DD date; an empty cell is the
// zero date ("unknown").
func (r *Rows) Date(col string) learnstats.Date {
	s := r.cell(col)
	if s == "" {
		return learnstats.Date{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		r.Fail(col, "%q is not a YYYY-MM-DD date", s)
	}
	return learnstats.DateOf(t, time.UTC)
}

// Pos is a place in a data file: the line a record starts on and a
// column, numbered from the file's header (Column 0 and an empty Name for
// the record as a whole; Line 1 is the header).
type Pos struct {
	File   string
	Line   int
	Column int
	Name   string
}

// Errorf returns a *PositionError at p.
func (p Pos) Errorf(format string, args ...any) error {
	return &PositionError{Pos: p, Err: fmt.Errorf(format, args...)}
}

// PositionError is a load error at a place in a file. It matches
// [ErrBadData] (errors.Is) and unwraps to its cause.
type PositionError struct {
	Pos
	Err error
}

// Error is "file:line:column: name: cause", without the column when the
// error is about the whole record or file.
func (e *PositionError) Error() string {
	at := e.File + ":" + strconv.Itoa(e.Line)
	if e.Column > 0 {
		at += ":" + strconv.Itoa(e.Column)
	}
	if e.Name != "" {
		at += ": " + e.Name
	}
	return at + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *PositionError) Unwrap() error { return e.Err }

// Is makes every PositionError match ErrBadData.
func (e *PositionError) Is(target error) bool { return target == ErrBadData }
