package learners

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

// fuzzRecords decodes bytes into records of every kind over the users of
// testDir, a few courses, sessions and groups, with many ties: each group
// of 4 bytes is one record. Each user gets at most one registration.
type fuzzRecords struct {
	adds []fuzzRecord
}

// fuzzRecord adds one record to an Accumulator (add) and, for the records
// of the drill-down tables, to the DetailAccumulator of its user (detail).
// A nil function: the accumulator takes no such record.
type fuzzRecord struct {
	user   learnstats.UserID
	add    func(*Accumulator) error
	detail func(*DetailAccumulator) error
}

func decodeRecords(data []byte) fuzzRecords {
	users := []learnstats.UserID{"a", "b", "c", "m1", "m2"}
	sessions := []learnstats.SessionID{"", "S1", "S2"}
	places := []learnstats.Place{learnstats.PlaceGroupFeed, learnstats.PlaceSessionFeed, learnstats.PlaceProfileFeed, learnstats.PlaceCourseForum,
		learnstats.PlaceLearningNeedForum, learnstats.PlaceProjectForum, learnstats.PlacePathForum, learnstats.PlaceOther}
	kinds := []learnstats.ReactionKind{learnstats.ReactionLike, learnstats.ReactionLove, learnstats.ReactionCurious}
	methods := []Method{Invited, API, SelfRegistered, SSO, PlatformCreator}
	registered := map[learnstats.UserID]bool{}
	var r fuzzRecords
	for i := 0; i+4 <= len(data); i += 4 {
		b0, b1, b2, b3 := data[i], data[i+1], data[i+2], data[i+3]
		u := users[int(b0/9)%len(users)]
		t := at(int(b1 % 8))
		id := fmt.Sprint(i / 4)
		switch b0 % 9 {
		case 0, 1:
			a := learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint(b3 % 4)), Learner: u, Step: learnstats.StepID(rune('C' + b2%3)), Session: sessions[int(b2/3)%3],
				Start: t, TimeSpent: time.Duration(b3) * time.Minute, LastActivity: t.Add(time.Duration(b2%5) * time.Minute),
				Progress: int(b3) % 101, Score: int(b2) % 101, Scored: b3%2 == 0, Language: []string{"en", "fr"}[b1%2]}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddAttempt(a) }, func(d *DetailAccumulator) error { return d.AddAttempt(a) }})
		case 2:
			s := learnstats.AssessmentScore{ID: id, Learner: u, Assessment: "Q", At: t, Score: learnstats.WholePoints(int64(b3)%101) + learnstats.Points(b2), Scored: b2%2 == 0}
			if s.Score > learnstats.WholePoints(100) {
				s.Score = learnstats.WholePoints(100)
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddAssessment(s) }, nil})
		case 3:
			p := learnstats.Post{ID: learnstats.PostID(id), Author: u, Place: places[int(b2)%len(places)], Unpublished: b3%3 == 0, At: t}
			if b3%2 == 0 {
				p.ReplyTo = "parent"
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddPost(p) }, nil})
		case 4:
			x := learnstats.Reaction{ID: id, User: u, At: t}
			if b2%2 == 0 {
				x.Course = "C"
			} else {
				x.Post, x.Kind = "p", kinds[int(b3)%len(kinds)]
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddReaction(x) }, nil})
		case 5:
			p := Progress{User: u, Percent: 90 + int(b3)%11, Score: int(b2) % 101, Scored: b2%2 == 0}
			if b2%3 == 0 {
				p.Path = learnstats.TrainingID(rune('P' + b3%3))
			} else {
				p.Session = sessions[1+int(b3)%2]
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddProgress(p) }, func(d *DetailAccumulator) error { return d.AddProgress(p) }})
		case 6:
			c := Attendance{User: u, Classroom: learnstats.StepID(rune('K' + b2%3)), Attended: b3%2 == 0}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddAttendance(c) }, nil})
		case 7:
			s := Assignment{}
			if b2%2 == 0 {
				s.Session = sessions[1+int(b3)%2]
			} else {
				s.Path = learnstats.TrainingID(rune('P' + b3%3))
			}
			if b3%2 == 0 {
				s.User = u
			} else {
				s.Group = learnstats.GroupID(fmt.Sprint("g", 1+b1%2))
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddAssignment(s) }, nil})
		default:
			if registered[u] {
				q := learnstats.QuestionAnswer{ID: id, Learner: u, Question: learnstats.QuestionID(rune('Q' + b2%3)), At: t, Score: learnstats.Points(b3) * 3_921_569}
				r.adds = append(r.adds, fuzzRecord{u, nil, func(d *DetailAccumulator) error { return d.AddAnswer(q) }})
				continue
			}
			registered[u] = true
			g := Registration{User: u, Method: methods[int(b2)%len(methods)], InvitedBy: users[int(b3)%len(users)]}
			if b1%3 == 0 {
				g.ReinvitedAt = reinviteCutoff.Add(time.Duration(int(b3)-128) * time.Hour)
			}
			r.adds = append(r.adds, fuzzRecord{u, func(acc *Accumulator) error { return acc.AddRegistration(g) }, nil})
		}
	}
	return r
}

