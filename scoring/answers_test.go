package scoring

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

// qa builds a question answer with a score in percent ("50", "0.5").
func qa(l learnstats.UserID, q learnstats.QuestionID, score string) learnstats.QuestionAnswer {
	p, err := learnstats.ParsePoints(score)
	if err != nil {
		panic(err)
	}
	return learnstats.QuestionAnswer{ID: fmt.Sprintf("%s/%s/%s", l, q, score), Learner: l, Question: q, At: t0, Score: p}
}

// tagged builds a tagged question answer with a whole-percent score.
func tagged(id string, l learnstats.UserID, q learnstats.QuestionID, score int64, tags ...learnstats.TagID) learnstats.QuestionAnswer {
	return learnstats.QuestionAnswer{ID: id, Learner: l, Question: q, Tags: tags, At: t0, Score: learnstats.WholePoints(score)}
}

// assessed builds a scored assessment with a whole-percent score.
func assessed(id string, l learnstats.UserID, a learnstats.AssessmentID, score int64, tags ...learnstats.TagID) learnstats.AssessmentScore {
	return learnstats.AssessmentScore{ID: id, Learner: l, Assessment: a, Tags: tags, At: t0, Score: learnstats.WholePoints(score), Scored: true}
}

func TestS12_AverageScoreEveryAnswer(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		answers []learnstats.QuestionAnswer
		want    []AnswerResult
		wantInt []int64
	}{
		{"spec example", "Q1 0 then 100, Q2 50 → 150/3 = 50, count 3",
			[]learnstats.QuestionAnswer{qa("u1", "Q1", "0"), qa("u1", "Q1", "100"), qa("u1", "Q2", "50")},
			[]AnswerResult{{Learner: "u1", Average: learnstats.NewRatio(150, 3), Answers: 3, Questions: 2}}, []int64{50}},
		{"half rounds away from zero", "[0, 100, 100, 15] → 53.75 → 54; [0.5] → 0.5 → 1",
			[]learnstats.QuestionAnswer{qa("u2", "Q", "0"), qa("u2", "Q", "100"), qa("u2", "R", "100"), qa("u2", "S", "15"), qa("u1", "Q", "0.5")},
			[]AnswerResult{
				{Learner: "u1", Average: learnstats.NewRatio(1, 2), Answers: 1, Questions: 1},
				{Learner: "u2", Average: learnstats.NewRatio(215, 4), Answers: 4, Questions: 3},
			}, []int64{1, 54}},
		{"no answers", "no rows", nil, []AnswerResult{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ScoreAnswers(time.Time{}, slices.Values(tc.answers), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Learners
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			for i, w := range tc.wantInt {
				if got[i].Average.Int() != w {
					t.Errorf("%s: %s average %d, want %d", tc.reason, got[i].Learner, got[i].Average.Int(), w)
				}
			}
		})
	}
}

func TestS12_InvalidInput(t *testing.T) {
	good := qa("u1", "Q", "50")
	with := func(f func(*learnstats.QuestionAnswer)) learnstats.QuestionAnswer {
		a := good
		f(&a)
		return a
	}
	tests := []struct {
		name   string
		answer learnstats.QuestionAnswer
		want   error
	}{
		{"above 100", with(func(a *learnstats.QuestionAnswer) { a.Score = learnstats.WholePoints(101) }), learnstats.ErrInvalidRecord},
		{"negative", with(func(a *learnstats.QuestionAnswer) { a.Score = -1 }), learnstats.ErrInvalidRecord},
		{"no learner", with(func(a *learnstats.QuestionAnswer) { a.Learner = "" }), learnstats.ErrInvalidRecord},
		{"no question", with(func(a *learnstats.QuestionAnswer) { a.Question = "" }), learnstats.ErrInvalidRecord},
		{"no ID", with(func(a *learnstats.QuestionAnswer) { a.ID = "" }), learnstats.ErrInvalidRecord},
		{"no time", with(func(a *learnstats.QuestionAnswer) { a.At = time.Time{} }), learnstats.ErrInvalidRecord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var acc AnswerAccumulator
			err := acc.Add(tc.answer)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if r := acc.Result(); len(r.Learners) != 0 || len(r.Tags) != 0 || r.UntaggedAnswers != 0 {
				t.Errorf("a failed Add changed the accumulator: %+v", r)
			}
		})
	}
}

