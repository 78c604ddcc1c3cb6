package backoffice

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/learnstats/learnstats"
)

// shard is a cards accumulator holding 2^k users at the maximum count
// (2^k users, 2^40 × 2^k journals), standing for that many distinct users
// without materialising millions of them: its one ID is its name. The
// sums it is merged with are the production code's.
func shard(k int, name string) *CardsAccumulator {
	return &CardsAccumulator{
		cards: Cards{TotalUsers: 1 << k, Journals: maxCount << k},
		users: map[learnstats.UserID]struct{}{learnstats.UserID(name): {}},
	}
}

// wantOverflow fails the test unless err wraps learnstats.ErrOverflow and
// names the record (its message contains name).
func wantOverflow(t *testing.T, what string, err error, name string) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrOverflow", what, err)
		return
	}
	if !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "backoffice: ") {
		t.Errorf("%s: error %q does not name %s (with the backoffice: prefix)", what, err, name)
	}
}

// TestTrap2_B1_CardsOverflow: users at the maximum count, by merges:
// before the fix the journals card came out -2⁶³. The stage-1 test reached
// it by merging an accumulator into itself 23 times; the cards now refuse
// a user counted twice (and a self-merge), so the shards of 2^k users are
// built directly (see shard).
func TestTrap2_B1_CardsOverflow(t *testing.T) {
	// total gets shards of 2^0 … 2^22 users, so that it reaches 2^40 ×
	// (2^23 − 1) journals, the largest multiple of the maximum count that
	// fits; doubling the shard of 2^22 users does not fit.
	var total CardsAccumulator
	for k := 0; k < 23; k++ {
		if err := total.Merge(shard(k, fmt.Sprint("shard", k))); err != nil {
			t.Fatalf("merge %d: %v", k, err)
		}
	}
	c := shard(22, "c")
	wantOverflow(t, "doubling 2^62 journals", c.Merge(shard(22, "d")), "cards")
	if got := c.Result(); got.Journals != 1<<62 || got.TotalUsers != 1<<22 || len(c.users) != 1 {
		t.Errorf("after the refused merge: %+v, %d IDs; want 2^62 journals from 2^22 users, the one ID", got, len(c.users))
	}
	want := Cards{TotalUsers: 1<<23 - 1, Journals: maxCount * (1<<23 - 1)}
	if got := total.Result(); got != want {
		t.Errorf("total %+v, want %+v", got, want)
	}
	w := User{User: learnstats.User{ID: "w"}, JournalsCompleted: maxCount}
	wantOverflow(t, "one more user", total.Add(w), `user "w"`)
	if got := total.Result(); got != want {
		t.Errorf("the refused user changed the cards: %+v", got)
	}
	if _, added := total.users["w"]; added {
		t.Error("the refused user was remembered")
	}
	// Every card is checked, not only the journals.
	for _, tt := range []struct {
		card string
		set  func(*Cards)
		u    User
	}{
		{"total users", func(c *Cards) { c.TotalUsers = 1<<63 - 1 }, User{User: learnstats.User{ID: "a"}}},
		{"premium users", func(c *Cards) { c.PremiumUsers = 1<<63 - 1 }, User{User: learnstats.User{ID: "b"}, Premium: true}},
		{"journal messages", func(c *Cards) { c.JournalMessages = 1<<63 - 1 }, User{User: learnstats.User{ID: "c"}, JournalMessages: 1}},
		{"lessons completed", func(c *Cards) { c.LessonsCompleted = 1<<63 - 1 }, User{User: learnstats.User{ID: "d"}, LessonsCompleted: 1}},
		{"chats", func(c *Cards) { c.Chats = 1<<63 - 1 }, User{User: learnstats.User{ID: "e"}, Chats: 1}},
		{"chat messages", func(c *Cards) { c.ChatMessages = 1<<63 - 1 }, User{User: learnstats.User{ID: "f"}, ChatMessages: 1}},
	} {
		var acc CardsAccumulator
		tt.set(&acc.cards)
		before := acc.cards
		wantOverflow(t, tt.card, acc.Add(tt.u), tt.card)
		if acc.cards != before || len(acc.users) != 0 {
			t.Errorf("%s: the refused user changed the accumulator", tt.card)
		}
		var one CardsAccumulator
		if err := one.Add(tt.u); err != nil {
			t.Fatal(err)
		}
		wantOverflow(t, tt.card+" by merge", acc.Merge(&one), tt.card)
	}
}
