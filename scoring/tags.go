package scoring

import (
	"fmt"
	"iter"
	"math/big"
	"slices"
	"strings"

	"github.com/learnstats/learnstats"
)

// TaggedAnswer is one answer of a learner to a 360Learning question
// activity, with the question's tags (Rule S-13). A tag listed twice counts
// once; an answer without tags belongs to no tag and is counted in
// [TagAccumulator.Untagged].
type TaggedAnswer struct {
	// Learner is the learner who answered.
	Learner learnstats.UserID
	// Question is the question answered.
	Question QuestionID
	// Tags are the question's tags.
	Tags []TagID
	// Score is the answer's score in percent 0–100 (see [QuestionAnswer]).
	Score Points
}

// AssessmentScore is one score of a learner on a 360Learning assessment,
// with the assessment's tags (Rule S-13). Every assessment score counts,
// like every answer.
type AssessmentScore struct {
	// Learner is the learner assessed.
	Learner learnstats.UserID
	// Assessment is the assessment.
	Assessment AssessmentID
	// Tags are the assessment's tags.
	Tags []TagID
	// Score is the score in percent 0–100.
	Score Points
}

// TagAccumulator computes Rule S-13, scores and work by tag, per learner
// and tag. The zero value is empty and ready to use. Merge is associative
// and commutative. Not safe for concurrent use.
type TagAccumulator struct {
	tags                map[tagKey]*tagSums
	untaggedAnswers     int64
	untaggedAssessments int64
}

type tagKey struct {
	learner learnstats.UserID
	tag     TagID
}

type tagSums struct {
	questions   map[QuestionID]scoreSum
	assessments map[AssessmentID]scoreSum
}

func (acc *TagAccumulator) sums(l learnstats.UserID, t TagID) *tagSums {
	if acc.tags == nil {
		acc.tags = map[tagKey]*tagSums{}
	}
	k := tagKey{l, t}
	s := acc.tags[k]
	if s == nil {
		s = &tagSums{questions: map[QuestionID]scoreSum{}, assessments: map[AssessmentID]scoreSum{}}
		acc.tags[k] = s
	}
	return s
}

func checkTags(l learnstats.UserID, what, id string, tags []TagID) error {
	for _, t := range tags {
		if t == "" {
			return fmt.Errorf("scoring: learner %q: %s %q: empty tag: %w", l, what, id, ErrInvalidAttempt)
		}
	}
	return nil
}

// eachTag calls f once per distinct tag.
func eachTag(tags []TagID, f func(TagID)) {
	for i, t := range tags {
		if !slices.Contains(tags[:i], t) {
			f(t)
		}
	}
}

// Add adds one question answer. It returns an error, and changes nothing,
// for a missing learner, question or tag ([ErrInvalidAttempt]) or a score
// outside 0–100 ([ErrInvalidScore]).
func (acc *TagAccumulator) Add(a TaggedAnswer) error {
	if err := checkPercentScore("question", a.Learner, string(a.Question), a.Score); err != nil {
		return err
	}
	if err := checkTags(a.Learner, "question", string(a.Question), a.Tags); err != nil {
		return err
	}
	if len(a.Tags) == 0 {
		acc.untaggedAnswers++
	}
	eachTag(a.Tags, func(t TagID) {
		s := acc.sums(a.Learner, t)
		s.questions[a.Question] = s.questions[a.Question].add(scoreSum{int64(a.Score), 1})
	})
	return nil
}

// AddAssessment adds one assessment score, with the errors of Add.
func (acc *TagAccumulator) AddAssessment(a AssessmentScore) error {
	if err := checkPercentScore("assessment", a.Learner, string(a.Assessment), a.Score); err != nil {
		return err
	}
	if err := checkTags(a.Learner, "assessment", string(a.Assessment), a.Tags); err != nil {
		return err
	}
	if len(a.Tags) == 0 {
		acc.untaggedAssessments++
	}
	eachTag(a.Tags, func(t TagID) {
		s := acc.sums(a.Learner, t)
		s.assessments[a.Assessment] = s.assessments[a.Assessment].add(scoreSum{int64(a.Score), 1})
	})
	return nil
}

