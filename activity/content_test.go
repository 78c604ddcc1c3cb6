package activity_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

func view(user string, at time.Time, typ activity.ContentType, item, os string) activity.Event {
	e := ev(user, at, "content")
	e.ContentType, e.ContentItem, e.OS = typ, item, os
	return e
}

func TestE8_Content(t *testing.T) {
	m := time.Minute
	withDur := view("u2", t0, activity.ContentDocument, "guide", "Android")
	withDur.Duration, withDur.HasDuration = 7*m, true
	r := analyze(t, activity.Config{},
		// u1: page p1 until the next event (2m), page p2 until the next (1m),
		// p1 again as the visit's last event (0).
		view("u1", t0, activity.ContentPage, "p1", "iOS"),
		view("u1", t0.Add(2*m), activity.ContentPage, "p2", "iOS"),
		ev("u1", t0.Add(3*m), "chat"),
		view("u1", t0.Add(4*m), activity.ContentPage, "p1", "Web"),
		// u2: an explicit duration wins over the time to the next event.
		withDur,
		view("u2", t0.Add(m), activity.ContentPage, "p2", "Android"),
		// The next event is in another visit: no time.
		ev("u2", t0.Add(2*time.Hour), "chat"),
	)
	want := []activity.ContentTypeStats{
		{Type: activity.ContentPage, Views: 4, Viewers: 2, TimeSpent: 3 * m,
			ByOS: []activity.OSCount{{OS: "Android", Views: 1}, {OS: "Web", Views: 1}, {OS: "iOS", Views: 2}},
			Items: []activity.ContentStats{
				{Type: activity.ContentPage, Item: "p1", Views: 2, Viewers: 1, TimeSpent: 2 * m,
					ByOS: []activity.OSCount{{OS: "Web", Views: 1}, {OS: "iOS", Views: 1}}},
				{Type: activity.ContentPage, Item: "p2", Views: 2, Viewers: 2, TimeSpent: m, // tie on views: by item
					ByOS: []activity.OSCount{{OS: "Android", Views: 1}, {OS: "iOS", Views: 1}}},
			}},
		{Type: activity.ContentDocument, Views: 1, Viewers: 1, TimeSpent: 7 * m,
			ByOS: []activity.OSCount{{OS: "Android", Views: 1}},
			Items: []activity.ContentStats{
				{Type: activity.ContentDocument, Item: "guide", Views: 1, Viewers: 1, TimeSpent: 7 * m,
					ByOS: []activity.OSCount{{OS: "Android", Views: 1}}},
			}},
	}
	if diff := cmp.Diff(want, r.Content); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	got, ok := r.ContentItem(activity.ContentPage, "p2")
	if !ok || got.Viewers != 2 {
		t.Errorf("ContentItem(page, p2) = %+v, %v; want 2 viewers", got, ok)
	}
	if _, ok := r.ContentItem(activity.ContentSponsor, "p2"); ok {
		t.Error("ContentItem(sponsor, p2) found, want not found (types are separate)")
	}
}

func TestE9_Meetings(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(24 * time.Hour)}
	h := time.Hour
	ms := []activity.Meeting{
		{ID: "m1", Start: t0, End: t0.Add(h), Attendees: 3},
		{ID: "m2", Start: t0.Add(2 * h), End: t0.Add(2*h + 30*time.Minute), Attendees: 4},
		{ID: "m3", Start: t0.Add(3 * h), Cancelled: true},
		{ID: "m4", Start: t0.Add(24 * h), End: t0.Add(25 * h), Attendees: 10}, // at window end: outside
		{ID: "m5", Start: t0.Add(-1), End: t0.Add(h), Attendees: 10},          // 1ns before: outside
	}
	got, err := activity.MeetingsIn(win, slices.Values(ms))
	if err != nil {
		t.Fatal(err)
	}
	want := activity.MeetingStats{Meetings: 3, Cancelled: 1, Held: 2,
		AvgAttendees: activity.Ratio{Num: 7, Den: 2}, TotalDuration: 90 * time.Minute, AvgDuration: 45 * time.Minute,
		OutsideWindow: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings: cancelled counted, averages over held ones (-want +got):\n%s", diff)
	}
	if d, _ := got.AvgAttendees.Decimal(1); d.StringFixed(1) != "3.5" {
		t.Errorf("average attendees = %s, want 3.5", d.StringFixed(1))
	}
	onlyCancelled, err := activity.MeetingsIn(win, slices.Values(ms[2:3]))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := onlyCancelled.AvgAttendees.Decimal(1); ok || onlyCancelled.AvgDuration != 0 {
		t.Errorf("no meeting held: averages %+v, want none", onlyCancelled)
	}
	// Merge of shards equals one pass.
	a, b := activity.NewMeetings(win), activity.NewMeetings(win)
	for i, m := range ms {
		sh := a
		if i%2 == 1 {
			sh = b
		}
		if err := sh.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	merged, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, merged); diff != "" {
		t.Errorf("merged meetings (-want +got):\n%s", diff)
	}
	if err := a.Merge(activity.NewMeetings(learnstats.Window{})); !errors.Is(err, activity.ErrConfigMismatch) {
		t.Errorf("merge across windows: %v, want ErrConfigMismatch", err)
	}
	for _, bad := range []activity.Meeting{
		{Start: t0, End: t0},
		{ID: "x", End: t0},
		{ID: "x", Start: t0, End: t0.Add(-1)},
		{ID: "x", Start: t0, End: t0, Attendees: -1},
		{ID: "x", Start: t0, Cancelled: true, Attendees: 2},
	} {
		if err := activity.NewMeetings(win).Add(bad); !errors.Is(err, activity.ErrInvalidMeeting) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidMeeting", bad, err)
		}
	}
}

