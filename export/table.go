package export

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// ErrInvalidTable reports a table that breaks the export contract: an
// empty or duplicate header, a missing doc line or renderer. Use errors.Is.
var ErrInvalidTable = errors.New("export: invalid table")

// ErrUnknownColumn reports a header that a [Table.Select] or
// [Table.Rename] call names but the table does not have. Use errors.Is.
var ErrUnknownColumn = errors.New("export: unknown column")

// Table is an ordered list of columns over a row type R, with the export's
// name (used for its default file name, X-8). Tables are values: Select,
// Rename and With return new tables and leave the receiver alone.
//
// The zero Table has no name and no column; writing it writes an empty
// header line.
type Table[R any] struct {
	// Name is the export's name in file names, e.g. "general-stats".
	Name string
	// Columns are the table's columns, in output order.
	Columns []Column[R]
}

// New returns a table with the given name and columns.
func New[R any](name string, cols ...Column[R]) Table[R] {
	return Table[R]{Name: name, Columns: cols}
}

// Headers returns the column headers, in order (English, untranslated).
func (t Table[R]) Headers() []string {
	hs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hs[i] = c.Header
	}
	return hs
}

// docs returns each column's header and doc line, in order.
func (t Table[R]) docs() []columnDoc {
	ds := make([]columnDoc, len(t.Columns))
	for i, c := range t.Columns {
		ds[i] = columnDoc{Header: c.Header, Doc: c.Doc}
	}
	return ds
}

// Select returns a table with only the named columns, in the order given:
// it narrows and reorders. An unknown or repeated header is an error
// wrapping [ErrUnknownColumn] or [ErrInvalidTable].
func (t Table[R]) Select(headers ...string) (Table[R], error) {
	out := Table[R]{Name: t.Name, Columns: make([]Column[R], 0, len(headers))}
	seen := make(map[string]bool, len(headers))
	for _, h := range headers {
		if seen[h] {
			return Table[R]{}, fmt.Errorf("%w: column %q selected twice", ErrInvalidTable, h)
		}
		seen[h] = true
		i := t.index(h)
		if i < 0 {
			return Table[R]{}, fmt.Errorf("%w: %q in table %q", ErrUnknownColumn, h, t.Name)
		}
		out.Columns = append(out.Columns, t.Columns[i])
	}
	return out, nil
}

// Without returns the table less the named columns; unknown headers are an
// error wrapping [ErrUnknownColumn].
func (t Table[R]) Without(headers ...string) (Table[R], error) {
	drop := make(map[string]bool, len(headers))
	for _, h := range headers {
		if t.index(h) < 0 {
			return Table[R]{}, fmt.Errorf("%w: %q in table %q", ErrUnknownColumn, h, t.Name)
		}
		drop[h] = true
	}
	out := Table[R]{Name: t.Name}
	for _, c := range t.Columns {
		if !drop[c.Header] {
			out.Columns = append(out.Columns, c)
		}
	}
	return out, nil
}

// Rename returns the table with the column headed from renamed to; its doc
// and renderer are unchanged. For translations of every header use
// [Options].Headers instead.
func (t Table[R]) Rename(from, to string) (Table[R], error) {
	i := t.index(from)
	if i < 0 {
		return Table[R]{}, fmt.Errorf("%w: %q in table %q", ErrUnknownColumn, from, t.Name)
	}
	out := Table[R]{Name: t.Name, Columns: slices.Clone(t.Columns)}
	out.Columns[i].Header = to
	return out, nil
}

// With returns the table with cols appended after its columns.
func (t Table[R]) With(cols ...Column[R]) Table[R] {
	out := Table[R]{Name: t.Name, Columns: make([]Column[R], 0, len(t.Columns)+len(cols))}
	out.Columns = append(append(out.Columns, t.Columns...), cols...)
	return out
}

// Insert returns the table with cols inserted before the column headed
// before; an unknown header is an error wrapping [ErrUnknownColumn].
func (t Table[R]) Insert(before string, cols ...Column[R]) (Table[R], error) {
	i := t.index(before)
	if i < 0 {
		return Table[R]{}, fmt.Errorf("%w: %q in table %q", ErrUnknownColumn, before, t.Name)
	}
	out := Table[R]{Name: t.Name, Columns: slices.Insert(slices.Clone(t.Columns), i, cols...)}
	return out, nil
}

// Validate checks the export contract: every header non-empty and unique,
// every column documented and with a renderer. It returns an error wrapping
// [ErrInvalidTable] naming the first offending column.
func (t Table[R]) Validate() error {
	seen := make(map[string]bool, len(t.Columns))
	for i, c := range t.Columns {
		switch {
		case strings.TrimSpace(c.Header) == "":
			return fmt.Errorf("%w: table %q column %d: empty header", ErrInvalidTable, t.Name, i+1)
		case seen[c.Header]:
			return fmt.Errorf("%w: table %q: duplicate header %q", ErrInvalidTable, t.Name, c.Header)
		case strings.TrimSpace(c.Doc) == "":
			return fmt.Errorf("%w: table %q column %q: no doc line", ErrInvalidTable, t.Name, c.Header)
		case strings.ContainsAny(c.Doc, "\r\n"):
			return fmt.Errorf("%w: table %q column %q: doc is more than one line", ErrInvalidTable, t.Name, c.Header)
		case c.Render == nil:
			return fmt.Errorf("%w: table %q column %q: no renderer", ErrInvalidTable, t.Name, c.Header)
		}
		seen[c.Header] = true
	}
	return nil
}

