package stats

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
)

// This file implements the backoffice reports of a wellbeing app (SPEC
// section 9, rules B-1 to B-3): the aggregated cards, the per-user table
// and the per-user CSV rows. The survey export (B-4) is in survey.go.

// ErrInvalidBackofficeUser reports a backoffice user record that breaks an
// invariant: an empty ID, a duplicate ID, a negative or implausible count,
// an unknown sex, a birth date that is not a calendar date or that falls
// after asOf. The message names the user. Use errors.Is.
var ErrInvalidBackofficeUser = errors.New("stats: invalid backoffice user")

// ErrInvalidBackofficeQuery reports a sort column or premium filter of the
// per-user table (B-2) that is not one of the defined values. Use
// errors.Is.
var ErrInvalidBackofficeQuery = errors.New("stats: invalid backoffice query")

// MaxBackofficeCount is the largest count a [BackofficeUser] may hold in
// each of its counters (2^40, about 1.1 × 10^12). Larger values are
// rejected as implausible; the bound keeps every sum of the cards (B-1)
// exact in an int64 for up to 2^23 (8,388,608) users at the maximum count,
// and for any realistic number of users. Beyond that the sums are checked:
// a card that would overflow is an error wrapping [learnstats.ErrOverflow].
const MaxBackofficeCount = 1 << 40

// BackofficeSex is the sex a user gave in their profile, as the per-user
// CSV writes it (B-3). The allowed values are the constants below; the zero
// value, [BackofficeSexUnknown], means "not stated" and is an empty cell.
// Any other value is invalid input.
type BackofficeSex string

// The allowed values of [BackofficeSex].
const (
	BackofficeSexUnknown BackofficeSex = ""       // not stated: empty cell
	BackofficeSexFemale  BackofficeSex = "Female" // female
	BackofficeSexMale    BackofficeSex = "Male"   // male
	BackofficeSexOther   BackofficeSex = "Other"  // another answer
)

// Valid reports whether s is one of the allowed values (the empty value
// included).
func (s BackofficeSex) Valid() bool {
	switch s {
	case BackofficeSexUnknown, BackofficeSexFemale, BackofficeSexMale, BackofficeSexOther:
		return true
	}
	return false
}

// BackofficeUser is one user of the wellbeing app as the backoffice sees
// them: identity, premium status, profile and activity counters. The
// counters are totals the app keeps (or the caller counts from its event
// records); each must be between 0 and [MaxBackofficeCount].
//
// The zero BackofficeUser has no ID and is invalid.
type BackofficeUser struct {
	// ID identifies the user; ties of every sort end on it (byte order).
	ID learnstats.UserID
	// Email is the user's email, the tie-break of every sort (B-2). It may
	// be empty.
	Email string
	// RegisteredAt is when the user registered; the zero time means "not
	// registered" (an empty cell, first in ascending order).
	RegisteredAt time.Time
	// Premium reports whether the user has a premium subscription.
	Premium bool
	// BirthDate is the user's birth date; the zero Date means unknown (an
	// empty Age cell, B-3). Otherwise it must be a real calendar date.
	BirthDate learnstats.Date
	// Sex is the user's stated sex (B-3).
	Sex BackofficeSex
	// JournalsCompleted counts the user's completed journal sessions
	// (sessions started and not completed are not counted).
	JournalsCompleted int64
	// JournalMessages counts the messages the user wrote in journals.
	JournalMessages int64
	// LessonsCompleted counts every lesson completion: a lesson completed
	// twice counts twice (B-1).
	LessonsCompleted int64
	// Chats counts the user's chat conversations.
	Chats int64
	// ChatMessages counts the messages the user sent in chats.
	ChatMessages int64
}

