package backoffice

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// ErrInvalidQuery reports a [Query] whose sort column or premium filter is
// not one of the defined values: caller input (a request parameter), not
// data. Use errors.Is.
var ErrInvalidQuery = errors.New("backoffice: invalid query")

// sortColumn is a sortable column of the per-user table (B-2), in the
// table's order; its header is what a [Query] names.
type sortColumn int

const (
	byRegistrationDate sortColumn = iota
	byEmail
	byPremium
	byJournalsCompleted
	byJournalMessages
	byLessonsCompleted
	byChats
	byChatMessages
)

// sortHeaders are the column headers of B-2, in the table's order.
var sortHeaders = [...]string{
	byRegistrationDate:  "Registration date",
	byEmail:             "Email",
	byPremium:           "Premium",
	byJournalsCompleted: "Journals completed",
	byJournalMessages:   "Journal messages",
	byLessonsCompleted:  "Lessons completed",
	byChats:             "Chats",
	byChatMessages:      "Chat messages",
}

// premiumFilter is the premium filter of B-2.
type premiumFilter int

const (
	premiumAll premiumFilter = iota
	premiumTrue
	premiumFalse
)

var premiumWords = [...]string{premiumAll: "All", premiumTrue: "True", premiumFalse: "False"}

// Query is the sort and filter of the per-user table (B-2), as a
// Reports page's request gives them: the texts of its column headers and
// of its filter. The zero Query sorts by registration date, ascending, and
// keeps every user.
type Query struct {
	// SortBy is the header of the column to sort by: "Registration date"
	// (by instant, not only the day; an unregistered user first in
	// ascending order), "Email" (byte-wise, case-sensitive), "Premium"
	// (False before True), "Journals completed", "Journal messages",
	// "Lessons completed", "Chats" or "Chat messages". It is compared
	// case-insensitively, spaces trimmed; "" is "Registration date".
	SortBy string
	// Descending reverses the order of SortBy. The tie-breaks (email, then
	// user ID) stay ascending.
	Descending bool
	// Premium is the premium filter: "All" (every user), "True" (premium
	// users only) or "False" (non-premium users only), compared
	// case-insensitively, spaces trimmed; "" is "All".
	Premium string
}

// query is a Query resolved into its column and filter.
type query struct {
	by         sortColumn
	descending bool
	premium    premiumFilter
}

// parse resolves q; an undefined column or filter is an error wrapping
// [ErrInvalidQuery] that lists the allowed values.
func (q Query) parse() (query, error) {
	r := query{descending: q.Descending}
	if s := strings.TrimSpace(q.SortBy); s != "" {
		i := slices.IndexFunc(sortHeaders[:], func(h string) bool { return strings.EqualFold(h, s) })
		if i < 0 {
			return query{}, fmt.Errorf("backoffice: unknown sort column %q (allowed: %q): %w", q.SortBy, sortHeaders, ErrInvalidQuery)
		}
		r.by = sortColumn(i)
	}
	if s := strings.TrimSpace(q.Premium); s != "" {
		i := slices.IndexFunc(premiumWords[:], func(w string) bool { return strings.EqualFold(w, s) })
		if i < 0 {
			return query{}, fmt.Errorf("backoffice: unknown premium filter %q (allowed: %q): %w", q.Premium, premiumWords, ErrInvalidQuery)
		}
		r.premium = premiumFilter(i)
	}
	return r, nil
}

// keeps reports whether the premium filter keeps u.
func (q query) keeps(u *User) bool {
	switch q.premium {
	case premiumTrue:
		return u.Premium
	case premiumFalse:
		return !u.Premium
	}
	return true
}

// compare orders two users as the table sorts them (B-2): by the column,
// reversed when descending, ties by email (ascending, byte-wise), then by
// user ID (ascending, [learnstats.CompareIDs]), so that the order is total
// over users with distinct IDs.
func (q query) compare(a, b *User) int {
	c := compareColumn(q.by, a, b)
	if q.descending {
		c = -c
	}
	return cmp.Or(c, strings.Compare(a.Email, b.Email), learnstats.CompareIDs(a.ID, b.ID))
}

