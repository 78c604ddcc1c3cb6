package scoring

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

// year returns 1 January of year y, UTC.
func year(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// spanning returns an attempt of u1 at module m from start to finish.
func spanning(id learnstats.AttemptID, start, finish time.Time) learnstats.Attempt {
	a := attempt("u1", "m", id, 0, -1, 1)
	a.Start, a.Finish = start, finish
	return a
}

// TestOverflow_AttemptLongerThanDuration (SPEC section 0, "No overflow";
// Rule S-11): an attempt lasting longer than a time.Duration holds (about
// 292 years) is refused with ErrOverflow naming it, not saturated; one
// lasting exactly the longest Duration is accepted and counted whole.
func TestOverflow_AttemptLongerThanDuration(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 0, KeepBest, 10)}}
	longest := time.Duration(math.MaxInt64)
	tests := []struct {
		name    string
		reason  string
		attempt learnstats.Attempt
		want    error
		spent   time.Duration
	}{
		{"1700 to 2026", "326 years", spanning("7", year(1700), year(2026)), learnstats.ErrOverflow, 0},
		{"longest Duration + 1 ns", "one nanosecond too long", spanning("7", t0, t0.Add(longest).Add(time.Nanosecond)), learnstats.ErrOverflow, 0},
		{"year 1 to year 9999", "", spanning("7", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), year(9999)), learnstats.ErrOverflow, 0},
		{"longest Duration", "exactly math.MaxInt64 ns fits", spanning("7", t0, t0.Add(longest)), nil, longest},
		{"100 years", "", spanning("7", year(1900), year(2000)), nil, year(2000).Sub(year(1900))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, tr, Options{})
			err := acc.Add(tc.attempt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: Add: %v, want %v", tc.reason, err, tc.want)
			}
			if err != nil {
				for _, s := range []string{"scoring: ", `"7"`, `"u1"`} {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not name %s", err, s)
					}
				}
				if r := acc.Result(); len(r.Learners) != 0 {
					t.Errorf("a refused attempt registered the learner: %+v", r.Learners)
				}
				if _, err := ScoreAttempt(tr.Steps[0], tc.attempt); !errors.Is(err, learnstats.ErrOverflow) {
					t.Errorf("ScoreAttempt: %v, want ErrOverflow", err)
				}
				return
			}
			r := acc.Result().Learners[0]
			if r.TimeSpent != tc.spent || stepOf(t, r, "m").TimeSpent != tc.spent {
				t.Errorf("time spent %v, want %v", r.TimeSpent, tc.spent)
			}
			e, err := acc.Explain("u1")
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Steps[0].Attempts[0].TimeSpent; got != tc.spent {
				t.Errorf("explained time spent %v, want %v", got, tc.spent)
			}
		})
	}
}

