// Package learnstats computes learning statistics the way established
// learning platforms compute them (Opigno, 360Learning, SpotMe-style event
// analytics, a wellbeing app's Backoffice), exactly and rule by rule, over
// data the caller supplies, and writes the CSV exports their users
// download.
//
// It is a library, not a platform: it has no database, no clock and no
// global state. An LMS written in Go feeds it records from its own storage
// and gets numbers that match the documented rules, with an explanation of
// how each number was reached where the rule asks for one.
//
// # Packages
//
//   - [github.com/learnstats/learnstats/scoring]: attempt, module and
//     training scores, progress, completion, step status and time spent
//     (Opigno rules S-1 … S-11), 360Learning averages and scores by tag
//     (S-12, S-13), and explanations (S-14).
//   - [github.com/learnstats/learnstats/certificates]: certificate status
//     (Valid, Expiring soon, Expired), expiry from a validity period, the
//     sorted list and reminder look-ups (C-1 … C-4).
//   - [github.com/learnstats/learnstats/stats]: training dashboards
//     (D-1 … D-6), learner statistics (L-1 … L-9), public profile metrics
//     (P-1 … P-3), collaborative activity and registrations (R-1 … R-6),
//     Backoffice reports (B-1 … B-4).
//   - [github.com/learnstats/learnstats/activity]: the activity event
//     vocabulary and report and engagement analytics
//     (E-1 … E-12).
//   - [github.com/learnstats/learnstats/export]: the CSV export framework
//     and every documented export (X-1 … X-8), with
//     [github.com/learnstats/learnstats/export/exporttest] to check custom
//     tables against the contract.
//
// This root package holds only what several packages share: identifiers
// ([UserID], [GroupID]), the user identity every export needs ([User],
// [Group], [Directory]), the viewer's [Scope], half-open time windows
// ([Window], [LastDays], [DayWindow]) and calendar days ([Date]).
//
// # Data in
//
// Records are plain value structs with time.Time and decimal.Decimal
// fields, and a Validate method where invariants exist. Streams come in as
// iter.Seq values (slices.Values adapts a slice), so an export of a million
// users never holds them all in memory. Look-ups a rule needs (is a step
// mandatory, who manages whom, which groups may this viewer see) are small
// interfaces with func or map adapters, such as [Scope] with [GroupScope],
// [UserSet] and [ScopeFuncs], so that each LMS can back them with its own
// tables. Sources that can fail (a database cursor) stay in the caller's
// loop: every aggregate is an accumulator the loop feeds one record at a
// time.
//
// Bad input is never clamped or dropped silently. A record that breaks a
// rule's preconditions (negative points, points above the maximum, an
// attempt that finishes before it starts, an unknown enum value, a
// malformed CSV row) makes the call return an error that names the record
// and wraps an exported sentinel error of its package (test it with
// errors.Is). Records that are legitimately left out (outside a window, no
// tracking consent, outside the viewer's scope) are counted in the result.
//
// # Time
//
// Library code never reads the clock: every rule whose answer depends on
// "now" takes an explicit asOf time.Time. Windows are half-open,
// [Start, End): an event at exactly End belongs to the next window, and
// events at or after asOf are not counted. "The last N days" is
// [LastDays](asOf, N), that is [asOf.AddDate(0, 0, -N), asOf), N calendar
// days in asOf's location, so a window across a daylight-saving change is
// still N calendar days. Per-day figures, "completed on" dates and ages
// use calendar days in a caller-given *time.Location (UTC when nil); see
// [Date] and [Window.Days].
//
// # Numbers and rounding
//
// Scores and averages are computed exactly, with integers or
// decimal.Decimal, never through float64. Rounding happens only where a
// rule says so, once, on the exact value; the default mode is half away
// from zero (PHP's round, which Opigno uses): 23 of 40 points is 57.5 %,
// which rounds to 58, where a float computation gives 57.4999… and 57.
// Results expose the exact value next to the rounded one. The library never
// changes dependency globals (decimal.DivisionPrecision, gocsv's settings).
//
// # Merging partial results
//
// Every aggregate over a stream of records is an accumulator whose zero
// value is empty, with Add, Merge and Result. Merge is associative and
// commutative, accumulators keep exact sums and counts (never averages of
// averages) and Result rounds, so partial results computed on shards,
// goroutines or machines combine to exactly the one-pass answer; fuzz
// tests check that any split merged in any order gives the same result.
// Every list a result holds has a total, documented order, with ties
// broken by ID, so results do not depend on input order.
//
// # Concurrency
//
// Values returned by the library are safe for concurrent reads. An
// accumulator is not safe for concurrent Add calls: give each goroutine its
// own and Merge them at the end, which is both faster and exact.
//
// # Rules
//
// Each rule has an ID (S-1, L-2, C-1, X-5, …) that the package docs quote
// with the rule's text, that code comments cite, and that test names carry,
// so a team validating its own platform's numbers can find the rule, its
// implementation and its boundary cases. The conventions above are SPEC
// section 0.
package learnstats
