package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learnstats/learnstats/examples/demo"
)

// TestReportWritesEveryExport runs the main job on the embedded demo data
// and checks that every job wrote its files and that the summary lists
// them.
func TestReportWritesEveryExport(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run([]string{"-out", dir}, &out); err != nil {
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

func TestReportBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-tz", "Nowhere/Atlantis"}, {"-asof", "yesterday"}, {"-data", "/nonexistent"}} {
		if err := run(append(args, "-out", t.TempDir()), &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestReportBadDataNamesFileLineColumn(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../demo/data/users.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	fields := strings.Split(lines[3], ",")
	fields[6] = "not-a-time"
	lines[3] = strings.Join(fields, ",")
	entries, err := os.ReadDir("../demo/data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../demo/data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "users.csv" {
			b = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err = run([]string{"-data", dir, "-out", t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "users.csv:4:7:") {
		t.Errorf("err = %v, want one naming users.csv:4:7", err)
	}
}

// TestAnonymizedExportsLeakNoIdentity checks rule E-11 on the demo: the
// anonymized exports contain no email and no name of any demo user.
func TestAnonymizedExportsLeakNoIdentity(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-out", dir}, &bytes.Buffer{}); err != nil {
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
