package demo

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// Backoffice holds the backoffice (wellbeing app) records in the input
// types of package stats/backoffice: one user per profile with the
// activity counters, the surveys and their submissions
// (FORMAT-backoffice.md describes the files).
type Backoffice struct {
	// Users are the backoffice users, in users.csv order: the identity
	// (email, registration date) is the user of users.csv.
	Users []backoffice.User
	// Surveys are the surveys in file order, their questions in file
	// order.
	Surveys []backoffice.Survey
	// Submissions are every survey's submissions, in file order, with the
	// submitter's email from users.csv.
	Submissions []backoffice.Submission
}

// Survey returns the survey with the given ID.
func (b *Backoffice) Survey(id string) (backoffice.Survey, bool) {
	i := slices.IndexFunc(b.Surveys, func(s backoffice.Survey) bool { return s.ID == id })
	if i < 0 {
		return backoffice.Survey{}, false
	}
	return b.Surveys[i], true
}

func loadBackoffice(fsys fs.FS, ds *Dataset) (*Backoffice, error) {
	b := &Backoffice{}
	for _, load := range []func(fs.FS, *Dataset) error{b.profiles, b.surveys, b.submissions, b.answers} {
		if err := load(fsys, ds); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *Backoffice) profiles(fsys fs.FS, ds *Dataset) error {
	rows := Open(fsys, "backoffice_profiles.csv", Schema{
		Required: []string{"user_id", "premium", "birth_date", "sex", "journals_completed", "journal_messages", "lessons_completed", "chats", "chat_messages"},
		Unique:   [][]string{{"user_id"}},
	})
	byUser := map[learnstats.UserID]backoffice.User{}
	for rows.Next() {
		u, _ := ds.Directory.User(ds.user(rows, "user_id"))
		bu := backoffice.User{
			User: u, Premium: rows.Bool("premium"), BirthDate: rows.Date("birth_date"), Sex: rows.Text("sex"),
			JournalsCompleted: rows.Int64("journals_completed"), JournalMessages: rows.Int64("journal_messages"),
			LessonsCompleted: rows.Int64("lessons_completed"), Chats: rows.Int64("chats"), ChatMessages: rows.Int64("chat_messages"),
		}
		if rows.Err() == nil {
			// The sex is checked alone first, so that its error names the
			// column; then the whole record.
			rows.CheckCell("sex", backoffice.User{User: learnstats.User{ID: u.ID}, Sex: bu.Sex}.Validate())
			rows.Check(bu.Validate())
		}
		byUser[u.ID] = bu
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// users.csv order, so that the data does not depend on the profile
	// file's order.
	for _, u := range ds.Users {
		if bu, ok := byUser[u.ID]; ok {
			b.Users = append(b.Users, bu)
		}
	}
	return nil
}

func (b *Backoffice) surveys(fsys fs.FS, _ *Dataset) error {
	rows := Open(fsys, "backoffice_surveys.csv", Schema{
		Required: []string{"survey_id", "title", "question_id", "question_text"},
		Unique:   [][]string{{"survey_id", "question_id"}},
	})
	for rows.Next() {
		id, title := rows.Text("survey_id"), rows.Text("title")
		j := slices.IndexFunc(b.Surveys, func(s backoffice.Survey) bool { return s.ID == id })
		if j < 0 {
			j = len(b.Surveys)
			b.Surveys = append(b.Surveys, backoffice.Survey{ID: id, Title: title})
		} else if b.Surveys[j].Title != title {
			rows.Fail("title", "survey %q has two titles", id)
		}
		b.Surveys[j].Questions = append(b.Surveys[j].Questions, backoffice.Question{ID: rows.Text("question_id"), Text: rows.Text("question_text")})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Package backoffice checks a survey when an accumulator of its export
	// is built (an empty question text would be an empty header, B-4).
	for _, s := range b.Surveys {
		if _, err := backoffice.NewSurveyAccumulator(s, backoffice.DateRange{}); err != nil {
			return fmt.Errorf("%w: backoffice_surveys.csv: %w", ErrBadData, err)
		}
	}
	return nil
}

func (b *Backoffice) submissions(fsys fs.FS, ds *Dataset) error {
	rows := Open(fsys, "backoffice_submissions.csv", Schema{Required: []string{"id", "survey_id", "user_id", "submitted_at"}, Unique: [][]string{{"id"}}})
	isSurvey := func(id string) bool { _, ok := b.Survey(id); return ok }
	for rows.Next() {
		sub := backoffice.Submission{ID: rows.Text("id"), Survey: rows.Ref("survey_id", "survey", isSurvey),
			User: ds.user(rows, "user_id"), SubmittedAt: rows.RequiredTime("submitted_at"), Answers: map[string][]string{}}
		u, _ := ds.Directory.User(sub.User)
		sub.Email = u.Email
		b.Submissions = append(b.Submissions, sub)
	}
	return rows.Err()
}

func (b *Backoffice) answers(fsys fs.FS, _ *Dataset) error {
	rows := Open(fsys, "backoffice_answers.csv", Schema{Required: []string{"submission_id", "question_id", "answer"}})
	index := map[string]int{}
	for i, s := range b.Submissions {
		index[s.ID] = i
	}
	for rows.Next() {
		j, ok := index[rows.Ref("submission_id", "submission", func(id string) bool { _, ok := index[id]; return ok })]
		q := rows.Text("question_id")
		if !ok {
			continue
		}
		sub := &b.Submissions[j]
		s, _ := b.Survey(sub.Survey)
		if !slices.ContainsFunc(s.Questions, func(x backoffice.Question) bool { return x.ID == q }) {
			rows.Fail("question_id", "question %q is not in survey %q", q, sub.Survey)
		}
		sub.Answers[q] = append(sub.Answers[q], rows.Text("answer"))
	}
	return rows.Err()
}
