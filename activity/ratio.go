package activity

import (
	"time"

	"github.com/shopspring/decimal"
)

// Ratio is an exact quotient Num / Den of two counts, kept unrounded so
// that averages are never averages of averages. The zero Ratio (0 / 0) has
// no value.
type Ratio struct {
	// Num and Den are the numerator and the denominator, both counts (or
	// sums of counts) as the field holding the Ratio says. Den == 0 means
	// the ratio has no value (nothing to average over): [Ratio.Decimal]
	// then reports ok == false.
	Num, Den int64
}

// Decimal returns Num / Den rounded to places decimal places, half away
// from zero (decimal.DivRound); ok is false when Den is 0.
func (r Ratio) Decimal(places int32) (d decimal.Decimal, ok bool) {
	if r.Den == 0 {
		return decimal.Zero, false
	}
	return decimal.NewFromInt(r.Num).DivRound(decimal.NewFromInt(r.Den), places), true
}

// avgDuration is total / n rounded to the nanosecond, half away from zero;
// 0 when n is 0.
func avgDuration(total time.Duration, n int64) time.Duration {
	if n <= 0 {
		return 0
	}
	q, r := int64(total)/n, int64(total)%n
	if r < 0 {
		r = -r
	}
	if 2*r >= n {
		if total < 0 {
			q--
		} else {
			q++
		}
	}
	return time.Duration(q)
}
