package scoring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourceNoClockNoFloat guards two house rules: library code never reads
// the clock, and rule arithmetic never goes through floating point.
func TestSourceNoClockNoFloat(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"time.Now(", "time.Since(", "float64", "float32", "DivisionPrecision"} {
			if strings.Contains(string(src), bad) {
				t.Errorf("%s uses %s", f, bad)
			}
		}
	}
}
