package stats_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats/stats"
)

func ExamplePublicStatsOf() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return asOf.AddDate(0, 0, -d) }
	courses := []stats.PublicCourse{
		{ID: "go-101", MainAuthor: "ana", PublishedBy: "ana", PublishedAt: day(400)},
		// A copy of ana's course: its views count for ben and for ana.
		{ID: "go-101-fr", MainAuthor: "ben", DuplicatedFrom: "go-101", PublishedBy: "ben", PublishedAt: day(30)},
	}
	posts := []stats.PublicPost{
		{ID: "p1", Author: "cleo", Place: stats.PublicNewsfeed, At: day(20)},
		{ID: "r1", Author: "ben", ReplyTo: "p1", At: day(19)},
		{ID: "r2", Author: "cleo", ReplyTo: "p1", At: day(18)}, // a self-reply: not received
	}
	catalog, err := stats.NewPublicCatalog(slices.Values(courses), slices.Values(posts))
	if err != nil {
		fmt.Println(err)
		return
	}
	profiles := []stats.PublicProfile{
		{User: "ana", GroupRoles: []stats.PublicGroupRole{stats.PublicGroupAuthor}},
		{User: "ben", GroupRoles: []stats.PublicGroupRole{stats.PublicGroupAdministrator}},
		{User: "cleo"},
	}
	res, err := stats.PublicStatsOf(catalog, asOf, slices.Values(profiles), stats.PublicRecords{
		Attempts: slices.Values([]stats.PublicAttempt{
			{ID: "a1", Course: "go-101", User: "cleo", At: day(10)},
			{ID: "a2", Course: "go-101-fr", User: "cleo", At: day(5)},
			{ID: "a3", Course: "go-101", User: "cleo", At: day(91)}, // outside the 90 days
		}),
		CourseReactions: slices.Values([]stats.PublicCourseReaction{
			{ID: "x1", Course: "go-101", User: "cleo", Score: 5, At: day(9)},
			{ID: "x2", Course: "go-101-fr", User: "dan", Score: 4, At: day(4)},
			{ID: "x3", Course: "go-101", User: "eve", Score: 4, At: day(3)},
		}),
		Completions: slices.Values([]stats.PublicCompletion{
			{ID: "k1", Course: "go-101", User: "cleo", At: day(8)},
			{ID: "k2", Course: "go-101", User: "cleo", At: day(2)},
		}),
		Sessions: slices.Values([]stats.PublicSession{
			{ID: "s1", Course: "go-101", User: "cleo", Start: day(8), End: day(8).Add(95 * time.Minute)},
		}),
		Posts: slices.Values(posts),
		PostReactions: slices.Values([]stats.PublicPostReaction{
			{ID: "l1", Post: "p1", User: "ben", Kind: stats.PublicLike, At: day(19)},
		}),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Profiles {
		if p.Role == stats.PublicCreator {
			avg, _ := p.Creator.AverageReactionScore()
			fmt.Printf("%s (%s): %d views, average reaction %s, %d published — %s\n",
				p.User, p.Role, p.Creator.CourseViews, avg.StringFixed(2), p.Creator.PublishedCourses, p.Hover())
			continue
		}
		fmt.Printf("%s (%s): %d completed, %s training — %s\n",
			p.User, p.Role, p.Learner.CompletedCourses, p.Learner.TrainingTime, p.Hover())
	}
	fmt.Printf("left out: %d outside the window, %d self-comments\n", res.LeftOut.OutsideWindow, res.LeftOut.SelfComments)
	// Output:
	// ana (creator): 2 views, average reaction 4.33, 1 published — 2 course views
	// ben (creator): 1 views, average reaction 4.00, 1 published — 1 course view
	// cleo (learner): 2 completed, 1h35m0s training — 1 comment received, 1 reaction received
	// left out: 1 outside the window, 1 self-comments
}

// A source that can fail (a database cursor) is the caller's loop: feed
// the accumulator record by record, one accumulator per shard, then merge.
func ExamplePublicAccumulator_Merge() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	catalog, _ := stats.NewPublicCatalog(slices.Values([]stats.PublicCourse{{ID: "c1", MainAuthor: "ana"}}), nil)
	shards := []*stats.PublicAccumulator{stats.NewPublicAccumulator(catalog, asOf), stats.NewPublicAccumulator(catalog, asOf)}
	for i := range 5 {
		rec := stats.PublicAttempt{ID: fmt.Sprint("a", i), Course: "c1", User: "bob", At: asOf.Add(-time.Duration(i+1) * time.Hour)}
		if err := shards[i%2].AddAttempt(rec); err != nil {
			fmt.Println(err)
			return
		}
	}
	var total stats.PublicAccumulator
	for _, s := range shards {
		_ = total.Merge(s)
	}
	res, _ := total.Result(slices.Values([]stats.PublicProfile{{User: "ana", PlatformOwner: true}}))
	fmt.Println(res.Profiles[0].Hover())
	// Output:
	// 5 course views
}
