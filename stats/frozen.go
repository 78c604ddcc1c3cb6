package stats

import "time"

// SPEC section 0, "Mergeable aggregates": a definition cannot change after
// the first record is added. An accumulator whose definition or options are
// exported fields keeps a frozenConfig of them, taken by its first Add (or
// Merge), and compares the fields with it on every later Add, Merge and
// Result: a change is an error wrapping learnstats.ErrMismatch (through the
// accumulator's family sentinel), never a result computed half under the
// old and half under the new configuration.

// frozenConfig holds a configuration as it was when the accumulator took
// its first record. The zero frozenConfig holds none.
type frozenConfig[C any] struct {
	set bool
	c   C
}

// hold freezes cur at the first call and reports true; afterwards it
// reports whether cur is still the frozen configuration.
func (f *frozenConfig[C]) hold(cur C, same func(a, b C) bool) bool {
	if !f.set {
		f.set, f.c = true, cur
		return true
	}
	return same(f.c, cur)
}

// current returns the configuration the records were added under (the
// frozen one, or cur when nothing is frozen) and whether cur still equals
// it. It changes nothing: Merge calls it on its argument.
func (f *frozenConfig[C]) current(cur C, same func(a, b C) bool) (C, bool) {
	if !f.set {
		return cur, true
	}
	return f.c, same(f.c, cur)
}

// sameInstant reports whether a and b are the same instant: for the
// options that only decide "before or after" (a cutoff, an asOf used with
// Before), the location does not matter.
func sameInstant(a, b time.Time) bool { return a == b || a.Equal(b) }
