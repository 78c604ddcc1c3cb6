package activity_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

func TestE1_Visits(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(time.Hour)}
	tests := []struct {
		name   string
		reason string
		cfg    activity.Options
		asOf   time.Time
		events []activity.Event
		visits int64
		total  time.Duration
		inter  int64
		out    int64
		after  int64
	}{
		{name: "exactly 30 minutes", reason: "a gap of exactly 30 minutes is not longer than 30 minutes",
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(30*time.Minute), "a")},
			visits: 1, total: 30 * time.Minute, inter: 2},
		{name: "30 minutes and 1ns", reason: "a gap longer than 30 minutes starts a new visit",
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(30*time.Minute+1), "a")},
			visits: 2, total: 0, inter: 2},
		{name: "configured gap 10 minutes, exact", reason: "the gap is configurable",
			cfg:    activity.Options{Gap: 10 * time.Minute},
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(10*time.Minute), "a")},
			visits: 1, total: 10 * time.Minute, inter: 2},
		{name: "configured gap 10 minutes + 1ns", reason: "the gap is configurable",
			cfg:    activity.Options{Gap: 10 * time.Minute},
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(10*time.Minute+1), "a")},
			visits: 2, inter: 2},
		{name: "single event", reason: "a visit of one event lasts 0",
			events: []activity.Event{ev("u1", t0, "a")}, visits: 1, inter: 1},
		{name: "same instant", reason: "events at the same instant are in time order",
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0, "b")}, visits: 1, inter: 2},
		{name: "starts inside, ends after the window", reason: "a visit belongs to the window of its first event, with its whole duration",
			cfg:    activity.Options{Window: win},
			events: []activity.Event{ev("u1", t0.Add(50*time.Minute), "a"), ev("u1", t0.Add(70*time.Minute), "b"), ev("u1", t0.Add(95*time.Minute), "c")},
			visits: 1, total: 45 * time.Minute, inter: 3},
		{name: "starts before, continues inside the window", reason: "its first event is outside, so it does not count",
			cfg:    activity.Options{Window: win},
			events: []activity.Event{ev("u1", t0.Add(-10*time.Minute), "a"), ev("u1", t0.Add(10*time.Minute), "b")},
			out:    2},
		{name: "first event at window start", reason: "windows are half-open: Start is inside",
			cfg:    activity.Options{Window: win},
			events: []activity.Event{ev("u1", t0, "a")}, visits: 1, inter: 1},
		{name: "first event at window end", reason: "windows are half-open: End is outside",
			cfg:    activity.Options{Window: win},
			events: []activity.Event{ev("u1", t0.Add(time.Hour), "a")}, out: 1},
		{name: "first event 1ns before window end", reason: "windows are half-open",
			cfg:    activity.Options{Window: win},
			events: []activity.Event{ev("u1", t0.Add(time.Hour-1), "a")}, visits: 1, inter: 1},
		{name: "event at asOf", reason: "events at or after asOf are not counted",
			asOf:   t0.Add(time.Minute),
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(time.Minute-1), "a"), ev("u1", t0.Add(time.Minute), "a")},
			visits: 1, total: time.Minute - 1, inter: 2, after: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyzeAt(t, tc.asOf, tc.cfg, tc.events...)
			got := []any{r.Visits, r.TotalVisitDuration, r.Interactions, r.OutsideWindow, r.AfterAsOf}
			want := []any{tc.visits, tc.total, tc.inter, tc.out, tc.after}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: visits, duration, interactions, outside, after asOf (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestE1_OutOfOrder(t *testing.T) {
	a := newAcc(t, activity.Options{})
	if err := a.Add(ev("u1", t0, "a")); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(ev("u2", t0.Add(-time.Hour), "a")); err != nil {
		t.Errorf("another user's older event: %v, want nil (users interleave freely)", err)
	}
	err := a.Add(ev("u1", t0.Add(-1), "a"))
	if !errors.Is(err, activity.ErrOutOfOrder) {
		t.Fatalf("u1 going back 1ns: %v, want ErrOutOfOrder", err)
	}
	if got := result(t, a).Interactions; got != 2 {
		t.Errorf("interactions after a rejected event = %d, want 2 (nothing counted)", got)
	}
}

func TestE1_InvalidEvent(t *testing.T) {
	good := ev("u1", t0, "a")
	tests := []struct {
		name   string
		reason string
		mutate func(*activity.Event)
	}{
		{"no user", "User is required", func(e *activity.Event) { e.User = "" }},
		{"zero time", "Time is required", func(e *activity.Event) { e.Time = time.Time{} }},
		{"no category", "Category is required", func(e *activity.Event) { e.Category = "" }},
		{"negative duration", "durations are >= 0", func(e *activity.Event) { e.Duration, e.HasDuration = -1, true }},
		{"duration without flag", "HasDuration must say a duration is given", func(e *activity.Event) { e.Duration = time.Second }},
		{"unknown content type", "E-8 lists the content types", func(e *activity.Event) { e.ContentType, e.ContentItem = "video", "x" }},
		{"item without type", "an item needs its type", func(e *activity.Event) { e.ContentItem = "x" }},
		{"type without item", "a type needs its item", func(e *activity.Event) { e.ContentType = "page" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := good
			tc.mutate(&e)
			_, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e}))
			if !errors.Is(err, activity.ErrInvalidEvent) {
				t.Errorf("%s: err = %v, want ErrInvalidEvent", tc.reason, err)
			}
		})
	}
}

