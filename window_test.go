package learnstats_test

import (
	"slices"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

func TestLastDaysHalfOpen(t *testing.T) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	w := learnstats.LastDays(asOf, 90)
	tests := []struct {
		name   string
		at     time.Time
		want   bool
		reason string
	}{
		{"start", asOf.AddDate(0, 0, -90), true, "the start is inside (half-open)"},
		{"before start", asOf.AddDate(0, 0, -90).Add(-time.Nanosecond), false, "one nanosecond before the start"},
		{"asOf", asOf, false, "events at asOf are outside"},
		{"just before asOf", asOf.Add(-time.Nanosecond), true, "the last instant inside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.Contains(tt.at); got != tt.want {
				t.Errorf("Contains(%v) = %v, want %v: %s", tt.at, got, tt.want, tt.reason)
			}
		})
	}
}

func TestLastDaysAcrossDST(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-10-25 03:00 is the autumn change in Europe/Paris: the 8 calendar
	// days before 1 November noon last 8 days and one hour.
	asOf := time.Date(2026, 11, 1, 12, 0, 0, 0, paris)
	w := learnstats.LastDays(asOf, 8)
	if want := time.Date(2026, 10, 24, 12, 0, 0, 0, paris); !w.Start.Equal(want) {
		t.Errorf("start = %v, want %v", w.Start, want)
	}
	if got, want := w.End.Sub(w.Start), 8*24*time.Hour+time.Hour; got != want {
		t.Errorf("duration = %v, want %v (8 calendar days across the DST change)", got, want)
	}
	days := slices.Collect(w.Days(paris))
	if len(days) != 9 || days[0] != (learnstats.Date{Year: 2026, Month: 10, Day: 24}) {
		t.Errorf("days = %v, want 9 days from 2026-10-24", days)
	}
}

func TestDayWindowIncludesLastDay(t *testing.T) {
	from := learnstats.Date{Year: 2026, Month: 3, Day: 1}
	to := learnstats.Date{Year: 2026, Month: 3, Day: 31}
	w, err := learnstats.DayWindow(from, to, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Contains(time.Date(2026, 3, 31, 23, 59, 59, 999999999, time.UTC)) {
		t.Error("the last instant of the last day is outside")
	}
	if w.Contains(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("midnight after the last day is inside")
	}
	if _, err := learnstats.DayWindow(to, from, nil); err == nil {
		t.Error("reversed range accepted")
	}
}

func TestYearsBetween(t *testing.T) {
	d := func(y, m, dd int) learnstats.Date { return learnstats.Date{Year: y, Month: time.Month(m), Day: dd} }
	got := []int{
		learnstats.YearsBetween(d(2000, 2, 29), d(2026, 2, 28)),
		learnstats.YearsBetween(d(2000, 2, 29), d(2026, 3, 1)),
		learnstats.YearsBetween(d(1990, 11, 22), d(2026, 11, 22)),
		learnstats.YearsBetween(d(1990, 11, 23), d(2026, 11, 22)),
		learnstats.YearsBetween(d(2030, 1, 1), d(2026, 11, 22)),
	}
	if diff := cmp.Diff([]int{25, 26, 36, 35, -1}, got); diff != "" {
		t.Errorf("ages (-want +got):\n%s", diff)
	}
}

func TestDirectoryDirectReports(t *testing.T) {
	users := []learnstats.User{
		{ID: "boss"}, {ID: "m1", Managers: []learnstats.UserID{"boss"}},
		{ID: "m2", Managers: []learnstats.UserID{"boss"}},
		{ID: "a", Managers: []learnstats.UserID{"m1", "m2"}},
		{ID: "b", Managers: []learnstats.UserID{"m1", "m1"}},
	}
	d, err := learnstats.NewDirectory(users)
	if err != nil {
		t.Fatal(err)
	}
	got := map[learnstats.UserID]int{}
	for _, id := range d.IDs() {
		got[id] = d.DirectReports(id)
	}
	want := map[learnstats.UserID]int{"boss": 2, "m1": 2, "m2": 1, "a": 0, "b": 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("direct reports (-want +got):\n%s", diff)
	}
	if _, err := learnstats.NewDirectory([]learnstats.User{{ID: "x", Managers: []learnstats.UserID{"nobody"}}}); err == nil {
		t.Error("unknown manager accepted")
	}
}

func TestDirectoryVisibleFiltersGroupsAndManagers(t *testing.T) {
	d, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "ceo", Groups: []learnstats.GroupID{"hr"}},
		{ID: "lead", Groups: []learnstats.GroupID{"g1"}},
		{ID: "u", Groups: []learnstats.GroupID{"g1", "hr"}, Managers: []learnstats.UserID{"ceo", "lead"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	u, ok := d.Visible("u", learnstats.NewGroupScope("g1"))
	if !ok {
		t.Fatal("u is in g1")
	}
	if diff := cmp.Diff([]learnstats.GroupID{"g1"}, u.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]learnstats.UserID{"lead"}, u.Managers); diff != "" {
		t.Errorf("managers (-want +got):\n%s", diff)
	}
	if _, ok := d.Visible("ceo", learnstats.NewGroupScope("g1")); ok {
		t.Error("ceo is outside g1")
	}
	if full, _ := d.User("u"); len(full.Groups) != 2 {
		t.Error("Visible changed the directory's record")
	}
	if all, _ := d.Visible("u", learnstats.Everything); len(all.Groups) != 2 || len(all.Managers) != 2 {
		t.Errorf("Everything filtered: %+v", all)
	}
}
