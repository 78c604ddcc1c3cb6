package certificates

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestC3_NotDeliveredLeftOutAndCounted: a certificate delivered at or
// after asOf does not exist yet at asOf (rule C-3, amended): List and
// ExpiringWithin leave it out and count it instead of failing the whole
// call, so that a report for last month works on today's data.
func TestC3_NotDeliveredLeftOutAndCounted(t *testing.T) {
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC) // last month's report
	old := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	certs := []Certificate{
		{ID: "c1", User: "u1", Name: "First aid", Delivered: old, Expires: asOf.AddDate(0, 0, 5)},
		{ID: "c2", User: "u1", Name: "Forklift", Delivered: asOf, ValidityMonths: 12},                            // at asOf: not yet
		{ID: "c3", User: "u2", Name: "GDPR", Delivered: asOf.AddDate(0, 0, 20), Expires: asOf.AddDate(0, 0, 25)}, // today's data
		{ID: "c4", User: "u2", Name: "Safety", Delivered: asOf.Add(-time.Nanosecond)},                            // 1ns before: exists
	}
	list, err := List(asOf, slices.Values(certs), nil)
	if err != nil {
		t.Fatalf("List = %v; want the not-yet-delivered certificates left out and counted", err)
	}
	var ids []ID
	for _, r := range list.Rows {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []ID{"c4", "c1"}) || list.NotDelivered != 2 {
		t.Errorf("List rows %v, %d not delivered; want [c4 c1] and 2 (c2 at asOf, c3 after)", ids, list.NotDelivered)
	}
	soon, err := ExpiringWithin(asOf, slices.Values(certs), reminderDays)
	if err != nil {
		t.Fatalf("ExpiringWithin = %v; want the not-yet-delivered certificates left out and counted", err)
	}
	if len(soon.Rows) != 1 || soon.Rows[0].ID != "c1" || soon.NotDelivered != 2 || soon.NoExpiration != 1 {
		t.Errorf("ExpiringWithin = %+v, want c1 only, 2 not delivered, 1 never expiring", soon)
	}
}

// TestC3_SingleRecordNotDelivered: StatusAt and rowOf have no status to
// give for a certificate that does not exist yet at asOf: they return an
// error wrapping ErrNotDelivered naming it, which is not invalid input.
func TestC3_SingleRecordNotDelivered(t *testing.T) {
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, reason string
		delivered    time.Time
		want         error
	}{
		{"at asOf", "section 0: at or after asOf is not counted", asOf, ErrNotDelivered},
		{"1ns after asOf", "", asOf.Add(1), ErrNotDelivered},
		{"1ns before asOf", "exists at asOf", asOf.Add(-1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Certificate{ID: "c9", Name: "Badge", Delivered: tc.delivered}
			_, err := StatusAt(asOf, c, nil)
			_, rowErr := rowOf(asOf, c, nil)
			for _, e := range []error{err, rowErr} {
				if tc.want == nil {
					if e != nil {
						t.Errorf("%s: %v", tc.reason, e)
					}
					continue
				}
				if !errors.Is(e, tc.want) || errors.Is(e, ErrInvalidCertificate) || !strings.Contains(e.Error(), "c9") {
					t.Errorf("%s: err = %v, want ErrNotDelivered naming c9, not ErrInvalidCertificate", tc.reason, e)
				}
			}
			if err := c.Validate(); err != nil {
				t.Errorf("Validate = %v: a certificate delivered later is valid", err)
			}
		})
	}
}

// TestC3_ExpiresBeforeDeliveryNotDelivered: an expiration before the
// delivery stays invalid input, also for a certificate not delivered yet.
func TestC3_ExpiresBeforeDeliveryNotDelivered(t *testing.T) {
	asOf := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	later := asOf.AddDate(0, 0, 3)
	certs := []Certificate{{ID: "c-bad", Delivered: later, Expires: later.Add(-time.Nanosecond)}}
	_, err := List(asOf, slices.Values(certs), nil)
	if !errors.Is(err, ErrExpiresBeforeDelivery) || !strings.Contains(err.Error(), "c-bad") {
		t.Errorf("List = %v, want ErrExpiresBeforeDelivery naming c-bad", err)
	}
	_, err = ExpiringWithin(asOf, slices.Values(certs), reminderDays)
	if !errors.Is(err, ErrExpiresBeforeDelivery) || !strings.Contains(err.Error(), "c-bad") {
		t.Errorf("ExpiringWithin = %v, want ErrExpiresBeforeDelivery naming c-bad", err)
	}
}