// TestOverflow_TimeSpentSum (SPEC section 0, "No overflow"; Rule S-11): a
// learner's attempts whose durations add up to more than a time.Duration
// holds are refused with ErrOverflow, in Add and in Merge (both ways), and
// the refused call changes nothing; re-delivering an attempt already
// counted adds no time.
func TestOverflow_TimeSpentSum(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 0, KeepBest, 10, 10), module("m2", false, 0, KeepBest, 10)}}
	// Three centuries: each fits a Duration, two fit together, three do not.
	c1, c2, c3 := spanning("1", year(1800), year(1900)), spanning("2", year(1900), year(2000)), spanning("3", year(2000), year(2100))
	c3.Step = "m2" // the sum is over the learner's training, every step
	two := year(2000).Sub(year(1800))

	acc := newAcc(t, tr, Options{})
	fill(t, acc, []learnstats.Attempt{c1, c2})
	before := acc.Result()
	if got := before.Learners[0].TimeSpent; got != two {
		t.Fatalf("two centuries: %v, want %v", got, two)
	}
	err := acc.Add(c3)
	if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"3"`) {
		t.Fatalf("third century: %v, want ErrOverflow naming attempt 3", err)
	}
	if diff := cmp.Diff(before, acc.Result()); diff != "" {
		t.Errorf("a refused Add changed the result (-before +after):\n%s", diff)
	}
	// A second delivery of attempt 2 (its other answer) adds no time.
	again := c2
	again.Answers = []learnstats.Answer{{Activity: "a2", Points: learnstats.WholePoints(1)}}
	if err := acc.Add(again); err != nil {
		t.Fatalf("re-delivery of a counted attempt: %v", err)
	}
	// Another learner has a total of their own.
	other := c3
	other.Learner = "u2"
	if err := acc.Add(other); err != nil {
		t.Fatalf("another learner's century: %v", err)
	}

	// Merge: the same overflow found when shards combine, both ways.
	shard := newAcc(t, tr, Options{})
	fill(t, shard, []learnstats.Attempt{c3})
	before, beforeShard := acc.Result(), shard.Result()
	if err := acc.Merge(shard); !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u1"`) {
		t.Errorf("merge: %v, want ErrOverflow naming learner u1", err)
	}
	if err := shard.Merge(acc); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("merge the other way: %v, want ErrOverflow", err)
	}
	if diff := cmp.Diff(before, acc.Result()); diff != "" {
		t.Errorf("a refused Merge changed the target (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(beforeShard, shard.Result()); diff != "" {
		t.Errorf("a refused Merge changed the other target (-before +after):\n%s", diff)
	}
	// Merging an attempt both hold (its other answer) adds no time.
	dup := newAcc(t, tr, Options{})
	c1b := c1
	c1b.Answers = []learnstats.Answer{{Activity: "a2", Points: learnstats.WholePoints(1)}}
	fill(t, dup, []learnstats.Attempt{c1b})
	if err := acc.Merge(dup); err != nil {
		t.Errorf("merge of an attempt already counted: %v", err)
	}
}

// growAnswers merges two answer accumulators into each other in turn, so
// that their counts grow like Fibonacci numbers, until a merge fails; it
// returns that error. After every merge the result must be valid: check
// is called on it. The failed merge must change nothing.
func growAnswers(t *testing.T, x *AnswerAccumulator, check func([]AnswerResult)) error {
	t.Helper()
	var y AnswerAccumulator
	for k := range 200 {
		dst, src := x, &y
		if k%2 == 0 {
			dst, src = &y, x
		}
		before := dst.Result()
		if err := dst.Merge(src); err != nil {
			if diff := cmp.Diff(before, dst.Result()); diff != "" {
				t.Errorf("a refused merge changed the accumulator (-before +after):\n%s", diff)
			}
			return err
		}
		check(dst.Result().Learners)
	}
	t.Fatal("no overflow after 200 merges")
	return nil
}

// TestOverflow_S12AnswerSums (SPEC section 0, "No overflow"; Rule S-12):
// when a learner's answer scores or answer count would overflow, Merge
// fails with ErrOverflow; until then the average is exact and the count
// positive.
func TestOverflow_S12AnswerSums(t *testing.T) {
	for _, tc := range []struct {
		name, reason, score string
	}{
		{"score sum", "100 % answers: the sum of scores (10⁹ units each) overflows first", "100"},
		{"answer count", "0 % answers: the sum stays 0, the count overflows", "0"},
		{"fractional score", "", "0.0000001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var x AnswerAccumulator
			if err := x.Add(qa("u1", "Q1", tc.score)); err != nil {
				t.Fatal(err)
			}
			p, _ := learnstats.ParsePoints(tc.score)
			want := learnstats.NewRatio(int64(p), 10_000_000)
			err := growAnswers(t, &x, func(rs []AnswerResult) {
				if len(rs) != 1 || !rs[0].Average.Equal(want) || rs[0].Answers <= 0 || rs[0].Questions != 1 {
					t.Fatalf("%s: %+v, want average %v", tc.reason, rs, want)
				}
			})
			if !errors.Is(err, learnstats.ErrOverflow) || !strings.Contains(err.Error(), `"u1"`) {
				t.Errorf("%s: %v, want ErrOverflow naming the learner", tc.reason, err)
			}
		})
	}
}

// growTags is growAnswers checking the whole result.
func growTags(t *testing.T, x *AnswerAccumulator, check func(AnswerScores)) error {
	t.Helper()
	var y AnswerAccumulator
	for k := range 200 {
		dst, src := x, &y
		if k%2 == 0 {
			dst, src = &y, x
		}
		before := dst.Result()
		if err := dst.Merge(src); err != nil {
			if diff := cmp.Diff(before, dst.Result()); diff != "" {
				t.Errorf("a refused merge changed the accumulator (-before +after):\n%s", diff)
			}
			return err
		}
		check(dst.Result())
	}
	t.Fatal("no overflow after 200 merges")
	return nil
}

