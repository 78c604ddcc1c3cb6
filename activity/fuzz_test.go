package activity_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
)

// equateEmpty makes nil and empty lists and maps equal in comparisons of
// results.
var equateEmpty = cmpopts.EquateEmpty()

// diffResults returns "" when want and got are the same analytics (nil
// and empty lists and maps are the same), else their difference.
// reflect.DeepEqual decides, on normalized copies, and cmp.Diff
// explains: cmp alone is too slow for the fuzzers.
func diffResults(want, got activity.Analytics) string {
	if reflect.DeepEqual(normalized(want), normalized(got)) {
		return ""
	}
	return cmp.Diff(want, got, equateEmpty)
}

// normalized returns r with its empty lists and maps nil.
func normalized(r activity.Analytics) activity.Analytics {
	r.OSDays = nilIfEmpty(r.OSDays)
	r.Features = nilIfEmpty(r.Features)
	r.Users = slices.Clone(nilIfEmpty(r.Users))
	for i := range r.Users {
		r.Users[i].Features = nilIfEmpty(r.Users[i].Features)
	}
	var funnel func(n activity.FunnelNode) activity.FunnelNode
	funnel = func(n activity.FunnelNode) activity.FunnelNode {
		n.Children = slices.Clone(nilIfEmpty(n.Children))
		for i := range n.Children {
			n.Children[i] = funnel(n.Children[i])
		}
		return n
	}
	r.Funnel = funnel(r.Funnel)
	var content func(c activity.ContentStats) activity.ContentStats
	content = func(c activity.ContentStats) activity.ContentStats {
		if len(c.ByOS) == 0 {
			c.ByOS = nil
		}
		c.Items = slices.Clone(nilIfEmpty(c.Items))
		for i := range c.Items {
			c.Items[i] = content(c.Items[i])
		}
		return c
	}
	r.Content = slices.Clone(nilIfEmpty(r.Content))
	for i := range r.Content {
		r.Content[i] = content(r.Content[i])
	}
	return r
}

