package activity_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
)

// fuzzEvents turns bytes into events of up to 6 users, in time order per
// user, with gaps around the 30-minute boundary, several features, OSes and
// content items.
func fuzzEvents(data []byte) []activity.Event {
	gaps := []time.Duration{0, time.Second, time.Minute, 30 * time.Minute, 30*time.Minute + 1, 2 * time.Hour, 25 * time.Hour, 9 * 24 * time.Hour}
	last := map[string]time.Time{}
	var out []activity.Event
	for i := 0; i+2 < len(data); i += 3 {
		u := fmt.Sprintf("u%d", data[i]%6)
		at, ok := last[u]
		if !ok {
			at = t0.Add(time.Duration(data[i]>>3) * 7 * time.Minute)
		}
		at = at.Add(gaps[data[i+1]%8] + time.Duration(data[i+1]>>3))
		last[u] = at
		e := ev(u, at, fmt.Sprintf("f%d", data[i+2]%4))
		e.OS = []string{"iOS", "Android", ""}[(data[i+2]>>2)%3]
		switch (data[i+2] >> 4) % 4 {
		case 1:
			e.ContentType, e.ContentItem = activity.ContentPage, fmt.Sprintf("p%d", data[i+2]>>6)
		case 2:
			e.ContentType, e.ContentItem = activity.ContentSession, "s"
			e.Duration, e.HasDuration = time.Duration(data[i+1])*time.Second, true
		}
		out = append(out, e)
	}
	return out
}

