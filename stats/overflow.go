package stats

import (
	"fmt"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// SPEC section 0, "No overflow": every sum, count and duration the
// accumulators of this package keep is added with sum, and a sum that does
// not fit makes the call fail with an error from errOverflow that names the
// record, never a wrapped-around number.

// integer is what the accumulators sum: counts (int, int64) and durations
// (time.Duration, nanoseconds).
type integer interface{ ~int | ~int64 }

// sum returns a + b and whether the exact sum fits T.
func sum[T integer](a, b T) (T, bool) {
	s, ok := checked.Add(int64(a), int64(b))
	if !ok || int64(T(s)) != s {
		return 0, false
	}
	return T(s), true
}

// sums adds each pair (*dst[i] += v[i]) only when every sum fits; it
// reports whether they did, and changes nothing when one does not.
func sums[T integer](dst []*T, v []T) bool {
	var buf [8]T
	out := buf[:0]
	for i, d := range dst {
		s, ok := sum(*d, v[i])
		if !ok {
			return false
		}
		out = append(out, s)
	}
	for i, d := range dst {
		*d = out[i]
	}
	return true
}

// errOverflow is the error of a sum that does not fit: "stats: {what}:
// learnstats: overflow", wrapping [learnstats.ErrOverflow]. what names the
// record (or, for a Merge, the user and the figure).
func errOverflow(format string, args ...any) error {
	return fmt.Errorf("stats: %s: %w", fmt.Sprintf(format, args...), learnstats.ErrOverflow)
}
