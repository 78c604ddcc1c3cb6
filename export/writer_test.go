package export

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
)

type testRow struct {
	user  learnstats.User
	score int64
	has   bool
	avg   decimal.Decimal
	last  time.Time
	spent time.Duration
	prem  bool
}

func testTable(groups []learnstats.Group, scope learnstats.Scope, fields []string) Table[testRow] {
	t := New("test-export",
		Text("First name", "The user's first name.", func(r testRow) string { return r.user.FirstName }),
		Text("Last name", "The user's last name.", func(r testRow) string { return r.user.LastName }),
		Text("Email", "The user's email.", func(r testRow) string { return r.user.Email }),
	)
	t = t.With(CustomFields(fields, func(r testRow, title string) string { return r.user.CustomFields[title] })...)
	t = t.With(
		OptInt("Score", "Integer percent; empty without a score.", func(r testRow) (int64, bool) { return r.score, r.has }),
		Decimal("Avg", "Exact average, 2 decimals.", 2, func(r testRow) (decimal.Decimal, bool) { return r.avg, r.has }),
		DateTime("Last activity", "DD/MM/YYYY HH:mm in the viewer's location.", func(r testRow) time.Time { return r.last }),
		Date("Day", "DD/MM/YYYY in the viewer's location.", func(r testRow) time.Time { return r.last }),
		Duration("Time spent", "HH:MM:SS.", func(r testRow) time.Duration { return r.spent }),
		Bool("Premium", "True or False.", func(r testRow) bool { return r.prem }),
	)
	return t.With(Groups(groups, scope, func(r testRow, g learnstats.GroupID) bool { return r.user.InGroup(g) })...)
}

var (
	testGroups = []learnstats.Group{{ID: "g2", Name: "Support"}, {ID: "g1", Name: "Sales"}, {ID: "g3", Name: "Sales"}}
	paris      = mustLoad("Europe/Paris")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func testRows() []testRow {
	return []testRow{
		{
			user: learnstats.User{ID: "u1", FirstName: "Alice", LastName: "Martin", Email: "alice@example.com",
				CustomFields: map[string]string{"Site": "Paris", "badge": "B-1"}, Groups: []learnstats.GroupID{"g1"}},
			score: 58, has: true, avg: decimal.RequireFromString("57.5"),
			last:  time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), // 01:30 CET, the night of the spring change
			spent: 27*time.Hour + 3*time.Minute + 9*time.Second + 999*time.Millisecond, prem: true,
		},
		{
			user: learnstats.User{ID: "u2", FirstName: "=HYPERLINK(\"x\")", LastName: "O'Brien, Jr.", Email: "-bob@example.com",
				CustomFields: map[string]string{"Site": "Line one\nline \"two\""}, Groups: []learnstats.GroupID{"g2", "g3"}},
			last: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), // 03:30 CEST
		},
		{
			user:  learnstats.User{ID: "u3", FirstName: " Zoé", LastName: "@home", Email: "+33@example.com"},
			spent: -90 * time.Second,
		},
	}
}

func writeString[R any](t *testing.T, tab Table[R], rows []R, o *Options) string {
	t.Helper()
	var buf bytes.Buffer
	n, err := WriteCSV(&buf, tab, slices.Values(rows), o)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Errorf("WriteCSV reported %d rows, want %d", n, len(rows))
	}
	return buf.String()
}

func TestWriteCSVGolden(t *testing.T) {
	tab := testTable(testGroups, learnstats.Everything, []string{"badge", "Site"})
	golden(t, "framework.golden.csv", []byte(writeString(t, tab, testRows(), &Options{Format: Format{Location: paris}})))
}

func TestWriteCSVSpreadsheetPreset(t *testing.T) {
	tab := testTable(testGroups, learnstats.Everything, []string{"Site"})
	o := Spreadsheet()
	o.Location = paris
	got := writeString(t, tab, testRows()[:1], &o)
	if !strings.HasPrefix(got, "\xEF\xBB\xBF") {
		t.Error("no byte-order mark")
	}
	if strings.Count(got, "\r\n") != 2 || strings.Count(got, "\n") != 2 {
		t.Errorf("want two CRLF line ends, got %q", got)
	}
	golden(t, "framework-spreadsheet.golden.csv", []byte(got))
}

func TestX7_ZeroRowsWritesHeader(t *testing.T) {
	tab := testTable(testGroups, learnstats.NewGroupScope("g2"), nil)
	got := writeString(t, tab, nil, nil)
	want := "First name,Last name,Email,Score,Avg,Last activity,Day,Time spent,Premium,Support\n"
	if got != want {
		t.Errorf("zero-row export:\n got %q\nwant %q", got, want)
	}
}