func TestE10_Individual(t *testing.T) {
	events := []activity.Event{
		ev("u1", t0, "a"), ev("u2", t0, "b"), ev("u1", t0.Add(time.Minute), "b"),
		ev("u1", t0.Add(24*time.Hour), "a"),
	}
	got, err := activity.Individual(activity.Config{Location: paris}, "u1", slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	d := learnstats.DateOf(t0, paris)
	want := activity.IndividualResult{User: "u1",
		Insights: activity.Insights{ActiveUsers: 1, Visits: 2, Interactions: 3, TotalVisitDuration: time.Minute,
			AvgVisitDuration: 30 * time.Second, VisitsPerUser: activity.Ratio{Num: 2, Den: 1}, InteractionsPerVisit: activity.Ratio{Num: 3, Den: 2}},
		Class:    activity.Daily,
		PerDay:   []activity.DayCount{{Day: d, Interactions: 2}, {Day: d.AddDays(1), Interactions: 1}},
		Features: []activity.FeatureStats{{Feature: "a", Interactions: 2, Users: 1}, {Feature: "b", Interactions: 1, Users: 1}},
		Funnel: activity.Funnel{Visits: 2, Users: 1, Steps: []activity.FunnelNode{
			{Step: "a", Visits: 2, Users: 1, Views: 2, TimeSpent: time.Minute, Children: []activity.FunnelNode{
				{Step: "b", Visits: 1, Users: 1, Views: 1, Children: []activity.FunnelNode{exitNode(1, 1)}},
				exitNode(1, 1),
			}},
		}},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []activity.FunnelNode) bool {
		return cmp.Equal(emptyIfNil(a), emptyIfNil(b))
	})); diff != "" {
		t.Errorf("individual analytics of u1 (-want +got):\n%s", diff)
	}
}

func TestE11_Anonymized(t *testing.T) {
	_, err := activity.Individual(activity.Config{Anonymized: true}, "u1", slices.Values([]activity.Event{ev("u1", t0, "a")}))
	if !errors.Is(err, activity.ErrAnonymized) {
		t.Fatalf("individual analytics in anonymized mode: %v, want ErrAnonymized", err)
	}
	if _, err := activity.NewPseudonymizer(nil); !errors.Is(err, activity.ErrNoKey) {
		t.Errorf("NewPseudonymizer(nil) = %v, want ErrNoKey", err)
	}
	p, err := activity.NewPseudonymizer([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := activity.NewPseudonymizer([]byte("secret"))
	other, _ := activity.NewPseudonymizer([]byte("other key"))
	a, b := p.Pseudonym("u1"), p.Pseudonym("u2")
	if a != p2.Pseudonym("u1") {
		t.Error("pseudonyms are not stable for the same key")
	}
	if a == b {
		t.Error("two users share a pseudonym")
	}
	if a == other.Pseudonym("u1") {
		t.Error("the pseudonym does not depend on the key")
	}
	// HMAC-SHA256("secret", "u1"), first 8 bytes, computed independently:
	// printf u1 | openssl dgst -sha256 -hmac secret
	if want := "anon-" + hmacPrefix; a != want {
		t.Errorf("Pseudonym(u1) = %q, want %q", a, want)
	}
	u := p.Anonymize(learnstats.User{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		Title: "Countess", CustomFields: map[string]string{"Site": "London"}, Groups: []learnstats.GroupID{"g1"}})
	want := learnstats.User{ID: learnstats.UserID(a), FirstName: "Participant", LastName: a}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("Anonymize (-want +got):\n%s", diff)
	}
}

// hmacPrefix is the first 16 hex digits of HMAC-SHA256(key "secret", "u1").
const hmacPrefix = "8a629605d37d74d6"
