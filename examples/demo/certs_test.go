package demo_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/stats/profiles"
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

	res, err := profiles.StatsOf(certsAsOf, c.Catalog, slices.Values(c.Profiles), slices.Values(c.Attempts),
		slices.Values(slices.Concat(c.Posts, c.CourseComments)), slices.Values(slices.Concat(c.CourseReactions, c.PostReactions)),
		slices.Values(c.Completions), slices.Values(c.Sessions))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Profiles) != len(ds.Users) {
		t.Errorf("%d profiles for %d users", len(res.Profiles), len(ds.Users))
	}
	creators := 0
	for _, p := range res.Profiles {
		if p.Creator {
			creators++
		}
	}
	if creators == 0 || creators == len(res.Profiles) {
		t.Errorf("%d creators of %d profiles: want creators and learners", creators, len(res.Profiles))
	}
	// k04 is a duplicate of k03, itself a duplicate of k01: the main
	// authors of all three (u10, u05, u03) are credited with its views.
	var k04 []learnstats.Attempt
	for _, a := range c.Attempts {
		if a.Step == "k04" {
			k04 = append(k04, a)
		}
	}
	views, err := profiles.StatsOf(certsAsOf, c.Catalog, slices.Values(c.Profiles), slices.Values(k04), nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, u := range []learnstats.UserID{"u10", "u05", "u03"} {
		p, _ := views.Profile(u)
		got = append(got, p.CreatorMetrics.CourseViews)
	}
	if got[0] == 0 || got[1] != got[0] || got[2] != got[0] {
		t.Errorf("k04's views credited to u10, u05, u03: %v, want the same number > 0 (a transitive duplicate)", got)
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
