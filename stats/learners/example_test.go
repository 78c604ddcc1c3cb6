package learners_test

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/learners"
)

// The same attempts give two times spent: Opigno's S-11 (package scoring)
// is Finish − Start of the finished attempts; 360Learning's L-1 (this
// package) adds the time the platform measured in every attempt. The
// learner left the first attempt open for an hour and worked twenty
// minutes in it, then started a second one and worked twenty minutes more
// without finishing it.
func Example() {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "ann", Step: "intro", Start: t0, Finish: t0.Add(time.Hour), TimeSpent: 20 * time.Minute},
		{ID: "2", Learner: "ann", Step: "intro", Start: t0.Add(2 * time.Hour), TimeSpent: 20 * time.Minute},
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

	training := scoring.Training{ID: "t", Steps: []scoring.Step{{ID: "intro", Kind: scoring.StepModule, Mandatory: true}}}
	scores, err := scoring.ScoreTraining(asOf, training, scoring.Options{}, slices.Values(attempts), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	opigno, _ := scores.Learner("ann")

	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "ann", Email: "ann@example.com"}})
	stats, err := learners.StatsOf(asOf, dir, learnstats.Everything, learners.Options{}, learners.Records{Attempts: slices.Values(attempts)})
	if err != nil {
		fmt.Println(err)
		return
	}
	row, _ := stats.User("ann")
	fmt.Println("S-11 (training results export):", opigno.TimeSpent)
	fmt.Println("L-1 (users export):", row.TimeSpent)
	// Output:
	// S-11 (training results export): 1h0m0s
	// L-1 (users export): 40m0s
}

// The SPEC example of rule L-2: in session S1 course C attempts of 10 min
// then 5 min count 5 min; with a standalone attempt of 15 min the total is
// 20 min, while the users list's time spent (L-1) counts everything.
func ExampleStatsOf() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Ann", LastName: "Lee", Email: "ann@example.com", Groups: []learnstats.GroupID{"g1"}},
	})
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "u1", Step: "C", Session: "S1", Start: t0, TimeSpent: 10 * time.Minute, Score: 57, Scored: true},
		{ID: "2", Learner: "u1", Step: "C", Session: "S1", Start: t0.Add(time.Hour), TimeSpent: 5 * time.Minute, Score: 58, Scored: true},
		{ID: "3", Learner: "u1", Step: "C", Start: t0.Add(2 * time.Hour), TimeSpent: 15 * time.Minute, Progress: 100},
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	res, err := learners.StatsOf(asOf, dir, learnstats.Everything, learners.Options{}, learners.Records{Attempts: slices.Values(attempts)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := res.User("u1")
	fmt.Println("time spent (L-1):", r.TimeSpent)
	fmt.Println("total time spent (L-2):", r.TotalTimeSpent)
	fmt.Println("avg score (L-5):", r.AvgScore, "shown as", r.AvgScore.Int())
	fmt.Println("completed courses (L-6):", r.CompletedCourses)
	// Output:
	// time spent (L-1): 30m0s
	// total time spent (L-2): 20m0s
	// avg score (L-5): 57.5 shown as 58
	// completed courses (L-6): 1
}

// A newsfeed reply counts both as a publication and a comment (R-1, R-2);
// "Invited by" follows rule R-5. asOf is given when the accumulator is
// built: a record at or after it is left out as it arrives, and counted.
func ExampleAccumulator() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{
		{ID: "owner", LastName: "A", Email: "owner@x"},
		{ID: "u1", LastName: "B", Email: "u1@x"},
	})
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	asOf := at.Add(time.Hour)
	acc, err := learners.NewAccumulator(asOf, dir, learnstats.Everything, learners.Options{Owner: "owner"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []learnstats.Post{
		{ID: "1", Author: "u1", Place: learnstats.PlaceGroupFeed, At: at},
		{ID: "2", Author: "u1", Place: learnstats.PlaceGroupFeed, ReplyTo: "1", At: at},
		{ID: "3", Author: "u1", Place: learnstats.PlaceCourseForum, Course: "C", At: at},
		{ID: "4", Author: "u1", Place: learnstats.PlaceGroupFeed, At: asOf}, // not yet at asOf
	} {
		if err := acc.AddPost(p); err != nil {
			fmt.Println(err)
			return
		}
	}
	_ = acc.AddReaction(learnstats.Reaction{ID: "1", User: "u1", Post: "1", Kind: learnstats.ReactionLike, At: at})
	_ = acc.AddRegistration(learners.Registration{User: "u1", Method: learners.API})
	res := acc.Result()
	for _, r := range res.Rows {
		fmt.Printf("%s: %d publications, %d comments, %d reactions, invited by %q\n", r.User.Email, r.Publications, r.Comments, r.Reactions, r.InvitedBy)
	}
	fmt.Println("left out, at or after asOf:", res.Later)
	// Output:
	// owner@x: 0 publications, 0 comments, 0 reactions, invited by ""
	// u1@x: 2 publications, 2 comments, 1 reactions, invited by "owner@x"
	// left out, at or after asOf: 1
}

// attemptsFromDB stands for a database cursor: a source that can fail.
func attemptsFromDB() iter.Seq2[learnstats.Attempt, error] {
	return func(yield func(learnstats.Attempt, error) bool) {
		t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		if !yield(learnstats.Attempt{ID: "1", Learner: "u1", Step: "C", Start: t0, TimeSpent: time.Hour}, nil) {
			return
		}
		yield(learnstats.Attempt{}, fmt.Errorf("db: connection reset"))
	}
}

// A source that can fail feeds the accumulator through learnstats.Feed:
// the first error, the source's or the accumulator's, stops it and reaches
// the caller. Shards fed apart combine with Merge.
func ExampleAccumulator_Merge() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "u1", Email: "a@x"}})
	shard, _ := learners.NewAccumulator(time.Time{}, dir, learnstats.Everything, learners.Options{})
	err := learnstats.Feed(attemptsFromDB(), shard.AddAttempt)
	fmt.Println("feed:", err)

	total, _ := learners.NewAccumulator(time.Time{}, dir, learnstats.Everything, learners.Options{})
	if err := total.Merge(shard); err != nil {
		fmt.Println(err)
		return
	}
	row, _ := total.Result().User("u1")
	fmt.Println("time spent before the failure:", row.TimeSpent)
	// Output:
	// feed: db: connection reset
	// time spent before the failure: 1h0m0s
}

