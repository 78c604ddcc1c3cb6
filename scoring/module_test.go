package scoring

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func TestS3_WhichAttemptCounts(t *testing.T) {
	// One activity worth 10 points: an attempt's points are its score / 10.
	tests := []struct {
		name     string
		reason   string
		keep     Keep
		attempts []learnstats.Attempt
		want     learnstats.Ratio
		wantHas  bool
	}{
		{"best takes highest", "", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 8), attempt("u1", "m", "2", 20, 30, 4)}, percent(8, 10), true},
		{"all takes highest", "all behaves as best for the score", KeepAll, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 3), attempt("u1", "m", "2", 20, 30, 9), attempt("u1", "m", "3", 40, 50, 5)}, percent(9, 10), true},
		{"newest takes latest finish", "not the best", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 8), attempt("u1", "m", "2", 20, 30, 4)}, percent(4, 10), true},
		{"newest by finish, not start", "attempt 1 started first but finished last", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 60, 7), attempt("u1", "m", "2", 20, 30, 4)}, percent(7, 10), true},
		{"newest tie on finish → higher ID", "equal finish time: attempt 10 beats attempt 9 (numeric IDs)", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "10", 0, 30, 2), attempt("u1", "m", "9", 5, 30, 6)}, percent(2, 10), true},
		{"newest tie on finish → higher ID, other order", "input order does not matter", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "9", 5, 30, 6), attempt("u1", "m", "10", 0, 30, 2)}, percent(2, 10), true},
		{"unfinished newest is ignored", "Opigno 3.0 would show 0 during the retake; the library keeps the finished one", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 6), attempt("u1", "m", "2", 20, -1, 1)}, percent(6, 10), true},
		{"unfinished best is ignored", "unfinished attempts have no score even with more points", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 6), attempt("u1", "m", "2", 20, -1, 10)}, percent(6, 10), true},
		{"equal best scores", "ties give the same score", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 5), attempt("u1", "m", "2", 20, 30, 5)}, percent(5, 10), true},
		{"no finished attempt", "no score", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, -1, 10)}, learnstats.Ratio{}, false},
		{"no attempt", "no score", KeepNewest, nil, learnstats.Ratio{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t", Steps: []Step{module("m", true, 50, tc.keep, 10)}}
			s := stepOf(t, scoreOne(t, tr, Options{}, tc.attempts), "m")
			if diff := cmp.Diff(tc.want, s.Score); diff != "" || s.HasScore != tc.wantHas {
				t.Errorf("%s: has %v want %v (-want +got):\n%s", tc.reason, s.HasScore, tc.wantHas, diff)
			}
		})
	}
}

// TestS3_TieExplanation checks which attempt is named as counted when
// scores or finish times tie.
func TestS3_TieExplanation(t *testing.T) {
	tests := []struct {
		name     string
		reason   string
		keep     Keep
		attempts []learnstats.Attempt
		want     learnstats.AttemptID
		why      string
	}{
		{"best tie → finished first", "it reached the score first", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "2", 20, 30, 5), attempt("u1", "m", "1", 0, 40, 5)}, "2", "which was finished first"},
		{"best tie on score and finish → higher ID", "", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "a", 0, 30, 5), attempt("u1", "m", "b", 10, 30, 5)}, "b", "has the higher ID"},
		{"newest tie → higher numeric ID", "", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "100", 0, 30, 5), attempt("u1", "m", "99", 10, 30, 9)}, "100", "has the higher ID"},
		{"best: lower score", "", KeepAll, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 30, 5), attempt("u1", "m", "2", 40, 50, 9)}, "2", "lower score"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, Training{ID: "t", Steps: []Step{module("m", true, 50, tc.keep, 10)}}, Options{})
			fill(t, acc, tc.attempts)
			e, err := acc.Explain("u1")
			if err != nil {
				t.Fatal(err)
			}
			var got []learnstats.AttemptID
			for _, a := range e.Steps[0].Attempts {
				if a.Counted {
					got = append(got, a.Attempt)
				} else if !strings.Contains(a.Why, tc.why) {
					t.Errorf("attempt %s left out because %q, want it to say %q", a.Attempt, a.Why, tc.why)
				}
			}
			if diff := cmp.Diff([]learnstats.AttemptID{tc.want}, got); diff != "" {
				t.Errorf("%s: counted attempts (-want +got):\n%s", tc.reason, diff)
			}
		})
	}
}