func TestE2_Insights(t *testing.T) {
	r := analyze(t, activity.Options{},
		// u1: visits of 1ns and 2ns.
		ev("u1", t0, "a"), ev("u1", t0.Add(1), "a"),
		ev("u1", t0.Add(time.Hour), "a"), ev("u1", t0.Add(time.Hour+2), "b"),
		// u2: one visit of 0 with 1 event.
		ev("u2", t0, "a"),
	)
	type insights struct {
		ActiveUsers, Visits, Interactions    int64
		TotalVisitDuration, AvgVisitDuration time.Duration
		VisitsPerUser, InteractionsPerVisit  learnstats.Ratio
	}
	of := func(r activity.Analytics) insights {
		return insights{r.ActiveUsers, r.Visits, r.Interactions, r.TotalVisitDuration, r.AvgVisitDuration, r.VisitsPerUser, r.InteractionsPerVisit}
	}
	want := insights{
		ActiveUsers: 2, Visits: 3, Interactions: 5,
		TotalVisitDuration: 3, AvgVisitDuration: 1,
		VisitsPerUser:        learnstats.NewRatio(3, 2),
		InteractionsPerVisit: learnstats.NewRatio(5, 3),
	}
	if diff := cmp.Diff(want, of(r)); diff != "" {
		t.Errorf("insights (-want +got):\n%s", diff)
	}
	if d := r.InteractionsPerVisit.Decimal(2); d.StringFixed(2) != "1.67" {
		t.Errorf("interactions per visit = %v, want 1.67 (exact 5/3, half away from zero)", d)
	}
	// 3 ns over 2 visits is 1.5 ns: rounded half away from zero to 2.
	r = analyze(t, activity.Options{}, ev("u1", t0, "a"), ev("u1", t0.Add(3), "a"), ev("u1", t0.Add(time.Hour), "a"))
	if r.AvgVisitDuration != 2 {
		t.Errorf("average of 3ns and 0ns = %v, want 2ns (1.5 rounded half away from zero)", r.AvgVisitDuration)
	}
	var empty activity.AnalyticsAccumulator
	if got := of(result(t, &empty)); !cmp.Equal(got, insights{}) {
		t.Errorf("zero AnalyticsAccumulator insights = %+v, want zero", got)
	}
	if result(t, &empty).VisitsPerUser.Valid() {
		t.Error("VisitsPerUser of no users has a value, want none")
	}
}

func visitsAt(user string, gaps ...time.Duration) []activity.Event {
	t := t0
	out := []activity.Event{ev(user, t, "a")}
	for _, g := range gaps {
		t = t.Add(g)
		out = append(out, ev(user, t, "a"))
	}
	return out
}

