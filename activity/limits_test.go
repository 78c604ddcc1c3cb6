package activity_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// TestE1_ExtremeTimesDoNotOverflow: the two ends of the accepted time
// range are 2⁶³ − 2 ns apart, which an int64 holds, so they are two
// visits (the gap is far longer than 30 minutes), never one visit of
// negative duration; a time one nanosecond outside is invalid.
func TestE1_ExtremeTimesDoNotOverflow(t *testing.T) {
	events := []activity.Event{
		{User: "u1", Time: minEventTime, Entry: viewed("a")},
		{User: "u1", Time: maxEventTime, Entry: viewed("b")},
	}
	o := activity.Options{Window: learnstats.Window{Start: minEventTime, End: maxEventTime.Add(1)}}
	res := analyzeAt(t, maxEventTime.Add(1), o, events...)
	if res.Visits != 2 || res.TotalVisitDuration != 0 {
		t.Errorf("visits %d, total duration %v: want 2 visits of 0 duration", res.Visits, res.TotalVisitDuration)
	}
	for _, at := range []struct {
		name string
		e    activity.Event
	}{
		{"1ns before the range", activity.Event{User: "u1", Time: minEventTime.Add(-1), Entry: viewed("c")}},
		{"1ns after the range", activity.Event{User: "u1", Time: maxEventTime.Add(1), Entry: viewed("c")}},
	} {
		if _, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{at.e})); !errors.Is(err, activity.ErrInvalidEvent) {
			t.Errorf("%s: %v, want ErrInvalidEvent", at.name, err)
		}
	}
}
