package export_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
)

func certificatesRows(t *testing.T) []certificates.Row {
	t.Helper()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, paris)
	certs := []certificates.Certificate{
		{ID: "c1", User: "u01", Name: "First aid", PathName: "Safety, level 1", PathSession: "Spring \"A\"",
			Delivered: time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), ValidityMonths: 12}, // 2 March in Paris
		{ID: "c2", User: "u01", Name: "=HYPERLINK(\"http://evil.example\")", PathName: "Compliance", PathSession: "2026",
			Delivered: time.Date(2026, 6, 10, 9, 0, 0, 0, paris), Expires: asOf.AddDate(0, 0, 30)},
		{ID: "c3", User: "u01", Name: "Forklift", PathName: "Warehouse", PathSession: "June", Program: true,
			Delivered: time.Date(2026, 6, 10, 9, 0, 0, 0, paris), Expires: asOf},
		{ID: "c4", User: "u01", Name: "GDPR", PathName: "-Compliance", PathSession: "+1",
			Delivered: time.Date(2025, 1, 31, 10, 0, 0, 0, paris), ValidityMonths: 1},
		{ID: "c5", User: "u01", Name: "Onboarding", PathName: "Welcome", PathSession: "Line\nbreak",
			Delivered: asOf.Add(-time.Nanosecond)},
		// Delivered at asOf: it does not exist yet then, and is not written (rule C-3).
		{ID: "c6", User: "u01", Name: "Not yet", Delivered: asOf},
	}
	list, err := certificates.List(asOf, slices.Values(certs), nil)
	if err != nil {
		t.Fatal(err)
	}
	if list.NotDelivered != 1 {
		t.Fatalf("%d certificates not delivered yet, want 1 (c6, delivered at asOf: rule C-3)", list.NotDelivered)
	}
	return list.Rows
}

func TestCertificatesTable_Golden(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	rows := certificatesRows(t)
	opts := &export.Options{Format: export.Format{Location: paris}}
	var buf bytes.Buffer
	n, err := export.WriteCSV(&buf, export.CertificatesTable(), slices.Values(rows), opts)
	if err != nil || n != len(rows) {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	export.Golden(t, "certificates.golden.csv", buf.Bytes())

	buf.Reset()
	if n, err := export.WriteCSV(&buf, export.CertificatesTable(), slices.Values([]certificates.Row(nil)), opts); err != nil || n != 0 {
		t.Fatalf("empty WriteCSV = %d, %v", n, err)
	}
	export.Golden(t, "certificates-empty.golden.csv", buf.Bytes())
}

func TestCertificatesTable_Contract(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	rows := certificatesRows(t)
	exporttest.Check(t, export.CertificatesTable(), rows, nil)
	exporttest.Check(t, export.CertificatesTable(), rows, &export.Options{Format: export.Format{Location: paris}})
	sp := export.Spreadsheet()
	exporttest.Check(t, export.CertificatesTable(), rows, &sp)
	exporttest.Check(t, export.CertificatesTable(), nil, nil)
}

func TestCertificatesTable_FileName(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 21 November is already the 22nd in Paris (X-8 uses asOf's location).
	asOf := time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC).In(paris)
	if got := export.CertificatesTable().FileName(asOf); got != "certificates-2026-11-22.csv" {
		t.Errorf("FileName = %q", got)
	}
}
