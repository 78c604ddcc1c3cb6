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

// tagSet holds Rule S-13's sums per learner and tag, and the records
// without a tag (which count for no tag).
type tagSet struct {
	tags                map[tagKey]*tagSums
	untaggedAnswers     int64
	untaggedAssessments int64
}

type tagKey struct {
	learner learnstats.UserID
	tag     learnstats.TagID
}

// tagSums is one learner's records with one tag, per question and
// assessment, and in total (kept so that the totals are checked for
// overflow as records arrive).
type tagSums struct {
	qTotal, aTotal scoreSum
	questions      map[learnstats.QuestionID]scoreSum
	assessments    map[learnstats.AssessmentID]scoreSum
}

// eachTag calls f once per distinct tag.
func eachTag(tags []learnstats.TagID, f func(learnstats.TagID)) {
	for i, t := range tags {
		if !slices.Contains(tags[:i], t) {
			f(t)
		}
	}
}

// check reports whether adding q (a question score) and a (an assessment
// score) to the learner's sums for the tags keeps every total in int64,
// the work (answers + assessments) included.
func (acc *tagSet) check(l learnstats.UserID, tags []learnstats.TagID, q, a scoreSum) bool {
	ok := true
	eachTag(tags, func(t learnstats.TagID) {
		if s := acc.tags[tagKey{l, t}]; s != nil {
			nq, ok1 := s.qTotal.add(q)
			na, ok2 := s.aTotal.add(a)
			_, ok3 := checked.Add(nq.n, na.n) // TagScore.Work
			ok = ok && ok1 && ok2 && ok3
		}
	})
	return ok
}

func (acc *tagSet) sums(l learnstats.UserID, t learnstats.TagID) *tagSums {
	if acc.tags == nil {
		acc.tags = map[tagKey]*tagSums{}
	}
	k := tagKey{l, t}
	s := acc.tags[k]
	if s == nil {
		s = &tagSums{questions: map[learnstats.QuestionID]scoreSum{}, assessments: map[learnstats.AssessmentID]scoreSum{}}
		acc.tags[k] = s
	}
	return s
}

// fitsAnswer reports whether adding a (validated) keeps every sum in
// int64; addAnswer then adds it.
func (acc *tagSet) fitsAnswer(a learnstats.QuestionAnswer) bool {
	_, ok := checked.Add(acc.untaggedAnswers, int64(b2i(len(a.Tags) == 0)))
	return ok && acc.check(a.Learner, a.Tags, scoreSum{int64(a.Score), 1}, scoreSum{})
}

func (acc *tagSet) addAnswer(a learnstats.QuestionAnswer) {
	one := scoreSum{int64(a.Score), 1}
	if len(a.Tags) == 0 {
		acc.untaggedAnswers++ // checked by fitsAnswer
	}
	eachTag(a.Tags, func(t learnstats.TagID) {
		s := acc.sums(a.Learner, t)
		s.qTotal, _ = s.qTotal.add(one)
		s.questions[a.Question], _ = s.questions[a.Question].add(one)
	})
}

// fitsAssessment and addAssessment are fitsAnswer and addAnswer for a
// scored assessment.
func (acc *tagSet) fitsAssessment(a learnstats.AssessmentScore) bool {
	_, ok := checked.Add(acc.untaggedAssessments, int64(b2i(len(a.Tags) == 0)))
	return ok && acc.check(a.Learner, a.Tags, scoreSum{}, scoreSum{int64(a.Score), 1})
}

func (acc *tagSet) addAssessment(a learnstats.AssessmentScore) {
	one := scoreSum{int64(a.Score), 1}
	if len(a.Tags) == 0 {
		acc.untaggedAssessments++ // checked by fitsAssessment
	}
	eachTag(a.Tags, func(t learnstats.TagID) {
		s := acc.sums(a.Learner, t)
		s.aTotal, _ = s.aTotal.add(one)
		s.assessments[a.Assessment], _ = s.assessments[a.Assessment].add(one)
	})
}

// canMerge reports the first learner and tag whose sums o would take
// beyond int64.
func (acc *tagSet) canMerge(o *tagSet) error {
	keys := slices.SortedFunc(maps.Keys(o.tags), func(a, b tagKey) int {
		return cmp.Or(cmp.Compare(a.learner, b.learner), cmp.Compare(a.tag, b.tag))
	})
	for _, k := range keys {
		os := o.tags[k]
		if !acc.check(k.learner, []learnstats.TagID{k.tag}, os.qTotal, os.aTotal) {
			return fmt.Errorf("scoring: merge: learner %q: tag %q: %w", k.learner, k.tag, learnstats.ErrOverflow)
		}
	}
	_, ok1 := checked.Add(acc.untaggedAnswers, o.untaggedAnswers)
	_, ok2 := checked.Add(acc.untaggedAssessments, o.untaggedAssessments)
	if !ok1 || !ok2 {
		return fmt.Errorf("scoring: merge: untagged answers or assessment scores: %w", learnstats.ErrOverflow)
	}
	return nil
}

// merge adds o, which canMerge accepted.
func (acc *tagSet) merge(o *tagSet) {
	for k, os := range o.tags {
		s := acc.sums(k.learner, k.tag)
		s.qTotal, _ = s.qTotal.add(os.qTotal)
		s.aTotal, _ = s.aTotal.add(os.aTotal)
		for q, v := range os.questions {
			s.questions[q], _ = s.questions[q].add(v)
		}
		for a, v := range os.assessments {
			s.assessments[a], _ = s.assessments[a].add(v)
		}
	}
	acc.untaggedAnswers += o.untaggedAnswers // checked by canMerge
	acc.untaggedAssessments += o.untaggedAssessments
}

