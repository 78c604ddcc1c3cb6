package learnstats_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/learnstats/learnstats"
)

// TestRatioRoundsHalfAwayFromZero is SPEC section 0's example: 23 of 40
// points is 57.5 %, which rounds to 58 (a float computation gives 57).
func TestRatioRoundsHalfAwayFromZero(t *testing.T) {
	tests := []struct {
		name     string
		num, den int64
		want     int64
		dec2     string
		str      string
	}{
		{"spec example", 2300, 40, 58, "57.50", "57.5"},
		{"below half", 2299, 40, 57, "57.48", "57.475"},
		{"negative half", -2300, 40, -58, "-57.50", "-57.5"},
		{"thirds", 100, 3, 33, "33.33", "100/3"},
		{"two thirds", 200, 3, 67, "66.67", "200/3"},
		{"negative denominator", 1, -2, -1, "-0.50", "-0.5"},
		{"huge", math.MaxInt64, 2, math.MaxInt64/2 + 1, "4611686018427387903.50", "4611686018427387903.5"},
		{"min over min", math.MinInt64, math.MinInt64, 1, "1.00", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learnstats.NewRatio(tt.num, tt.den)
			if got := r.Int(); got != tt.want {
				t.Errorf("Int() = %d, want %d", got, tt.want)
			}
			if got := r.Decimal(2).StringFixed(2); got != tt.dec2 {
				t.Errorf("Decimal(2) = %s, want %s", got, tt.dec2)
			}
			if got := r.String(); got != tt.str {
				t.Errorf("String() = %s, want %s", got, tt.str)
			}
		})
	}
}

func TestRatioNoValue(t *testing.T) {
	var z learnstats.Ratio
	if z.Valid() || z.Int() != 0 || !z.Decimal(2).IsZero() || z.String() != "none" || z.Rat() != nil {
		t.Errorf("zero Ratio: %v %v %v %q", z.Valid(), z.Int(), z.Decimal(2), z.String())
	}
	if learnstats.NewRatio(1, 0).Valid() {
		t.Error("1/0 has a value")
	}
	if z.Add(learnstats.NewRatio(1, 2)).Valid() || learnstats.NewRatio(1, 2).Quo(0).Valid() {
		t.Error("arithmetic with no value gave a value")
	}
	if z.Cmp(learnstats.NewRatio(-5, 1)) != -1 || !z.Equal(learnstats.Ratio{}) {
		t.Error("no value must sort first and equal itself")
	}
}

// TestRatioArithmeticIsExact checks Add and Quo against math/big, across the
// int64 limits where the value moves to its big form.
func TestRatioArithmeticIsExact(t *testing.T) {
	vals := []int64{0, 1, -1, 3, 7, 40, 1 << 31, math.MaxInt64, math.MinInt64 + 1, math.MaxInt64 - 1}
	for _, an := range vals {
		for _, ad := range vals[1:] {
			for _, bn := range vals {
				for _, bd := range vals[1:4] {
					a, b := learnstats.NewRatio(an, ad), learnstats.NewRatio(bn, bd)
					want := new(big.Rat).Add(big.NewRat(an, ad), big.NewRat(bn, bd))
					if got := a.Add(b); got.Rat().Cmp(want) != 0 {
						t.Fatalf("%d/%d + %d/%d = %s, want %s", an, ad, bn, bd, got, want.RatString())
					}
					if got := a.Quo(bd); got.Rat().Cmp(new(big.Rat).Quo(big.NewRat(an, ad), big.NewRat(bd, 1))) != 0 {
						t.Fatalf("%d/%d / %d = %s", an, ad, bd, got)
					}
				}
			}
		}
	}
	// A mean over many different denominators stays exact.
	sum := learnstats.NewRatio(0, 1)
	want := new(big.Rat)
	for d := int64(1_000_003); d < 1_000_003+200; d++ {
		sum = sum.Add(learnstats.NewRatio(d*7+1, d))
		want.Add(want, big.NewRat(d*7+1, d))
	}
	if sum.Rat().Cmp(want) != 0 {
		t.Fatalf("sum of 200 fractions: %s, want %s", sum, want.RatString())
	}
	if !sum.Quo(200).Equal(sum.Quo(400).Add(sum.Quo(400))) {
		t.Error("mean halves do not add up")
	}
	if got := sum.Quo(200).Int(); got != 7 {
		t.Errorf("mean rounds to %d, want 7", got)
	}
}
