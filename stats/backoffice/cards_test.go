package backoffice_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// maxCount is the largest counter a user may hold (2^40).
const maxCount = 1 << 40

// account is the root identity of a test user.
func account(id, email string) learnstats.User {
	return learnstats.User{ID: learnstats.UserID(id), Email: email}
}

func TestB1_Cards(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		users  []backoffice.User
		want   backoffice.Cards
	}{
		{
			name:   "no users",
			reason: "the zero accumulator is empty",
			want:   backoffice.Cards{},
		},
		{
			name:   "one free user without activity",
			reason: "a user counts in total users even with every counter at 0",
			users:  []backoffice.User{{User: account("u1", "")}},
			want:   backoffice.Cards{TotalUsers: 1},
		},
		{
			name:   "sums and premium",
			reason: "every counter is summed; lessons count every completion; premium counts users, not activity",
			users: []backoffice.User{
				{User: account("u1", ""), Premium: true, JournalsCompleted: 2, JournalMessages: 7, LessonsCompleted: 3, Chats: 1, ChatMessages: 12},
				{User: account("u2", ""), JournalsCompleted: 0, JournalMessages: 1, LessonsCompleted: 5, Chats: 2, ChatMessages: 3},
				{User: account("u3", ""), Premium: true},
			},
			want: backoffice.Cards{TotalUsers: 3, PremiumUsers: 2, Journals: 2, JournalMessages: 8,
				LessonsCompleted: 8, Chats: 3, ChatMessages: 15},
		},
		{
			name:   "maximum counts",
			reason: "counts at 2^40 are valid and summed exactly",
			users: []backoffice.User{
				{User: account("a", ""), ChatMessages: maxCount},
				{User: account("b", ""), ChatMessages: maxCount},
			},
			want: backoffice.Cards{TotalUsers: 2, ChatMessages: 2 * maxCount},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backoffice.CardsOf(slices.Values(tt.users))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: CardsOf (-want +got):\n%s", tt.reason, diff)
			}
			var acc backoffice.CardsAccumulator
			for _, u := range slices.Backward(tt.users) {
				if err := acc.Add(u); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(tt.want, acc.Result()); diff != "" {
				t.Errorf("%s: accumulator in reverse order (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
	if got, err := backoffice.CardsOf(nil); err != nil || got != (backoffice.Cards{}) {
		t.Errorf("CardsOf(nil) = %+v, %v; want empty cards", got, err)
	}
}

func TestB1_CardsMerge(t *testing.T) {
	users := []backoffice.User{
		{User: account("u1", ""), Premium: true, JournalsCompleted: 1, LessonsCompleted: 2},
		{User: account("u2", ""), JournalMessages: 4, Chats: 1, ChatMessages: 9},
		{User: account("u3", ""), Premium: true, LessonsCompleted: 1},
	}
	var a, b, all backoffice.CardsAccumulator
	for i, u := range users {
		if err := all.Add(u); err != nil {
			t.Fatal(err)
		}
		target := &a
		if i > 0 {
			target = &b
		}
		if err := target.Add(u); err != nil {
			t.Fatal(err)
		}
	}
	bBefore := b.Result()
	if err := errors.Join(a.Merge(&b), a.Merge(nil)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all.Result(), a.Result()); diff != "" {
		t.Errorf("merge of a split differs from one pass (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(bBefore, b.Result()); diff != "" {
		t.Errorf("Merge changed its argument (-want +got):\n%s", diff)
	}
	// The merged accumulator knows b's users: adding one again is refused.
	if err := a.Add(users[2]); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Add of a user merged from another shard: error = %v, want ErrInvalidRecord", err)
	}
}

// TestB1_CardsDuplicates: the cards accumulator keeps its users' IDs, so
// that a user added twice, in one accumulator or in two shards that are
// merged, is an error naming the user instead of a user counted twice.
// Before (stats.BackofficeCardsAccumulator kept only the sums): Add of u2
// twice gave TotalUsers 2, the merge of two shards holding u1 gave
// TotalUsers 2 and Chats 4, and a self-merge doubled every card, all
// without error.
func TestB1_CardsDuplicates(t *testing.T) {
	u1 := backoffice.User{User: account("u1", "a@example.com"), Chats: 2}
	var a, b backoffice.CardsAccumulator
	if err := errors.Join(a.Add(u1), b.Add(u1), b.Add(backoffice.User{User: account("u0", "")})); err != nil {
		t.Fatal(err)
	}
	before := a.Result()
	err := a.Merge(&b)
	if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"u1"`) {
		t.Errorf("merge of shards sharing u1: error = %v, want ErrInvalidRecord naming u1", err)
	}
	if diff := cmp.Diff(before, a.Result()); diff != "" {
		t.Errorf("a refused merge changed the cards (-want +got):\n%s", diff)
	}
	if err := a.Add(backoffice.User{User: account("u1", "other@example.com")}); !errors.Is(err, learnstats.ErrInvalidRecord) ||
		!strings.Contains(err.Error(), `"u1"`) {
		t.Errorf("Add of u1 twice: error = %v, want ErrInvalidRecord naming u1", err)
	}
	if diff := cmp.Diff(before, a.Result()); diff != "" {
		t.Errorf("a refused Add changed the cards (-want +got):\n%s", diff)
	}
	if err := a.Merge(&a); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("self merge: error = %v, want ErrMismatch", err)
	}
	var empty backoffice.CardsAccumulator
	if err := empty.Merge(&empty); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("self merge of an empty accumulator: error = %v, want ErrMismatch", err)
	}
	if diff := cmp.Diff(before, a.Result()); diff != "" {
		t.Errorf("a refused self merge changed the cards (-want +got):\n%s", diff)
	}
	// Several shared users: the error names the lowest ID (CompareIDs: 9 < 10).
	var x, y backoffice.CardsAccumulator
	for _, id := range []string{"10", "9", "x"} {
		if err := errors.Join(x.Add(backoffice.User{User: account(id, "")}), y.Add(backoffice.User{User: account(id, "")})); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Merge(&y); err == nil || !strings.Contains(err.Error(), `user "9"`) {
		t.Errorf("merge sharing 9, 10 and x: error = %v, want one naming user \"9\"", err)
	}
	if _, err := backoffice.CardsOf(slices.Values([]backoffice.User{u1, u1})); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("CardsOf with u1 twice: error = %v, want ErrInvalidRecord", err)
	}
}

func TestB1_InvalidUsers(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		users  []backoffice.User
		naming string
	}{
		{"empty ID", "a record without ID cannot be named by ID, the email names it",
			[]backoffice.User{{User: account("", "x@example.com")}}, "x@example.com"},
		{"negative count", "counts are never negative", []backoffice.User{{User: account("u7", ""), Chats: -1}}, `"u7"`},
		{"count above maximum", "implausible counts are rejected", []backoffice.User{{User: account("u8", ""), LessonsCompleted: maxCount + 1}}, `"u8"`},
		{"unknown sex", "an unknown enum value is an error naming the record", []backoffice.User{{User: account("u9", ""), Sex: "F"}}, `"u9"`},
		{"not a date", "30 February is not a birth date",
			[]backoffice.User{{User: account("u10", ""), BirthDate: learnstats.Date{Year: 2000, Month: 2, Day: 30}}}, `"u10"`},
		{"duplicate", "a user listed twice would be counted twice", []backoffice.User{{User: account("u1", "")}, {User: account("u1", "")}}, `"u1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := backoffice.CardsOf(slices.Values(tt.users))
			if !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Fatalf("%s: CardsOf error = %v, want ErrInvalidRecord", tt.reason, err)
			}
			if !strings.Contains(err.Error(), tt.naming) || !strings.HasPrefix(err.Error(), "backoffice: ") {
				t.Errorf("%s: error %q does not name the record %s (with the backoffice: prefix)", tt.reason, err, tt.naming)
			}
			_, err = backoffice.TableOf(asOfParis(t), slices.Values(tt.users), backoffice.Query{})
			if !errors.Is(err, learnstats.ErrInvalidRecord) {
				t.Errorf("%s: TableOf error = %v, want ErrInvalidRecord", tt.reason, err)
			}
		})
	}
	var acc backoffice.CardsAccumulator
	if err := acc.Add(backoffice.User{User: account("u1", ""), Chats: -3}); err == nil {
		t.Fatal("Add accepted a negative count")
	}
	if diff := cmp.Diff(backoffice.Cards{}, acc.Result()); diff != "" {
		t.Errorf("a rejected record was counted (-want +got):\n%s", diff)
	}
	// The rejected record left no trace: the same ID, valid, is accepted.
	if err := acc.Add(backoffice.User{User: account("u1", "")}); err != nil {
		t.Errorf("a valid u1 after a rejected one: %v", err)
	}
}
