package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learnstats/learnstats/examples/demo"
)

// reportIn runs the report in the test's process.
func reportIn(args []string, stdout io.Writer) error {
	fl, cfg := newFlags()
	return report(fl, cfg, args, stdout)
}

// TestReportWritesEveryExport runs the main job on the embedded demo data
// and checks that every job wrote its files and that the summary lists
// them.
func TestReportWritesEveryExport(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := reportIn([]string{"-out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.Contains(out.String(), filepath.Join(dir, e.Name())) {
			t.Errorf("summary does not list %s", e.Name())
		}
		if !strings.HasSuffix(e.Name(), "-2026-11-22.csv") {
			t.Errorf("%s: not an X-8 file name for the demo asOf", e.Name())
		}
	}
}

// TestAnonymizedExportsLeakNoIdentity checks rule E-11 on the demo: the
// anonymized exports contain no email and no name of any demo user.
func TestAnonymizedExportsLeakNoIdentity(t *testing.T) {
	dir := t.TempDir()
	if err := reportIn([]string{"-out", dir}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*anonymized*.csv"))
	if err != nil || len(files) < 2 {
		t.Fatalf("anonymized exports: %v %v", files, err)
	}
	ds, err := demo.Load(demo.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ds.Users {
			for _, s := range []string{u.Email, u.FirstName + "," + u.LastName, u.LastName} {
				if strings.Contains(string(b), s) {
					t.Errorf("%s contains %q of user %s", filepath.Base(f), s, u.ID)
				}
			}
		}
	}
}