func TestX5FormulaGuard(t *testing.T) {
	tab := New("guard",
		Text("Text", "User text.", func(s string) string { return s }),
		Label("Label", "Library text.", func(s string) string { return s }),
	)
	tests := []struct {
		name, in, want string
		reason         string
	}{
		{"equals", "=1+2", "'=1+2,=1+2\n", "a formula in user text is neutralised; library text is not"},
		{"plus", "+1", "'+1,+1\n", "leading + is a formula trigger"},
		{"minus", "-2+3", "'-2+3,-2+3\n", "leading - is a formula trigger"},
		{"at", "@SUM(A1)", "'@SUM(A1),@SUM(A1)\n", "leading @ is a formula trigger"},
		{"tab", "\tx", "\"'\tx\",\"\tx\"\n", "a leading tab is guarded, and quoted so it is not trimmed"},
		{"cr", "\rx", "\"'\rx\",\"\rx\"\n", "a leading carriage return is guarded and quoted"},
		{"inner", "a=b", "a=b,a=b\n", "only the first character matters"},
		{"quote", "=\"x\",y", "\"'=\"\"x\"\",y\",\"=\"\"x\"\",y\"\n", "guard first, then CSV quoting"},
		{"empty", "", ",\n", "an empty cell stays empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := writeString(t, tab, []string{tt.in}, nil)
			if want := "Text,Label\n" + tt.want; got != want {
				t.Errorf("got %q, want %q: %s", got, want, tt.reason)
			}
		})
	}
	t.Run("off", func(t *testing.T) {
		got := writeString(t, tab, []string{"=1"}, &Options{NoFormulaGuard: true})
		if got != "Text,Label\n=1,=1\n" {
			t.Errorf("NoFormulaGuard: got %q", got)
		}
	})
}

func TestSingleColumnEmptyCellIsQuoted(t *testing.T) {
	tab := New("one", Text("Only", "One column.", func(s string) string { return s }))
	if got := writeString(t, tab, []string{"", "a"}, nil); got != "Only\n\"\"\na\n" {
		t.Errorf("got %q: an empty single cell must not be a blank line", got)
	}
}

