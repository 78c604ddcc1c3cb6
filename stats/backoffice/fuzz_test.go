package backoffice_test

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// fuzzUsers decodes data into users, 11 bytes each: a premium flag and
// five counters of two bytes (little endian; the top bit of the first
// counter makes it 2^40, to exercise big sums). IDs are unique.
func fuzzUsers(data []byte) []backoffice.User {
	var users []backoffice.User
	for i := 0; len(data) >= 11; i++ {
		c := func(k int) int64 { return int64(binary.LittleEndian.Uint16(data[1+2*k:])) }
		u := backoffice.User{
			User:              learnstats.User{ID: learnstats.UserID(fmt.Sprintf("u%d", i))},
			Premium:           data[0]&1 == 1,
			JournalsCompleted: c(0), JournalMessages: c(1), LessonsCompleted: c(2), Chats: c(3), ChatMessages: c(4),
		}
		if u.JournalsCompleted&0x8000 != 0 {
			u.JournalsCompleted = maxCount
		}
		users = append(users, u)
		data = data[11:]
	}
	return users
}

// rotate returns xs rotated left by k and reversed when rev: a reordering
// of the input that must not change any result.
func rotate[T any](xs []T, k int, rev bool) []T {
	out := make([]T, 0, len(xs))
	if len(xs) > 0 {
		k %= len(xs)
		out = append(append(out, xs[k:]...), xs[:k]...)
	}
	if rev {
		slices.Reverse(out)
	}
	return out
}

// FuzzB1_CardsMerge checks the accumulator contract of rule B-1: the users
// split into three shards at any two points, accumulated separately and
// merged in any grouping or order, give the cards of one pass.
func FuzzB1_CardsMerge(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint8(0))
	f.Add([]byte("premium-1-2-3abcdefghijk\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"), uint8(1), uint8(2))
	f.Add([]byte("\x01\xff\xff\x00\x01\x00\x02\x00\x03\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, cut1, cut2 uint8) {
		users := fuzzUsers(data)
		i, j := int(cut1)%(len(users)+1), int(cut2)%(len(users)+1)
		if i > j {
			i, j = j, i
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		shard := func(us []backoffice.User) *backoffice.CardsAccumulator {
			var a backoffice.CardsAccumulator
			for _, u := range us {
				must(a.Add(u))
			}
			return &a
		}
		one := shard(users)
		// (a + b) + c
		left := shard(users[:i])
		must(left.Merge(shard(users[i:j])))
		must(left.Merge(shard(users[j:])))
		// c + (b + a)
		right := shard(users[j:])
		ba := shard(users[i:j])
		must(ba.Merge(shard(users[:i])))
		must(right.Merge(ba))
		want := one.Result()
		if diff := gocmp.Diff(want, left.Result()); diff != "" {
			t.Errorf("(a+b)+c differs from one pass (-want +got):\n%s", diff)
		}
		if diff := gocmp.Diff(want, right.Result()); diff != "" {
			t.Errorf("c+(b+a) differs from one pass (-want +got):\n%s", diff)
		}
		if want.TotalUsers != int64(len(users)) {
			t.Errorf("TotalUsers = %d, want %d", want.TotalUsers, len(users))
		}
		// Shards that overlap never merge: the users of b are in both.
		if j > i {
			overlap := shard(users[:j])
			if err := overlap.Merge(shard(users[i:])); !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Errorf("overlapping shards: error = %v, want ErrInvalidRecord", err)
			}
		}
	})
}

// extremes are counter values at and around the edges.
var extremes = [...]int64{0, 1, -1, maxCount - 1, maxCount, maxCount + 1, math.MaxInt64, math.MinInt64, math.MaxInt64 / 2, 1 << 62}

// extremeUsers decodes data into users whose counters are picked from
// extremes (or taken raw), with sexes and birth dates at the edges.
func extremeUsers(data []byte) []backoffice.User {
	var users []backoffice.User
	sexes := []string{"", "Female", "Male", "Other", "female", "\x00"}
	for i := 0; len(data) >= 8; i++ {
		pick := func(b byte) int64 {
			if b&0x80 != 0 {
				return int64(b&0x7f) << (b & 0x3f % 48)
			}
			return extremes[int(b)%len(extremes)]
		}
		u := backoffice.User{
			User:              learnstats.User{ID: learnstats.UserID(fmt.Sprintf("%d", int(data[0])%(i+1)*1000+i)), Email: string(data[1:2])},
			Premium:           data[1]&1 == 1,
			JournalsCompleted: pick(data[2]), JournalMessages: pick(data[3]), LessonsCompleted: pick(data[4]),
			Chats: pick(data[5]), ChatMessages: pick(data[6]),
			Sex: sexes[int(data[7])%len(sexes)],
		}
		if data[7]&0x10 != 0 {
			years := []int{0, 1, 9999, 10000, -5, 2000, 2026}
			u.BirthDate = learnstats.Date{Year: years[int(data[0])%len(years)], Month: time.Month(data[1] % 14), Day: int(data[2] % 33)}
		}
		if data[7]&0x20 != 0 {
			u.RegisteredAt = time.Unix(int64(binary.LittleEndian.Uint32(data[3:]))<<int(data[0]%33), 0)
		}
		users = append(users, u)
		data = data[8:]
	}
	return users
}