// Merge adds everything o holds to acc. o is not modified.
func (acc *TagAccumulator) Merge(o *TagAccumulator) {
	if o == nil {
		return
	}
	for k, os := range o.tags {
		s := acc.sums(k.learner, k.tag)
		for q, v := range os.questions {
			s.questions[q] = s.questions[q].add(v)
		}
		for a, v := range os.assessments {
			s.assessments[a] = s.assessments[a].add(v)
		}
	}
	acc.untaggedAnswers += o.untaggedAnswers
	acc.untaggedAssessments += o.untaggedAssessments
}

// Untagged returns the number of answers and assessment scores added
// without any tag: they count for no tag.
func (acc *TagAccumulator) Untagged() (answers, assessments int64) {
	return acc.untaggedAnswers, acc.untaggedAssessments
}

// TagScore is one learner's Rule S-13 result for one tag.
type TagScore struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Tag is the tag.
	Tag TagID
	// Training is the mean of the learner's answer scores on questions
	// with the tag, when HasTraining; zero otherwise.
	Training Percent
	// HasTraining reports whether the learner answered a question with the
	// tag.
	HasTraining bool
	// Answers is the number of those answers, repeated answers included.
	Answers int64
	// Assessment is the mean of the learner's assessment scores on
	// assessments with the tag, when HasAssessment; zero otherwise.
	Assessment Percent
	// HasAssessment reports whether the learner has an assessment score
	// with the tag.
	HasAssessment bool
	// Assessments is the number of those assessment scores.
	Assessments int64
	// Average is the mean of Training and Assessment when both exist,
	// else the one that exists (exact; Average.Int() rounds once).
	Average Percent
	// Work is Answers + Assessments ("work by tag").
	Work int64
}

// Result returns one row per learner and tag with at least one answer or
// assessment, ordered by learner ID then tag. It returns an error wrapping
// [ErrInvalidScore] only if an exact average does not fit Percent's int64
// fields (billions of scores per tag).
func (acc *TagAccumulator) Result() ([]TagScore, error) {
	out := make([]TagScore, 0, len(acc.tags))
	for k, s := range acc.tags {
		r, err := s.result(k)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b TagScore) int {
		if c := strings.Compare(string(a.Learner), string(b.Learner)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Tag), string(b.Tag))
	})
	return out, nil
}

func (s *tagSums) totals() (q, a scoreSum) {
	for _, v := range s.questions {
		q = q.add(v)
	}
	for _, v := range s.assessments {
		a = a.add(v)
	}
	return q, a
}

func (s *tagSums) result(k tagKey) (TagScore, error) {
	q, a := s.totals()
	r := TagScore{Learner: k.learner, Tag: k.tag, Answers: q.n, Assessments: a.n, Work: q.n + a.n}
	r.HasTraining, r.HasAssessment = q.n > 0, a.n > 0
	r.Training, r.Assessment = q.percent(), a.percent()
	switch {
	case r.HasTraining && r.HasAssessment:
		// (sq/nq + sa/na) / 2, reduced, in exact big arithmetic.
		v := new(big.Rat).Add(big.NewRat(q.sum, q.n), big.NewRat(a.sum, a.n))
		v.Quo(v, big.NewRat(2*hundred, 1))
		if !v.Num().IsInt64() || !v.Denom().IsInt64() {
			return TagScore{}, fmt.Errorf("scoring: learner %q: tag %q: average beyond int64 fractions: %w", k.learner, k.tag, ErrInvalidScore)
		}
		r.Average = Percent{v.Num().Int64(), v.Denom().Int64()}
	case r.HasTraining:
		r.Average = r.Training
	default:
		r.Average = r.Assessment
	}
	return r, nil
}

// ScoresByTag is shorthand for a [TagAccumulator] fed every answer and
// assessment score (either sequence may be nil), returning its Result.
func ScoresByTag(answers iter.Seq[TaggedAnswer], assessments iter.Seq[AssessmentScore]) ([]TagScore, error) {
	var acc TagAccumulator
	if answers != nil {
		for a := range answers {
			if err := acc.Add(a); err != nil {
				return nil, err
			}
		}
	}
	if assessments != nil {
		for a := range assessments {
			if err := acc.AddAssessment(a); err != nil {
				return nil, err
			}
		}
	}
	return acc.Result()
}

