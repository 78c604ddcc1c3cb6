package activity_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// knownUsers gives every user an identity made of the ID.
func knownUsers(id learnstats.UserID) (learnstats.User, bool) {
	return learnstats.User{ID: id, FirstName: string(id), LastName: "L" + string(id), Email: string(id) + "@example.com"}, true
}

// labels are the labels of rows, in order.
func labels(rows []activity.ReportRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Label)
	}
	return out
}

func chat(u string, at time.Time, label string) activity.Event {
	return activity.Event{User: learnstats.UserID(u), Time: at, Entry: entry(activity.Parts{Kind: activity.ChatMessage, Label: label})}
}

// TestA3_Report: rows by time, ties by user ID, then by the event's place
// in its user's stream; every input order that keeps each user's events
// in time order gives the same rows. Before the safety fixes (issue 9), the report followed
// the input order.
func TestA3_Report(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(u string, d time.Duration, label string) activity.Event { return chat(u, at.Add(d), label) }
	want := []activity.Event{
		mk("u1", 0, "u1 first of two at 9:00"),
		mk("u1", 0, "u1 second of two at 9:00"),
		mk("u3", 0, "u3 at 9:00"),
		mk("u2", time.Nanosecond, "u2 1ns later"),
		mk("u1", time.Minute, "u1 at 9:01"),
		mk("u3", time.Minute, "u3 at 9:01"),
	}
	elsewhere := want[2]
	elsewhere.Time = elsewhere.Time.In(time.FixedZone("CET", 3600)) // the same instant in another location
	tests := []struct {
		name, reason string
		in           []activity.Event
	}{
		{"sorted", "A-3 order is a fixed point", slices.Clone(want)},
		{"by user", "an events file sorted by user, then time", []activity.Event{want[0], want[1], want[4], want[3], want[2], want[5]}},
		{"users reversed", "users in another order", []activity.Event{want[2], want[5], want[3], want[0], want[1], want[4]}},
		{"interleaved", "any interleaving of the users", []activity.Event{want[2], want[0], want[3], want[1], want[5], want[4]}},
		{"other location", "instants are compared, not wall clocks", []activity.Event{elsewhere, want[0], want[1], want[3], want[4], want[5]}},
	}
	wantRows, err := activity.Report(slices.Values(want), knownUsers, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{want[0].Label, want[1].Label, want[2].Label, want[3].Label, want[4].Label, want[5].Label}, labels(wantRows)); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
	if r := wantRows[2]; r.FirstName != "u3" || r.LastName != "Lu3" || r.Email != "u3@example.com" || !r.Time.Equal(want[2].Time) || r.Entry != want[2].Entry {
		t.Errorf("row of u3 = %+v, want the event with u3's identity", r)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := activity.Report(slices.Values(tc.in), knownUsers, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantRows, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

// TestA3_AnonymizedReportKeepsTheOrder: an anonymized report is in the
// order of the real user IDs, so that it lists the actions as the plain
// report does, whatever order the pseudonyms sort in.
func TestA3_AnonymizedReportKeepsTheOrder(t *testing.T) {
	p, err := activity.NewPseudonymizer([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var events []activity.Event
	for _, u := range []string{"u1", "u2", "u3", "u4", "u5", "u6"} {
		events = append(events, chat(u, at, "by "+u))
	}
	plain, err := activity.Report(slices.Values(events), knownUsers, nil)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(events)
	anon, err := activity.Report(slices.Values(events), knownUsers, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(labels(plain), labels(anon)); diff != "" {
		t.Errorf("anonymized order (-plain +anonymized):\n%s", diff)
	}
	ps := make([]string, len(anon))
	for i, r := range anon {
		ps[i] = r.LastName
	}
	if slices.IsSorted(ps) {
		t.Log("the pseudonyms happen to sort like the IDs: the test shows less")
	}
}

// TestA3_ReportErrors: an event out of its user's time order makes the
// stream position ambiguous; an invalid event and an unknown user are
// refused.
func TestA3_ReportErrors(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, reason string
		in           []activity.Event
		users        func(learnstats.UserID) (learnstats.User, bool)
		want         error
	}{
		{"out of order", "u1's second event is older than its first",
			[]activity.Event{chat("u2", at, "x"), chat("u1", at.Add(time.Minute), "a"), chat("u1", at, "b")}, knownUsers, activity.ErrOutOfOrder},
		{"invalid", "an unknown action of a vocabulary category",
			[]activity.Event{chat("u2", at.Add(time.Hour), "x"), {User: "u1", Time: at, Entry: activity.Entry{Category: "Hand", Action: "Wave"}}}, knownUsers, activity.ErrInvalidEvent},
		{"unknown user", "the report needs every user's identity",
			[]activity.Event{chat("u2", at, "x"), chat("u1", at, "y")},
			func(id learnstats.UserID) (learnstats.User, bool) { return learnstats.User{ID: id}, id != "u1" }, activity.ErrInvalidEvent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := activity.Report(slices.Values(tc.in), tc.users, nil)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), `"u1"`) {
				t.Errorf("%s: Report = %v, want %v naming u1", tc.reason, err, tc.want)
			}
		})
	}
}
