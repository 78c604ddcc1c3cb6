package profiles_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/profiles"
)

func ExampleStatsOf() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return asOf.AddDate(0, 0, -d) }
	courses := []profiles.Course{
		{ID: "go-101", MainAuthor: "ana", PublishedBy: "ana", PublishedAt: day(400)},
		// A copy of ana's course: its views count for ben and for ana.
		{ID: "go-101-fr", MainAuthor: "ben", DuplicatedFrom: "go-101", PublishedBy: "ben", PublishedAt: day(30)},
	}
	posts := []learnstats.Post{
		{ID: "p1", Author: "cleo", Place: learnstats.PlaceGroupFeed, At: day(20)},
		{ID: "r1", Author: "ben", Place: learnstats.PlaceGroupFeed, ReplyTo: "p1", At: day(19)},
		{ID: "r2", Author: "cleo", Place: learnstats.PlaceGroupFeed, ReplyTo: "p1", At: day(18)}, // a self-reply: not received
		{ID: "k1", Author: "dan", Place: learnstats.PlaceCourseForum, Course: "go-101-fr", At: day(6)},
	}
	catalog, err := profiles.NewCatalog(slices.Values(courses), slices.Values(posts))
	if err != nil {
		fmt.Println(err)
		return
	}
	users := []profiles.Profile{
		{User: "ana", GroupRoles: []profiles.GroupRole{profiles.GroupAuthor}},
		{User: "ben", GroupRoles: []profiles.GroupRole{profiles.GroupAdministrator}},
		{User: "cleo"},
	}
	attempts := []learnstats.Attempt{
		{ID: "a1", Step: "go-101", Learner: "cleo", Start: day(10)},
		{ID: "a2", Step: "go-101-fr", Learner: "cleo", Start: day(5)},
		{ID: "a3", Step: "go-101", Learner: "cleo", Start: day(91)}, // outside the 90 days
	}
	reactions := []learnstats.Reaction{
		{ID: "x1", Course: "go-101", User: "cleo", Score: 5, At: day(9)},
		{ID: "x2", Course: "go-101-fr", User: "dan", Score: 4, At: day(4)},
		{ID: "x3", Course: "go-101", User: "eve", Score: 4, At: day(3)},
		{ID: "l1", Post: "p1", User: "ben", Kind: learnstats.ReactionLike, At: day(19)},
	}
	completions := []profiles.Completion{
		{ID: "k1", Course: "go-101", User: "cleo", At: day(8)},
		{ID: "k2", Course: "go-101", User: "cleo", At: day(2)},
	}
	sessions := []profiles.Session{{ID: "s1", Course: "go-101", User: "cleo", Start: day(8), End: day(8).Add(95 * time.Minute)}}
	res, err := profiles.StatsOf(asOf, catalog, slices.Values(users), slices.Values(attempts), slices.Values(posts),
		slices.Values(reactions), slices.Values(completions), slices.Values(sessions))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Profiles {
		if p.Creator {
			m := p.CreatorMetrics
			fmt.Printf("%s (creator): %d views, %d comments, average reaction %s, %d published — %s\n",
				p.User, m.CourseViews, m.CommentsReceived, m.AverageReactionScore.Decimal(2).StringFixed(2), m.PublishedCourses, p.Hover())
			continue
		}
		m := p.LearnerMetrics
		fmt.Printf("%s (learner): %d completed, %s training — %s\n", p.User, m.CompletedCourses, m.TrainingTime, p.Hover())
	}
	fmt.Printf("left out: %d outside the window, %d self-comments\n", res.LeftOut.OutsideWindow, res.LeftOut.SelfComments)
	// Output:
	// ana (creator): 2 views, 1 comments, average reaction 4.33, 1 published — 2 course views
	// ben (creator): 1 views, 1 comments, average reaction 4.00, 1 published — 1 course view
	// cleo (learner): 2 completed, 1h35m0s training — 1 comment received, 1 reaction received
	// left out: 1 outside the window, 1 self-comments
}

// Shards fed apart, one accumulator each over the same catalog and asOf,
// combine with Merge. asOf is given when the accumulators are built: the
// statistics as of another instant come from accumulators built for it.
func ExampleAccumulator_Merge() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	catalog, _ := profiles.NewCatalog(slices.Values([]profiles.Course{{ID: "c1", MainAuthor: "ana"}}), nil)
	var views []learnstats.Attempt
	for i := range 5 {
		views = append(views, learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint("a", i)), Step: "c1", Learner: "bob", Start: asOf.AddDate(0, 0, -30*i)})
	}
	for _, at := range []time.Time{asOf, asOf.Add(time.Second), asOf.AddDate(0, 0, 100)} {
		var shards []*profiles.Accumulator
		for range 2 {
			acc, _ := profiles.NewAccumulator(at, catalog)
			shards = append(shards, acc)
		}
		for i, v := range views {
			if err := shards[i%2].AddAttempt(v); err != nil {
				fmt.Println(err)
				return
			}
		}
		total, _ := profiles.NewAccumulator(at, catalog)
		for _, s := range shards {
			if err := total.Merge(s); err != nil {
				fmt.Println(err)
				return
			}
		}
		res, _ := total.Result(slices.Values([]profiles.Profile{{User: "ana", PlatformOwner: true}}))
		s, _ := res.Profile("ana")
		fmt.Println(at.Format(time.DateTime), s.Hover())
	}
	// Output:
	// 2026-11-22 12:00:00 3 course views
	// 2026-11-22 12:00:01 3 course views
	// 2027-03-02 12:00:00 0 course views
}
