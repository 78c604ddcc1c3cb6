package activity_test

import (
	"errors"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// TestE1_MergeMismatchedConfigs: Merge compares the whole configuration
// (SPEC section 0, "Mergeable aggregates") and refuses with an error
// wrapping learnstats.ErrMismatch. Two zones with one name but other
// offsets, and consent look-ups that answer differently, merged without
// error, and the sentinel was the package's own only.
func TestE1_MergeMismatchedConfigs(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(24 * time.Hour)}
	tests := []struct {
		name   string
		reason string
		a, b   activity.Config
	}{
		{name: "gap", reason: "another visit gap cuts other visits (E-1)",
			a: activity.Config{}, b: activity.Config{Gap: time.Minute}},
		{name: "window", reason: "another window counts other visits",
			a: activity.Config{Window: win}, b: activity.Config{Window: learnstats.Window{Start: t0, End: t0.Add(time.Hour)}}},
		{name: "asOf", reason: "another asOf leaves out other events",
			a: activity.Config{AsOf: t0}, b: activity.Config{AsOf: t0.Add(1)}},
		{name: "anonymized", reason: "E-11 on one side only",
			a: activity.Config{}, b: activity.Config{Anonymized: true}},
		{name: "location name", reason: "days are taken in another location (E-4)",
			a: activity.Config{Location: paris}, b: activity.Config{}},
		{name: "location with one name, other offsets", reason: "the name is not the location: its days start at other instants",
			a: activity.Config{Location: time.FixedZone("LMS", 3600)}, b: activity.Config{Location: time.FixedZone("LMS", 7200)}},
		{name: "consent on one side", reason: "one side leaves out users the other counts (E-12)",
			a: activity.Config{}, b: activity.Config{Consent: activity.ConsentSet{"u1": true}}},
		{name: "consent sets differ", reason: "the sets accept other users",
			a: activity.Config{Consent: activity.ConsentSet{"u1": true}}, b: activity.Config{Consent: activity.ConsentSet{"u1": true, "u2": true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, withEvents := range []bool{false, true} {
				a, b := activity.NewAnalytics(tt.a), activity.NewAnalytics(tt.b)
				if withEvents {
					if err := a.Add(ev("u1", t0.Add(time.Minute), "f")); err != nil {
						t.Fatal(err)
					}
					if err := b.Add(ev("u2", t0.Add(time.Minute), "f")); err != nil {
						t.Fatal(err)
					}
				}
				if err := a.Merge(b); !errors.Is(err, learnstats.ErrMismatch) || !errors.Is(err, activity.ErrConfigMismatch) {
					t.Errorf("%s (events: %v): Merge = %v, want an error wrapping learnstats.ErrMismatch and ErrConfigMismatch", tt.reason, withEvents, err)
				}
			}
		})
	}
}

// TestE12_ConsentFixedAtFirstRecord: a ConsentSet changed after the first
// event must not change the accumulator's definition half-way (SPEC
// section 0): the set is the one of the first record.
func TestE12_ConsentFixedAtFirstRecord(t *testing.T) {
	set := activity.ConsentSet{"u1": true}
	a := activity.NewAnalytics(activity.Config{Consent: set})
	if err := a.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	set["u2"] = true // changed after the first record
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if got := result(t, a); got.NoConsentUsers != 1 || got.Insights.ActiveUsers != 1 {
		t.Errorf("after changing the set: %d active users, %d without consent; want 1 and 1 (the set of the first record)",
			got.Insights.ActiveUsers, got.NoConsentUsers)
	}
}

// TestE1_ConsentFuncAnswersCompared: look-ups that cannot be compared
// (ConsentFunc) are compared by their answers for every user of either
// accumulator: a shard whose look-up refuses a user the other shard
// counts is another definition.
func TestE1_ConsentFuncAnswersCompared(t *testing.T) {
	all := activity.ConsentFunc(func(learnstats.UserID) bool { return true })
	notU2 := activity.ConsentFunc(func(id learnstats.UserID) bool { return id != "u2" })
	a, b := activity.NewAnalytics(activity.Config{Consent: all}), activity.NewAnalytics(activity.Config{Consent: notU2})
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge = %v, want an error wrapping learnstats.ErrMismatch (u2 accepted on one side, refused on the other)", err)
	}
	same := activity.NewAnalytics(activity.Config{Consent: notU2})
	if err := same.Add(ev("u3", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Merge(same); err != nil {
		t.Errorf("Merge of shards whose look-ups agree = %v, want nil", err)
	}
}

// TestE9_MeetingsWindowFixedAtFirstRecord: Meetings.Window is an exported
// field; changing it after the first meeting is refused (SPEC section 0:
// a definition cannot change after the first record), by Add and Merge.
func TestE9_MeetingsWindowFixedAtFirstRecord(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(24 * time.Hour)}
	m := activity.NewMeetings(win)
	meeting := activity.Meeting{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: 2}
	if err := m.Add(meeting); err != nil {
		t.Fatal(err)
	}
	m.Window = learnstats.Window{} // all time, after the first record
	if err := m.Add(activity.Meeting{ID: "m2", Start: t0.AddDate(0, 0, 5), End: t0.AddDate(0, 0, 5).Add(time.Hour)}); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Add after changing the window = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
	if err := m.Merge(activity.NewMeetings(learnstats.Window{})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge after changing the window = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
	if _, err := m.Result(); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Result after changing the window = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
	changed := activity.NewMeetings(win)
	if err := changed.Add(meeting); err != nil {
		t.Fatal(err)
	}
	changed.Window = learnstats.Window{}
	if err := activity.NewMeetings(win).Merge(changed); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge of an accumulator whose window changed = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
	// Before the first record the window may still be set.
	var late activity.Meetings
	late.Window = win
	if err := late.Add(meeting); err != nil {
		t.Errorf("Add after setting the window of a zero Meetings = %v", err)
	}
	other := activity.NewMeetings(win)
	if err := other.Merge(activity.NewMeetings(learnstats.Window{Start: t0, End: t0.Add(time.Hour)})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge across windows = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
}

// TestE1_MergeSameLocationLoadedTwice: a location is compared by what it
// does, not by pointer: two shards that each loaded Europe/Paris merge.
func TestE1_MergeSameLocationLoadedTwice(t *testing.T) {
	load := func() *time.Location {
		l, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	la, lb := load(), load()
	if la == lb {
		t.Log("LoadLocation returned one pointer twice: the comparison takes the short path")
	}
	a, b := activity.NewAnalytics(activity.Config{Location: la}), activity.NewAnalytics(activity.Config{Location: lb})
	if err := a.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Errorf("Merge of two Europe/Paris = %v, want nil", err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(activity.NewAnalytics(activity.Config{Location: berlin})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge of Europe/Paris and Europe/Berlin = %v, want ErrMismatch", err)
	}
}
