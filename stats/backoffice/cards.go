package backoffice

import (
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Cards are the aggregated cards at the top of the backoffice Reports page
// (rule B-1). Every field is a count; the zero value is the cards of no
// user.
type Cards struct {
	// TotalUsers is the number of users.
	TotalUsers int64
	// PremiumUsers is the number of premium users.
	PremiumUsers int64
	// Journals is the number of completed journal sessions.
	Journals int64
	// JournalMessages is the number of journal messages.
	JournalMessages int64
	// LessonsCompleted is the number of lesson completions (every
	// completion, repeats included).
	LessonsCompleted int64
	// Chats is the number of chat conversations.
	Chats int64
	// ChatMessages is the number of chat messages.
	ChatMessages int64
}

// plus returns c + o, card by card, or the name of the first card whose
// sum does not fit an int64.
func (c Cards) plus(o Cards) (Cards, string) {
	var ok bool
	if c.TotalUsers, ok = checked.Add(c.TotalUsers, o.TotalUsers); !ok {
		return Cards{}, "total users"
	}
	if c.PremiumUsers, ok = checked.Add(c.PremiumUsers, o.PremiumUsers); !ok {
		return Cards{}, "premium users"
	}
	if c.Journals, ok = checked.Add(c.Journals, o.Journals); !ok {
		return Cards{}, "journals"
	}
	if c.JournalMessages, ok = checked.Add(c.JournalMessages, o.JournalMessages); !ok {
		return Cards{}, "journal messages"
	}
	if c.LessonsCompleted, ok = checked.Add(c.LessonsCompleted, o.LessonsCompleted); !ok {
		return Cards{}, "lessons completed"
	}
	if c.Chats, ok = checked.Add(c.Chats, o.Chats); !ok {
		return Cards{}, "chats"
	}
	if c.ChatMessages, ok = checked.Add(c.ChatMessages, o.ChatMessages); !ok {
		return Cards{}, "chat messages"
	}
	return c, ""
}

// CardsAccumulator computes the cards of rule B-1: total users; premium
// users; journals (completed journal sessions); journal messages; lessons
// completed (every completion); chats (conversations); chat messages.
//
// Its zero value is empty and ready to use. Besides the seven sums it keeps
// the ID of every user added, so that a user added twice — in one
// accumulator, or in two shards that are merged — is an error rather than
// a user counted twice: merged shards give the cards of one pass over
// their users, and the same users as the per-user table
// ([TableAccumulator]), which refuses the same duplicates. Memory grows
// with the number of users (one ID each).
//
// Every sum is checked: a card that would overflow is an error wrapping
// [learnstats.ErrOverflow], and the accumulator is then unchanged. It has
// no definition or option, so any two accumulators merge.
//
// It is not safe for concurrent use; give each goroutine its own and
// [CardsAccumulator.Merge] them.
type CardsAccumulator struct {
	cards Cards
	users map[learnstats.UserID]struct{}
}

// Add counts one user. An invalid record (see [TableAccumulator.Add]) or a user ID
// already added is an error wrapping [learnstats.ErrInvalidRecord] naming the user; a
// card that would overflow is an error wrapping [learnstats.ErrOverflow]
// naming the user. On error the accumulator is unchanged.
func (a *CardsAccumulator) Add(u User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if _, dup := a.users[u.ID]; dup {
		return fmt.Errorf("backoffice: cards: user %q added twice: %w", u.ID, learnstats.ErrInvalidRecord)
	}
	// Rule B-1: this user's contribution to each card.
	one := Cards{TotalUsers: 1, Journals: u.JournalsCompleted, JournalMessages: u.JournalMessages,
		LessonsCompleted: u.LessonsCompleted, Chats: u.Chats, ChatMessages: u.ChatMessages}
	if u.Premium {
		one.PremiumUsers = 1
	}
	c, card := a.cards.plus(one)
	if card != "" {
		return fmt.Errorf("backoffice: cards: user %q: %s card: %w", u.ID, card, learnstats.ErrOverflow)
	}
	if a.users == nil {
		a.users = make(map[learnstats.UserID]struct{})
	}
	a.users[u.ID] = struct{}{}
	a.cards = c
	return nil
}

// Merge adds o's users to a, as if every user added to o had been added to
// a. It is associative and commutative; o is left unchanged. A user in
// both is an error wrapping [learnstats.ErrInvalidRecord] naming the lowest such ID
// ([learnstats.CompareIDs]); merging an accumulator into itself is an
// error wrapping [learnstats.ErrMismatch]; a card that would overflow is
// an error wrapping [learnstats.ErrOverflow] naming the card. On error a
// is unchanged. A nil o is empty.
func (a *CardsAccumulator) Merge(o *CardsAccumulator) error {
	if o == nil {
		return nil
	}
	if a == o {
		return fmt.Errorf("backoffice: merge cards into themselves: %w", learnstats.ErrMismatch)
	}
	if dup, ok := firstShared(a.users, o.users); ok {
		return fmt.Errorf("backoffice: merge cards: user %q in both: %w", dup, learnstats.ErrInvalidRecord)
	}
	c, card := a.cards.plus(o.cards)
	if card != "" {
		return fmt.Errorf("backoffice: merge cards: %s card: %w", card, learnstats.ErrOverflow)
	}
	if a.users == nil && len(o.users) > 0 {
		a.users = make(map[learnstats.UserID]struct{}, len(o.users))
	}
	maps.Copy(a.users, o.users)
	a.cards = c
	return nil
}

// firstShared returns the lowest user ID ([learnstats.CompareIDs]) of o
// that is also in a.
func firstShared(a, o map[learnstats.UserID]struct{}) (learnstats.UserID, bool) {
	var dups []learnstats.UserID
	for id := range o {
		if _, ok := a[id]; ok {
			dups = append(dups, id)
		}
	}
	if len(dups) == 0 {
		return "", false
	}
	return slices.MinFunc(dups, learnstats.CompareIDs[learnstats.UserID]), true
}

// Result returns the cards of the users added so far.
func (a *CardsAccumulator) Result() Cards { return a.cards }

// CardsOf returns the cards (B-1) of users: shorthand for a
// [CardsAccumulator] fed every user, then its Result. The first invalid or
// duplicate record stops the call with its error. A nil users is empty.
func CardsOf(users iter.Seq[User]) (Cards, error) {
	var acc CardsAccumulator
	if users != nil {
		for u := range users {
			if err := acc.Add(u); err != nil {
				return Cards{}, err
			}
		}
	}
	return acc.Result(), nil
}
