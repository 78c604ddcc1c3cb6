package dashboard_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/dashboard"
)

func TestD1_ActiveUsersPerDay(t *testing.T) {
	loc := paris(t)
	month := func(y int, m time.Month, days int) learnstats.Window {
		w, err := learnstats.DayWindow(learnstats.Date{Year: y, Month: m, Day: 1}, learnstats.Date{Year: y, Month: m, Day: days}, loc)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	ev := func(u, s string) dashboard.Event {
		return dashboard.Event{User: learnstats.UserID(u), At: at(t, s)}
	}
	type day struct {
		d     int
		users int
	}
	tests := []struct {
		name, reason string
		rng          learnstats.Window
		events       []dashboard.Event
		days         int
		want         []day // non-zero days (day of month → users)
		outside      int
	}{
		{
			name: "midnight after the month", reason: "half-open: a login at exactly the next midnight belongs to the next month, not day 1 (Opigno differs)",
			rng: month(2026, time.November, 30), days: 30,
			events: []dashboard.Event{
				ev("u1", "2026-11-01T00:00:00+01:00"),        // first instant: day 1
				ev("u2", "2026-12-01T00:00:00+01:00"),        // exactly at End: outside
				ev("u3", "2026-11-30T23:59:59.999+01:00"),    // last instant: day 30
				ev("u4", "2026-10-31T23:59:59.999999+01:00"), // before Start: outside
			},
			want: []day{{1, 1}, {30, 1}}, outside: 2,
		},
		{
			name: "one nanosecond either side of the range", reason: "Start is inside, Start − 1 ns and End are outside, End − 1 ns is the last day",
			rng: month(2026, time.November, 30), days: 30,
			events: []dashboard.Event{
				ev("u1", "2026-10-31T23:59:59.999999999+01:00"),
				ev("u2", "2026-11-01T00:00:00.000000001+01:00"),
				ev("u3", "2026-11-30T23:59:59.999999999+01:00"),
				ev("u4", "2026-12-01T00:00:00.000000001+01:00"),
			},
			want: []day{{1, 1}, {30, 1}}, outside: 2,
		},
		{
			name: "distinct users per day", reason: "a user with several events on a day counts once; on two days, once each",
			rng: month(2026, time.November, 30), days: 30,
			events: []dashboard.Event{
				ev("u1", "2026-11-05T08:00:00+01:00"), ev("u1", "2026-11-05T18:00:00+01:00"),
				ev("u2", "2026-11-05T09:00:00Z"), ev("u1", "2026-11-06T09:00:00+01:00"),
				// 23:30 UTC on the 5th is 00:30 on the 6th in Paris.
				ev("u3", "2026-11-05T23:30:00Z"),
			},
			want: []day{{5, 2}, {6, 2}},
		},
		{
			name: "spring DST change inside the range", reason: "29 March 2026 has 23 hours in Paris; the month still has 31 calendar days",
			rng: month(2026, time.March, 31), days: 31,
			events: []dashboard.Event{
				ev("u1", "2026-03-29T01:59:59+01:00"), // before the change
				ev("u2", "2026-03-29T03:00:00+02:00"), // after the change, same day
				ev("u3", "2026-03-29T23:30:00+02:00"), // late on the short day
				ev("u4", "2026-03-30T00:00:00+02:00"), // next midnight
				ev("u5", "2026-03-31T23:59:59+02:00"), // last second of the month
				ev("u6", "2026-04-01T00:00:00+02:00"), // next month
			},
			want: []day{{29, 3}, {30, 1}, {31, 1}}, outside: 1,
		},
		{
			name: "autumn DST change inside the range", reason: "25 October 2026 has 25 hours; both 02:30 happen on the 25th",
			rng: month(2026, time.October, 31), days: 31,
			events: []dashboard.Event{
				ev("u1", "2026-10-25T02:30:00+02:00"),
				ev("u2", "2026-10-25T02:30:00+01:00"),
				ev("u3", "2026-10-25T23:59:00+01:00"),
				ev("u4", "2026-10-01T00:00:00+02:00"),
			},
			want: []day{{1, 1}, {25, 3}},
		},
		{
			name: "no events", reason: "every day is present and zero-filled",
			rng: month(2026, time.February, 28), days: 28,
		},
		{
			name: "empty range", reason: "an empty window has no days; every event is outside",
			rng:    learnstats.Window{},
			events: []dashboard.Event{ev("u1", "2026-11-05T08:00:00+01:00")},
			days:   0, outside: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dashboard.ActiveUsersPerDay(tt.rng, loc, slices.Values(tt.events))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Days) != tt.days {
				t.Fatalf("%d days, want %d (%s)", len(got.Days), tt.days, tt.reason)
			}
			want := []dashboard.ActiveDay{}
			for i, d := range got.Days {
				if i > 0 && d.Date.Compare(got.Days[i-1].Date.AddDays(1)) != 0 {
					t.Errorf("day %d is %s after %s: days must be consecutive", i, d.Date, got.Days[i-1].Date)
				}
				w := dashboard.ActiveDay{Date: d.Date}
				for _, wd := range tt.want {
					if wd.d == d.Date.Day {
						w.Users = wd.users
					}
				}
				want = append(want, w)
			}
			if diff := cmp.Diff(want, got.Days); diff != "" {
				t.Errorf("days (-want +got) (%s):\n%s", tt.reason, diff)
			}
			if got.OutsideRange != tt.outside || got.Events != len(tt.events) {
				t.Errorf("outside %d events %d, want %d %d", got.OutsideRange, got.Events, tt.outside, len(tt.events))
			}
		})
	}
}

