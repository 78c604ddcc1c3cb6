package profiles_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/profiles"
)

// BenchmarkAccumulator measures rules P-1 to P-3 over n attempts, n
// completions and n replies on a catalog of 1,000 courses (chains of
// duplicates 10 deep) and 10,000 posts, for 1,000 users, with IDs built
// fresh for every record: go test ./stats/profiles -run '^$' -bench Accumulator.
func BenchmarkAccumulator(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	user := func(i int) learnstats.UserID { return learnstats.UserID(fmt.Sprintf("u%04d", i%1000)) }
	var courses []profiles.Course
	for i := range 1000 {
		c := profiles.Course{ID: learnstats.StepID(fmt.Sprint("c", i)), MainAuthor: user(i * 7)}
		if i%10 != 0 {
			c.DuplicatedFrom = learnstats.StepID(fmt.Sprint("c", i-1))
		}
		courses = append(courses, c)
	}
	places := []learnstats.Place{learnstats.PlaceGroupFeed, learnstats.PlaceCourseForum, learnstats.PlacePathForum, learnstats.PlaceOther}
	var posts []learnstats.Post
	for i := range 10000 {
		posts = append(posts, learnstats.Post{ID: learnstats.PostID(fmt.Sprint("p", i)), Author: user(i), Place: places[i%4], At: asOf.AddDate(0, -4, 0)})
	}
	cat, err := profiles.NewCatalog(slices.Values(courses), slices.Values(posts))
	if err != nil {
		b.Fatal(err)
	}
	var users []profiles.Profile
	for i := range 1000 {
		users = append(users, profiles.Profile{User: user(i), PlatformOwner: i%10 == 0})
	}
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			attempts := make([]learnstats.Attempt, n)
			completions := make([]profiles.Completion, n)
			replies := make([]learnstats.Post, n)
			for i := range n {
				at := asOf.Add(-time.Duration(i%(120*24)) * time.Hour)
				attempts[i] = learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint("a", i)), Step: courses[i%1000].ID, Learner: user(i * 3), Start: at}
				completions[i] = profiles.Completion{ID: fmt.Sprint("k", i), Course: courses[i%1000].ID, User: user(i * 3), At: at}
				replies[i] = learnstats.Post{ID: learnstats.PostID(fmt.Sprint("r", i)), Author: user(i * 5), Place: learnstats.PlaceGroupFeed, ReplyTo: posts[i%10000].ID, At: at}
			}
			b.ReportAllocs()
			for b.Loop() {
				_, err := profiles.StatsOf(asOf, cat, slices.Values(users), slices.Values(attempts), slices.Values(replies), nil, slices.Values(completions), nil)
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
