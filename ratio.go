package learnstats

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats/internal/checked"
)

// Ratio is an exact rational number: a score in percent (23 of 40 points is
// the Ratio 2300/40, 57.5), a mean, a share. It is kept exact — no rounding
// happens until a caller asks for an integer ([Ratio.Int]) or a fixed
// number of decimal places ([Ratio.Decimal]), both rounding half away from
// zero, the default mode of the library (PHP's round, which Opigno uses):
// 57.5 gives 58, where a float computation gives 57.4999… and 57.
//
// The zero Ratio has no value (a mean over nobody): Valid is false, Int
// returns 0, Decimal returns zero and String "none". A Ratio is an
// immutable value, safe for concurrent use; compare Ratios with
// [Ratio.Equal] (go-cmp uses it), not ==, since 1/2 and 2/4 are the same
// value.
type Ratio struct {
	// num/den is the value when r is nil; den is 0 for no value, else > 0.
	num, den int64
	// r holds the value when it does not fit two int64s (means over many
	// trainings with different denominators).
	r *big.Rat
}

// NewRatio returns num/den, or the Ratio with no value when den is 0.
func NewRatio(num, den int64) Ratio {
	if den == 0 {
		return Ratio{}
	}
	if den < 0 {
		if num == math.MinInt64 || den == math.MinInt64 {
			return ratioOfRat(new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den)))
		}
		num, den = -num, -den
	}
	return Ratio{num: num, den: den}
}

// ratioOfRat wraps r (not copied) in a Ratio, as two int64s when it fits.
func ratioOfRat(r *big.Rat) Ratio {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return Ratio{num: r.Num().Int64(), den: r.Denom().Int64()}
	}
	return Ratio{r: r}
}

// Valid reports whether r has a value.
func (r Ratio) Valid() bool { return r.r != nil || r.den != 0 }

// Rat returns the exact value as a new big.Rat, or nil when r has no value.
func (r Ratio) Rat() *big.Rat {
	switch {
	case r.r != nil:
		return new(big.Rat).Set(r.r)
	case r.den == 0:
		return nil
	}
	return new(big.Rat).SetFrac64(r.num, r.den)
}

// Add returns r + s exactly; the result has no value when either has none.
func (r Ratio) Add(s Ratio) Ratio {
	if !r.Valid() || !s.Valid() {
		return Ratio{}
	}
	if r.r == nil && s.r == nil {
		if r.den == s.den {
			if n, ok := checked.Add(r.num, s.num); ok {
				return Ratio{num: n, den: r.den}
			}
		} else if a, ok := checked.Mul(r.num, s.den); ok {
			if b, ok := checked.Mul(s.num, r.den); ok {
				if n, ok := checked.Add(a, b); ok {
					if d, ok := checked.Mul(r.den, s.den); ok {
						return reduced(n, d)
					}
				}
			}
		}
	}
	return ratioOfRat(new(big.Rat).Add(r.Rat(), s.Rat()))
}

// Quo returns r / k exactly; the result has no value when r has none or k
// is 0.
func (r Ratio) Quo(k int64) Ratio {
	if !r.Valid() || k == 0 {
		return Ratio{}
	}
	if r.r == nil && k > 0 {
		if d, ok := checked.Mul(r.den, k); ok {
			return reduced(r.num, d)
		}
	}
	return ratioOfRat(new(big.Rat).Quo(r.Rat(), new(big.Rat).SetInt64(k)))
}

// reduced returns n/d (d > 0) in lowest terms.
func reduced(n, d int64) Ratio {
	a, b := n, d
	if a < 0 {
		a = -a // n > MinInt64 here: callers come from checked products
	}
	for b != 0 {
		a, b = b, a%b
	}
	if a > 1 {
		n, d = n/a, d/a
	}
	return Ratio{num: n, den: d}
}

// Int returns r rounded half away from zero to an integer: 57.5 gives 58,
// −57.5 gives −58. It returns 0 when r has no value, and the nearest int64
// bound for a value beyond them.
func (r Ratio) Int() int64 {
	switch {
	case r.r != nil:
		q := roundHalfAway(r.r)
		if !q.IsInt64() {
			if q.Sign() > 0 {
				return math.MaxInt64
			}
			return math.MinInt64
		}
		return q.Int64()
	case r.den == 0:
		return 0
	}
	q, rem := r.num/r.den, r.num%r.den
	if rem < 0 {
		rem = -rem
	}
	if rem >= r.den-rem { // 2·rem ≥ den, without overflow
		if r.num < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// Decimal returns r rounded half away from zero to places decimal places (a
// negative places counts as 0); zero when r has no value. Render it with
// StringFixed(places).
func (r Ratio) Decimal(places int32) decimal.Decimal {
	places = max(places, 0)
	switch {
	case r.r != nil:
		scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
		return decimal.NewFromBigInt(roundHalfAway(new(big.Rat).Mul(r.r, new(big.Rat).SetInt(scale))), -places)
	case r.den == 0:
		return decimal.Zero
	}
	return decimal.NewFromInt(r.num).DivRound(decimal.NewFromInt(r.den), places)
}

// roundHalfAway rounds x to the nearest integer, halves away from zero.
func roundHalfAway(x *big.Rat) *big.Int {
	num := new(big.Int).Abs(x.Num())
	q, rem := new(big.Int).QuoRem(num, x.Denom(), new(big.Int))
	if rem.Lsh(rem, 1).Cmp(x.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if x.Sign() < 0 {
		q.Neg(q)
	}
	return q
}

// Cmp compares r and s: -1, 0 or +1 as r is less than, equal to or greater
// than s. A Ratio with no value sorts before every value.
func (r Ratio) Cmp(s Ratio) int {
	switch {
	case !r.Valid() || !s.Valid():
		switch {
		case r.Valid():
			return +1
		case s.Valid():
			return -1
		}
		return 0
	case r.r == nil && s.r == nil && r.den == s.den:
		switch {
		case r.num < s.num:
			return -1
		case r.num > s.num:
			return +1
		}
		return 0
	}
	return r.Rat().Cmp(s.Rat())
}

// Equal reports whether r and s are the same value, or both have none.
func (r Ratio) Equal(s Ratio) bool { return r.Cmp(s) == 0 }

// String formats the exact value: a terminating decimal in full ("57.5",
// "72.5", "100"), otherwise the reduced fraction ("208/3" for 69.333…), so
// that no digit is invented; "none" when r has no value.
func (r Ratio) String() string {
	x := r.Rat()
	if x == nil {
		return "none"
	}
	if x.IsInt() {
		return x.Num().String()
	}
	// A reduced fraction terminates in base 10 iff its denominator has no
	// prime factor other than 2 and 5.
	d := new(big.Int).Set(x.Denom())
	two, five, m := big.NewInt(2), big.NewInt(5), new(big.Int)
	n2, n5 := 0, 0
	for m.Mod(d, two).Sign() == 0 {
		d.Quo(d, two)
		n2++
	}
	for m.Mod(d, five).Sign() == 0 {
		d.Quo(d, five)
		n5++
	}
	if d.Cmp(big.NewInt(1)) == 0 {
		return x.FloatString(max(n2, n5))
	}
	return x.String()
}