func TestD1_InvalidAndMismatch(t *testing.T) {
	loc := paris(t)
	rng := learnstats.LastDays(at(t, "2026-11-22T12:00:00+01:00"), 7)
	a := must(dashboard.NewActiveUsersAccumulator(rng, loc))
	for _, e := range []dashboard.Event{{User: "", At: rng.Start}, {User: "u1"}} {
		if err := a.Add(e); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidRecord", e, err)
		}
	}
	if res := a.Result(); res.Events != 0 {
		t.Errorf("a refused event was counted: %+v", res)
	}
	b := must(dashboard.NewActiveUsersAccumulator(rng, nil))
	wantMismatch(t, "Merge with another location", a.Merge(b))
	c := must(dashboard.NewActiveUsersAccumulator(learnstats.LastDays(rng.End, 6), loc))
	wantMismatch(t, "Merge with another range", a.Merge(c))
	wantMismatch(t, "Merge into itself", a.Merge(a))
	// A partial day at the start of a LastDays window: 8 calendar days
	// touched, the first and last ones partly.
	if n := len(a.Result().Days); n != 8 {
		t.Errorf("LastDays(asOf, 7) at noon touches %d days, want 8", n)
	}
	// An invalid range.
	if _, err := dashboard.NewActiveUsersAccumulator(learnstats.Window{Start: rng.End, End: rng.Start}, loc); !errors.Is(err, learnstats.ErrInvalidWindow) {
		t.Errorf("end before start: %v, want ErrInvalidWindow", err)
	}
	if _, err := dashboard.ActiveUsersPerDay(rng, loc, slices.Values([]dashboard.Event{{User: "u1"}})); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("ActiveUsersPerDay with an event without time: %v", err)
	}
}

// TestD1_PartialDays: a range that starts and ends mid-day has partial
// first and last days: an event before the range's start on its first day
// is outside.
func TestD1_PartialDays(t *testing.T) {
	loc := paris(t)
	asOf := at(t, "2026-11-22T12:00:00+01:00")
	rng := learnstats.LastDays(asOf, 7) // [15 Nov 12:00, 22 Nov 12:00)
	got := must(dashboard.ActiveUsersPerDay(rng, loc, slices.Values([]dashboard.Event{
		{User: "u1", At: rng.Start.Add(-time.Nanosecond)}, // 15 Nov, before the range
		{User: "u2", At: rng.Start},                       // 15 Nov, inside
		{User: "u3", At: asOf.Add(-time.Nanosecond)},      // 22 Nov, inside
		{User: "u4", At: asOf},                            // 22 Nov, after the range
	})))
	want := dashboard.ActiveUsers{Events: 4, OutsideRange: 2}
	for d := 15; d <= 22; d++ {
		day := dashboard.ActiveDay{Date: learnstats.Date{Year: 2026, Month: 11, Day: d}}
		if d == 15 || d == 22 {
			day.Users = 1
		}
		want.Days = append(want.Days, day)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("partial days (-want +got):\n%s", diff)
	}
}

