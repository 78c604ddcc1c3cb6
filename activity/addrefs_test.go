package activity_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// addRefsStream returns events of 8 users (each user's in time order, the
// users interleaved at random), the users interned in a and the events'
// references, and a config that leaves some events out: u07 did not
// consent (rule E-12), events from asOf on are after asOf, some events
// view content (not the plain fast path), some carry a duration.
func addRefsStream(t *testing.T) (activity.Config, []learnstats.UserID, []activity.Event) {
	t.Helper()
	start := time.Date(2026, 10, 24, 20, 0, 0, 0, paris)
	events := refEvents(rand.New(rand.NewPCG(3, 3)), 8, 40, 6, start, activity.DefaultGap)
	for i := range events {
		switch i % 7 {
		case 3:
			events[i].ContentType, events[i].ContentItem = activity.ContentPage, fmt.Sprintf("p%d", i%5)
		case 5:
			events[i].ContentType, events[i].ContentItem = activity.ContentDocument, "d"
			events[i].Duration, events[i].HasDuration = time.Duration(i)*time.Second, true
		}
	}
	consent := activity.ConsentSet{}
	ids := make([]learnstats.UserID, 8)
	for i := range ids {
		ids[i] = learnstats.UserID(fmt.Sprintf("u%02d", i))
		consent[ids[i]] = i != 7
	}
	cfg := activity.Config{Location: paris, Consent: consent, AsOf: events[len(events)*3/4].Time}
	return cfg, ids, events
}

// TestAddRefs_MatchesAddRef checks that AddRefs is AddRef one by one: the
// same results, and at the first bad event (invalid, out of order, an
// unknown reference; first, in the middle, last) the index of that event
// and AddRef's error for it, with exactly the events before it added.
// Adding the rest after the bad event then gives AddRef's results with the
// bad event left out.
func TestAddRefs_MatchesAddRef(t *testing.T) {
	cfg, ids, events := addRefsStream(t)
	n := len(events)
	tests := []struct {
		name, reason string
		bad          int // index of the bad event; -1: none
		spoil        func(refs []activity.UserRef, events []activity.Event, i int)
		sentinel     error
	}{
		{name: "all good", reason: "the same results as AddRef", bad: -1},
		{name: "no category, middle", reason: "invalid event: named by its user's ID though User is empty",
			bad: n / 2, spoil: func(_ []activity.UserRef, es []activity.Event, i int) { es[i].Category = "" },
			sentinel: activity.ErrInvalidEvent},
		{name: "unknown content type, first", reason: "the first event refused: nothing added",
			bad: 0, spoil: func(_ []activity.UserRef, es []activity.Event, i int) {
				es[i].ContentType, es[i].ContentItem = "video", "v"
			},
			sentinel: activity.ErrInvalidEvent},
		{name: "out of order, middle", reason: "older than the user's previous event",
			bad: n/3 + 1, spoil: func(_ []activity.UserRef, es []activity.Event, i int) {
				es[i].Time = es[i].Time.Add(-30 * 24 * time.Hour)
			},
			sentinel: activity.ErrOutOfOrder},
		{name: "unknown reference, last", reason: "a reference not interned, also read ahead of the bad event",
			bad: n - 1, spoil: func(rs []activity.UserRef, _ []activity.Event, i int) { rs[i] = 1 << 20 },
			sentinel: activity.ErrInvalidEvent},
		{name: "negative reference, middle", reason: "references are checked before the read-ahead uses them",
			bad: n/2 + 3, spoil: func(rs []activity.UserRef, _ []activity.Event, i int) { rs[i] = -1 },
			sentinel: activity.ErrInvalidEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one := activity.NewAnalytics(cfg)
			batch := activity.NewAnalytics(cfg)
			refOf := map[learnstats.UserID]activity.UserRef{}
			for _, id := range ids {
				refOf[id] = one.Intern(id)
				if batch.Intern(id) != refOf[id] {
					t.Fatal("interning in the same order gives the same references")
				}
			}
			refs := make([]activity.UserRef, n)
			evs := make([]activity.Event, n)
			for i, e := range events {
				refs[i] = refOf[e.User]
				e.User = ""
				evs[i] = e
			}
			if tt.spoil != nil {
				tt.spoil(refs, evs, tt.bad)
			}

			// One by one, stopping at the first error.
			var wantErr error
			wantAdded := n
			for i := range evs {
				if err := one.AddRef(refs[i], evs[i]); err != nil {
					wantErr, wantAdded = err, i
					break
				}
			}
			if (wantErr == nil) != (tt.bad < 0) || tt.bad >= 0 && (wantAdded != tt.bad || !errors.Is(wantErr, tt.sentinel)) {
				t.Fatalf("AddRef stopped at %d with %v; the test wants %d wrapping %v", wantAdded, wantErr, tt.bad, tt.sentinel)
			}
			added, err := batch.AddRefs(refs, evs)
			if added != wantAdded || fmt.Sprint(err) != fmt.Sprint(wantErr) || !errors.Is(err, tt.sentinel) {
				t.Fatalf("AddRefs = %d, %v; want %d, %v (%s)", added, err, wantAdded, wantErr, tt.reason)
			}
			checkSameResult(t, "after the first batch", result(t, one), result(t, batch))
			if tt.bad < 0 {
				return
			}
			// The rest, past the bad event.
			for i := tt.bad + 1; i < n; i++ {
				if err := one.AddRef(refs[i], evs[i]); err != nil {
					t.Fatalf("AddRef of event %d after the bad one: %v", i, err)
				}
			}
			if added, err := batch.AddRefs(refs[tt.bad+1:], evs[tt.bad+1:]); err != nil || added != n-tt.bad-1 {
				t.Fatalf("AddRefs of the rest = %d, %v; want %d, nil", added, err, n-tt.bad-1)
			}
			checkSameResult(t, "after the rest", result(t, one), result(t, batch))
		})
	}
}

// TestAddRefs_LengthMismatch checks that refs and events of different
// lengths are refused before anything is added.
func TestAddRefs_LengthMismatch(t *testing.T) {
	cfg, ids, events := addRefsStream(t)
	a := activity.NewAnalytics(cfg)
	refs := make([]activity.UserRef, 0, len(events))
	for _, e := range events {
		refs = append(refs, a.Intern(e.User))
	}
	empty := activity.NewAnalytics(cfg)
	empty.Register(ids...)
	added, err := a.AddRefs(refs[:len(refs)-1], events)
	if added != 0 || !errors.Is(err, activity.ErrInvalidEvent) {
		t.Fatalf("AddRefs with one reference short = %d, %v; want 0 and an error wrapping ErrInvalidEvent", added, err)
	}
	checkSameResult(t, "after the refused batch", result(t, empty), result(t, a))
	if added, err := a.AddRefs(nil, nil); added != 0 || err != nil {
		t.Fatalf("AddRefs of nothing = %d, %v; want 0, nil", added, err)
	}
}

// checkSameResult fails t when got differs from want.
func checkSameResult(t *testing.T, what string, want, got activity.Result) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s: AddRefs differs from AddRef one by one (-want +got):\n%s", what, gocmp.Diff(want, got))
	}
}
