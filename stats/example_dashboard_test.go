package stats_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// Active users per day over the first week of November 2026 in Paris
// (rule D-1): every day is present, and a login at exactly the midnight
// after the range belongs to the next range.
func ExampleCountActiveUsersPerDay() {
	paris, _ := time.LoadLocation("Europe/Paris")
	week, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 11, Day: 1}, learnstats.Date{Year: 2026, Month: 11, Day: 3}, paris)
	logins := []stats.ActiveUserEvent{
		{User: "u01", At: time.Date(2026, 11, 1, 9, 0, 0, 0, paris)},
		{User: "u01", At: time.Date(2026, 11, 1, 17, 0, 0, 0, paris)},
		{User: "u02", At: time.Date(2026, 11, 1, 23, 30, 0, 0, time.UTC)}, // 00:30 on the 2nd in Paris
		{User: "u03", At: time.Date(2026, 11, 4, 0, 0, 0, 0, paris)},      // next range
	}
	res, err := stats.CountActiveUsersPerDay(slices.Values(logins), week, paris)
	if err != nil {
		panic(err)
	}
	for _, d := range res.Days {
		fmt.Println(d.Date, d.Users)
	}
	fmt.Println("outside the range:", res.OutsideRange)
	// Output:
	// 2026-11-01 1
	// 2026-11-02 1
	// 2026-11-03 0
	// outside the range: 1
}

// Training progress and completion at a cutoff (rule D-2): two trainings
// share a name but stay separate, an expired certificate counts as 0
// progress, and the global figures are the unweighted mean over trainings.
func ExampleComputeTrainingProgress() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	reg := cutoff.AddDate(0, -1, 0)
	trainings := []stats.TrainingInfo{{ID: "t1", Name: "Safety"}, {ID: "t2", Name: "Safety"}}
	learners := []stats.TrainingLearner{
		{Training: "t1", User: "u01", RegisteredAt: reg, Progress: decimal.NewFromInt(100), CompletedAt: reg.AddDate(0, 0, 3)},
		{Training: "t1", User: "u02", RegisteredAt: reg, Progress: decimal.NewFromInt(15)},
		{Training: "t2", User: "u01", RegisteredAt: reg, Progress: decimal.NewFromInt(100), CompletedAt: reg.AddDate(0, 0, 1),
			CertificateExpiresAt: cutoff.AddDate(0, 0, -1)},
		{Training: "t2", User: "u03", RegisteredAt: reg, Progress: decimal.NewFromInt(57)},
	}
	res, err := stats.ComputeTrainingProgress(slices.Values(trainings), slices.Values(learners), cutoff)
	if err != nil {
		panic(err)
	}
	for _, tr := range res.Trainings {
		fmt.Printf("%s %s: progress %s (%d %%), completion %d %%, %d learners, %d expired\n",
			tr.Training, tr.Name, tr.Progress.Decimal(2).StringFixed(2), tr.Progress.Round(), tr.Completion.Round(), tr.Learners, tr.Expired)
	}
	fmt.Printf("global: progress %s, completion %s over %d trainings\n",
		res.Global.Progress.Decimal(2).StringFixed(2), res.Global.Completion.Decimal(2).StringFixed(2), res.Global.Trainings)
	// Output:
	// t1 Safety: progress 57.50 (58 %), completion 50 %, 2 learners, 0 expired
	// t2 Safety: progress 28.50 (29 %), completion 0 %, 2 learners, 1 expired
	// global: progress 43.00, completion 25.00 over 2 trainings
}

// Accumulators computed on shards combine exactly with Merge.
func ExampleTrainingProgress_Merge() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	reg := cutoff.AddDate(0, -1, 0)
	a := stats.TrainingProgress{Cutoff: cutoff}
	b := stats.TrainingProgress{Cutoff: cutoff}
	_ = a.Add(stats.TrainingLearner{Training: "t1", User: "u01", RegisteredAt: reg, Progress: decimal.NewFromInt(1)})
	_ = b.Add(stats.TrainingLearner{Training: "t1", User: "u02", RegisteredAt: reg, Progress: decimal.NewFromInt(2)})
	_ = b.Add(stats.TrainingLearner{Training: "t1", User: "u03", RegisteredAt: reg, Progress: decimal.NewFromInt(2)})
	if err := a.Merge(&b); err != nil {
		panic(err)
	}
	res, err := a.Result()
	if err != nil {
		panic(err)
	}
	tr := res.Trainings[0]
	fmt.Println(tr.Learners, tr.Progress, tr.Progress.Decimal(3))
	// Output:
	// 3 5/3 1.667
}

// Class statistics (rule D-3): members × the trainings the class is
// registered in; a member without a record counts as 0 progress.
func ExampleComputeClassStatistics() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	reg := cutoff.AddDate(0, -1, 0)
	class := stats.TrainingClass{
		ID:        "g4",
		Members:   []learnstats.UserID{"u01", "u02"},
		Trainings: []stats.TrainingClassRegistration{{Training: "t1", RegisteredAt: reg}},
	}
	learners := []stats.TrainingLearner{
		{Training: "t1", User: "u01", RegisteredAt: reg, Progress: decimal.NewFromInt(80), CompletedAt: reg.AddDate(0, 0, 2)},
		{Training: "t1", User: "u07", RegisteredAt: reg, Progress: decimal.NewFromInt(100)}, // not a member
	}
	res, err := stats.ComputeClassStatistics(class, nil, slices.Values(learners), cutoff)
	if err != nil {
		panic(err)
	}
	tr := res.Trainings[0]
	fmt.Printf("%s: %d learners, progress %d %%, completion %d %%; outside the class %d, members without record %d\n",
		tr.Training, tr.Learners, tr.Progress.Round(), tr.Completion.Round(), res.OutsideClass, res.ClassMembersWithoutRecord)
	// Output:
	// t1: 2 learners, progress 40 %, completion 50 %; outside the class 1, members without record 1
}

