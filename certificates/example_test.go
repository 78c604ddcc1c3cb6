package certificates_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats/certificates"
)

func ExampleList() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	certs := []certificates.Certificate{
		{ID: "c1", Name: "First aid", PathName: "Safety", PathSession: "Spring 2026",
			Delivered: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), ValidityMonths: 12},
		{ID: "c2", Name: "Forklift", PathName: "Warehouse", PathSession: "June", Program: true,
			Delivered: time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC), Expires: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "c3", Name: "GDPR", PathName: "Compliance", PathSession: "2025",
			Delivered: time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC), ValidityMonths: 12},
		// Delivered after asOf: it does not exist yet then (rule C-3).
		{ID: "c4", Name: "Fire safety", Delivered: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)},
	}
	list, err := certificates.List(asOf, slices.Values(certs), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range list.Rows {
		fmt.Printf("%s | %s | %s | %s | %s | %s\n", r.Name, r.PathName, r.PathSession, r.Status,
			r.Delivered.Format(time.DateOnly), r.Expires.Format(time.DateOnly))
	}
	fmt.Println("not delivered yet:", list.NotDelivered)
	// Output:
	// Forklift |  |  | Expiring soon | 2026-06-10 | 2026-12-01
	// First aid | Safety | Spring 2026 | Valid | 2026-03-02 | 2027-03-02
	// GDPR | Compliance | 2025 | Expired | 2025-11-20 | 2026-11-20
	// not delivered yet: 1
}

func ExampleExpiringWithin() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	certs := []certificates.Certificate{
		{ID: "c1", User: "u01", Name: "First aid", Delivered: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), Expires: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)},
		{ID: "c2", User: "u02", Name: "Forklift", Delivered: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), Expires: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)},
		{ID: "c3", User: "u03", Name: "GDPR", Delivered: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), ValidityMonths: 12},
	}
	res, err := certificates.ExpiringWithin(asOf, slices.Values(certs), 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Rows {
		fmt.Println(r.User, r.Name, r.Expires.Format(time.DateOnly))
	}
	fmt.Println("left out:", res.Expired, "expired,", res.Later, "later,", res.NoExpiration, "never expiring")
	// Output:
	// u02 Forklift 2026-11-25
	// u01 First aid 2026-11-29
	// left out: 0 expired, 1 later, 0 never expiring
}

func ExampleStatusAt() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	c := certificates.Certificate{ID: "c9", Name: "Badge",
		Delivered: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	// A certificate delivered after asOf has no status at asOf (rule C-3).
	_, err := certificates.StatusAt(asOf, c, nil)
	fmt.Println(errors.Is(err, certificates.ErrNotDelivered))
	fmt.Println(err)
	st, err := certificates.StatusAt(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), c, nil)
	fmt.Println(st, err)
	// Output:
	// true
	// certificates: not delivered yet at asOf: certificate "c9": delivered 2026-11-25T00:00:00Z, asOf 2026-11-22T12:00:00Z
	// Valid <nil>
}

func ExampleCertificate_Expiration() {
	c := certificates.Certificate{ID: "c1", Delivered: time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC), ValidityMonths: 1}
	exp, _ := c.Expiration()
	fmt.Println(exp.Format(time.DateOnly)) // 31 February normalises to 3 March
	c.Expires = time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)
	exp, _ = c.Expiration()
	fmt.Println(exp.Format(time.DateOnly)) // an explicit expiration wins
	// Output:
	// 2026-03-03
	// 2026-02-28
}
