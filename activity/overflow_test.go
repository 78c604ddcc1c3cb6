package activity_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// years is n 365-day years, a duration that fits (n ≤ 292).
func years(n int) time.Duration { return time.Duration(n) * 365 * 24 * time.Hour }

// TestE9_OverflowAttendees: summing attendees in an int64 wrapped around
// and printed a negative average ("Average attendees
// -3074457345618258596.67"). Section 0: the call fails naming the meeting.
func TestE9_OverflowAttendees(t *testing.T) {
	ms := []activity.Meeting{
		{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: 3},
		{ID: "m2", Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour), Attendees: math.MaxInt64},
		{ID: "m3", Start: t0.Add(2 * time.Hour), End: t0.Add(3 * time.Hour), Attendees: 2},
	}
	got, err := activity.MeetingsIn(learnstats.Window{}, slices.Values(ms))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m2"`) {
		d, _ := got.AvgAttendees.Decimal(2)
		t.Fatalf("MeetingsIn = average attendees %s, %v; want an error wrapping ErrOverflow naming m2", d.StringFixed(2), err)
	}
}

// TestE9_OverflowDuration: two meetings of 200 years each sum past a
// time.Duration and gave a negative average duration.
func TestE9_OverflowDuration(t *testing.T) {
	ms := []activity.Meeting{
		{ID: "m1", Start: t0, End: t0.Add(years(200)), Attendees: 1},
		{ID: "m2", Start: t0, End: t0.Add(years(200)), Attendees: 1},
	}
	got, err := activity.MeetingsIn(learnstats.Window{}, slices.Values(ms))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m2"`) {
		t.Fatalf("MeetingsIn = average duration %v, %v; want an error wrapping ErrOverflow naming m2", got.AvgDuration, err)
	}
}

// TestE9_OverflowMeetingLongerThanDuration: a meeting of 300 years does
// not fit a time.Duration; time.Time.Sub saturated it to 292 years
// without a word.
func TestE9_OverflowMeetingLongerThanDuration(t *testing.T) {
	m := activity.Meeting{ID: "m1", Start: t0, End: t0.AddDate(300, 0, 0), Attendees: 1}
	got, err := activity.MeetingsIn(learnstats.Window{}, slices.Values([]activity.Meeting{m}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m1"`) {
		t.Fatalf("MeetingsIn = duration %v, %v; want an error wrapping ErrOverflow naming m1", got.TotalDuration, err)
	}
}

// TestE9_OverflowMerge: merging an accumulator into itself doubles its
// sums; past int64 that must fail, not wrap.
func TestE9_OverflowMerge(t *testing.T) {
	m := activity.NewMeetings(learnstats.Window{})
	if err := m.Add(activity.Meeting{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: math.MaxInt64/2 + 1}); err != nil {
		t.Fatal(err)
	}
	before, err := m.Result()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Merge(m); !errors.Is(err, learnstats.ErrOverflow) {
		t.Fatalf("Merge = %v; want an error wrapping ErrOverflow", err)
	}
	if after, err := m.Result(); err != nil || after != before {
		t.Errorf("after the refused Merge: %+v, %v; want it unchanged: %+v", after, err, before)
	}
}

// TestE2_OverflowStopsTheAccumulator: after an overflow the accumulator
// gives no result (its totals cannot be represented) until Reset.
func TestE2_OverflowStopsTheAccumulator(t *testing.T) {
	a := activity.NewAnalytics(activity.Config{})
	e := activity.Event{User: "u1", Time: t0, Entry: activity.Watched("v"),
		ContentType: activity.ContentSession, ContentItem: "v", Duration: time.Duration(math.MaxInt64), HasDuration: true}
	if err := a.Add(e); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(e); !errors.Is(err, learnstats.ErrOverflow) {
		t.Fatalf("second Add = %v, want ErrOverflow", err)
	}
	if err := a.Add(ev("u2", t0, "f")); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("Add after the overflow = %v, want the overflow again", err)
	}
	if _, err := a.Result(); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("Result after the overflow = %v, want the overflow", err)
	}
	if err := activity.NewAnalytics(activity.Config{}).Merge(a); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("merging the stopped accumulator = %v, want the overflow", err)
	}
	a.Reset()
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Errorf("Add after Reset = %v", err)
	}
	if r := result(t, a); r.Insights.Interactions != 1 {
		t.Errorf("after Reset: %d interactions, want 1", r.Insights.Interactions)
	}
}