// TagScore is one learner's Rule S-13 result for one tag. Scores are in
// percent.
type TagScore struct {
	// Learner is the learner.
	Learner learnstats.UserID
	// Tag is the tag.
	Tag learnstats.TagID
	// Training is the mean of the learner's answer scores on questions
	// with the tag; no value when the learner answered none.
	Training learnstats.Ratio
	// Answers is the number of those answers, repeated answers included.
	Answers int64
	// Assessment is the mean of the learner's assessment scores on
	// assessments with the tag; no value when there is none.
	Assessment learnstats.Ratio
	// Assessments is the number of those assessment scores.
	Assessments int64
	// Average is the mean of Training and Assessment when both exist,
	// else the one that exists (exact; Average.Int() rounds once).
	Average learnstats.Ratio
	// Work is Answers + Assessments ("work by tag").
	Work int64
}

// result returns one row per learner and tag with at least one answer or
// assessment score, ordered by learner ID then tag.
func (acc *tagSet) result() []TagScore {
	keys := slices.SortedFunc(maps.Keys(acc.tags), func(a, b tagKey) int {
		return cmp.Or(cmp.Compare(a.learner, b.learner), cmp.Compare(a.tag, b.tag))
	})
	out := make([]TagScore, 0, len(keys))
	for _, k := range keys {
		out = append(out, acc.tags[k].result(k))
	}
	return out
}

func (s *tagSums) result(k tagKey) TagScore {
	q, a := s.qTotal, s.aTotal
	r := TagScore{Learner: k.learner, Tag: k.tag, Answers: q.n, Assessments: a.n, Work: q.n + a.n}
	r.Training, r.Assessment = q.mean(), a.mean()
	switch {
	case r.Training.Valid() && r.Assessment.Valid():
		r.Average = r.Training.Add(r.Assessment).Quo(2)
	case r.Training.Valid():
		r.Average = r.Training
	default:
		r.Average = r.Assessment
	}
	return r
}

// tagExplanation is the breakdown of one learner's score for one tag (Rule
// S-14): every question and assessment with the tag, all counted.
type tagExplanation struct {
	// Result is the row explained.
	Result TagScore
	// Questions lists the questions with the tag, ordered by ID.
	Questions []questionExplanation
	// Assessments lists the assessments with the tag, ordered by ID.
	Assessments []assessmentExplanation
}

// assessmentExplanation is one assessment of a tagExplanation.
type assessmentExplanation struct {
	// Assessment is the assessment.
	Assessment learnstats.AssessmentID
	// Scores is the number of its scores; every one counts.
	Scores int64
	// Total is the sum of those scores, in percent points.
	Total learnstats.Points
}

// explain returns the breakdown of one learner's score for one tag (Rule
// S-14) as stable, indented text: the work, the training, assessment and
// average scores, and every question and assessment with the tag, all
// counted. It returns an error wrapping [ErrUnknownLearner] when the
// learner has nothing with that tag.
func (acc *tagSet) explain(l learnstats.UserID, tag learnstats.TagID) (string, error) {
	k := tagKey{l, tag}
	s, ok := acc.tags[k]
	if !ok {
		return "", fmt.Errorf("scoring: learner %q: nothing tagged %q: %w", l, tag, ErrUnknownLearner)
	}
	e := tagExplanation{Result: s.result(k), Questions: explainQuestions(s.questions)}
	for a, v := range s.assessments {
		e.Assessments = append(e.Assessments, assessmentExplanation{Assessment: a, Scores: v.n, Total: learnstats.Points(v.sum)})
	}
	slices.SortFunc(e.Assessments, func(a, b assessmentExplanation) int { return cmp.Compare(a.Assessment, b.Assessment) })
	return e.String(), nil
}

// String formats the explanation as indented text.
func (e tagExplanation) String() string {
	var b strings.Builder
	r := e.Result
	fmt.Fprintf(&b, "learner %q, tag %q: work %d = %d answer%s + %d assessment%s (Rule S-13)\n", r.Learner, r.Tag, r.Work, r.Answers, plural(r.Answers), r.Assessments, plural(r.Assessments))
	if r.Training.Valid() {
		fmt.Fprintf(&b, "  training score: %s, mean of %d answer%s\n", pct(r.Training), r.Answers, plural(r.Answers))
	} else {
		b.WriteString("  training score: none, no answer with this tag\n")
	}
	if r.Assessment.Valid() {
		fmt.Fprintf(&b, "  assessment score: %s, mean of %d assessment score%s\n", pct(r.Assessment), r.Assessments, plural(r.Assessments))
	} else {
		b.WriteString("  assessment score: none, no assessment with this tag\n")
	}
	switch {
	case r.Training.Valid() && r.Assessment.Valid():
		fmt.Fprintf(&b, "  average score: %s, mean of the training and assessment scores\n", pct(r.Average))
	case r.Training.Valid():
		fmt.Fprintf(&b, "  average score: %s, the training score alone\n", pct(r.Average))
	default:
		fmt.Fprintf(&b, "  average score: %s, the assessment score alone\n", pct(r.Average))
	}
	for _, q := range e.Questions {
		fmt.Fprintf(&b, "  question %q: %d answer%s, total %s, all counted\n", q.Question, q.Answers, plural(q.Answers), q.Total)
	}
	for _, a := range e.Assessments {
		fmt.Fprintf(&b, "  assessment %q: %d score%s, total %s, all counted\n", a.Assessment, a.Scores, plural(a.Scores), a.Total)
	}
	return b.String()
}