// FuzzMerge checks the accumulator contract: the records split over up to
// four shards (chosen by the fuzzer), merged in reverse order, give the
// result of one pass, for the statistics and for every learner's details,
// with no cut-off and as of an instant among the records.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 1, 1, 2, 3, 5, 0, 4, 4, 2, 3, 3, 3, 3, 6, 7, 8, 4, 9, 9, 9}, uint8(3), uint8(6))
	f.Add([]byte{0, 0, 3, 8, 0, 0, 3, 7, 1, 2, 5, 6, 2, 2, 2, 2}, uint8(1), uint8(0))
	f.Add([]byte("B0A0B0800"), uint8(0), uint8(3)) // a regression corpus entry of the safety fixes (issue 9)
	f.Add([]byte{8, 1, 2, 3, 17, 1, 1, 1, 26, 0, 4, 4, 8, 2, 2, 2, 5, 5, 5, 5, 7, 7, 7, 7, 6, 6, 6, 6}, uint8(2), uint8(8))
	f.Fuzz(func(t *testing.T, data []byte, shards, asOfMin uint8) {
		n := int(shards%4) + 1
		o := Options{Groups: []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}}, Owner: "m1", Sessions: testSessions}
		scope := learnstats.NewGroupScope("g1", "g2")
		records := decodeRecords(data).adds
		shard := func(i int) int { return (i*7 + int(shards)) % n }
		for _, asOf := range []time.Time{{}, at(int(asOfMin % 10))} {
			one := newAccAt(t, asOf, scope, o)
			parts := make([]*Accumulator, n)
			for i := range parts {
				parts[i] = newAccAt(t, asOf, scope, o)
			}
			for i, r := range records {
				if r.add == nil {
					continue
				}
				err := r.add(one)
				if err2 := r.add(parts[shard(i)]); (err == nil) != (err2 == nil) {
					t.Fatalf("record %d: one pass %v, shard %v", i, err, err2)
				}
			}
			merged := newAccAt(t, asOf, scope, o)
			for i := n - 1; i >= 0; i-- {
				if err := merged.Merge(parts[i]); err != nil {
					t.Fatal(err)
				}
			}
			if d := cmp.Diff(one.Result(), merged.Result(), ignoreFrom, cmp.AllowUnexported(Result{}, snapshot{})); d != "" {
				t.Errorf("asOf %v: merge(split) != one pass (-one +merged):\n%s", asOf, d)
			}
			for _, u := range []learnstats.UserID{"a", "b", "c", "m1", "m2"} {
				detail := func() *DetailAccumulator {
					d, err := NewDetailAccumulator(asOf, testDir(t), scope, u, testSessions)
					if err != nil {
						t.Fatal(err)
					}
					return d
				}
				one, merged := detail(), detail()
				parts := make([]*DetailAccumulator, n)
				for i := range parts {
					parts[i] = detail()
				}
				for i, r := range records {
					if r.detail == nil || r.user != u {
						continue
					}
					err := r.detail(one)
					if err2 := r.detail(parts[shard(i)]); (err == nil) != (err2 == nil) {
						t.Fatalf("detail of %s, record %d: one pass %v, shard %v", u, i, err, err2)
					}
				}
				for i := n - 1; i >= 0; i-- {
					if err := merged.Merge(parts[i]); err != nil {
						t.Fatal(err)
					}
				}
				if d := cmp.Diff(one.Result(), merged.Result()); d != "" {
					t.Errorf("asOf %v: detail of %s (-one +merged):\n%s", asOf, u, d)
				}
			}
		}
	})
}

