package export

import (
	"time"

	"github.com/learnstats/learnstats/certificates"
)

// CertificatesTable returns the "certificates" export (rule C-4): Name,
// Path name, Path session, Status, Delivery date, Expiration date. Its rows
// are the Rows of [certificates.List], in that order (newest delivery
// first, ties by name then ID; certificates not delivered yet at asOf are
// left out and counted there, rule C-3); Path name and Path session are already empty for a
// certificate obtained in a program context. Dates are DD/MM/YYYY in the
// viewer's location; the certificate and path names are user text,
// so the formula guard of X-5 applies to them.
func CertificatesTable() Table[certificates.Row] {
	type row = certificates.Row
	return New("certificates",
		Text("Name", "The certificate's name (C-4).", func(r row) string { return r.Name }),
		Text("Path name", "The learning path the certificate was obtained in; empty in a program context (C-4).",
			func(r row) string { return r.PathName }),
		Text("Path session", "The path's session the certificate was obtained in; empty in a program context (C-4).",
			func(r row) string { return r.PathSession }),
		Label("Status", "Valid, Expiring soon (expires within the window after asOf, 30 calendar days by default) or Expired (asOf at or after the expiration) (C-1).",
			func(r row) string { return r.Status.String() }),
		Date("Delivery date", "The day the certificate was delivered, DD/MM/YYYY in the viewer's location (C-4, X-4).",
			func(r row) time.Time { return r.Delivered }),
		Date("Expiration date", "The day the certificate expires (explicit, or delivery + validity months), DD/MM/YYYY in the viewer's location; empty when it never expires (C-2, X-4).",
			func(r row) time.Time { return r.Expires }),
	)
}

func init() {
	addReference("Certificates", CertificatesTable)
}