// FuzzB1_ExtremeValues feeds counters at and beyond the edges: no call
// panics; a refused user is an invalid record or an overflow and changes
// nothing; every card stays non-negative.
func FuzzB1_ExtremeValues(f *testing.F) {
	f.Add([]byte("\x00\x01\x04\x05\x06\x07\x08\x09\x01\x01\x09\x09\x09\x09\x09\x10"))
	f.Add([]byte("\x03\x02\xbf\xbf\xbf\xbf\xbf\x00\x04\x03\xbf\xbf\xbf\xbf\xbf\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		users := extremeUsers(data)
		var acc backoffice.CardsAccumulator
		shards := []*backoffice.CardsAccumulator{{}, {}}
		for i, u := range users {
			before := acc.Result()
			err := acc.Add(u)
			if err != nil {
				if !errors.Is(err, learnstats.ErrInvalidRecord) && !errors.Is(err, learnstats.ErrOverflow) {
					t.Fatalf("user %q: undocumented error %v", u.ID, err)
				}
				if acc.Result() != before {
					t.Fatalf("user %q: refused, but the cards changed", u.ID)
				}
			}
			_ = shards[i%2].Add(u)
			checkCards(t, acc.Result())
		}
		if err := shards[0].Merge(shards[1]); err != nil && !errors.Is(err, learnstats.ErrOverflow) && !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Fatalf("merge: undocumented error %v", err)
		}
		checkCards(t, shards[0].Result())
	})
}

func checkCards(t *testing.T, c backoffice.Cards) {
	t.Helper()
	for _, v := range []int64{c.TotalUsers, c.PremiumUsers, c.Journals, c.JournalMessages, c.LessonsCompleted, c.Chats, c.ChatMessages} {
		if v < 0 {
			t.Fatalf("negative card in %+v", c)
		}
	}
	if c.PremiumUsers > c.TotalUsers {
		t.Fatalf("more premium users than users: %+v", c)
	}
}

