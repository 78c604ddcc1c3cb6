package certificates

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// Row is one line of the certificate list (rule C-4): the columns Name,
// Path name, Path session, Status, Delivery date and Expiration date, plus
// the certificate's ID and holder for callers that need them.
type Row struct {
	// ID is the certificate's ID ([Certificate].ID), never empty; the last
	// tie-break of the orders of [Listing] and [Expiring]. Not a column.
	ID ID
	// User is the certificate's holder ([Certificate].User); the empty ID
	// when the caller gave none. Not a column.
	User learnstats.UserID
	// Name is the certificate's name.
	Name string
	// PathName is the learning path's name; empty when the certificate was
	// obtained in a program context (rule C-4) or the path is unknown.
	PathName string
	// PathSession is the path session's name; empty when the certificate
	// was obtained in a program context (rule C-4) or the session is
	// unknown.
	PathSession string
	// Status is the rule C-1 status at the list's asOf.
	Status Status
	// Delivered is the delivery instant.
	Delivered time.Time
	// Expires is the expiration instant of rule C-2; the zero time when
	// the certificate never expires.
	Expires time.Time
}

// rowOf validates c and returns its list row at asOf (rules C-1 to C-4).
// Like [StatusAt], it returns an error wrapping [ErrNotDelivered] for a
// certificate delivered at or after asOf, which does not exist yet then
// (rule C-3).
func rowOf(asOf time.Time, c Certificate, o *Options) (Row, error) {
	st, err := StatusAt(asOf, c, o)
	if err != nil {
		return Row{}, err
	}
	exp, _ := c.Expiration()
	r := Row{ID: c.ID, User: c.User, Name: c.Name, Status: st, Delivered: c.Delivered, Expires: exp}
	if !c.Program {
		r.PathName, r.PathSession = c.PathName, c.PathSession
	}
	return r, nil
}

// Listing is the result of [List]: the certificate list at asOf, and how
// many certificates were left out because they do not exist yet.
type Listing struct {
	// Rows are the certificates delivered before asOf, one row each,
	// newest delivery first, ties by name (byte-wise) then ID.
	Rows []Row
	// NotDelivered counts the certificates delivered at or after asOf:
	// they do not exist yet at asOf and are left out (rule C-3).
	NotDelivered int
}

// List returns the certificate list of rule C-4 at asOf: one row per
// certificate delivered before asOf, sorted by delivery date, newest
// first, ties by name (byte-wise) then ID. It does not
// filter by user: pass one user's certificates for a profile page.
//
// A certificate delivered at or after asOf does not exist yet at asOf
// (rule C-3): it is left out and counted in Listing.NotDelivered, so that
// a list for an earlier date works on today's data. An invalid certificate
// (an expiration before its delivery included, see
// [Certificate.Validate]) or a duplicate ID, delivered yet or not, stops
// the call with an error naming it.
func List(asOf time.Time, certs iter.Seq[Certificate], o *Options) (Listing, error) {
	if _, err := o.soonDays(); err != nil {
		return Listing{}, err
	}
	var res Listing
	seen := map[ID]bool{}
	for c := range certs {
		ok, err := admit(c, asOf, seen)
		if err != nil {
			return Listing{}, err
		}
		if !ok {
			res.NotDelivered++
			continue
		}
		r, err := rowOf(asOf, c, o)
		if err != nil {
			return Listing{}, err
		}
		res.Rows = append(res.Rows, r)
	}
	slices.SortFunc(res.Rows, compareRows)
	return res, nil
}

// admit validates c, checks that its ID is new in seen (and records it),
// and reports whether c exists at asOf (rule C-3).
func admit(c Certificate, asOf time.Time, seen map[ID]bool) (bool, error) {
	if err := c.Validate(); err != nil {
		return false, err
	}
	if seen[c.ID] {
		return false, fmt.Errorf("%w: duplicate certificate ID %q", ErrInvalidCertificate, c.ID)
	}
	seen[c.ID] = true
	return c.deliveredBy(asOf), nil
}

// CompareRows is the order of rule C-4: newest delivery first, then name,
// then ID (both byte-wise, ascending). It returns a negative number when a
// sorts before b.
func compareRows(a, b Row) int {
	return cmp.Or(b.Delivered.Compare(a.Delivered), strings.Compare(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
}

// Expiring is the result of [ExpiringWithin]: the certificates to remind
// their holders about, and how many certificates were left out and why.
type Expiring struct {
	// Rows are the certificates with asOf < expiration ≤ asOf + days,
	// soonest expiration first, then by user, name and ID.
	Rows []Row
	// Expired counts certificates already expired at asOf (left out).
	Expired int
	// Later counts certificates that expire after the window (left out).
	Later int
	// NoExpiration counts certificates that never expire (left out).
	NoExpiration int
	// NotDelivered counts certificates delivered at or after asOf: they
	// do not exist yet at asOf (rule C-3) and are left out.
	NotDelivered int
}

// ExpiringWithin lists the certificates that expire within the next days
// calendar days after asOf, for reminder e-mails: asOf < expiration ≤
// asOf.AddDate(0, 0, days) in asOf's location (rule C-1's "expiring soon"
// with a window of days; Opigno's reminder uses 7). The rows'
// Status is computed with that same window, so every row is ExpiringSoon.
// Certificates left out, also those delivered at or after asOf (which do
// not exist yet then, rule C-3), are counted in the result. days must be
// at least 1; otherwise the error wraps learnstats.ErrInvalidWindow. An invalid
// certificate or a duplicate ID is an error naming it.
func ExpiringWithin(asOf time.Time, certs iter.Seq[Certificate], days int) (Expiring, error) {
	if days < 1 {
		return Expiring{}, fmt.Errorf("%w: reminder window of %d days", learnstats.ErrInvalidWindow, days)
	}
	o := &Options{SoonDays: days}
	var res Expiring
	seen := map[ID]bool{}
	for c := range certs {
		ok, err := admit(c, asOf, seen)
		if err != nil {
			return Expiring{}, err
		}
		if !ok {
			res.NotDelivered++
			continue
		}
		r, err := rowOf(asOf, c, o)
		if err != nil {
			return Expiring{}, err
		}
		switch {
		case r.Expires.IsZero():
			res.NoExpiration++
		case r.Status == Expired:
			res.Expired++
		case r.Status == Valid:
			res.Later++
		default:
			res.Rows = append(res.Rows, r)
		}
	}
	slices.SortFunc(res.Rows, compareExpiring)
	return res, nil
}

// CompareExpiring is the order of [ExpiringWithin]: soonest expiration
// first, then user ID, name and certificate ID (byte-wise, ascending).
func compareExpiring(a, b Row) int {
	return cmp.Or(a.Expires.Compare(b.Expires), strings.Compare(string(a.User), string(b.User)),
		strings.Compare(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
}
