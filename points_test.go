package learnstats

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// TestS1_PointsFromDecimalHugeExponents: caller decimals with huge
// exponents are rejected at once, with a short message (no rounding or
// printing of millions of digits).
func TestS1_PointsFromDecimalHugeExponents(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(1, 5_000_000), decimal.New(-3, 2_000_000), decimal.New(1, -5_000_000), decimal.New(7, 10)} {
		_, err := PointsFromDecimal(d)
		if !errors.Is(err, ErrInvalidPoints) {
			t.Errorf("1e%d: err = %v, want ErrInvalidPoints", d.Exponent(), err)
		}
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("error message of %d bytes", len(err.Error()))
		}
	}
	for _, s := range []string{"1000000000", "-1000000000", "0.0000001", "0", "12.5"} {
		if _, err := PointsFromDecimal(decimal.RequireFromString(s)); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := PointsFromDecimal(decimal.RequireFromString("1000000000.0000001")); !errors.Is(err, ErrInvalidPoints) {
		t.Errorf("just beyond the max: %v", err)
	}
}

// TestPoints: fixed point with seven decimals, parsed and printed exactly
// (ported from package scoring).
func TestPoints(t *testing.T) {
	tests := []struct {
		in   string
		want Points
		str  string
		err  error
	}{
		{"12", WholePoints(12), "12", nil},
		{"0.5", 5_000_000, "0.5", nil},
		{"0.3333333", 3_333_333, "0.3333333", nil},
		{"-2.25", -22_500_000, "-2.25", nil},
		{"1000000000", MaxPoints, "1000000000", nil},
		{"0.00000001", 0, "", ErrInvalidPoints},
		{"1000000000.1", 0, "", ErrInvalidPoints},
		{"abc", 0, "", ErrInvalidPoints},
	}
	for _, tc := range tests {
		got, err := ParsePoints(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("ParsePoints(%q) error %v, want %v", tc.in, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		if got != tc.want || got.String() != tc.str {
			t.Errorf("ParsePoints(%q) = %d %q, want %d %q", tc.in, got, got, tc.want, tc.str)
		}
		if !got.Decimal().Equal(decimal.RequireFromString(tc.in)) {
			t.Errorf("Decimal() = %s, want %s", got.Decimal(), tc.in)
		}
	}
	if WholePoints(2_000_000_000) <= MaxPoints || WholePoints(-2_000_000_000) >= -MaxPoints {
		t.Error("WholePoints out of range must stay out of range")
	}
}
