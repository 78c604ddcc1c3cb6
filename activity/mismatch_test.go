package activity_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// TestE1_MergeMismatchedConfigs: Merge compares the whole configuration
// (SPEC section 0, "Mergeable aggregates") and refuses with an error
// wrapping learnstats.ErrMismatch. Before the safety fixes (issue 9), two zones with one name
// but other offsets, and consent look-ups that answer differently, merged
// without error.
func TestE1_MergeMismatchedConfigs(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(24 * time.Hour)}
	tests := []struct {
		name   string
		reason string
		a, b   activity.Options
		asOfA  time.Time
		asOfB  time.Time
	}{
		{name: "gap", reason: "another visit gap cuts other visits (E-1)",
			a: activity.Options{}, b: activity.Options{Gap: time.Minute}},
		{name: "window", reason: "another window counts other visits",
			a: activity.Options{Window: win}, b: activity.Options{Window: learnstats.Window{Start: t0, End: t0.Add(time.Hour)}}},
		{name: "asOf", reason: "another asOf leaves out other events",
			asOfA: t0, asOfB: t0.Add(1)},
		{name: "anonymized", reason: "E-11 on one side only",
			a: activity.Options{}, b: activity.Options{Anonymized: true}},
		{name: "individual", reason: "E-10 of another user",
			a: activity.Options{User: "u1"}, b: activity.Options{User: "u2"}},
		{name: "location name", reason: "days are taken in another location (E-4)",
			a: activity.Options{Location: paris}, b: activity.Options{}},
		{name: "location with one name, other offsets", reason: "the name is not the location: its days start at other instants",
			a: activity.Options{Location: time.FixedZone("LMS", 3600)}, b: activity.Options{Location: time.FixedZone("LMS", 7200)}},
		{name: "consent on one side", reason: "one side leaves out users the other counts (E-12)",
			a: activity.Options{}, b: activity.Options{Consent: map[learnstats.UserID]bool{"u1": true}}},
		{name: "consent sets differ", reason: "the sets accept other users",
			a: activity.Options{Consent: map[learnstats.UserID]bool{"u1": true}}, b: activity.Options{Consent: map[learnstats.UserID]bool{"u1": true, "u2": true}}},
		{name: "consent set against an empty set", reason: "nobody accepted on one side",
			a: activity.Options{Consent: map[learnstats.UserID]bool{}}, b: activity.Options{Consent: map[learnstats.UserID]bool{"u3": true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, withEvents := range []bool{false, true} {
				a, b := newAccAt(t, tt.asOfA, tt.a), newAccAt(t, tt.asOfB, tt.b)
				if withEvents {
					if err := a.Add(ev("u1", t0.Add(time.Minute), "f")); err != nil {
						t.Fatal(err)
					}
					if err := b.Add(ev("u2", t0.Add(time.Minute), "f")); err != nil {
						t.Fatal(err)
					}
				}
				before := result(t, a)
				if err := a.Merge(b); !errors.Is(err, learnstats.ErrMismatch) {
					t.Errorf("%s (events: %v): Merge = %v, want an error wrapping learnstats.ErrMismatch", tt.reason, withEvents, err)
				}
				if diff := cmp.Diff(before, result(t, a)); diff != "" {
					t.Errorf("%s: the refused Merge changed the accumulator (-before +after):\n%s", tt.reason, diff)
				}
			}
		})
	}
}

// TestE12_ConsentFixedAtConstruction: a consent map changed after the
// accumulator was built must not change its definition half-way (SPEC
// section 0): the accumulator keeps its own copy.
func TestE12_ConsentFixedAtConstruction(t *testing.T) {
	set := map[learnstats.UserID]bool{"u1": true}
	a := newAcc(t, activity.Options{Consent: set})
	set["u2"] = true // changed after construction
	if err := a.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if got := result(t, a); got.NoConsentUsers != 1 || got.ActiveUsers != 1 {
		t.Errorf("after changing the map: %d active users, %d without consent; want 1 and 1 (the set at construction)",
			got.ActiveUsers, got.NoConsentUsers)
	}
	// The copy, not the map, is what Merge compares.
	b := newAcc(t, activity.Options{Consent: map[learnstats.UserID]bool{"u1": true}})
	if err := a.Merge(b); err != nil {
		t.Errorf("Merge with the set of construction = %v, want nil", err)
	}
}

