package learnstats_test

import (
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func TestAttemptValidate(t *testing.T) {
	ok := learnstats.Attempt{ID: "1", Learner: "u1", Step: "m1", Start: t0, Finish: t0.Add(time.Minute),
		Answers: []learnstats.Answer{{Activity: "a1", Points: learnstats.WholePoints(3)}}}
	tests := []struct {
		name   string
		edit   func(*learnstats.Attempt)
		want   error
		reason string
	}{
		{"valid", func(*learnstats.Attempt) {}, nil, "a finished attempt with one answer"},
		{"unfinished", func(a *learnstats.Attempt) { a.Finish = time.Time{} }, nil, "zero Finish is unfinished"},
		{"finish equals start", func(a *learnstats.Attempt) { a.Finish = a.Start }, nil, "a zero-length attempt is valid"},
		{"no ID", func(a *learnstats.Attempt) { a.ID = "" }, learnstats.ErrInvalidRecord, "IDs name the record"},
		{"no learner", func(a *learnstats.Attempt) { a.Learner = "" }, learnstats.ErrInvalidRecord, ""},
		{"no step", func(a *learnstats.Attempt) { a.Step = "" }, learnstats.ErrInvalidRecord, ""},
		{"finish before start", func(a *learnstats.Attempt) { a.Finish = a.Start.Add(-time.Nanosecond) }, learnstats.ErrInvalidRecord, "one nanosecond early"},
		{"finish without start", func(a *learnstats.Attempt) { a.Start = time.Time{} }, learnstats.ErrInvalidRecord, ""},
		{"last activity before start", func(a *learnstats.Attempt) { a.LastActivity = a.Start.Add(-time.Second) }, learnstats.ErrInvalidRecord, "L-3"},
		{"negative time spent", func(a *learnstats.Attempt) { a.TimeSpent = -1 }, learnstats.ErrInvalidRecord, "L-1"},
		{"progress 101", func(a *learnstats.Attempt) { a.Progress = 101 }, learnstats.ErrInvalidRecord, "L-6"},
		{"score -1", func(a *learnstats.Attempt) { a.Score, a.Scored = -1, true }, learnstats.ErrInvalidRecord, "L-5"},
		{"unscored score ignored", func(a *learnstats.Attempt) { a.Score = -1 }, nil, "Score is read only when Scored"},
		{"answer without activity", func(a *learnstats.Attempt) { a.Answers[0].Activity = "" }, learnstats.ErrInvalidRecord, ""},
		{"negative points", func(a *learnstats.Attempt) { a.Answers[0].Points = -1 }, learnstats.ErrInvalidPoints, "S-1"},
		{"points beyond MaxPoints", func(a *learnstats.Attempt) { a.Answers[0].Points = learnstats.MaxPoints + 1 }, learnstats.ErrInvalidPoints, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			a.Answers = append([]learnstats.Answer(nil), ok.Answers...)
			tt.edit(&a)
			if err := a.Validate(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Validate() = %v, want %v (%s)", err, tt.want, tt.reason)
			}
		})
	}
}

func TestAnswerValidate(t *testing.T) {
	q := learnstats.QuestionAnswer{ID: "1", Learner: "u1", Question: "q1", At: t0, Score: learnstats.WholePoints(100)}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*learnstats.QuestionAnswer){
		"no ID":       func(q *learnstats.QuestionAnswer) { q.ID = "" },
		"no learner":  func(q *learnstats.QuestionAnswer) { q.Learner = "" },
		"no question": func(q *learnstats.QuestionAnswer) { q.Question = "" },
		"no time":     func(q *learnstats.QuestionAnswer) { q.At = time.Time{} },
		"above 100":   func(q *learnstats.QuestionAnswer) { q.Score++ },
		"below 0":     func(q *learnstats.QuestionAnswer) { q.Score = -1 },
		"empty tag":   func(q *learnstats.QuestionAnswer) { q.Tags = []learnstats.TagID{"t", ""} },
	} {
		b := q
		edit(&b)
		if err := b.Validate(); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("%s: %v", name, err)
		}
	}
	s := learnstats.AssessmentScore{ID: "1", Learner: "u1", Assessment: "a", At: t0, Score: -5}
	if err := s.Validate(); err != nil {
		t.Errorf("an unscored assessment's score is not read: %v", err)
	}
	s.Scored = true
	if err := s.Validate(); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("scored -5: %v", err)
	}
}

func TestPostAndReactionValidate(t *testing.T) {
	p := learnstats.Post{ID: "p1", Author: "u1", Place: learnstats.PlaceCourseForum, Course: "k1", At: t0}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*learnstats.Post){
		"no ID":            func(p *learnstats.Post) { p.ID = "" },
		"no author":        func(p *learnstats.Post) { p.Author = "" },
		"unknown place":    func(p *learnstats.Post) { p.Place = "bogus" },
		"empty place":      func(p *learnstats.Post) { p.Place = "" },
		"course off forum": func(p *learnstats.Post) { p.Place = learnstats.PlaceGroupFeed },
		"reply to itself":  func(p *learnstats.Post) { p.ReplyTo = p.ID },
		"no time":          func(p *learnstats.Post) { p.At = time.Time{} },
	} {
		b := p
		edit(&b)
		if err := b.Validate(); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("post %s: %v", name, err)
		}
	}
	r := learnstats.Reaction{ID: "r1", User: "u2", Post: "p1", Kind: learnstats.ReactionLike, At: t0}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*learnstats.Reaction){
		"bogus kind":        func(r *learnstats.Reaction) { r.Kind = "bogus" },
		"no kind":           func(r *learnstats.Reaction) { r.Kind = "" },
		"post and course":   func(r *learnstats.Reaction) { r.Course = "k1" },
		"neither":           func(r *learnstats.Reaction) { r.Post = "" },
		"post with a score": func(r *learnstats.Reaction) { r.Score = 3 },
		"no user":           func(r *learnstats.Reaction) { r.User = "" },
		"no time":           func(r *learnstats.Reaction) { r.At = time.Time{} },
	} {
		b := r
		edit(&b)
		if err := b.Validate(); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("reaction %s: %v", name, err)
		}
	}
	c := learnstats.Reaction{ID: "r2", User: "u2", Course: "k1", Score: -2, At: t0}
	if err := c.Validate(); err != nil {
		t.Errorf("a course reaction with any score: %v", err)
	}
	c.Kind = learnstats.ReactionLike
	if err := c.Validate(); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("a course reaction with a kind: %v", err)
	}
}

func TestFeedStopsAtTheFirstError(t *testing.T) {
	cursor := errors.New("cursor broke")
	rows := func(fail int) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := range 5 {
				if i == fail {
					yield(0, cursor)
					return
				}
				if !yield(i, nil) {
					return
				}
			}
		}
	}
	var got []int
	add := func(i int) error {
		if i == 3 {
			return learnstats.ErrOverflow
		}
		got = append(got, i)
		return nil
	}
	if err := learnstats.Feed(rows(2), add); !errors.Is(err, cursor) || len(got) != 2 {
		t.Errorf("cursor error: %v after %v", err, got)
	}
	got = nil
	if err := learnstats.Feed(rows(-1), add); !errors.Is(err, learnstats.ErrOverflow) || len(got) != 3 {
		t.Errorf("add error: %v after %v", err, got)
	}
	if err := learnstats.Feed[int](nil, add); err != nil {
		t.Error(err)
	}
}