// FuzzMergeMismatch checks that accumulators over two different
// definitions never merge (learnstats.ErrMismatch), whatever the
// difference (asOf included), and that the same definition built twice
// always does; and the same for detail accumulators. The fuzzer picks the
// directory, the scope, the options and asOf, then one change.
func FuzzMergeMismatch(f *testing.F) {
	for k := range 10 {
		f.Add(uint8(k), uint8(3), uint8(1), uint8(k*37))
	}
	f.Fuzz(func(t *testing.T, change, users, seen, salt uint8) {
		nu := int(users%4) + 2
		def := func(mutate bool) (time.Time, *learnstats.Directory, learnstats.Scope, Options) {
			var us []learnstats.User
			for i := range nu {
				us = append(us, learnstats.User{ID: learnstats.UserID(fmt.Sprint("u", i)), Email: fmt.Sprint("u", i, "@x"),
					Groups: []learnstats.GroupID{learnstats.GroupID(fmt.Sprint("g", i%2))}, RegisteredAt: at(i)})
			}
			visible := learnstats.UserSet{}
			for i := range nu {
				if i == 0 || seen>>(i%8)&1 == 1 {
					visible[us[i].ID] = true
				}
			}
			groups := []learnstats.Group{{ID: "g0", Name: "Zero"}, {ID: "g1", Name: "One"}}
			sessions := []Session{{ID: "S", Name: "Session", CreatedAt: at(0)}}
			owner := us[0].ID
			visibleGroups := map[learnstats.GroupID]bool{"g0": true, "g1": salt%2 == 0}
			asOf := at(int(salt % 16))
			if salt%5 == 0 {
				asOf = time.Time{} // no cut-off
			}
			if mutate {
				i := int(salt) % nu
				switch change % 10 {
				case 0:
					us[i].Email += "."
				case 1:
					us[i].LastName = "Changed"
				case 2:
					us[i].RegisteredAt = us[i].RegisteredAt.Add(time.Nanosecond)
				case 3:
					visible[us[i].ID] = !visible[us[i].ID]
				case 4:
					groups[0].Name += "!" // g0 is always visible
				case 5:
					owner = us[nu-1].ID
					if owner == us[0].ID {
						owner = us[1].ID
					}
				case 6:
					sessions[0].End = at(int(salt) + 1)
				case 7:
					visibleGroups["g0"] = false
				case 8:
					asOf = asOf.Add(time.Nanosecond) // another asOf, however close
				case 9:
					if asOf.IsZero() {
						asOf = at(0)
					} else {
						asOf = time.Time{}
					}
				}
			}
			dir, err := learnstats.NewDirectory(us)
			if err != nil {
				t.Fatal(err)
			}
			scope := funcScope{user: func(u learnstats.User) bool { return visible[u.ID] }, group: func(g learnstats.GroupID) bool { return visibleGroups[g] }}
			return asOf, dir, scope, Options{Groups: groups, Owner: owner, Sessions: sessions}
		}
		build := func(mutate bool) *Accumulator {
			asOf, dir, scope, o := def(mutate)
			acc, err := NewAccumulator(asOf, dir, scope, o)
			if err != nil {
				t.Fatal(err)
			}
			return acc
		}
		a, same, other := build(false), build(false), build(true)
		if err := a.Merge(same); err != nil {
			t.Fatalf("the same definition built twice: %v", err)
		}
		if err := a.Merge(other); !errors.Is(err, learnstats.ErrMismatch) {
			t.Fatalf("change %d: merge of two different definitions: %v, want ErrMismatch", change%10, err)
		}

		// The detail accumulators: their definition is asOf, the learner and
		// the catalog of program sessions.
		detail := func(mutate bool) *DetailAccumulator {
			asOf, dir, scope, o := def(false)
			user := learnstats.UserID("u0") // always visible
			if mutate {
				switch change % 5 {
				case 0:
					asOf = asOf.Add(time.Nanosecond)
				case 1:
					if asOf.IsZero() {
						asOf = at(0)
					} else {
						asOf = time.Time{}
					}
				case 2:
					user = learnstats.UserID(fmt.Sprint("u", nu-1))
					scope = learnstats.Everything
				case 3:
					o.Sessions[0].Name += "!"
				case 4:
					o.Sessions = nil
				}
			}
			d, err := NewDetailAccumulator(asOf, dir, scope, user, o.Sessions)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		da, dsame, dother := detail(false), detail(false), detail(true)
		if err := da.Merge(dsame); err != nil {
			t.Fatalf("the same detail definition built twice: %v", err)
		}
		if err := da.Merge(dother); !errors.Is(err, learnstats.ErrMismatch) {
			t.Fatalf("detail change %d: merge of two different definitions: %v, want ErrMismatch", change%5, err)
		}
	})
}

// FuzzExtreme feeds extreme values (the longest durations, scores at the
// bounds, times at the ends of the time range) to every Add method of the
// Accumulator and of the DetailAccumulator, with no cut-off and as of
// instants among them: no call panics, an overflow is refused with
// ErrOverflow, and no figure a rule defines as non-negative comes out
// negative.
func FuzzExtreme(f *testing.F) {
	f.Add([]byte{0, 255, 255, 255, 0, 255, 255, 255, 1, 2, 3, 4}, int64(math.MaxInt64))
	f.Add([]byte{2, 0, 0, 0, 2, 1, 1, 1, 3, 3, 3, 3, 4, 4, 4, 4}, int64(math.MinInt64))
	f.Add([]byte{0, 1, 1, 1, 0, 2, 2, 2, 0, 3, 3, 3}, int64(math.MaxInt64/2+1))
	f.Fuzz(func(t *testing.T, data []byte, big int64) {
		times := []time.Time{time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64), time.Unix(math.MaxInt64/4, 0), time.Unix(-math.MaxInt64/4, 0), t0}
		for _, asOf := range []time.Time{{}, t0, times[1]} {
			acc := newAccAt(t, asOf, learnstats.Everything, Options{Sessions: testSessions})
			details := map[learnstats.UserID]*DetailAccumulator{"a": newDetail(t, asOf, "a"), "b": newDetail(t, asOf, "b")}
			for i := 0; i+4 <= len(data); i += 4 {
				b0, b1, b2, b3 := data[i], data[i+1], data[i+2], data[i+3]
				u := []learnstats.UserID{"a", "b"}[b0/5%2]
				ts := times[int(b1)%len(times)]
				var errs [2]error
				switch b0 % 5 {
				case 0:
					d := time.Duration(big)
					if d < 0 {
						d = -d
					}
					if d < 0 {
						d = math.MaxInt64
					}
					a := learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint(i)), Learner: u, Step: "C", Session: []learnstats.SessionID{"", "S1"}[b2%2],
						Start: ts, TimeSpent: d >> (b3 % 3), Progress: 100 * int(b2%2), Score: 100 * int(b3%2), Scored: true}
					errs = [2]error{acc.AddAttempt(a), details[u].AddAttempt(a)}
				case 1:
					errs[0] = acc.AddAssessment(learnstats.AssessmentScore{ID: fmt.Sprint(i), Learner: u, Assessment: "Q", At: ts, Score: learnstats.WholePoints(100) * learnstats.Points(b2%2), Scored: true})
				case 2:
					errs[1] = details[u].AddAnswer(learnstats.QuestionAnswer{ID: fmt.Sprint(i), Learner: u, Question: "Q", At: ts, Score: learnstats.WholePoints(100) * learnstats.Points(b3%2)})
				case 3:
					errs[0] = acc.AddPost(learnstats.Post{ID: learnstats.PostID(fmt.Sprint(i)), Author: u, Place: learnstats.PlaceGroupFeed, ReplyTo: "p", At: ts})
				default:
					errs[0] = acc.AddReaction(learnstats.Reaction{ID: fmt.Sprint(i), User: u, Course: "C", Score: big, At: ts})
				}
				for _, err := range errs {
					if err != nil && !errors.Is(err, learnstats.ErrOverflow) {
						t.Fatalf("record %d: %v", i, err)
					}
				}
			}
			res := acc.Result()
			for _, r := range res.Rows {
				if r.TimeSpent < 0 || r.TotalTimeSpent < 0 || r.TotalTimeSpent > r.TimeSpent || r.Messages < 0 || r.Publications < 0 || r.Comments < 0 || r.Reactions < 0 ||
					(r.AvgScore.Valid() && (r.AvgScore.Int() < 0 || r.AvgScore.Int() > 100)) {
					t.Errorf("asOf %v: user %s: %+v", asOf, r.User.ID, r)
				}
			}
			if res.Later < 0 {
				t.Errorf("later %d", res.Later)
			}
			for _, acc := range details {
				d := acc.Result()
				for _, c := range d.Courses {
					if c.TimeSpent < 0 {
						t.Errorf("course time %s", c.TimeSpent)
					}
				}
				for _, p := range d.Programs {
					if p.TimeSpent < 0 {
						t.Errorf("program time %s", p.TimeSpent)
					}
				}
				for _, q := range d.Questions {
					if q.Score < 0 || q.Score > 100 {
						t.Errorf("question score %d", q.Score)
					}
				}
				if d.Later < 0 {
					t.Errorf("detail later %d", d.Later)
				}
			}
		}
	})
}