// TestD1_NilEventsAndZeroValue: a nil sequence is empty; the zero
// accumulator is the empty range in UTC, every event outside it; merging a
// nil accumulator adds nothing.
func TestD1_NilEventsAndZeroValue(t *testing.T) {
	got := must(dashboard.ActiveUsersPerDay(learnstats.Window{}, nil, nil))
	if diff := cmp.Diff(dashboard.ActiveUsers{Days: []dashboard.ActiveDay{}}, got); diff != "" {
		t.Errorf("no range, no events (-want +got):\n%s", diff)
	}
	var z, z2 dashboard.ActiveUsersAccumulator
	if err := z.Add(dashboard.Event{User: "u", At: dashCutoff}); err != nil {
		t.Fatal(err)
	}
	if err := z.Merge(&z2); err != nil {
		t.Errorf("merge of two zero values: %v", err)
	}
	if err := z.Merge(nil); err != nil {
		t.Errorf("merge of a nil accumulator: %v", err)
	}
	if diff := cmp.Diff(dashboard.ActiveUsers{Days: []dashboard.ActiveDay{}, Events: 1, OutsideRange: 1}, z.Result()); diff != "" {
		t.Errorf("zero value (-want +got):\n%s", diff)
	}
}

// TestD1_Merge: shards combine exactly; o is not modified.
func TestD1_Merge(t *testing.T) {
	day := must(learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 11, Day: 21}, learnstats.Date{Year: 2026, Month: 11, Day: 22}, time.UTC))
	a := must(dashboard.NewActiveUsersAccumulator(day, nil))
	b := must(dashboard.NewActiveUsersAccumulator(day, time.UTC))
	for _, e := range []dashboard.Event{{User: "u1", At: day.Start}, {User: "u2", At: day.End}} {
		if err := a.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []dashboard.Event{{User: "u1", At: day.Start.Add(time.Hour)}, {User: "u3", At: day.End.Add(-time.Nanosecond)}} {
		if err := b.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	before := b.Result()
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	want := dashboard.ActiveUsers{Days: []dashboard.ActiveDay{{Date: learnstats.Date{Year: 2026, Month: 11, Day: 21}, Users: 1}, {Date: learnstats.Date{Year: 2026, Month: 11, Day: 22}, Users: 1}},
		Events: 4, OutsideRange: 1}
	if diff := cmp.Diff(want, a.Result()); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, b.Result()); diff != "" {
		t.Errorf("Merge modified its argument (-before +after):\n%s", diff)
	}
}

// TestTrap1_D1_RangeFixedAtConstruction (issue 9, trap 1): the range and
// location are fixed when the accumulator is built. In the old API they
// were exported fields a caller could change after the first event (the
// first event stayed "outside" the old range while the next was counted
// in the new one); now the caller's window changed afterwards changes
// nothing, and an accumulator of the changed range does not merge.
func TestTrap1_D1_RangeFixedAtConstruction(t *testing.T) {
	rng := learnstats.Window{}
	a := must(dashboard.NewActiveUsersAccumulator(rng, nil))
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if err := a.Add(dashboard.Event{User: "u", At: t0}); err != nil {
		t.Fatal(err)
	}
	rng = learnstats.LastDays(t0.AddDate(0, 0, 1), 3)
	if err := a.Add(dashboard.Event{User: "v", At: t0}); err != nil {
		t.Fatal(err)
	}
	if res := a.Result(); res.Events != 2 || res.OutsideRange != 2 || len(res.Days) != 0 {
		t.Errorf("after the caller's window changed: %+v; want both events outside the (zero) range of construction", res)
	}
	wantMismatch(t, "Merge with the changed range", must(dashboard.NewActiveUsersAccumulator(rng, nil)).Merge(a))
}