func TestS4_AttemptPassed(t *testing.T) {
	tests := []struct {
		name     string
		reason   string
		required int
		max      []int64
		points   []int64
		finish   int
		want     bool
	}{
		{"required exactly met", "≥ is inclusive: 5/10 = 50 passes 50", 50, []int64{10}, []int64{5}, 10, true},
		{"one point below", "4/10 = 40 < 50", 50, []int64{10}, []int64{4}, 10, false},
		{"rounded up to required", "99/200 = 49.5 rounds to 50, which meets 50", 50, []int64{200}, []int64{99}, 10, true},
		{"rounded down below required", "989/2000 = 49.45 rounds to 49", 50, []int64{2000}, []int64{989}, 10, false},
		{"unanswered activity", "every activity needs an answer, even when the score is enough", 50, []int64{10, 10}, []int64{10, -1}, 10, false},
		{"unanswered max-0 activity", "max-0 activities must be answered too", 0, []int64{10, 0}, []int64{10, -1}, 10, false},
		{"unfinished", "only finished attempts pass", 0, []int64{10}, []int64{10}, -1, false},
		{"required 0", "any finished complete attempt passes", 0, []int64{10}, []int64{0}, 10, true},
		{"required 100", "full marks needed", 100, []int64{10, 10}, []int64{10, 10}, 10, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ScoreAttempt(module("m", true, tc.required, KeepBest, tc.max...), attempt("u1", "m", "1", 0, tc.finish, tc.points...))
			if err != nil {
				t.Fatal(err)
			}
			if got.Passed != tc.want {
				t.Errorf("%s: passed %v, want %v (score %v)", tc.reason, got.Passed, tc.want, got.Score)
			}
		})
	}
}

func TestS5_ModuleCompletedOn(t *testing.T) {
	zero := time.Time{}
	tests := []struct {
		name     string
		reason   string
		keep     Keep
		attempts []learnstats.Attempt
		want     time.Time
	}{
		{"best: first passing attempt", "attempt 2 passes first (finish 30); attempt 3 is better but later", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 2), attempt("u1", "m", "2", 20, 30, 6), attempt("u1", "m", "3", 40, 50, 9)}, at(30)},
		{"all: first passing attempt", "", KeepAll, []learnstats.Attempt{
			attempt("u1", "m", "3", 40, 50, 9), attempt("u1", "m", "2", 20, 30, 6)}, at(30)},
		{"best: a later failure does not undo", "", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 7), attempt("u1", "m", "2", 20, 30, 1)}, at(10)},
		{"best: never passed", "", KeepBest, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 4)}, zero},
		{"newest: newest passed", "", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 2), attempt("u1", "m", "2", 20, 30, 6)}, at(30)},
		{"newest: newest failed", "an earlier pass does not count with keep newest", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 9), attempt("u1", "m", "2", 20, 30, 1)}, zero},
		{"newest: unfinished retake", "the newest finished attempt passed", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 9), attempt("u1", "m", "2", 20, -1, 1)}, at(10)},
		{"newest: finish tie, higher ID failed", "attempt 11 is the newest and failed", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "2", 0, 10, 9), attempt("u1", "m", "11", 5, 10, 1)}, zero},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t", Steps: []Step{module("m", true, 50, tc.keep, 10)}}
			s := stepOf(t, scoreOne(t, tr, Options{}, tc.attempts), "m")
			if !s.CompletedAt.Equal(tc.want) || s.Completed == tc.want.IsZero() {
				t.Errorf("%s: completed %v at %v, want %v", tc.reason, s.Completed, s.CompletedAt, tc.want)
			}
		})
	}
}

