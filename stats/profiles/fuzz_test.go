package profiles

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

var fuzzAsOf = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// fuzzParis is Europe/Paris: fuzzAsOf there starts the 90-day window an
// hour before the UTC window, across the October DST change.
func fuzzParis(t testing.TB) *time.Location { return paris(t) }

func fuzzCatalog(t testing.TB) *Catalog {
	old := fuzzAsOf.AddDate(-1, 0, 0)
	return mustCatalog(t, []Course{
		{ID: "c1", MainAuthor: "u1", PublishedBy: "u1", PublishedAt: old}, {ID: "c2", MainAuthor: "u2", DuplicatedFrom: "c1"},
		{ID: "c3", MainAuthor: "u3", DuplicatedFrom: "c2", PublishedBy: "u3", PublishedAt: fuzzAsOf.AddDate(0, 0, -3)},
	}, []learnstats.Post{
		{ID: "p1", Author: "u1", Place: learnstats.PlaceGroupFeed, At: old},
		{ID: "p2", Author: "u2", Place: learnstats.PlaceCourseForum, Course: "c2", At: old},
		{ID: "p3", Author: "u3", Place: learnstats.PlaceOther, At: old},
		{ID: "q1", Author: "u2", Place: learnstats.PlaceGroupFeed, ReplyTo: "p1", At: old},
		{ID: "p4", Author: "u1", Place: learnstats.PlacePathForum, Unpublished: true, At: old},
	})
}

// FuzzMerge checks the accumulator contract: adding records to any number
// of shards (chosen by the fuzzer) and merging them in any order gives the
// result of one pass, for two asOf (one accumulator each).
func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(2), uint8(0))
	f.Add([]byte{200, 13, 77, 5, 5, 5, 254, 0, 31}, uint8(3), uint8(40))
	f.Add([]byte{}, uint8(1), uint8(7))
	users := []learnstats.UserID{"u1", "u2", "u3"}
	courses := []learnstats.StepID{"c1", "c2", "c3"}
	postIDs := []learnstats.PostID{"p1", "p2", "p3", "q1", "p4"}
	places := []learnstats.Place{learnstats.PlaceGroupFeed, learnstats.PlaceCourseForum, learnstats.PlacePathForum, learnstats.PlaceOther}
	kinds := []learnstats.ReactionKind{learnstats.ReactionLike, learnstats.ReactionLove, learnstats.ReactionLike}
	profiles := []Profile{{User: "u1", PlatformOwner: true}, {User: "u2"}, {User: "u3", GroupRoles: []GroupRole{GroupAuthor}}}
	f.Fuzz(func(t *testing.T, data []byte, shards, days uint8) {
		n := int(shards%4) + 1
		for _, asOf := range []time.Time{fuzzAsOf, fuzzAsOf.AddDate(0, 0, -int(days%120))} {
			cat := fuzzCatalog(t)
			one := mustAcc(t, asOf, cat)
			parts := make([]*Accumulator, n)
			for i := range parts {
				parts[i] = mustAcc(t, asOf, fuzzCatalog(t)) // equal catalogs built apart
			}
			for i, b := range data {
				id := fmt.Sprint("r", i)
				at := fuzzAsOf.Add(-time.Duration(b) * 11 * time.Hour) // some outside the 90 days
				u := users[int(b)%3]
				c := courses[int(b/7)%3]
				var add func(*Accumulator) error
				switch b % 6 {
				case 0:
					add = func(a *Accumulator) error { return a.AddAttempt(view(id, c, u, at)) }
				case 1:
					add = func(a *Accumulator) error {
						return a.AddReaction(learnstats.Reaction{ID: id, Course: c, User: u, Score: int64(b%5) - 1, At: at})
					}
				case 2:
					add = func(a *Accumulator) error { return a.AddCompletion(Completion{ID: id, Course: "c1", User: u, At: at}) }
				case 3:
					add = func(a *Accumulator) error {
						return a.AddSession(Session{ID: id, Course: "c1", User: u, Start: at, End: at.Add(time.Duration(b) * time.Minute * 13)})
					}
				case 4:
					p := learnstats.Post{ID: learnstats.PostID(id), Author: u, Place: places[int(b/7)%4], Unpublished: b%11 == 0, At: at}
					if p.Place == learnstats.PlaceCourseForum && b%2 == 0 {
						p.Course = c
					}
					if b%3 != 0 {
						p.ReplyTo = postIDs[int(b/6)%len(postIDs)]
					}
					add = func(a *Accumulator) error { return a.AddPost(p) }
				default:
					add = func(a *Accumulator) error {
						return a.AddReaction(learnstats.Reaction{ID: id, Post: postIDs[int(b/7)%len(postIDs)], User: u, Kind: kinds[int(b)%3], At: at})
					}
				}
				if err := add(one); err != nil {
					t.Fatal(err)
				}
				if err := add(parts[(int(b)+i)%n]); err != nil {
					t.Fatal(err)
				}
			}
			merged := mustAcc(t, asOf, cat)
			for i := n - 1; i >= 0; i-- {
				if err := merged.Merge(parts[i]); err != nil {
					t.Fatal(err)
				}
			}
			want := mustResult(t, one, profiles...)
			got := mustResult(t, merged, profiles...)
			if diff := cmp.Diff(want, got, ignoreIndex); diff != "" {
				t.Errorf("asOf %v: merge(split) != one pass (-want +got)\n%s", asOf, diff)
			}
		}
	})
}

