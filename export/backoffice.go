package export

import (
	"time"

	"github.com/learnstats/learnstats/stats/backoffice"
)

// The backoffice exports of a wellbeing app: the per-user CSV (B-3) and
// the survey results (B-4).

// BackofficeUsersTable returns the "backoffice users" export (rules B-2,
// B-3): Registration date, Email, Premium, Journals completed, Journal
// messages, Lessons completed, Chats, Chat messages, Age, Sex. Its rows are
// a [backoffice.Table]'s, in the table's sort order, with the ages at the
// asOf the table was computed for; the premium filter and the sort are the
// query's, not the export's.
func BackofficeUsersTable() Table[backoffice.Row] {
	type row = backoffice.Row
	return New("backoffice-users",
		Date("Registration date", "The day the user registered, DD/MM/YYYY in the viewer's location; empty when not registered (B-2, X-4).",
			func(r row) time.Time { return r.RegisteredAt }),
		Text("Email", "The user's email (B-2).", func(r row) string { return r.Email }),
		Bool("Premium", "True when the user has a premium subscription, else False (B-2, X-4).", func(r row) bool { return r.Premium }),
		Int("Journals completed", "Number of journal sessions the user completed (B-1, B-2).", func(r row) int64 { return r.JournalsCompleted }),
		Int("Journal messages", "Number of messages the user wrote in journals (B-2).", func(r row) int64 { return r.JournalMessages }),
		Int("Lessons completed", "Number of lesson completions, every completion counted (B-1, B-2).", func(r row) int64 { return r.LessonsCompleted }),
		Int("Chats", "Number of chat conversations of the user (B-2).", func(r row) int64 { return r.Chats }),
		Int("Chat messages", "Number of chat messages the user sent (B-2).", func(r row) int64 { return r.ChatMessages }),
		OptInt("Age", "The user's age in whole years at asOf; empty when the birth date is unknown (B-3).",
			func(r row) (int64, bool) { return int64(r.Age), r.AgeKnown }),
		Label("Sex", "Female, Male or Other as the user stated it; empty when not stated (B-3).",
			func(r row) string { return r.Sex }),
	)
}

// SurveyResultsTable returns the "survey results" export (rule B-4) of
// survey s: Email, one column per question in the survey's order, then
// Submission date. Write it with the Rows of the [backoffice.SurveyResults]
// whose Survey is s. A question's header is its text; a repeated text is
// suffixed " (2)", " (3)", … from its second occurrence on
// (as the other dynamic headers), and a question whose text is "Email" or "Submission
// date" is suffixed the same way, so that those two columns keep their
// names. A question's cell holds the answers joined with "; ", empty when
// unanswered; it is user text, so the formula guard of X-5 applies.
func SurveyResultsTable(s backoffice.Survey) Table[backoffice.SurveyRow] {
	type row = backoffice.SurveyRow
	questions := s.Questions
	texts := make([]string, 0, len(questions)+2)
	texts = append(texts, "Email", "Submission date")
	for _, q := range questions {
		texts = append(texts, q.Text)
	}
	headers := uniqueHeaders(texts)[2:]
	cols := make([]Column[row], 0, len(questions)+2)
	cols = append(cols, Text("Email", "The submitter's email (B-4).", func(r row) string { return r.Email }))
	for i := range questions {
		cols = append(cols, Column[row]{
			Header: headers[i],
			Doc: "The answers to this question, several joined with \"; \", empty when unanswered; one column per question " +
				"in the survey's order, headed by its text, a repeated text suffixed (2), (3) (B-4).",
			UserText:       true,
			HeaderUserText: true, // the question text is the survey author's
			Render: func(dst []byte, r row, _ *Format) []byte {
				if i < len(r.Answers) {
					return append(dst, r.Answers[i]...)
				}
				return dst
			},
		})
	}
	cols = append(cols, DateTime("Submission date", "When the survey was submitted, DD/MM/YYYY HH:mm in the viewer's location (B-4, X-4).",
		func(r row) time.Time { return r.SubmittedAt }))
	return New("survey-results", cols...)
}

func init() {
	addReference("Backoffice users", BackofficeUsersTable)
	addReference("Survey results", func() Table[backoffice.SurveyRow] {
		return SurveyResultsTable(backoffice.Survey{ID: "s", Questions: []backoffice.Question{{ID: "q", Text: "{questions}"}}})
	})
}