// TagExplanation is the breakdown of one learner's score for one tag (Rule
// S-14): every question and assessment with the tag, all counted.
type TagExplanation struct {
	// Result is the row explained.
	Result TagScore
	// Questions lists the questions with the tag, ordered by ID.
	Questions []QuestionExplanation
	// Assessments lists the assessments with the tag, ordered by ID.
	Assessments []AssessmentExplanation
}

// AssessmentExplanation is one assessment of a [TagExplanation].
type AssessmentExplanation struct {
	// Assessment is the assessment.
	Assessment AssessmentID
	// Scores is the number of its scores; every one counts.
	Scores int64
	// Total is the sum of those scores, in percent points.
	Total Points
}

// Explain returns the breakdown of one learner's score for one tag, or an
// error wrapping [ErrUnknownLearner] when the learner has nothing with that
// tag.
func (acc *TagAccumulator) Explain(l learnstats.UserID, tag TagID) (TagExplanation, error) {
	s, ok := acc.tags[tagKey{l, tag}]
	if !ok {
		return TagExplanation{}, fmt.Errorf("scoring: learner %q: nothing tagged %q: %w", l, tag, ErrUnknownLearner)
	}
	r, err := s.result(tagKey{l, tag})
	if err != nil {
		return TagExplanation{}, err
	}
	e := TagExplanation{Result: r}
	for q, v := range s.questions {
		e.Questions = append(e.Questions, QuestionExplanation{Question: q, Answers: v.n, Total: Points(v.sum)})
	}
	for a, v := range s.assessments {
		e.Assessments = append(e.Assessments, AssessmentExplanation{Assessment: a, Scores: v.n, Total: Points(v.sum)})
	}
	slices.SortFunc(e.Questions, func(a, b QuestionExplanation) int { return strings.Compare(string(a.Question), string(b.Question)) })
	slices.SortFunc(e.Assessments, func(a, b AssessmentExplanation) int {
		return strings.Compare(string(a.Assessment), string(b.Assessment))
	})
	return e, nil
}

// String formats the explanation as indented text.
func (e TagExplanation) String() string {
	var b strings.Builder
	r := e.Result
	fmt.Fprintf(&b, "learner %q, tag %q: work %d = %d answer%s + %d assessment%s (Rule S-13)\n", r.Learner, r.Tag, r.Work, r.Answers, plural(r.Answers), r.Assessments, plural(r.Assessments))
	if r.HasTraining {
		fmt.Fprintf(&b, "  training score: %s, mean of %d answer%s\n", r.Training, r.Answers, plural(r.Answers))
	} else {
		b.WriteString("  training score: none, no answer with this tag\n")
	}
	if r.HasAssessment {
		fmt.Fprintf(&b, "  assessment score: %s, mean of %d assessment score%s\n", r.Assessment, r.Assessments, plural(r.Assessments))
	} else {
		b.WriteString("  assessment score: none, no assessment with this tag\n")
	}
	switch {
	case r.HasTraining && r.HasAssessment:
		fmt.Fprintf(&b, "  average score: %s, mean of the training and assessment scores\n", r.Average)
	case r.HasTraining:
		fmt.Fprintf(&b, "  average score: %s, the training score alone\n", r.Average)
	default:
		fmt.Fprintf(&b, "  average score: %s, the assessment score alone\n", r.Average)
	}
	for _, q := range e.Questions {
		fmt.Fprintf(&b, "  question %q: %d answer%s, total %s, all counted\n", q.Question, q.Answers, plural(q.Answers), q.Total)
	}
	for _, a := range e.Assessments {
		fmt.Fprintf(&b, "  assessment %q: %d score%s, total %s, all counted\n", a.Assessment, a.Scores, plural(a.Scores), a.Total)
	}
	return b.String()
}
