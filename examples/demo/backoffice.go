package demo

import (
	"io/fs"
	"strconv"

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

type backofficeProfileRow struct {
	UserID            string `csv:"user_id"`
	Premium           string `csv:"premium"`
	BirthDate         string `csv:"birth_date"`
	Sex               string `csv:"sex"`
	JournalsCompleted int64  `csv:"journals_completed"`
	JournalMessages   int64  `csv:"journal_messages"`
	LessonsCompleted  int64  `csv:"lessons_completed"`
	Chats             int64  `csv:"chats"`
	ChatMessages      int64  `csv:"chat_messages"`
}

type backofficeSurveyRow struct {
	SurveyID     string `csv:"survey_id"`
	Title        string `csv:"title"`
	QuestionID   string `csv:"question_id"`
	QuestionText string `csv:"question_text"`
}

type backofficeSubmissionRow struct {
	ID          string `csv:"id"`
	SurveyID    string `csv:"survey_id"`
	UserID      string `csv:"user_id"`
	SubmittedAt string `csv:"submitted_at"`
}

type backofficeAnswerRow struct {
	SubmissionID string `csv:"submission_id"`
	QuestionID   string `csv:"question_id"`
	Answer       string `csv:"answer"`
}

func loadBackoffice(fsys fs.FS, ds *Dataset) (*Backoffice, error) {
	b := &Backoffice{}
	const profiles = "backoffice_profiles.csv"
	prows, err := ReadCSV[backofficeProfileRow](fsys, profiles)
	if err != nil {
		return nil, err
	}
	byUser := make(map[learnstats.UserID]int, len(prows))
	for i, p := range prows {
		id := learnstats.UserID(p.UserID)
		u, ok := ds.Directory.User(id)
		if !ok {
			return nil, Errorf(profiles, i, 1, "unknown user %q", p.UserID)
		}
		if _, dup := byUser[id]; dup {
			return nil, Errorf(profiles, i, 1, "second profile for user %q", p.UserID)
		}
		premium, err := strconv.ParseBool(p.Premium)
		if err != nil {
			return nil, Errorf(profiles, i, 2, "premium: %w", err)
		}
		var birth learnstats.Date
		if p.BirthDate != "" {
			if birth, err = learnstats.ParseDate(p.BirthDate); err != nil {
				return nil, Errorf(profiles, i, 3, "birth_date: %w", err)
			}
		}
		bu := stats.BackofficeUser{
			ID: id, Email: u.Email, RegisteredAt: u.RegisteredAt, Premium: premium,
			BirthDate: birth, Sex: stats.BackofficeSex(p.Sex),
			JournalsCompleted: p.JournalsCompleted, JournalMessages: p.JournalMessages,
			LessonsCompleted: p.LessonsCompleted, Chats: p.Chats, ChatMessages: p.ChatMessages,
		}
		if !bu.Sex.Valid() {
			return nil, Errorf(profiles, i, 4, "sex %q: want Female, Male, Other or empty", p.Sex)
		}
		if err := bu.Validate(); err != nil {
			return nil, Errorf(profiles, i, 0, "%w", err)
		}
		byUser[id] = len(b.Users)
		b.Users = append(b.Users, bu)
	}
	// users.csv order, so that the data does not depend on the profile
	// file's order.
	ordered := make([]stats.BackofficeUser, 0, len(b.Users))
	for _, u := range ds.Users {
		if i, ok := byUser[u.ID]; ok {
			ordered = append(ordered, b.Users[i])
		}
	}
	b.Users = ordered

	const surveys = "backoffice_surveys.csv"
	srows, err := ReadCSV[backofficeSurveyRow](fsys, surveys)
	if err != nil {
		return nil, err
	}
	surveyIndex := map[string]int{}
	for i, r := range srows {
		j, ok := surveyIndex[r.SurveyID]
		if !ok {
			j = len(b.Surveys)
			surveyIndex[r.SurveyID] = j
			b.Surveys = append(b.Surveys, stats.Survey{ID: r.SurveyID, Title: r.Title})
		} else if b.Surveys[j].Title != r.Title {
			return nil, Errorf(surveys, i, 2, "survey %q has two titles", r.SurveyID)
		}
		b.Surveys[j].Questions = append(b.Surveys[j].Questions, stats.SurveyQuestion{ID: r.QuestionID, Text: r.QuestionText})
	}
	for _, s := range b.Surveys {
		if err := s.Validate(); err != nil {
			return nil, &PositionError{File: surveys, Err: err}
		}
	}

	const submissions = "backoffice_submissions.csv"
	subRows, err := ReadCSV[backofficeSubmissionRow](fsys, submissions)
	if err != nil {
		return nil, err
	}
	subIndex := map[string]int{}
	for i, r := range subRows {
		if _, ok := surveyIndex[r.SurveyID]; !ok {
			return nil, Errorf(submissions, i, 2, "unknown survey %q", r.SurveyID)
		}
		u, ok := ds.Directory.User(learnstats.UserID(r.UserID))
		if !ok {
			return nil, Errorf(submissions, i, 3, "unknown user %q", r.UserID)
		}
		at, err := ParseTime(r.SubmittedAt)
		if err != nil || at.IsZero() {
			return nil, Errorf(submissions, i, 4, "submitted_at %q: want an RFC 3339 time", r.SubmittedAt)
		}
		if _, dup := subIndex[r.ID]; dup || r.ID == "" {
			return nil, Errorf(submissions, i, 1, "empty or duplicate submission ID %q", r.ID)
		}
		subIndex[r.ID] = len(b.Submissions)
		b.Submissions = append(b.Submissions, stats.SurveySubmission{
			ID: r.ID, SurveyID: r.SurveyID, User: u.ID, Email: u.Email, SubmittedAt: at,
		})
	}

	const answers = "backoffice_answers.csv"
	arows, err := ReadCSV[backofficeAnswerRow](fsys, answers)
	if err != nil {
		return nil, err
	}
	for i, r := range arows {
		j, ok := subIndex[r.SubmissionID]
		if !ok {
			return nil, Errorf(answers, i, 1, "unknown submission %q", r.SubmissionID)
		}
		sub := &b.Submissions[j]
		if !backofficeHasQuestion(b.Surveys[surveyIndex[sub.SurveyID]], r.QuestionID) {
			return nil, Errorf(answers, i, 2, "question %q is not in survey %q", r.QuestionID, sub.SurveyID)
		}
		sub.Answers = append(sub.Answers, stats.SurveyAnswer{Question: r.QuestionID, Value: r.Answer})
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
