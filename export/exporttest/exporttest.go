// Package exporttest checks a table against the export contract, so that
// a caller can test their own tables the way learnstats tests its
// built-in ones (as prometheus/testutil does for collectors).
package exporttest

import (
	"testing"

	"github.com/learnstats/learnstats/export"
)

// Check reports through t every way the table breaks the export contract:
// empty or duplicate headers, missing doc lines, no header line for zero
// rows, a varying field count, or output that does not parse back to the
// cells the table renders. rows should include awkward values (commas,
// quotes, line breaks, leading = or -) to exercise quoting and the formula
// guard. o may be nil.
func Check[R any](t testing.TB, table export.Table[R], rows []R, o *export.Options) {
	t.Helper()
	// Implemented in the foundation work; this placeholder validates only.
	if err := table.Validate(); err != nil {
		t.Error(err)
	}
}
