package scoring

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// AnswerAccumulator computes the 360Learning answer rules per learner from
// question answers and assessment scores: Rule S-12, the average score
// over every answer (a question answered twice counts twice) and the
// number of answers; Rule S-13, scores and work by tag. A tag listed twice
// on one record counts once; a record without tags belongs to no tag and is
// counted in [AnswerScores].UntaggedAnswers / UntaggedAssessments; an
// assessment without a score counts nowhere, and an assessment counts for
// S-13 only.
//
// The results are computed as of an instant, asOf, fixed at construction
// ([NewAnswerAccumulator]): an answer or assessment score whose time is at
// or after asOf is left out and counted (SPEC section 0, as Rule S-15 does
// for attempts). The zero value is empty and ready to use, with the zero
// asOf: no cut-off, every record counts. Merge is associative and
// commutative. Not safe for concurrent use.
type AnswerAccumulator struct {
	asOf                           time.Time
	laterAnswers, laterAssessments int64
	s12                            answerSet
	s13                            tagSet
}

// NewAnswerAccumulator returns an empty accumulator computing Rules S-12
// and S-13 as of asOf (the zero asOf means no cut-off).
func NewAnswerAccumulator(asOf time.Time) *AnswerAccumulator {
	return &AnswerAccumulator{asOf: asOf}
}

// AnswerScores is what [AnswerAccumulator.Result] returns.
type AnswerScores struct {
	// AsOf is the instant the results are computed at; the zero time means
	// every record counts.
	AsOf time.Time
	// Learners holds Rule S-12's result of every learner with an answer,
	// ordered by learner ID.
	Learners []AnswerResult
	// Tags holds Rule S-13's result of every learner and tag with at least
	// one answer or assessment score, ordered by learner ID then tag.
	Tags []TagScore
	// UntaggedAnswers and UntaggedAssessments count the records added
	// without any tag: they count for no tag (S-13).
	UntaggedAnswers, UntaggedAssessments int64
	// LaterAnswers and LaterAssessments count the records left out because
	// their time is at or after AsOf.
	LaterAnswers, LaterAssessments int64
}

// later reports whether a record at t is left out by acc's asOf, and
// counts it in *n; a count beyond int64 is an error wrapping
// [learnstats.ErrOverflow].
func (acc *AnswerAccumulator) later(t time.Time, n *int64, what string) (bool, error) {
	if acc.asOf.IsZero() || t.Before(acc.asOf) {
		return false, nil
	}
	next, ok := checked.Add(*n, 1)
	if !ok {
		return true, fmt.Errorf("scoring: %s: the count of records at or after asOf: %w", what, learnstats.ErrOverflow)
	}
	*n = next
	return true, nil
}

// Add adds one question answer (Rules S-12 and S-13). An invalid answer
// (see [learnstats.QuestionAnswer.Validate]) is an error wrapping
// [learnstats.ErrInvalidRecord]; sums beyond int64 wrap
// [learnstats.ErrOverflow]. On error nothing changes.
func (acc *AnswerAccumulator) Add(a learnstats.QuestionAnswer) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("scoring: %w", err)
	}
	if later, err := acc.later(a.At, &acc.laterAnswers, fmt.Sprintf("learner %q: answer %q", a.Learner, a.ID)); later {
		return err
	}
	one := scoreSum{int64(a.Score), 1}
	if !acc.s12.fits(a.Learner, one) {
		return fmt.Errorf("scoring: learner %q: question %q: answer scores: %w", a.Learner, a.Question, learnstats.ErrOverflow)
	}
	if !acc.s13.fitsAnswer(a) {
		return fmt.Errorf("scoring: learner %q: answer %q: scores by tag: %w", a.Learner, a.ID, learnstats.ErrOverflow)
	}
	acc.s12.add(a.Learner, a.Question, one)
	acc.s13.addAnswer(a)
	return nil
}

