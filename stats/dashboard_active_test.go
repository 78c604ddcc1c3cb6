package stats

import (
	"errors"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
)

// TestD1_MergeAfterRangeChangeIsAnError: an accumulator whose range was
// changed after its first event (which its own Add refuses) does not merge
// (and does not panic).
func TestD1_MergeAfterRangeChangeIsAnError(t *testing.T) {
	d0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	o := &ActiveUsersPerDay{Range: learnstats.Window{Start: d0, End: d0.AddDate(0, 0, 10)}}
	if err := o.Add(ActiveUserEvent{User: "u", At: d0.AddDate(0, 0, 8)}); err != nil {
		t.Fatal(err)
	}
	o.Range = learnstats.Window{Start: d0, End: d0.AddDate(0, 0, 3)}
	a := &ActiveUsersPerDay{Range: o.Range}
	if err := a.Merge(o); !errors.Is(err, ErrDashboardMismatch) {
		t.Errorf("err = %v, want ErrDashboardMismatch", err)
	}
}
