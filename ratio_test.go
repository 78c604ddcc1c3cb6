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

// times100 returns 100 × num / den exactly, as a sum of 100 Ratios, so
// that values whose percent numerator does not fit an int64 can be built
// (the old scoring.Percent{num, den}).
func times100(num, den int64) learnstats.Ratio {
	x, sum := learnstats.NewRatio(num, den), learnstats.NewRatio(0, 1)
	for range 100 {
		sum = sum.Add(x)
	}
	return sum
}

// TestRatioInt is Rule S-1's rounding, half away from zero, on exact
// values, near the int64 limits too (ported from scoring's Percent tests).
func TestRatioInt(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		r      learnstats.Ratio
		want   int64
	}{
		{"23 of 40", "57.5 rounds half away from zero to 58 (a float gives 57)", learnstats.NewRatio(2300, 40), 58},
		{"27 of 40", "67.5 → 68", learnstats.NewRatio(2700, 40), 68},
		{"just below half", "57.49975 → 57", learnstats.NewRatio(22999900, 400000), 57},
		{"1 of 3", "33.33 → 33", learnstats.NewRatio(100, 3), 33},
		{"2 of 3", "66.67 → 67", learnstats.NewRatio(200, 3), 67},
		{"zero den", "no value counts 0", learnstats.NewRatio(5, 0), 0},
		{"negative", "half away from zero: -57.5 → -58", learnstats.NewRatio(-2300, 40), -58},
		{"negative den", "", learnstats.NewRatio(2300, -40), -58},
		{"huge", "no overflow near int64 limits: 49.99…", times100(math.MaxInt64/2, math.MaxInt64), 50},
		{"huge max", "", times100(math.MaxInt64, math.MaxInt64), 100},
		{"min int", "-100.00…01 → -100", times100(math.MinInt64, math.MaxInt64), -100},
		{"above 100", "", learnstats.NewRatio(300, 2), 150},
		{"just below half, big form", "(2^62 - 1) / 2^63 × 100 = 49.99… → 50, not 49", times100(1<<62-1, math.MaxInt64), 50},
		{"beyond int64", "saturates at the bound", times100(math.MaxInt64, 1), math.MaxInt64},
		{"beyond int64, negative", "saturates at the bound", times100(math.MinInt64, 1), math.MinInt64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Int(); got != tc.want {
				t.Errorf("%s: %v.Int() = %d, want %d", tc.reason, tc.r, got, tc.want)
			}
		})
	}
}

// TestRatioFormats: String gives the exact value, Decimal the value
// rounded half away from zero (ported from scoring's Percent tests).
func TestRatioFormats(t *testing.T) {
	tests := []struct {
		r       learnstats.Ratio
		exact   string
		decimal string
	}{
		{learnstats.NewRatio(2300, 40), "57.5", "57.50"},
		{learnstats.NewRatio(14500, 200), "72.5", "72.50"},
		{learnstats.NewRatio(100, 1), "100", "100.00"},
		{learnstats.NewRatio(100, 3), "100/3", "33.33"},
		{learnstats.NewRatio(200, 3), "200/3", "66.67"},
		{learnstats.NewRatio(100, 8), "12.5", "12.50"},
		{learnstats.NewRatio(100, 1600), "0.0625", "0.06"},
		{learnstats.NewRatio(0, 1), "0", "0.00"},
		{learnstats.NewRatio(1, 2000), "0.0005", "0.00"},
		{learnstats.NewRatio(-1, 200), "-0.005", "-0.01"},
		{learnstats.NewRatio(5, 1000), "0.005", "0.01"},
	}
	for _, tc := range tests {
		if got := tc.r.String(); got != tc.exact {
			t.Errorf("String() = %q, want %q", got, tc.exact)
		}
		if got := tc.r.Decimal(2).StringFixed(2); got != tc.decimal {
			t.Errorf("%v.Decimal(2) = %s, want %s", tc.r, got, tc.decimal)
		}
	}
	if !learnstats.NewRatio(1, 2).Equal(learnstats.NewRatio(50, 100)) || learnstats.NewRatio(1, 2).Equal(learnstats.NewRatio(1, 3)) || !learnstats.NewRatio(0, 1).Equal(learnstats.NewRatio(0, 7)) {
		t.Error("Equal compares values")
	}
	if got := learnstats.NewRatio(100, 3).Rat().RatString(); got != "100/3" {
		t.Errorf("Rat = %s", got)
	}
	if got := times100(1, 3).Decimal(2).StringFixed(2); got != "33.33" {
		t.Errorf("Decimal of a big-form value: %s", got)
	}
}
