// Package certificates computes the status, expiration and list of the
// certificates a learning platform delivers, the way Opigno shows them on
// a user's profile and in its certificates export.
//
// Every call that depends on "now" takes an explicit asOf; the package
// never reads the clock.
//
// # Rules
//
// C-1 Status at asOf: Expired if asOf ≥ expiration; Expiring soon if
// asOf < expiration ≤ asOf.AddDate(0, 0, 30) ("will expire within the next
// 30 days", calendar days in asOf's location); otherwise Valid. A
// certificate with no expiration is Valid forever. The window length is an
// option (Opigno's reminder uses 7 days). See [StatusAt], [Options] and
// [ExpiringWithin].
//
// C-2 Expiration from a validity period of N months: delivery date
// .AddDate(0, N, 0) (so 31 January + 1 month = 3 March in a non-leap year,
// as PHP and Go both normalise). An explicit expiration date, when given,
// wins. See [Certificate.Expiration]; the months are calendar months in
// the location of the delivery time.
//
// C-3 Invalid input and records left out: an expiration before the
// delivery date is invalid input, an error naming the certificate's ID and
// wrapping [ErrExpiresBeforeDelivery] (which wraps
// [ErrInvalidCertificate]); an empty ID, a missing delivery date, a
// negative validity period and a duplicate ID in one list are errors
// wrapping [ErrInvalidCertificate] too. An expiration equal to the delivery
// date is valid. A certificate delivered at or after asOf does not exist
// yet at asOf: [List] and [ExpiringWithin] leave it out and count it
// (Listing.NotDelivered, Expiring.NotDelivered), so that a list computed
// for an earlier date works on today's data; the single-record call
// [StatusAt], which has no status to give for it, returns an error
// wrapping [ErrNotDelivered] (not invalid input).
//
// C-4 List. Columns Name, Path name, Path session, Status, Delivery date,
// Expiration date; sorted by delivery date, newest first, ties by name
// then ID. Path name and Path session are empty when the certificate was
// obtained in a program context. See [List] and [Row]; the
// export package's CertificatesTable writes it as CSV.
//
// # Reminders
//
// [ExpiringWithin] lists the certificates that expire within a window
// (rule C-1's "expiring soon" with a caller-chosen length, 7 days for
// Opigno's reminder e-mail) in a total order: soonest expiration first,
// then user, name and ID. Certificates left out (already expired, expiring
// later, never expiring) are counted in its result.
//
// # Order and errors
//
// Results never depend on the order of the input: every list has a total
// order ending with the certificate ID. Names and IDs compare byte-wise.
// The first invalid certificate stops a call; nothing is silently dropped:
// what is left out is counted in the result.
package certificates
