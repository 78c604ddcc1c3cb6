package stats_test

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// backofficeFuzzUsers decodes data into users, 11 bytes each: a premium
// flag and five counters of two bytes (little endian; the top bit of the
// first counter makes it MaxBackofficeCount, to exercise big sums).
func backofficeFuzzUsers(data []byte) []stats.BackofficeUser {
	var users []stats.BackofficeUser
	for i := 0; len(data) >= 11; i++ {
		c := func(k int) int64 { return int64(binary.LittleEndian.Uint16(data[1+2*k:])) }
		u := stats.BackofficeUser{
			ID:                learnstats.UserID(fmt.Sprintf("u%d", i)),
			Premium:           data[0]&1 == 1,
			JournalsCompleted: c(0), JournalMessages: c(1), LessonsCompleted: c(2), Chats: c(3), ChatMessages: c(4),
		}
		if u.JournalsCompleted&0x8000 != 0 {
			u.JournalsCompleted = stats.MaxBackofficeCount
		}
		users = append(users, u)
		data = data[11:]
	}
	return users
}

// FuzzB1_CardsMerge checks the accumulator contract of rule B-1: the users
// split into three shards at any two points, accumulated separately and
// merged in any grouping or order, give the cards of one pass.
func FuzzB1_CardsMerge(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint8(0))
	f.Add([]byte("premium-1-2-3abcdefghijk\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b"), uint8(1), uint8(2))
	f.Add([]byte("\x01\xff\xff\x00\x01\x00\x02\x00\x03\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, cut1, cut2 uint8) {
		users := backofficeFuzzUsers(data)
		i, j := int(cut1)%(len(users)+1), int(cut2)%(len(users)+1)
		if i > j {
			i, j = j, i
		}
		var one stats.BackofficeCardsAccumulator
		for _, u := range users {
			if err := one.Add(u); err != nil {
				t.Fatal(err)
			}
		}
		shard := func(us []stats.BackofficeUser) *stats.BackofficeCardsAccumulator {
			var a stats.BackofficeCardsAccumulator
			for _, u := range us {
				if err := a.Add(u); err != nil {
					t.Fatal(err)
				}
			}
			return &a
		}
		// (a + b) + c
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		left := shard(users[:i])
		must(left.Merge(shard(users[i:j])))
		must(left.Merge(shard(users[j:])))
		// c + (b + a)
		right := shard(users[j:])
		ba := shard(users[i:j])
		must(ba.Merge(shard(users[:i])))
		must(right.Merge(ba))
		want := one.Result()
		if diff := cmp.Diff(want, left.Result()); diff != "" {
			t.Errorf("(a+b)+c differs from one pass (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, right.Result()); diff != "" {
			t.Errorf("c+(b+a) differs from one pass (-want +got):\n%s", diff)
		}
		if want.TotalUsers != int64(len(users)) {
			t.Errorf("TotalUsers = %d, want %d", want.TotalUsers, len(users))
		}
	})
}

// backofficeFuzzRotate returns xs rotated left by k and reversed when
// rev: a reordering of the input that must not change any result.
func backofficeFuzzRotate[T any](xs []T, k int, rev bool) []T {
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

// FuzzB2_InputOrder checks that the per-user table (B-2) does not depend
// on the order of its input, for every sort column and direction (small
// counters and few emails make ties frequent), and that any split of the
// users, accumulated separately and merged, gives the table of one pass.
func FuzzB2_InputOrder(f *testing.F) {
	f.Add([]byte("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"), uint8(3), uint8(1), true)
	f.Fuzz(func(t *testing.T, data []byte, rot, col uint8, rev bool) {
		users := backofficeFuzzUsers(data)
		reg := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range users {
			users[i].Email = fmt.Sprintf("e%d@example.com", users[i].ChatMessages%3)
			users[i].RegisteredAt = reg.Add(time.Duration(users[i].Chats%4) * time.Hour)
			users[i].Chats %= 3
		}
		q := stats.BackofficeQuery{
			SortBy:     stats.BackofficeSortColumn(int(col) % 8),
			Descending: col&8 != 0,
			Premium:    stats.BackofficePremiumFilter(int(col>>4) % 3),
		}
		want, err := stats.BackofficeUsers(slices.Values(users), q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := stats.BackofficeUsers(slices.Values(backofficeFuzzRotate(users, int(rot), rev)), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("query %+v: result depends on input order (-want +got):\n%s", q, diff)
		}
		for i := 1; i < len(got.Rows); i++ {
			if q.Compare(got.Rows[i-1], got.Rows[i]) >= 0 {
				t.Errorf("rows %d and %d out of order", i-1, i)
			}
		}
		// Any split, accumulated separately and merged, is one pass.
		cut := int(rot) % (len(users) + 1)
		var a, b stats.BackofficeTableAccumulator
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
		if diff := cmp.Diff(want, merged); diff != "" {
			t.Errorf("query %+v: split at %d merged differs from one pass (-want +got):\n%s", q, cut, diff)
		}
		if len(got.Rows)+got.FilteredOut != len(users) {
			t.Errorf("%d rows + %d filtered out != %d users", len(got.Rows), got.FilteredOut, len(users))
		}
	})
}

// FuzzB4_InputOrder checks that the survey export (B-4) does not depend on
// the order of the submissions, that any split accumulated separately and
// merged gives the result of one pass, and that every submission is a row
// or counted.
func FuzzB4_InputOrder(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"), uint8(2), false, uint8(3), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, rot uint8, rev bool, from, to uint8) {
		survey := stats.Survey{ID: "s", Questions: []stats.SurveyQuestion{{ID: "a", Text: "A"}, {ID: "b", Text: "A"}}}
		base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		var subs []stats.SurveySubmission
		for i, c := range data {
			s := stats.SurveySubmission{
				ID: fmt.Sprintf("x%d", i), SurveyID: "s", User: "u", Email: fmt.Sprintf("e%d", c%3),
				SubmittedAt: base.Add(time.Duration(c%16) * 12 * time.Hour),
			}
			if c&16 != 0 {
				s.SurveyID = "other"
			}
			for k := 0; k < int(c>>5); k++ {
				s.Answers = append(s.Answers, stats.SurveyAnswer{Question: string(rune('a' + k%2)), Value: fmt.Sprint(k)})
			}
			subs = append(subs, s)
		}
		q := stats.SurveyQuery{}
		if from%4 != 0 {
			q.From = learnstats.Date{Year: 2026, Month: 11, Day: 1 + int(from%8)}
		}
		if to%4 != 0 {
			q.To = learnstats.Date{Year: 2026, Month: 11, Day: 1 + int(from%8) + int(to%8)}
		}
		want, err := stats.SurveyResultsOf(survey, slices.Values(subs), q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := stats.SurveyResultsOf(survey, slices.Values(backofficeFuzzRotate(subs, int(rot), rev)), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("result depends on input order (-want +got):\n%s", diff)
		}
		// Any split, accumulated separately and merged, is one pass.
		cut := int(rot) % (len(subs) + 1)
		a, err := stats.NewSurveyResultsAccumulator(survey, q)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := stats.NewSurveyResultsAccumulator(survey, q)
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
		if diff := cmp.Diff(want, b.Result()); diff != "" {
			t.Errorf("split at %d merged differs from one pass (-want +got):\n%s", cut, diff)
		}
		if len(got.Rows)+got.OutsideRange+got.OtherSurveys != len(subs) {
			t.Errorf("%d rows + %d outside + %d other != %d submissions", len(got.Rows), got.OutsideRange, got.OtherSurveys, len(subs))
		}
	})
}