func TestE3_Frequency(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name   string
		reason string
		gaps   []time.Duration
		want   string
	}{
		{"one visit", "a user with one visit is once", nil, "once"},
		{"daily at exactly 1 day", "<= 1 day is daily", []time.Duration{day}, "daily"},
		{"weekly at 1 day + 1ns", "> 1 day is not daily", []time.Duration{day + 1}, "weekly"},
		{"weekly at 7 days", "<= 7 days is weekly", []time.Duration{7 * day}, "weekly"},
		{"monthly at 7 days + 1ns", "> 7 days", []time.Duration{7*day + 1}, "monthly"},
		{"monthly at 31 days", "<= 31 days is monthly", []time.Duration{31 * day}, "monthly"},
		{"rarely at 31 days + 1ns", "> 31 days is rarely", []time.Duration{31*day + 1}, "rarely"},
		{"odd median", "the middle gap of 3", []time.Duration{40 * day, 2 * time.Hour, 20 * time.Hour}, "daily"},
		{"even median at the limit", "mean of 20h and 28h is exactly 24h", []time.Duration{28 * time.Hour, 20 * time.Hour}, "daily"},
		{"even median 0.5ns over", "mean of 20h and 28h+1ns is 24h+0.5ns, over a day", []time.Duration{28*time.Hour + 1, 20 * time.Hour}, "weekly"},
		{"even median of four", "middle two are 2 and 8 days, mean 5 days", []time.Duration{time.Hour, 40 * day, 2 * day, 8 * day}, "weekly"},
		{"even median of two at 31 days + 0.5ns", "mean of 31d and 31d+1ns is over a month", []time.Duration{31 * day, 31*day + 1}, "rarely"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyze(t, activity.Options{}, visitsAt("u1", tc.gaps...)...)
			if len(r.Users) != 1 {
				t.Fatalf("users = %d, want 1", len(r.Users))
			}
			if got := r.Users[0].Class; got != tc.want {
				t.Errorf("%s: class = %q, want %q", tc.reason, got, tc.want)
			}
		})
	}
	// The counts per class.
	var events []activity.Event
	events = append(events, visitsAt("u1")...)
	events = append(events, visitsAt("u2", day)...)
	events = append(events, visitsAt("u3", 2*day)...)
	events = append(events, visitsAt("u4", 3*day)...)
	events = append(events, visitsAt("u5", 60*day)...)
	r := analyze(t, activity.Options{}, events...)
	want := [5]int64{1, 2, 0, 1, 1}
	if diff := cmp.Diff(want, [5]int64{r.Daily, r.Weekly, r.Monthly, r.Rarely, r.Once}); diff != "" {
		t.Errorf("frequency (-want +got):\n%s", diff)
	}
}

func TestE4_OSPerDay(t *testing.T) {
	// 2026-10-25 is the autumn DST change in Paris: the day is 25 hours.
	dst := time.Date(2026, 10, 25, 0, 0, 0, 0, paris)
	mk := func(u string, at time.Time, os string) activity.Event {
		e := ev(u, at, "a")
		e.OS = os
		return e
	}
	r := analyze(t, activity.Options{Location: paris, Gap: time.Minute},
		mk("u1", dst.Add(-1), "iOS"),                              // 24 Oct 23:59:59.999999999
		mk("u1", dst, "iOS"),                                      // 25 Oct 00:00
		mk("u1", dst.Add(24*time.Hour+59*time.Minute), "Android"), // 25 Oct 23:59 (25-hour day)
		mk("u2", dst.Add(25*time.Hour), "Android"),                // 26 Oct 00:00
		mk("u2", dst.Add(25*time.Hour+1), ""),                     // not recorded
	)
	d := func(y int, m time.Month, dd int) learnstats.Date { return learnstats.Date{Year: y, Month: m, Day: dd} }
	want := []activity.OSDay{
		{Day: d(2026, 10, 24), OS: "iOS", Interactions: 1},
		{Day: d(2026, 10, 25), OS: "Android", Interactions: 1},
		{Day: d(2026, 10, 25), OS: "iOS", Interactions: 1},
		{Day: d(2026, 10, 26), OS: "", Interactions: 1},
		{Day: d(2026, 10, 26), OS: "Android", Interactions: 1},
	}
	if diff := cmp.Diff(want, r.OSDays); diff != "" {
		t.Errorf("interactions per day and OS, in Paris (-want +got):\n%s", diff)
	}
	r = analyze(t, activity.Options{}, mk("u1", dst.Add(-1), "iOS"), mk("u1", dst, "iOS"))
	if len(r.OSDays) != 1 || r.OSDays[0].Day != d(2026, 10, 24) {
		t.Errorf("in UTC both events are on 24 Oct: got %+v", r.OSDays)
	}
}

