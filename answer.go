package learnstats

import (
	"fmt"
	"time"
)

// hundredPoints is 100 in Points units: the top of a 0–100 score.
const hundredPoints = 100 * pointsUnit

// QuestionAnswer is one answer of a learner to a question, with its score:
// the one record of that fact for every rule that reads it — the average
// score counting every answer (S-12), scores by tag (S-13) and the
// answered-questions table (L-9).
type QuestionAnswer struct {
	// ID identifies the answer; on a time tie the higher ID is the later
	// answer ([CompareIDs], Rule L-9).
	ID string
	// Learner is the learner who answered.
	Learner UserID
	// Question is the question answered.
	Question QuestionID
	// Tags are the question's tags (S-13); a tag listed twice counts once.
	Tags []TagID
	// At is when the answer was given.
	At time.Time
	// Score is the answer's score in percent, 0–100, as exact fixed point
	// (WholePoints(50) is 50 %; ParsePoints("33.5") is 33.5 %).
	Score Points
}

// Validate reports an answer that breaks an invariant, with an error
// naming it and wrapping [ErrInvalidRecord].
func (a QuestionAnswer) Validate() error {
	return checkAnswer("answer", a.ID, a.Learner, "question", string(a.Question), a.Tags, a.At, a.Score, true)
}

// AssessmentScore is one attempt of a learner at an assessment, with the
// score it got: the record for the scores by tag (S-13) and the average
// score of the learner statistics (L-5).
type AssessmentScore struct {
	// ID identifies the record.
	ID string
	// Learner is the learner assessed.
	Learner UserID
	// Assessment is the assessment.
	Assessment AssessmentID
	// Tags are the assessment's tags (S-13).
	Tags []TagID
	// At is when the assessment was taken.
	At time.Time
	// Score is the score in percent 0–100 (fixed point, as
	// QuestionAnswer's), meaningful only when Scored.
	Score Points
	// Scored reports whether the attempt has a score; one without counts
	// in no average.
	Scored bool
}

// Validate reports a record that breaks an invariant, with an error naming
// it and wrapping [ErrInvalidRecord].
func (a AssessmentScore) Validate() error {
	return checkAnswer("assessment score", a.ID, a.Learner, "assessment", string(a.Assessment), a.Tags, a.At, a.Score, a.Scored)
}

func checkAnswer(what, id string, learner UserID, subject, sid string, tags []TagID, at time.Time, score Points, scored bool) error {
	bad := func(msg string) error {
		return fmt.Errorf("learnstats: %s %q of learner %q, %s %q: %s: %w", what, id, learner, subject, sid, msg, ErrInvalidRecord)
	}
	switch {
	case id == "":
		return bad("no ID")
	case learner == "":
		return bad("no learner")
	case sid == "":
		return bad("no " + subject)
	case at.IsZero():
		return bad("no time")
	case scored && (score < 0 || score > hundredPoints):
		return bad("score " + score.String() + " outside 0–100")
	}
	for _, t := range tags {
		if t == "" {
			return bad("empty tag")
		}
	}
	return nil
}
