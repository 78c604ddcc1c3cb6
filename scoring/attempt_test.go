package scoring

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestS1_AttemptScore(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		max    []int64
		points []int64
		want   int
		exact  Percent
	}{
		{"spec example", "max [10,10,0,20], points [10,5,0,12] → 27/40 → 68", []int64{10, 10, 0, 20}, []int64{10, 5, 0, 12}, 68, Percent{27, 40}},
		{"half rounds up", "23 of 40 is 57.5 → 58, not the float 57", []int64{40}, []int64{23}, 58, Percent{23, 40}},
		{"weighted by max", "10/10 and 0/30 → 10/40 = 25, not the mean of 100 and 0", []int64{10, 30}, []int64{10, 0}, 25, Percent{10, 40}},
		{"unanswered counts 0", "an unanswered activity keeps its max in Σmax", []int64{10, 10}, []int64{10, -1}, 50, Percent{10, 20}},
		{"full marks", "", []int64{5, 5}, []int64{5, 5}, 100, Percent{10, 10}},
		{"zero", "", []int64{5, 5}, []int64{0, 0}, 0, Percent{0, 10}},
		{"just below half", "1/200 = 0.5 → 1; 0.4999 would be 0", []int64{200}, []int64{1}, 1, Percent{1, 200}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t", Steps: []Step{module("m", true, 0, KeepBest, tc.max...)}}
			r := scoreOne(t, tr, Options{}, []Attempt{attempt("u1", "m", "1", 0, 10, tc.points...)})
			s := stepOf(t, r, "m")
			if s.Score.Int() != tc.want {
				t.Errorf("score %d, want %d (%s)", s.Score.Int(), tc.want, tc.reason)
			}
			if diff := cmp.Diff(tc.exact, s.Score); diff != "" {
				t.Errorf("exact score (-want +got):\n%s", diff)
			}
		})
	}
}
