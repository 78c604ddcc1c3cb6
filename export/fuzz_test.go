package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRoundTrip checks that any cell text written by WriteCSV reads back
// (encoding/csv) as the same cells: user text with the X-5 prefix exactly
// when its first byte is a formula trigger, library text unchanged, with
// and without the spreadsheet preset.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "plain", "=1+2", "-5", "@x", "\tx", "\rx", "a,b", "\"q\"", "line\nbreak", "crlf\r\nend", " lead", "é'"} {
		f.Add(s, s, false)
		f.Add(s, "x", true)
	}
	f.Fuzz(func(t *testing.T, user, lib string, spreadsheet bool) {
		if !utf8.ValidString(user) || !utf8.ValidString(lib) {
			t.Skip("encoding/csv replaces invalid UTF-8 on read; exports are UTF-8")
		}
		tab := New("fuzz",
			Text("User", "User text.", func(r [2]string) string { return r[0] }),
			Label("Lib", "Library text.", func(r [2]string) string { return r[1] }),
		)
		var o Options
		if spreadsheet {
			o = Spreadsheet()
		}
		var buf bytes.Buffer
		rows := [][2]string{{user, lib}, {lib, user}}
		if _, err := WriteCSV(&buf, tab, slices.Values(rows), &o); err != nil {
			t.Fatal(err)
		}
		out := bytes.TrimPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF"))
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("output does not parse: %v\n%q", err, out)
		}
		if len(recs) != 3 {
			t.Fatalf("%d records, want 3: %q", len(recs), out)
		}
		// encoding/csv turns a quoted \r\n into \n; that is the reader's rule.
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		guarded := func(s string) string {
			if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
				return "'" + s
			}
			return s
		}
		for i, r := range rows {
			want := []string{norm(guarded(r[0])), norm(r[1])}
			if !slices.Equal(recs[i+1], want) {
				t.Errorf("row %d reads back as %q, want %q", i, recs[i+1], want)
			}
		}
	})
}
