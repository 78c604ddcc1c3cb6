package stats

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

// learnerFuzzRecords decodes bytes into attempts, assessments, posts and
// reactions over a few users, courses and sessions, with many ties.
func learnerFuzzRecords(data []byte) (att []CourseAttempt, ass []AssessmentAttempt, posts []Post, reacts []Reaction, prog []LearnerProgress) {
	users := []learnstats.UserID{"a", "b", "c"}
	sessions := []string{"", "S1", "S2"}
	for i := 0; i+4 <= len(data); i += 4 {
		b0, b1, b2, b3 := data[i], data[i+1], data[i+2], data[i+3]
		u := users[int(b0)%len(users)]
		at := learnerAt(int(b1 % 8))
		switch b0 % 5 {
		case 0, 1:
			att = append(att, CourseAttempt{ID: int64(b3 % 4), User: u, Course: string(rune('C' + b2%3)), Session: sessions[int(b2/3)%3],
				Start: at, Duration: time.Duration(b3) * time.Minute, LastActivity: at.Add(time.Duration(b2%5) * time.Minute),
				Progress: int(b3) % 101, Score: int(b2) % 101, Scored: b3%2 == 0})
		case 2:
			ass = append(ass, AssessmentAttempt{ID: int64(i), User: u, Assessment: "Q", At: at, Score: int(b3) % 101, Scored: b2%2 == 0})
		case 3:
			places := []PostPlace{PlaceGroupFeed, PlaceSessionFeed, PlaceProfileFeed, PlaceCourseForum, PlaceLearningNeedForum, PlaceProjectForum}
			posts = append(posts, Post{ID: int64(i), User: u, Place: places[int(b2)%len(places)], Reply: b3%2 == 0, Published: b3%3 != 0, At: at})
		case 4:
			kinds := []ReactionKind{ReactionActivity, ReactionPostLike}
			reacts = append(reacts, Reaction{ID: int64(i), User: u, Kind: kinds[b2%2], At: at})
			prog = append(prog, LearnerProgress{User: u, Kind: []LearnerItemKind{LearnerProgram, LearnerPath}[b2%2], Item: string(rune('P' + b3%3)), Percent: 90 + int(b3)%11})
		}
	}
	return
}

// FuzzLearnerMerge checks the merge laws: any split of the records into
// two accumulators, merged, gives the one-pass result (L-1 … L-7, R-1 …
// R-3, L-8, L-9).
func FuzzLearnerMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 1, 1, 2, 3, 5, 0, 4, 4, 2, 3, 3, 3, 3, 6, 7, 8, 4, 9, 9, 9}, uint8(3))
	f.Add([]byte{0, 0, 3, 8, 0, 0, 3, 7, 1, 2, 5, 6, 2, 2, 2, 2}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		asOf := learnerAt(6)
		att, ass, posts, reacts, prog := learnerFuzzRecords(data)
		one, left, right := LearnerAcc{AsOf: asOf}, LearnerAcc{AsOf: asOf}, LearnerAcc{AsOf: asOf}
		cOne, cLeft, cRight := CollabAcc{AsOf: asOf}, CollabAcc{AsOf: asOf}, CollabAcc{AsOf: asOf}
		var dOne, dLeft, dRight LearnerDetailAcc
		pick := func(i int) (*LearnerAcc, *CollabAcc) {
			if (i*7+int(cut))%3 == 0 {
				return &left, &cLeft
			}
			return &right, &cRight
		}
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		for i, a := range att {
			must(one.AddAttempt(a))
			l, _ := pick(i)
			must(l.AddAttempt(a))
			if a.User == "a" {
				must(dOne.AddAttempt(a))
				if l == &left {
					must(dLeft.AddAttempt(a))
				} else {
					must(dRight.AddAttempt(a))
				}
			}
		}
		for i, a := range ass {
			must(one.AddAssessment(a))
			l, _ := pick(i)
			must(l.AddAssessment(a))
		}
		for i, p := range posts {
			must(one.AddPost(p))
			must(cOne.AddPost(p))
			l, c := pick(i)
			must(l.AddPost(p))
			must(c.AddPost(p))
		}
		for i, r := range reacts {
			must(cOne.AddReaction(r))
			_, c := pick(i)
			must(c.AddReaction(r))
		}
		for i, p := range prog {
			must(one.AddProgress(p))
			l, _ := pick(i + 1)
			must(l.AddProgress(p))
		}
		var aOne, aLeft, aRight AssignmentAcc
		for i, p := range prog {
			s := Assignment{Kind: p.Kind, Item: p.Item}
			if i%2 == 0 {
				s.User = p.User
			} else {
				s.Group = learnstats.GroupID("g" + string(p.User))
			}
			must(aOne.Add(s))
			if (i+int(cut))%2 == 0 {
				must(aLeft.Add(s))
			} else {
				must(aRight.Add(s))
			}
		}
		must(aLeft.Merge(&aRight))
		for _, u := range []learnstats.User{{ID: "a", Groups: []learnstats.GroupID{"gb", "gc"}}, {ID: "b"}, {ID: "c", Groups: []learnstats.GroupID{"ga"}}} {
			for _, k := range []LearnerItemKind{LearnerProgram, LearnerPath} {
				if w, g := aOne.Assigned(u, k), aLeft.Assigned(u, k); w != g {
					t.Errorf("user %s %s assigned: one pass %d, merged %d", u.ID, k, w, g)
				}
			}
		}
		// Merge in either direction.
		must(right.Merge(&left))
		must(cLeft.Merge(&cRight))
		must(dRight.Merge(&dLeft))
		for _, u := range []learnstats.UserID{"a", "b", "c"} {
			if d := cmp.Diff(mustTotals(t, &one, u), mustTotals(t, &right, u)); d != "" {
				t.Errorf("user %s totals (-one pass +merged):\n%s", u, d)
			}
			if d := cmp.Diff(mustCounts(t, &cOne, u), mustCounts(t, &cLeft, u)); d != "" {
				t.Errorf("user %s collab (-one pass +merged):\n%s", u, d)
			}
		}
		if one.Later() != right.Later() || cOne.Later() != cLeft.Later() || cOne.Unpublished() != cLeft.Unpublished() {
			t.Errorf("left-out counts differ")
		}
		cat := map[string]ProgramSession{"S1": {ID: "S1"}, "S2": {ID: "S2"}}
		w, err1 := dOne.Result(cat)
		g, err2 := dRight.Result(cat)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if d := cmp.Diff(w, g); d != "" {
			t.Errorf("detail (-one pass +merged):\n%s", d)
		}
	})
}