// FileName is the export's default file name for asOf:
// "{Name}-{YYYY-MM-DD}.csv", the date taken in asOf's location.
func (t Table[R]) FileName(asOf time.Time) string {
	return FileName(t.Name, asOf)
}

// FileName returns "{name}-{YYYY-MM-DD}.csv" for asOf's calendar day in
// asOf's location. Characters of name other than ASCII letters,
// digits, '-' and '_' are replaced with '_', so that a name built from an
// ID is a safe file name: an export covering one training is
// FileName("training-results-"+string(id), asOf).
func FileName(name string, asOf time.Time) string {
	return fileSafe(name) + "-" + asOf.Format(time.DateOnly) + ".csv"
}

// HeaderCells returns the header line's cells exactly as [WriteCSV]
// writes them (before CSV quoting): translated, and with the X-5
// guard on the headers that are user text (Column.HeaderUserText).
func (t Table[R]) HeaderCells(o *Options) []string {
	o = o.orDefault()
	hs := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hs[i] = o.Headers.header(c.Header)
		if c.HeaderUserText && !o.NoFormulaGuard && needsGuard([]byte(hs[i])) {
			hs[i] = "'" + hs[i]
		}
	}
	return hs
}

// Record renders the cells of row r exactly as [WriteCSV] writes them
// (formats, formula guard), before CSV quoting, appending them to dst.
// It is meant for tests and previews; WriteCSV does not allocate strings.
// A row the table's columns refuse (see [WriteCSV]) renders no cell: dst
// is returned unchanged.
func (t Table[R]) Record(dst []string, r R, o *Options) []string {
	if refuse(t.Columns, r) != nil {
		return dst
	}
	o = o.orDefault()
	var buf []byte
	for _, c := range t.Columns {
		buf = c.Render(buf[:0], r, &o.Format)
		if c.UserText && !o.NoFormulaGuard && needsGuard(buf) {
			dst = append(dst, "'"+string(buf))
		} else {
			dst = append(dst, string(buf))
		}
	}
	return dst
}

func (t Table[R]) index(header string) int {
	for i, c := range t.Columns {
		if c.Header == header {
			return i
		}
	}
	return -1
}

// ColumnDoc is a column's header and doc line, the unit of the column
// reference.
type columnDoc struct {
	Header string // the column title, in English
	Doc    string // the one-line documentation
}

// CustomFields returns one user-text column per custom field title,
// ordered alphabetically by title, case-insensitively, ties by exact title;
// duplicate titles are kept once. Pass only the titles to keep. The cell is
// value(r, title).
func CustomFields[R any](titles []string, value func(r R, title string) string) []Column[R] {
	ts := slices.Clone(titles)
	sortCustomFields(ts)
	ts = slices.Compact(ts)
	cols := make([]Column[R], len(ts))
	for i, title := range ts {
		cols[i] = Column[R]{
			Header:         title,
			Doc:            "The user's value of this custom field; one column per custom field, alphabetical by title (X-1).",
			UserText:       true,
			HeaderUserText: true,
			Render: func(dst []byte, r R, _ *Format) []byte {
				return append(dst, value(r, title)...)
			},
		}
	}
	return cols
}

// sortCustomFields sorts titles as rule X-1 orders custom-field columns:
// case-insensitively, ties by exact (byte-wise) title.
func sortCustomFields(titles []string) {
	slices.SortFunc(titles, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}

// Groups returns one column per group the scope sees, headed by the
// group's name, ordered by name then ID, with "x" when member(r, group) is
// true, else empty. Groups outside the scope get no column: the scope is a
// security boundary. Two visible groups with the same name get the suffixes
// " (2)", " (3)", … in ID order so headers stay unique.
func Groups[R any](groups []learnstats.Group, scope learnstats.Scope, member func(r R, g learnstats.GroupID) bool) []Column[R] {
	visible := make([]learnstats.Group, 0, len(groups))
	for _, g := range groups {
		if scope != nil && scope.SeesGroup(g.ID) {
			visible = append(visible, g)
		}
	}
	learnstats.SortGroups(visible)
	names := make([]string, len(visible))
	for i, g := range visible {
		names[i] = g.Name
	}
	headers := uniqueHeaders(names)
	cols := make([]Column[R], len(visible))
	for i, g := range visible {
		id := g.ID
		cols[i] = Column[R]{
			Header:         headers[i],
			Doc:            "x when the user belongs to this group, else empty; one column per group in the viewer's scope (X-2).",
			HeaderUserText: true,
			Render: func(dst []byte, r R, _ *Format) []byte {
				if member(r, id) {
					return append(dst, 'x')
				}
				return dst
			},
		}
	}
	return cols
}

// uniqueHeaders returns texts with a repeated text suffixed " (2)",
// " (3)", … from its second occurrence on (the rule B-4 uses for repeated
// question texts, and [Groups] for homonymous groups). A suffixed text that
// would collide with another header takes the next free number.
func uniqueHeaders(texts []string) []string {
	out := make([]string, len(texts))
	used := make(map[string]bool, len(texts))
	for _, s := range texts {
		used[s] = true
	}
	seen := make(map[string]int, len(texts))
	for i, s := range texts {
		seen[s]++
		if seen[s] == 1 {
			out[i] = s
			continue
		}
		n := seen[s]
		h := fmt.Sprintf("%s (%d)", s, n)
		for used[h] {
			n++
			h = fmt.Sprintf("%s (%d)", s, n)
		}
		seen[s] = n
		used[h] = true
		out[i] = h
	}
	return out
}