func TestX4Formats(t *testing.T) {
	at := time.Date(2026, 10, 25, 0, 59, 0, 0, time.UTC) // 02:59 CEST, just before the change back
	tests := []struct {
		name string
		f    Format
		col  Column[time.Time]
		want string
	}{
		{"date-time UTC default", Format{}, DateTime("c", "d", func(t time.Time) time.Time { return t }), "25/10/2026 00:59"},
		{"date-time Paris", Format{Location: paris}, DateTime("c", "d", func(t time.Time) time.Time { return t }), "25/10/2026 02:59"},
		{"date-time one hour later is the repeated hour", Format{Location: paris}, DateTime("c", "d", func(t time.Time) time.Time { return t.Add(time.Hour) }), "25/10/2026 02:59"},
		{"date Paris", Format{Location: paris}, Date("c", "d", func(t time.Time) time.Time { return t.Add(23 * time.Hour) }), "26/10/2026"},
		{"custom layout", Format{DateTimeLayout: time.RFC3339}, DateTime("c", "d", func(t time.Time) time.Time { return t }), "2026-10-25T00:59:00Z"},
		{"zero time is empty", Format{}, DateTime("c", "d", func(time.Time) time.Time { return time.Time{} }), ""},
		{"year 10000", Format{}, Date("c", "d", func(time.Time) time.Time { return time.Date(10000, 1, 2, 0, 0, 0, 0, time.UTC) }), "02/01/10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(tt.col.Render(nil, at, &tt.f))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestX4Durations(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00:00"},
		{59*time.Second + 999*time.Millisecond, "00:00:59"},
		{25*time.Hour + 61*time.Second, "25:01:01"},
		{123 * time.Hour, "123:00:00"},
		{-61 * time.Second, "-00:01:01"},
	}
	for _, tt := range tests {
		if got := string(appendHHMMSS(nil, tt.d)); got != tt.want {
			t.Errorf("AppendHHMMSS(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	f := Format{Duration: func(dst []byte, d time.Duration) []byte { return append(dst, d.String()...) }}
	if got := string(f.AppendDuration(nil, 90*time.Second)); got != "1m30s" {
		t.Errorf("override: got %q", got)
	}
}

func TestX4Bools(t *testing.T) {
	f := Format{}
	if got := string(f.appendBool(f.appendBool(nil, true), false)); got != "TrueFalse" {
		t.Errorf("defaults: %q", got)
	}
	f = Format{True: "Oui", False: "Non"}
	if got := string(f.appendBool(f.appendBool(nil, true), false)); got != "OuiNon" {
		t.Errorf("override: %q", got)
	}
}

func TestX1CustomFieldOrder(t *testing.T) {
	cols := CustomFields([]string{"site", "Badge", "Site", "age", "Site"}, func(string, string) string { return "" })
	got := New[string]("x", cols...).Headers()
	if diff := cmp.Diff([]string{"age", "Badge", "Site", "site"}, got); diff != "" {
		t.Errorf("custom field order (-want +got):\n%s", diff)
	}
}

func TestX2GroupsOnlyInScope(t *testing.T) {
	member := func(learnstats.User, learnstats.GroupID) bool { return true }
	tests := []struct {
		name  string
		scope learnstats.Scope
		want  []string
	}{
		{"everything", learnstats.Everything, []string{"Sales", "Sales (2)", "Support"}},
		{"one group", learnstats.NewGroupScope("g2"), []string{"Support"}},
		{"author", learnstats.UserSet{"u1": true}, []string{}},
		{"nil scope", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New[learnstats.User]("x", Groups(testGroups, tt.scope, member)...).Headers()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("group columns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUniqueHeaders(t *testing.T) {
	got := uniqueHeaders([]string{"Q", "Q", "Q (2)", "Q", "R"})
	want := []string{"Q", "Q (3)", "Q (2)", "Q (4)", "R"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestX6Translation(t *testing.T) {
	tab := New("t", Text("First name", "d", func(s string) string { return s }), Int("Score", "d", func(string) int64 { return 1 }))
	got := writeString(t, tab, []string{"a"}, &Options{Headers: Translation{"First name": "Prénom"}})
	if got != "Prénom,Score\na,1\n" {
		t.Errorf("got %q", got)
	}
}

func TestX8FileName(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC)
	if got := FileName("general-stats", asOf); got != "general-stats-2026-11-22.csv" {
		t.Errorf("UTC: %s", got)
	}
	if got := New[int]("users").FileName(asOf.In(paris)); got != "users-2026-11-23.csv" {
		t.Errorf("Paris: %s (the date is asOf's calendar day in its location)", got)
	}
}

func TestTableOperations(t *testing.T) {
	tab := testTable(nil, nil, nil)
	sel, err := tab.Select("Email", "Score")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Email", "Score"}, sel.Headers()); diff != "" {
		t.Errorf("Select (-want +got):\n%s", diff)
	}
	ren, err := sel.Rename("Email", "E-mail")
	if err != nil {
		t.Fatal(err)
	}
	if sel.Headers()[0] != "Email" || ren.Headers()[0] != "E-mail" {
		t.Error("Rename changed the receiver or did not rename")
	}
	ins, err := ren.Insert("Score", Int("Rank", "The rank.", func(testRow) int64 { return 1 }))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"E-mail", "Rank", "Score"}, ins.Headers()); diff != "" {
		t.Errorf("Insert (-want +got):\n%s", diff)
	}
	wo, err := ins.Without("Rank")
	if err != nil || len(wo.Columns) != 2 {
		t.Errorf("Without: %v %v", wo.Headers(), err)
	}
	for name, err := range map[string]error{
		"select unknown":  second(tab.Select("Nope")),
		"rename unknown":  second(tab.Rename("Nope", "x")),
		"insert unknown":  second(tab.Insert("Nope")),
		"without unknown": second(tab.Without("Nope")),
	} {
		if !errors.Is(err, ErrUnknownColumn) {
			t.Errorf("%s: err = %v, want ErrUnknownColumn", name, err)
		}
	}
	if _, err := tab.Select("Email", "Email"); !errors.Is(err, ErrInvalidTable) {
		t.Errorf("select twice: %v", err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestValidateContract(t *testing.T) {
	ok := Int("A", "doc", func(int) int64 { return 0 })
	tests := []struct {
		name string
		cols []Column[int]
	}{
		{"empty header", []Column[int]{{Header: " ", Doc: "d", Render: ok.Render}}},
		{"duplicate", []Column[int]{ok, ok}},
		{"no doc", []Column[int]{{Header: "B", Render: ok.Render}}},
		{"two-line doc", []Column[int]{{Header: "B", Doc: "a\nb", Render: ok.Render}}},
		{"no renderer", []Column[int]{{Header: "B", Doc: "d"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WriteCSV(&bytes.Buffer{}, New("x", tt.cols...), slices.Values([]int{1}), nil)
			if !errors.Is(err, ErrInvalidTable) {
				t.Errorf("err = %v, want ErrInvalidTable", err)
			}
		})
	}
}

type failWriter struct{ after int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}

func TestWriteErrorStopsIteration(t *testing.T) {
	tab := New("x", Int("N", "d", func(n int) int64 { return int64(n) }))
	produced := 0
	rows := func(yield func(int) bool) {
		for i := 0; i < 10_000_000; i++ {
			produced++
			if !yield(i) {
				return
			}
		}
	}
	_, err := WriteCSV(&failWriter{}, tab, rows, nil)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v", err)
	}
	if produced >= 10_000_000 {
		t.Error("iteration went on after the write failed")
	}
}

func TestRecordWriter(t *testing.T) {
	var buf bytes.Buffer
	rw := newRecordWriter(&buf, &Options{Headers: Translation{"Name": "Nom"}})
	rw.UserText = map[int]bool{0: true}
	for _, rec := range [][]string{{"Name", "N"}, {"=x", "-1"}, {"a,b", "2"}} {
		if err := rw.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Write([]string{"short"}); !errors.Is(err, ErrInvalidTable) {
		t.Errorf("short record: %v", err)
	}
	rw.Flush()
	if err := rw.Error(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "Nom,N\n'=x,-1\n\"a,b\",2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

type taggedRow struct {
	Name  string `csv:"Name"`
	Score int    `csv:"Score"`
	Note  string `csv:"Note"`
}

func TestWriteTagged(t *testing.T) {
	rows := []taggedRow{{"=cmd|' /C calc'!A0", -5, "+1"}, {"Zoé, \"Z\"", 90, "@x"}}
	var buf bytes.Buffer
	o := Spreadsheet()
	o.Headers = Translation{"Score": "Note finale"}
	if err := WriteTagged(&buf, rows, &o); err != nil {
		t.Fatal(err)
	}
	golden(t, "tagged.golden.csv", buf.Bytes())
	buf.Reset()
	if err := WriteTagged(&buf, []taggedRow{}, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "Name,Score,Note\n" {
		t.Errorf("empty: %q", buf.String())
	}
}

func TestNeedsQuoteMatchesByteScan(t *testing.T) {
	slow := func(cell []byte) bool {
		if len(cell) > 0 && (cell[0] == ' ' || cell[0] == '\t') {
			return true
		}
		return bytes.ContainsAny(cell, ",\"\r\n")
	}
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 19; pos++ {
			cell := bytes.Repeat([]byte("a"), 19)
			cell[pos] = byte(b)
			for n := 1; n <= len(cell); n++ {
				if got, want := needsQuote(cell[:n]), slow(cell[:n]); got != want {
					t.Fatalf("needsQuote(%q) = %v, want %v", cell[:n], got, want)
				}
			}
		}
	}
}

// TestX5_UserTextHeadersAreGuarded: custom field titles, group names (and
// any column marked HeaderUserText) are user text in the header line, so
// the formula guard applies to them too; fixed headers are left alone.
func TestX5_UserTextHeadersAreGuarded(t *testing.T) {
	groups := []learnstats.Group{{ID: "g", Name: "+cmd|' /C calc'!A0"}}
	tab := New("h", Text("Email", "The email.", func(u learnstats.User) string { return u.Email }))
	tab = tab.With(CustomFields([]string{"@SUM(1)"}, func(u learnstats.User, f string) string { return u.CustomFields[f] })...)
	tab = tab.With(Groups(groups, learnstats.Everything, func(u learnstats.User, g learnstats.GroupID) bool { return u.InGroup(g) })...)
	got := writeString(t, tab, nil, nil)
	if want := "Email,'@SUM(1),'+cmd|' /C calc'!A0\n"; got != want {
		t.Errorf("guarded header:\n got %q\nwant %q", got, want)
	}
	if diff := cmp.Diff([]string{"Email", "'@SUM(1)", "'+cmd|' /C calc'!A0"}, tab.HeaderCells(nil)); diff != "" {
		t.Errorf("HeaderCells (-want +got):\n%s", diff)
	}
	got = writeString(t, tab, nil, &Options{NoFormulaGuard: true})
	if want := "Email,@SUM(1),+cmd|' /C calc'!A0\n"; got != want {
		t.Errorf("NoFormulaGuard:\n got %q\nwant %q", got, want)
	}
	var buf bytes.Buffer
	rw := newRecordWriter(&buf, nil)
	rw.GuardHeader = true
	if err := rw.Write([]string{"=title", "ok"}); err != nil {
		t.Fatal(err)
	}
	rw.Flush()
	if buf.String() != "'=title,ok\n" {
		t.Errorf("RecordWriter.GuardHeader: %q", buf.String())
	}
}
