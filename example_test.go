package learnstats_test

import (
	"fmt"
	"iter"
	"os"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
	"github.com/learnstats/learnstats/stats/learners"
)

// attemptsFrom stands for the LMS's store: a query over its attempts
// table, streamed as a database cursor streams rows, with an error that
// reaches the caller if the cursor breaks.
func attemptsFrom(rows []learnstats.Attempt) iter.Seq2[learnstats.Attempt, error] {
	return func(yield func(learnstats.Attempt, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Example_embedding is a whole embedding, an LMS in fifty lines: the
// platform's users and a training, its attempts read once from the store,
// a training's results and a coach's scoped exports. The same attempts
// give Opigno's training results (package scoring, Rule S-11 time spent)
// and 360Learning's general stats (package learners, Rule L-2 time spent).
func Example_embedding() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	at := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }
	groups := []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}}
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Groups: []learnstats.GroupID{"g1"}},
		{ID: "u2", FirstName: "Alan", LastName: "Turing", Email: "alan@example.com", Groups: []learnstats.GroupID{"g1", "g2"}},
		{ID: "u3", FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com", Groups: []learnstats.GroupID{"g2"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	coach := learnstats.NewGroupScope("g1") // the viewer: the coach of Sales

	quiz := scoring.Step{ID: "quiz", Name: "Quiz", Mandatory: true, RequiredScore: 50,
		Activities: []scoring.Activity{{ID: "q1", Max: learnstats.WholePoints(10)}, {ID: "q2", Max: learnstats.WholePoints(10)}}}
	acc, err := scoring.NewTrainingAccumulator(asOf, scoring.Training{ID: "onboarding", Name: "Onboarding", Steps: []scoring.Step{quiz}}, scoring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "u1", Step: "quiz", Start: at(2, 9), Finish: at(2, 10), TimeSpent: 40 * time.Minute,
			Answers: []learnstats.Answer{{Activity: "q1", Points: learnstats.WholePoints(10)}, {Activity: "q2", Points: learnstats.WholePoints(5)}}},
		{ID: "2", Learner: "u2", Step: "quiz", Start: at(3, 9), TimeSpent: 25 * time.Minute,
			Answers: []learnstats.Answer{{Activity: "q1", Points: learnstats.WholePoints(2)}}},
		{ID: "3", Learner: "u3", Step: "quiz", Start: at(4, 9), Finish: at(4, 9).Add(30 * time.Minute), TimeSpent: 30 * time.Minute,
			Answers: []learnstats.Answer{{Activity: "q1", Points: learnstats.WholePoints(9)}, {Activity: "q2", Points: learnstats.WholePoints(9)}}},
	}
	for _, u := range []learnstats.UserID{"u1", "u2", "u3"} {
		if err := acc.AddLearner(u, at(1, 8)); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := learnstats.Feed(attemptsFrom(attempts), acc.Add); err != nil {
		fmt.Println(err)
		return
	}

	// The training results export (Rule D-4), as the coach sees it.
	results, err := dashboard.Results(asOf, dashboard.Training{Results: acc.Result()}, dir, coach)
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := export.WriteCSV(os.Stdout, export.TrainingResultsTable(), slices.Values(results.Rows), nil); err != nil {
		fmt.Println(err)
		return
	}

	// The general stats export (Rules L-1 … L-7) for the same coach: the
	// scope is given once, and the rows and group columns both come from it.
	gs, err := learners.StatsOf(asOf, dir, coach, learners.Options{Groups: groups}, learners.Records{Attempts: slices.Values(attempts)})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := export.WriteCSV(os.Stdout, export.GeneralStatsTable(gs, nil), slices.Values(gs.Rows), nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// First name,Last name,Email,Score,Status,Time spent
	// Ada,Lovelace,ada@example.com,75,Success,01:00:00
	// Alan,Turing,alan@example.com,0,Pending,00:00:00
	// Last name,First name,Email,Additional information,Managers,Avg score,Completed programs,Assigned programs,Messages,Total time spent,Sales
	// Lovelace,Ada,ada@example.com,,,,0,0,0,00:40:00,x
	// Turing,Alan,alan@example.com,,,,0,0,0,00:25:00,x
}
