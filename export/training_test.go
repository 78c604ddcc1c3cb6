package export_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// trainingTestAsOf is the fixed asOf of the training export tests.
var trainingTestAsOf = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// quizzes is a training of mandatory modules of one activity of max 100
// points (an attempt's points are its score), with the given names and
// required scores.
func quizzes(id learnstats.TrainingID, steps ...scoring.Step) scoring.Training {
	return scoring.Training{ID: id, Name: "Safety", Steps: steps}
}

func quiz(id learnstats.StepID, name string, mandatory bool, required int) scoring.Step {
	return scoring.Step{ID: id, Name: name, Kind: scoring.StepModule, Mandatory: mandatory, RequiredScore: required,
		Activities: []scoring.Activity{{ID: "q", Max: learnstats.WholePoints(100)}}}
}

// scoreTraining scores the attempts and attendances of the learners
// (registered a month before asOf) at trainingTestAsOf.
func scoreTraining(t *testing.T, def scoring.Training, learners []learnstats.UserID, attempts []learnstats.Attempt, attendances []scoring.Attendance) *scoring.TrainingResults {
	t.Helper()
	acc, err := scoring.NewTrainingAccumulator(trainingTestAsOf, def, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range learners {
		if err := acc.AddLearner(u, trainingTestAsOf.AddDate(0, -1, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range attempts {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range attendances {
		if err := acc.AddAttendance(a); err != nil {
			t.Fatal(err)
		}
	}
	return acc.Result()
}

// quizAttempt is an attempt of learner u at step scoring points, started
// three weeks before asOf and lasting d.
func quizAttempt(id learnstats.AttemptID, u learnstats.UserID, step learnstats.StepID, points int64, d time.Duration) learnstats.Attempt {
	start := trainingTestAsOf.AddDate(0, 0, -21)
	return learnstats.Attempt{ID: id, Learner: u, Step: step, Start: start, Finish: start.Add(d),
		Answers: []learnstats.Answer{{Activity: "q", Points: learnstats.WholePoints(points)}}}
}

// trainingResultTestRows scores four learners of a training of two
// mandatory modules and computes their D-4 rows through package dashboard,
// with awkward identities: a first name that starts with '=', a name with
// a comma and quotes, a line break, and a time spent above 24 hours.
func trainingResultTestRows(t *testing.T) []dashboard.ResultRow {
	t.Helper()
	def := quizzes("t1", quiz("m1", "Basics", true, 50), quiz("m2", "Final quiz", true, 50))
	res := scoreTraining(t, def, []learnstats.UserID{"u1", "u2", "u3", "u4"}, []learnstats.Attempt{
		// 80 and 65: 72.5, shown 73; completed and passed.
		quizAttempt("1", "u1", "m1", 80, time.Hour), quizAttempt("2", "u1", "m2", 65, time.Hour+5*time.Minute+9*time.Second),
		// 90 and 0: 45; m2 failed.
		quizAttempt("3", "u2", "m1", 90, 26*time.Hour), quizAttempt("4", "u2", "m2", 0, 30*time.Second),
		// u3: nothing yet. u4: 100 and 100, a certificate expiring at asOf.
		quizAttempt("5", "u4", "m1", 100, 30*time.Second), quizAttempt("6", "u4", "m2", 100, 29*time.Second),
	}, nil)
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Alice", LastName: "Martin", Email: "alice.martin@example.com"},
		{ID: "u2", FirstName: "=HYPERLINK(\"http://evil.example\")", LastName: "Nowak", Email: "dmitri@example.com"},
		{ID: "u3", FirstName: "Liam", LastName: "O'Brien, \"Jr\"", Email: "-liam@example.com"},
		{ID: "u4", FirstName: "Maya", LastName: "Cohen\nLevi", Email: "maya@example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	expiring := certificates.Certificate{ID: "c4", User: "u4", Name: "Safety", Delivered: trainingTestAsOf.AddDate(0, 0, -20), Expires: trainingTestAsOf}
	list, err := dashboard.Results(trainingTestAsOf, dashboard.Training{Results: res, Certificates: []certificates.Certificate{expiring}}, dir, learnstats.Everything)
	if err != nil {
		t.Fatal(err)
	}
	return list.Rows
}

// trainingContentTestRows computes the D-5 table of one training with a
// step nobody started, a live session, a half-second average time and a
// 57.5 % average score, through packages scoring and dashboard.
func trainingContentTestRows(t *testing.T) []dashboard.StepContent {
	t.Helper()
	def := quizzes("t1", quiz("m1", "Basics, part 1", true, 30), quiz("m2", "=Final \"quiz\"", true, 50),
		scoring.Step{ID: "c1", Name: "Classroom", Kind: scoring.StepLiveSession, Mandatory: true},
		quiz("m3", "Optional reading", false, 0))
	done := trainingTestAsOf.AddDate(0, 0, -19)
	res := scoreTraining(t, def, []learnstats.UserID{"u1", "u2", "u3"}, []learnstats.Attempt{
		quizAttempt("1", "u1", "m1", 80, 10*time.Minute),
		quizAttempt("2", "u2", "m1", 35, 20*time.Minute+time.Second),
		quizAttempt("3", "u1", "m2", 40, 3*time.Minute), // below the required 50
	}, []scoring.Attendance{{Learner: "u1", Step: "c1", At: done}, {Learner: "u3", Step: "c1", At: done}})
	c, err := dashboard.TrainingContent(trainingTestAsOf, dashboard.Training{Results: res})
	if err != nil {
		t.Fatal(err)
	}
	return c.Steps
}

func TestTrainingResultsExport(t *testing.T) {
	rows := trainingResultTestRows(t)
	opts := &export.Options{Format: export.Format{Location: export.Paris}}
	table := export.TrainingResultsTable()
	if diff := cmp.Diff([]string{"First name", "Last name", "Email", "Score", "Status", "Time spent"}, table.Headers()); diff != "" {
		t.Errorf("columns of SPEC section 10 (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	n, err := export.WriteCSV(&buf, table, slices.Values(rows), opts)
	if err != nil || n != len(rows) {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	export.Golden(t, "training-results.golden.csv", buf.Bytes())

	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values([]dashboard.ResultRow(nil)), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-results-empty.golden.csv", buf.Bytes())

	exporttest.Check(t, table, rows, opts)
	exporttest.Check(t, table, rows, &export.Options{BOM: true, CRLF: true})
	exporttest.Check(t, table, nil, nil)

	if got := export.FileName("training-results-path/é 1", trainingTestAsOf); got != "training-results-path____1-2026-11-22.csv" {
		t.Errorf("file name %q", got)
	}
}

func TestTrainingContentExport(t *testing.T) {
	rows := trainingContentTestRows(t)
	opts := &export.Options{Format: export.Format{Location: export.Paris}}
	table := export.TrainingContentTable()
	if diff := cmp.Diff([]string{"Step", "% Completed", "Avg score", "Avg time"}, table.Headers()); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	n, err := export.WriteCSV(&buf, table, slices.Values(rows), opts)
	if err != nil || n != len(rows) {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	export.Golden(t, "training-content.golden.csv", buf.Bytes())

	// A training without members: % Completed is empty, not 0.
	empty, err := dashboard.TrainingContent(trainingTestAsOf, dashboard.Training{
		Results: scoreTraining(t, quizzes("t9", quiz("m1", "Lonely", true, 0)), nil, nil, nil)})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values(empty.Steps), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-content-no-members.golden.csv", buf.Bytes())

	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values([]dashboard.StepContent(nil)), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-content-empty.golden.csv", buf.Bytes())

	// A step started without a score (a learner marked absent, D-5): no
	// average score, an average time.
	absent, err := dashboard.TrainingContent(trainingTestAsOf, dashboard.Training{Results: scoreTraining(t,
		quizzes("t8", scoring.Step{ID: "c1", Name: "Classroom", Kind: scoring.StepLiveSession, Mandatory: true}), []learnstats.UserID{"u1"}, nil,
		[]scoring.Attendance{{Learner: "u1", Step: "c1", At: trainingTestAsOf.AddDate(0, 0, -1), Absent: true}})})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values(absent.Steps), opts); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "Step,% Completed,Avg score,Avg time\nClassroom,0,,00:00:00\n"; got != want {
		t.Errorf("a step started without a score:\n%s\nwant\n%s", got, want)
	}

	exporttest.Check(t, table, rows, opts)
	exporttest.Check(t, table, empty.Steps, &export.Options{BOM: true, CRLF: true})
	exporttest.Check(t, table, nil, nil)
}