// TestE1_ConsentSetsCompared: consent sets are compared user by user: a
// missing user and false are the same answer; sets that answer one user
// differently are another definition. (Before, look-ups that could not be
// compared were compared by their answers for the users either shard
// knew; consent is now a set copied at construction.)
func TestE1_ConsentSetsCompared(t *testing.T) {
	a := newAcc(t, activity.Options{Consent: map[learnstats.UserID]bool{"u1": true, "u2": true}})
	b := newAcc(t, activity.Options{Consent: map[learnstats.UserID]bool{"u1": true, "u2": false}})
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge = %v, want an error wrapping learnstats.ErrMismatch (u2 accepted on one side, refused on the other)", err)
	}
	same := newAcc(t, activity.Options{Consent: map[learnstats.UserID]bool{"u1": true, "u3": false}})
	if err := same.Add(ev("u3", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Merge(same); err != nil {
		t.Errorf("Merge of shards whose sets accept the same users = %v, want nil", err)
	}
}

// TestE9_MeetingsWindowFixedAtConstruction: the window of a meetings
// accumulator is given at construction and cannot change after (before
// the safety fixes (issue 9) it was an exported field, changed silently after the first
// record); accumulators over other windows do not merge.
func TestE9_MeetingsWindowFixedAtConstruction(t *testing.T) {
	win := learnstats.Window{Start: t0, End: t0.Add(24 * time.Hour)}
	m := newMeetings(t, win)
	if err := m.Add(activity.Meeting{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: 2}); err != nil {
		t.Fatal(err)
	}
	for _, other := range []learnstats.Window{{}, {Start: t0, End: t0.Add(time.Hour)}, {Start: t0.Add(-1), End: win.End}} {
		if err := m.Merge(newMeetings(t, other)); !errors.Is(err, learnstats.ErrMismatch) {
			t.Errorf("Merge across windows %s and %s = %v, want an error wrapping learnstats.ErrMismatch", win, other, err)
		}
	}
	if err := m.Merge(m); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("m.Merge(m) = %v, want an error wrapping learnstats.ErrMismatch", err)
	}
	if r := m.Result(); r.Meetings != 1 {
		t.Errorf("after refused merges: %d meetings, want 1", r.Meetings)
	}
	inParis := learnstats.Window{Start: win.Start.In(time.UTC), End: win.End.In(time.UTC)}
	if err := m.Merge(newMeetings(t, inParis)); err != nil {
		t.Errorf("Merge over the same instants in another location = %v, want nil", err)
	}
	if _, err := activity.NewMeetingsAccumulator(learnstats.Window{Start: t0, End: t0.Add(-1)}); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("a window ending before it starts = %v, want ErrInvalidWindow", err)
	}
}

// TestE1_MergeSameLocationLoadedTwice: a location is compared by what it
// does, not by pointer: two shards that each loaded Europe/Paris merge.
func TestE1_MergeSameLocationLoadedTwice(t *testing.T) {
	load := func(name string) *time.Location {
		l, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	la, lb := load("Europe/Paris"), load("Europe/Paris")
	if la == lb {
		t.Log("LoadLocation returned one pointer twice: the comparison takes the short path")
	}
	a, b := newAcc(t, activity.Options{Location: la}), newAcc(t, activity.Options{Location: lb})
	if err := a.Add(ev("u1", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(ev("u2", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err != nil {
		t.Errorf("Merge of two Europe/Paris = %v, want nil", err)
	}
	if err := a.Merge(newAcc(t, activity.Options{Location: load("Europe/Berlin")})); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("Merge of Europe/Paris and Europe/Berlin = %v, want ErrMismatch", err)
	}
}

// TestMergeContract: shards share no user; a.Merge(a) is refused; the
// zero accumulator takes any shard of the zero Options; invalid options
// are refused at construction.
func TestMergeContract(t *testing.T) {
	a, c := newAcc(t, activity.Options{}), newAcc(t, activity.Options{})
	if err := a.Add(ev("u1", t0, "a")); err != nil {
		t.Fatal(err)
	}
	if err := c.Add(ev("u1", t0.Add(time.Hour), "a")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(c); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("shared user: %v, want ErrMismatch", err)
	}
	if err := a.Merge(a); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("a.Merge(a): %v, want ErrMismatch", err)
	}
	var zero activity.AnalyticsAccumulator
	if err := zero.Merge(a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(result(t, a), result(t, &zero)); diff != "" {
		t.Errorf("zero.Merge(a) differs from a (-want +got):\n%s", diff)
	}
	// a is unchanged by being merged, and shares nothing with zero: adding
	// to one leaves the other as it was.
	before := result(t, a)
	if err := zero.Add(ev("u1", t0.Add(time.Minute), "b")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, result(t, a)); diff != "" {
		t.Errorf("adding to the merged accumulator changed the merged one (-before +after):\n%s", diff)
	}
	for _, bad := range []struct {
		name string
		o    activity.Options
		want error
	}{
		{"negative gap", activity.Options{Gap: -1}, learnstats.ErrInvalidWindow},
		{"window ending before it starts", activity.Options{Window: learnstats.Window{Start: t0, End: t0.Add(-1)}}, learnstats.ErrInvalidWindow},
		{"individual analytics in anonymized mode", activity.Options{Anonymized: true, User: "u1"}, activity.ErrAnonymized},
	} {
		if _, err := activity.NewAnalyticsAccumulator(t0, bad.o); !errors.Is(err, bad.want) {
			t.Errorf("%s: %v, want %v", bad.name, err, bad.want)
		}
	}
}
