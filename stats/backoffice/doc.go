// Package backoffice computes the Reports page of a wellbeing app's
// Backoffice (Rules B-1 … B-4): the aggregated cards, the per-user table,
// the per-user CSV with ages, and the survey export.
//
// # How to call it
//
// A [User] is the root identity record, learnstats.User (ID, Email,
// RegisteredAt: the same value the caller maps once from its LMS for every
// package), plus the Backoffice's own facts: premium, birth date, sex and
// five activity counters. Feed the users to a [CardsAccumulator] for the
// cards and to a [TableAccumulator] for the table, or use the one-call
// forms:
//
//	cards, err := backoffice.CardsOf(slices.Values(users))                 // B-1
//	q := backoffice.Query{SortBy: "Chat messages", Descending: true, Premium: "True"}
//	table, err := backoffice.TableOf(asOf, slices.Values(users), q)        // B-2, B-3
//
// The query's texts are those of the page's column headers and filter, so
// a request's parameters go straight into a [Query]; an undefined value is
// an error wrapping [ErrInvalidQuery], bad data one wrapping
// [learnstats.ErrInvalidRecord]. A source that can fail (a database cursor) feeds an
// accumulator with learnstats.Feed(rows, acc.Add).
//
// A survey export is built for one [Survey] and one optional [DateRange],
// given to [NewSurveyAccumulator] (or [SurveyResultsOf]); its
// [SurveyResults] feed export.SurveyResultsTable, which makes the question
// headers unique.
//
// Every accumulator has Add, Merge (associative and commutative; on error
// the receiver is unchanged) and Result. Shards merge into the result of
// one pass: a user or submission present in two shards is an error, never
// counted twice, and two survey accumulators over another survey or range
// do not merge (learnstats.ErrMismatch). Every sum and count is checked
// (learnstats.ErrOverflow). The accumulators keep their users or
// submissions (or, for the cards, their IDs), so memory grows with them.
//
// # Rules
//
// B-1 Aggregated cards: total users; premium users; journals (completed
// journal sessions); journal messages; lessons completed (every
// completion); chats (conversations); chat messages. See
// [CardsAccumulator].
//
// B-2 Per-user table: Registration date, Email, Premium, Journals
// completed, Journal messages, Lessons completed, Chats, Chat messages.
// Sortable by any column, ascending or descending, stable, ties by email;
// premium filter All / True / False. Registration sorts by instant (an
// unregistered user first), emails byte-wise, False before True; after the
// email, ties are broken by user ID, both ascending whatever the
// direction, so the order is total and does not depend on the input
// order. The users the filter leaves out are counted. See
// [TableAccumulator].
//
// B-3 Per-user CSV: B-2's columns plus Age (whole years at asOf, empty if
// the birth date is unknown) and Sex. The age is counted on asOf's
// calendar day in asOf's location: the year is complete on the birthday, a
// 29 February birthday is reached on 1 March in non-leap years
// (learnstats.YearsBetween), a user born on asOf's day is 0, and a birth
// date after that day is invalid input. Sex is Female, Male, Other, or
// empty when not stated; any other value is an error naming the user. See
// [TableAccumulator.Result].
//
// B-4 Survey export for one survey and an optional date range (inclusive
// calendar days in a location): one row per submission; columns Email,
// then one column per question in the survey's order (header = the
// question text; a repeated text gets a " (2)", " (3)" suffix), then
// Submission date. Several answers to one question are joined with "; ";
// an unanswered question is empty. Rows by submission time, ties by email
// (then by submission ID). Submissions outside the range, and those of
// other surveys, are left out and counted. See [SurveyAccumulator]; the
// headers are made unique by export.SurveyResultsTable.
package backoffice