// TestTrap1_D1_MergeLocationsSameName (issue 9, trap 1): two fixed zones
// both named "X" but 12 hours apart have other midnights. Merge compared
// the names only: it added the other's day buckets to the wrong days, and
// panicked (index out of range) when the two ranges did not touch the same
// number of days. Two loads of Europe/Paris have the same midnights and
// merge.
func TestTrap1_D1_MergeLocationsSameName(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	rng := learnstats.Window{Start: t0, End: t0.AddDate(0, 0, 3)}
	a := must(dashboard.NewActiveUsersAccumulator(rng, time.FixedZone("X", 3600)))
	b := must(dashboard.NewActiveUsersAccumulator(rng, time.FixedZone("X", -11*3600)))
	if err := b.Add(dashboard.Event{User: "u", At: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	wantMismatch(t, "merge of +01:00 and -11:00 both named X", a.Merge(b))
	if res := a.Result(); res.Events != 0 {
		t.Errorf("a refused merge changed the accumulator: %+v", res)
	}
	// A range of 3 UTC days touches 4 days at +01:00.
	utcDays := learnstats.Window{Start: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)}
	c := must(dashboard.NewActiveUsersAccumulator(utcDays, time.FixedZone("Y", 0)))
	d := must(dashboard.NewActiveUsersAccumulator(utcDays, time.FixedZone("Y", 3600)))
	if err := d.Add(dashboard.Event{User: "u", At: utcDays.End.Add(-time.Minute)}); err != nil { // 5 November at +01:00
		t.Fatal(err)
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("merge of 3 days into 4 days panicked: %v", r)
			}
		}()
		wantMismatch(t, "merge of +00:00 and +01:00 both named Y", c.Merge(d))
	}()
	// The same midnights under two *time.Location values: they match.
	p1, p2 := paris(t), paris(t)
	e := must(dashboard.NewActiveUsersAccumulator(rng, p1))
	f := must(dashboard.NewActiveUsersAccumulator(rng, p2))
	if err := f.Add(dashboard.Event{User: "u", At: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := e.Merge(f); err != nil {
		t.Errorf("two loads of Europe/Paris: %v", err)
	}
}

// TestTrap2_D1_CountOverflow (issue 9, trap 2): merging an accumulator
// into a copy of itself doubles its event counts; the 63rd doubling
// overflows. Before the fix the counts wrapped around to negative numbers
// without an error; now Merge fails naming the count and leaves the
// accumulator unchanged.
func TestTrap2_D1_CountOverflow(t *testing.T) {
	a := must(dashboard.NewActiveUsersAccumulator(learnstats.Window{}, nil))
	if err := a.Add(dashboard.Event{User: "u", At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; err == nil && i < 64; i++ {
		c := must(dashboard.NewActiveUsersAccumulator(learnstats.Window{}, nil))
		if err := c.Merge(a); err != nil {
			t.Fatal(err)
		}
		err = a.Merge(c)
	}
	wantOverflow(t, "doubling merges", err, "event count")
	if res := a.Result(); res.Events != 1<<62 || res.OutsideRange != 1<<62 {
		t.Errorf("after the refused merge: %+v; want 2^62 events", res)
	}
}

// TestTrap2_D1_RangeTooLong (issue 9, trap 2): a range longer than a
// time.Duration (about 292 years) is an error wrapping ErrOverflow, as in
// the old package; before the fix NewActiveUsersAccumulator built one
// bucket per day of any range (a range of a billion years did not return).
func TestTrap2_D1_RangeTooLong(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	longest := learnstats.Window{Start: t0, End: t0.Add(math.MaxInt64)}
	if _, err := dashboard.NewActiveUsersAccumulator(longest, nil); err != nil {
		t.Errorf("a range of exactly the longest Duration: %v", err)
	}
	_, err := dashboard.NewActiveUsersAccumulator(learnstats.Window{Start: t0, End: longest.End.Add(time.Nanosecond)}, nil)
	wantOverflow(t, "a range 1 ns longer than a Duration", err, "range")
	_, err = dashboard.ActiveUsersPerDay(learnstats.Window{Start: time.Unix(-1<<62, 0), End: time.Unix(1<<62, 0)}, nil, nil)
	wantOverflow(t, "a range of 2^63 seconds", err, "range")
}
