package certificates

import (
	"fmt"
	"github.com/learnstats/learnstats"
	"time"
)

// Status is a certificate's state at an instant (rule C-1). The zero
// Status is [Valid].
type Status int

// The statuses of rule C-1.
const (
	// Valid: the certificate does not expire within the window (or never
	// expires).
	Valid Status = iota
	// ExpiringSoon: asOf < expiration ≤ asOf + window (calendar days in
	// asOf's location).
	ExpiringSoon
	// Expired: asOf ≥ expiration.
	Expired
)

// String returns the status as the certificate list shows it: "Valid",
// "Expiring soon" or "Expired"; an unknown value is "Status(n)".
func (s Status) String() string {
	switch s {
	case Valid:
		return "Valid"
	case ExpiringSoon:
		return "Expiring soon"
	case Expired:
		return "Expired"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// defaultSoonDays is the length of the "expiring soon" window of rule C-1
// in calendar days: "will expire within the next 30 days".
const defaultSoonDays = 30

// Options configure the status computation. The zero Options (or a nil
// *Options) uses the 30-day window of rule C-1.
type Options struct {
	// SoonDays is the length of the "expiring soon" window in calendar
	// days in asOf's location; 0 means 30 (rule C-1). Negative is an
	// error wrapping learnstats.ErrInvalidWindow.
	SoonDays int
}

func (o *Options) soonDays() (int, error) {
	if o == nil || o.SoonDays == 0 {
		return defaultSoonDays, nil
	}
	if o.SoonDays < 0 {
		return 0, fmt.Errorf("%w: negative SoonDays %d", learnstats.ErrInvalidWindow, o.SoonDays)
	}
	return o.SoonDays, nil
}

// StatusAt returns the certificate's status at asOf (rule C-1) after
// validating it (rule C-3, see [Certificate.Validate]). A certificate
// delivered at or after asOf does not exist yet at asOf and has no status:
// StatusAt returns an error wrapping [ErrNotDelivered] for it (a single
// record cannot be "left out"; [List] and [ExpiringWithin] leave such
// certificates out and count them). Otherwise the status is:
//
//   - Expired when asOf ≥ expiration;
//   - ExpiringSoon when asOf < expiration ≤ asOf.AddDate(0, 0, days), days
//     being o.SoonDays (30 by default) calendar days in asOf's location, so
//     the window is still 30 calendar days across a daylight-saving change;
//   - Valid otherwise, and forever for a certificate with no expiration.
func StatusAt(asOf time.Time, c Certificate, o *Options) (Status, error) {
	days, err := o.soonDays()
	if err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if !c.deliveredBy(asOf) {
		return 0, c.notDelivered(asOf)
	}
	exp, ok := c.Expiration()
	return statusOf(exp, ok, asOf, days), nil
}

// statusOf is rule C-1 on a validated expiration.
func statusOf(exp time.Time, ok bool, asOf time.Time, days int) Status {
	switch {
	case !ok:
		return Valid
	case !asOf.Before(exp):
		return Expired
	case !exp.After(asOf.AddDate(0, 0, days)):
		return ExpiringSoon
	}
	return Valid
}