func FuzzAnalyticsMerge(f *testing.F) {
	f.Add([]byte{3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
	f.Add([]byte{2, 1, 3, 1, 1, 4, 1, 1, 5, 2, 9, 7, 2, 200, 64, 8, 3, 2, 1, 4, 130})
	f.Add(bytes.Repeat([]byte{7, 3, 2, 13, 4, 17}, 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		shards := int(data[0]%4) + 1
		cfg := activity.Config{Location: paris,
			Window:  learnstats.Window{Start: t0.Add(time.Duration(data[1]%8) * time.Hour), End: t0.Add(10 * 24 * time.Hour)},
			AsOf:    t0.Add(12 * 24 * time.Hour),
			Consent: activity.ConsentFunc(func(id learnstats.UserID) bool { return id != "u5" }),
		}
		if data[1]&0x80 != 0 {
			cfg.Window = learnstats.Window{}
		}
		events := fuzzEvents(data[2:])
		one := activity.NewAnalytics(cfg)
		parts := make([]*activity.Analytics, shards)
		for i := range parts {
			parts[i] = activity.NewAnalytics(cfg)
		}
		for i, e := range events {
			if err := one.Add(e); err != nil {
				t.Fatal(err)
			}
			if i == len(events)/2 {
				result(t, one) // Result must not disturb the accumulator
			}
			if err := parts[int(e.User[1]-'0')%shards].Add(e); err != nil {
				t.Fatal(err)
			}
		}
		// Merge in two different orders: ((p0+p1)+p2)… and …(p2+(p1+p0)).
		fwd := activity.NewAnalytics(cfg)
		for _, p := range parts {
			if err := fwd.Merge(p); err != nil {
				t.Fatal(err)
			}
		}
		rev := activity.NewAnalytics(cfg)
		for i := len(parts) - 1; i >= 0; i-- {
			if err := rev.Merge(parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		want := result(t, one)
		// Another interleaving of the users (all of a user's events
		// together, users in reverse order) gives the same result.
		byUser := slices.Clone(events)
		slices.SortStableFunc(byUser, func(x, y activity.Event) int { return strings.Compare(string(y.User), string(x.User)) })
		regrouped, err := activity.Analyze(cfg, slices.Values(byUser))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, regrouped); diff != "" {
			t.Errorf("result depends on how users interleave (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, result(t, fwd)); diff != "" {
			t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, result(t, rev)); diff != "" {
			t.Errorf("merge is not commutative (-want +got):\n%s", diff)
		}
		if len(events) > 0 && shards > 1 {
			if err := fwd.Merge(parts[0]); !errors.Is(err, activity.ErrShardOverlap) && result(t, parts[0]).Insights.ActiveUsers+result(t, parts[0]).NoConsentUsers > 0 {
				t.Errorf("merging a shard twice: %v, want ErrShardOverlap", err)
			}
		}
	})
}

func TestMergeContract(t *testing.T) {
	a := activity.NewAnalytics(activity.Config{})
	b := activity.NewAnalytics(activity.Config{Gap: time.Minute})
	if err := a.Merge(b); !errors.Is(err, activity.ErrConfigMismatch) {
		t.Errorf("different gaps: %v, want ErrConfigMismatch", err)
	}
	c := activity.NewAnalytics(activity.Config{})
	_ = a.Add(ev("u1", t0, "a"))
	_ = c.Add(ev("u1", t0.Add(time.Hour), "a"))
	if err := a.Merge(c); !errors.Is(err, activity.ErrShardOverlap) {
		t.Errorf("shared user: %v, want ErrShardOverlap", err)
	}
	var zero activity.Analytics
	if err := zero.Merge(a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(result(t, a), result(t, &zero)); diff != "" {
		t.Errorf("zero.Merge(a) differs from a (-want +got):\n%s", diff)
	}
	// After Reset the accumulator is empty but keeps its users.
	a.Reset()
	if got := result(t, a); got.Insights.Interactions != 0 || len(got.Users) != 0 || len(got.Funnel.Steps) != 0 {
		t.Errorf("after Reset: %+v", got)
	}
	if err := a.Add(ev("u1", t0.Add(-time.Hour), "a")); err != nil {
		t.Errorf("after Reset the user's order starts over: %v", err)
	}
}

var reportSentinels = []error{activity.ErrReportHeader, activity.ErrReportSyntax, activity.ErrReportDate, activity.ErrReportCategory}

func FuzzReadReport(f *testing.F) {
	f.Add([]byte(reportHeader + "2026-11-02T09:00:00+01:00,Ada,L,a@x,Chat,Message,'=1\n"))
	f.Add([]byte(reportHeader + "2026-11-02T09:00:00Z,\"a\nb\",L,a@x,,Message,x\n"))
	f.Add([]byte("\uFEFF" + reportHeader + "x,y\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := activity.ReadReport(bytes.NewReader(data))
		if err == nil {
			for _, r := range rows {
				e := r.Event("u1")
				e.Time = t0 // the reader takes any RFC 3339 time; events have a range
				if err := e.Validate(); err != nil {
					t.Errorf("row %+v read back is no valid event: %v", r, err)
				}
			}
			return
		}
		var pe *activity.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v is not a *ParseError", err)
		}
		for _, s := range reportSentinels {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error %v wraps no documented sentinel", err)
	})
}

// FuzzReportRoundTrip writes a report with the export package and reads it
// back (rule A-1), with free text that may start with formula characters
// (rule A-2).
func FuzzReportRoundTrip(f *testing.F) {
	f.Add(int64(1793602800123456789), "Ada", "'=x", "ada@example.com", "Chat", "Message", "=HYPERLINK(\"x\")", uint8(0))
	f.Add(int64(0), "\t", "''+", "-@", "Poll - a, b", "Question", "line\r\nbreak", uint8(7))
	f.Add(int64(-1), "\r", " lead", "\"q\"", "Review - 5", "Review", "", uint8(2))
	f.Fuzz(func(t *testing.T, ns int64, first, last, email, cat, act, label string, opt uint8) {
		entry := activity.Entry{Category: cat, Action: act, Label: label}
		if (&activity.Event{User: "u1", Time: t0, Entry: entry}).Validate() != nil {
			return // a report row needs a category, and the vocabulary's words (section 8)
		}
		ns %= 200 * 365 * 24 * int64(time.Hour) // within years 1770-2170
		locs := []*time.Location{time.UTC, paris, time.FixedZone("", -(9*3600 + 30*60))}
		row := activity.ReportRow{Time: time.Unix(0, ns).In(locs[int(opt)%3]), FirstName: first, LastName: last, Email: email,
			Entry: activity.Entry{Category: cat, Action: act, Label: label}}
		o := &export.Options{NoFormulaGuard: opt&8 != 0, BOM: opt&16 != 0, CRLF: opt&32 != 0}
		o.Location = locs[int(opt/3)%3]
		var buf bytes.Buffer
		if _, err := export.WriteCSV(&buf, export.ActivityReport(), func(yield func(activity.ReportRow) bool) {
			yield(row)
			yield(row)
		}, o); err != nil {
			t.Fatal(err)
		}
		rows, err := activity.ReadReport(&buf)
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		// encoding/csv reads a CR LF inside a quoted cell as LF.
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		want := row
		want.FirstName, want.LastName, want.Email = norm(first), norm(last), norm(email)
		want.Category, want.Action, want.Label = norm(cat), norm(act), norm(label)
		if len(rows) != 2 {
			t.Fatalf("read %d rows, want 2:\n%s", len(rows), buf.String())
		}
		for _, got := range rows {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s\n%q", diff, buf.String())
			}
		}
	})
}

// extremeTimes and extremeDurations are the values FuzzAnalyticsExtreme
// builds events from: the ends of the event time range, instants that far
// apart, and durations up to the largest.
var (
	extremeTimes = []time.Time{activity.MinEventTime, activity.MinEventTime.Add(1), t0, t0.Add(time.Hour),
		activity.MaxEventTime.Add(-years(150)), activity.MaxEventTime.Add(-1), activity.MaxEventTime}
	extremeDurations = []time.Duration{0, 1, time.Hour, math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64 - 1, math.MaxInt64}
	extremeGaps      = []time.Duration{0, time.Minute, years(100), math.MaxInt64}
)

// checkNonNegative fails when a figure of r that the rules define as a
// count or a duration is negative (SPEC section 0: no result a rule
// defines as non-negative can come out negative).
func checkNonNegative(t *testing.T, r activity.Result) {
	t.Helper()
	neg := func(what string, v int64) {
		if v < 0 {
			t.Errorf("%s = %d, negative", what, v)
		}
	}
	in := r.Insights
	for _, x := range []struct {
		what string
		v    int64
	}{
		{"ActiveUsers", in.ActiveUsers}, {"Visits", in.Visits}, {"Interactions", in.Interactions},
		{"TotalVisitDuration", int64(in.TotalVisitDuration)}, {"AvgVisitDuration", int64(in.AvgVisitDuration)},
		{"VisitsPerUser.Num", in.VisitsPerUser.Num}, {"VisitsPerUser.Den", in.VisitsPerUser.Den},
		{"InteractionsPerVisit.Num", in.InteractionsPerVisit.Num}, {"InteractionsPerVisit.Den", in.InteractionsPerVisit.Den},
		{"Daily", r.Frequency.Daily}, {"Weekly", r.Frequency.Weekly}, {"Monthly", r.Frequency.Monthly},
		{"Rarely", r.Frequency.Rarely}, {"Once", r.Frequency.Once},
		{"OutsideWindow", r.OutsideWindow}, {"NoConsent", r.NoConsent}, {"NoConsentUsers", r.NoConsentUsers}, {"AfterAsOf", r.AfterAsOf},
		{"Funnel.Visits", r.Funnel.Visits}, {"Funnel.Users", r.Funnel.Users},
	} {
		neg(x.what, x.v)
	}
	for _, d := range r.OSDays {
		neg("OSDay "+d.OS, d.Interactions)
	}
	for _, f := range r.Features {
		neg("feature "+f.Feature+" interactions", f.Interactions)
		neg("feature "+f.Feature+" users", f.Users)
	}
	var walk func(path string, ns []activity.FunnelNode)
	walk = func(path string, ns []activity.FunnelNode) {
		for _, n := range ns {
			p := path + "/" + n.Step
			neg(p+" visits", n.Visits)
			neg(p+" users", n.Users)
			neg(p+" views", n.Views)
			neg(p+" time spent", int64(n.TimeSpent))
			walk(p, n.Children)
		}
	}
	walk("", r.Funnel.Steps)
	for _, u := range r.Users {
		neg(string(u.User)+" interactions", u.Interactions)
		neg(string(u.User)+" visits", u.Visits)
		neg(string(u.User)+" total visit duration", int64(u.TotalVisitDuration))
		neg(string(u.User)+" average visit duration", int64(u.AvgVisitDuration))
		for _, f := range u.Features {
			neg(string(u.User)+" "+f.Feature, f.Interactions)
		}
	}
	for _, ct := range r.Content {
		for _, x := range []int64{ct.Views, ct.Viewers, int64(ct.TimeSpent)} {
			neg(string(ct.Type), x)
		}
		for _, o := range ct.ByOS {
			neg(string(ct.Type)+" "+o.OS, o.Views)
		}
		for _, c := range ct.Items {
			for _, x := range []int64{c.Views, c.Viewers, int64(c.TimeSpent)} {
				neg(string(ct.Type)+" "+c.Item, x)
			}
			for _, o := range c.ByOS {
				neg(c.Item+" "+o.OS, o.Views)
			}
		}
	}
}

// FuzzAnalyticsExtreme feeds events at the ends of the time range, with
// the largest durations and gaps, to Analytics (one pass and two merged
// shards): no call panics, every error wraps a documented sentinel, and
// no count or duration of a Result is negative (SPEC section 0).
func FuzzAnalyticsExtreme(f *testing.F) {
	f.Add(uint8(3), []byte{0, 6, 0, 1, 5, 0, 2, 6, 6, 3, 1, 6})
	f.Add(uint8(1), []byte{0x10, 0, 6, 0x11, 0, 6, 0x12, 0, 6})
	f.Add(uint8(2), []byte{0, 2, 0, 0, 4, 0, 1, 2, 0, 1, 4, 0, 0, 6, 0, 1, 6, 0})
	f.Fuzz(func(t *testing.T, cfgByte uint8, data []byte) {
		cfg := activity.Config{Gap: extremeGaps[cfgByte%4], Location: paris}
		if cfgByte&0x4 != 0 {
			cfg.AsOf = activity.MaxEventTime
		}
		one := activity.NewAnalytics(cfg)
		shards := []*activity.Analytics{activity.NewAnalytics(cfg), activity.NewAnalytics(cfg)}
		last := map[learnstats.UserID]time.Time{}
		allowed := func(err error) bool {
			return errors.Is(err, activity.ErrInvalidEvent) || errors.Is(err, activity.ErrOutOfOrder) ||
				errors.Is(err, learnstats.ErrOverflow) || errors.Is(err, activity.ErrShardOverlap)
		}
		for i := 0; i+2 < len(data); i += 3 {
			u := learnstats.UserID(fmt.Sprintf("u%d", data[i]&3))
			at := extremeTimes[int(data[i+1])%len(extremeTimes)]
			if at.Before(last[u]) {
				at = last[u] // keep each user's events in time order
			}
			last[u] = at
			e := activity.Event{User: u, Time: at, Entry: activity.ContentViewed("c"), Feature: fmt.Sprintf("f%d", data[i]>>2&3)}
			if data[i]&0x10 != 0 {
				e.ContentType, e.ContentItem = activity.ContentDocument, fmt.Sprintf("d%d", data[i]>>5&1)
				if d := extremeDurations[int(data[i+2])%len(extremeDurations)]; data[i]&0x40 == 0 {
					e.Duration, e.HasDuration = d, true
				}
			}
			for _, a := range []*activity.Analytics{one, shards[int(data[i]&3)%2]} {
				if err := a.Add(e); err != nil && !allowed(err) {
					t.Fatalf("Add(%+v) = %v: no documented sentinel", e, err)
				}
			}
		}
		results := []*activity.Analytics{one}
		merged := activity.NewAnalytics(cfg)
		if err := merged.Merge(shards[0]); err == nil {
			if err := merged.Merge(shards[1]); err == nil {
				results = append(results, merged)
			} else if !allowed(err) {
				t.Fatalf("Merge = %v: no documented sentinel", err)
			}
		} else if !allowed(err) {
			t.Fatalf("Merge = %v: no documented sentinel", err)
		}
		for _, a := range results {
			r, err := a.Result()
			if err != nil {
				if !errors.Is(err, learnstats.ErrOverflow) {
					t.Fatalf("Result = %v, want nil or ErrOverflow", err)
				}
				continue
			}
			checkNonNegative(t, r)
		}
	})
}

// FuzzMeetingsExtreme adds meetings with the largest attendee counts and
// spans, in two shards merged (also into themselves): no call panics,
// every error wraps a documented sentinel, and no figure is negative.
func FuzzMeetingsExtreme(f *testing.F) {
	f.Add([]byte{0, 2, 1, 0, 2, 1, 1, 3, 3})
	f.Add([]byte{4, 1, 0, 5, 1, 0, 6, 0, 2})
	attendees := []int64{0, 1, 7, math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64}
	spans := []time.Duration{0, time.Hour, years(150), math.MaxInt64}
	starts := []time.Time{t0, activity.MinEventTime, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, data []byte) {
		shards := []*activity.Meetings{activity.NewMeetings(learnstats.Window{}), activity.NewMeetings(learnstats.Window{})}
		allowed := func(err error) bool {
			return errors.Is(err, activity.ErrInvalidMeeting) || errors.Is(err, learnstats.ErrOverflow)
		}
		for i := 0; i+2 < len(data); i += 3 {
			start := starts[int(data[i]>>1)%len(starts)]
			m := activity.Meeting{ID: fmt.Sprintf("m%d", i/3), Start: start,
				End: start.Add(spans[int(data[i+1])%len(spans)]), Attendees: attendees[int(data[i+2])%len(attendees)]}
			if data[i+1]&0x80 != 0 {
				m.End = start.AddDate(300, 0, 0) // longer than a time.Duration holds
			}
			if data[i+1]&0x40 != 0 {
				m.Cancelled, m.Attendees = true, 0
			}
			if err := shards[data[i]&1].Add(m); err != nil && !allowed(err) {
				t.Fatalf("Add(%+v) = %v: no documented sentinel", m, err)
			}
			if data[i+2]&0x80 != 0 {
				if err := shards[0].Merge(shards[0]); err != nil && !allowed(err) {
					t.Fatalf("Merge = %v: no documented sentinel", err)
				}
			}
		}
		if err := shards[0].Merge(shards[1]); err != nil && !allowed(err) {
			t.Fatalf("Merge = %v: no documented sentinel", err)
		}
		for _, m := range shards {
			s, err := m.Result()
			if err != nil {
				t.Fatalf("Result = %v", err)
			}
			for _, v := range []int64{s.Meetings, s.Cancelled, s.Held, s.AvgAttendees.Num, s.AvgAttendees.Den,
				int64(s.TotalDuration), int64(s.AvgDuration), s.OutsideWindow} {
				if v < 0 {
					t.Fatalf("negative figure in %+v", s)
				}
			}
		}
	})
}

// parisAgain is Europe/Paris loaded a second time: another pointer, the
// same location.
var parisAgain = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

// fuzzConfig builds a configuration from six palette indices; distinct
// indices give configurations that differ in what they compute (0 and
// DefaultGap, nil and UTC, are left out of the palettes: they are the
// same configuration). again picks the second load of Europe/Paris,
// which is the same configuration as the first.
func fuzzConfig(idx [6]uint8, again bool) activity.Config {
	windows := []learnstats.Window{{}, {Start: t0, End: t0.Add(24 * time.Hour)}, {Start: t0, End: t0.Add(time.Hour)}}
	asOfs := []time.Time{{}, t0.Add(48 * time.Hour), t0.Add(48*time.Hour + 1)}
	gaps := []time.Duration{0, time.Minute, 2 * time.Hour}
	locs := []*time.Location{nil, paris, time.FixedZone("LMS", 3600), time.FixedZone("LMS", 7200)}
	if again {
		locs[1] = parisAgain
	}
	consents := []activity.Consent{nil, activity.ConsentSet{"u1": true, "u2": true}, activity.ConsentSet{"u1": true},
		activity.ConsentFunc(func(id learnstats.UserID) bool { return id != "u3" })}
	return activity.Config{Window: windows[idx[0]], AsOf: asOfs[idx[1]], Gap: gaps[idx[2]], Location: locs[idx[3]],
		Anonymized: idx[4] == 1, Consent: consents[idx[5]]}
}

// FuzzMergeMismatch merges accumulators over two random configurations
// (Analytics) and windows (Meetings): Merge succeeds exactly when they are
// the same, and otherwise fails with an error wrapping
// learnstats.ErrMismatch and leaves the accumulator unchanged (SPEC
// section 0, "Mergeable aggregates").
func FuzzMergeMismatch(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0}, []byte{0, 0, 0, 0, 0, 0}, []byte{1, 2, 3})
	f.Add([]byte{1, 1, 1, 2, 1, 1}, []byte{1, 1, 1, 3, 1, 1}, []byte{7, 7, 7, 9})
	f.Add([]byte{2, 2, 2, 1, 0, 3}, []byte{2, 2, 2, 1, 0, 2}, []byte{})
	f.Add([]byte{1, 1, 1, 1, 1, 1}, []byte{1, 1, 1, 1, 1, 1, 1}, []byte{4, 9}) // Paris loaded twice
	f.Fuzz(func(t *testing.T, ia, ib, data []byte) {
		if len(ia) < 6 || len(ib) < 6 {
			return
		}
		sizes := [6]uint8{3, 3, 3, 4, 2, 4}
		var xa, xb [6]uint8
		for i, n := range sizes {
			xa[i], xb[i] = ia[i]%n, ib[i]%n
		}
		if len(data) > 64 {
			data = data[:64]
		}
		again := len(ib) > 6 && ib[6]&1 == 1
		a, b := activity.NewAnalytics(fuzzConfig(xa, false)), activity.NewAnalytics(fuzzConfig(xb, again))
		users := []string{"u1", "u2", "u3", "u4"} // a gets u1 and u3, b u2 and u4: disjoint shards
		at := t0
		for _, d := range data {
			at = at.Add(time.Duration(d>>2) * time.Minute)
			sh := []*activity.Analytics{a, b}[d&1]
			if err := sh.Add(ev(users[d&3], at, "f")); err != nil {
				t.Fatal(err)
			}
		}
		before := result(t, a)
		err := a.Merge(b)
		if xa == xb {
			if err != nil {
				t.Fatalf("same configuration %v: Merge = %v", xa, err)
			}
		} else {
			if !errors.Is(err, learnstats.ErrMismatch) {
				t.Fatalf("configurations %v and %v: Merge = %v, want an error wrapping learnstats.ErrMismatch", xa, xb, err)
			}
			if after := result(t, a); !cmp.Equal(before, after) {
				t.Errorf("refused Merge changed the accumulator (-before +after):\n%s", cmp.Diff(before, after))
			}
		}

		ma, mb := activity.NewMeetings(fuzzConfig(xa, false).Window), activity.NewMeetings(fuzzConfig(xb, false).Window)
		for i, d := range data {
			m := activity.Meeting{ID: fmt.Sprintf("m%d", i), Start: t0.Add(time.Duration(d) * time.Minute)}
			m.End = m.Start.Add(time.Minute)
			if err := []*activity.Meetings{ma, mb}[d&1].Add(m); err != nil {
				t.Fatal(err)
			}
		}
		err = ma.Merge(mb)
		if same := xa[0] == xb[0]; same != (err == nil) || !same && !errors.Is(err, learnstats.ErrMismatch) {
			t.Fatalf("windows %d and %d: Meetings.Merge = %v", xa[0], xb[0], err)
		}
	})
}
