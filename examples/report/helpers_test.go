package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/examples/demo"
)

// reportBin is the report command, built once by TestMain: the bad-input
// tests run it as a user does and look at its exit status, its stderr and
// the files it leaves.
var reportBin string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "report-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	reportBin = filepath.Join(dir, "report")
	goTool, err := exec.LookPath("go") // go test puts GOROOT/bin on PATH
	if err != nil {
		fmt.Fprintln(os.Stderr, "report tests: no go command to build the report with:", err)
		return 1
	}
	build := exec.Command(goTool, "build", "-o", reportBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "report tests: building the report:", err)
		return 1
	}
	return m.Run()
}

// result is what one run of the report command gave.
type result struct {
	code           int
	stdout, stderr string
}

// runReport runs the built report command with args.
func runReport(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(reportBin, args...)
	cmd.Dir = t.TempDir() // the default -out is relative: keep it out of the source tree
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return result{0, stdout.String(), stderr.String()}
	case errors.As(err, &exit):
		return result{exit.ExitCode(), stdout.String(), stderr.String()}
	}
	t.Fatalf("running the report: %v", err)
	return result{}
}

// testData is a copy of the embedded demo data in a temporary directory,
// to be edited by column name.
type testData struct {
	t   *testing.T
	dir string
}

// newTestData copies the embedded demo data into a fresh directory.
func newTestData(t *testing.T) *testData {
	t.Helper()
	dir := t.TempDir()
	src := demo.Embedded()
	names, err := fs.Glob(src, "*.csv")
	if err != nil || len(names) == 0 {
		t.Fatalf("demo data: %v %v", names, err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &testData{t: t, dir: dir}
}

// csvFile is one data file being edited: its header, its records and the
// blank lines written before some of them.
type csvFile struct {
	t      *testing.T
	name   string
	header []string
	rows   [][]string
	blank  map[int]int // row index → blank lines before it
}

// written is an edited file as written back, with the line each record
// starts on, counted by the writer (independently of the reader under
// test).
type written struct {
	name   string
	header []string
	lines  []int // row index → line the record starts on
}

// edit reads file name, lets f change it, and writes it back with
// encoding/csv (a cell with a newline is quoted and spans two lines).
func (d *testData) edit(name string, f func(c *csvFile)) *written {
	d.t.Helper()
	path := filepath.Join(d.dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		d.t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		d.t.Fatalf("%s: %v", name, err)
	}
	c := &csvFile{t: d.t, name: name, header: recs[0], rows: recs[1:], blank: map[int]int{}}
	f(c)
	var out bytes.Buffer
	line := 1
	put := func(rec []string) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.Write(rec); err != nil {
			d.t.Fatal(err)
		}
		w.Flush()
		line += bytes.Count(buf.Bytes(), []byte("\n"))
		out.Write(buf.Bytes())
	}
	put(c.header)
	w := &written{name: name, header: c.header}
	for i, rec := range c.rows {
		for range c.blank[i] {
			out.WriteByte('\n')
			line++
		}
		w.lines = append(w.lines, line)
		put(rec)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		d.t.Fatal(err)
	}
	return w
}

// col returns the index of column name, failing the test when the header
// has none.
func (c *csvFile) col(name string) int {
	c.t.Helper()
	i := slices.Index(c.header, name)
	if i < 0 {
		c.t.Fatalf("%s has no column %q: %v", c.name, name, c.header)
	}
	return i
}

// find returns the index of the first row whose column col holds value.
func (c *csvFile) find(col, value string) int {
	c.t.Helper()
	j := c.col(col)
	for i, r := range c.rows {
		if r[j] == value {
			return i
		}
	}
	c.t.Fatalf("%s: no row with %s = %q", c.name, col, value)
	return -1
}

func (c *csvFile) get(row int, col string) string { return c.rows[row][c.col(col)] }

func (c *csvFile) set(row int, col, value string) { c.rows[row][c.col(col)] = value }

// rename renames a header cell.
func (c *csvFile) rename(from, to string) { c.header[c.col(from)] = to }

// drop removes a column.
func (c *csvFile) drop(col string) {
	j := c.col(col)
	c.header = slices.Delete(c.header, j, j+1)
	for i := range c.rows {
		c.rows[i] = slices.Delete(c.rows[i], j, j+1)
	}
}

// move moves a column to index to.
func (c *csvFile) move(col string, to int) {
	j := c.col(col)
	mv := func(r []string) []string {
		v := r[j]
		r = slices.Delete(r, j, j+1)
		return slices.Insert(r, to, v)
	}
	c.header = mv(c.header)
	for i := range c.rows {
		c.rows[i] = mv(c.rows[i])
	}
}

// dup inserts a copy of row after it and returns the copy's index.
func (c *csvFile) dup(row int) int {
	c.rows = slices.Insert(c.rows, row+1, slices.Clone(c.rows[row]))
	return row + 1
}

// blankBefore writes n blank lines before row.
func (c *csvFile) blankBefore(row, n int) { c.blank[row] += n }

// at is the position a cell error names: "file:line:column: name:", the
// column numbered from the file's own header.
func (w *written) at(row int, col string) string {
	j := slices.Index(w.header, col)
	return fmt.Sprintf("%s:%d:%d: %s:", w.name, w.lines[row], j+1, col)
}

// header is the position an error about the header names.
func (w *written) headerPos() string { return w.name + ":1:" }

// outDir is an existing -out directory that holds a file of the user's:
// a failed run must leave exactly that.
type outDir struct {
	parent, path string
}

const keepName, keepText = "keep.txt", "the user's own file\n"

func newOutDir(t *testing.T) outDir {
	t.Helper()
	parent := t.TempDir()
	o := outDir{parent: parent, path: filepath.Join(parent, "out")}
	if err := os.Mkdir(o.path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(o.path, keepName), []byte(keepText), 0o644); err != nil {
		t.Fatal(err)
	}
	return o
}

// checkUntouched fails the test unless the out directory holds only the
// user's file, unchanged, and nothing was left beside it.
func (o outDir) checkUntouched(t *testing.T) {
	t.Helper()
	entries, err := os.ReadDir(o.path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{keepName}, names); diff != "" {
		t.Errorf("-out after a failed run (-want +got):\n%s", diff)
	}
	if b, err := os.ReadFile(filepath.Join(o.path, keepName)); err != nil || string(b) != keepText {
		t.Errorf("%s: %q %v: the user's file was changed", keepName, b, err)
	}
	beside, err := os.ReadDir(o.parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(beside) != 1 {
		var names []string
		for _, e := range beside {
			names = append(names, e.Name())
		}
		t.Errorf("beside -out: %v, want only out (no temporary directory left)", names)
	}
}

// csvCells reads every cell of a report output file (BOM and CRLF
// allowed).
func csvCells(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return recs
}
