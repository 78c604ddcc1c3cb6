package export

import (
	"time"

	"github.com/learnstats/learnstats/stats/dashboard"
)

// TrainingResultsTable returns the "training results" export of SPEC
// section 10 (Opigno): First name, Last name, Email, Score, Status, Time
// spent, one row per learner of one training (rule D-4). Write it with the
// rows of [dashboard.Results], which took the viewer's scope. Its name is
// "training-results"; an export covers one training, so a caller writing
// several trainings names each file after its training:
// FileName("training-results-"+string(id), asOf).
func TrainingResultsTable() Table[dashboard.ResultRow] {
	type row = dashboard.ResultRow
	return New("training-results",
		Text("First name", "The learner's first name.", func(r row) string { return r.User.FirstName }),
		Text("Last name", "The learner's last name.", func(r row) string { return r.User.LastName }),
		Text("Email", "The learner's email.", func(r row) string { return r.User.Email }),
		Int("Score", "The training score, integer percent 0–100: the rounded mean of the mandatory steps' scores (S-6).",
			func(r row) int64 { return r.Score.Int() }),
		Label("Status", "Pending, Success, Failed or Expired at asOf (D-4).",
			func(r row) string { return r.Status.String() }),
		Duration("Time spent", "Time spent in the training, HH:MM:SS: the sum of the finished attempts' durations (S-11).",
			func(r row) time.Duration { return r.TimeSpent }),
	)
}

func fileSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// TrainingContentTable returns the "training content" export: Step, %
// Completed, Avg score, Avg time, one row per step of one training in the
// order of [dashboard.Content].Steps (rule D-5). Its name is
// "training-content".
func TrainingContentTable() Table[dashboard.StepContent] {
	type step = dashboard.StepContent
	return New("training-content",
		Text("Step", "The step's name.", func(s step) string { return s.Name }),
		OptInt("% Completed", "Members who completed the step / all members, integer percent rounded half away from zero; empty when the training has no member (D-5).",
			func(s step) (int64, bool) { return s.Completion.Int(), s.Completion.Valid() }),
		OptInt("Avg score", "Mean step score of the members with a score, integer percent rounded half away from zero; empty when nobody has one (D-5).",
			func(s step) (int64, bool) { return s.AvgScore.Int(), s.AvgScore.Valid() }),
		Column[step]{
			Header: "Avg time",
			Doc:    "Mean time spent on the step by the members who started it, HH:MM:SS rounded to the second; empty when nobody started it (D-5).",
			Render: func(dst []byte, s step, f *Format) []byte {
				if s.Started == 0 {
					return dst
				}
				return f.AppendDuration(dst, s.AvgTimeSpent)
			},
		},
	)
}

func init() {
	addReference("Training results", TrainingResultsTable)
	addReference("Training content", TrainingContentTable)
}