// Validate checks the record's invariants and returns an error wrapping
// [ErrInvalidBackofficeUser] that names the user: an empty ID, a count
// below 0 or above [MaxBackofficeCount], a sex that is not one of the
// [BackofficeSex] constants, or a birth date that is not a calendar date.
// (A birth date after asOf is checked by [BackofficeUser.AgeAt].)
func (u BackofficeUser) Validate() error {
	if u.ID == "" {
		return fmt.Errorf("%w: empty ID (email %q)", ErrInvalidBackofficeUser, u.Email)
	}
	for _, c := range [...]struct {
		name string
		v    int64
	}{
		{"journals completed", u.JournalsCompleted},
		{"journal messages", u.JournalMessages},
		{"lessons completed", u.LessonsCompleted},
		{"chats", u.Chats},
		{"chat messages", u.ChatMessages},
	} {
		if c.v < 0 || c.v > MaxBackofficeCount {
			return fmt.Errorf("%w: user %q: %s %d outside [0, %d]", ErrInvalidBackofficeUser, u.ID, c.name, c.v, int64(MaxBackofficeCount))
		}
	}
	if !u.Sex.Valid() {
		return fmt.Errorf("%w: user %q: unknown sex %q (allowed: %q, %q, %q or empty)", ErrInvalidBackofficeUser,
			u.ID, string(u.Sex), BackofficeSexFemale, BackofficeSexMale, BackofficeSexOther)
	}
	if !u.BirthDate.IsZero() && !isCalendarDate(u.BirthDate) {
		return fmt.Errorf("%w: user %q: birth date %s is not a calendar date", ErrInvalidBackofficeUser, u.ID, u.BirthDate)
	}
	return nil
}

// isCalendarDate reports whether d names a real day (no 30 February, no
// month 13) of years 1 to 9999.
func isCalendarDate(d learnstats.Date) bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	return learnstats.DateOf(t, time.UTC) == d
}

// AgeAt returns the user's age in whole years on asOf's calendar day in loc
// (UTC when nil), rule B-3. known is false, with no error, when the birth
// date is unknown (the zero Date). A birthday on 29 February is reached on
// 1 March in non-leap years ([learnstats.YearsBetween]); a user born on
// asOf's day is 0. A birth date after asOf's day is invalid input: an
// error wrapping [ErrInvalidBackofficeUser] naming the user.
func (u BackofficeUser) AgeAt(asOf time.Time, loc *time.Location) (age int, known bool, err error) {
	if u.BirthDate.IsZero() {
		return 0, false, nil
	}
	on := learnstats.DateOf(asOf, loc)
	age = learnstats.YearsBetween(u.BirthDate, on)
	if age < 0 {
		return 0, false, fmt.Errorf("%w: user %q: birth date %s after %s", ErrInvalidBackofficeUser, u.ID, u.BirthDate, on)
	}
	return age, true, nil
}

