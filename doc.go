// Package learnstats computes learning statistics the way established
// learning platforms compute them (Opigno, 360Learning, SpotMe-style event
// analytics, a wellbeing app's Backoffice), exactly and rule by rule, over
// data the caller supplies, and writes the CSV exports their users
// download.
//
// It is a library, not a platform: it has no database, no clock and no
// global state. An LMS written in Go maps its records once into the
// library's records, feeds them to accumulators, and gets numbers that match
// the documented rules, with an explanation of how each number was reached
// where the rule asks for one.
//
// # An embedding
//
// The package's example "embedding" (example_test.go; pkg.go.dev shows it
// first) is a whole embedding in one function. The steps:
//
//  1. Index the platform's users once: [NewDirectory] over [User] records
//     (identity, groups, managers). The viewer is a [Scope]: the platform
//     owner sees [Everything], a coach a [GroupScope].
//  2. Map the LMS's facts once into the shared records of this package:
//     [Attempt] (with its answers, [Answer]), [QuestionAnswer],
//     [AssessmentScore], [Post], [Reaction]. Every package reads the fields
//     its rules need from the same records.
//  3. Build an accumulator as of an instant, with its definition (a
//     training, a viewer's scope, a window), and add the records, in any
//     order, from any number of shards: scoring.NewTrainingAccumulator(asOf,
//     training, options), learners.NewAccumulator(asOf, directory, scope,
//     options), … A source that can fail (a database cursor) feeds an
//     accumulator through [Feed], so that its error reaches the caller.
//  4. Take the result: Result() on the accumulator, or a one-call form such
//     as learners.StatsOf(asOf, …). Results computed for a scope carry it.
//  5. Write the export: package export builds each documented table from
//     the result (so a scoped export takes its scope once) and streams it
//     as CSV.
//
// # Packages
//
//   - [github.com/learnstats/learnstats/scoring]: attempt, module and
//     training scores, progress, completion, step and training status, time
//     spent (Opigno rules S-1 … S-11, S-15, S-16), 360Learning averages and
//     scores by tag (S-12, S-13), and explanations (S-14).
//   - [github.com/learnstats/learnstats/certificates]: certificate status,
//     expiry from a validity period, the sorted list and reminder look-ups
//     (C-1 … C-4).
//   - [github.com/learnstats/learnstats/stats/dashboard]: Opigno's training
//     dashboards (D-1 … D-6), over scoring's results.
//   - [github.com/learnstats/learnstats/stats/learners]: 360Learning's
//     learner statistics, collaborative activity and registrations
//     (L-1 … L-9, R-1 … R-6).
//   - [github.com/learnstats/learnstats/stats/profiles]: public profile
//     metrics over the last 90 days (P-1 … P-3).
//   - [github.com/learnstats/learnstats/stats/backoffice]: Backoffice cards,
//     per-user table and CSV, survey results (B-1 … B-4).
//   - [github.com/learnstats/learnstats/activity]: the activity report
//     vocabulary and report (A-1 … A-3) and engagement analytics
//     (E-1 … E-12).
//   - [github.com/learnstats/learnstats/export]: the CSV export framework
//     and every documented export (X-1 … X-8), with
//     [github.com/learnstats/learnstats/export/exporttest] to check custom
//     tables against the contract.
//
// This root package holds only what several packages share: identifiers
// ([UserID], [TrainingID], [StepID], …), the records two rule families
// read, the user identity every export needs ([User], [Group],
// [Directory]), the viewer's [Scope], half-open time windows ([Window],
// [LastDays], [DayWindow]) and calendar days ([Date]), exact numbers
// ([Points], [Ratio]) and the errors every package wraps ([ErrInvalidRecord],
// [ErrMismatch], [ErrOverflow]).
//
// # One accumulator contract
//
// Every aggregate over a stream of records is an accumulator named
// …Accumulator: its instant, definition and options are given at
// construction (NewXAccumulator(asOf, definition, options), or a
// documented zero value where there is none) and cannot change
// afterwards; Add(record) error adds one record and, when it fails,
// changes nothing; Merge(other) error combines
// two accumulators of the same definition, associatively and
// commutatively, so that partial results computed on shards, goroutines or
// machines combine to exactly the one-pass answer (fuzz tests check that
// any split merged in any order gives the same result), and refuses another
// definition, instant or options with an error wrapping [ErrMismatch] — the
// whole definition is compared, not its shape; Result computes the figures.
// A one-call form over iter.Seq does all of it for the usual case.
//
// Every list a result holds has a total, documented order, with ties broken
// by ID ([CompareIDs]), so results do not depend on input order. What a rule
// legitimately leaves out (outside a window, at or after asOf, outside the
// viewer's scope, no tracking consent) is counted in the result.
//
// # Time
//
// Library code never reads the clock: every rule whose answer depends on
// "now" takes an explicit asOf time.Time, always called asOf and always the
// first parameter of the call that takes it — an accumulator's
// constructor, a one-call form, a function over results. An accumulator
// leaves out the records at or after asOf as they arrive and counts them,
// so it keeps only what its rules need at that instant: memory grows with
// what the rules must remember (users, attempts at a module), not with
// the records left out. The zero asOf means no cut-off (every record
// counts, the result "at the end of time"). Windows are half-open,
// [Start, End): an event at exactly End belongs to the next window. "The
// last N days" is [LastDays](asOf, N), that is [asOf.AddDate(0, 0, -N),
// asOf), N calendar days in asOf's location, so a window across a
// daylight-saving change is still N calendar days. Per-day figures,
// "completed on" dates and ages use calendar days in a caller-given
// *time.Location (UTC when nil); see [Date] and [Window.Days].
//
// # Numbers and rounding
//
// Scores and averages are computed exactly, with integers, [Points] (fixed
// point, 7 decimals) and [Ratio] (an exact rational), never through
// float64. Rounding happens only where a rule says so, once, on the exact
// value; the mode is half away from zero (PHP's round, which Opigno uses):
// 23 of 40 points is 57.5 %, which rounds to 58, where a float computation
// gives 57.4999… and 57. Every sum, count and duration an accumulator keeps
// is checked: a value that would overflow makes the call fail with an error
// wrapping [ErrOverflow] that names the record, never a wrapped-around
// number. The library never changes dependency globals
// (decimal.DivisionPrecision, gocsv's settings).
//
// # Bad input
//
// A record that breaks a rule's preconditions (negative points, points
// above the maximum, an attempt that finishes before it starts, an unknown
// enum value) makes the call return an error that names the record and
// wraps an exported sentinel — [ErrInvalidRecord], [ErrInvalidPoints],
// [ErrInvalidWindow] or one of its package's (test with errors.Is). Nothing is clamped or dropped silently.
//
// # Concurrency
//
// Results are safe for concurrent reads. An accumulator is not safe for
// concurrent Add calls: give each goroutine its own and Merge them at the
// end, which is both faster and exact.
//
// # Rules
//
// Each rule has an ID (S-1, L-2, C-1, X-5, …) that the package docs quote
// with the rule's text, that code comments cite, and that test names carry,
// so a team validating its own platform's numbers can find the rule, its
// implementation and its boundary cases. The conventions above are the
// specification's section 0.
package learnstats