func nilIfEmpty[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// fuzzEvents turns bytes into events of up to 6 users, in time order per
// user, with gaps around the 30-minute boundary, up to 20 features (more
// than a user state holds inline), OSes, content items with and without
// durations, and events without a feature (the category stands for it).
func fuzzEvents(data []byte) []activity.Event {
	gaps := []time.Duration{0, time.Second, time.Minute, 30 * time.Minute, 30*time.Minute + 1, 2 * time.Hour, 25 * time.Hour, 9 * 24 * time.Hour}
	last := map[string]time.Time{}
	var out []activity.Event
	for i := 0; i+3 < len(data); i += 4 {
		u := fmt.Sprintf("u%d", data[i]%6)
		at, ok := last[u]
		if !ok {
			at = t0.Add(time.Duration(data[i]>>3) * 7 * time.Minute)
		}
		at = at.Add(gaps[data[i+1]%8] + time.Duration(data[i+1]>>3))
		last[u] = at
		e := ev(u, at, fmt.Sprintf("f%02d", data[i+3]%20))
		if data[i+3] >= 240 {
			e.Feature = "" // the category stands for the feature
		}
		e.OS = []string{"iOS", "Android", ""}[(data[i+2]>>2)%3]
		switch (data[i+2] >> 4) % 4 {
		case 1:
			e.ContentType, e.ContentItem = "page", fmt.Sprintf("p%d", data[i+2]>>6)
		case 2:
			e.ContentType, e.ContentItem = "session", "s"
			e.Duration, e.HasDuration = time.Duration(data[i+1])*time.Second, true
		}
		out = append(out, e)
	}
	return out
}

// fuzzOptions picks options from a byte: a window or all time, an asOf,
// a consent set leaving out u5, individual analytics of u1.
func fuzzOptions(b byte) (asOf time.Time, o activity.Options) {
	o = activity.Options{Location: paris,
		Window: learnstats.Window{Start: t0.Add(time.Duration(b%8) * time.Hour), End: t0.Add(10 * 24 * time.Hour)}}
	if b&0x80 != 0 {
		o.Window = learnstats.Window{}
	}
	if b&0x40 != 0 {
		asOf = t0.Add(12 * 24 * time.Hour)
	}
	if b&0x20 != 0 {
		o.Consent = map[learnstats.UserID]bool{"u0": true, "u1": true, "u2": true, "u3": true, "u4": true}
	}
	if b&0x18 == 0x18 {
		o.User = "u1"
	}
	if b&0x18 == 0x08 {
		o.Gap = 7 * time.Minute
	}
	return asOf, o
}

// FuzzAnalyticsMerge checks, on random event streams, that the
// accumulator equals the independent reference (refAnalyze: the rules
// computed from each user's visits), that any interleaving of the users
// gives the same result, and that shards by user merged in any order
// (merge(split)) equal one pass.
func FuzzAnalyticsMerge(f *testing.F) {
	f.Add([]byte{3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
	f.Add([]byte{2, 0x80, 3, 1, 1, 4, 1, 1, 5, 2, 9, 7, 2, 200, 64, 8, 3, 2, 1, 4, 130, 250})
	f.Add(append([]byte{1, 0xE8}, bytes.Repeat([]byte{7, 3, 2, 13, 4, 17, 9, 1}, 30)...))
	f.Add(append([]byte{4, 0x58}, bytes.Repeat([]byte{1, 2, 3, 200, 5, 0, 7, 120}, 20)...))
	f.Add(append([]byte{2, 0xA0}, bytes.Repeat([]byte{1, 8, 0x14, 3, 2, 5, 0x24, 4, 1, 2, 0x54, 250, 3, 9, 0x15, 7}, 8)...)) // content
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		if len(data) > 402 {
			data = data[:402] // 100 events: enough for the rules, fast to check
		}
		shards := int(data[0]%4) + 1
		asOf, o := fuzzOptions(data[1])
		events := fuzzEvents(data[2:])
		one := newAccAt(t, asOf, o)
		parts := make([]*activity.AnalyticsAccumulator, shards)
		for i := range parts {
			parts[i] = newAccAt(t, asOf, o)
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
		want := result(t, one)
		if diff := diffResults(refAnalyze(asOf, o, events), want); diff != "" {
			t.Fatalf("the accumulator differs from the reference (-reference +accumulator):\n%s", diff)
		}
		// Another interleaving of the users (all of a user's events
		// together, users in reverse order) gives the same result.
		byUser := slices.Clone(events)
		slices.SortStableFunc(byUser, func(x, y activity.Event) int { return strings.Compare(string(y.User), string(x.User)) })
		if diff := diffResults(want, analyzeAt(t, asOf, o, byUser...)); diff != "" {
			t.Errorf("result depends on how users interleave (-want +got):\n%s", diff)
		}
		// Merge in two different orders: ((p0+p1)+p2)… and …(p2+(p1+p0)).
		fwd := newAccAt(t, asOf, o)
		for _, p := range parts {
			if err := fwd.Merge(p); err != nil {
				t.Fatal(err)
			}
		}
		rev := newAccAt(t, asOf, o)
		for i := len(parts) - 1; i >= 0; i-- {
			if err := rev.Merge(parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if diff := diffResults(want, result(t, fwd)); diff != "" {
			t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		if diff := diffResults(want, result(t, rev)); diff != "" {
			t.Errorf("merge is not commutative (-want +got):\n%s", diff)
		}
		// A merged accumulator goes on like the one pass: the same events
		// once more, after the last, added to both.
		var end time.Time
		for _, e := range events {
			if e.Time.After(end) {
				end = e.Time
			}
		}
		later := make([]activity.Event, len(events))
		for i, e := range events {
			e.Time = e.Time.Add(end.Sub(t0) + 24*time.Hour)
			later[i] = e
		}
		for _, e := range later {
			if err := one.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := fwd.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		if diff := diffResults(result(t, one), result(t, fwd)); diff != "" {
			t.Errorf("after more events, the merged accumulator differs from the one pass (-want +got):\n%s", diff)
		}
		if shards > 1 && result(t, parts[0]).ActiveUsers+result(t, parts[0]).NoConsentUsers > 0 {
			if err := fwd.Merge(parts[0]); !errors.Is(err, learnstats.ErrMismatch) {
				t.Errorf("merging a shard twice: %v, want ErrMismatch", err)
			}
		}
	})
}

// FuzzMeetingsMerge checks that meetings split into shards and merged in
// any order give the result of one pass.
func FuzzMeetingsMerge(f *testing.F) {
	f.Add([]byte{2, 0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{3, 0x81, 200, 7, 9, 130, 64, 1, 1, 250})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		shards := int(data[0]%4) + 1
		win := learnstats.Window{Start: t0.Add(time.Duration(data[1]%8) * time.Hour), End: t0.Add(5 * 24 * time.Hour)}
		if data[1]&0x80 != 0 {
			win = learnstats.Window{}
		}
		var ms []activity.Meeting
		for i := 2; i+1 < len(data); i += 2 {
			m := activity.Meeting{ID: fmt.Sprintf("m%d", i), Start: t0.Add(time.Duration(data[i]) * 37 * time.Minute),
				Attendees: int64(data[i+1] % 50)}
			m.End = m.Start.Add(time.Duration(data[i+1]) * time.Minute)
			if data[i+1] >= 200 {
				m.Cancelled, m.Attendees = true, 0
			}
			ms = append(ms, m)
		}
		one := newMeetings(t, win)
		parts := make([]*activity.MeetingsAccumulator, shards)
		for i := range parts {
			parts[i] = newMeetings(t, win)
		}
		for i, m := range ms {
			if err := one.Add(m); err != nil {
				t.Fatal(err)
			}
			if err := parts[i%shards].Add(m); err != nil {
				t.Fatal(err)
			}
		}
		fwd, rev := newMeetings(t, win), newMeetings(t, win)
		for i := range parts {
			if err := fwd.Merge(parts[i]); err != nil {
				t.Fatal(err)
			}
			if err := rev.Merge(parts[len(parts)-1-i]); err != nil {
				t.Fatal(err)
			}
		}
		want := one.Result()
		if diff := cmp.Diff(want, fwd.Result()); diff != "" {
			t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, rev.Result()); diff != "" {
			t.Errorf("merge is not commutative (-want +got):\n%s", diff)
		}
		if want.Meetings+want.OutsideWindow != int64(len(ms)) || want.Held != want.Meetings-want.Cancelled {
			t.Errorf("counts do not add up: %+v for %d meetings", want, len(ms))
		}
	})
}

// FuzzReadReport: reading arbitrary bytes gives rows that are valid
// events, or *csv.ParseError values wrapping ErrInvalidEvent.
func FuzzReadReport(f *testing.F) {
	f.Add([]byte(reportHeader + "2026-11-02T09:00:00+01:00,Ada,L,a@x,Chat,Message,'=1\n"))
	f.Add([]byte(reportHeader + "2026-11-02T09:00:00Z,\"a\nb\",L,a@x,,Message,x\n"))
	f.Add([]byte("\uFEFF" + reportHeader + "x,y\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for row, err := range activity.ReadReport(bytes.NewReader(data)) {
			if err != nil {
				var pe *csv.ParseError
				if !errors.As(err, &pe) || !errors.Is(err, activity.ErrInvalidEvent) {
					t.Fatalf("error %v is not a *csv.ParseError wrapping ErrInvalidEvent", err)
				}
				continue
			}
			e := activity.Event{User: "u1", Time: t0, Entry: row.Entry} // the reader takes any RFC 3339 time; events have a range
			if _, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e})); err != nil {
				t.Errorf("row %+v read back is no valid event: %v", row, err)
			}
		}
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
		if _, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{{User: "u1", Time: t0, Entry: entry}})); err != nil {
			return // a report row needs a category, and the vocabulary's words (section 8)
		}
		ns %= 200 * 365 * 24 * int64(time.Hour) // within years 1770-2170
		locs := []*time.Location{time.UTC, paris, time.FixedZone("", -(9*3600 + 30*60))}
		row := activity.ReportRow{Time: time.Unix(0, ns).In(locs[int(opt)%3]), FirstName: first, LastName: last, Email: email, Entry: entry}
		o := &export.Options{NoFormulaGuard: opt&8 != 0, BOM: opt&16 != 0, CRLF: opt&32 != 0}
		o.Location = locs[int(opt/3)%3]
		var buf bytes.Buffer
		if _, err := export.WriteCSV(&buf, export.ActivityReportTable(), slices.Values([]activity.ReportRow{row, row}), o); err != nil {
			t.Fatal(err)
		}
		rows, err := readAll(&buf)
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
			if diff := cmp.Diff(want.Entry.Parts(), got.Entry.Parts()); diff != "" {
				t.Errorf("parts read back (-want +got):\n%s", diff)
			}
		}
	})
}