// TestOverflow_S13TagSums (SPEC section 0, "No overflow"; Rule S-13): when
// a learner's scores or counts for a tag — or the work, answers plus
// assessments, or the untagged counts — would overflow, Merge fails with
// ErrOverflow; until then no score leaves 0–100 and no count goes
// negative.
func TestOverflow_S13TagSums(t *testing.T) {
	tests := []struct {
		name, reason string
		answers      []learnstats.QuestionAnswer
		assessments  []learnstats.AssessmentScore
	}{
		{"answer score sum", "100 % answers with a tag", []learnstats.QuestionAnswer{tagged("1", "u1", "q", 100, "t")}, nil},
		{"assessment score sum", "", nil, []learnstats.AssessmentScore{assessed("1", "u1", "a", 100, "t")}},
		{"answer count", "0 % answers: the count overflows", []learnstats.QuestionAnswer{tagged("1", "u1", "q", 0, "t")}, nil},
		{"work", "0 % answers and assessments: each count fits, their sum (work) does not",
			[]learnstats.QuestionAnswer{tagged("1", "u1", "q", 0, "t")}, []learnstats.AssessmentScore{assessed("1", "u1", "a", 0, "t")}},
		{"untagged answers", "answers without a tag are counted too", []learnstats.QuestionAnswer{tagged("1", "u1", "q", 50)}, nil},
		{"untagged assessments", "", nil, []learnstats.AssessmentScore{assessed("1", "u1", "a", 50)}},
	}
	zero, hundred := learnstats.NewRatio(0, 1), learnstats.NewRatio(100, 1)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var x AnswerAccumulator
			for _, a := range tc.answers {
				if err := x.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			for _, a := range tc.assessments {
				if err := x.AddAssessment(a); err != nil {
					t.Fatal(err)
				}
			}
			err := growTags(t, &x, func(res AnswerScores) {
				for _, r := range res.Tags {
					for _, s := range []learnstats.Ratio{r.Training, r.Assessment, r.Average} {
						if s.Valid() && (s.Cmp(zero) < 0 || s.Cmp(hundred) > 0) {
							t.Fatalf("%s: score %v outside 0–100: %+v", tc.reason, s, r)
						}
					}
					if r.Answers < 0 || r.Assessments < 0 || r.Work != r.Answers+r.Assessments || r.Work < r.Answers || r.Work < r.Assessments {
						t.Fatalf("%s: counts %d + %d, work %d", tc.reason, r.Answers, r.Assessments, r.Work)
					}
				}
				if res.UntaggedAnswers < 0 || res.UntaggedAssessments < 0 {
					t.Fatalf("%s: untagged counts %d, %d", tc.reason, res.UntaggedAnswers, res.UntaggedAssessments)
				}
			})
			if !errors.Is(err, learnstats.ErrOverflow) {
				t.Errorf("%s: %v, want ErrOverflow", tc.reason, err)
			}
		})
	}
}

// TestOverflow_S13UntaggedAdd: an untagged record added when the untagged
// count is at its limit (reached through merges; set directly here) is
// refused with ErrOverflow, not wrapped around.
func TestOverflow_S13UntaggedAdd(t *testing.T) {
	var acc AnswerAccumulator
	acc.s13.untaggedAnswers, acc.s13.untaggedAssessments = math.MaxInt64, math.MaxInt64
	if err := acc.Add(tagged("1", "u1", "q", 50)); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("untagged answer at the limit: %v, want ErrOverflow", err)
	}
	if err := acc.AddAssessment(assessed("1", "u1", "a", 50)); !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("untagged assessment at the limit: %v, want ErrOverflow", err)
	}
	if r := acc.Result(); r.UntaggedAnswers != math.MaxInt64 || r.UntaggedAssessments != math.MaxInt64 || len(r.Learners) != 0 {
		t.Errorf("refused adds changed the accumulator: %+v", r)
	}
	// A tagged record still adds.
	if err := acc.Add(tagged("2", "u1", "q", 50, "t")); err != nil {
		t.Errorf("tagged answer: %v", err)
	}
}