// bigGap is a gap that never starts a new visit: every user's events are
// one visit.
const bigGap = time.Duration(math.MaxInt64)

// TestE2_OverflowVisitDurations: two users with a 150-year visit each
// (Config.Gap lets a visit last that long) sum past a time.Duration: the
// total visit duration came out negative.
func TestE2_OverflowVisitDurations(t *testing.T) {
	start := activity.MinEventTime.Add(time.Hour)
	var events []activity.Event
	for _, u := range []learnstats.UserID{"u1", "u2"} {
		for _, y := range []int{0, 50, 100, 150} { // one visit: 50 years apart, within the gap
			events = append(events, activity.Event{User: u, Time: start.Add(years(y)), Entry: activity.ContentViewed("a")})
		}
	}
	closing := []activity.Event{ // 61 years later: a new visit, the first is closed
		{User: "u1", Time: start.Add(years(211)), Entry: activity.ContentViewed("a")},
		{User: "u2", Time: start.Add(years(211)), Entry: activity.ContentViewed("a")},
	}
	for _, tc := range []struct {
		name, reason string
		events       []activity.Event
	}{
		{name: "open visits", reason: "Result adds the open visits", events: events},
		{name: "closed visits", reason: "Add adds each closed visit", events: append(slices.Clone(events), closing...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := activity.Config{Gap: years(60)}
			got, err := activity.Analyze(cfg, slices.Values(tc.events))
			if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u2"`) {
				t.Fatalf("%s: Analyze = total visit duration %v, funnel %v, %v; want an error wrapping ErrOverflow naming u2",
					tc.reason, got.Insights.TotalVisitDuration, got.Funnel.Steps, err)
			}
		})
	}
}

// TestE8_OverflowContentTime: explicit durations of one content item sum
// past a time.Duration.
func TestE8_OverflowContentTime(t *testing.T) {
	e := func(user string, at time.Time) activity.Event {
		return activity.Event{User: learnstats.UserID(user), Time: at, Entry: activity.Watched("v"),
			ContentType: activity.ContentSession, ContentItem: "v", Duration: time.Duration(math.MaxInt64), HasDuration: true}
	}
	got, err := activity.Analyze(activity.Config{}, slices.Values([]activity.Event{e("u1", t0), e("u2", t0)}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u2"`) {
		t.Fatalf("Analyze = content %+v, %v; want an error wrapping ErrOverflow naming u2", got.Content, err)
	}
}

// TestE2_OverflowMerge: two shards each with a 150-year visit merge past
// a time.Duration.
func TestE2_OverflowMerge(t *testing.T) {
	start := activity.MinEventTime.Add(time.Hour)
	cfg := activity.Config{Gap: years(60)}
	shard := func(user learnstats.UserID) *activity.Analytics {
		a := activity.NewAnalytics(cfg)
		for _, y := range []int{0, 50, 100, 150, 211} {
			if err := a.Add(activity.Event{User: user, Time: start.Add(years(y)), Entry: activity.ContentViewed("a")}); err != nil {
				t.Fatal(err)
			}
		}
		return a
	}
	a, b := shard("u1"), shard("u2")
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrOverflow) {
		r, _ := a.Result()
		t.Fatalf("Merge = %v (total visit duration %v); want an error wrapping ErrOverflow", err, r.Insights.TotalVisitDuration)
	}
}

// TestE8_OverflowContentTypeTime: two items of one content type each
// hold a time that fits, their type's total does not.
func TestE8_OverflowContentTypeTime(t *testing.T) {
	e := func(item string) activity.Event {
		return activity.Event{User: "u1", Time: t0, Entry: activity.Watched(item),
			ContentType: activity.ContentSession, ContentItem: item, Duration: time.Duration(math.MaxInt64/2 + 1), HasDuration: true}
	}
	got, err := activity.Analyze(activity.Config{}, slices.Values([]activity.Event{e("v1"), e("v2")}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `session`) {
		t.Fatalf("Analyze = content %+v, %v; want an error wrapping ErrOverflow naming the session type", got.Content, err)
	}
}
