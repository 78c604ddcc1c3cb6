package learnstats_test

import (
	"testing"

	"github.com/learnstats/learnstats"
)

// TestCompareIDs is the order of "the higher ID" in Rules S-3, L-2 and
// L-9: numbers numerically, then byte by byte, numbers first; total.
func TestCompareIDs(t *testing.T) {
	tests := []struct {
		a, b learnstats.AttemptID
		want int
	}{
		{"9", "10", -1},
		{"10", "9", +1},
		{"010", "10", +1}, // same number: the longer spelling is higher, so the order stays total
		{"10", "10", 0},
		{"a", "b", -1},
		{"10", "a", -1},
		{"b", "10", +1},
		{"abc", "abd", -1},
		{"", "0", +1}, // the empty ID is not a number
		{"", "", 0},
		{"99999999999999999999", "100000000000000000000", -1}, // beyond int64
	}
	for _, tc := range tests {
		if got := learnstats.CompareIDs(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := learnstats.CompareIDs(tc.b, tc.a); got != -tc.want {
			t.Errorf("CompareIDs(%q, %q) = %d, want %d (antisymmetry)", tc.b, tc.a, got, -tc.want)
		}
	}
}
