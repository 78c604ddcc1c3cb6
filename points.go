package learnstats

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// ErrInvalidPoints reports a negative max score, negative points, points
// above the activity's max score, a value with more than 7 decimals, or a
// value beyond [MaxPoints]. Use errors.Is.
var ErrInvalidPoints = errors.New("learnstats: invalid points")

// Points is an exact amount of points in fixed point: the integer counts
// units of 10⁻⁷ point, the precision Moodle stores grades with, so a
// question worth 1/3 stored as 0.3333333 is represented exactly. The zero
// value is 0 points.
//
// Use [WholePoints] for integer points, [PointsFromDecimal] or [ParsePoints]
// for fractional ones. Valid values lie in [-MaxPoints, MaxPoints]; rules
// reject negative points and max scores where they apply.
type Points int64

// PointsPrecision is the number of decimal places [Points] keeps.
const PointsPrecision = 7

// pointsUnit is the number of Points units in one point.
const pointsUnit = 10_000_000

// MaxPoints is the largest magnitude of points accepted: 10⁹ points. It also
// bounds the sum of a module's max scores (checked by scoring's Training.Validate),
// which keeps every sum and rounding computation inside int64.
const MaxPoints Points = 1_000_000_000 * pointsUnit

// WholePoints returns n points. n must lie in [-10⁹, 10⁹]; values outside
// are caught as [ErrInvalidPoints] where the points are used.
func WholePoints(n int64) Points {
	if n > 1_000_000_000 || n < -1_000_000_000 {
		// Saturate just outside the valid range so validation reports it
		// rather than an overflow wrapping around to a valid value.
		if n > 0 {
			return MaxPoints + 1
		}
		return -MaxPoints - 1
	}
	return Points(n * pointsUnit)
}

// PointsFromDecimal converts d to Points. It returns an error wrapping
// [ErrInvalidPoints] when d has more than 7 significant decimals (it would
// have to be rounded) or lies outside [-MaxPoints, MaxPoints].
func PointsFromDecimal(d decimal.Decimal) (Points, error) {
	// Cheap magnitude checks first: a caller's decimal may carry a huge
	// exponent (1e5000000), which rounding or printing would take seconds
	// and megabytes to handle.
	digits, exp := int64(d.NumDigits()), int64(d.Exponent())
	lim := MaxPoints.Decimal()
	if !d.IsZero() && exp > 0 && digits+exp > int64(lim.NumDigits()) {
		return 0, fmt.Errorf("learnstats: points %s: beyond ±%s: %w", pointsText(d), lim.String(), ErrInvalidPoints)
	}
	if !d.IsZero() && exp < -PointsPrecision && digits <= -exp-PointsPrecision {
		// |d| < 10⁻⁷ and not 0: it cannot be written with 7 decimals.
		return 0, fmt.Errorf("learnstats: points %s: more than %d decimals: %w", pointsText(d), PointsPrecision, ErrInvalidPoints)
	}
	if !d.Round(PointsPrecision).Equal(d) {
		return 0, fmt.Errorf("learnstats: points %s: more than %d decimals: %w", pointsText(d), PointsPrecision, ErrInvalidPoints)
	}
	if d.Abs().GreaterThan(lim) {
		return 0, fmt.Errorf("learnstats: points %s: beyond ±%s: %w", pointsText(d), lim.String(), ErrInvalidPoints)
	}
	return Points(d.Shift(PointsPrecision).IntPart()), nil
}

// ParsePoints parses a decimal number such as "12", "0.5" or "0.3333333"
// into Points, with the errors of [PointsFromDecimal]; a malformed number
// also wraps [ErrInvalidPoints].
func ParsePoints(s string) (Points, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("learnstats: points %q: %w", s, ErrInvalidPoints)
	}
	return PointsFromDecimal(d)
}

// Decimal returns p as an exact decimal number of points.
func (p Points) Decimal() decimal.Decimal {
	return decimal.New(int64(p), -PointsPrecision)
}

// String formats p as a decimal number without trailing zeros: "10",
// "0.5", "-2.25".
func (p Points) String() string {
	v := int64(p)
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/pointsUnit, 10)
	if f := v % pointsUnit; f != 0 {
		fs := strconv.FormatInt(f+pointsUnit, 10)[1:]
		for fs[len(fs)-1] == '0' {
			fs = fs[:len(fs)-1]
		}
		s += "." + fs
	}
	if neg {
		s = "-" + s
	}
	return s
}

// pointsText prints d for an error message, briefly when it is long.
func pointsText(d decimal.Decimal) string {
	if e := int64(d.Exponent()); int64(d.NumDigits())+max(e, -e) > 40 {
		return fmt.Sprintf("(a %d-digit number ×10^%d)", d.NumDigits(), e)
	}
	return d.String()
}
