package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

func TestPercentRounding(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		p      Percent
		want   int
	}{
		{"23 of 40", "57.5 rounds half away from zero to 58 (a float gives 57)", Percent{23, 40}, 58},
		{"27 of 40", "67.5 → 68", Percent{27, 40}, 68},
		{"just below half", "57.4999… → 57", Percent{229999, 400000}, 57},
		{"1 of 3", "33.33 → 33", Percent{1, 3}, 33},
		{"2 of 3", "66.67 → 67", Percent{2, 3}, 67},
		{"zero den", "no value counts 0", Percent{5, 0}, 0},
		{"negative", "half away from zero: -57.5 → -58", Percent{-23, 40}, -58},
		{"negative den", "", Percent{23, -40}, -58},
		{"huge", "no overflow near int64 limits", Percent{math.MaxInt64 / 2, math.MaxInt64}, 50},
		{"huge max", "", Percent{math.MaxInt64, math.MaxInt64}, 100},
		{"min int", "", Percent{math.MinInt64, math.MaxInt64}, -100},
		{"above 100", "", Percent{3, 2}, 150},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Int(); got != tc.want {
				t.Errorf("%s: %v.Int() = %d, want %d", tc.reason, tc.p, got, tc.want)
			}
			if tc.p.Num >= 0 && tc.p.Den > 0 && tc.p.Num <= tc.p.Den && tc.p.Den <= int64(MaxPoints) {
				if got := roundPercent(tc.p.Num, tc.p.Den); got != tc.want {
					t.Errorf("roundPercent = %d, want %d", got, tc.want)
				}
			}
		})
	}
}

func TestPercentFormats(t *testing.T) {
	tests := []struct {
		p       Percent
		exact   string
		str     string
		decimal string
	}{
		{Percent{23, 40}, "57.5", "58% (exactly 57.5)", "57.50"},
		{Percent{145, 200}, "72.5", "73% (exactly 72.5)", "72.50"},
		{Percent{1, 1}, "100", "100%", "100.00"},
		{Percent{1, 3}, "100/3", "33% (exactly 100/3)", "33.33"},
		{Percent{2, 3}, "200/3", "67% (exactly 200/3)", "66.67"},
		{Percent{1, 8}, "12.5", "13% (exactly 12.5)", "12.50"},
		{Percent{1, 1600}, "0.0625", "0% (exactly 0.0625)", "0.06"},
		{Percent{}, "0", "0%", "0.00"},
	}
	for _, tc := range tests {
		if got := tc.p.Exact(); got != tc.exact {
			t.Errorf("%v.Exact() = %q, want %q", tc.p, got, tc.exact)
		}
		if got := tc.p.String(); got != tc.str {
			t.Errorf("String() = %q, want %q", got, tc.str)
		}
		if got := tc.p.Decimal(2).StringFixed(2); got != tc.decimal {
			t.Errorf("%v.Decimal(2) = %s, want %s", tc.p, got, tc.decimal)
		}
	}
	if !(Percent{1, 2}).Equal(Percent{50, 100}) || (Percent{1, 2}).Equal(Percent{1, 3}) || !(Percent{}).Equal(Percent{0, 7}) {
		t.Error("Equal compares values")
	}
	if got := (Percent{1, 3}).Rat().RatString(); got != "100/3" {
		t.Errorf("Rat = %s", got)
	}
}

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

func TestCompareAttemptIDs(t *testing.T) {
	tests := []struct {
		a, b AttemptID
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
	}
	for _, tc := range tests {
		if got := CompareAttemptIDs(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareAttemptIDs(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