// FuzzMergeMismatch checks that accumulators over two definitions that
// differ — in any field of any course or post of the catalog, or in asOf
// (another instant, or the same instant in a location whose 90 calendar
// days start at another instant) — never merge (learnstats.ErrMismatch),
// and that the same definition built twice always does.
func FuzzMergeMismatch(f *testing.F) {
	for k := range 12 {
		f.Add(uint8(k), uint8(k*31), uint8(3))
	}
	f.Fuzz(func(t *testing.T, change, pick, size uint8) {
		n := int(size%4) + 2
		asOf := func(mutate bool) time.Time {
			switch {
			case mutate && change%12 == 10:
				return fuzzAsOf.Add(time.Duration(pick)*time.Second + 1) // another instant, however close
			case mutate && change%12 == 11:
				return fuzzAsOf.In(fuzzParis(t)) // the same instant, another window start (DST)
			}
			return fuzzAsOf
		}
		build := func(mutate bool) *Catalog {
			var courses []Course
			var posts []learnstats.Post
			for i := range n {
				co := Course{ID: learnstats.StepID(fmt.Sprint("c", i)), MainAuthor: learnstats.UserID(fmt.Sprint("u", i))}
				if i > 0 {
					co.DuplicatedFrom = learnstats.StepID(fmt.Sprint("c", i-1))
				}
				courses = append(courses, co)
				p := learnstats.Post{ID: learnstats.PostID(fmt.Sprint("p", i)), Author: co.MainAuthor, Place: learnstats.PlaceGroupFeed, At: fuzzAsOf.Add(-time.Duration(i) * time.Hour)}
				if i > 0 {
					p.ReplyTo = "p0"
				}
				posts = append(posts, p)
			}
			if mutate {
				i := int(pick) % n
				switch change % 12 {
				case 0:
					courses[i].MainAuthor += "x"
				case 1:
					courses[i].PublishedBy = "someone"
				case 2:
					courses[i].PublishedAt = fuzzAsOf.Add(time.Duration(pick) + 1)
				case 3:
					if i == 0 {
						courses[0].DuplicatedFrom = learnstats.StepID(fmt.Sprint("c", n-1)) + "x"
						courses = append(courses, Course{ID: courses[0].DuplicatedFrom, MainAuthor: "v"})
					} else {
						courses[i].DuplicatedFrom = ""
					}
				case 4:
					posts[i].Author += "x"
				case 5:
					posts[i].At = posts[i].At.Add(time.Nanosecond)
				case 6:
					posts[i].Place = learnstats.PlacePathForum
				case 7:
					posts[i].Unpublished = true
				case 8:
					posts = append(posts, learnstats.Post{ID: "extra", Author: "u0", Place: learnstats.PlaceOther, At: fuzzAsOf})
				case 9:
					courses = courses[:len(courses)-1]
				}
			}
			return mustCatalog(t, courses, posts)
		}
		a, same, other := mustAcc(t, asOf(false), build(false)), mustAcc(t, asOf(false), build(false)), mustAcc(t, asOf(true), build(true))
		if err := a.Merge(same); err != nil {
			t.Fatalf("the same catalog built twice: %v", err)
		}
		if err := a.Merge(other); !errors.Is(err, learnstats.ErrMismatch) {
			t.Fatalf("change %d: merge over two different definitions: %v, want ErrMismatch", change%12, err)
		}
	})
}

