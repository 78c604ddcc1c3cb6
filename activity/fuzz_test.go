package activity_test

import (
	"bytes"
	"errors"
	"fmt"
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
				one.Result() // Result must not disturb the accumulator
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
		want := one.Result()
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
		if diff := cmp.Diff(want, fwd.Result()); diff != "" {
			t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, rev.Result()); diff != "" {
			t.Errorf("merge is not commutative (-want +got):\n%s", diff)
		}
		if len(events) > 0 && shards > 1 {
			if err := fwd.Merge(parts[0]); !errors.Is(err, activity.ErrShardOverlap) && parts[0].Result().Insights.ActiveUsers+parts[0].Result().NoConsentUsers > 0 {
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
	if diff := cmp.Diff(a.Result(), zero.Result()); diff != "" {
		t.Errorf("zero.Merge(a) differs from a (-want +got):\n%s", diff)
	}
	// After Reset the accumulator is empty but keeps its users.
	a.Reset()
	if got := a.Result(); got.Insights.Interactions != 0 || len(got.Users) != 0 || len(got.Funnel.Steps) != 0 {
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
				if r.Category == "" {
					t.Errorf("row without category: %+v", r)
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
		if cat == "" {
			return // a report row needs a category
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
