package activity_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// TestE9_OverflowAttendees: summing attendees in an int64 wrapped around
// and printed a negative average ("Average attendees
// -3074457345618258596.67"). Section 0: the call fails naming the meeting.
func TestE9_OverflowAttendees(t *testing.T) {
	ms := []activity.Meeting{
		{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: 3},
		{ID: "m2", Start: t0.Add(time.Hour), End: t0.Add(2 * time.Hour), Attendees: math.MaxInt64},
		{ID: "m3", Start: t0.Add(2 * time.Hour), End: t0.Add(3 * time.Hour), Attendees: 2},
	}
	got, err := activity.AnalyzeMeetings(learnstats.Window{}, slices.Values(ms))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m2"`) {
		t.Fatalf("AnalyzeMeetings = average attendees %s, %v; want an error wrapping ErrOverflow naming m2", got.AvgAttendees.Decimal(2).StringFixed(2), err)
	}
}

// TestE9_OverflowDuration: two meetings of 200 years each sum past a
// time.Duration and gave a negative average duration.
func TestE9_OverflowDuration(t *testing.T) {
	ms := []activity.Meeting{
		{ID: "m1", Start: t0, End: t0.Add(years(200)), Attendees: 1},
		{ID: "m2", Start: t0, End: t0.Add(years(200)), Attendees: 1},
	}
	got, err := activity.AnalyzeMeetings(learnstats.Window{}, slices.Values(ms))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m2"`) {
		t.Fatalf("AnalyzeMeetings = average duration %v, %v; want an error wrapping ErrOverflow naming m2", got.AvgDuration, err)
	}
}

// TestE9_OverflowMeetingLongerThanDuration: a meeting of 300 years does
// not fit a time.Duration; time.Time.Sub saturated it to 292 years
// without a word.
func TestE9_OverflowMeetingLongerThanDuration(t *testing.T) {
	m := activity.Meeting{ID: "m1", Start: t0, End: t0.AddDate(300, 0, 0), Attendees: 1}
	got, err := activity.AnalyzeMeetings(learnstats.Window{}, slices.Values([]activity.Meeting{m}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m1"`) {
		t.Fatalf("AnalyzeMeetings = duration %v, %v; want an error wrapping ErrOverflow naming m1", got.TotalDuration, err)
	}
}

// TestE9_OverflowMerge: merging two accumulators whose sums pass int64
// must fail, not wrap, and leave the accumulator unchanged. (Before, the
// test merged an accumulator into itself, which is now refused.)
func TestE9_OverflowMerge(t *testing.T) {
	big := activity.Meeting{ID: "m1", Start: t0, End: t0.Add(time.Hour), Attendees: math.MaxInt64/2 + 1}
	m, o := newMeetings(t, learnstats.Window{}), newMeetings(t, learnstats.Window{})
	for _, acc := range []*activity.MeetingsAccumulator{m, o} {
		if err := acc.Add(big); err != nil {
			t.Fatal(err)
		}
	}
	before := m.Result()
	if err := m.Merge(o); !errors.Is(err, learnstats.ErrOverflow) {
		t.Fatalf("Merge = %v; want an error wrapping ErrOverflow", err)
	}
	if after := m.Result(); after != before {
		t.Errorf("after the refused Merge: %+v; want it unchanged: %+v", after, before)
	}
}

// TestE9_OverflowMeetingCounts: counts grow through merges (an
// accumulator merged into a copy of itself doubles them); a count that
// would pass 2⁶³−1 is an error, in Merge and in Add.
func TestE9_OverflowMeetingCounts(t *testing.T) {
	m := newMeetings(t, learnstats.Window{})
	if err := m.Add(activity.Meeting{ID: "m1", Start: t0, Cancelled: true}); err != nil {
		t.Fatal(err)
	}
	var err error
	for range 64 {
		c := newMeetings(t, learnstats.Window{})
		if err = c.Merge(m); err != nil {
			break
		}
		if err = m.Merge(c); err != nil {
			break
		}
	}
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Fatalf("doubling merges: %v, want ErrOverflow", err)
	}
	if r := m.Result(); r.Meetings != 1<<62 || r.Cancelled != 1<<62 {
		t.Fatalf("after doubling: %+v, want 2⁶² meetings", r)
	}
	// 2⁶² + (2⁶² − 1) fills the count exactly; one more Add overflows.
	one := newMeetings(t, learnstats.Window{})
	if err := one.Add(activity.Meeting{ID: "m2", Start: t0, Cancelled: true}); err != nil {
		t.Fatal(err)
	}
	// rest = 2⁶² − 1 = 1 + 2 + … + 2⁶¹, built from doublings of one.
	rest := newMeetings(t, learnstats.Window{})
	power := one
	for i := range 62 {
		if err := rest.Merge(power); err != nil {
			t.Fatalf("building 2⁶²−1 at bit %d: %v", i, err)
		}
		next := newMeetings(t, learnstats.Window{})
		if err := next.Merge(power); err != nil {
			t.Fatal(err)
		}
		if err := next.Merge(power); err != nil {
			t.Fatal(err)
		}
		power = next
	}
	if err := m.Merge(rest); err != nil {
		t.Fatalf("2⁶² + 2⁶² − 1 fits: %v", err)
	}
	if got := m.Result().Meetings; got != math.MaxInt64 {
		t.Fatalf("meetings = %d, want 2⁶³−1", got)
	}
	before := m.Result()
	if err := m.Add(activity.Meeting{ID: "m3", Start: t0, Cancelled: true}); !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"m3"`) {
		t.Errorf("Add past 2⁶³−1 = %v, want an error wrapping ErrOverflow naming m3", err)
	}
	if m.Result() != before {
		t.Errorf("the refused Add changed the accumulator")
	}
}

// TestE2_OverflowRefusesTheEvent: an event whose time would make a sum
// pass 2⁶³−1 ns is refused and changes nothing; the accumulator goes on.
// (Before, the overflow stopped the accumulator until Reset, which no
// longer exists.)
func TestE2_OverflowRefusesTheEvent(t *testing.T) {
	a := newAcc(t, activity.Options{})
	e := activity.Event{User: "u1", Time: t0, Entry: entry(activity.Parts{Kind: activity.Watched, Label: "v"}),
		ContentType: "session", ContentItem: "v", Duration: time.Duration(math.MaxInt64), HasDuration: true}
	if err := a.Add(e); err != nil {
		t.Fatal(err)
	}
	before := result(t, a)
	if err := a.Add(e); !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u1"`) {
		t.Fatalf("second Add = %v, want ErrOverflow naming u1", err)
	}
	if diff := cmp.Diff(before, result(t, a)); diff != "" {
		t.Errorf("the refused Add changed the accumulator (-before +after):\n%s", diff)
	}
	if err := a.Add(ev("u2", t0, "f")); err != nil {
		t.Errorf("Add after the refused event = %v, want nil", err)
	}
	if r := result(t, a); r.Interactions != 2 {
		t.Errorf("after the refused event: %d interactions, want 2", r.Interactions)
	}
	// The refused first event of a new user leaves no trace of the user:
	// a shard holding the user merges.
	e.User = "u3"
	if err := a.Add(e); !errors.Is(err, learnstats.ErrOverflow) {
		t.Fatalf("Add of u3 = %v, want ErrOverflow", err)
	}
	other := newAcc(t, activity.Options{})
	if err := other.Add(ev("u3", t0, "f")); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(other); err != nil {
		t.Errorf("Merge of a shard with u3 after u3's refused event = %v, want nil", err)
	}
}