// FuzzEntryRoundTrip: NewEntry and Entry.Parts are inverse (rule A-1):
// every Parts NewEntry accepts reads back from its entry, and every entry
// whose Parts has a kind renders back to itself.
func FuzzEntryRoundTrip(f *testing.F) {
	f.Add(uint8(16), "", "", "How useful?", 4, "", "Rating - x", "Question", "4")
	f.Add(uint8(24), "Keynote", "", "", 0, "2", "Session", "Joined", "Breakout from A [#1] b [#2]")
	f.Add(uint8(4), "slug", "Agenda", "", 0, "", "Click", "Speakers", "ada")
	f.Add(uint8(17), "=good", "", "", -3, "", "Review - 07", "Review", "")
	f.Fuzz(func(t *testing.T, kind uint8, label, module, question string, number int, breakout, cat, act, lab string) {
		p := activity.Parts{Kind: activity.Kind(kind % 40), Label: label, Module: module, Question: question, Number: number, Breakout: breakout}
		if e, err := activity.NewEntry(p); err == nil {
			if diff := cmp.Diff(p, e.Parts()); diff != "" {
				t.Errorf("NewEntry(%+v) = %+v reads back otherwise (-want +got):\n%s", p, e, diff)
			}
		} else if !errors.Is(err, activity.ErrInvalidEvent) {
			t.Errorf("NewEntry(%+v) = %v, want an error wrapping ErrInvalidEvent", p, err)
		}
		e := activity.Entry{Category: cat, Action: act, Label: lab}
		if q := e.Parts(); q.Kind != 0 {
			back, err := activity.NewEntry(q)
			if err != nil || back != e {
				t.Errorf("%+v: Parts %+v renders to %+v, %v", e, q, back, err)
			}
		}
	})
}

