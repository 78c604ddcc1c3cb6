package stats_test

// Issue 9, trap 2: overflow (SPEC section 0, "No overflow"). Each test
// failed before the fix with a wrapped-around (negative) sum, count or
// average and no error.

import (
	"errors"
	"math"
	"slices"
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

// TestTrap2_L1_L2_TimeSpentOverflow: two course attempts of 146 years.
func TestTrap2_L1_L2_TimeSpentOverflow(t *testing.T) {
	var a stats.LearnerAcc
	if err := a.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Start: frozenT0, Duration: halfPlus}); err != nil {
		t.Fatal(err)
	}
	wantOverflow(t, "L-1 second attempt", a.AddAttempt(stats.CourseAttempt{ID: 2, User: "u", Course: "c", Start: frozenT0, Duration: halfPlus}), "course attempt 2")
	if tot, err := a.Totals("u"); err != nil || tot.TimeSpent != halfPlus || tot.TotalTimeSpent != halfPlus {
		t.Errorf("the failed attempt changed the totals: %+v, %v", tot, err)
	}
	var c stats.LearnerAcc
	if err := errors.Join(c.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Start: frozenT0, Duration: halfPlus}),
		c.AddAttempt(stats.CourseAttempt{ID: 2, User: "v", Course: "c", Session: "S", Start: frozenT0, Duration: halfPlus})); err != nil {
		t.Fatal(err)
	}
	var d stats.LearnerAcc
	if err := d.AddAttempt(stats.CourseAttempt{ID: 3, User: "u", Course: "c", Session: "S", Start: frozenT0, Duration: halfPlus}); err != nil {
		t.Fatal(err)
	}
	wantOverflow(t, "L-1 merge", c.Merge(&d), `user "u"`)
}

// TestTrap2_L2_TotalOverflow: the L-2 total adds the most recent attempt
// of each course within a session to the standalone ones, in Totals.
func TestTrap2_L2_TotalOverflow(t *testing.T) {
	// L-1 is the sum of all attempts and L-2 counts fewer, so L-2 overflows
	// only when L-1 does: Add fails first. The total is still checked when
	// merged shards each fit.
	var a, b stats.LearnerAcc
	if err := errors.Join(a.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Session: "S", Start: frozenT0, Duration: halfPlus}),
		b.AddAttempt(stats.CourseAttempt{ID: 2, User: "u", Course: "d", Session: "S", Start: frozenT0, Duration: halfPlus})); err != nil {
		t.Fatal(err)
	}
	wantOverflow(t, "merge", a.Merge(&b), `user "u"`)
}

// TestTrap2_L5_AvgScoreOverflow: merges doubling a score sum past 2⁶²:
// before the fix 2 × sum wrapped and the average came out 6 (or negative).
func TestTrap2_L5_AvgScoreOverflow(t *testing.T) {
	var a, b stats.LearnerAcc
	if err := a.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Start: frozenT0, Score: 100, Scored: true}); err != nil {
		t.Fatal(err)
	}
	var err error
	for err == nil {
		if err = b.Merge(&a); err == nil {
			err = a.Merge(&b)
		}
	}
	wantOverflow(t, "merges until the score sum overflows", err, `user "u"`)
	for _, acc := range []*stats.LearnerAcc{&a, &b} {
		tot, err := acc.Totals("u")
		if err != nil || tot.AvgScore != 100 || tot.ScoreSum != 100*tot.ScoreCount {
			t.Errorf("after the refused merge: avg %d sum %d count %d, %v; want 100 and an exact sum", tot.AvgScore, tot.ScoreSum, tot.ScoreCount, err)
		}
	}
}

// TestTrap2_L8_DetailTimeOverflow: a course's and a program session's time
// spent in the drill-down tables.
func TestTrap2_L8_DetailTimeOverflow(t *testing.T) {
	for _, tt := range []struct {
		name, reason, session string
		course2, want         string
	}{
		{"course", "two attempts at one course", "", "c", `course "c"`},
		{"program", "the most recent attempts at two courses of one session", "S", "d", `program session "S"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var a stats.LearnerDetailAcc
			if err := errors.Join(a.AddAttempt(stats.CourseAttempt{ID: 1, User: "u", Course: "c", Session: tt.session, Start: frozenT0, Duration: halfPlus}),
				a.AddAttempt(stats.CourseAttempt{ID: 2, User: "u", Course: tt.course2, Session: tt.session, Start: frozenT0, Duration: halfPlus})); err != nil {
				t.Fatal(err)
			}
			_, err := a.Result(map[string]stats.ProgramSession{"S": {ID: "S"}})
			wantOverflow(t, tt.reason, err, tt.want)
		})
	}
}

// TestTrap2_R1_R3_CollabCountOverflow: the same for collaboration counts.
func TestTrap2_R1_R3_CollabCountOverflow(t *testing.T) {
	var a stats.CollabAcc
	if err := a.AddReaction(stats.Reaction{ID: 1, User: "u", Kind: stats.ReactionActivity, At: frozenT0}); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; err == nil && i < 64; i++ {
		err = a.Merge(&a)
	}
	wantOverflow(t, "self-merges", err, `user "u"`)
	if c, err := a.Counts("u"); err != nil || c.Reactions != 1<<62 {
		t.Errorf("after the refused merge: %+v, %v", c, err)
	}
}

// TestTrap2_P1_ReactionScoreOverflow: two course reactions scored 2⁶³−1:
// before the fix the average reaction score came out -1.
func TestTrap2_P1_ReactionScoreOverflow(t *testing.T) {
	a := stats.NewPublicAccumulator(frozenCatalog(t, "u1"), frozenT0)
	r := stats.PublicCourseReaction{ID: "r1", Course: "c1", User: "v", Score: math.MaxInt64, At: frozenT0.Add(-time.Hour)}
	if err := a.AddCourseReaction(r); err != nil {
		t.Fatal(err)
	}
	r.ID = "r2"
	wantOverflow(t, "second reaction", a.AddCourseReaction(r), `course reaction "r2"`)
	res, err := a.Result(slices.Values([]stats.PublicProfile{{User: "u1", PlatformOwner: true}}))
	if err != nil {
		t.Fatal(err)
	}
	if avg, _ := res.Profiles[0].Creator.AverageReactionScore(); res.Profiles[0].Creator.Reactions != 1 || avg.IntPart() != math.MaxInt64 {
		t.Errorf("after the refused reaction: %+v, average %s", res.Profiles[0].Creator, avg)
	}
}

// TestTrap2_P2_TrainingTimeOverflow: 1,200 sessions each covering the
// whole 90-day window (a user with overlapping sessions): before the fix
// the training time wrapped to -289 years.
func TestTrap2_P2_TrainingTimeOverflow(t *testing.T) {
	a := stats.NewPublicAccumulator(frozenCatalog(t, "u1"), frozenT0)
	w := stats.PublicWindow(frozenT0)
	var err error
	n := 0
	for ; err == nil && n < 1200; n++ {
		err = a.AddSession(stats.PublicSession{ID: "s" + strconv.Itoa(n), Course: "c1", User: "v", Start: w.Start, End: w.End})
	}
	wantOverflow(t, "sessions over the whole window", err, `session "s`)
	res, rerr := a.Result(slices.Values([]stats.PublicProfile{{User: "v"}}))
	if rerr != nil || res.Profiles[0].Learner.TrainingTime != time.Duration(n-1)*w.Duration() {
		t.Errorf("after %d sessions: training time %v, %v; want %d windows", n, res.Profiles[0].Learner.TrainingTime, rerr, n-1)
	}
}
