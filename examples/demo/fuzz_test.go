package demo_test

import (
	"errors"
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/learnstats/learnstats/examples/demo"
)

// FuzzRows reads arbitrary bytes as a data file: Rows never panics, every
// error matches ErrBadData and names the file, and every cell it returns
// is valid UTF-8 without NUL.
func FuzzRows(f *testing.F) {
	f.Add([]byte("id,n\na,1\n"))
	f.Add([]byte("\uFEFFid,n\r\n\"a\r\nb\",2\r\n\r\n"))
	f.Add([]byte("n,id\n99999999999999999999,x\n"))
	schema := demo.Schema{Required: []string{"id", "n"}, Unique: [][]string{{"id"}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := demo.Open(fstest.MapFS{"f.csv": {Data: data}}, "f.csv", schema)
		for r.Next() {
			id := r.Text("id")
			r.Int64("n")
			if strings.ContainsRune(id, 0) || !utf8.ValidString(id) {
				t.Errorf("cell %q: NUL or invalid UTF-8 let through", id)
			}
		}
		if err := r.Err(); err != nil && (!errors.Is(err, demo.ErrBadData) || !strings.HasPrefix(err.Error(), "f.csv:")) {
			t.Errorf("error %v: want ErrBadData naming f.csv", err)
		}
	})
}

// FuzzLoad replaces one file of the demo data with arbitrary bytes: Load
// never panics, and fails only with an error matching ErrBadData. The two
// long files nothing refers to (events, logins) are cut to their first
// lines, so that an execution is cheap.
func FuzzLoad(f *testing.F) {
	base := fstest.MapFS{}
	names, err := fs.Glob(demo.Embedded(), "*.csv")
	if err != nil || len(names) == 0 {
		f.Fatal(names, err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(demo.Embedded(), name)
		if err != nil {
			f.Fatal(err)
		}
		if name == "activity_events.csv" || name == "training_logins.csv" {
			lines := strings.SplitAfter(string(b), "\n")
			b = []byte(strings.Join(lines[:min(len(lines), 40)], ""))
		}
		base[name] = &fstest.MapFile{Data: b}
	}
	if _, err := demo.Load(base); err != nil {
		f.Fatal(err)
	}
	for i, name := range names {
		f.Add(uint8(i), base[name].Data)
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := maps.Clone(base)
		name := names[int(which)%len(names)]
		fsys[name] = &fstest.MapFile{Data: data}
		if _, err := demo.Load(fsys); err != nil && !errors.Is(err, demo.ErrBadData) {
			t.Errorf("%s: %v does not match ErrBadData", name, err)
		}
	})
}
