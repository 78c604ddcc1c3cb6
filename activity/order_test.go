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

// TestA3_SortReport: rows by time, ties by user ID, then by the event's
// place in its user's stream; every input order that keeps each user's
// events in time order sorts to the same events.
func TestA3_SortReport(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(u string, d time.Duration, label string) activity.Event {
		return activity.Event{User: learnstats.UserID(u), Time: at.Add(d), Entry: activity.ChatMessage(label)}
	}
	want := []activity.Event{
		mk("u1", 0, "u1 first of two at 9:00"),
		mk("u1", 0, "u1 second of two at 9:00"),
		mk("u3", 0, "u3 at 9:00"),
		mk("u2", time.Nanosecond, "u2 1ns later"),
		mk("u1", time.Minute, "u1 at 9:01"),
		mk("u3", time.Minute, "u3 at 9:01"),
	}
	paris := want[2]
	paris.Time = paris.Time.In(time.FixedZone("CET", 3600)) // the same instant in another location
	tests := []struct {
		name, reason string
		in           []activity.Event
	}{
		{"sorted", "A-3 order is a fixed point", slices.Clone(want)},
		{"by user", "an events file sorted by user, then time", []activity.Event{want[0], want[1], want[4], want[3], want[2], want[5]}},
		{"users reversed", "users in another order", []activity.Event{want[2], want[5], want[3], want[0], want[1], want[4]}},
		{"interleaved", "any interleaving of the users", []activity.Event{want[2], want[0], want[3], want[1], want[5], want[4]}},
		{"other location", "instants are compared, not wall clocks", []activity.Event{paris, want[0], want[1], want[3], want[4], want[5]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Clone(tc.in)
			if err := activity.SortReport(got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

// TestA3_SortReportErrors: an event out of its user's time order makes
// the stream position ambiguous; an invalid event is refused; the slice is
// then unchanged.
func TestA3_SortReportErrors(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, reason string
		in           []activity.Event
		want         error
	}{
		{"out of order", "u1's second event is older than its first",
			[]activity.Event{{User: "u2", Time: at, Entry: activity.ChatMessage("x")},
				{User: "u1", Time: at.Add(time.Minute), Entry: activity.ChatMessage("a")},
				{User: "u1", Time: at, Entry: activity.ChatMessage("b")}}, activity.ErrOutOfOrder},
		{"invalid", "an unknown action of a vocabulary category",
			[]activity.Event{{User: "u2", Time: at.Add(time.Hour), Entry: activity.ChatMessage("x")},
				{User: "u1", Time: at, Entry: activity.Entry{Category: "Hand", Action: "Wave"}}}, activity.ErrInvalidEvent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Clone(tc.in)
			err := activity.SortReport(got)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), `"u1"`) {
				t.Errorf("%s: SortReport = %v, want %v naming u1", tc.reason, err, tc.want)
			}
			if diff := cmp.Diff(tc.in, got); diff != "" {
				t.Errorf("the slice changed on error (-want +got):\n%s", diff)
			}
		})
	}
}
