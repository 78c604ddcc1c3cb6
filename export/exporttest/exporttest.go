// Package exporttest checks a table against the export contract, so that
// a caller can test their own tables the way learnstats tests its built-in
// ones (as prometheus/testutil does for collectors):
//
//	func TestMyTable(t *testing.T) {
//		exporttest.Check(t, myTable, sampleRows, nil)
//	}
//
// The contract: every header non-empty and unique, every column with a
// one-line doc; the header line is written even for zero rows; every line
// has the header's number of fields; and the CSV output parses back
// (encoding/csv) to exactly the cells [export.Table.Record] renders.
package exporttest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/learnstats/learnstats/export"
)

// Check reports through t every way the table breaks the export contract.
// rows should include awkward values (commas, quotes, line breaks, leading
// = or -, empty values) to exercise quoting and the formula guard. o may be
// nil (the defaults). Check calls t.Error for each problem and does not
// stop the test.
func Check[R any](t testing.TB, table export.Table[R], rows []R, o *export.Options) {
	t.Helper()
	for _, err := range Problems(table, rows, o) {
		t.Error(err)
	}
}

// Problems returns the contract violations Check reports, for callers who
// want to inspect them (nil when the table keeps the contract).
func Problems[R any](table export.Table[R], rows []R, o *export.Options) []error {
	var errs []error
	if err := table.Validate(); err != nil {
		return []error{err}
	}
	if o == nil {
		o = &export.Options{}
	}
	headers := table.HeaderCells(o)

	// Zero rows: exactly the header line.
	var empty bytes.Buffer
	n, err := export.WriteCSV(&empty, table, func(func(R) bool) {}, o)
	if err != nil || n != 0 {
		errs = append(errs, fmt.Errorf("table %q: zero-row export: n=%d err=%v", table.Name, n, err))
	} else {
		recs, perr := parse(empty.Bytes(), o)
		switch {
		case perr != nil:
			errs = append(errs, fmt.Errorf("table %q: zero-row export does not parse: %v", table.Name, perr))
		case len(recs) != 1:
			errs = append(errs, fmt.Errorf("table %q: zero-row export has %d lines, want the header only", table.Name, len(recs)))
		case !slices.Equal(recs[0], headers):
			errs = append(errs, fmt.Errorf("table %q: header %q, want %q", table.Name, recs[0], headers))
		}
	}

	// The rows: constant field count, cells parse back.
	var buf bytes.Buffer
	n, err = export.WriteCSV(&buf, table, slices.Values(rows), o)
	if err != nil {
		return append(errs, fmt.Errorf("table %q: write: %v", table.Name, err))
	}
	if n != len(rows) {
		errs = append(errs, fmt.Errorf("table %q: WriteCSV reported %d rows, want %d", table.Name, n, len(rows)))
	}
	recs, err := parse(buf.Bytes(), o)
	if err != nil {
		return append(errs, fmt.Errorf("table %q: output does not parse back: %v", table.Name, err))
	}
	if len(recs) != len(rows)+1 {
		return append(errs, fmt.Errorf("table %q: %d lines for %d rows, want %d", table.Name, len(recs), len(rows), len(rows)+1))
	}
	for i, r := range rows {
		want := table.Record(nil, r, o)
		for j := range want {
			// encoding/csv reads a quoted "\r\n" back as "\n" (its
			// documented normalisation), so that is what a reader gets.
			want[j] = strings.ReplaceAll(want[j], "\r\n", "\n")
		}
		got := recs[i+1]
		if len(got) != len(headers) {
			errs = append(errs, fmt.Errorf("table %q: row %d has %d fields, header has %d", table.Name, i+1, len(got), len(headers)))
			continue
		}
		if !slices.Equal(got, want) {
			errs = append(errs, fmt.Errorf("table %q: row %d reads back as %q, want %q", table.Name, i+1, got, want))
		}
	}
	return errs
}

// parse reads CSV output strictly: a byte-order mark must be there exactly
// when o.BOM is set, and every record must have the same number of fields.
func parse(b []byte, o *export.Options) ([][]string, error) {
	bom := []byte{0xEF, 0xBB, 0xBF}
	if o.BOM {
		if !bytes.HasPrefix(b, bom) {
			return nil, fmt.Errorf("no byte-order mark")
		}
		b = b[len(bom):]
	} else if bytes.HasPrefix(b, bom) {
		return nil, fmt.Errorf("unexpected byte-order mark")
	}
	if o.CRLF && !quotedNewlinesOnly(b) {
		return nil, fmt.Errorf("a line ends with LF although CRLF is set")
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = 0 // every record like the first
	var recs [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

// quotedNewlinesOnly reports whether every bare LF of b is inside a quoted
// field (where a cell's own line break legitimately stays as it is).
func quotedNewlinesOnly(b []byte) bool {
	in := false
	for i, c := range b {
		switch {
		case c == '"':
			in = !in
		case c == '\n' && !in && (i == 0 || b[i-1] != '\r'):
			return false
		}
	}
	return true
}
