package dashboard_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/dashboard"
)

func TestD6_UserMetrics(t *testing.T) {
	loc := paris(t)
	// asOf is after the autumn DST change: the last 7 calendar days are
	// 169 hours long.
	asOf := time.Date(2026, 10, 28, 12, 0, 0, 0, loc)
	start := time.Date(2026, 10, 21, 12, 0, 0, 0, loc)
	if asOf.Sub(start) != 169*time.Hour {
		t.Fatalf("window length %s", asOf.Sub(start))
	}
	old := start.AddDate(0, -3, 0)
	users := []learnstats.User{
		{ID: "u1", CreatedAt: old},                         // never accessed
		{ID: "u2", CreatedAt: start},                       // new and active: the window's start is inside
		{ID: "u3", CreatedAt: start.Add(-time.Nanosecond)}, // just before
		{ID: "u4", CreatedAt: old},                         // active at the last instant
		{ID: "u5", CreatedAt: old},                         // access at asOf: outside
		{ID: "u6", CreatedAt: asOf},                        // created at asOf: not a user yet
		{ID: "u7", CreatedAt: asOf.Add(-time.Nanosecond)},  // new
	}
	accesses := []dashboard.Event{
		{User: "u2", At: start},
		{User: "u3", At: start.Add(-time.Nanosecond)},
		{User: "u4", At: asOf.Add(-time.Nanosecond)},
		{User: "u5", At: asOf},
	}
	got := must(dashboard.UserMetricsOf(asOf, slices.Values(users), slices.Values(accesses)))
	want := dashboard.UserMetrics{Users: 6, NewUsers: 2, RecentlyActive: 2, CreatedAfterAsOf: 1, AccessesAfterAsOf: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user metrics (-want +got):\n%s", diff)
	}
	// The same accounts one day later in UTC: the window moved.
	later := asOf.AddDate(0, 0, 1).UTC()
	got = must(dashboard.UserMetricsOf(later, slices.Values(users), slices.Values(accesses)))
	want = dashboard.UserMetrics{Users: 7, NewUsers: 2, RecentlyActive: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user metrics a day later (-want +got):\n%s", diff)
	}
	zero := must(dashboard.UserMetricsOf(asOf, nil, nil))
	if zero != (dashboard.UserMetrics{}) {
		t.Errorf("no users: %+v", zero)
	}
}

