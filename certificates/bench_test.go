package certificates

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func benchCerts(n int, asOf time.Time) []Certificate {
	certs := make([]Certificate, n)
	for i := range certs {
		del := asOf.Add(-time.Duration(i%10000+1) * time.Hour)
		certs[i] = Certificate{ID: ID(fmt.Sprintf("c%07d", i)), User: "u", Name: fmt.Sprintf("N%d", i%97), Delivered: del}
		switch i % 3 {
		case 0:
			certs[i].ValidityMonths = 12
		case 1:
			certs[i].Expires = del.Add(time.Duration(i%2000) * time.Hour)
		}
	}
	return certs
}

// BenchmarkList measures rule C-4's list (validation, status, sort) at
// growing sizes: go test ./certificates -run '^$' -bench List.
func BenchmarkList(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			certs := benchCerts(n, asOf)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := List(asOf, slices.Values(certs), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExpiringWithin measures the reminder list at growing sizes.
func BenchmarkExpiringWithin(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			certs := benchCerts(n, asOf)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ExpiringWithin(asOf, slices.Values(certs), reminderDays); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
