// Package checked holds the overflow-checked integer arithmetic every
// accumulator of learnstats uses for its sums, counts and durations (SPEC
// section 0, "No overflow"): each function reports whether the exact result
// fits, and callers turn false into an error wrapping
// learnstats.ErrOverflow that names the record.
package checked

import (
	"math"
	"time"
)

// Add returns a + b and whether the exact sum fits an int64.
func Add(a, b int64) (int64, bool) {
	s := a + b
	// The sum overflowed exactly when a and b have the same sign and the
	// sum's sign differs from theirs.
	return s, (a >= 0) != (b >= 0) || (s >= 0) == (a >= 0)
}

// Sub returns a − b and whether the exact difference fits an int64.
func Sub(a, b int64) (int64, bool) {
	if b == math.MinInt64 {
		if a >= 0 {
			return 0, false
		}
		return a - b, true
	}
	return Add(a, -b)
}

// Mul returns a × b and whether the exact product fits an int64.
func Mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) || p/b != a {
		return 0, false
	}
	return p, true
}

// AddInt is [Add] for int counts.
func AddInt(a, b int) (int, bool) {
	s, ok := Add(int64(a), int64(b))
	if !ok || s > math.MaxInt || s < math.MinInt {
		return 0, false
	}
	return int(s), true
}

// AddDuration is [Add] for durations (nanoseconds).
func AddDuration(a, b time.Duration) (time.Duration, bool) {
	s, ok := Add(int64(a), int64(b))
	return time.Duration(s), ok
}

// Span returns end − start and whether it fits a time.Duration; a span of
// more than about 292 years does not.
func Span(start, end time.Time) (time.Duration, bool) {
	d := end.Sub(start)
	// time.Time.Sub saturates at the Duration bounds instead of failing:
	// check that the saturated value really is the difference.
	if (d == math.MaxInt64 || d == math.MinInt64) && !start.Add(d).Equal(end) {
		return 0, false
	}
	return d, true
}
