package certificates

import (
	"errors"
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// ErrInvalidCertificate reports a certificate record that breaks an
// invariant: an empty ID, a zero delivery date, a negative validity period,
// a duplicate ID in one list, or an expiration before the delivery (rule
// C-3, [ErrExpiresBeforeDelivery], which wraps it). Use errors.Is.
var ErrInvalidCertificate = errors.New("certificates: invalid certificate")

// ErrExpiresBeforeDelivery reports a certificate whose expiration date
// (explicit, or computed from its validity period) is before its delivery
// date (rule C-3). It wraps [ErrInvalidCertificate]. Use errors.Is.
var ErrExpiresBeforeDelivery = fmt.Errorf("%w: expiration before delivery", ErrInvalidCertificate)

// ErrNotDelivered reports a single certificate asked for at an instant
// when it does not exist yet: [StatusAt] return it for a
// certificate delivered at or after asOf (rule C-3), which has no status
// then. It is not invalid input, and it does not wrap
// [ErrInvalidCertificate]: [List] and [ExpiringWithin] leave such
// certificates out and count them instead. Use errors.Is.
var ErrNotDelivered = errors.New("certificates: not delivered yet at asOf")

// ID identifies a certificate record (one delivery of a certificate to one
// user) in the caller's LMS. It is compared byte-wise for tie-breaks.
type ID string

// Certificate is one certificate delivered to one user.
//
// The zero Certificate is invalid (no ID, no delivery date).
type Certificate struct {
	// ID identifies this delivery; it breaks ties in every order.
	ID ID
	// User is the certificate's holder.
	User learnstats.UserID
	// Name is the certificate's name (user text).
	Name string
	// PathName is the name of the learning path the certificate was
	// obtained in (user text); empty when unknown. It is shown empty when
	// Program is true (rule C-4).
	PathName string
	// PathSession is the name of the path's session the certificate was
	// obtained in (user text); empty when unknown. It is shown empty when
	// Program is true (rule C-4).
	PathSession string
	// Program reports that the certificate was obtained in a program
	// context rather than in a path: the list shows no path name and no
	// path session for it (rule C-4).
	Program bool
	// Delivered is when the certificate was delivered; it must not be
	// zero. At an asOf at or before it the certificate does not exist yet
	// (rule C-3): lists leave it out and count it.
	Delivered time.Time
	// Expires is the explicit expiration instant; the zero time means none.
	// When set it wins over ValidityMonths (rule C-2).
	Expires time.Time
	// ValidityMonths is the validity period in calendar months: without an
	// explicit Expires, the certificate expires at
	// Delivered.AddDate(0, ValidityMonths, 0) (rule C-2). 0 means no
	// validity period; negative is invalid.
	ValidityMonths int
}

// Expiration returns the instant the certificate expires (rule C-2): the
// explicit Expires when set; else Delivered.AddDate(0, ValidityMonths, 0)
// when ValidityMonths > 0, computed in Delivered's location (so 31 January
// + 1 month is 3 March in a non-leap year, as Go and PHP normalise);
// else ok is false: the certificate never expires.
//
// Expiration does not validate; see [Certificate.Validate].
func (c Certificate) Expiration() (exp time.Time, ok bool) {
	switch {
	case !c.Expires.IsZero():
		return c.Expires, true
	case c.ValidityMonths > 0 && !c.Delivered.IsZero():
		return c.Delivered.AddDate(0, c.ValidityMonths, 0), true
	}
	return time.Time{}, false
}

// Validate checks the certificate record. It returns an error naming the
// certificate's ID that wraps [ErrInvalidCertificate] for an empty ID, a
// zero delivery date or a negative validity period, and
// [ErrExpiresBeforeDelivery] when the expiration is before the delivery
// date (rule C-3). An expiration equal to the delivery date is valid (the
// certificate is expired as soon as it exists). Validity does not depend on
// asOf: a certificate delivered after asOf is valid, it just does not exist
// yet at asOf (see [StatusAt] and [List]).
func (c Certificate) Validate() error {
	switch {
	case c.ID == "":
		return fmt.Errorf("%w: empty ID (user %q, name %q)", ErrInvalidCertificate, c.User, c.Name)
	case c.Delivered.IsZero():
		return fmt.Errorf("%w: certificate %q: no delivery date", ErrInvalidCertificate, c.ID)
	case c.ValidityMonths < 0:
		return fmt.Errorf("%w: certificate %q: negative validity period %d months", ErrInvalidCertificate, c.ID, c.ValidityMonths)
	}
	if exp, ok := c.Expiration(); ok && exp.Before(c.Delivered) {
		return fmt.Errorf("%w: certificate %q: expires %s, delivered %s", ErrExpiresBeforeDelivery, c.ID,
			exp.Format(time.RFC3339Nano), c.Delivered.Format(time.RFC3339Nano))
	}
	return nil
}

// deliveredBy reports whether c exists at asOf: delivered strictly before
// it (rule C-3; section 0: records at or after asOf are not counted).
func (c Certificate) deliveredBy(asOf time.Time) bool { return c.Delivered.Before(asOf) }

// notDelivered is the error of a single-record call for a certificate
// that does not exist yet at asOf.
func (c Certificate) notDelivered(asOf time.Time) error {
	return fmt.Errorf("%w: certificate %q: delivered %s, asOf %s", ErrNotDelivered, c.ID,
		c.Delivered.Format(time.RFC3339Nano), asOf.Format(time.RFC3339Nano))
}
