package stats_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// The SPEC example of rule L-2: in session S1 course C attempts of 10 min
// then 5 min count 5 min; with a standalone attempt of 15 min the total is
// 20 min, while the users list's time spent (L-1) counts everything.
func ExampleLearners() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Ann", LastName: "Lee", Email: "ann@example.com", Groups: []learnstats.GroupID{"g1"}},
	})
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	attempts := []stats.CourseAttempt{
		{ID: 1, User: "u1", Course: "C", Session: "S1", Start: t0, Duration: 10 * time.Minute, Score: 57, Scored: true},
		{ID: 2, User: "u1", Course: "C", Session: "S1", Start: t0.Add(time.Hour), Duration: 5 * time.Minute, Score: 58, Scored: true},
		{ID: 3, User: "u1", Course: "C", Start: t0.Add(2 * time.Hour), Duration: 15 * time.Minute, Progress: 100},
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	res, err := stats.Learners(asOf, dir, learnstats.Everything, stats.LearnerInputs{Attempts: slices.Values(attempts)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Rows[0]
	fmt.Println("time spent (L-1):", r.TimeSpent)
	fmt.Println("total time spent (L-2):", r.TotalTimeSpent)
	fmt.Println("avg score (L-5):", r.AvgScore)
	fmt.Println("completed courses (L-6):", r.CompletedCourses)
	// Output:
	// time spent (L-1): 30m0s
	// total time spent (L-2): 20m0s
	// avg score (L-5): 58
	// completed courses (L-6): 1
}

// Streaming records grouped by user: one accumulator, reset between
// users, keeps memory to one user's state.
func ExampleLearnerAcc_stream() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "u1", Email: "a@x"}, {ID: "u2", Email: "b@x"}})
	view := stats.NewLearnerView(dir, learnstats.Everything, nil)
	byUser := map[learnstats.UserID][]stats.CourseAttempt{
		"u1": {{ID: 1, User: "u1", Course: "C", Start: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), Duration: time.Hour}},
		"u2": {{ID: 2, User: "u2", Course: "C", Start: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), Duration: 90 * time.Minute}},
	}
	var acc stats.LearnerAcc
	for _, id := range dir.IDs() {
		acc.Reset()
		for _, a := range byUser[id] {
			if err := acc.AddAttempt(a); err != nil {
				fmt.Println(err)
				return
			}
		}
		totals, err := acc.Totals(id)
		if err != nil {
			fmt.Println(err)
			return
		}
		u, _ := dir.User(id)
		row, _ := view.Stats(u, totals)
		fmt.Println(row.User.Email, row.TotalTimeSpent)
	}
	// Output:
	// a@x 1h0m0s
	// b@x 1h30m0s
}

// A newsfeed reply counts both as a publication and a comment (R-1, R-2).
func ExampleCollab() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "u1", Email: "a@x"}})
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	posts := []stats.Post{
		{ID: 1, User: "u1", Place: stats.PlaceGroupFeed, Published: true, At: at},
		{ID: 2, User: "u1", Place: stats.PlaceGroupFeed, Reply: true, Published: true, At: at},
		{ID: 3, User: "u1", Place: stats.PlaceCourseForum, Published: true, At: at},
	}
	likes := []stats.Reaction{{ID: 1, User: "u1", Kind: stats.ReactionPostLike, At: at}}
	res, _ := stats.Collab(at.Add(time.Hour), dir, learnstats.Everything, slices.Values(posts), slices.Values(likes))
	fmt.Printf("%+v\n", res.Rows[0].CollabCounts)
	// Output:
	// {Publications:2 Comments:2 Reactions:1}
}

// "Invited by" follows rule R-5: the inviter, the platform owner for an
// API account, nobody for a re-invitation before 13 November 2024.
func ExampleRegistrations() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{
		{ID: "owner", LastName: "A", Email: "owner@x"},
		{ID: "u1", LastName: "B", Email: "u1@x"},
		{ID: "u2", LastName: "C", Email: "u2@x"},
		{ID: "u3", LastName: "D", Email: "u3@x"},
	})
	regs := []stats.Registration{
		{User: "owner", Method: stats.RegistrationPlatformCreator},
		{User: "u1", Method: stats.RegistrationAPI},
		{User: "u2", Method: stats.RegistrationInvited, InvitedBy: "u1"},
		{User: "u3", Method: stats.RegistrationInvited, InvitedBy: "u1", ReinvitedAt: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	res, _ := stats.Registrations(dir, learnstats.Everything, "owner", slices.Values(regs))
	for _, r := range res.Rows {
		fmt.Printf("%s invited by %q\n", r.User.Email, r.InvitedBy)
	}
	// Output:
	// owner@x invited by ""
	// u1@x invited by "owner@x"
	// u2@x invited by "u1@x"
	// u3@x invited by ""
}

// The answered-questions table of one learner (L-9).
func ExampleLearnerDetailAcc() {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var acc stats.LearnerDetailAcc
	for _, a := range []stats.QuestionAnswer{
		{ID: 1, User: "u1", Question: "SLA?", At: at, Score: 0},
		{ID: 2, User: "u1", Question: "SLA?", At: at.Add(time.Hour), Score: 100},
		{ID: 3, User: "u1", Question: "P1?", At: at.Add(30 * time.Minute), Score: 50},
	} {
		_ = acc.AddAnswer(a)
	}
	d, _ := acc.Result(nil)
	for _, q := range d.Questions {
		fmt.Println(q.Question, q.Score, q.AnswerCount, q.LastActivity.Format(time.Kitchen))
	}
	// Output:
	// SLA? 100 2 10:00AM
	// P1? 50 1 9:30AM
}
