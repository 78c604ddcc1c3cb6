package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFlags checks the command line as a newcomer meets it: exit status
// and the words the messages must contain.
func TestFlags(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{
			name: "help", reason: `-h exited 1 and printed "flag: help requested"`,
			args: []string{"-h"}, code: 0, stdout: []string{"-out", "-asof", "-tz", "-data", "-plain"},
		},
		{
			name: "extra argument", reason: "a positional argument was silently ignored",
			args: []string{"-out", "OUT", "extra"}, code: 2, stderr: []string{`"extra"`},
		},
		{
			name: "missing data directory", reason: "the error named groups.csv, not the directory",
			args: []string{"-data", "/nonexistent", "-out", "OUT"}, code: 1, stderr: []string{"-data", "/nonexistent"},
		},
		{
			name: "asof before the data", reason: "the error did not say which flag was wrong",
			args: []string{"-asof", "2020-01-01T00:00:00Z", "-out", "OUT"}, code: 1, stderr: []string{"-asof", "2020-01-01T00:00:00Z"},
		},
		{
			name: "asof not RFC 3339", reason: "names the flag",
			args: []string{"-asof", "yesterday", "-out", "OUT"}, code: 2, stderr: []string{"-asof", "yesterday"},
		},
		{
			name: "unknown zone", reason: "names the flag",
			args: []string{"-tz", "Nowhere/Atlantis", "-out", "OUT"}, code: 2, stderr: []string{"-tz", "Nowhere/Atlantis"},
		},
		{
			name: "unknown flag", reason: "usage on stderr",
			args: []string{"-bogus"}, code: 2, stderr: []string{"-bogus", "-plain"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out")
			args := slices.Clone(tc.args)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			res := runReport(t, args...)
			if res.code != tc.code {
				t.Errorf("exit status %d, want %d (%s); stderr %q", res.code, tc.code, tc.reason, res.stderr)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(res.stdout, w) {
					t.Errorf("stdout %q does not contain %q (%s)", res.stdout, w, tc.reason)
				}
			}
			for _, w := range tc.stderr {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("stderr %q does not contain %q (%s)", res.stderr, w, tc.reason)
				}
			}
			if tc.code != 0 {
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("a failed run created -out (%v)", err)
				}
			}
		})
	}
}

// TestActiveUsersFollowAsOf checks that the D-1 charts are asOf's month
// and the month before (they were October and November 2026 whatever
// -asof said).
func TestActiveUsersFollowAsOf(t *testing.T) {
	cases := []struct {
		name, asOf string
		want       []string
	}{
		{"demo asOf", "2026-11-22T12:00:00+01:00", []string{
			"active-users-per-day-2026-10-2026-11-22.csv", "active-users-per-day-2026-11-2026-11-22.csv"}},
		{"January", "2027-01-10T12:00:00+01:00", []string{
			"active-users-per-day-2026-12-2027-01-10.csv", "active-users-per-day-2027-01-2027-01-10.csv"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out")
			if res := runReport(t, "-asof", tc.asOf, "-out", out); res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			got, err := filepath.Glob(filepath.Join(out, "active-users-per-day-*"))
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i] = filepath.Base(got[i])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("active users files (-want +got):\n%s", diff)
			}
			// Every day of the month, and nothing else.
			for _, f := range got {
				recs := csvCells(t, filepath.Join(out, f))
				month := strings.TrimSuffix(strings.TrimPrefix(f, "active-users-per-day-"), tc.asOf[:10]+".csv")
				for _, r := range recs[1:] {
					// Dates are DD/MM/YYYY.
					if mm := r[0][6:10] + "-" + r[0][3:5] + "-"; mm != month {
						t.Errorf("%s: day %s is not in %s", f, r[0], month)
					}
				}
			}
		})
	}
}

// TestSpreadsheetByDefault checks that the report writes spreadsheet-ready
// files by default (BOM, CRLF: X-5's option, so that Excel shows "Chloé"),
// that -plain writes UTF-8 with LF and no BOM, and that the two differ by
// nothing else.
func TestSpreadsheetByDefault(t *testing.T) {
	def, plain := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "out")
	if res := runReport(t, "-out", def); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if res := runReport(t, "-plain", "-out", plain); res.code != 0 {
		t.Fatalf("-plain: exit %d: %s", res.code, res.stderr)
	}
	files, err := filepath.Glob(filepath.Join(def, "*.csv"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d files: %v", len(files), err)
	}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := os.ReadFile(filepath.Join(plain, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if !bytes.HasPrefix(d, []byte("\uFEFF")) || !bytes.HasSuffix(d, []byte("\r\n")) {
			t.Errorf("%s: default output has no BOM or no CRLF line end", name)
		}
		if bytes.HasPrefix(p, []byte("\uFEFF")) || bytes.Contains(p, []byte("\r\n")) {
			t.Errorf("%s: -plain output has a BOM or a CRLF", name)
		}
		asPlain := bytes.ReplaceAll(bytes.TrimPrefix(d, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
		if !bytes.Equal(asPlain, p) {
			t.Errorf("%s: default and -plain outputs differ beyond BOM and line ends", name)
		}
	}
}

// TestOutputReplacesOnlyItsFiles checks that a successful run into an
// existing directory replaces the exports of the same name and leaves the
// user's other files alone.
func TestOutputReplacesOnlyItsFiles(t *testing.T) {
	out := newOutDir(t)
	stale := filepath.Join(out.path, "users-2026-11-22.csv")
	if err := os.WriteFile(stale, []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runReport(t, "-out", out.path)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if b, err := os.ReadFile(filepath.Join(out.path, keepName)); err != nil || string(b) != keepText {
		t.Errorf("%s: %q %v: the user's file was changed", keepName, b, err)
	}
	if b, err := os.ReadFile(stale); err != nil || string(b) == "stale\n" {
		t.Errorf("users export not replaced: %q %v", b, err)
	}
	beside, err := os.ReadDir(out.parent)
	if err != nil || len(beside) != 1 {
		t.Errorf("beside -out: %v %v, want only out", beside, err)
	}
}
