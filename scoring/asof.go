package scoring

import "time"

// Rule S-15, scoring at asOf. Scores, progress, status and completion are
// computed as of an instant: an attempt that starts at or after asOf (or an
// attendance at or after it) is left out and counted; an attempt whose
// finish is at or after asOf counts as unfinished at asOf (its answers
// count for progress, S-8). The zero asOf means no cut-off: every record
// counts, the result "at the end of time".

// counted reports whether the attempt exists at asOf: it started before.
func (st *attemptState) counted(asOf time.Time) bool {
	return asOf.IsZero() || st.start.Before(asOf)
}

// finished reports whether the attempt is finished at asOf.
func (st *attemptState) finished(asOf time.Time) bool {
	return !st.finish.IsZero() && (asOf.IsZero() || st.finish.Before(asOf))
}

// attendedBy reports whether an attendance recorded at t exists at asOf.
func attendedBy(t, asOf time.Time) bool {
	return asOf.IsZero() || t.Before(asOf)
}