// extremeTimes and extremeDurations are the values FuzzAnalyticsExtreme
// builds events from: the ends of the event time range, instants that far
// apart, and durations up to the largest.
var (
	extremeTimes = []time.Time{minEventTime, minEventTime.Add(1), t0, t0.Add(time.Hour),
		maxEventTime.Add(-years(150)), maxEventTime.Add(-1), maxEventTime}
	extremeDurations = []time.Duration{0, 1, time.Hour, math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64 - 1, math.MaxInt64}
	extremeGaps      = []time.Duration{0, time.Minute, years(100), math.MaxInt64}
)

// ratioSign is the sign of r, 0 when r has no value.
func ratioSign(r learnstats.Ratio) int64 {
	if !r.Valid() {
		return 0
	}
	return int64(r.Rat().Sign())
}

// checkNonNegative fails when a figure of r that the rules define as a
// count or a duration is negative (SPEC section 0: no result a rule
// defines as non-negative can come out negative).
func checkNonNegative(t *testing.T, r activity.Analytics) {
	t.Helper()
	neg := func(what string, v int64) {
		if v < 0 {
			t.Errorf("%s = %d, negative", what, v)
		}
	}
	for _, x := range []struct {
		what string
		v    int64
	}{
		{"ActiveUsers", r.ActiveUsers}, {"Visits", r.Visits}, {"Interactions", r.Interactions},
		{"TotalVisitDuration", int64(r.TotalVisitDuration)}, {"AvgVisitDuration", int64(r.AvgVisitDuration)},
		{"VisitsPerUser", ratioSign(r.VisitsPerUser)}, {"InteractionsPerVisit", ratioSign(r.InteractionsPerVisit)},
		{"Daily", r.Daily}, {"Weekly", r.Weekly}, {"Monthly", r.Monthly}, {"Rarely", r.Rarely}, {"Once", r.Once},
		{"OutsideWindow", r.OutsideWindow}, {"NoConsent", r.NoConsent}, {"NoConsentUsers", r.NoConsentUsers},
		{"AfterAsOf", r.AfterAsOf}, {"OtherUsers", r.OtherUsers},
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
	var walk func(path string, n activity.FunnelNode)
	walk = func(path string, n activity.FunnelNode) {
		p := path + "/" + n.Step
		neg(p+" visits", n.Visits)
		neg(p+" users", n.Users)
		neg(p+" views", n.Views)
		neg(p+" time spent", int64(n.TimeSpent))
		for _, c := range n.Children {
			walk(p, c)
		}
	}
	walk("", r.Funnel)
	for _, u := range r.Users {
		neg(string(u.User)+" interactions", u.Interactions)
		neg(string(u.User)+" visits", u.Visits)
		neg(string(u.User)+" total visit duration", int64(u.TotalVisitDuration))
		neg(string(u.User)+" average visit duration", int64(u.AvgVisitDuration))
		for _, f := range u.Features {
			neg(string(u.User)+" "+f.Feature, f.Interactions)
		}
	}
	var content func(c activity.ContentStats)
	content = func(c activity.ContentStats) {
		for _, x := range []int64{c.Views, c.Viewers, int64(c.TimeSpent)} {
			neg(c.Type+" "+c.Item, x)
		}
		for os, n := range c.ByOS {
			neg(c.Type+" "+c.Item+" "+os, n)
		}
		for _, i := range c.Items {
			content(i)
		}
	}
	for _, c := range r.Content {
		content(c)
	}
}

// FuzzAnalyticsExtreme feeds events at the ends of the time range, with
// the largest durations and gaps, to the accumulator (one pass and two
// merged shards): no call panics, every error wraps a documented
// sentinel, an Add that fails changes nothing, and no count or duration
// of a result is negative (SPEC section 0).
func FuzzAnalyticsExtreme(f *testing.F) {
	f.Add(uint8(3), []byte{0, 6, 0, 1, 5, 0, 2, 6, 6, 3, 1, 6})
	f.Add(uint8(1), []byte{0x10, 0, 6, 0x11, 0, 6, 0x12, 0, 6})
	f.Add(uint8(2), []byte{0, 2, 0, 0, 4, 0, 1, 2, 0, 1, 4, 0, 0, 6, 0, 1, 6, 0})
	f.Fuzz(func(t *testing.T, cfgByte uint8, data []byte) {
		if len(data) > 150 {
			data = data[:150] // 50 events, each checked against a result before and after
		}
		o := activity.Options{Gap: extremeGaps[cfgByte%4], Location: paris}
		var asOf time.Time
		if cfgByte&0x4 != 0 {
			asOf = maxEventTime
		}
		one := newAccAt(t, asOf, o)
		shards := []*activity.AnalyticsAccumulator{newAccAt(t, asOf, o), newAccAt(t, asOf, o)}
		last := map[learnstats.UserID]time.Time{}
		allowed := func(err error) bool {
			return errors.Is(err, activity.ErrInvalidEvent) || errors.Is(err, activity.ErrOutOfOrder) ||
				errors.Is(err, learnstats.ErrOverflow) || errors.Is(err, learnstats.ErrMismatch)
		}
		for i := 0; i+2 < len(data); i += 3 {
			u := learnstats.UserID(fmt.Sprintf("u%d", data[i]&3))
			at := extremeTimes[int(data[i+1])%len(extremeTimes)]
			if at.Before(last[u]) {
				at = last[u] // keep each user's events in time order
			}
			last[u] = at
			e := activity.Event{User: u, Time: at, Entry: viewed("c"), Feature: fmt.Sprintf("f%d", data[i]>>2&3)}
			if data[i]&0x10 != 0 {
				e.ContentType, e.ContentItem = "document", fmt.Sprintf("d%d", data[i]>>5&1)
				if d := extremeDurations[int(data[i+2])%len(extremeDurations)]; data[i]&0x40 == 0 {
					e.Duration, e.HasDuration = d, true
				}
			}
			for _, a := range []*activity.AnalyticsAccumulator{one, shards[int(data[i]&3)%2]} {
				before, beforeErr := a.Result()
				if err := a.Add(e); err != nil {
					if !allowed(err) {
						t.Fatalf("Add(%+v) = %v: no documented sentinel", e, err)
					}
					after, afterErr := a.Result()
					if beforeErr == nil && (afterErr != nil || diffResults(before, after) != "") {
						t.Fatalf("the refused Add(%+v) changed the accumulator: %v", e, afterErr)
					}
				}
			}
		}
		results := []*activity.AnalyticsAccumulator{one}
		merged := newAccAt(t, asOf, o)
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
// spans, in two shards merged (also doubling one through a copy): no call
// panics, every error wraps a documented sentinel, and no figure is
// negative.
func FuzzMeetingsExtreme(f *testing.F) {
	f.Add([]byte{0, 2, 1, 0, 2, 1, 1, 3, 3})
	f.Add([]byte{4, 1, 0, 5, 1, 0, 6, 0, 2})
	f.Add([]byte{0, 1, 0x84, 0, 1, 0x84, 0, 1, 0x84})
	attendees := []int64{0, 1, 7, math.MaxInt64 / 2, math.MaxInt64/2 + 1, math.MaxInt64}
	spans := []time.Duration{0, time.Hour, years(150), math.MaxInt64}
	starts := []time.Time{t0, minEventTime, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, data []byte) {
		shards := []*activity.MeetingsAccumulator{newMeetings(t, learnstats.Window{}), newMeetings(t, learnstats.Window{})}
		allowed := func(err error) bool {
			return errors.Is(err, activity.ErrInvalidEvent) || errors.Is(err, learnstats.ErrOverflow)
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
				c := newMeetings(t, learnstats.Window{})
				if err := c.Merge(shards[0]); err != nil {
					t.Fatalf("Merge into an empty accumulator = %v", err)
				}
				if err := shards[0].Merge(c); err != nil && !allowed(err) {
					t.Fatalf("Merge = %v: no documented sentinel", err)
				}
			}
		}
		if err := shards[0].Merge(shards[1]); err != nil && !allowed(err) {
			t.Fatalf("Merge = %v: no documented sentinel", err)
		}
		for _, m := range shards {
			s := m.Result()
			for _, v := range []int64{s.Meetings, s.Cancelled, s.Held, ratioSign(s.AvgAttendees),
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

// fuzzMismatchOptions builds options from seven palette indices; distinct
// indices give options that differ in what they compute (0 and the
// default gap, nil and UTC, are left out of the palettes: they are the
// same configuration). again picks the second load of Europe/Paris,
// which is the same configuration as the first.
func fuzzMismatchOptions(idx [7]uint8, again bool) (asOf time.Time, o activity.Options) {
	windows := []learnstats.Window{{}, {Start: t0, End: t0.Add(24 * time.Hour)}, {Start: t0, End: t0.Add(time.Hour)}}
	asOfs := []time.Time{{}, t0.Add(48 * time.Hour), t0.Add(48*time.Hour + 1)}
	gaps := []time.Duration{0, time.Minute, 2 * time.Hour}
	locs := []*time.Location{nil, paris, time.FixedZone("LMS", 3600), time.FixedZone("LMS", 7200)}
	if again {
		locs[1] = parisAgain
	}
	consents := []map[learnstats.UserID]bool{nil, {"u1": true, "u2": true, "u4": false}, {"u1": true}, {}}
	users := []learnstats.UserID{"", "u1", "u2"}
	return asOfs[idx[1]], activity.Options{Window: windows[idx[0]], Gap: gaps[idx[2]], Location: locs[idx[3]],
		Anonymized: idx[4] == 1 && idx[6] == 0, Consent: consents[idx[5]], User: users[idx[6]]}
}

// FuzzMergeMismatch merges accumulators over two random options
// (analytics) and windows (meetings): Merge succeeds exactly when they are
// the same, and otherwise fails with an error wrapping
// learnstats.ErrMismatch and leaves the accumulator unchanged (SPEC
// section 0, "Mergeable aggregates").
func FuzzMergeMismatch(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0}, []byte{0, 0, 0, 0, 0, 0, 0}, []byte{1, 2, 3})
	f.Add([]byte{1, 1, 1, 2, 1, 1, 0}, []byte{1, 1, 1, 3, 1, 1, 0}, []byte{7, 7, 7, 9})
	f.Add([]byte{2, 2, 2, 1, 0, 3, 1}, []byte{2, 2, 2, 1, 0, 2, 1}, []byte{})
	f.Add([]byte{1, 1, 1, 1, 1, 1, 0}, []byte{1, 1, 1, 1, 1, 1, 0, 1}, []byte{4, 9}) // Paris loaded twice
	f.Fuzz(func(t *testing.T, ia, ib, data []byte) {
		if len(ia) < 7 || len(ib) < 7 {
			return
		}
		sizes := [7]uint8{3, 3, 3, 4, 2, 4, 3}
		var xa, xb [7]uint8
		for i, n := range sizes {
			xa[i], xb[i] = ia[i]%n, ib[i]%n
		}
		for _, x := range []*[7]uint8{&xa, &xb} {
			if x[6] != 0 {
				x[4] = 0 // individual analytics are refused in anonymized mode
			}
		}
		if len(data) > 64 {
			data = data[:64]
		}
		again := len(ib) > 7 && ib[7]&1 == 1
		asOfA, oa := fuzzMismatchOptions(xa, false)
		asOfB, ob := fuzzMismatchOptions(xb, again)
		a, b := newAccAt(t, asOfA, oa), newAccAt(t, asOfB, ob)
		users := []string{"u1", "u2", "u3", "u4"} // a gets u1 and u3, b u2 and u4: disjoint shards
		at := t0
		for _, d := range data {
			at = at.Add(time.Duration(d>>2) * time.Minute)
			sh := []*activity.AnalyticsAccumulator{a, b}[d&1]
			if err := sh.Add(ev(users[d&3], at, "f")); err != nil {
				t.Fatal(err)
			}
		}
		before := result(t, a)
		err := a.Merge(b)
		if xa == xb {
			if err != nil {
				t.Fatalf("same options %v: Merge = %v", xa, err)
			}
		} else {
			if !errors.Is(err, learnstats.ErrMismatch) {
				t.Fatalf("options %v and %v: Merge = %v, want an error wrapping learnstats.ErrMismatch", xa, xb, err)
			}
			if diff := diffResults(before, result(t, a)); diff != "" {
				t.Errorf("refused Merge changed the accumulator (-before +after):\n%s", diff)
			}
		}

		ma, mb := newMeetings(t, oa.Window), newMeetings(t, ob.Window)
		for i, d := range data {
			m := activity.Meeting{ID: fmt.Sprintf("m%d", i), Start: t0.Add(time.Duration(d) * time.Minute)}
			m.End = m.Start.Add(time.Minute)
			if err := []*activity.MeetingsAccumulator{ma, mb}[d&1].Add(m); err != nil {
				t.Fatal(err)
			}
		}
		beforeMeetings := ma.Result()
		err = ma.Merge(mb)
		if same := xa[0] == xb[0]; same != (err == nil) || !same && !errors.Is(err, learnstats.ErrMismatch) {
			t.Fatalf("windows %d and %d: Merge = %v", xa[0], xb[0], err)
		}
		if err != nil && ma.Result() != beforeMeetings {
			t.Errorf("refused Merge changed the meetings")
		}
	})
}
