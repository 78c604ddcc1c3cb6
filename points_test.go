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
