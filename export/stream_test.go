package export

import (
	"io"
	"testing"
)

// TestX7_StreamingMemoryDoesNotGrowWithRows checks rule X-7: the rows of
// an export are rendered into a fixed buffer and flushed, so the
// allocations of a write do not depend on the number of rows (1,000 or
// 100,000 rows from a generator cost the same).
func TestX7_StreamingMemoryDoesNotGrowWithRows(t *testing.T) {
	tab := benchTable()
	template := benchRows(1)[0]
	allocs := func(n int) float64 {
		rows := func(yield func(benchRow) bool) {
			for i := 0; i < n; i++ {
				r := template
				r.Score = int64(i % 101)
				if !yield(r) {
					return
				}
			}
		}
		return testing.AllocsPerRun(3, func() {
			if _, err := WriteCSV(io.Discard, tab, rows, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(1_000), allocs(100_000)
	if large > small {
		t.Errorf("allocations grow with rows: %v for 1,000 rows, %v for 100,000", small, large)
	}
}
