package certificates

import (
	"errors"
	"github.com/learnstats/learnstats"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestC1_Status(t *testing.T) {
	loc := paris(t)
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, loc)
	in30 := asOf.AddDate(0, 0, 30)
	// Across the autumn change (25 October 2026): 30 calendar days are 721 hours.
	autumn := time.Date(2026, 10, 10, 12, 0, 0, 0, loc)
	// Across the spring change (29 March 2026): 30 calendar days are 719 hours.
	spring := time.Date(2026, 3, 10, 12, 0, 0, 0, loc)
	delivered := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		reason   string
		asOf     time.Time
		expires  time.Time
		soonDays int
		want     Status
	}{
		{"no expiration", "a certificate without expiration is valid forever", asOf, time.Time{}, 0, Valid},
		{"expires at asOf", "asOf ≥ expiration is expired", asOf, asOf, 0, Expired},
		{"expired 1ns before asOf", "", asOf, asOf.Add(-time.Nanosecond), 0, Expired},
		{"expires 1ns after asOf", "asOf < expiration starts the soon window", asOf, asOf.Add(time.Nanosecond), 0, ExpiringSoon},
		{"expires exactly 30 days after", "the window's end is inclusive", asOf, in30, 0, ExpiringSoon},
		{"expires 1ns before 30 days", "", asOf, in30.Add(-time.Nanosecond), 0, ExpiringSoon},
		{"expires 1ns after 30 days", "", asOf, in30.Add(time.Nanosecond), 0, Valid},
		{"autumn DST: 30 calendar days", "AddDate keeps noon: 721 h later", autumn, time.Date(2026, 11, 9, 12, 0, 0, 0, loc), 0, ExpiringSoon},
		{"autumn DST: 30 days + 1ns", "", autumn, time.Date(2026, 11, 9, 12, 0, 0, 1, loc), 0, Valid},
		{"autumn DST: 720 h is inside", "a 24-hour-day window would end an hour early", autumn, autumn.Add(720*time.Hour + 30*time.Minute), 0, ExpiringSoon},
		{"spring DST: 30 calendar days", "", spring, time.Date(2026, 4, 9, 12, 0, 0, 0, loc), 0, ExpiringSoon},
		{"spring DST: 720 h is outside", "30 calendar days are 719 h here", spring, spring.Add(720 * time.Hour), 0, Valid},
		{"7-day window: day 7", "Opigno's reminder window", asOf, asOf.AddDate(0, 0, 7), 7, ExpiringSoon},
		{"7-day window: day 7 + 1ns", "", asOf, asOf.AddDate(0, 0, 7).Add(1), 7, Valid},
		{"7-day window: expired", "", asOf, asOf, 7, Expired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Certificate{ID: "c1", Name: "Safety", Delivered: delivered, Expires: tt.expires}
			got, err := StatusAt(tt.asOf, c, &Options{SoonDays: tt.soonDays})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("StatusAt = %v, want %v (%s)", got, tt.want, tt.reason)
			}
		})
	}
}

func TestC1_StatusStrings(t *testing.T) {
	got := []string{Valid.String(), ExpiringSoon.String(), Expired.String(), Status(9).String()}
	want := []string{"Valid", "Expiring soon", "Expired", "Status(9)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestC1_InvalidOptions(t *testing.T) {
	c := Certificate{ID: "c1", Delivered: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	asOf := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	if _, err := StatusAt(asOf, c, &Options{SoonDays: -1}); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("SoonDays -1: err = %v, want learnstats.ErrInvalidWindow", err)
	}
	if _, err := List(asOf, slices.Values([]Certificate{c}), &Options{SoonDays: -1}); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("List SoonDays -1: err = %v, want learnstats.ErrInvalidWindow", err)
	}
	if got, err := StatusAt(asOf, c, nil); err != nil || got != Valid {
		t.Errorf("nil options: %v, %v; want Valid, nil", got, err)
	}
}

