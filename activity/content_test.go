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

func view(user string, at time.Time, typ, item, os string) activity.Event {
	e := ev(user, at, "content")
	e.ContentType, e.ContentItem, e.OS = typ, item, os
	return e
}

func TestE8_Content(t *testing.T) {
	m := time.Minute
	withDur := view("u2", t0, "document", "guide", "Android")
	withDur.Duration, withDur.HasDuration = 7*m, true
	r := analyze(t, activity.Options{},
		// u1: page p1 until the next event (2m), page p2 until the next (1m),
		// p1 again as the visit's last event (0).
		view("u1", t0, "page", "p1", "iOS"),
		view("u1", t0.Add(2*m), "page", "p2", "iOS"),
		ev("u1", t0.Add(3*m), "chat"),
		view("u1", t0.Add(4*m), "page", "p1", "Web"),
		// u2: an explicit duration wins over the time to the next event.
		withDur,
		view("u2", t0.Add(m), "page", "p2", "Android"),
		// The next event is in another visit: no time.
		ev("u2", t0.Add(2*time.Hour), "chat"),
	)
	want := []activity.ContentStats{
		{Type: "page", Views: 4, Viewers: 2, TimeSpent: 3 * m,
			ByOS: map[string]int64{"Android": 1, "Web": 1, "iOS": 2},
			Items: []activity.ContentStats{
				{Type: "page", Item: "p1", Views: 2, Viewers: 1, TimeSpent: 2 * m, ByOS: map[string]int64{"Web": 1, "iOS": 1}},
				{Type: "page", Item: "p2", Views: 2, Viewers: 2, TimeSpent: m, ByOS: map[string]int64{"Android": 1, "iOS": 1}}, // tie on views: by item
			}},
		{Type: "document", Views: 1, Viewers: 1, TimeSpent: 7 * m,
			ByOS: map[string]int64{"Android": 1},
			Items: []activity.ContentStats{
				{Type: "document", Item: "guide", Views: 1, Viewers: 1, TimeSpent: 7 * m, ByOS: map[string]int64{"Android": 1}},
			}},
	}
	if diff := cmp.Diff(want, r.Content); diff != "" {
		t.Errorf("content, types in the SPEC's order (-want +got):\n%s", diff)
	}
}

func TestE8_ContentTypes(t *testing.T) {
	// Every type of the SPEC's list is accepted, in its order; another is
	// an unknown enum value.
	types := []string{"form", "page", "user profile", "session", "speaker", "sponsor", "document", "abstract", "search"}
	var events []activity.Event
	for _, typ := range slices.Backward(types) { // the input order does not matter
		events = append(events, view("u1", t0.Add(time.Duration(len(events))*time.Second), typ, "x", "iOS"))
	}
	r := analyze(t, activity.Options{}, events...)
	var got []string
	for _, c := range r.Content {
		got = append(got, c.Type)
	}
	if diff := cmp.Diff(types, got); diff != "" {
		t.Errorf("content types (-want +got):\n%s", diff)
	}
	_, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{view("u1", t0, "Page", "x", "")}))
	if !errors.Is(err, activity.ErrInvalidEvent) {
		t.Errorf("content type %q: %v, want ErrInvalidEvent", "Page", err)
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
	got, err := activity.AnalyzeMeetings(win, slices.Values(ms))
	if err != nil {
		t.Fatal(err)
	}
	want := activity.MeetingStats{Meetings: 3, Cancelled: 1, Held: 2,
		AvgAttendees: learnstats.NewRatio(7, 2), TotalDuration: 90 * time.Minute, AvgDuration: 45 * time.Minute,
		OutsideWindow: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("meetings: cancelled counted, averages over held ones (-want +got):\n%s", diff)
	}
	if d := got.AvgAttendees.Decimal(1); d.StringFixed(1) != "3.5" {
		t.Errorf("average attendees = %s, want 3.5", d.StringFixed(1))
	}
	onlyCancelled, err := activity.AnalyzeMeetings(win, slices.Values(ms[2:3]))
	if err != nil {
		t.Fatal(err)
	}
	if onlyCancelled.AvgAttendees.Valid() || onlyCancelled.AvgDuration != 0 {
		t.Errorf("no meeting held: averages %+v, want none", onlyCancelled)
	}
	// Merge of shards equals one pass.
	a, b := newMeetings(t, win), newMeetings(t, win)
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
	if diff := cmp.Diff(want, a.Result()); diff != "" {
		t.Errorf("merged meetings (-want +got):\n%s", diff)
	}
	for _, bad := range []activity.Meeting{
		{Start: t0, End: t0},
		{ID: "x", End: t0},
		{ID: "x", Start: t0, End: t0.Add(-1)},
		{ID: "x", Start: t0, End: t0, Attendees: -1},
		{ID: "x", Start: t0, Cancelled: true, Attendees: 2},
	} {
		if err := newMeetings(t, win).Add(bad); !errors.Is(err, activity.ErrInvalidEvent) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidEvent", bad, err)
		}
	}
	// The zero accumulator counts all time.
	var all activity.MeetingsAccumulator
	for _, m := range ms {
		if err := all.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	if r := all.Result(); r.Meetings != 5 || r.OutsideWindow != 0 {
		t.Errorf("zero accumulator: %d meetings, %d outside; want 5 and 0", r.Meetings, r.OutsideWindow)
	}
}

