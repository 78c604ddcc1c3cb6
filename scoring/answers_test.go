package scoring

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func qa(l learnstats.UserID, q QuestionID, score string) QuestionAnswer {
	p, err := ParsePoints(score)
	if err != nil {
		panic(err)
	}
	return QuestionAnswer{Learner: l, Question: q, Score: p}
}

func TestS12_AverageScoreEveryAnswer(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		answers []QuestionAnswer
		want    []AnswerResult
		wantInt []int
	}{
		{"spec example", "Q1 0 then 100, Q2 50 → 150/3 = 50, count 3",
			[]QuestionAnswer{qa("u1", "Q1", "0"), qa("u1", "Q1", "100"), qa("u1", "Q2", "50")},
			[]AnswerResult{{Learner: "u1", Average: Percent{int64(WholePoints(150)), 3 * hundred}, Answers: 3, Questions: 2}}, []int{50}},
		{"half rounds away from zero", "[0, 100, 100, 15] → 53.75 → 54; [0.5] → 0.5 → 1",
			[]QuestionAnswer{qa("u2", "Q", "0"), qa("u2", "Q", "100"), qa("u2", "R", "100"), qa("u2", "S", "15"), qa("u1", "Q", "0.5")},
			[]AnswerResult{
				{Learner: "u1", Average: Percent{5_000_000, hundred}, Answers: 1, Questions: 1},
				{Learner: "u2", Average: Percent{int64(WholePoints(215)), 4 * hundred}, Answers: 4, Questions: 3},
			}, []int{1, 54}},
		{"no answers", "no rows", nil, []AnswerResult{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AverageScores(slices.Values(tc.answers))
			if err != nil {
				t.Fatal(err)
			}
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
	tests := []struct {
		name   string
		answer QuestionAnswer
		want   error
	}{
		{"above 100", QuestionAnswer{Learner: "u1", Question: "Q", Score: WholePoints(101)}, ErrInvalidScore},
		{"negative", QuestionAnswer{Learner: "u1", Question: "Q", Score: -1}, ErrInvalidScore},
		{"no learner", QuestionAnswer{Question: "Q"}, ErrInvalidAttempt},
		{"no question", QuestionAnswer{Learner: "u1"}, ErrInvalidAttempt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var acc AnswerAccumulator
			err := acc.Add(tc.answer)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if len(acc.Result()) != 0 {
				t.Errorf("a failed Add changed the accumulator")
			}
		})
	}
}

func TestS13_ScoreByTag(t *testing.T) {
	w := WholePoints
	answers := []TaggedAnswer{
		{Learner: "u1", Question: "q1", Tags: []TagID{"sales", "crm"}, Score: w(80)},
		{Learner: "u1", Question: "q1", Tags: []TagID{"sales", "crm"}, Score: w(100)},  // every answer counts
		{Learner: "u1", Question: "q2", Tags: []TagID{"sales", "sales"}, Score: w(45)}, // a tag listed twice counts once
		{Learner: "u1", Question: "q3", Score: w(10)},                                  // untagged
	}
	assessments := []AssessmentScore{
		{Learner: "u1", Assessment: "x1", Tags: []TagID{"sales"}, Score: w(60)},
		{Learner: "u1", Assessment: "x2", Tags: []TagID{"law"}, Score: w(33)},
		{Learner: "u2", Assessment: "x2", Tags: []TagID{"law"}, Score: w(70)},
		{Learner: "u2", Assessment: "x2", Tags: []TagID{"law"}, Score: w(75)},
	}
	got, err := ScoresByTag(slices.Values(answers), slices.Values(assessments))
	if err != nil {
		t.Fatal(err)
	}
	want := []TagScore{
		// crm: training (80 + 100) / 2 = 90, no assessment → average 90.
		{Learner: "u1", Tag: "crm", Training: Percent{int64(w(180)), 2 * hundred}, HasTraining: true, Answers: 2,
			Average: Percent{int64(w(180)), 2 * hundred}, Work: 2},
		// law: assessment only, 33.
		{Learner: "u1", Tag: "law", Assessment: Percent{int64(w(33)), hundred}, HasAssessment: true, Assessments: 1,
			Average: Percent{int64(w(33)), hundred}, Work: 1},
		// sales: training (80 + 100 + 45) / 3 = 75, assessment 60 → average 67.5 → 68.
		{Learner: "u1", Tag: "sales", Training: Percent{int64(w(225)), 3 * hundred}, HasTraining: true, Answers: 3,
			Assessment: Percent{int64(w(60)), hundred}, HasAssessment: true, Assessments: 1,
			Average: Percent{675, 1000}, Work: 4},
		// u2 law: (70 + 75) / 2 = 72.5 → 73.
		{Learner: "u2", Tag: "law", Assessment: Percent{int64(w(145)), 2 * hundred}, HasAssessment: true, Assessments: 2,
			Average: Percent{int64(w(145)), 2 * hundred}, Work: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ints := []int{90, 33, 68, 73}
	for i, r := range got {
		if r.Average.Int() != ints[i] {
			t.Errorf("%s %s: average %d, want %d", r.Learner, r.Tag, r.Average.Int(), ints[i])
		}
	}
	var acc TagAccumulator
	for _, a := range answers {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if a, s := acc.Untagged(); a != 1 || s != 0 {
		t.Errorf("untagged %d answers %d assessments, want 1 0", a, s)
	}
}

func TestS13_InvalidInput(t *testing.T) {
	var acc TagAccumulator
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"score above 100", acc.Add(TaggedAnswer{Learner: "u", Question: "q", Tags: []TagID{"t"}, Score: WholePoints(100) + 1}), ErrInvalidScore},
		{"negative assessment", acc.AddAssessment(AssessmentScore{Learner: "u", Assessment: "a", Tags: []TagID{"t"}, Score: -1}), ErrInvalidScore},
		{"empty tag", acc.Add(TaggedAnswer{Learner: "u", Question: "q", Tags: []TagID{""}}), ErrInvalidAttempt},
		{"no learner", acc.AddAssessment(AssessmentScore{Assessment: "a"}), ErrInvalidAttempt},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	if r, _ := acc.Result(); len(r) != 0 {
		t.Errorf("failed adds changed the accumulator: %v", r)
	}
}
