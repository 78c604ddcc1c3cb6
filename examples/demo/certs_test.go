package demo_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/stats"
)

var certsAsOf = time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC) // 12:00 in Paris

// TestCertsDemoCoversRules checks that the demo data has a case for every
// certificate and public-statistics rule the report shows.
func TestCertsDemoCoversRules(t *testing.T) {
	ds, err := demo.Load(demo.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Certs
	list, err := certificates.List(certsAsOf, slices.Values(c.Certificates), nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := list.Rows
	statuses := map[certificates.Status]int{}
	var program, validity, atAsOf int
	for _, r := range rows {
		statuses[r.Status]++
		if r.Expires.Equal(certsAsOf) {
			atAsOf++
		}
	}
	for _, cert := range c.Certificates {
		if cert.Program {
			program++
		}
		if cert.ValidityMonths > 0 {
			validity++
		}
	}
	for _, s := range []certificates.Status{certificates.Valid, certificates.ExpiringSoon, certificates.Expired} {
		if statuses[s] == 0 {
			t.Errorf("no %v certificate in the demo", s)
		}
	}
	if program == 0 || validity == 0 || atAsOf == 0 {
		t.Errorf("program %d, validity %d, expiring at asOf %d: want each > 0", program, validity, atAsOf)
	}

	res, err := stats.PublicStatsOf(c.Catalog, certsAsOf, slices.Values(c.Profiles), stats.PublicRecords{
		Attempts: slices.Values(c.Attempts), CourseComments: slices.Values(c.CourseComments),
		CourseReactions: slices.Values(c.CourseReactions), Completions: slices.Values(c.Completions),
		Sessions: slices.Values(c.Sessions), Posts: slices.Values(c.Posts), PostReactions: slices.Values(c.PostReactions),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Profiles) != len(ds.Users) {
		t.Errorf("%d profiles for %d users", len(res.Profiles), len(ds.Users))
	}
	roles := map[stats.PublicRole]int{}
	for _, p := range res.Profiles {
		roles[p.Role]++
	}
	if roles[stats.PublicCreator] == 0 || roles[stats.PublicLearner] == 0 {
		t.Errorf("roles %v: want creators and learners", roles)
	}
	if authors, _ := c.Catalog.CreditedAuthors("k04"); len(authors) < 3 {
		t.Errorf("k04 credits %v: want a transitive duplicate", authors)
	}
	l := res.LeftOut
	if l.OutsideWindow == 0 || l.SelfComments == 0 || l.RepliesToReplies == 0 || l.OtherPlaces == 0 || l.NotLikes == 0 || l.UnpublishedCourses == 0 {
		t.Errorf("left out %+v: want a case of every reason", l)
	}
}

func TestCertsDemoBadRowNamesPosition(t *testing.T) {
	fsys := fstest.MapFS{}
	src := demo.Embedded()
	names, err := fs.Glob(src, "*.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	fsys["certs_certificates.csv"] = &fstest.MapFile{Data: []byte(
		"id,user_id,name,path_name,path_session,program,delivered_at,expires_at,validity_months\n" +
			"c1,u99,X,,,false,2026-01-01T00:00:00Z,,\n")}
	_, err = demo.Load(fsys)
	var pe *demo.PositionError
	if !errors.As(err, &pe) || pe.File != "certs_certificates.csv" || pe.Line != 2 || pe.Column != 2 {
		t.Errorf("err = %v, want certs_certificates.csv:2:2", err)
	}
}
