package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/name byte for byte, or rewrites the
// file when the test runs with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (run with -update after review)\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// Golden is golden for the external test package (export_test), where
// tests that use exporttest live: exporttest imports export, so an
// internal test cannot import it.
func Golden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden(t, name, got)
}

// TestTable is the framework test table, for the external test package.
var TestTable, TestRows, Paris = testTable, testRows, paris
