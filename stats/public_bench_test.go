package stats

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
)

// BenchmarkPublicAccumulator measures rules P-1 to P-3 over n attempts, n
// completions and n replies on a catalog of 1,000 courses (chains of
// duplicates 10 deep) and 10,000 posts, for 1,000 users:
// go test ./stats -run '^$' -bench PublicAccumulator.
func BenchmarkPublicAccumulator(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	user := func(i int) learnstats.UserID { return learnstats.UserID(fmt.Sprintf("u%04d", i%1000)) }
	var courses []PublicCourse
	for i := range 1000 {
		c := PublicCourse{ID: PublicCourseID(fmt.Sprint("c", i)), MainAuthor: user(i * 7)}
		if i%10 != 0 {
			c.DuplicatedFrom = PublicCourseID(fmt.Sprint("c", i-1))
		}
		courses = append(courses, c)
	}
	var posts []PublicPost
	for i := range 10000 {
		posts = append(posts, PublicPost{ID: PublicPostID(fmt.Sprint("p", i)), Author: user(i), Place: PublicPlace(i % 4), At: asOf.AddDate(0, -4, 0)})
	}
	cat, err := NewPublicCatalog(slices.Values(courses), slices.Values(posts))
	if err != nil {
		b.Fatal(err)
	}
	var profiles []PublicProfile
	for i := range 1000 {
		profiles = append(profiles, PublicProfile{User: user(i), PlatformOwner: i%10 == 0})
	}
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			attempts := make([]PublicAttempt, n)
			completions := make([]PublicCompletion, n)
			replies := make([]PublicPost, n)
			for i := range n {
				at := asOf.Add(-time.Duration(i%(120*24)) * time.Hour)
				attempts[i] = PublicAttempt{ID: fmt.Sprint("a", i), Course: courses[i%1000].ID, User: user(i * 3), At: at}
				completions[i] = PublicCompletion{ID: fmt.Sprint("k", i), Course: courses[i%1000].ID, User: user(i * 3), At: at}
				replies[i] = PublicPost{ID: PublicPostID(fmt.Sprint("r", i)), Author: user(i * 5), ReplyTo: posts[i%10000].ID, At: at}
			}
			b.ReportAllocs()
			for b.Loop() {
				_, err := PublicStatsOf(cat, asOf, slices.Values(profiles), PublicRecords{
					Attempts: slices.Values(attempts), Completions: slices.Values(completions), Posts: slices.Values(replies),
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
