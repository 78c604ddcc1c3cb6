package stats

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

// FuzzPublicMerge checks the accumulator contract: adding records to any
// number of shards (chosen by the fuzzer) and merging them in any order
// gives the result of one pass.
func FuzzPublicMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(2))
	f.Add([]byte{200, 13, 77, 5, 5, 5, 254, 0, 31}, uint8(3))
	f.Add([]byte{}, uint8(1))
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	posts := []PublicPost{
		{ID: "p1", Author: "u1", At: asOf.AddDate(-1, 0, 0)},
		{ID: "p2", Author: "u2", Place: PublicCourseForum, At: asOf.AddDate(-1, 0, 0)},
		{ID: "p3", Author: "u3", Place: PublicElsewhere, At: asOf.AddDate(-1, 0, 0)},
		{ID: "q1", Author: "u2", ReplyTo: "p1", At: asOf.AddDate(-1, 0, 0)},
	}
	cat, err := NewPublicCatalog(slices.Values([]PublicCourse{
		{ID: "c1", MainAuthor: "u1"}, {ID: "c2", MainAuthor: "u2", DuplicatedFrom: "c1"}, {ID: "c3", MainAuthor: "u3", DuplicatedFrom: "c2"},
	}), slices.Values(posts))
	if err != nil {
		f.Fatal(err)
	}
	users := []learnstats.UserID{"u1", "u2", "u3"}
	courses := []PublicCourseID{"c1", "c2", "c3"}
	postIDs := []PublicPostID{"p1", "p2", "p3", "q1"}
	profiles := []PublicProfile{{User: "u1", PlatformOwner: true}, {User: "u2"}, {User: "u3"}}
	f.Fuzz(func(t *testing.T, data []byte, shards uint8) {
		n := int(shards%4) + 1
		one := NewPublicAccumulator(cat, asOf)
		parts := make([]*PublicAccumulator, n)
		for i := range parts {
			parts[i] = NewPublicAccumulator(cat, asOf)
		}
		for i, b := range data {
			id := string(rune('a'+i%26)) + string(rune('0'+i/26%10))
			at := asOf.Add(-time.Duration(b) * 11 * time.Hour) // some outside the 90 days
			u := users[int(b)%3]
			var add func(*PublicAccumulator) error
			switch b % 7 {
			case 0:
				add = func(a *PublicAccumulator) error {
					return a.AddAttempt(PublicAttempt{ID: id, Course: courses[int(b/7)%3], User: u, At: at})
				}
			case 1:
				add = func(a *PublicAccumulator) error {
					return a.AddCourseReaction(PublicCourseReaction{ID: id, Course: courses[int(b/7)%3], User: u, Score: int64(b%5) - 1, At: at})
				}
			case 2:
				add = func(a *PublicAccumulator) error {
					return a.AddCourseComment(PublicCourseComment{ID: id, Course: courses[int(b/7)%3], Author: u, At: at})
				}
			case 3:
				add = func(a *PublicAccumulator) error {
					return a.AddCompletion(PublicCompletion{ID: id, Course: "c1", User: u, At: at})
				}
			case 4:
				add = func(a *PublicAccumulator) error {
					return a.AddSession(PublicSession{ID: id, Course: "c1", User: u, Start: at, End: at.Add(time.Duration(b) * time.Minute * 13)})
				}
			case 5:
				add = func(a *PublicAccumulator) error {
					return a.AddPost(PublicPost{ID: PublicPostID(id), Author: u, ReplyTo: postIDs[int(b/7)%4], At: at})
				}
			default:
				kind := PublicLike
				if b%3 == 0 {
					kind = PublicLove
				}
				add = func(a *PublicAccumulator) error {
					return a.AddPostReaction(PublicPostReaction{ID: id, Post: postIDs[int(b/7)%4], User: u, Kind: kind, At: at})
				}
			}
			if err := add(one); err != nil {
				t.Fatal(err)
			}
			if err := add(parts[(int(b)+i)%n]); err != nil {
				t.Fatal(err)
			}
		}
		// Merge in reverse order into a zero accumulator.
		var merged PublicAccumulator
		for i := n - 1; i >= 0; i-- {
			if err := merged.Merge(parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		want, err := one.Result(slices.Values(profiles))
		if err != nil {
			t.Fatal(err)
		}
		got, err := merged.Result(slices.Values(profiles))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("merge(split) != one pass (-want +got)\n%s", diff)
		}
	})
}
