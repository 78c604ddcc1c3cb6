package demo

import (
	"fmt"
	"io/fs"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// Backoffice holds the backoffice (wellbeing app) records: one profile
// per user with the activity counters, the surveys and their submissions
// (FORMAT-backoffice.md describes the files).
type Backoffice struct {
	// Users are the backoffice users, in users.csv order; email and
	// registration date come from users.csv.
	Users []stats.BackofficeUser
	// Surveys are the surveys in file order, their questions in file
	// order.
	Surveys []stats.Survey
	// Submissions are every survey's submissions, in file order, with the
	// submitter's email from users.csv.
	Submissions []stats.SurveySubmission
}

// Survey returns the survey with the given ID.
func (b *Backoffice) Survey(id string) (stats.Survey, bool) {
	for _, s := range b.Surveys {
		if s.ID == id {
			return s, true
		}
	}
	return stats.Survey{}, false
}

func loadBackoffice(fsys fs.FS, ds *Dataset) (*Backoffice, error) {
	b := &Backoffice{}
	rows := Open(fsys, "backoffice_profiles.csv", Schema{
		Required: []string{"user_id", "premium", "birth_date", "sex", "journals_completed", "journal_messages", "lessons_completed", "chats", "chat_messages"},
		Unique:   [][]string{{"user_id"}},
	})
	byUser := map[learnstats.UserID]stats.BackofficeUser{}
	for rows.Next() {
		u, _ := ds.Directory.User(ds.user(rows, "user_id"))
		bu := stats.BackofficeUser{
			ID: u.ID, Email: u.Email, RegisteredAt: u.RegisteredAt, Premium: rows.Bool("premium"),
			BirthDate: rows.Date("birth_date"), Sex: stats.BackofficeSex(rows.Text("sex")),
			JournalsCompleted: rows.Int64("journals_completed"), JournalMessages: rows.Int64("journal_messages"),
			LessonsCompleted: rows.Int64("lessons_completed"), Chats: rows.Int64("chats"), ChatMessages: rows.Int64("chat_messages"),
		}
		if !bu.Sex.Valid() {
			rows.Fail("sex", "%q: want Female, Male, Other or empty", bu.Sex)
		}
		rows.Check(bu.Validate())
		byUser[u.ID] = bu
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// users.csv order, so that the data does not depend on the profile
	// file's order.
	for _, u := range ds.Users {
		if bu, ok := byUser[u.ID]; ok {
			b.Users = append(b.Users, bu)
		}
	}

	rows = Open(fsys, "backoffice_surveys.csv", Schema{
		Required: []string{"survey_id", "title", "question_id", "question_text"},
		Unique:   [][]string{{"survey_id", "question_id"}},
	})
	surveyIndex := map[string]int{}
	for rows.Next() {
		id, title := rows.Text("survey_id"), rows.Text("title")
		j, ok := surveyIndex[id]
		if !ok {
			j = len(b.Surveys)
			surveyIndex[id] = j
			b.Surveys = append(b.Surveys, stats.Survey{ID: id, Title: title})
		} else if b.Surveys[j].Title != title {
			rows.Fail("title", "survey %q has two titles", id)
		}
		b.Surveys[j].Questions = append(b.Surveys[j].Questions, stats.SurveyQuestion{ID: rows.Text("question_id"), Text: rows.Text("question_text")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range b.Surveys {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("%w: backoffice_surveys.csv: %w", ErrBadData, err)
		}
	}

	rows = Open(fsys, "backoffice_submissions.csv", Schema{Required: []string{"id", "survey_id", "user_id", "submitted_at"}, Unique: [][]string{{"id"}}})
	subIndex := map[string]int{}
	for rows.Next() {
		sub := stats.SurveySubmission{ID: rows.Text("id"), SurveyID: rows.Ref("survey_id", "survey", func(id string) bool { _, ok := surveyIndex[id]; return ok }),
			User: ds.user(rows, "user_id"), SubmittedAt: rows.RequiredTime("submitted_at")}
		u, _ := ds.Directory.User(sub.User)
		sub.Email = u.Email
		subIndex[sub.ID] = len(b.Submissions)
		b.Submissions = append(b.Submissions, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "backoffice_answers.csv", Schema{Required: []string{"submission_id", "question_id", "answer"}})
	for rows.Next() {
		j, ok := subIndex[rows.Ref("submission_id", "submission", func(id string) bool { _, ok := subIndex[id]; return ok })]
		q := rows.Text("question_id")
		if !ok {
			continue
		}
		sub := &b.Submissions[j]
		if !backofficeHasQuestion(b.Surveys[surveyIndex[sub.SurveyID]], q) {
			rows.Fail("question_id", "question %q is not in survey %q", q, sub.SurveyID)
		}
		sub.Answers = append(sub.Answers, stats.SurveyAnswer{Question: q, Value: rows.Text("answer")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return b, nil
}

func backofficeHasQuestion(s stats.Survey, id string) bool {
	for _, q := range s.Questions {
		if q.ID == id {
			return true
		}
	}
	return false
}
