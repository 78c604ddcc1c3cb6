package export_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/stats"
)

// trainingTestAsOf is the fixed asOf of the training export tests.
var trainingTestAsOf = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// trainingResultTestRows computes the D-4 results of four learners through
// the stats API and joins them with awkward identities: a first name that
// starts with '=', a name with a comma and quotes, a line break, and a
// time spent above 24 hours.
func trainingResultTestRows(t *testing.T) []export.TrainingResultRow {
	t.Helper()
	reg := trainingTestAsOf.AddDate(0, -1, 0)
	learners := []stats.TrainingLearner{
		{Training: "t1", User: "u1", RegisteredAt: reg, Score: 73, CompletedAt: reg.AddDate(0, 0, 3),
			TimeSpent: 2*time.Hour + 5*time.Minute + 9*time.Second, Mandatory: stats.MandatoryStepStatuses{Passed: 2}},
		{Training: "t1", User: "u2", RegisteredAt: reg, Score: 45, TimeSpent: 26*time.Hour + 30*time.Second,
			Mandatory: stats.MandatoryStepStatuses{Passed: 1, Failed: 1}},
		{Training: "t1", User: "u3", RegisteredAt: reg, Score: 0, Mandatory: stats.MandatoryStepStatuses{Pending: 2}},
		{Training: "t1", User: "u4", RegisteredAt: reg, Score: 100, CompletedAt: reg.AddDate(0, 0, 1),
			CertificateExpiresAt: trainingTestAsOf, TimeSpent: 59 * time.Second},
	}
	users := map[learnstats.UserID]learnstats.User{
		"u1": {ID: "u1", FirstName: "Alice", LastName: "Martin", Email: "alice.martin@example.com"},
		"u2": {ID: "u2", FirstName: "=HYPERLINK(\"http://evil.example\")", LastName: "Nowak", Email: "dmitri@example.com"},
		"u3": {ID: "u3", FirstName: "Liam", LastName: "O'Brien, \"Jr\"", Email: "-liam@example.com"},
		"u4": {ID: "u4", FirstName: "Maya", LastName: "Cohen\nLevi", Email: "maya@example.com"},
	}
	res, err := stats.ComputeTrainingResults(slices.Values(learners), trainingTestAsOf)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]export.TrainingResultRow, 0, len(res.Rows))
	for _, r := range res.Rows {
		rows = append(rows, export.TrainingResultRow{User: users[r.User], Result: r})
	}
	return rows
}

// trainingContentTestRows computes the D-5 table of one training with a
// step nobody started, a step without scores, a half-second average time
// and a 57.5 % average score.
func trainingContentTestRows(t *testing.T) []stats.TrainingContentStep {
	t.Helper()
	reg := trainingTestAsOf.AddDate(0, -1, 0)
	steps := []stats.TrainingStepInfo{
		{Training: "t1", ID: "m1", Name: "Basics, part 1", Position: 1},
		{Training: "t1", ID: "m2", Name: "=Final \"quiz\"", Position: 2},
		{Training: "t1", ID: "c1", Name: "Classroom", Position: 3},
		{Training: "t1", ID: "m3", Name: "Optional reading", Position: 4},
	}
	var learners []stats.TrainingLearner
	for _, u := range []learnstats.UserID{"u1", "u2", "u3"} {
		learners = append(learners, stats.TrainingLearner{Training: "t1", User: u, RegisteredAt: reg, Progress: decimal.Zero})
	}
	done := reg.AddDate(0, 0, 2)
	results := []stats.TrainingStepResult{
		{Training: "t1", Step: "m1", User: "u1", CompletedAt: done, Score: 80, HasScore: true, TimeSpent: 10 * time.Minute},
		{Training: "t1", Step: "m1", User: "u2", CompletedAt: done, Score: 35, HasScore: true, TimeSpent: 20*time.Minute + time.Second},
		{Training: "t1", Step: "m2", User: "u1", Score: 40, HasScore: true, TimeSpent: 3 * time.Minute},
		{Training: "t1", Step: "c1", User: "u1", CompletedAt: done},
		{Training: "t1", Step: "c1", User: "u3", CompletedAt: done},
	}
	res, err := stats.ComputeTrainingContent(nil, slices.Values(steps), slices.Values(learners), slices.Values(results), trainingTestAsOf)
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := res.Training("t1")
	if !ok {
		t.Fatal("no t1")
	}
	return tr.Steps
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
	if _, err := export.WriteCSV(&buf, table, slices.Values([]export.TrainingResultRow(nil)), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-results-empty.golden.csv", buf.Bytes())

	exporttest.Check(t, table, rows, opts)
	exporttest.Check(t, table, rows, &export.Options{BOM: true, CRLF: true})
	exporttest.Check(t, table, nil, nil)

	if got := export.TrainingResultsFileName("path/é 1", trainingTestAsOf); got != "training-results-path____1-2026-11-22.csv" {
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
	empty, err := stats.ComputeTrainingContent(nil,
		slices.Values([]stats.TrainingStepInfo{{Training: "t9", ID: "m1", Name: "Lonely", Position: 1}}), nil, nil, trainingTestAsOf)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values(empty.Trainings[0].Steps), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-content-no-members.golden.csv", buf.Bytes())

	buf.Reset()
	if _, err := export.WriteCSV(&buf, table, slices.Values([]stats.TrainingContentStep(nil)), opts); err != nil {
		t.Fatal(err)
	}
	export.Golden(t, "training-content-empty.golden.csv", buf.Bytes())

	exporttest.Check(t, table, rows, opts)
	exporttest.Check(t, table, empty.Trainings[0].Steps, &export.Options{BOM: true, CRLF: true})
	exporttest.Check(t, table, nil, nil)
}