// TestD6_AccessesAroundAsOf: accesses before, at and after asOf. Only
// accesses in [asOf − 7 days, asOf) make a user recently active; those at
// or after asOf are counted as left out, one by one; several accesses of
// one user in the window make them active once.
func TestD6_AccessesAroundAsOf(t *testing.T) {
	loc := paris(t)
	// The spring DST change is inside the window: 7 calendar days of 167
	// hours.
	asOf := time.Date(2026, 4, 1, 9, 0, 0, 0, loc)
	w := learnstats.LastDays(asOf, 7)
	if w.End.Sub(w.Start) != 167*time.Hour {
		t.Fatalf("window %s", w)
	}
	created := w.Start.AddDate(0, -1, 0)
	tests := []struct {
		name, reason  string
		accesses      []time.Time
		active, after int
	}{
		{"none", "never accessed", nil, 0, 0},
		{"window start", "the first instant of the window is inside", []time.Time{w.Start}, 1, 0},
		{"1 ns before the window", "outside, and not left out: it is in the past", []time.Time{w.Start.Add(-time.Nanosecond)}, 0, 0},
		{"1 ns before asOf", "the last instant of the window", []time.Time{asOf.Add(-time.Nanosecond)}, 1, 0},
		{"at asOf", "asOf is outside the half-open window and left out", []time.Time{asOf}, 0, 1},
		{"1 ns after asOf", "after asOf: left out", []time.Time{asOf.Add(time.Nanosecond)}, 0, 1},
		{"before and after", "an access in the window and two after asOf: active once, two left out",
			[]time.Time{asOf.Add(time.Hour), w.Start.Add(time.Hour), asOf, w.Start.Add(2 * time.Hour)}, 1, 2},
		{"before the DST change", "29 March 01:30 CET is inside the window", []time.Time{time.Date(2026, 3, 29, 1, 30, 0, 0, loc)}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ev []dashboard.Event
			for _, a := range tt.accesses {
				ev = append(ev, dashboard.Event{User: "u1", At: a})
			}
			got := must(dashboard.UserMetricsOf(asOf, slices.Values([]learnstats.User{{ID: "u1", CreatedAt: created}}), slices.Values(ev)))
			want := dashboard.UserMetrics{Users: 1, RecentlyActive: tt.active, AccessesAfterAsOf: tt.after}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestD6_InvalidRecords(t *testing.T) {
	asOf := time.Date(2026, 10, 28, 12, 0, 0, 0, time.UTC)
	old := asOf.AddDate(0, -3, 0)
	for _, u := range []learnstats.User{{CreatedAt: old}, {ID: "x"}} {
		m := dashboard.NewUserMetricsAccumulator(asOf)
		if err := m.AddUser(u); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("AddUser(%+v) = %v", u, err)
		}
	}
	for _, e := range []dashboard.Event{{At: old}, {User: "x"}} {
		m := dashboard.NewUserMetricsAccumulator(asOf)
		if err := m.AddAccess(e); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("AddAccess(%+v) = %v", e, err)
		}
	}
	m := dashboard.NewUserMetricsAccumulator(asOf)
	if err := m.AddUser(learnstats.User{ID: "u1", CreatedAt: old}); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "account added twice", m.AddUser(learnstats.User{ID: "u1", CreatedAt: old}), learnstats.ErrInvalidRecord, `"u1"`)
	n := dashboard.NewUserMetricsAccumulator(asOf)
	if err := n.AddUser(learnstats.User{ID: "u1", CreatedAt: asOf}); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "merge of an account in both", m.Merge(n), learnstats.ErrInvalidRecord, `"u1"`)
	wantMismatch(t, "merge into itself", m.Merge(m))
	wantMismatch(t, "merge as of another instant", m.Merge(dashboard.NewUserMetricsAccumulator(asOf.Add(time.Nanosecond))))
	if err := m.AddAccess(dashboard.Event{User: "u9", At: old}); err != nil {
		t.Fatal(err)
	}
	_, err := m.Result()
	wantInvalid(t, "access of a user without an account", err, learnstats.ErrInvalidRecord, `"u9"`)
}

// TestD6_AccessBeforeCreation: an access before the account was created
// is invalid input, whatever asOf (the old DashboardUser.Validate refused
// a last access before the creation). Before the fix the access counted:
// the user was "recently active" in a week before their account existed.
// Several bad records: the error names the lowest user ID, every time.
func TestD6_AccessBeforeCreation(t *testing.T) {
	asOf := time.Date(2026, 10, 28, 12, 0, 0, 0, time.UTC)
	created := asOf.Add(-time.Hour)
	_, err := dashboard.UserMetricsOf(asOf, slices.Values([]learnstats.User{{ID: "x", CreatedAt: created}}),
		slices.Values([]dashboard.Event{{User: "x", At: created.Add(-time.Nanosecond)}}))
	wantInvalid(t, "an access 1 ns before the account's creation", err, learnstats.ErrInvalidRecord, `"x"`)
	if _, err := dashboard.UserMetricsOf(asOf, slices.Values([]learnstats.User{{ID: "x", CreatedAt: created}}),
		slices.Values([]dashboard.Event{{User: "x", At: created}})); err != nil {
		t.Errorf("an access at the account's creation: %v", err)
	}
	// Either order of the two records refuses the second at once, so a
	// loader can name it.
	early := dashboard.Event{User: "x", At: created.Add(-time.Nanosecond)}
	a := dashboard.NewUserMetricsAccumulator(asOf)
	if err := a.AddUser(learnstats.User{ID: "x", CreatedAt: created}); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "an access before the creation of an account already added", a.AddAccess(early), learnstats.ErrInvalidRecord, `"x"`)
	b := dashboard.NewUserMetricsAccumulator(asOf)
	if err := b.AddAccess(early); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, "an account created after an access already added", b.AddUser(learnstats.User{ID: "x", CreatedAt: created}), learnstats.ErrInvalidRecord, `"x"`)
	// Accounts and accesses on two shards meet at Merge: Result names the
	// lowest bad user ID, every time.
	m, accounts := dashboard.NewUserMetricsAccumulator(asOf), dashboard.NewUserMetricsAccumulator(asOf)
	for _, id := range []learnstats.UserID{"u5", "u3", "u4"} {
		if err := errors.Join(accounts.AddUser(learnstats.User{ID: id, CreatedAt: created}), m.AddAccess(dashboard.Event{User: id, At: created.Add(-time.Hour)})); err != nil {
			t.Fatal(err)
		}
	}
	if err := errors.Join(m.AddAccess(dashboard.Event{User: "u2", At: created}), m.AddAccess(dashboard.Event{User: "u1", At: created}), m.Merge(accounts)); err != nil { // u1, u2: no account
		t.Fatal(err)
	}
	_, first := m.Result()
	for range 20 {
		if _, err := m.Result(); err == nil || err.Error() != first.Error() {
			t.Fatalf("errors %v and %v: Result names another bad record from one call to the next", first, err)
		}
	}
	wantInvalid(t, "several bad records", first, learnstats.ErrInvalidRecord, `"u1"`)
}

