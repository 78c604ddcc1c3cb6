package stats_test

import (
	"encoding/binary"
	"fmt"
	"testing"

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
		left := shard(users[:i])
		left.Merge(shard(users[i:j]))
		left.Merge(shard(users[j:]))
		// c + (b + a)
		right := shard(users[j:])
		ba := shard(users[i:j])
		ba.Merge(shard(users[:i]))
		right.Merge(ba)
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
