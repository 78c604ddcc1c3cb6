package scoring

import (
	"cmp"
	"fmt"
	"iter"
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

// AnswerAccumulator computes Rule S-12 per learner: the average score over
// every answer (a question answered twice counts twice) and the number of
// answers. The zero value is empty and ready to use. Merge is associative
// and commutative. Not safe for concurrent use.
type AnswerAccumulator struct {
	learners map[learnstats.UserID]*answerSums
}

// answerSums is one learner's answers: per question, and in total (kept
// so that the total is checked for overflow as answers arrive).
type answerSums struct {
	total     scoreSum
	questions map[learnstats.QuestionID]scoreSum
}

// Add adds one answer. An invalid answer (see
// [learnstats.QuestionAnswer.Validate]) is an error wrapping
// [learnstats.ErrInvalidAnswer] and changes nothing; a learner's sums
// beyond int64 wrap [learnstats.ErrOverflow].
func (acc *AnswerAccumulator) Add(a learnstats.QuestionAnswer) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("scoring: %w", err)
	}
	return acc.add(a.Learner, a.Question, scoreSum{int64(a.Score), 1})
}

func (acc *AnswerAccumulator) add(l learnstats.UserID, q learnstats.QuestionID, s scoreSum) error {
	ls := acc.learners[l]
	var tot scoreSum
	if ls != nil {
		tot = ls.total
	}
	tot, ok := tot.add(s)
	if !ok {
		return fmt.Errorf("scoring: learner %q: question %q: answer scores: %w", l, q, learnstats.ErrOverflow)
	}
	if acc.learners == nil {
		acc.learners = map[learnstats.UserID]*answerSums{}
	}
	if ls == nil {
		ls = &answerSums{questions: map[learnstats.QuestionID]scoreSum{}}
		acc.learners[l] = ls
	}
	ls.total = tot
	ls.questions[q], _ = ls.questions[q].add(s) // ≤ the total
	return nil
}

// Merge adds everything o holds to acc; o is not modified. A learner's sums
// beyond int64 are an error wrapping [learnstats.ErrOverflow], and acc is
// then unchanged. Merging an accumulator into itself, or a nil one, is an
// error wrapping [learnstats.ErrMismatch].
func (acc *AnswerAccumulator) Merge(o *AnswerAccumulator) error {
	if acc == o {
		return fmt.Errorf("scoring: merge an answer accumulator into itself: %w", learnstats.ErrMismatch)
	}
	if o == nil {
		return fmt.Errorf("scoring: merge a nil accumulator: %w", learnstats.ErrMismatch)
	}
	for l, os := range o.learners {
		if as := acc.learners[l]; as != nil {
			if _, ok := as.total.add(os.total); !ok {
				return fmt.Errorf("scoring: merge: learner %q: answer scores: %w", l, learnstats.ErrOverflow)
			}
		}
	}
	for l, os := range o.learners {
		for q, s := range os.questions {
			_ = acc.add(l, q, s) // checked above
		}
	}
	return nil
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

// Result returns one result per learner with an answer, ordered by learner
// ID.
func (acc *AnswerAccumulator) Result() []AnswerResult {
	out := make([]AnswerResult, 0, len(acc.learners))
	for _, l := range slices.Sorted(maps.Keys(acc.learners)) {
		ls := acc.learners[l]
		out = append(out, AnswerResult{Learner: l, Average: ls.total.mean(), Answers: ls.total.n, Questions: len(ls.questions)})
	}
	return out
}

// AverageScores is shorthand for an [AnswerAccumulator] fed every answer,
// returning its Result. The first invalid answer stops it with Add's error.
func AverageScores(answers iter.Seq[learnstats.QuestionAnswer]) ([]AnswerResult, error) {
	var acc AnswerAccumulator
	for a := range answers {
		if err := acc.Add(a); err != nil {
			return nil, err
		}
	}
	return acc.Result(), nil
}

// AnswerExplanation is the breakdown of one learner's Rule S-12 result
// (Rule S-14): every question with its number of answers and their total
// score, all counted.
type answerExplanation struct {
	// Result is the result explained.
	Result AnswerResult
	// Questions lists the questions answered, ordered by question ID.
	Questions []questionExplanation
}

// QuestionExplanation is one question of an [AnswerExplanation].
type questionExplanation struct {
	// Question is the question.
	Question learnstats.QuestionID
	// Answers is the number of answers to it; every one counts.
	Answers int64
	// Total is the sum of their scores, in percent points.
	Total learnstats.Points
}

// Explain returns the breakdown of one learner's result (Rule S-14) as
// stable, indented text: the average, then every question with its number
// of answers and their total score, all counted. It returns an error
// wrapping [ErrUnknownLearner] when the learner has no answer.
func (acc *AnswerAccumulator) Explain(l learnstats.UserID) (string, error) {
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
