package demo_test

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/examples/demo"
)

// embeddedCopy returns the embedded data as a map file system, to edit.
func embeddedCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	src := demo.Embedded()
	names, err := fs.Glob(src, "*.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	return out
}

// TestLoadReadsSpreadsheetFiles feeds every file back as a spreadsheet
// program saves it (and as the report writes it by default): a byte-order
// mark and CRLF line ends. The dataset must be the same.
func TestLoadReadsSpreadsheetFiles(t *testing.T) {
	want, err := demo.Load(demo.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	fsys := embeddedCopy(t)
	for _, f := range fsys {
		f.Data = append([]byte("\uFEFF"), bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))...)
	}
	got, err := demo.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// encoding/csv turns a quoted cell's CRLF back into LF, so the
	// records are the same.
	if diff := cmp.Diff(want.Users, got.Users); diff != "" {
		t.Errorf("users (-plain +spreadsheet):\n%s", diff)
	}
	if diff := cmp.Diff(want.Training, got.Training); diff != "" {
		t.Errorf("training area (-plain +spreadsheet):\n%s", diff)
	}
}

// TestRowsPositions checks the positions Rows reports on a small file: the
// line a record starts on (after a two-line cell and blank lines) and the
// column from the header.
func TestRowsPositions(t *testing.T) {
	schema := demo.Schema{Required: []string{"id", "n"}, Optional: []string{"note"}, Unique: [][]string{{"id"}}}
	cases := []struct {
		name, file, reason string
		want               string // the error, "" for none
	}{
		{"good", "n,id\n1,a\n2,b\n", "columns in any order", ""},
		{"two-line cell", "id,note,n\na,\"x\ny\",1\n\n\nb,,zz\n", "line 6, column 3", `t.csv:6:3: n: "zz" is not an integer`},
		{"optional missing", "id,n\na,1\n", "note is optional", ""},
		{"duplicate", "id,n\na,1\n\"a\",2\n", "the second a", `t.csv:3:1: id: duplicate "a" (first on line 2)`},
		{"empty key", "id,n\n,1\n", "a key is never empty", `t.csv:2:1: id: empty`},
		{"bare quote", "id,n\na,1\nb\"c,2\n", "csv syntax", `t.csv:3: bare " in non-quoted-field (line 3, byte 2)`},
		{"missing", "id,m\na,1\n", "n misspelled", `t.csv:1: missing column "n" (the header has unknown columns "m")`},
		{"no header", "", "an empty file", `t.csv:1: no header line: missing column "id"`},
		{"header NUL", "id,n\x00\n", "the header is text too", `t.csv:1:2: NUL byte in "n\x00"`},
		{"too small", "id,n\na,-99999999999999999999\n", "the other end", `t.csv:2:2: n: -99999999999999999999 is too small (at least -9223372036854775808)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := demo.Open(fstest.MapFS{"t.csv": {Data: []byte(tc.file)}}, "t.csv", schema)
			for r.Next() {
				r.Int("n")
				r.Text("note")
			}
			got := ""
			if err := r.Err(); err != nil {
				got = err.Error()
				if !errors.Is(err, demo.ErrBadData) {
					t.Errorf("%v does not wrap ErrBadData", err)
				}
			}
			if got != tc.want {
				t.Errorf("error %q, want %q (%s)", got, tc.want, tc.reason)
			}
		})
	}
}