// AddAssessment adds one assessment score (Rule S-13), with the errors of
// Add. An assessment without a score is left out (it counts in no tag).
func (acc *AnswerAccumulator) AddAssessment(a learnstats.AssessmentScore) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("scoring: %w", err)
	}
	if later, err := acc.later(a.At, &acc.laterAssessments, fmt.Sprintf("learner %q: assessment score %q", a.Learner, a.ID)); later {
		return err
	}
	if !a.Scored {
		return nil
	}
	if !acc.s13.fitsAssessment(a) {
		return fmt.Errorf("scoring: learner %q: assessment score %q: scores by tag: %w", a.Learner, a.ID, learnstats.ErrOverflow)
	}
	acc.s13.addAssessment(a)
	return nil
}

// Merge adds everything o holds to acc; o is not modified. Sums beyond
// int64 are an error wrapping [learnstats.ErrOverflow], and acc is then
// unchanged. Merging an accumulator into itself, a nil one, or one of
// another asOf is an error wrapping [learnstats.ErrMismatch].
func (acc *AnswerAccumulator) Merge(o *AnswerAccumulator) error {
	if acc == o {
		return fmt.Errorf("scoring: merge an answer accumulator into itself: %w", learnstats.ErrMismatch)
	}
	if o == nil {
		return fmt.Errorf("scoring: merge a nil accumulator: %w", learnstats.ErrMismatch)
	}
	if !acc.asOf.Equal(o.asOf) {
		return fmt.Errorf("scoring: merge answer accumulators as of %s and %s: %w",
			acc.asOf.Format(time.RFC3339Nano), o.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	answers, ok1 := checked.Add(acc.laterAnswers, o.laterAnswers)
	assessments, ok2 := checked.Add(acc.laterAssessments, o.laterAssessments)
	if !ok1 || !ok2 {
		return fmt.Errorf("scoring: merge answer accumulators: the count of records at or after asOf: %w", learnstats.ErrOverflow)
	}
	if err := acc.s12.canMerge(&o.s12); err != nil {
		return err
	}
	if err := acc.s13.canMerge(&o.s13); err != nil {
		return err
	}
	acc.s12.merge(&o.s12)
	acc.s13.merge(&o.s13)
	acc.laterAnswers, acc.laterAssessments = answers, assessments
	return nil
}

// Result returns Rules S-12 and S-13 for every learner added.
func (acc *AnswerAccumulator) Result() AnswerScores {
	return AnswerScores{AsOf: acc.asOf, Learners: acc.s12.result(), Tags: acc.s13.result(),
		UntaggedAnswers: acc.s13.untaggedAnswers, UntaggedAssessments: acc.s13.untaggedAssessments,
		LaterAnswers: acc.laterAnswers, LaterAssessments: acc.laterAssessments}
}

// Explain returns the breakdown of one learner's Rule S-12 result (Rule
// S-14) as stable, indented text: the average, then every question with
// its number of answers and their total score, all counted. It returns an
// error wrapping [ErrUnknownLearner] when the learner has no answer.
func (acc *AnswerAccumulator) Explain(l learnstats.UserID) (string, error) {
	return acc.s12.explain(l)
}

// ExplainTag returns the breakdown of one learner's Rule S-13 score for
// one tag (Rule S-14) as stable, indented text: the work, the training,
// assessment and average scores, and every question and assessment with
// the tag, all counted. It returns an error wrapping [ErrUnknownLearner]
// when the learner has nothing with that tag.
func (acc *AnswerAccumulator) ExplainTag(l learnstats.UserID, tag learnstats.TagID) (string, error) {
	return acc.s13.explain(l, tag)
}

// ScoreAnswers is shorthand for an [AnswerAccumulator] as of asOf fed
// every answer and assessment score (either sequence may be nil),
// returning its Result. The first invalid record stops it with Add's or
// AddAssessment's error.
func ScoreAnswers(asOf time.Time, answers iter.Seq[learnstats.QuestionAnswer], assessments iter.Seq[learnstats.AssessmentScore]) (AnswerScores, error) {
	acc := NewAnswerAccumulator(asOf)
	if answers != nil {
		for a := range answers {
			if err := acc.Add(a); err != nil {
				return AnswerScores{}, err
			}
		}
	}
	if assessments != nil {
		for a := range assessments {
			if err := acc.AddAssessment(a); err != nil {
				return AnswerScores{}, err
			}
		}
	}
	return acc.Result(), nil
}