// bigGap is a gap that never starts a new visit: every user's events are
// one visit.
const bigGap = time.Duration(math.MaxInt64)

// TestE2_OverflowVisitDurations: two users with a 150-year visit each
// (Options.Gap lets a visit last that long) sum past a time.Duration: the
// total visit duration came out negative.
func TestE2_OverflowVisitDurations(t *testing.T) {
	start := minEventTime.Add(time.Hour)
	var events []activity.Event
	for _, u := range []learnstats.UserID{"u1", "u2"} {
		for _, y := range []int{0, 50, 100, 150} { // one visit: 50 years apart, within the gap
			events = append(events, activity.Event{User: u, Time: start.Add(years(y)), Entry: viewed("a")})
		}
	}
	closing := []activity.Event{ // 61 years later: a new visit, the first is closed
		{User: "u1", Time: start.Add(years(211)), Entry: viewed("a")},
		{User: "u2", Time: start.Add(years(211)), Entry: viewed("a")},
	}
	for _, tc := range []struct {
		name, reason string
		events       []activity.Event
	}{
		{name: "open visits", reason: "Result adds the open visits", events: events},
		{name: "closed visits", reason: "Add adds each closed visit", events: append(slices.Clone(events), closing...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := activity.Analyze(time.Time{}, activity.Options{Gap: years(60)}, slices.Values(tc.events))
			if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u2"`) {
				t.Fatalf("%s: Analyze = total visit duration %v, funnel %v, %v; want an error wrapping ErrOverflow naming u2",
					tc.reason, got.TotalVisitDuration, got.Funnel, err)
			}
		})
	}
	// The funnel step time of the same visits (a step of 150 years each).
	var oneStep []activity.Event
	for _, u := range []learnstats.UserID{"u1", "u2"} {
		oneStep = append(oneStep, activity.Event{User: u, Time: start, Entry: viewed("a")},
			activity.Event{User: u, Time: start.Add(years(150)), Entry: viewed("a")},
			activity.Event{User: u, Time: start.Add(years(150)), Entry: viewed("b")})
	}
	if _, err := activity.Analyze(time.Time{}, activity.Options{Gap: bigGap}, slices.Values(oneStep)); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("funnel step time: %v, want ErrOverflow", err)
	}
}

