package certificates

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// fuzzCerts turns fuzz bytes into valid certificates around asOf: four
// bytes per certificate (delivery day, name and flags, expiration kind,
// offset). Some are delivered at or after asOf (rule C-3: not yet).
func fuzzCerts(data []byte, asOf time.Time) []Certificate {
	var certs []Certificate
	for i := 0; i+4 <= len(data); i += 4 {
		b := data[i : i+4]
		del := asOf.AddDate(0, 0, -int(b[0])).Add(-time.Duration(b[3]) * time.Hour)
		if b[1]&0x20 != 0 {
			del = asOf.Add(time.Duration(b[3]) * time.Minute) // at asOf when b[3] is 0
		}
		c := Certificate{ID: ID(fmt.Sprintf("c%03d", i/4)), Name: string(rune('A' + b[1]%4)), Delivered: del, Program: b[1]&0x10 != 0,
			PathName: "P", PathSession: "S"}
		switch b[2] % 4 {
		case 1:
			c.ValidityMonths = int(b[2]/4%13) + 1
		case 2:
			// Expirations near asOf and near the 30-day edge, to the nanosecond.
			c.Expires = asOf.AddDate(0, 0, int(b[2]/4%3)*15).Add(time.Duration(int(b[3])-128) * time.Nanosecond)
			if c.Expires.Before(del) {
				c.Expires = del
			}
		case 3:
			c.Expires = del.Add(time.Duration(b[3]) * 24 * time.Hour)
		}
		certs = append(certs, c)
	}
	return certs
}

// FuzzList checks rule C-4's contract on generated input: the list does not
// depend on the input order, is sorted newest first with ties by name then
// ID, and each row's status is rule C-1's.
func FuzzList(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 10, 10, 6, 128, 10, 10, 10, 128, 200, 3, 1, 0})
	f.Add([]byte{1, 1, 1, 1, 1, 1, 1, 1})
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	asOf := time.Date(2026, 10, 20, 12, 0, 0, 0, loc) // the 30-day window crosses the DST change
	f.Fuzz(func(t *testing.T, data []byte) {
		certs := fuzzCerts(data, asOf)
		res, err := List(asOf, slices.Values(certs), nil)
		if err != nil {
			t.Fatal(err)
		}
		rev := slices.Clone(certs)
		slices.Reverse(rev)
		res2, err := List(asOf, slices.Values(rev), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Rows
		if !slices.Equal(got, res2.Rows) || res.NotDelivered != res2.NotDelivered {
			t.Fatal("list depends on input order")
		}
		// Rule C-3: every certificate is listed or counted, never both.
		notYet := 0
		for _, c := range certs {
			if !c.Delivered.Before(asOf) {
				notYet++
			}
		}
		if res.NotDelivered != notYet || len(got)+res.NotDelivered != len(certs) {
			t.Fatalf("%d rows and %d not delivered for %d certificates (%d delivered at or after asOf)",
				len(got), res.NotDelivered, len(certs), notYet)
		}
		for i, r := range got {
			if !r.Delivered.Before(asOf) {
				t.Errorf("%s delivered %v is listed at asOf %v", r.ID, r.Delivered, asOf)
			}
			if i > 0 && compareRows(got[i-1], r) >= 0 {
				t.Fatalf("rows %d and %d out of order", i-1, i)
			}
			want := Valid
			if !r.Expires.IsZero() {
				switch {
				case !r.Expires.After(asOf):
					want = Expired
				case !r.Expires.After(asOf.AddDate(0, 0, 30)):
					want = ExpiringSoon
				}
			}
			if r.Status != want {
				t.Errorf("%s expires %v: status %v, want %v", r.ID, r.Expires, r.Status, want)
			}
		}
	})
}