func compareColumn(col sortColumn, a, b *User) int {
	switch col {
	case byRegistrationDate:
		return a.RegisteredAt.Compare(b.RegisteredAt)
	case byEmail:
		return strings.Compare(a.Email, b.Email)
	case byPremium:
		return compareBool(a.Premium, b.Premium)
	case byJournalsCompleted:
		return cmp.Compare(a.JournalsCompleted, b.JournalsCompleted)
	case byJournalMessages:
		return cmp.Compare(a.JournalMessages, b.JournalMessages)
	case byLessonsCompleted:
		return cmp.Compare(a.LessonsCompleted, b.LessonsCompleted)
	case byChats:
		return cmp.Compare(a.Chats, b.Chats)
	case byChatMessages:
		return cmp.Compare(a.ChatMessages, b.ChatMessages)
	}
	return 0
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Row is one line of the per-user table (B-2) and of the per-user CSV
// (B-3): the user, with their age at the Result's asOf.
type Row struct {
	User
	// Age is the user's age in whole years on asOf's calendar day (B-3);
	// meaningful only when AgeKnown.
	Age int
	// AgeKnown is false when the birth date is unknown, or when the table
	// was computed for the zero asOf (an empty Age cell).
	AgeKnown bool
}

// Table is the per-user table of rule B-2 and the rows of the per-user CSV
// of rule B-3: the users the premium filter keeps, in the query's order,
// and the number it left out.
type Table struct {
	// Rows are the kept users, sorted by the query's column (reversed when
	// descending), ties by email, then by user ID, both ascending.
	Rows []Row
	// FilteredOut counts the users the premium filter left out.
	FilteredOut int
}

// TableAccumulator gathers the users of the per-user table (rules B-2,
// B-3) from several sources (shards, goroutines, pages of a database
// cursor), with their ages as of an instant. Build it with
// [NewTableAccumulator]; its zero value is empty and ready to use, and
// computes no ages (the on-screen table of B-2 has no Age column). It
// keeps every user added, so memory grows with users; it rejects a user ID
// seen twice, in Add or across a Merge. The query (sort and filter) is the
// Result's. It is not safe for concurrent use.
type TableAccumulator struct {
	asOf  time.Time       // ages as of asOf; zero: no ages
	on    learnstats.Date // asOf's calendar day in asOf's location (B-3)
	users userList
	ids   map[learnstats.UserID]struct{}
}

// NewTableAccumulator returns an empty table whose rows carry the users'
// ages on asOf's calendar day in asOf's location (rule B-3).
func NewTableAccumulator(asOf time.Time) *TableAccumulator {
	return &TableAccumulator{asOf: asOf, on: learnstats.DateOf(asOf, asOf.Location())}
}

// userList holds users in blocks of blockSize, so that adding a user
// never copies the users of earlier blocks: a User is a few hundred bytes,
// and one growing slice would copy every user several times over. The
// first block starts small and doubles (small tables stay small); later
// ones are allocated whole.
type userList struct {
	blocks [][]User
	n      int
}

const blockSize = 1024

func (l *userList) add(u User) {
	if len(l.blocks) == 0 {
		l.blocks = [][]User{make([]User, 0, 16)}
	}
	last := &l.blocks[len(l.blocks)-1]
	if len(*last) == cap(*last) {
		if c := cap(*last); c < blockSize {
			*last = append(make([]User, 0, min(2*c, blockSize)), *last...)
		} else {
			l.blocks = append(l.blocks, make([]User, 0, blockSize))
			last = &l.blocks[len(l.blocks)-1]
		}
	}
	*last = append(*last, u)
	l.n++
}

// at returns the i-th user added.
func (l *userList) at(i int) *User { return &l.blocks[i/blockSize][i%blockSize] }

// Add adds one user. An invalid record (an empty ID, a count outside its
// bounds, an unknown sex, a birth date that is not a calendar date or that
// falls after asOf's day), or an ID already added, is an error wrapping
// [learnstats.ErrInvalidRecord] naming it, and the accumulator is unchanged.
func (a *TableAccumulator) Add(u User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if !a.asOf.IsZero() {
		if _, _, err := u.age(a.on); err != nil {
			return err
		}
	}
	if _, dup := a.ids[u.ID]; dup {
		return fmt.Errorf("backoffice: table: user %q added twice: %w", u.ID, learnstats.ErrInvalidRecord)
	}
	if a.ids == nil {
		a.ids = make(map[learnstats.UserID]struct{})
	}
	a.ids[u.ID] = struct{}{}
	a.users.add(u)
	return nil
}

// Merge adds o's users to a. It is associative and commutative; o is left
// unchanged. A user in both is an error wrapping [learnstats.ErrInvalidRecord] naming
// the lowest such ID ([learnstats.CompareIDs]); merging an accumulator
// into itself, or one as of another instant or calendar day, is an error
// wrapping [learnstats.ErrMismatch]. On error a is unchanged. A nil o is
// empty.
func (a *TableAccumulator) Merge(o *TableAccumulator) error {
	if o == nil {
		return nil
	}
	if a == o {
		return fmt.Errorf("backoffice: merge a table into itself: %w", learnstats.ErrMismatch)
	}
	if !a.asOf.Equal(o.asOf) || a.on != o.on {
		return fmt.Errorf("backoffice: merge a table as of %s into one as of %s: %w",
			o.asOf.Format(time.RFC3339Nano), a.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	if dup, ok := firstShared(a.ids, o.ids); ok {
		return fmt.Errorf("backoffice: merge tables: user %q in both: %w", dup, learnstats.ErrInvalidRecord)
	}
	if a.ids == nil && len(o.ids) > 0 {
		a.ids = make(map[learnstats.UserID]struct{}, len(o.ids))
	}
	maps.Copy(a.ids, o.ids)
	for i := range o.users.n {
		a.users.add(*o.users.at(i))
	}
	return nil
}

// Result returns the per-user table for q, each row with the user's age in
// whole years on the accumulator's asOf day (rule B-3: the year is
// complete on the birthday, a 29 February birthday is reached on 1 March
// in non-leap years, a user born on asOf's day is 0; unknown when the
// birth date is; no ages for the zero asOf).
//
// An undefined sort column or filter is an error wrapping
// [ErrInvalidQuery]. The order is total, so the result does not depend on
// the order in which users were added. The accumulator is unchanged and
// may take more users.
func (a *TableAccumulator) Result(q Query) (Table, error) {
	pq, err := q.parse()
	if err != nil {
		return Table{}, err
	}
	var t Table
	kept := make([]*User, 0, a.users.n)
	for i := range a.users.n {
		u := a.users.at(i)
		if !pq.keeps(u) {
			t.FilteredOut++
			continue
		}
		kept = append(kept, u)
	}
	// IDs are unique, so the order is total and any sort gives the one
	// result whatever order the users were added in.
	slices.SortFunc(kept, pq.compare)
	if len(kept) > 0 {
		t.Rows = make([]Row, len(kept))
		for k, u := range kept {
			t.Rows[k] = Row{User: *u}
			if !a.asOf.IsZero() {
				t.Rows[k].Age, t.Rows[k].AgeKnown, _ = u.age(a.on) // checked at Add
			}
		}
	}
	return t, nil
}

// TableOf returns the per-user table (rules B-2, B-3) of users for q with
// ages at asOf: shorthand for a [TableAccumulator] fed every user, then
// its Result(q). An invalid query is reported before any user is read;
// the first invalid or duplicate record stops the call with its error. A
// nil users is empty.
func TableOf(asOf time.Time, users iter.Seq[User], q Query) (Table, error) {
	if _, err := q.parse(); err != nil {
		return Table{}, err
	}
	acc := NewTableAccumulator(asOf)
	if users != nil {
		for u := range users {
			if err := acc.Add(u); err != nil {
				return Table{}, err
			}
		}
	}
	return acc.Result(q)
}