func TestC2_ExpirationFromValidity(t *testing.T) {
	loc := paris(t)
	tests := []struct {
		name   string
		reason string
		cert   Certificate
		want   time.Time
		wantOK bool
	}{
		{"31 January + 1 month", "AddDate normalises 31 February to 3 March in 2026",
			Certificate{Delivered: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC), ValidityMonths: 1},
			time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), true},
		{"31 January + 1 month, leap year", "29 February 2028 exists: 31 February is 2 March",
			Certificate{Delivered: time.Date(2028, 1, 31, 10, 0, 0, 0, time.UTC), ValidityMonths: 1},
			time.Date(2028, 3, 2, 10, 0, 0, 0, time.UTC), true},
		{"12 months", "",
			Certificate{Delivered: time.Date(2025, 11, 22, 9, 0, 0, 0, loc), ValidityMonths: 12},
			time.Date(2026, 11, 22, 9, 0, 0, 0, loc), true},
		{"months across DST in Paris", "calendar months keep the wall clock",
			Certificate{Delivered: time.Date(2026, 3, 1, 9, 0, 0, 0, loc), ValidityMonths: 1},
			time.Date(2026, 4, 1, 9, 0, 0, 0, loc), true},
		{"delivery location's calendar", "23:30 on 31 January in Paris is 22:30 UTC: Paris's calendar decides",
			Certificate{Delivered: time.Date(2026, 1, 31, 23, 30, 0, 0, loc), ValidityMonths: 1},
			time.Date(2026, 3, 3, 23, 30, 0, 0, loc), true},
		{"explicit expiration wins", "",
			Certificate{Delivered: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC), ValidityMonths: 1,
				Expires: time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC)},
			time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC), true},
		{"no period, no expiration", "never expires",
			Certificate{Delivered: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)}, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.cert.Expiration()
			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("Expiration = %v, %v; want %v, %v (%s)", got, ok, tt.want, tt.wantOK, tt.reason)
			}
		})
	}
}

func TestC2_StatusUsesValidity(t *testing.T) {
	c := Certificate{ID: "c1", Delivered: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC), ValidityMonths: 1}
	// Expires 3 March 10:00 UTC.
	for _, tt := range []struct {
		asOf time.Time
		want Status
	}{
		{time.Date(2026, 3, 3, 9, 59, 59, 999999999, time.UTC), ExpiringSoon},
		{time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), Expired},
		{time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC), ExpiringSoon},
		{time.Date(2026, 1, 31, 10, 0, 0, 1, time.UTC), Valid}, // 1ns after delivery: it exists (C-3)
	} {
		got, err := StatusAt(tt.asOf, c, nil)
		if err != nil || got != tt.want {
			t.Errorf("asOf %v: %v, %v; want %v", tt.asOf, got, err, tt.want)
		}
	}
}

func TestC3_InvalidInput(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	del := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		reason string
		cert   Certificate
		want   error // nil: valid
	}{
		{"expiration before delivery", "", Certificate{ID: "c-exp", Delivered: del, Expires: del.Add(-time.Nanosecond)}, ErrExpiresBeforeDelivery},
		{"expiration at delivery", "not before: valid (and expired at once)", Certificate{ID: "c-eq", Delivered: del, Expires: del}, nil},
		{"delivered 1ns before asOf", "exists at asOf", Certificate{ID: "c-past", Delivered: asOf.Add(-time.Nanosecond)}, nil},
		{"empty ID", "", Certificate{Name: "x", Delivered: del}, ErrInvalidCertificate},
		{"no delivery date", "", Certificate{ID: "c-nodate"}, ErrInvalidCertificate},
		{"negative validity", "", Certificate{ID: "c-neg", Delivered: del, ValidityMonths: -1}, ErrInvalidCertificate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := StatusAt(asOf, tt.cert, nil)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error %v (%s)", err, tt.reason)
				}
				return
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, ErrInvalidCertificate) {
				t.Fatalf("err = %v, want %v (%s)", err, tt.want, tt.reason)
			}
			if tt.cert.ID != "" && !strings.Contains(err.Error(), string(tt.cert.ID)) {
				t.Errorf("error %q does not name certificate %q", err, tt.cert.ID)
			}
			if _, err := List(asOf, slices.Values([]Certificate{{ID: "ok", Delivered: del}, tt.cert}), nil); !errors.Is(err, tt.want) {
				t.Errorf("List: err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestC4_List(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	d1 := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	d2 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	certs := []Certificate{
		{ID: "c3", User: "u1", Name: "Safety", PathName: "Onboarding", PathSession: "Autumn", Delivered: d2, ValidityMonths: 12},
		{ID: "c2", User: "u1", Name: "Safety", PathName: "P", PathSession: "S", Program: true, Delivered: d1, Expires: asOf.AddDate(0, 0, 10)},
		{ID: "c1", User: "u1", Name: "Safety", PathName: "Onboarding", PathSession: "Spring", Delivered: d1, Expires: asOf},
		{ID: "c4", User: "u1", Name: "Aviation", Delivered: d1},
	}
	want := []Row{
		{ID: "c4", User: "u1", Name: "Aviation", Status: Valid, Delivered: d1},
		{ID: "c1", User: "u1", Name: "Safety", PathName: "Onboarding", PathSession: "Spring", Status: Expired, Delivered: d1, Expires: asOf},
		{ID: "c2", User: "u1", Name: "Safety", Status: ExpiringSoon, Delivered: d1, Expires: asOf.AddDate(0, 0, 10)},
		{ID: "c3", User: "u1", Name: "Safety", PathName: "Onboarding", PathSession: "Autumn", Status: Valid, Delivered: d2, Expires: d2.AddDate(1, 0, 0)},
	}
	// Every input order gives the same list.
	for i := range 24 {
		perm := slices.Clone(certs)
		for j := range perm {
			k := (i + j*7) % len(perm)
			perm[j], perm[k] = perm[k], perm[j]
		}
		got, err := List(asOf, slices.Values(perm), nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Listing{Rows: want}, got); diff != "" {
			t.Fatalf("order %d (-want +got)\n%s", i, diff)
		}
	}
}

