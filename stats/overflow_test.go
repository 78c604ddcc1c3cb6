package stats_test

// Issue 9, trap 2: overflow (SPEC section 0, "No overflow"). Each test
// failed before the fix with a wrapped-around (negative) sum, count or
// average and no error.

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// halfPlus is a duration that overflows when added to itself: 146 years.
const halfPlus = time.Duration(math.MaxInt64/2 + 1)

// wantOverflow fails the test unless err wraps learnstats.ErrOverflow and
// names the record (its message contains name).
func wantOverflow(t *testing.T, what string, err error, name string) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrOverflow", what, err)
		return
	}
	if !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "stats: ") {
		t.Errorf("%s: error %q does not name %s (with the stats: prefix)", what, err, name)
	}
}

// TestTrap2_D5_TimeOverflow: the D-5 time sum over a step's members, and
// an average within half a second of the largest Duration (which rounds up
// past it).
func TestTrap2_D5_TimeOverflow(t *testing.T) {
	for _, tt := range []struct {
		name, reason string
		times        []time.Duration
	}{
		{"sum", "two members of 146 years each", []time.Duration{halfPlus, halfPlus}},
		{"average", "one member at the largest Duration: 9223372036.85 s rounds to a second more", []time.Duration{math.MaxInt64}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := stats.TrainingContent{AsOf: frozenT0}
			if err := c.AddStep(stats.TrainingStepInfo{Training: "t", ID: "s"}); err != nil {
				t.Fatal(err)
			}
			for i, d := range tt.times {
				u := learnstats.UserID("u" + strconv.Itoa(i))
				if err := errors.Join(c.AddLearner(stats.TrainingLearner{Training: "t", User: u, RegisteredAt: frozenT0.Add(-time.Hour)}),
					c.AddStepResult(stats.TrainingStepResult{Training: "t", Step: "s", User: u, TimeSpent: d})); err != nil {
					t.Fatal(err)
				}
			}
			_, err := c.Result()
			wantOverflow(t, tt.reason, err, `step "s"`)
		})
	}
}

// TestTrap2_D1_CountOverflow: an accumulator merged into itself doubles its
// event counts; the 63rd doubling overflows.
func TestTrap2_D1_CountOverflow(t *testing.T) {
	var a stats.ActiveUsersPerDay
	if err := a.Add(stats.ActiveUserEvent{User: "u", At: frozenT0}); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; err == nil && i < 64; i++ {
		err = a.Merge(&a)
	}
	wantOverflow(t, "self-merges", err, "event count")
	res, rerr := a.Result()
	if rerr != nil || res.Events != 1<<62 || res.OutsideRange != 1<<62 {
		t.Errorf("after the refused merge: %+v, %v; want 2^62 events", res, rerr)
	}
}

// TestTrap2_B1_CardsOverflow: users at the maximum count, by merges:
// before the fix the journals card came out -2⁶³.
func TestTrap2_B1_CardsOverflow(t *testing.T) {
	// c holds 2^k users at the maximum count; total gets every c, so that
	// it reaches 2^40 × (2^23 − 1) journals, the largest multiple of the
	// maximum count that fits; the 23rd doubling of c does not fit.
	var c, total stats.BackofficeCardsAccumulator
	if err := c.Add(stats.BackofficeUser{ID: "u", JournalsCompleted: stats.MaxBackofficeCount}); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 23; k++ {
		if err := total.Merge(&c); err != nil {
			t.Fatalf("merge %d: %v", k, err)
		}
		err := c.Merge(&c)
		if k < 22 && err != nil {
			t.Fatalf("doubling %d: %v", k, err)
		}
		if k == 22 {
			wantOverflow(t, "doubling 2^62 journals", err, "backoffice cards")
		}
	}
	if got := c.Result(); got.Journals != 1<<62 || got.TotalUsers != 1<<22 {
		t.Errorf("after the refused merge: %+v; want 2^62 journals from 2^22 users", got)
	}
	want := stats.BackofficeCards{TotalUsers: 1<<23 - 1, Journals: stats.MaxBackofficeCount * (1<<23 - 1)}
	if got := total.Result(); got != want {
		t.Errorf("total %+v, want %+v", got, want)
	}
	wantOverflow(t, "one more user", total.Add(stats.BackofficeUser{ID: "w", JournalsCompleted: stats.MaxBackofficeCount}), `user "w"`)
	if got := total.Result(); got != want {
		t.Errorf("the refused user changed the cards: %+v", got)
	}
}
