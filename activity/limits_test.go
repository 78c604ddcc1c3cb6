package activity_test

import (
	"slices"
	"testing"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// TestE1_ExtremeTimesDoNotOverflow: the two ends of the accepted time
// range are 2⁶³ − 2 ns apart, which an int64 holds, so they are two
// visits (the gap is far longer than 30 minutes), never one visit of
// negative duration.
func TestE1_ExtremeTimesDoNotOverflow(t *testing.T) {
	events := []activity.Event{
		{User: "u1", Time: activity.MinEventTime, Entry: activity.ContentViewed("a")},
		{User: "u1", Time: activity.MaxEventTime, Entry: activity.ContentViewed("b")},
	}
	for _, e := range events {
		if err := e.Validate(); err != nil {
			t.Fatalf("%v: %v", e.Time, err)
		}
	}
	cfg := activity.Config{Window: learnstats.Window{Start: activity.MinEventTime, End: activity.MaxEventTime.Add(1)},
		AsOf: activity.MaxEventTime.Add(1)}
	res, err := activity.Analyze(cfg, slices.Values(events))
	if err != nil {
		t.Fatal(err)
	}
	if res.Insights.Visits != 2 || res.Insights.TotalVisitDuration != 0 {
		t.Errorf("visits %d, total duration %v: want 2 visits of 0 duration", res.Insights.Visits, res.Insights.TotalVisitDuration)
	}
	if late := activity.MaxEventTime.Add(1); (&activity.Event{User: "u1", Time: late, Entry: activity.ContentViewed("c")}).Validate() == nil {
		t.Error("a time past MaxEventTime is accepted")
	}
}
