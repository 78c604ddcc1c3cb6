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

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

// t0 is a fixed instant the tests build on.
var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, paris)

func ev(user string, t time.Time, feature string) activity.Event {
	return activity.Event{User: learnstats.UserID(user), Time: t, Entry: activity.ContentViewed(feature), Feature: feature, OS: "iOS"}
}

// result is a.Result, failing the test on an error.
func result(t testing.TB, a *activity.Analytics) activity.Result {
	t.Helper()
	r, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func analyze(t *testing.T, cfg activity.Config, events ...activity.Event) activity.Result {
	t.Helper()
	r, err := activity.Analyze(cfg, slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestE1_Visits(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(time.Hour)}
	tests := []struct {
		name   string
		reason string
		cfg    activity.Config
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
			cfg:    activity.Config{Gap: 10 * time.Minute},
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(10*time.Minute), "a")},
			visits: 1, total: 10 * time.Minute, inter: 2},
		{name: "configured gap 10 minutes + 1ns", reason: "the gap is configurable",
			cfg:    activity.Config{Gap: 10 * time.Minute},
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(10*time.Minute+1), "a")},
			visits: 2, inter: 2},
		{name: "single event", reason: "a visit of one event lasts 0",
			events: []activity.Event{ev("u1", t0, "a")}, visits: 1, inter: 1},
		{name: "same instant", reason: "events at the same instant are in time order",
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0, "b")}, visits: 1, inter: 2},
		{name: "starts inside, ends after the window", reason: "a visit belongs to the window of its first event, with its whole duration",
			cfg:    activity.Config{Window: win},
			events: []activity.Event{ev("u1", t0.Add(50*time.Minute), "a"), ev("u1", t0.Add(70*time.Minute), "b"), ev("u1", t0.Add(95*time.Minute), "c")},
			visits: 1, total: 45 * time.Minute, inter: 3},
		{name: "starts before, continues inside the window", reason: "its first event is outside, so it does not count",
			cfg:    activity.Config{Window: win},
			events: []activity.Event{ev("u1", t0.Add(-10*time.Minute), "a"), ev("u1", t0.Add(10*time.Minute), "b")},
			out:    2},
		{name: "first event at window start", reason: "windows are half-open: Start is inside",
			cfg:    activity.Config{Window: win},
			events: []activity.Event{ev("u1", t0, "a")}, visits: 1, inter: 1},
		{name: "first event at window end", reason: "windows are half-open: End is outside",
			cfg:    activity.Config{Window: win},
			events: []activity.Event{ev("u1", t0.Add(time.Hour), "a")}, out: 1},
		{name: "first event 1ns before window end", reason: "windows are half-open",
			cfg:    activity.Config{Window: win},
			events: []activity.Event{ev("u1", t0.Add(time.Hour-1), "a")}, visits: 1, inter: 1},
		{name: "event at asOf", reason: "events at or after asOf are not counted",
			cfg:    activity.Config{AsOf: t0.Add(time.Minute)},
			events: []activity.Event{ev("u1", t0, "a"), ev("u1", t0.Add(time.Minute-1), "a"), ev("u1", t0.Add(time.Minute), "a")},
			visits: 1, total: time.Minute - 1, inter: 2, after: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyze(t, tc.cfg, tc.events...)
			got := []any{r.Insights.Visits, r.Insights.TotalVisitDuration, r.Insights.Interactions, r.OutsideWindow, r.AfterAsOf}
			want := []any{tc.visits, tc.total, tc.inter, tc.out, tc.after}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: visits, duration, interactions, outside, after asOf (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestE1_OutOfOrder(t *testing.T) {
	a := activity.NewAnalytics(activity.Config{})
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
	if got := result(t, a).Insights.Interactions; got != 2 {
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
		{"type without item", "a type needs its item", func(e *activity.Event) { e.ContentType = activity.ContentPage }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := good
			tc.mutate(&e)
			_, err := activity.Analyze(activity.Config{}, slices.Values([]activity.Event{e}))
			if !errors.Is(err, activity.ErrInvalidEvent) {
				t.Errorf("%s: err = %v, want ErrInvalidEvent", tc.reason, err)
			}
		})
	}
}

func TestE2_Insights(t *testing.T) {
	r := analyze(t, activity.Config{},
		// u1: visits of 1ns and 2ns: the average 1.5ns rounds half away from zero to 2ns.
		ev("u1", t0, "a"), ev("u1", t0.Add(1), "a"),
		ev("u1", t0.Add(time.Hour), "a"), ev("u1", t0.Add(time.Hour+2), "b"),
		// u2: one visit of 0 with 1 event.
		ev("u2", t0, "a"),
	)
	want := activity.Insights{
		ActiveUsers: 2, Visits: 3, Interactions: 5,
		TotalVisitDuration: 3, AvgVisitDuration: 1,
		VisitsPerUser:        activity.Ratio{Num: 3, Den: 2},
		InteractionsPerVisit: activity.Ratio{Num: 5, Den: 3},
	}
	if diff := cmp.Diff(want, r.Insights); diff != "" {
		t.Errorf("insights (-want +got):\n%s", diff)
	}
	d, ok := r.Insights.InteractionsPerVisit.Decimal(2)
	if !ok || d.StringFixed(2) != "1.67" {
		t.Errorf("interactions per visit = %v %v, want 1.67 (exact 5/3, half away from zero)", d, ok)
	}
	// 3 ns over 2 visits is 1.5 ns: rounded half away from zero to 2.
	r = analyze(t, activity.Config{}, ev("u1", t0, "a"), ev("u1", t0.Add(3), "a"), ev("u1", t0.Add(time.Hour), "a"))
	if r.Insights.AvgVisitDuration != 2 {
		t.Errorf("average of 3ns and 0ns = %v, want 2ns (1.5 rounded half away from zero)", r.Insights.AvgVisitDuration)
	}
	var empty activity.Analytics
	if got := result(t, &empty).Insights; got != (activity.Insights{}) {
		t.Errorf("zero Analytics insights = %+v, want zero", got)
	}
	if _, ok := result(t, &empty).Insights.VisitsPerUser.Decimal(2); ok {
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
		want   activity.FrequencyClass
	}{
		{"one visit", "a user with one visit is once", nil, activity.Once},
		{"daily at exactly 1 day", "<= 1 day is daily", []time.Duration{day}, activity.Daily},
		{"weekly at 1 day + 1ns", "> 1 day is not daily", []time.Duration{day + 1}, activity.Weekly},
		{"weekly at 7 days", "<= 7 days is weekly", []time.Duration{7 * day}, activity.Weekly},
		{"monthly at 7 days + 1ns", "> 7 days", []time.Duration{7*day + 1}, activity.Monthly},
		{"monthly at 31 days", "<= 31 days is monthly", []time.Duration{31 * day}, activity.Monthly},
		{"rarely at 31 days + 1ns", "> 31 days is rarely", []time.Duration{31*day + 1}, activity.Rarely},
		{"odd median", "the middle gap of 3", []time.Duration{40 * day, 2 * time.Hour, 20 * time.Hour}, activity.Daily},
		{"even median at the limit", "mean of 20h and 28h is exactly 24h", []time.Duration{28 * time.Hour, 20 * time.Hour}, activity.Daily},
		{"even median 0.5ns over", "mean of 20h and 28h+1ns is 24h+0.5ns, over a day", []time.Duration{28*time.Hour + 1, 20 * time.Hour}, activity.Weekly},
		{"even median of four", "middle two are 2 and 8 days, mean 5 days", []time.Duration{time.Hour, 40 * day, 2 * day, 8 * day}, activity.Weekly},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyze(t, activity.Config{}, visitsAt("u1", tc.gaps...)...)
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
	r := analyze(t, activity.Config{}, events...)
	want := activity.Frequency{Daily: 1, Weekly: 2, Rarely: 1, Once: 1}
	if diff := cmp.Diff(want, r.Frequency); diff != "" {
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
	r := analyze(t, activity.Config{Location: paris, Gap: time.Minute},
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
	r = analyze(t, activity.Config{}, mk("u1", dst.Add(-1), "iOS"), mk("u1", dst, "iOS"))
	if len(r.OSDays) != 1 || r.OSDays[0].Day != d(2026, 10, 24) {
		t.Errorf("in UTC both events are on 24 Oct: got %+v", r.OSDays)
	}
}

func TestE5_TopFeatures(t *testing.T) {
	r := analyze(t, activity.Config{},
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
	e := activity.Event{User: "u1", Time: t0, Entry: activity.ChatMessage("hi")}
	r = analyze(t, activity.Config{}, e)
	if len(r.Features) != 1 || r.Features[0].Feature != activity.CategoryChat {
		t.Errorf("feature of an event without one = %+v, want the category Chat", r.Features)
	}
}

func TestE7_TopUsers(t *testing.T) {
	r := analyze(t, activity.Config{},
		ev("u3", t0, "a"), ev("u3", t0.Add(time.Minute), "a"),
		ev("u1", t0, "a"), ev("u1", t0.Add(2*time.Minute), "b"),
		ev("u2", t0, "a"), ev("u2", t0.Add(time.Hour), "a"), ev("u2", t0.Add(2*time.Hour), "a"),
	)
	want := []activity.UserStats{
		{User: "u2", Interactions: 3, Visits: 3, Class: activity.Daily,
			Features: []activity.FeatureCount{{Feature: "a", Interactions: 3}}},
		{User: "u1", Interactions: 2, Visits: 1, TotalVisitDuration: 2 * time.Minute, AvgVisitDuration: 2 * time.Minute, Class: activity.Once,
			Features: []activity.FeatureCount{{Feature: "a", Interactions: 1}, {Feature: "b", Interactions: 1}}},
		{User: "u3", Interactions: 2, Visits: 1, TotalVisitDuration: time.Minute, AvgVisitDuration: time.Minute, Class: activity.Once,
			Features: []activity.FeatureCount{{Feature: "a", Interactions: 2}}},
	}
	if diff := cmp.Diff(want, r.Users); diff != "" {
		t.Errorf("top users, ties by ID (-want +got):\n%s", diff)
	}
	if got := r.Users[1].FeatureInteractions("b"); got != 1 {
		t.Errorf("FeatureInteractions(b) = %d, want 1", got)
	}
	if got := r.Users[1].FeatureInteractions("zzz"); got != 0 {
		t.Errorf("FeatureInteractions(zzz) = %d, want 0", got)
	}
}

func TestE12_Consent(t *testing.T) {
	cfg := activity.Config{Consent: activity.ConsentSet{"u1": true, "u3": false}}
	r := analyze(t, cfg,
		ev("u1", t0, "a"), ev("u2", t0, "a"), ev("u2", t0.Add(1), "b"), ev("u3", t0, "a"))
	if r.Insights.ActiveUsers != 1 || r.Insights.Interactions != 1 {
		t.Errorf("active users %d, interactions %d; want 1 and 1 (only u1 consented)", r.Insights.ActiveUsers, r.Insights.Interactions)
	}
	if r.NoConsent != 3 || r.NoConsentUsers != 2 {
		t.Errorf("left out %d events of %d users, want 3 of 2", r.NoConsent, r.NoConsentUsers)
	}
	if len(r.Features) != 1 || r.Features[0].Users != 1 || len(r.Users) != 1 || r.Users[0].User != "u1" {
		t.Errorf("users without consent leak into features %+v or users %+v", r.Features, r.Users)
	}
	fn := activity.ConsentFunc(func(id learnstats.UserID) bool { return id != "u2" })
	r = analyze(t, activity.Config{Consent: fn}, ev("u1", t0, "a"), ev("u2", t0, "a"))
	if r.NoConsent != 1 || r.Insights.Interactions != 1 {
		t.Errorf("ConsentFunc: left out %d, counted %d; want 1 and 1", r.NoConsent, r.Insights.Interactions)
	}
}
