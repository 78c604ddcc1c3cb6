package activity_test

import (
	"slices"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

// t0 is a fixed instant the tests build on.
var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, paris)

// entry is activity.NewEntry(p), panicking on an error (the tests' parts
// are right).
func entry(p activity.Parts) activity.Entry {
	e, err := activity.NewEntry(p)
	if err != nil {
		panic(err)
	}
	return e
}

// viewed is the entry of content named label viewed.
func viewed(label string) activity.Entry {
	return entry(activity.Parts{Kind: activity.ContentViewed, Label: label})
}

func ev(user string, t time.Time, feature string) activity.Event {
	return activity.Event{User: learnstats.UserID(user), Time: t, Entry: viewed(feature), Feature: feature, OS: "iOS"}
}

// newAcc is activity.NewAnalyticsAccumulator(time.Time{}, o): no
// cut-off, failing the test on an error.
func newAcc(t testing.TB, o activity.Options) *activity.AnalyticsAccumulator {
	t.Helper()
	return newAccAt(t, time.Time{}, o)
}

// newAccAt is activity.NewAnalyticsAccumulator(asOf, o), failing the test
// on an error.
func newAccAt(t testing.TB, asOf time.Time, o activity.Options) *activity.AnalyticsAccumulator {
	t.Helper()
	a, err := activity.NewAnalyticsAccumulator(asOf, o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// result is a.Result, failing the test on an error.
func result(t testing.TB, a *activity.AnalyticsAccumulator) activity.Analytics {
	t.Helper()
	r, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// analyze is activity.Analyze(time.Time{}, o, events): no cut-off,
// failing the test on an error.
func analyze(t testing.TB, o activity.Options, events ...activity.Event) activity.Analytics {
	t.Helper()
	return analyzeAt(t, time.Time{}, o, events...)
}

// analyzeAt is activity.Analyze(asOf, o, events), failing the test on an
// error.
func analyzeAt(t testing.TB, asOf time.Time, o activity.Options, events ...activity.Event) activity.Analytics {
	t.Helper()
	r, err := activity.Analyze(asOf, o, slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// newMeetings is activity.NewMeetingsAccumulator(w), failing the test on
// an error.
func newMeetings(t testing.TB, w learnstats.Window) *activity.MeetingsAccumulator {
	t.Helper()
	m, err := activity.NewMeetingsAccumulator(w)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// years is n 365-day years, a duration that fits (n ≤ 292).
func years(n int) time.Duration { return time.Duration(n) * 365 * 24 * time.Hour }

// The ends of the accepted event times (±(2⁶² − 1) ns around 1970).
var (
	minEventTime = time.Unix(0, -(1<<62 - 1)).UTC()
	maxEventTime = time.Unix(0, 1<<62-1).UTC()
)