func TestC4_ListEmptyAndDuplicate(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	got, err := List(asOf, slices.Values([]Certificate(nil)), nil)
	if err != nil || len(got.Rows) != 0 || got.NotDelivered != 0 {
		t.Errorf("empty: %v, %v", got, err)
	}
	d := asOf.AddDate(0, -1, 0)
	_, err = List(asOf, slices.Values([]Certificate{{ID: "dup", Delivered: d}, {ID: "dup", Delivered: d}}), nil)
	if !errors.Is(err, ErrInvalidCertificate) || !strings.Contains(err.Error(), "dup") {
		t.Errorf("duplicate: err = %v", err)
	}
	// A duplicate is an error also when one of the two does not exist yet.
	_, err = List(asOf, slices.Values([]Certificate{{ID: "dup", Delivered: d}, {ID: "dup", Delivered: asOf}}), nil)
	if !errors.Is(err, ErrInvalidCertificate) || !strings.Contains(err.Error(), "dup") {
		t.Errorf("duplicate not delivered yet: err = %v", err)
	}
}

func TestC1_ExpiringWithin(t *testing.T) {
	loc := paris(t)
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, loc)
	del := time.Date(2026, 1, 10, 9, 0, 0, 0, loc)
	certs := []Certificate{
		{ID: "a", User: "u2", Name: "N", Delivered: del, Expires: asOf.AddDate(0, 0, 7)},
		{ID: "b", User: "u1", Name: "N", Delivered: del, Expires: asOf.AddDate(0, 0, 7)},
		{ID: "c", User: "u1", Name: "M", Delivered: del, Expires: asOf.Add(time.Nanosecond)},
		{ID: "d", User: "u1", Name: "M", Delivered: del, Expires: asOf},
		{ID: "e", User: "u1", Name: "M", Delivered: del, Expires: asOf.AddDate(0, 0, 7).Add(1)},
		{ID: "f", User: "u1", Name: "M", Delivered: del},
		{ID: "g", User: "u1", Name: "M", Delivered: del, Expires: asOf.AddDate(0, 0, -3)},
	}
	got, err := ExpiringWithin(asOf, slices.Values(certs), reminderDays)
	if err != nil {
		t.Fatal(err)
	}
	var ids []ID
	for _, r := range got.Rows {
		ids = append(ids, r.ID)
		if r.Status != ExpiringSoon {
			t.Errorf("%s: status %v", r.ID, r.Status)
		}
	}
	if diff := cmp.Diff([]ID{"c", "b", "a"}, ids); diff != "" {
		t.Errorf("rows (-want +got)\n%s", diff)
	}
	if got.Expired != 2 || got.Later != 1 || got.NoExpiration != 1 {
		t.Errorf("left out: expired %d later %d none %d; want 2 1 1", got.Expired, got.Later, got.NoExpiration)
	}
	if _, err := ExpiringWithin(asOf, slices.Values(certs), 0); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("days 0: err = %v", err)
	}
	bad := append(slices.Clone(certs), Certificate{ID: "z", Delivered: asOf, Expires: del})
	if _, err := ExpiringWithin(asOf, slices.Values(bad), 7); !errors.Is(err, ErrExpiresBeforeDelivery) {
		t.Errorf("expiration before a delivery at asOf: err = %v, want ErrExpiresBeforeDelivery", err)
	}
}