// TestE8_OverflowContentTime: explicit durations of one content item sum
// past a time.Duration.
func TestE8_OverflowContentTime(t *testing.T) {
	e := func(user string, at time.Time) activity.Event {
		return activity.Event{User: learnstats.UserID(user), Time: at, Entry: entry(activity.Parts{Kind: activity.Watched, Label: "v"}),
			ContentType: "session", ContentItem: "v", Duration: time.Duration(math.MaxInt64), HasDuration: true}
	}
	got, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e("u1", t0), e("u2", t0)}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u2"`) {
		t.Fatalf("Analyze = content %+v, %v; want an error wrapping ErrOverflow naming u2", got.Content, err)
	}
	// The time until the next event, added to a view's explicit duration.
	pending := activity.Event{User: "u1", Time: t0, Entry: viewed("v"), ContentType: "session", ContentItem: "v"}
	full := e("u1", t0.Add(time.Minute))
	full.Duration = time.Duration(math.MaxInt64) - 30*time.Second
	a := newAcc(t, activity.Options{})
	if err := a.Add(pending); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(full); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("a minute of pending time plus a duration of 2⁶³−1 ns − 30 s: %v, want ErrOverflow", err)
	}
}

// TestE2_OverflowMerge: two shards each with a 150-year visit merge past
// a time.Duration; the refused Merge changes nothing.
func TestE2_OverflowMerge(t *testing.T) {
	start := minEventTime.Add(time.Hour)
	shard := func(user learnstats.UserID) *activity.AnalyticsAccumulator {
		a := newAcc(t, activity.Options{Gap: years(60)})
		for _, y := range []int{0, 50, 100, 150, 211} {
			if err := a.Add(activity.Event{User: user, Time: start.Add(years(y)), Entry: viewed("a")}); err != nil {
				t.Fatal(err)
			}
		}
		return a
	}
	a, b := shard("u1"), shard("u2")
	before := result(t, a)
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrOverflow) {
		r, _ := a.Result()
		t.Fatalf("Merge = %v (total visit duration %v); want an error wrapping ErrOverflow", err, r.TotalVisitDuration)
	}
	if diff := cmp.Diff(before, result(t, a)); diff != "" {
		t.Errorf("the refused Merge changed the accumulator (-before +after):\n%s", diff)
	}
}

// TestE2_OverflowLeftOutCounts: the counts of events left out without a
// user state (after asOf) grow through merges (an accumulator merged into
// a copy of itself doubles them, since no user is shared); past 2⁶³−1
// they are errors, in Merge and in Add.
func TestE2_OverflowLeftOutCounts(t *testing.T) {
	o, asOf := activity.Options{}, t0
	late := ev("u1", t0, "f")
	one := newAccAt(t, asOf, o)
	if err := one.Add(late); err != nil {
		t.Fatal(err)
	}
	// full = 2⁶³ − 1 = 1 + 2 + … + 2⁶², from doublings of one.
	full, power := newAccAt(t, asOf, o), one
	for bit := range 63 {
		if err := full.Merge(power); err != nil {
			t.Fatalf("bit %d: %v", bit, err)
		}
		double := newAccAt(t, asOf, o)
		for range 2 {
			if err := double.Merge(power); err != nil && bit < 62 {
				t.Fatalf("doubling 2^%d: %v", bit, err)
			}
		}
		power = double
	}
	if r := result(t, full); r.AfterAsOf != math.MaxInt64 {
		t.Fatalf("after asOf = %d, want 2⁶³−1", r.AfterAsOf)
	}
	if err := full.Merge(one); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("Merge past 2⁶³−1 = %v, want ErrOverflow", err)
	}
	if err := full.Add(late); !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u1"`) {
		t.Errorf("Add past 2⁶³−1 = %v, want ErrOverflow naming u1", err)
	}
	if r := result(t, full); r.AfterAsOf != math.MaxInt64 {
		t.Errorf("after the refused Add and Merge: after asOf = %d, want 2⁶³−1", r.AfterAsOf)
	}
}

// TestE8_OverflowContentTypeTime: two items of one content type each
// hold a time that fits, their type's total does not.
func TestE8_OverflowContentTypeTime(t *testing.T) {
	e := func(item string) activity.Event {
		return activity.Event{User: "u1", Time: t0, Entry: entry(activity.Parts{Kind: activity.Watched, Label: item}),
			ContentType: "session", ContentItem: item, Duration: time.Duration(math.MaxInt64/2 + 1), HasDuration: true}
	}
	got, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{e("v1"), e("v2")}))
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `session`) {
		t.Fatalf("Analyze = content %+v, %v; want an error wrapping ErrOverflow naming the session type", got.Content, err)
	}
}
