package scoring

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// scoreSum is an exact sum of 0–100 scores (in Points units) and their
// number.
type scoreSum struct {
	sum, n int64
}

// add returns s + o, and false when a sum would overflow.
func (s scoreSum) add(o scoreSum) (scoreSum, bool) {
	sum, ok1 := checked.Add(s.sum, o.sum)
	n, ok2 := checked.Add(s.n, o.n)
	return scoreSum{sum, n}, ok1 && ok2
}

// mean returns the mean score in percent: (sum / 10⁷ points) / n; no value
// when n is 0.
func (s scoreSum) mean() learnstats.Ratio {
	if s.n == 0 {
		return learnstats.Ratio{}
	}
	return learnstats.NewRatio(s.sum, 10_000_000).Quo(s.n)
}

// answerSet holds Rule S-12's sums: per learner, the sum and number of
// every answer's score (a question answered twice counts twice).
type answerSet struct {
	learners map[learnstats.UserID]*answerSums
}

// answerSums is one learner's answers: per question, and in total (kept
// so that the total is checked for overflow as answers arrive).
type answerSums struct {
	total     scoreSum
	questions map[learnstats.QuestionID]scoreSum
}

// fits reports whether one more answer score s of learner l keeps the
// learner's sums in int64.
func (acc *answerSet) fits(l learnstats.UserID, s scoreSum) bool {
	var tot scoreSum
	if ls := acc.learners[l]; ls != nil {
		tot = ls.total
	}
	_, ok := tot.add(s)
	return ok
}

// add adds s, whose fit the caller checked, to learner l's sums for
// question q.
func (acc *answerSet) add(l learnstats.UserID, q learnstats.QuestionID, s scoreSum) {
	if acc.learners == nil {
		acc.learners = map[learnstats.UserID]*answerSums{}
	}
	ls := acc.learners[l]
	if ls == nil {
		ls = &answerSums{questions: map[learnstats.QuestionID]scoreSum{}}
		acc.learners[l] = ls
	}
	ls.total, _ = ls.total.add(s)
	ls.questions[q], _ = ls.questions[q].add(s) // ≤ the total
}

// canMerge reports the first learner whose sums o would take beyond int64.
func (acc *answerSet) canMerge(o *answerSet) error {
	for _, l := range slices.Sorted(maps.Keys(o.learners)) {
		if !acc.fits(l, o.learners[l].total) {
			return fmt.Errorf("scoring: merge: learner %q: answer scores: %w", l, learnstats.ErrOverflow)
		}
	}
	return nil
}

// merge adds o, which canMerge accepted.
func (acc *answerSet) merge(o *answerSet) {
	for l, os := range o.learners {
		for q, s := range os.questions {
			acc.add(l, q, s)
		}
	}
}

// AnswerResult is one learner's Rule S-12 result.
type AnswerResult struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Average is the mean of every answer's score, in percent;
	// Average.Int() is the integer percent. There is always at least one
	// answer.
	Average learnstats.Ratio
	// Answers is the number of answers, every repeated answer included.
	Answers int64
	// Questions is the number of distinct questions answered.
	Questions int
}

// result returns one result per learner with an answer, ordered by learner
// ID.
func (acc *answerSet) result() []AnswerResult {
	out := make([]AnswerResult, 0, len(acc.learners))
	for _, l := range slices.Sorted(maps.Keys(acc.learners)) {
		ls := acc.learners[l]
		out = append(out, AnswerResult{Learner: l, Average: ls.total.mean(), Answers: ls.total.n, Questions: len(ls.questions)})
	}
	return out
}

// answerExplanation is the breakdown of one learner's Rule S-12 result
// (Rule S-14): every question with its number of answers and their total
// score, all counted.
type answerExplanation struct {
	// Result is the result explained.
	Result AnswerResult
	// Questions lists the questions answered, ordered by question ID.
	Questions []questionExplanation
}

// questionExplanation is one question of an answerExplanation.
type questionExplanation struct {
	// Question is the question.
	Question learnstats.QuestionID
	// Answers is the number of answers to it; every one counts.
	Answers int64
	// Total is the sum of their scores, in percent points.
	Total learnstats.Points
}

// explain returns the breakdown of one learner's S-12 result.
func (acc *answerSet) explain(l learnstats.UserID) (string, error) {
	ls, ok := acc.learners[l]
	if !ok {
		return "", fmt.Errorf("scoring: learner %q: no answer: %w", l, ErrUnknownLearner)
	}
	e := answerExplanation{Result: AnswerResult{Learner: l, Average: ls.total.mean(), Answers: ls.total.n, Questions: len(ls.questions)}}
	e.Questions = explainQuestions(ls.questions)
	return e.String(), nil
}

func explainQuestions(qs map[learnstats.QuestionID]scoreSum) []questionExplanation {
	out := make([]questionExplanation, 0, len(qs))
	for q, s := range qs {
		out = append(out, questionExplanation{Question: q, Answers: s.n, Total: learnstats.Points(s.sum)})
	}
	slices.SortFunc(out, func(a, b questionExplanation) int { return cmp.Compare(a.Question, b.Question) })
	return out
}

// String formats the explanation as indented text.
func (e answerExplanation) String() string {
	var b strings.Builder
	var tot learnstats.Points
	for _, q := range e.Questions {
		tot += q.Total
	}
	fmt.Fprintf(&b, "learner %q: average score %s = %s / %d answer%s, every answer counted (Rule S-12)\n",
		e.Result.Learner, pct(e.Result.Average), tot, e.Result.Answers, plural(e.Result.Answers))
	for _, q := range e.Questions {
		fmt.Fprintf(&b, "  question %q: %d answer%s, total %s, all counted\n", q.Question, q.Answers, plural(q.Answers), q.Total)
	}
	return b.String()
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
