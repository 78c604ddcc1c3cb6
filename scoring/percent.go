package scoring

import (
	"math/big"
	"math/bits"
	"strconv"

	"github.com/shopspring/decimal"
)

// Percent is an exact percentage: the fraction Num/Den expressed in percent,
// 100 × Num / Den. Percent{23, 40} is 57.5 %; the mean of the scores 80 and
// 65 is Percent{145, 200}, 72.5 %. Fractions are not reduced; compare with
// [Percent.Equal] (go-cmp uses it). The zero value, and any Percent with
// Den = 0, is 0 %. Values this package returns have 0 ≤ Num ≤ Den or Den = 0,
// except where a doc comment says otherwise.
type Percent struct {
	// Num and Den are the numerator and denominator of the fraction.
	Num, Den int64
}

// Int returns the percentage rounded half away from zero to an integer, on
// the exact value: Percent{23, 40}.Int() is 58.
func (p Percent) Int() int {
	if p.Den == 0 || p.Num == 0 {
		return 0
	}
	num, den := p.Num, p.Den
	neg := (num < 0) != (den < 0)
	un, ud := absU(num), absU(den)
	// round(100·n/d) = ⌊(200·n + d) / (2·d)⌋ for n, d ≥ 0, in 128 bits.
	hi, lo := bits.Mul64(un, 200)
	var c uint64
	lo, c = bits.Add64(lo, ud, 0)
	hi += c
	d2hi, d2lo := bits.Mul64(ud, 2)
	var q uint64
	if d2hi == 0 && hi < d2lo {
		q, _ = bits.Div64(hi, lo, d2lo)
	} else {
		// Only reachable for |Den| ≥ 2⁶³; fall back to big arithmetic.
		q = new(big.Int).Quo(
			new(big.Int).Add(new(big.Int).Mul(new(big.Int).SetUint64(un), big.NewInt(200)), new(big.Int).SetUint64(ud)),
			new(big.Int).Mul(new(big.Int).SetUint64(ud), big.NewInt(2))).Uint64()
	}
	if neg {
		return -int(q)
	}
	return int(q)
}

// roundPercent is Int for 0 ≤ num ≤ den ≤ MaxPoints, in plain int64.
func roundPercent(num, den int64) int {
	if den == 0 {
		return 0
	}
	return int((200*num + den) / (2 * den))
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// Decimal returns the percentage as a decimal rounded half away from zero
// to the given number of decimal places: Percent{1, 3}.Decimal(2) is 33.33.
func (p Percent) Decimal(places int32) decimal.Decimal {
	if p.Den == 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(p.Num).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(p.Den), places)
}

// Rat returns the exact percentage as a new big.Rat (0 when Den = 0).
func (p Percent) Rat() *big.Rat {
	if p.Den == 0 {
		return new(big.Rat)
	}
	r := new(big.Rat).SetFrac64(p.Num, p.Den)
	return r.Mul(r, big.NewRat(100, 1))
}

// Equal reports whether p and q are the same percentage: Percent{1, 2}
// equals Percent{50, 100}, and every Percent with Den = 0 equals 0 %.
func (p Percent) Equal(q Percent) bool {
	return p.Rat().Cmp(q.Rat()) == 0
}

// Exact formats the exact percentage without a % sign: a terminating
// decimal in full ("57.5", "72.5", "100"), otherwise the reduced fraction
// ("208/3" for 69.333…), so that no digit is invented.
func (p Percent) Exact() string {
	r := p.Rat()
	if r.IsInt() {
		return r.Num().String()
	}
	// A reduced fraction terminates in base 10 iff its denominator has no
	// prime factor other than 2 and 5.
	d := new(big.Int).Set(r.Denom())
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
		return r.FloatString(max(n2, n5))
	}
	return r.String()
}

// String formats p as its rounded integer and, when that is not exact, the
// exact value: "58% (exactly 57.5)", "73% (exactly 72.5)", "100%",
// "33% (exactly 100/3)".
func (p Percent) String() string {
	s := strconv.Itoa(p.Int()) + "%"
	if e := p.Exact(); e != strconv.Itoa(p.Int()) {
		s += " (exactly " + e + ")"
	}
	return s
}