func TestE5_TopFeatures(t *testing.T) {
	r := analyze(t, activity.Options{},
		ev("u1", t0, "chat"), ev("u1", t0.Add(1), "chat"), ev("u1", t0.Add(2), "agenda"),
		ev("u2", t0, "agenda"), ev("u2", t0.Add(1), "speakers"), ev("u2", t0.Add(2), "chat"),
		ev("u3", t0, "speakers"), ev("u3", t0.Add(1), "polls"), ev("u3", t0.Add(2), "agenda"),
	)
	want := []activity.FeatureStats{
		{Feature: "agenda", Interactions: 3, Users: 3},
		{Feature: "chat", Interactions: 3, Users: 2}, // tie on interactions: by name
		{Feature: "speakers", Interactions: 2, Users: 2},
		{Feature: "polls", Interactions: 1, Users: 1},
	}
	if diff := cmp.Diff(want, r.Features); diff != "" {
		t.Errorf("top features (-want +got):\n%s", diff)
	}
	// A report-read event has no feature: its category stands for it.
	e := activity.Event{User: "u1", Time: t0, Entry: entry(activity.Parts{Kind: activity.ChatMessage, Label: "hi"})}
	r = analyze(t, activity.Options{}, e)
	if len(r.Features) != 1 || r.Features[0].Feature != "Chat" {
		t.Errorf("feature of an event without one = %+v, want the category Chat", r.Features)
	}
}

func TestE7_TopUsers(t *testing.T) {
	r := analyze(t, activity.Options{},
		ev("u3", t0, "a"), ev("u3", t0.Add(time.Minute), "a"),
		ev("u1", t0, "a"), ev("u1", t0.Add(2*time.Minute), "b"),
		ev("u2", t0, "a"), ev("u2", t0.Add(time.Hour), "a"), ev("u2", t0.Add(2*time.Hour), "a"),
	)
	want := []activity.UserStats{
		{User: "u2", Interactions: 3, Visits: 3, Class: "daily",
			Features: []activity.FeatureStats{{Feature: "a", Interactions: 3, Users: 1}}},
		{User: "u1", Interactions: 2, Visits: 1, TotalVisitDuration: 2 * time.Minute, AvgVisitDuration: 2 * time.Minute, Class: "once",
			Features: []activity.FeatureStats{{Feature: "a", Interactions: 1, Users: 1}, {Feature: "b", Interactions: 1, Users: 1}}},
		{User: "u3", Interactions: 2, Visits: 1, TotalVisitDuration: time.Minute, AvgVisitDuration: time.Minute, Class: "once",
			Features: []activity.FeatureStats{{Feature: "a", Interactions: 2, Users: 1}}},
	}
	if diff := cmp.Diff(want, r.Users); diff != "" {
		t.Errorf("top users, ties by ID (-want +got):\n%s", diff)
	}
}

func TestE12_Consent(t *testing.T) {
	o := activity.Options{Consent: map[learnstats.UserID]bool{"u1": true, "u3": false}}
	r := analyze(t, o,
		ev("u1", t0, "a"), ev("u2", t0, "a"), ev("u2", t0.Add(1), "b"), ev("u3", t0, "a"))
	if r.ActiveUsers != 1 || r.Interactions != 1 {
		t.Errorf("active users %d, interactions %d; want 1 and 1 (only u1 consented)", r.ActiveUsers, r.Interactions)
	}
	if r.NoConsent != 3 || r.NoConsentUsers != 2 {
		t.Errorf("left out %d events of %d users, want 3 of 2", r.NoConsent, r.NoConsentUsers)
	}
	if len(r.Features) != 1 || r.Features[0].Users != 1 || len(r.Users) != 1 || r.Users[0].User != "u1" {
		t.Errorf("users without consent leak into features %+v or users %+v", r.Features, r.Users)
	}
	// Nil: consent not tracked, everyone counts; empty: nobody accepted.
	r = analyze(t, activity.Options{}, ev("u1", t0, "a"), ev("u2", t0, "a"))
	if r.NoConsent != 0 || r.Interactions != 2 {
		t.Errorf("nil consent: left out %d, counted %d; want 0 and 2", r.NoConsent, r.Interactions)
	}
	r = analyze(t, activity.Options{Consent: map[learnstats.UserID]bool{}}, ev("u1", t0, "a"), ev("u2", t0, "a"))
	if r.NoConsent != 2 || r.NoConsentUsers != 2 || r.Interactions != 0 {
		t.Errorf("empty consent set: left out %d of %d users, counted %d; want 2, 2 and 0", r.NoConsent, r.NoConsentUsers, r.Interactions)
	}
}