func TestS9_StepStatus(t *testing.T) {
	tests := []struct {
		name     string
		reason   string
		keep     Keep
		attempts []learnstats.Attempt
		sessions []Attendance
		step     learnstats.StepID
		want     Status
	}{
		{"passed", "completed with score ≥ required", KeepBest, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 6, 4)}, nil, "m", StatusPassed},
		{"failed", "everything answered, score 40 < 50", KeepBest, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 4, 0)}, nil, "m", StatusFailed},
		{"pending: unanswered", "an activity never answered", KeepBest, []learnstats.Attempt{attempt("u1", "m", "1", 0, 10, 4, -1)}, nil, "m", StatusPending},
		{"failed: answered across attempts", "activities answered in different attempts count as all answered", KeepBest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 4, -1), attempt("u1", "m", "2", 20, 30, -1, 0)}, nil, "m", StatusFailed},
		{"pending: no attempt", "", KeepBest, nil, nil, "m", StatusPending},
		{"pending: all answered but unfinished", "an attempt in progress is not failed yet", KeepBest, []learnstats.Attempt{attempt("u1", "m", "1", 0, -1, 1, 1)}, nil, "m", StatusPending},
		{"newest failed after pass", "keep newest: newest attempt failed, all answered", KeepNewest, []learnstats.Attempt{
			attempt("u1", "m", "1", 0, 10, 10, 10), attempt("u1", "m", "2", 20, 30, 0, 0)}, nil, "m", StatusFailed},
		{"session attended", "no trainer's score: 100", KeepBest, nil, []Attendance{{Learner: "u1", Step: "s", At: at(5)}}, "s", StatusPassed},
		{"session low score", "trainer's score 30 < 50", KeepBest, nil, []Attendance{{Learner: "u1", Step: "s", At: at(5), Score: 30, HasScore: true}}, "s", StatusFailed},
		{"session not attended", "", KeepBest, nil, nil, "s", StatusPending},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := Training{ID: "t", Steps: []Step{
				module("m", true, 50, tc.keep, 10, 10),
				{ID: "s", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50},
			}}
			s := stepOf(t, scoreOne(t, tr, Options{}, tc.attempts, tc.sessions...), tc.step)
			if s.Status != tc.want {
				t.Errorf("%s: status %v, want %v", tc.reason, s.Status, tc.want)
			}
		})
	}
}

// TestS4_PassThresholdMatchesRounding checks Rule S-4's pass test against
// the rounded score (Rule S-1, half away from zero, computed here with
// integers), exhaustively on small modules: an attempt passes exactly when
// round(100 × p / m) ≥ the required score.
func TestS4_PassThresholdMatchesRounding(t *testing.T) {
	for m := int64(1); m <= 120; m++ {
		for r := 0; r <= 100; r++ {
			d, err := newDefinition(Training{ID: "t", Steps: []Step{{ID: "m", RequiredScore: r, Activities: []Activity{{ID: "a", Max: learnstats.Points(m)}}}}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for p := int64(0); p <= m; p++ {
				st, err := d.attempt(learnstats.Attempt{ID: "1", Learner: "u1", Step: "m", Start: t0, Finish: t0,
					Answers: []learnstats.Answer{{Activity: "a", Points: learnstats.Points(p)}}})
				if err != nil {
					t.Fatal(err)
				}
				got, gotInt := attemptScore(&d.steps[0], st.points)
				passed := attemptPassed(&d.steps[0], &st, time.Time{})
				score := int((200*p + m) / (2 * m))
				if passed != (score >= r) || gotInt != score || got.Int() != int64(score) {
					t.Fatalf("m=%d R=%d p=%d: score %v (%d) passed %v, want %d passed %v", m, r, p, got, gotInt, passed, score, score >= r)
				}
			}
		}
	}
}