// TestD6_Merge: shards combine exactly (accounts in one, their accesses in
// another); a nil accumulator is empty; o is not modified.
func TestD6_Merge(t *testing.T) {
	asOf := time.Date(2026, 10, 28, 12, 0, 0, 0, time.UTC)
	a, b := dashboard.NewUserMetricsAccumulator(asOf), dashboard.NewUserMetricsAccumulator(asOf)
	if err := errors.Join(a.AddUser(learnstats.User{ID: "u1", CreatedAt: asOf.AddDate(0, 0, -2)}), a.AddAccess(dashboard.Event{User: "u2", At: asOf.Add(-time.Hour)}),
		b.AddUser(learnstats.User{ID: "u2", CreatedAt: asOf.AddDate(0, -1, 0)}), b.AddAccess(dashboard.Event{User: "u1", At: asOf})); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Result(); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("b alone has an access without an account: %v", err)
	}
	if err := errors.Join(a.Merge(b), a.Merge(nil)); err != nil {
		t.Fatal(err)
	}
	want := dashboard.UserMetrics{Users: 2, NewUsers: 1, RecentlyActive: 1, AccessesAfterAsOf: 1}
	if diff := cmp.Diff(want, must(a.Result())); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	z := dashboard.NewUserMetricsAccumulator(asOf)
	if err := z.Merge(dashboard.NewUserMetricsAccumulator(asOf)); err != nil {
		t.Errorf("merge of two empty accumulators: %v", err)
	}
	if got := must(z.Result()); got != (dashboard.UserMetrics{}) {
		t.Errorf("empty: %+v", got)
	}
}

// TestTrap1_D6_SameInstantOtherLocation (issue 9, trap 1). The same
// instant in Paris and in UTC has two 7-day windows, an hour apart a week
// after a DST change: the old accumulator's merge succeeded and the result
// depended on which one received the other. asOf is now fixed at
// construction, and accumulators whose windows differ do not merge, either
// way; each location gives its own figures.
func TestTrap1_D6_SameInstantOtherLocation(t *testing.T) {
	asOf := time.Date(2026, 3, 30, 12, 0, 0, 0, paris(t))
	u := learnstats.User{ID: "u", CreatedAt: asOf.Add(-7*24*time.Hour + 30*time.Minute)}
	inParis, inUTC := dashboard.NewUserMetricsAccumulator(asOf), dashboard.NewUserMetricsAccumulator(asOf.UTC())
	if err := errors.Join(inParis.AddUser(u), inUTC.AddUser(u)); err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, "Paris into UTC", inUTC.Merge(inParis))
	wantMismatch(t, "UTC into Paris", inParis.Merge(inUTC))
	p, c := must(inParis.Result()), must(inUTC.Result())
	if p.NewUsers != 0 || c.NewUsers != 1 || p.Users != 1 || c.Users != 1 {
		t.Errorf("in Paris %+v, in UTC %+v; want new only in UTC's window (it starts an hour earlier)", p, c)
	}
}