// Users results of a training (rule D-4).
func ExampleComputeTrainingResults() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	reg := asOf.AddDate(0, -2, 0)
	learners := []stats.TrainingLearner{
		{Training: "t1", User: "u02", RegisteredAt: reg, Score: 45, TimeSpent: 95 * time.Minute,
			Mandatory: stats.MandatoryStepStatuses{Passed: 1, Failed: 1}},
		{Training: "t1", User: "u01", RegisteredAt: reg, Score: 73, TimeSpent: 2 * time.Hour,
			CompletedAt: reg.AddDate(0, 0, 5)},
		{Training: "t1", User: "u03", RegisteredAt: reg, Score: 90, CompletedAt: reg.AddDate(0, 0, 1),
			CertificateExpiresAt: asOf.AddDate(0, 0, -1)},
		{Training: "t1", User: "u04", RegisteredAt: reg, Mandatory: stats.MandatoryStepStatuses{Pending: 2}},
	}
	res, err := stats.ComputeTrainingResults(slices.Values(learners), asOf)
	if err != nil {
		panic(err)
	}
	for _, r := range res.Rows {
		fmt.Println(r.User, r.Score, r.Status, r.TimeSpent)
	}
	// Output:
	// u01 73 Success 2h0m0s
	// u02 45 Failed 1h35m0s
	// u03 90 Expired 0s
	// u04 0 Pending 0s
}

// Training content (rule D-5): completion over all members, average score
// over members with a score, average time over members who started.
func ExampleComputeTrainingContent() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	reg := asOf.AddDate(0, -2, 0)
	steps := []stats.TrainingStepInfo{
		{Training: "t1", ID: "m1", Name: "Basics", Position: 1},
		{Training: "t1", ID: "m2", Name: "Final quiz", Position: 2},
	}
	var learners []stats.TrainingLearner
	for _, u := range []learnstats.UserID{"u01", "u02", "u03"} {
		learners = append(learners, stats.TrainingLearner{Training: "t1", User: u, RegisteredAt: reg})
	}
	results := []stats.TrainingStepResult{
		{Training: "t1", Step: "m1", User: "u01", CompletedAt: reg.AddDate(0, 0, 1), Score: 80, HasScore: true, TimeSpent: 10 * time.Minute},
		{Training: "t1", Step: "m1", User: "u02", Score: 35, HasScore: true, TimeSpent: 25 * time.Minute},
		{Training: "t1", Step: "m2", User: "u01", TimeSpent: 3 * time.Minute},
	}
	res, err := stats.ComputeTrainingContent(nil, slices.Values(steps), slices.Values(learners), slices.Values(results), asOf)
	if err != nil {
		panic(err)
	}
	for _, s := range res.Trainings[0].Steps {
		fmt.Printf("%s: %d %% completed, avg score %s, avg time %s\n",
			s.Name, s.Completion.Round(), s.AvgScore.Decimal(1).StringFixed(1), s.AvgTimeSpent)
	}
	// Output:
	// Basics: 33 % completed, avg score 57.5, avg time 17m30s
	// Final quiz: 0 % completed, avg score 0.0, avg time 3m0s
}

// User metrics (rule D-6) over the last 7 days before asOf.
func ExampleComputeDashboardUserMetrics() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	users := []stats.DashboardUser{
		{User: "u01", CreatedAt: asOf.AddDate(0, -6, 0), LastAccessAt: asOf.Add(-time.Hour)},
		{User: "u49", CreatedAt: asOf.AddDate(0, 0, -2)},
		{User: "u50", CreatedAt: asOf.AddDate(0, 0, -7), LastAccessAt: asOf.AddDate(0, 0, -7)},
		{User: "u51", CreatedAt: asOf.AddDate(0, 0, -8), LastAccessAt: asOf.AddDate(0, 0, -8)},
	}
	m, err := stats.ComputeDashboardUserMetrics(slices.Values(users), asOf)
	if err != nil {
		panic(err)
	}
	fmt.Printf("users %d, new %d, recently active %d\n", m.Users, m.NewUsers, m.RecentlyActive)
	// Output:
	// users 4, new 2, recently active 2
}

// A source that can fail (a database cursor) feeds the accumulator in the
// caller's own loop; shards are combined with Merge.
func ExampleActiveUsersPerDay() {
	day, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 11, Day: 21}, learnstats.Date{Year: 2026, Month: 11, Day: 22}, time.UTC)
	shards := [][]stats.ActiveUserEvent{
		{{User: "u01", At: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)}, {User: "u02", At: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}},
		{{User: "u01", At: time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)}, {User: "u03", At: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}},
	}
	total := stats.ActiveUsersPerDay{Range: day}
	for _, rows := range shards {
		part := stats.ActiveUsersPerDay{Range: day}
		for _, e := range rows { // for rows.Next() { rows.Scan(&e) … }
			if err := part.Add(e); err != nil {
				panic(err)
			}
		}
		if err := total.Merge(&part); err != nil {
			panic(err)
		}
	}
	chart, err := total.Result()
	if err != nil {
		panic(err)
	}
	for _, d := range chart.Days {
		fmt.Println(d.Date, d.Users)
	}
	// Output:
	// 2026-11-21 2
	// 2026-11-22 1
}