func TestS13_ScoreByTag(t *testing.T) {
	answers := []learnstats.QuestionAnswer{
		tagged("1", "u1", "q1", 80, "sales", "crm"),
		tagged("2", "u1", "q1", 100, "sales", "crm"),  // every answer counts
		tagged("3", "u1", "q2", 45, "sales", "sales"), // a tag listed twice counts once
		tagged("4", "u1", "q3", 10),                   // untagged
	}
	assessments := []learnstats.AssessmentScore{
		assessed("1", "u1", "x1", 60, "sales"),
		assessed("2", "u1", "x2", 33, "law"),
		assessed("3", "u2", "x2", 70, "law"),
		assessed("4", "u2", "x2", 75, "law"),
	}
	res, err := ScoreAnswers(time.Time{}, slices.Values(answers), slices.Values(assessments))
	if err != nil {
		t.Fatal(err)
	}
	got := res.Tags
	r := learnstats.NewRatio
	want := []TagScore{
		// crm: training (80 + 100) / 2 = 90, no assessment → average 90.
		{Learner: "u1", Tag: "crm", Training: r(90, 1), Answers: 2, Average: r(90, 1), Work: 2},
		// law: assessment only, 33.
		{Learner: "u1", Tag: "law", Assessment: r(33, 1), Assessments: 1, Average: r(33, 1), Work: 1},
		// sales: training (80 + 100 + 45) / 3 = 75, assessment 60 → average 67.5 → 68.
		{Learner: "u1", Tag: "sales", Training: r(225, 3), Answers: 3, Assessment: r(60, 1), Assessments: 1,
			Average: r(675, 10), Work: 4},
		// u2 law: (70 + 75) / 2 = 72.5 → 73.
		{Learner: "u2", Tag: "law", Assessment: r(145, 2), Assessments: 2, Average: r(145, 2), Work: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ints := []int64{90, 33, 68, 73}
	for i, r := range got {
		if r.Average.Int() != ints[i] {
			t.Errorf("%s %s: average %d, want %d", r.Learner, r.Tag, r.Average.Int(), ints[i])
		}
	}
	// The training score has no value for law, the assessment none for crm.
	if got[1].Training.Valid() || got[0].Assessment.Valid() || !got[2].Training.Valid() || !got[2].Assessment.Valid() {
		t.Errorf("Valid: crm assessment %v, law training %v, sales %v %v", got[0].Assessment, got[1].Training, got[2].Training, got[2].Assessment)
	}
	var acc AnswerAccumulator
	for _, a := range answers {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if r := acc.Result(); r.UntaggedAnswers != 1 || r.UntaggedAssessments != 0 {
		t.Errorf("untagged %d answers %d assessments, want 1 0", r.UntaggedAnswers, r.UntaggedAssessments)
	}
	// An assessment without a score counts nowhere.
	unscored := assessed("5", "u3", "x2", 0, "law")
	unscored.Scored = false
	if err := acc.AddAssessment(unscored); err != nil {
		t.Fatal(err)
	}
	for _, r := range acc.Result().Tags {
		if r.Learner == "u3" {
			t.Errorf("an unscored assessment counted: %+v", r)
		}
	}
}

func TestS13_InvalidInput(t *testing.T) {
	var acc AnswerAccumulator
	noLearner := assessed("1", "", "a", 0)
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"score above 100", acc.Add(learnstats.QuestionAnswer{ID: "1", Learner: "u", Question: "q", Tags: []learnstats.TagID{"t"}, At: t0, Score: learnstats.WholePoints(100) + 1}), learnstats.ErrInvalidRecord},
		{"negative assessment", acc.AddAssessment(learnstats.AssessmentScore{ID: "1", Learner: "u", Assessment: "a", Tags: []learnstats.TagID{"t"}, At: t0, Score: -1, Scored: true}), learnstats.ErrInvalidRecord},
		{"empty tag", acc.Add(tagged("1", "u", "q", 0, "")), learnstats.ErrInvalidRecord},
		{"no learner", acc.AddAssessment(noLearner), learnstats.ErrInvalidRecord},
		{"no time", acc.Add(learnstats.QuestionAnswer{ID: "1", Learner: "u", Question: "q", Tags: []learnstats.TagID{"t"}}), learnstats.ErrInvalidRecord},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	if r := acc.Result(); len(r.Tags) != 0 || len(r.Learners) != 0 || r.UntaggedAnswers != 0 || r.UntaggedAssessments != 0 {
		t.Errorf("failed adds changed the accumulator: %+v", r)
	}
}

// TestS15_S12_S13_AnswersAtAsOf: the answer rules are computed as of an
// instant too (SPEC section 0, as S-15 does for attempts): an answer or an
// assessment score at or after asOf is left out of every figure and
// counted; one a nanosecond before counts. Accumulators of other instants
// do not merge.
func TestS15_S12_S13_AnswersAtAsOf(t *testing.T) {
	asOf := t0.Add(time.Hour)
	at := func(a learnstats.QuestionAnswer, when time.Time) learnstats.QuestionAnswer { a.At = when; return a }
	atA := func(a learnstats.AssessmentScore, when time.Time) learnstats.AssessmentScore { a.At = when; return a }
	acc := NewAnswerAccumulator(asOf)
	for _, a := range []learnstats.QuestionAnswer{
		at(tagged("1", "u1", "q1", 40, "x"), asOf.Add(-1)),
		at(tagged("2", "u1", "q1", 100, "x"), asOf),           // at asOf: left out
		at(tagged("3", "u1", "q2", 100), asOf.Add(time.Hour)), // after, untagged: left out, not untagged
	} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []learnstats.AssessmentScore{
		atA(assessed("1", "u1", "final", 60, "x"), t0),
		atA(assessed("2", "u1", "final", 0, "x"), asOf),
	} {
		if err := acc.AddAssessment(a); err != nil {
			t.Fatal(err)
		}
	}
	r := acc.Result()
	if len(r.Learners) != 1 || r.Learners[0].Answers != 1 || r.Learners[0].Average.Int() != 40 {
		t.Errorf("S-12 as of asOf: %+v, want one answer of 40", r.Learners)
	}
	if len(r.Tags) != 1 || r.Tags[0].Work != 2 || r.Tags[0].Training.Int() != 40 || r.Tags[0].Assessment.Int() != 60 {
		t.Errorf("S-13 as of asOf: %+v, want tag x with work 2, training 40, assessment 60", r.Tags)
	}
	if r.LaterAnswers != 2 || r.LaterAssessments != 1 || r.UntaggedAnswers != 0 || !r.AsOf.Equal(asOf) {
		t.Errorf("left out %d answers and %d assessments (untagged %d), as of %s; want 2, 1, 0, %s",
			r.LaterAnswers, r.LaterAssessments, r.UntaggedAnswers, r.AsOf, asOf)
	}
	// The zero asOf counts everything.
	all, err := ScoreAnswers(time.Time{}, slices.Values([]learnstats.QuestionAnswer{at(tagged("1", "u1", "q1", 40), asOf.AddDate(100, 0, 0))}), nil)
	if err != nil || len(all.Learners) != 1 || all.LaterAnswers != 0 {
		t.Errorf("zero asOf: %+v, %v; want the answer counted", all, err)
	}
	// Another instant does not merge, and the merge changes nothing.
	before := acc.Result()
	for _, other := range []*AnswerAccumulator{NewAnswerAccumulator(asOf.Add(1)), {}} {
		if err := acc.Merge(other); !errors.Is(err, learnstats.ErrMismatch) {
			t.Errorf("merge of another asOf: %v, want ErrMismatch", err)
		}
	}
	same := NewAnswerAccumulator(asOf.In(time.FixedZone("LMS", 3600))) // the same instant elsewhere
	if err := same.Add(at(tagged("4", "u2", "q1", 10), asOf)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, acc.Result()); diff != "" {
		t.Errorf("a refused merge changed the accumulator (-before +after):\n%s", diff)
	}
	if err := acc.Merge(same); err != nil {
		t.Fatalf("merge of the same instant in another location: %v", err)
	}
	if r := acc.Result(); r.LaterAnswers != 3 {
		t.Errorf("merged left-out answers %d, want 3", r.LaterAnswers)
	}
}
