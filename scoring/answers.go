package scoring

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// hundred is 100 points in Points units: the top of a 0–100 score.
const hundred = 100 * pointsUnit

// QuestionAnswer is one answer of a learner to a 360Learning question,
// with its score in percent (Rule S-12).
type QuestionAnswer struct {
	// Learner is the learner who answered.
	Learner learnstats.UserID
	// Question is the question answered.
	Question QuestionID
	// Score is the answer's score in percent, 0–100, as exact fixed point
	// (WholePoints(50) is 50 %; ParsePoints("33.5") is 33.5 %).
	Score Points
	// At is when the answer was given; it only orders explanations.
	At time.Time
}

func checkPercentScore(what string, learner learnstats.UserID, id string, s Points) error {
	if learner == "" || id == "" {
		return fmt.Errorf("scoring: %s %q of learner %q: missing ID or learner: %w", what, id, learner, ErrInvalidAttempt)
	}
	if s < 0 || s > hundred {
		return fmt.Errorf("scoring: learner %q: %s %q: score %s outside 0–100: %w", learner, what, id, s, ErrInvalidScore)
	}
	return nil
}

// AnswerAccumulator computes Rule S-12 per learner: the average score over
// every answer (a question answered twice counts twice) and the number of
// answers. The zero value is empty and ready to use. Merge is associative
// and commutative. Not safe for concurrent use.
type AnswerAccumulator struct {
	learners map[learnstats.UserID]map[QuestionID]scoreSum
}

// scoreSum is an exact sum of 0–100 scores and their number.
type scoreSum struct {
	sum, n int64
}

func (s scoreSum) add(o scoreSum) scoreSum { return scoreSum{s.sum + o.sum, s.n + o.n} }

// percent returns the mean as Percent: 100 × sum / (n × 100 points).
func (s scoreSum) percent() Percent {
	if s.n == 0 {
		return Percent{}
	}
	return Percent{s.sum, s.n * hundred}
}

// Add adds one answer. It returns an error, and changes nothing, for a
// missing learner or question ([ErrInvalidAttempt]) or a score outside
// 0–100 ([ErrInvalidScore]).
func (acc *AnswerAccumulator) Add(a QuestionAnswer) error {
	if err := checkPercentScore("question", a.Learner, string(a.Question), a.Score); err != nil {
		return err
	}
	acc.add(a.Learner, a.Question, scoreSum{int64(a.Score), 1})
	return nil
}

func (acc *AnswerAccumulator) add(l learnstats.UserID, q QuestionID, s scoreSum) {
	if acc.learners == nil {
		acc.learners = map[learnstats.UserID]map[QuestionID]scoreSum{}
	}
	qs := acc.learners[l]
	if qs == nil {
		qs = map[QuestionID]scoreSum{}
		acc.learners[l] = qs
	}
	qs[q] = qs[q].add(s)
}

// Merge adds everything o holds to acc. o is not modified.
func (acc *AnswerAccumulator) Merge(o *AnswerAccumulator) {
	if o == nil {
		return
	}
	for l, qs := range o.learners {
		for q, s := range qs {
			acc.add(l, q, s)
		}
	}
}

// AnswerResult is one learner's Rule S-12 result.
type AnswerResult struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Average is the mean of every answer's score; Average.Int() is the
	// integer percent. There is always at least one answer.
	Average Percent
	// Answers is the number of answers, every repeated answer included.
	Answers int64
	// Questions is the number of distinct questions answered.
	Questions int
}

// Result returns one result per learner with an answer, ordered by learner
// ID.
func (acc *AnswerAccumulator) Result() []AnswerResult {
	out := make([]AnswerResult, 0, len(acc.learners))
	for l, qs := range acc.learners {
		var tot scoreSum
		for _, s := range qs {
			tot = tot.add(s)
		}
		out = append(out, AnswerResult{Learner: l, Average: tot.percent(), Answers: tot.n, Questions: len(qs)})
	}
	slices.SortFunc(out, func(a, b AnswerResult) int { return strings.Compare(string(a.Learner), string(b.Learner)) })
	return out
}

// AverageScores is shorthand for an [AnswerAccumulator] fed every answer,
// returning its Result.
func AverageScores(answers iter.Seq[QuestionAnswer]) ([]AnswerResult, error) {
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
type AnswerExplanation struct {
	// Result is the result explained.
	Result AnswerResult
	// Questions lists the questions answered, ordered by question ID.
	Questions []QuestionExplanation
}

// QuestionExplanation is one question of an [AnswerExplanation].
type QuestionExplanation struct {
	// Question is the question.
	Question QuestionID
	// Answers is the number of answers to it; every one counts.
	Answers int64
	// Total is the sum of their scores, in percent points.
	Total Points
}

// Explain returns the breakdown of one learner's result, or an error
// wrapping [ErrUnknownLearner] when the learner has no answer.
func (acc *AnswerAccumulator) Explain(l learnstats.UserID) (AnswerExplanation, error) {
	qs, ok := acc.learners[l]
	if !ok {
		return AnswerExplanation{}, fmt.Errorf("scoring: learner %q: no answer: %w", l, ErrUnknownLearner)
	}
	var e AnswerExplanation
	var tot scoreSum
	for q, s := range qs {
		tot = tot.add(s)
		e.Questions = append(e.Questions, QuestionExplanation{Question: q, Answers: s.n, Total: Points(s.sum)})
	}
	slices.SortFunc(e.Questions, func(a, b QuestionExplanation) int { return strings.Compare(string(a.Question), string(b.Question)) })
	e.Result = AnswerResult{Learner: l, Average: tot.percent(), Answers: tot.n, Questions: len(qs)}
	return e, nil
}

// String formats the explanation as indented text.
func (e AnswerExplanation) String() string {
	var b strings.Builder
	var tot Points
	for _, q := range e.Questions {
		tot += q.Total
	}
	fmt.Fprintf(&b, "learner %q: average score %s = %s / %d answer%s, every answer counted (Rule S-12)\n",
		e.Result.Learner, e.Result.Average, tot, e.Result.Answers, plural(e.Result.Answers))
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