// The answered-questions table of one learner (L-9): the score of the
// latest answer, as an integer percent, and every answer counted. The
// drill-down lists every answer, so it has its own accumulator, for one
// learner.
func ExampleDetailAccumulator() {
	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "u1"}})
	acc, err := learners.NewDetailAccumulator(time.Time{}, dir, learnstats.Everything, "u1", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for _, a := range []learnstats.QuestionAnswer{
		{ID: "1", Learner: "u1", Question: "SLA?", At: at, Score: 0},
		{ID: "2", Learner: "u1", Question: "SLA?", At: at.Add(time.Hour), Score: learnstats.WholePoints(100)},
		{ID: "3", Learner: "u1", Question: "P1?", At: at.Add(30 * time.Minute), Score: learnstats.WholePoints(50)},
	} {
		_ = acc.AddAnswer(a)
	}
	for _, q := range acc.Result().Questions {
		fmt.Println(q.Question, q.Score, len(q.Answers), q.LastActivity.Format(time.Kitchen))
	}
	// Output:
	// SLA? 100 2 10:00AM
	// P1? 50 1 9:30AM
}

// An author sees the users who played their courses (R-4).
func ExampleAuthorScope() {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "ann", Step: "go-101", Start: t0},
		{ID: "2", Learner: "bob", Step: "rust-101", Start: t0},
	}
	mine := func(c learnstats.StepID) bool { return c == "go-101" }
	scope := learners.AuthorScope(t0.Add(time.Hour), mine, slices.Values(attempts))
	fmt.Println(scope.SeesUser(learnstats.User{ID: "ann"}), scope.SeesUser(learnstats.User{ID: "bob"}))
	// Output:
	// true false
}