// BackofficeCards are the aggregated cards at the top of the backoffice
// Reports page (rule B-1). Every field is a count; the zero value is the
// cards of no user.
type BackofficeCards struct {
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

// BackofficeCardsAccumulator accumulates the cards of rule B-1: total
// users; premium users; journals (completed journal sessions); journal
// messages; lessons completed (every completion); chats (conversations);
// chat messages. Its zero value is empty and ready to use.
//
// It keeps only the seven sums, so its memory is constant; for the same
// reason it cannot see a user added twice (in one accumulator or in two
// that are merged): add each user once. [BackofficeCardsOf] checks
// duplicates for a single stream.
//
// Every sum is checked: a card that would overflow is an error wrapping
// [learnstats.ErrOverflow], and the accumulator is then unchanged. It has
// no definition or option, so any two accumulators merge.
//
// It is not safe for concurrent use; give each goroutine its own and
// [BackofficeCardsAccumulator.Merge] them.
type BackofficeCardsAccumulator struct {
	cards BackofficeCards
}

// plus returns c + o, card by card, and whether every sum fits.
func (c BackofficeCards) plus(o BackofficeCards) (BackofficeCards, bool) {
	var ok [7]bool
	c.TotalUsers, ok[0] = sum(c.TotalUsers, o.TotalUsers)
	c.PremiumUsers, ok[1] = sum(c.PremiumUsers, o.PremiumUsers)
	c.Journals, ok[2] = sum(c.Journals, o.Journals)
	c.JournalMessages, ok[3] = sum(c.JournalMessages, o.JournalMessages)
	c.LessonsCompleted, ok[4] = sum(c.LessonsCompleted, o.LessonsCompleted)
	c.Chats, ok[5] = sum(c.Chats, o.Chats)
	c.ChatMessages, ok[6] = sum(c.ChatMessages, o.ChatMessages)
	return c, ok == [7]bool{true, true, true, true, true, true, true}
}

// Add counts one user. An invalid record ([BackofficeUser.Validate]) is
// not counted and its error is returned; a card that would overflow is an
// error wrapping [learnstats.ErrOverflow] naming the user, and the user is
// not counted.
func (a *BackofficeCardsAccumulator) Add(u BackofficeUser) error {
	if err := u.Validate(); err != nil {
		return err
	}
	// Rule B-1: this user's contribution to each card.
	one := BackofficeCards{TotalUsers: 1, Journals: u.JournalsCompleted, JournalMessages: u.JournalMessages,
		LessonsCompleted: u.LessonsCompleted, Chats: u.Chats, ChatMessages: u.ChatMessages}
	if u.Premium {
		one.PremiumUsers = 1
	}
	c, ok := a.cards.plus(one)
	if !ok {
		return errOverflow("backoffice user %q: cards", u.ID)
	}
	a.cards = c
	return nil
}

// Merge adds b's users to a, as if every user added to b had been added to
// a. It is associative and commutative; b is left unchanged. Merging an
// accumulator into itself counts its users twice. A card that would
// overflow is an error wrapping [learnstats.ErrOverflow], and a is then
// unchanged.
func (a *BackofficeCardsAccumulator) Merge(b *BackofficeCardsAccumulator) error {
	if b == nil {
		return nil
	}
	c, ok := a.cards.plus(b.cards)
	if !ok {
		return errOverflow("backoffice cards: merge")
	}
	a.cards = c
	return nil
}

// Result returns the cards of the users added so far.
func (a *BackofficeCardsAccumulator) Result() BackofficeCards { return a.cards }

// BackofficeCardsOf returns the cards (B-1) of users: the one-call form of
// [BackofficeCardsAccumulator] that also rejects a user ID seen twice. The
// first invalid or duplicate record stops the call with an error wrapping
// [ErrInvalidBackofficeUser] naming it.
func BackofficeCardsOf(users iter.Seq[BackofficeUser]) (BackofficeCards, error) {
	var acc BackofficeCardsAccumulator
	seen := make(map[learnstats.UserID]bool)
	for u := range users {
		if err := acc.Add(u); err != nil {
			return BackofficeCards{}, err
		}
		if seen[u.ID] {
			return BackofficeCards{}, fmt.Errorf("%w: duplicate user %q", ErrInvalidBackofficeUser, u.ID)
		}
		seen[u.ID] = true
	}
	return acc.Result(), nil
}

// BackofficeSortColumn is a column of the per-user table (B-2) to sort
// by. Its zero value is [BackofficeSortRegistrationDate]; its String is the
// column header.
type BackofficeSortColumn int

// The sortable columns of the per-user table, in the table's order.
const (
	// BackofficeSortRegistrationDate sorts by registration instant
	// (not only the day); an unregistered user (zero time) comes first in
	// ascending order.
	BackofficeSortRegistrationDate BackofficeSortColumn = iota
	// BackofficeSortEmail sorts by email, byte-wise (case-sensitive).
	BackofficeSortEmail
	// BackofficeSortPremium sorts non-premium (False) before premium
	// (True) in ascending order.
	BackofficeSortPremium
	// BackofficeSortJournalsCompleted sorts by completed journal sessions.
	BackofficeSortJournalsCompleted
	// BackofficeSortJournalMessages sorts by journal messages.
	BackofficeSortJournalMessages
	// BackofficeSortLessonsCompleted sorts by lesson completions.
	BackofficeSortLessonsCompleted
	// BackofficeSortChats sorts by chat conversations.
	BackofficeSortChats
	// BackofficeSortChatMessages sorts by chat messages.
	BackofficeSortChatMessages
)

var backofficeSortHeaders = [...]string{
	BackofficeSortRegistrationDate:  "Registration date",
	BackofficeSortEmail:             "Email",
	BackofficeSortPremium:           "Premium",
	BackofficeSortJournalsCompleted: "Journals completed",
	BackofficeSortJournalMessages:   "Journal messages",
	BackofficeSortLessonsCompleted:  "Lessons completed",
	BackofficeSortChats:             "Chats",
	BackofficeSortChatMessages:      "Chat messages",
}

// Valid reports whether c is one of the defined columns.
func (c BackofficeSortColumn) Valid() bool {
	return c >= 0 && int(c) < len(backofficeSortHeaders)
}

// String returns the column's header ("Registration date", "Email", …), or
// "BackofficeSortColumn(n)" for an undefined value.
func (c BackofficeSortColumn) String() string {
	if !c.Valid() {
		return fmt.Sprintf("BackofficeSortColumn(%d)", int(c))
	}
	return backofficeSortHeaders[c]
}

// ParseBackofficeSortColumn returns the column whose header is s, compared
// case-insensitively after trimming spaces ("chat messages" is
// [BackofficeSortChatMessages]). Any other text is an error wrapping
// [ErrInvalidBackofficeQuery].
func ParseBackofficeSortColumn(s string) (BackofficeSortColumn, error) {
	t := strings.TrimSpace(s)
	for i, h := range backofficeSortHeaders {
		if strings.EqualFold(t, h) {
			return BackofficeSortColumn(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown sort column %q", ErrInvalidBackofficeQuery, s)
}

// BackofficePremiumFilter is the premium filter of the per-user table
// (B-2). Its zero value is [BackofficePremiumAll].
type BackofficePremiumFilter int

// The premium filter values.
const (
	BackofficePremiumAll   BackofficePremiumFilter = iota // every user
	BackofficePremiumTrue                                 // premium users only
	BackofficePremiumFalse                                // non-premium users only
)

var backofficePremiumWords = [...]string{
	BackofficePremiumAll:   "All",
	BackofficePremiumTrue:  "True",
	BackofficePremiumFalse: "False",
}

// Valid reports whether f is one of the defined values.
func (f BackofficePremiumFilter) Valid() bool {
	return f >= 0 && int(f) < len(backofficePremiumWords)
}

// String returns "All", "True" or "False", or
// "BackofficePremiumFilter(n)" for an undefined value.
func (f BackofficePremiumFilter) String() string {
	if !f.Valid() {
		return fmt.Sprintf("BackofficePremiumFilter(%d)", int(f))
	}
	return backofficePremiumWords[f]
}

// ParseBackofficePremiumFilter returns the filter named "All", "True" or
// "False" (case-insensitive, spaces trimmed). Any other text is an error
// wrapping [ErrInvalidBackofficeQuery].
func ParseBackofficePremiumFilter(s string) (BackofficePremiumFilter, error) {
	t := strings.TrimSpace(s)
	for i, w := range backofficePremiumWords {
		if strings.EqualFold(t, w) {
			return BackofficePremiumFilter(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown premium filter %q", ErrInvalidBackofficeQuery, s)
}

// BackofficeQuery is the sort and filter of the per-user table (B-2). The
// zero value sorts by registration date, ascending, and keeps every user.
type BackofficeQuery struct {
	// SortBy is the column to sort by.
	SortBy BackofficeSortColumn
	// Descending reverses the order of SortBy. The tie-breaks (email, then
	// user ID) stay ascending.
	Descending bool
	// Premium keeps all users, only premium ones or only non-premium ones.
	Premium BackofficePremiumFilter
}

// Validate returns an error wrapping [ErrInvalidBackofficeQuery] when the
// sort column or the premium filter is not a defined value.
func (q BackofficeQuery) Validate() error {
	if !q.SortBy.Valid() {
		return fmt.Errorf("%w: unknown sort column %d", ErrInvalidBackofficeQuery, int(q.SortBy))
	}
	if !q.Premium.Valid() {
		return fmt.Errorf("%w: unknown premium filter %d", ErrInvalidBackofficeQuery, int(q.Premium))
	}
	return nil
}

// Keeps reports whether the premium filter keeps u.
func (q BackofficeQuery) Keeps(u BackofficeUser) bool {
	switch q.Premium {
	case BackofficePremiumTrue:
		return u.Premium
	case BackofficePremiumFalse:
		return !u.Premium
	}
	return true
}

// Compare orders two users as the table sorts them (B-2): by SortBy,
// reversed when Descending, ties by email (ascending, byte-wise), then by
// user ID (ascending) so that the order is total. It returns -1, 0 or +1;
// 0 only for users with the same ID and email and equal sort values. An
// undefined SortBy compares by the tie-breaks only (call Validate first).
func (q BackofficeQuery) Compare(a, b BackofficeUser) int {
	return q.compare(&a, &b)
}

// compare is Compare on pointers.
func (q BackofficeQuery) compare(a, b *BackofficeUser) int {
	c := backofficeCompareColumn(q.SortBy, a, b)
	if q.Descending {
		c = -c
	}
	return cmp.Or(c, strings.Compare(a.Email, b.Email), cmp.Compare(a.ID, b.ID))
}

func backofficeCompareColumn(col BackofficeSortColumn, a, b *BackofficeUser) int {
	switch col {
	case BackofficeSortRegistrationDate:
		return a.RegisteredAt.Compare(b.RegisteredAt)
	case BackofficeSortEmail:
		return strings.Compare(a.Email, b.Email)
	case BackofficeSortPremium:
		return backofficeCompareBool(a.Premium, b.Premium)
	case BackofficeSortJournalsCompleted:
		return cmp.Compare(a.JournalsCompleted, b.JournalsCompleted)
	case BackofficeSortJournalMessages:
		return cmp.Compare(a.JournalMessages, b.JournalMessages)
	case BackofficeSortLessonsCompleted:
		return cmp.Compare(a.LessonsCompleted, b.LessonsCompleted)
	case BackofficeSortChats:
		return cmp.Compare(a.Chats, b.Chats)
	case BackofficeSortChatMessages:
		return cmp.Compare(a.ChatMessages, b.ChatMessages)
	}
	return 0
}

func backofficeCompareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// BackofficeTable is the per-user table of rule B-2: the users the premium
// filter keeps, in the query's order, and the number it left out.
type BackofficeTable struct {
	// Rows are the kept users, sorted by [BackofficeQuery.Compare].
	Rows []BackofficeUser
	// FilteredOut counts the valid users the premium filter left out.
	FilteredOut int
}

// BackofficeTableAccumulator gathers the users of the per-user table
// (rule B-2) from several sources (shards, goroutines, pages of a
// database cursor). Its zero value is empty and ready to use. It holds
// every user added, validated, and rejects a user ID seen twice, in Add
// or across a Merge. It is not safe for concurrent use.
type BackofficeTableAccumulator struct {
	users []BackofficeUser
	ids   map[learnstats.UserID]struct{}
}

// Add adds one user. An invalid record ([BackofficeUser.Validate]) or an ID
// already added is an error wrapping [ErrInvalidBackofficeUser] naming it,
// and the accumulator is unchanged.
func (a *BackofficeTableAccumulator) Add(u BackofficeUser) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if _, dup := a.ids[u.ID]; dup {
		return fmt.Errorf("%w: duplicate user %q", ErrInvalidBackofficeUser, u.ID)
	}
	if a.ids == nil {
		a.ids = make(map[learnstats.UserID]struct{})
	}
	a.ids[u.ID] = struct{}{}
	a.users = append(a.users, u)
	return nil
}

// Merge adds b's users to a. It is associative and commutative; b is left
// unchanged. A user ID present in both is an error wrapping
// [ErrInvalidBackofficeUser] naming the smallest such ID, and a is then
// unchanged. Merging an accumulator into itself is such an error unless
// it is empty.
func (a *BackofficeTableAccumulator) Merge(b *BackofficeTableAccumulator) error {
	if b == nil || len(b.users) == 0 {
		return nil
	}
	var dups []learnstats.UserID
	for _, u := range b.users {
		if _, dup := a.ids[u.ID]; dup {
			dups = append(dups, u.ID)
		}
	}
	if len(dups) > 0 {
		return fmt.Errorf("%w: duplicate user %q in merge", ErrInvalidBackofficeUser, slices.Min(dups))
	}
	if a.ids == nil {
		a.ids = make(map[learnstats.UserID]struct{}, len(b.users))
	}
	for _, u := range b.users {
		a.ids[u.ID] = struct{}{}
	}
	a.users = append(a.users, b.users...)
	return nil
}

// Len is the number of users added.
func (a *BackofficeTableAccumulator) Len() int { return len(a.users) }

// Result returns the per-user table for query q (see [BackofficeUsers]);
// an invalid query is an error wrapping [ErrInvalidBackofficeQuery]. The
// accumulator is unchanged and may take more users afterwards.
func (a *BackofficeTableAccumulator) Result(q BackofficeQuery) (BackofficeTable, error) {
	if err := q.Validate(); err != nil {
		return BackofficeTable{}, err
	}
	var t BackofficeTable
	kept := make([]int, 0, len(a.users))
	for i := range a.users {
		if !q.Keeps(a.users[i]) {
			t.FilteredOut++
			continue
		}
		kept = append(kept, i)
	}
	// Sort indexes, then copy each record once: swapping the records
	// themselves costs more than comparing them. The order is total (IDs
	// are unique), so an unstable sort gives the one stable result,
	// whatever order the users were added in.
	slices.SortFunc(kept, func(i, j int) int { return q.compare(&a.users[i], &a.users[j]) })
	if len(kept) > 0 {
		t.Rows = make([]BackofficeUser, len(kept))
		for k, i := range kept {
			t.Rows[k] = a.users[i]
		}
	}
	return t, nil
}

// BackofficeUsers returns the per-user table (rule B-2: Registration date,
// Email, Premium, Journals completed, Journal messages, Lessons completed,
// Chats, Chat messages; sortable by any column, ascending or descending,
// stable, ties by email then user ID; premium filter All / True / False).
// The order is total, so the result does not depend on the order of users.
// It is the one-call form of [BackofficeTableAccumulator].
//
// An invalid query is an error wrapping [ErrInvalidBackofficeQuery]; an
// invalid record or a user ID seen twice is an error wrapping
// [ErrInvalidBackofficeUser] naming it. Records left out by the filter are
// validated too.
func BackofficeUsers(users iter.Seq[BackofficeUser], q BackofficeQuery) (BackofficeTable, error) {
	if err := q.Validate(); err != nil {
		return BackofficeTable{}, err
	}
	var acc BackofficeTableAccumulator
	for u := range users {
		if err := acc.Add(u); err != nil {
			return BackofficeTable{}, err
		}
	}
	return acc.Result(q)
}

// BackofficeUserRow is one line of the per-user CSV (rule B-3): the B-2
// columns of the user plus Age and Sex (Sex is in the embedded record).
type BackofficeUserRow struct {
	BackofficeUser
	// Age is the user's age in whole years at asOf; meaningful only when
	// AgeKnown.
	Age int
	// AgeKnown is false when the birth date is unknown (an empty cell).
	AgeKnown bool
}

// WithAges returns the per-user CSV rows of rule B-3: the table's rows in
// its order, each with the user's age in whole years on asOf's calendar
// day in loc (UTC when nil; see [BackofficeUser.AgeAt]). A birth date after
// that day is an error wrapping [ErrInvalidBackofficeUser] naming the user.
func (t BackofficeTable) WithAges(asOf time.Time, loc *time.Location) ([]BackofficeUserRow, error) {
	rows := make([]BackofficeUserRow, len(t.Rows))
	for i, u := range t.Rows {
		age, known, err := u.AgeAt(asOf, loc)
		if err != nil {
			return nil, err
		}
		rows[i] = BackofficeUserRow{BackofficeUser: u, Age: age, AgeKnown: known}
	}
	return rows, nil
}