// sortValue is the test's own reading of rule B-2's columns, by header.
func sortValue(header string, u backoffice.Row) func(backoffice.Row) int {
	return func(v backoffice.Row) int {
		switch header {
		case "", "Registration date":
			return u.RegisteredAt.Compare(v.RegisteredAt)
		case "Email":
			return strings.Compare(u.Email, v.Email)
		case "Premium":
			return cmp.Compare(b2i(u.Premium), b2i(v.Premium))
		case "Journals completed":
			return cmp.Compare(u.JournalsCompleted, v.JournalsCompleted)
		case "Journal messages":
			return cmp.Compare(u.JournalMessages, v.JournalMessages)
		case "Lessons completed":
			return cmp.Compare(u.LessonsCompleted, v.LessonsCompleted)
		case "Chats":
			return cmp.Compare(u.Chats, v.Chats)
		case "Chat messages":
			return cmp.Compare(u.ChatMessages, v.ChatMessages)
		}
		panic("unknown header " + header)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

var fuzzHeaders = []string{"", "Registration date", "Email", "Premium", "Journals completed", "Journal messages",
	"Lessons completed", "Chats", "Chat messages"}

// FuzzB2_InputOrder checks that the per-user table (B-2) does not depend
// on the order of its input, for every sort column and direction (small
// counters and few emails make ties frequent), that its rows are in the
// rule's order, and that any split of the users, accumulated separately
// and merged, gives the table of one pass.
func FuzzB2_InputOrder(f *testing.F) {
	f.Add([]byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"), uint8(3), uint8(1), true)
	f.Fuzz(func(t *testing.T, data []byte, rot, col uint8, rev bool) {
		users := fuzzUsers(data)
		reg := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range users {
			users[i].Email = fmt.Sprintf("e%d@example.com", users[i].ChatMessages%3)
			users[i].RegisteredAt = reg.Add(time.Duration(users[i].Chats%4) * time.Hour)
			users[i].Chats %= 3
		}
		q := backoffice.Query{
			SortBy:     fuzzHeaders[int(col)%len(fuzzHeaders)],
			Descending: col&16 != 0,
			Premium:    []string{"", "All", "True", "False"}[int(col>>5)%4],
		}
		want, err := backoffice.TableOf(time.Time{}, slices.Values(users), q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := backoffice.TableOf(time.Time{}, slices.Values(rotate(users, int(rot), rev)), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("query %+v: result depends on input order (-want +got):\n%s", q, diff)
		}
		for i := 1; i < len(got.Rows); i++ {
			a, b := got.Rows[i-1], got.Rows[i]
			c := sortValue(q.SortBy, a)(b)
			if q.Descending {
				c = -c
			}
			if cmp.Or(c, strings.Compare(a.Email, b.Email), learnstats.CompareIDs(a.ID, b.ID)) >= 0 {
				t.Errorf("query %+v: rows %d (%s) and %d (%s) out of order", q, i-1, a.ID, i, b.ID)
			}
		}
		// Any split, accumulated separately and merged, is one pass.
		cut := int(rot) % (len(users) + 1)
		var a, b backoffice.TableAccumulator
		for i, u := range users {
			target := &a
			if i >= cut {
				target = &b
			}
			if err := target.Add(u); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Merge(&a); err != nil {
			t.Fatal(err)
		}
		merged, err := b.Result(q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, merged); diff != "" {
			t.Errorf("query %+v: split at %d merged differs from one pass (-want +got):\n%s", q, cut, diff)
		}
		if len(got.Rows)+got.FilteredOut != len(users) {
			t.Errorf("%d rows + %d filtered out != %d users", len(got.Rows), got.FilteredOut, len(users))
		}
	})
}

// FuzzB3_ExtremeValues feeds the table users with counters, birth dates
// and registration times at the edges, and an asOf anywhere from year 1
// to far in the future: no call panics, errors are the documented ones,
// an age is never negative, and every user is a row or filtered out.
func FuzzB3_ExtremeValues(f *testing.F) {
	f.Add([]byte("\x00\x01\x04\x05\x06\x07\x08\x19\x01\x01\x09\x09\x09\x09\x09\x30"), int64(0), uint8(0))
	f.Add([]byte("\x02\x02\x00\x00\x00\x00\x00\x10\x04\x03\x01\x01\x01\x01\x01\x30"), int64(math.MaxInt64), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, asOfSec int64, col uint8) {
		users := extremeUsers(data)
		asOf := time.Unix(asOfSec, 0).In(time.FixedZone("F", int(col)*3600-12*3600))
		q := backoffice.Query{SortBy: fuzzHeaders[int(col)%len(fuzzHeaders)], Descending: col&1 == 1,
			Premium: []string{"", "True", "False"}[int(col)%3]}
		acc := backoffice.NewTableAccumulator(asOf)
		added := 0
		for _, u := range users {
			if err := acc.Add(u); err != nil {
				if !errors.Is(err, learnstats.ErrInvalidRecord) {
					t.Fatalf("user %q: undocumented error %v", u.ID, err)
				}
				continue
			}
			added++
		}
		table, err := acc.Result(q)
		if err != nil {
			if !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Fatalf("undocumented error %v", err)
			}
			return
		}
		if len(table.Rows)+table.FilteredOut != added || table.FilteredOut < 0 {
			t.Fatalf("%d rows + %d filtered out != %d users", len(table.Rows), table.FilteredOut, added)
		}
		for _, r := range table.Rows {
			if r.Age < 0 || (r.AgeKnown && r.BirthDate.IsZero()) {
				t.Fatalf("row %q: age %d, known %v, birth %v", r.ID, r.Age, r.AgeKnown, r.BirthDate)
			}
			for _, v := range []int64{r.JournalsCompleted, r.JournalMessages, r.LessonsCompleted, r.Chats, r.ChatMessages} {
				if v < 0 {
					t.Fatalf("row %q: negative counter", r.ID)
				}
			}
		}
	})
}

// fuzzSubmissions decodes data into submissions of survey "s" (or
// "other"), one per byte.
func fuzzSubmissions(data []byte) []backoffice.Submission {
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var subs []backoffice.Submission
	for i, c := range data {
		s := backoffice.Submission{
			ID: fmt.Sprintf("x%d", i), Survey: "s", User: "u", Email: fmt.Sprintf("e%d", c%3),
			SubmittedAt: base.Add(time.Duration(c%16) * 12 * time.Hour),
		}
		if c&16 != 0 {
			s.Survey = "other"
		}
		for k := 0; k < int(c>>5); k++ {
			if s.Answers == nil {
				s.Answers = map[string][]string{}
			}
			q := string(rune('a' + k%2))
			s.Answers[q] = append(s.Answers[q], fmt.Sprint(k))
		}
		subs = append(subs, s)
	}
	return subs
}

// FuzzB4_InputOrder checks that the survey export (B-4) does not depend on
// the order of the submissions, that any split accumulated separately and
// merged gives the result of one pass, and that every submission is a row
// or counted.
func FuzzB4_InputOrder(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"), uint8(2), false, uint8(3), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, rot uint8, rev bool, from, to uint8) {
		survey := backoffice.Survey{ID: "s", Questions: []backoffice.Question{{ID: "a", Text: "A"}, {ID: "b", Text: "A"}}}
		subs := fuzzSubmissions(data)
		var r backoffice.DateRange
		if from%4 != 0 {
			r.From = learnstats.Date{Year: 2026, Month: 11, Day: 1 + int(from%8)}
		}
		if to%4 != 0 {
			r.To = learnstats.Date{Year: 2026, Month: 11, Day: 1 + int(from%8) + int(to%8)}
		}
		want, err := backoffice.SurveyResultsOf(survey, r, slices.Values(subs))
		if err != nil {
			t.Fatal(err)
		}
		got, err := backoffice.SurveyResultsOf(survey, r, slices.Values(rotate(subs, int(rot), rev)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("result depends on input order (-want +got):\n%s", diff)
		}
		// Any split, accumulated separately and merged, is one pass.
		cut := int(rot) % (len(subs) + 1)
		a, err := backoffice.NewSurveyAccumulator(survey, r)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := backoffice.NewSurveyAccumulator(survey, r)
		for i, s := range subs {
			target := a
			if i >= cut {
				target = b
			}
			if err := target.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Merge(a); err != nil {
			t.Fatal(err)
		}
		if diff := gocmp.Diff(want, b.Result()); diff != "" {
			t.Errorf("split at %d merged differs from one pass (-want +got):\n%s", cut, diff)
		}
		if len(got.Rows)+got.OutsideRange+got.OtherSurveys != len(subs) {
			t.Errorf("%d rows + %d outside + %d other != %d submissions", len(got.Rows), got.OutsideRange, got.OtherSurveys, len(subs))
		}
	})
}

// fuzzDefinition decodes a survey and a date range from data: the
// definition of a survey accumulator.
func fuzzDefinition(data []byte) (backoffice.Survey, backoffice.DateRange) {
	at := func(i int) byte {
		if i < len(data) {
			return data[i]
		}
		return 0
	}
	s := backoffice.Survey{ID: fmt.Sprint("s", at(0)%3), Title: fmt.Sprint("T", at(1)%2)}
	for k := 0; k < int(at(2)%4); k++ {
		s.Questions = append(s.Questions, backoffice.Question{ID: fmt.Sprint("q", (int(at(3))+k)%5), Text: fmt.Sprint("Q", at(4+k)%2)})
	}
	var r backoffice.DateRange
	if at(8)&1 != 0 {
		r.From = learnstats.Date{Year: 2026, Month: 11, Day: 1 + int(at(9)%3)}
	}
	if at(8)&2 != 0 {
		r.To = learnstats.Date{Year: 2026, Month: 11, Day: 4 + int(at(10)%3)}
	}
	if at(8)&4 != 0 {
		r.Location = time.FixedZone(fmt.Sprint("Z", at(11)%2), int(at(12)%3)*3600)
	}
	return s, r
}

// FuzzB4_MergeMismatch checks that two survey accumulators merge exactly
// when their survey and range are the same (by contents: the same ID,
// title and questions; the same instants), and that any other pair fails
// with learnstats.ErrMismatch, leaving the receiver unchanged.
func FuzzB4_MergeMismatch(f *testing.F) {
	f.Add([]byte("\x00\x00\x02\x00\x00\x00\x00\x00\x07\x00\x00\x00\x01"), []byte("\x00\x00\x02\x00\x00\x00\x00\x00\x07\x00\x00\x01\x01"))
	f.Add([]byte("\x01\x01\x03\x01\x01\x00\x01"), []byte("\x01\x00\x03\x01\x01\x00\x01"))
	f.Fuzz(func(t *testing.T, d1, d2 []byte) {
		s1, r1 := fuzzDefinition(d1)
		s2, r2 := fuzzDefinition(d2)
		a, err1 := backoffice.NewSurveyAccumulator(s1, r1)
		b, err2 := backoffice.NewSurveyAccumulator(s2, r2)
		if err1 != nil || err2 != nil {
			return // a duplicate question ID: no accumulator
		}
		at := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
		if err := a.Add(backoffice.Submission{ID: "x1", Survey: s1.ID, User: "u", SubmittedAt: at}); err != nil {
			t.Fatal(err)
		}
		if err := b.Add(backoffice.Submission{ID: "x2", Survey: s2.ID, User: "u", SubmittedAt: at}); err != nil {
			t.Fatal(err)
		}
		before := a.Result()
		same := s1.ID == s2.ID && s1.Title == s2.Title && slices.Equal(s1.Questions, s2.Questions) && sameInstants(r1, r2)
		err := a.Merge(b)
		switch {
		case same && err != nil:
			t.Fatalf("same definition %+v %v: %v", s1, r1, err)
		case !same && !errors.Is(err, learnstats.ErrMismatch):
			t.Fatalf("definitions %+v %v and %+v %v: error = %v, want ErrMismatch", s1, r1, s2, r2, err)
		case !same:
			if diff := gocmp.Diff(before, a.Result()); diff != "" {
				t.Fatalf("a refused merge changed the receiver (-want +got):\n%s", diff)
			}
		}
	})
}

// sameInstants is the test's own reading of "the same range": the same
// first and last instants, each bound open or not on both.
func sameInstants(a, b backoffice.DateRange) bool {
	start := func(r backoffice.DateRange) (time.Time, bool) {
		if r.From.IsZero() {
			return time.Time{}, false
		}
		return r.From.Start(r.Location), true
	}
	end := func(r backoffice.DateRange) (time.Time, bool) {
		if r.To.IsZero() {
			return time.Time{}, false
		}
		return r.To.AddDays(1).Start(r.Location), true
	}
	as, aok := start(a)
	bs, bok := start(b)
	ae, aeok := end(a)
	be, beok := end(b)
	return aok == bok && aeok == beok && as.Equal(bs) && ae.Equal(be)
}

// FuzzB4_ExtremeValues feeds submissions at instants from year 1 to far in
// the future and ranges at the edges of the calendar: no call panics,
// errors are the documented ones, no count is negative, and every
// submission is a row or counted.
func FuzzB4_ExtremeValues(f *testing.F) {
	f.Add([]byte("\x00\x01\xff\x80"), int64(math.MaxInt64), int64(math.MinInt64), uint16(1), uint16(9999))
	f.Add([]byte("\x10\x20\x30"), int64(0), int64(-62135596800), uint16(0), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, sec1, sec2 int64, y1, y2 uint16) {
		survey := backoffice.Survey{ID: "s", Questions: []backoffice.Question{{ID: "a", Text: "A"}, {ID: "b", Text: "B"}}}
		r := backoffice.DateRange{Location: time.FixedZone("E", -14*3600)}
		if y1 != 0 {
			r.From = learnstats.Date{Year: int(y1), Month: time.January, Day: 1}
		}
		if y2 != 0 {
			r.To = learnstats.Date{Year: int(y2), Month: time.December, Day: 31}
		}
		acc, err := backoffice.NewSurveyAccumulator(survey, r)
		if err != nil {
			if !errors.Is(err, learnstats.ErrInvalidWindow) {
				t.Fatalf("range %v: undocumented error %v", r, err)
			}
			return
		}
		subs := fuzzSubmissions(data)
		for i := range subs {
			sec := sec1
			if i%2 == 1 {
				sec = sec2
			}
			subs[i].SubmittedAt = time.Unix(sec, int64(i))
		}
		added := 0
		for _, s := range subs {
			if err := acc.Add(s); err != nil {
				if !errors.Is(err, learnstats.ErrInvalidRecord) {
					t.Fatalf("submission %q: undocumented error %v", s.ID, err)
				}
				continue
			}
			added++
		}
		res := acc.Result()
		if res.OutsideRange < 0 || res.OtherSurveys < 0 || len(res.Rows)+res.OutsideRange+res.OtherSurveys != added {
			t.Fatalf("%d rows + %d outside + %d other != %d submissions", len(res.Rows), res.OutsideRange, res.OtherSurveys, added)
		}
		for i := 1; i < len(res.Rows); i++ {
			if res.Rows[i-1].SubmittedAt.After(res.Rows[i].SubmittedAt) {
				t.Fatalf("rows %d and %d out of time order", i-1, i)
			}
		}
	})
}