func TestE10_Individual(t *testing.T) {
	events := []activity.Event{
		ev("u1", t0, "a"), ev("u2", t0, "b"), ev("u1", t0.Add(time.Minute), "b"),
		ev("u1", t0.Add(24*time.Hour), "a"),
	}
	got := analyze(t, activity.Options{Location: paris, User: "u1"}, events...)
	d := learnstats.DateOf(t0, paris)
	want := activity.Analytics{
		ActiveUsers: 1, Visits: 2, Interactions: 3, TotalVisitDuration: time.Minute,
		AvgVisitDuration: 30 * time.Second, VisitsPerUser: learnstats.NewRatio(2, 1), InteractionsPerVisit: learnstats.NewRatio(3, 2),
		Daily:    1,
		OSDays:   []activity.OSDay{{Day: d, OS: "iOS", Interactions: 2}, {Day: d.AddDays(1), OS: "iOS", Interactions: 1}},
		Features: []activity.FeatureStats{{Feature: "a", Interactions: 2, Users: 1}, {Feature: "b", Interactions: 1, Users: 1}},
		Funnel: activity.FunnelNode{Visits: 2, Users: 1, Children: []activity.FunnelNode{
			{Step: "a", Visits: 2, Users: 1, Views: 2, TimeSpent: time.Minute, Children: []activity.FunnelNode{
				{Step: "b", Visits: 1, Users: 1, Views: 1, Children: []activity.FunnelNode{exitNode(1, 1)}},
				exitNode(1, 1),
			}},
		}},
		Users: []activity.UserStats{{User: "u1", Interactions: 3, Visits: 2, TotalVisitDuration: time.Minute,
			AvgVisitDuration: 30 * time.Second, Class: "daily",
			Features: []activity.FeatureStats{{Feature: "a", Interactions: 2, Users: 1}, {Feature: "b", Interactions: 1, Users: 1}}}},
		OtherUsers: 1,
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []activity.FunnelNode) bool {
		return cmp.Equal(emptyIfNil(a), emptyIfNil(b))
	})); diff != "" {
		t.Errorf("individual analytics of u1 (-want +got):\n%s", diff)
	}
}

func TestE11_Anonymized(t *testing.T) {
	_, err := activity.NewAnalyticsAccumulator(time.Time{}, activity.Options{Anonymized: true, User: "u1"})
	if !errors.Is(err, activity.ErrAnonymized) {
		t.Fatalf("individual analytics in anonymized mode: %v, want ErrAnonymized", err)
	}
	if _, err := activity.Analyze(time.Time{}, activity.Options{Anonymized: true, User: "u1"}, slices.Values([]activity.Event{ev("u1", t0, "a")})); !errors.Is(err, activity.ErrAnonymized) {
		t.Errorf("Analyze of one user in anonymized mode: %v, want ErrAnonymized", err)
	}
	if r := analyze(t, activity.Options{Anonymized: true}, ev("u1", t0, "a")); r.Interactions != 1 {
		t.Errorf("analytics of everyone in anonymized mode: %d interactions, want 1", r.Interactions)
	}
	if _, err := activity.NewPseudonymizer(nil); !errors.Is(err, activity.ErrAnonymized) {
		t.Errorf("NewPseudonymizer(nil) = %v, want ErrAnonymized", err)
	}
	p, err := activity.NewPseudonymizer([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := activity.NewPseudonymizer([]byte("secret"))
	other, _ := activity.NewPseudonymizer([]byte("other key"))
	pseudonym := func(p *activity.Pseudonymizer, id learnstats.UserID) learnstats.UserID {
		return p.Anonymize(learnstats.User{ID: id}).ID
	}
	a, b := pseudonym(p, "u1"), pseudonym(p, "u2")
	if a != pseudonym(p2, "u1") {
		t.Error("pseudonyms are not stable for the same key")
	}
	if a == b {
		t.Error("two users share a pseudonym")
	}
	if a == pseudonym(other, "u1") {
		t.Error("the pseudonym does not depend on the key")
	}
	// HMAC-SHA256("secret", "u1"), first 8 bytes, computed independently:
	// printf u1 | openssl dgst -sha256 -hmac secret
	if want := learnstats.UserID("anon-" + hmacPrefix); a != want {
		t.Errorf("pseudonym of u1 = %q, want %q", a, want)
	}
	u := p.Anonymize(learnstats.User{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		Title: "Countess", CustomFields: map[string]string{"Site": "London"}, Groups: []learnstats.GroupID{"g1"}})
	want := learnstats.User{ID: a, FirstName: "Participant", LastName: string(a)}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("Anonymize (-want +got):\n%s", diff)
	}
}

// hmacPrefix is the first 16 hex digits of HMAC-SHA256(key "secret", "u1").
const hmacPrefix = "8a629605d37d74d6"