// FuzzExtreme feeds extreme values (the largest and smallest scores, the
// longest sessions, times at the ends of the time range) to every Add
// method: no call panics, an overflow is refused with ErrOverflow, and no
// count or training time comes out negative.
func FuzzExtreme(f *testing.F) {
	f.Add([]byte{1, 255, 255, 255, 1, 0, 3, 3, 3, 3}, int64(math.MaxInt64))
	f.Add([]byte{1, 1, 1, 1, 1, 2, 2, 2}, int64(math.MinInt64))
	f.Add([]byte{3, 0, 0, 3, 1, 1, 3, 2, 2}, int64(math.MaxInt64/2+1))
	f.Fuzz(func(t *testing.T, data []byte, big int64) {
		cat := fuzzCatalog(t)
		times := []time.Time{time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64), time.Unix(math.MaxInt64/4, 0), time.Unix(-math.MaxInt64/4, 0), fuzzAsOf.Add(-time.Hour)}
		for _, asOf := range []time.Time{fuzzAsOf, times[1], times[2]} {
			acc := mustAcc(t, asOf, cat)
			for i := 0; i+3 <= len(data); i += 3 {
				b0, b1, b2 := data[i], data[i+1], data[i+2]
				u := []learnstats.UserID{"u1", "u2"}[b2%2]
				at := times[int(b1)%len(times)]
				id := fmt.Sprint(i)
				var err error
				switch b0 % 5 {
				case 0:
					err = acc.AddAttempt(view(id, "c1", u, at))
				case 1:
					err = acc.AddReaction(learnstats.Reaction{ID: id, Course: "c2", User: u, Score: big >> (b2 % 3), At: at})
				case 2:
					err = acc.AddCompletion(Completion{ID: id, Course: "c1", User: u, At: at})
				case 3:
					end := times[int(b2)%len(times)]
					if end.Before(at) {
						at, end = end, at
					}
					err = acc.AddSession(Session{ID: id, Course: "c1", User: u, Start: at, End: end})
				default:
					err = acc.AddPost(learnstats.Post{ID: learnstats.PostID(id), Author: u, Place: learnstats.PlaceGroupFeed, ReplyTo: "p1", At: at})
				}
				if err != nil && !errors.Is(err, learnstats.ErrOverflow) {
					t.Fatalf("record %d: %v", i, err)
				}
			}
			res, err := acc.Result(slices.Values([]Profile{{User: "u1", PlatformOwner: true}, {User: "u2"}}))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range res.Profiles {
				c, l := s.CreatorMetrics, s.LearnerMetrics
				if c.CourseViews < 0 || c.CommentsReceived < 0 || c.Reactions < 0 || c.PublishedCourses < 0 ||
					l.CompletedCourses < 0 || l.CommentsReceived < 0 || l.ReactionsReceived < 0 || l.TrainingTime < 0 {
					t.Errorf("asOf %v: %+v", asOf, s)
				}
			}
			if left := res.LeftOut; left.OutsideWindow < 0 || left.Unpublished < 0 || left.RepliesToReplies < 0 {
				t.Errorf("asOf %v: left out %+v", asOf, left)
			}
		}
	})
}
