package stats_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

func backofficeParis(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func backofficeIDs(rows []stats.BackofficeUser) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = string(r.ID)
	}
	return ids
}

func TestB1_Cards(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		users  []stats.BackofficeUser
		want   stats.BackofficeCards
	}{
		{
			name:   "no users",
			reason: "the zero accumulator is empty",
			want:   stats.BackofficeCards{},
		},
		{
			name:   "one free user without activity",
			reason: "a user counts in total users even with every counter at 0",
			users:  []stats.BackofficeUser{{ID: "u1"}},
			want:   stats.BackofficeCards{TotalUsers: 1},
		},
		{
			name:   "sums and premium",
			reason: "every counter is summed; lessons count every completion; premium counts users, not activity",
			users: []stats.BackofficeUser{
				{ID: "u1", Premium: true, JournalsCompleted: 2, JournalMessages: 7, LessonsCompleted: 3, Chats: 1, ChatMessages: 12},
				{ID: "u2", JournalsCompleted: 0, JournalMessages: 1, LessonsCompleted: 5, Chats: 2, ChatMessages: 3},
				{ID: "u3", Premium: true},
			},
			want: stats.BackofficeCards{TotalUsers: 3, PremiumUsers: 2, Journals: 2, JournalMessages: 8,
				LessonsCompleted: 8, Chats: 3, ChatMessages: 15},
		},
		{
			name:   "maximum counts",
			reason: "counts at MaxBackofficeCount are valid and summed exactly",
			users: []stats.BackofficeUser{
				{ID: "a", ChatMessages: stats.MaxBackofficeCount},
				{ID: "b", ChatMessages: stats.MaxBackofficeCount},
			},
			want: stats.BackofficeCards{TotalUsers: 2, ChatMessages: 2 * stats.MaxBackofficeCount},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.BackofficeCardsOf(slices.Values(tt.users))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: BackofficeCardsOf (-want +got):\n%s", tt.reason, diff)
			}
			var acc stats.BackofficeCardsAccumulator
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
}

func TestB1_CardsMerge(t *testing.T) {
	users := []stats.BackofficeUser{
		{ID: "u1", Premium: true, JournalsCompleted: 1, LessonsCompleted: 2},
		{ID: "u2", JournalMessages: 4, Chats: 1, ChatMessages: 9},
		{ID: "u3", Premium: true, LessonsCompleted: 1},
	}
	var a, b, all stats.BackofficeCardsAccumulator
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
}

func TestB1_InvalidUsers(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		users  []stats.BackofficeUser
		naming string
	}{
		{"empty ID", "a record without ID cannot be named by ID, the email names it", []stats.BackofficeUser{{Email: "x@example.com"}}, "x@example.com"},
		{"negative count", "counts are never negative", []stats.BackofficeUser{{ID: "u7", Chats: -1}}, `"u7"`},
		{"count above maximum", "implausible counts are rejected rather than risk an overflow", []stats.BackofficeUser{{ID: "u8", LessonsCompleted: stats.MaxBackofficeCount + 1}}, `"u8"`},
		{"unknown sex", "an unknown enum value is an error naming the record", []stats.BackofficeUser{{ID: "u9", Sex: "F"}}, `"u9"`},
		{"not a date", "30 February is not a birth date", []stats.BackofficeUser{{ID: "u10", BirthDate: learnstats.Date{Year: 2000, Month: 2, Day: 30}}}, `"u10"`},
		{"duplicate", "a user listed twice would be counted twice", []stats.BackofficeUser{{ID: "u1"}, {ID: "u1"}}, `"u1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stats.BackofficeCardsOf(slices.Values(tt.users))
			if !errors.Is(err, stats.ErrInvalidBackofficeUser) {
				t.Fatalf("%s: BackofficeCardsOf error = %v, want ErrInvalidBackofficeUser", tt.reason, err)
			}
			if !strings.Contains(err.Error(), tt.naming) {
				t.Errorf("%s: error %q does not name the record %s", tt.reason, err, tt.naming)
			}
			_, err = stats.BackofficeUsers(slices.Values(tt.users), stats.BackofficeQuery{})
			if !errors.Is(err, stats.ErrInvalidBackofficeUser) {
				t.Errorf("%s: BackofficeUsers error = %v, want ErrInvalidBackofficeUser", tt.reason, err)
			}
		})
	}
	var acc stats.BackofficeCardsAccumulator
	if err := acc.Add(stats.BackofficeUser{ID: "u1", Chats: -3}); err == nil {
		t.Fatal("Add accepted a negative count")
	}
	if diff := cmp.Diff(stats.BackofficeCards{}, acc.Result()); diff != "" {
		t.Errorf("a rejected record was counted (-want +got):\n%s", diff)
	}
}

// backofficeTieUsers has, for every sortable column, at least two users
// with the same value, and two users with the same email.
func backofficeTieUsers() []stats.BackofficeUser {
	reg := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return []stats.BackofficeUser{
		{ID: "u5", Email: "eve@example.com", RegisteredAt: reg, Premium: true, JournalsCompleted: 1, JournalMessages: 2, LessonsCompleted: 3, Chats: 1, ChatMessages: 5},
		{ID: "u4", Email: "bob@example.com", RegisteredAt: reg.Add(time.Hour), JournalsCompleted: 2, JournalMessages: 2, LessonsCompleted: 1, Chats: 0, ChatMessages: 5},
		{ID: "u3", Email: "amy@example.com", RegisteredAt: reg, Premium: true, JournalsCompleted: 1, JournalMessages: 0, LessonsCompleted: 3, Chats: 1, ChatMessages: 0},
		{ID: "u2", Email: "bob@example.com", RegisteredAt: time.Time{}, JournalsCompleted: 2, JournalMessages: 9, LessonsCompleted: 1, Chats: 0, ChatMessages: 5},
		{ID: "u1", Email: "dan@example.com", RegisteredAt: reg.Add(-time.Nanosecond), Premium: false, JournalsCompleted: 0, JournalMessages: 2, LessonsCompleted: 0, Chats: 4, ChatMessages: 1},
	}
}

func TestB2_Sort(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		q      stats.BackofficeQuery
		want   []string
	}{
		{"zero query", "registration ascending; unregistered first; one nanosecond earlier sorts before; a tie by email",
			stats.BackofficeQuery{}, []string{"u2", "u1", "u3", "u5", "u4"}},
		{"registration descending", "the tie (u3, u5 same instant) stays by email ascending",
			stats.BackofficeQuery{Descending: true}, []string{"u4", "u3", "u5", "u1", "u2"}},
		{"email ascending", "same email bob: ties by user ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortEmail}, []string{"u3", "u2", "u4", "u1", "u5"}},
		{"email descending", "same email bob: ties by user ID, still ascending",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortEmail, Descending: true}, []string{"u5", "u1", "u2", "u4", "u3"}},
		{"premium ascending", "False before True; ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortPremium}, []string{"u2", "u4", "u1", "u3", "u5"}},
		{"premium descending", "True first; ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortPremium, Descending: true}, []string{"u3", "u5", "u2", "u4", "u1"}},
		{"journals ascending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortJournalsCompleted}, []string{"u1", "u3", "u5", "u2", "u4"}},
		{"journals descending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortJournalsCompleted, Descending: true}, []string{"u2", "u4", "u3", "u5", "u1"}},
		{"journal messages ascending", "three users with 2: by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortJournalMessages}, []string{"u3", "u4", "u1", "u5", "u2"}},
		{"journal messages descending", "three users with 2: by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortJournalMessages, Descending: true}, []string{"u2", "u4", "u1", "u5", "u3"}},
		{"lessons ascending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortLessonsCompleted}, []string{"u1", "u2", "u4", "u3", "u5"}},
		{"lessons descending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortLessonsCompleted, Descending: true}, []string{"u3", "u5", "u2", "u4", "u1"}},
		{"chats ascending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortChats}, []string{"u2", "u4", "u3", "u5", "u1"}},
		{"chats descending", "ties by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortChats, Descending: true}, []string{"u1", "u3", "u5", "u2", "u4"}},
		{"chat messages ascending", "three users with 5: by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortChatMessages}, []string{"u3", "u1", "u2", "u4", "u5"}},
		{"chat messages descending", "three users with 5: by email then ID",
			stats.BackofficeQuery{SortBy: stats.BackofficeSortChatMessages, Descending: true}, []string{"u2", "u4", "u5", "u1", "u3"}},
	}
	users := backofficeTieUsers()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.BackofficeUsers(slices.Values(users), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, backofficeIDs(got.Rows)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			// The order does not depend on the input order.
			rev := slices.Clone(users)
			slices.Reverse(rev)
			got2, err := stats.BackofficeUsers(slices.Values(rev), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, backofficeIDs(got2.Rows)); diff != "" {
				t.Errorf("reversed input: %s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestB2_PremiumFilter(t *testing.T) {
	users := backofficeTieUsers()
	tests := []struct {
		name        string
		reason      string
		filter      stats.BackofficePremiumFilter
		want        []string
		filteredOut int
	}{
		{"all", "the zero filter keeps everyone", stats.BackofficePremiumAll, []string{"u2", "u1", "u3", "u5", "u4"}, 0},
		{"true", "premium users only; the others are counted", stats.BackofficePremiumTrue, []string{"u3", "u5"}, 3},
		{"false", "non-premium users only; the others are counted", stats.BackofficePremiumFalse, []string{"u2", "u1", "u4"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.BackofficeUsers(slices.Values(users), stats.BackofficeQuery{Premium: tt.filter})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, backofficeIDs(got.Rows)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			if got.FilteredOut != tt.filteredOut {
				t.Errorf("%s: FilteredOut = %d, want %d", tt.reason, got.FilteredOut, tt.filteredOut)
			}
		})
	}
}

func TestB2_InvalidQuery(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		q      stats.BackofficeQuery
	}{
		{"sort column too large", "only the eight columns of B-2 sort", stats.BackofficeQuery{SortBy: stats.BackofficeSortChatMessages + 1}},
		{"negative sort column", "only the eight columns of B-2 sort", stats.BackofficeQuery{SortBy: -1}},
		{"filter too large", "only All / True / False", stats.BackofficeQuery{Premium: stats.BackofficePremiumFalse + 1}},
		{"negative filter", "only All / True / False", stats.BackofficeQuery{Premium: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stats.BackofficeUsers(slices.Values(backofficeTieUsers()), tt.q)
			if !errors.Is(err, stats.ErrInvalidBackofficeQuery) {
				t.Errorf("%s: error = %v, want ErrInvalidBackofficeQuery", tt.reason, err)
			}
		})
	}
}

func TestB2_ParseQuery(t *testing.T) {
	cols := []struct {
		in   string
		want stats.BackofficeSortColumn
	}{
		{"Registration date", stats.BackofficeSortRegistrationDate},
		{"email", stats.BackofficeSortEmail},
		{" PREMIUM ", stats.BackofficeSortPremium},
		{"Journals completed", stats.BackofficeSortJournalsCompleted},
		{"Journal messages", stats.BackofficeSortJournalMessages},
		{"Lessons completed", stats.BackofficeSortLessonsCompleted},
		{"Chats", stats.BackofficeSortChats},
		{"chat messages", stats.BackofficeSortChatMessages},
	}
	for _, c := range cols {
		got, err := stats.ParseBackofficeSortColumn(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseBackofficeSortColumn(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
		if back, err := stats.ParseBackofficeSortColumn(got.String()); err != nil || back != got {
			t.Errorf("String/Parse round trip of %v gave %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"", "Age", "Sex", "Chat", "registration"} {
		if _, err := stats.ParseBackofficeSortColumn(bad); !errors.Is(err, stats.ErrInvalidBackofficeQuery) {
			t.Errorf("ParseBackofficeSortColumn(%q) error = %v, want ErrInvalidBackofficeQuery", bad, err)
		}
	}
	filters := map[string]stats.BackofficePremiumFilter{
		"All": stats.BackofficePremiumAll, "true": stats.BackofficePremiumTrue, " FALSE": stats.BackofficePremiumFalse,
	}
	for in, want := range filters {
		got, err := stats.ParseBackofficePremiumFilter(in)
		if err != nil || got != want {
			t.Errorf("ParseBackofficePremiumFilter(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yes", "1", "Premium"} {
		if _, err := stats.ParseBackofficePremiumFilter(bad); !errors.Is(err, stats.ErrInvalidBackofficeQuery) {
			t.Errorf("ParseBackofficePremiumFilter(%q) error = %v, want ErrInvalidBackofficeQuery", bad, err)
		}
	}
	if s := stats.BackofficeSortColumn(42).String(); s != "BackofficeSortColumn(42)" {
		t.Errorf("String of an undefined column = %q", s)
	}
}

func TestB3_Age(t *testing.T) {
	paris := backofficeParis(t)
	d := func(y int, m time.Month, day int) learnstats.Date {
		return learnstats.Date{Year: y, Month: m, Day: day}
	}
	tests := []struct {
		name      string
		reason    string
		birth     learnstats.Date
		asOf      time.Time
		loc       *time.Location
		wantAge   int
		wantKnown bool
	}{
		{"unknown birth date", "the zero Date is an empty cell, not an error",
			learnstats.Date{}, time.Date(2026, 11, 22, 12, 0, 0, 0, paris), paris, 0, false},
		{"on the birthday", "the year is complete on the birthday",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 0, 0, 0, paris), paris, 36, true},
		{"the day before the birthday", "one day short of the birthday is one year less",
			d(1990, 11, 22), time.Date(2026, 11, 21, 23, 59, 59, 999999999, paris), paris, 35, true},
		{"birthday in the location, not in UTC", "00:30 in Paris on 22 Nov is still 21 Nov in UTC: the location decides",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 30, 0, 0, paris), paris, 36, true},
		{"nil location is UTC", "the same instant in UTC is the day before the birthday",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 30, 0, 0, paris), nil, 35, true},
		{"29 February, non-leap year, 28 February", "a leap-day birthday is not reached on 28 February",
			d(2000, 2, 29), time.Date(2027, 2, 28, 12, 0, 0, 0, paris), paris, 26, true},
		{"29 February, non-leap year, 1 March", "a leap-day birthday is reached on 1 March in non-leap years",
			d(2000, 2, 29), time.Date(2027, 3, 1, 12, 0, 0, 0, paris), paris, 27, true},
		{"29 February, leap year, on the day", "in a leap year the birthday is 29 February",
			d(2000, 2, 29), time.Date(2028, 2, 29, 12, 0, 0, 0, paris), paris, 28, true},
		{"29 February, leap year, day before", "28 February of a leap year is the day before",
			d(2000, 2, 29), time.Date(2028, 2, 28, 12, 0, 0, 0, paris), paris, 27, true},
		{"born on asOf's day", "a user born today is 0, not an error",
			d(2026, 11, 22), time.Date(2026, 11, 22, 12, 0, 0, 0, paris), paris, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := stats.BackofficeUser{ID: "u1", BirthDate: tt.birth}
			age, known, err := u.AgeAt(tt.asOf, tt.loc)
			if err != nil {
				t.Fatal(err)
			}
			if age != tt.wantAge || known != tt.wantKnown {
				t.Errorf("%s: AgeAt = %d, %v; want %d, %v", tt.reason, age, known, tt.wantAge, tt.wantKnown)
			}
			table, err := stats.BackofficeUsers(slices.Values([]stats.BackofficeUser{u}), stats.BackofficeQuery{})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := table.WithAges(tt.asOf, tt.loc)
			if err != nil {
				t.Fatal(err)
			}
			want := []stats.BackofficeUserRow{{BackofficeUser: u, Age: tt.wantAge, AgeKnown: tt.wantKnown}}
			if diff := cmp.Diff(want, rows); diff != "" {
				t.Errorf("%s: WithAges (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestB3_BirthAfterAsOf(t *testing.T) {
	paris := backofficeParis(t)
	asOf := time.Date(2026, 11, 22, 23, 59, 59, 999999999, paris)
	u := stats.BackofficeUser{ID: "u42", BirthDate: learnstats.Date{Year: 2026, Month: 11, Day: 23}}
	_, _, err := u.AgeAt(asOf, paris)
	if !errors.Is(err, stats.ErrInvalidBackofficeUser) || !strings.Contains(err.Error(), `"u42"`) {
		t.Fatalf("AgeAt error = %v, want ErrInvalidBackofficeUser naming u42", err)
	}
	table := stats.BackofficeTable{Rows: []stats.BackofficeUser{{ID: "u1"}, u}}
	if _, err := table.WithAges(asOf, paris); !errors.Is(err, stats.ErrInvalidBackofficeUser) {
		t.Errorf("WithAges error = %v, want ErrInvalidBackofficeUser", err)
	}
	// One nanosecond later it is the birthday: age 0.
	age, known, err := u.AgeAt(asOf.Add(time.Nanosecond), paris)
	if err != nil || age != 0 || !known {
		t.Errorf("AgeAt at midnight = %d, %v, %v; want 0, true, nil", age, known, err)
	}
}

func TestB3_Sex(t *testing.T) {
	for _, s := range []stats.BackofficeSex{stats.BackofficeSexUnknown, stats.BackofficeSexFemale, stats.BackofficeSexMale, stats.BackofficeSexOther} {
		if err := (stats.BackofficeUser{ID: "u1", Sex: s}).Validate(); err != nil {
			t.Errorf("sex %q rejected: %v", s, err)
		}
	}
	for _, s := range []stats.BackofficeSex{"female", "F", "M", " Male", "Unknown"} {
		err := (stats.BackofficeUser{ID: "u3", Sex: s}).Validate()
		if !errors.Is(err, stats.ErrInvalidBackofficeUser) || !strings.Contains(err.Error(), `"u3"`) {
			t.Errorf("sex %q: error = %v, want ErrInvalidBackofficeUser naming u3", s, err)
		}
	}
}

func TestB2_TableAccumulator(t *testing.T) {
	users := backofficeTieUsers()
	q := stats.BackofficeQuery{SortBy: stats.BackofficeSortChatMessages, Premium: stats.BackofficePremiumFalse}
	want, err := stats.BackofficeUsers(slices.Values(users), q)
	if err != nil {
		t.Fatal(err)
	}
	var zero stats.BackofficeTableAccumulator
	empty, err := zero.Result(q)
	if err != nil || len(empty.Rows) != 0 || empty.FilteredOut != 0 {
		t.Errorf("zero accumulator: %+v, %v; want an empty table", empty, err)
	}
	var a, b stats.BackofficeTableAccumulator
	for i, u := range users {
		target := &a
		if i%2 == 1 {
			target = &b
		}
		if err := target.Add(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(&b); err != nil {
		t.Fatal(err)
	}
	got, err := a.Result(q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged shards differ from one pass (-want +got):\n%s", diff)
	}

	// A user in both shards is an error naming them; the receiver is unchanged.
	var c stats.BackofficeTableAccumulator
	if err := c.Add(stats.BackofficeUser{ID: "u4", Email: "other@example.com"}); err != nil {
		t.Fatal(err)
	}
	before := c.Len()
	err = c.Merge(&b)
	if !errors.Is(err, stats.ErrInvalidBackofficeUser) || !strings.Contains(err.Error(), `"u4"`) {
		t.Errorf("Merge with a shared user: error = %v, want ErrInvalidBackofficeUser naming u4", err)
	}
	if c.Len() != before {
		t.Errorf("a failed Merge changed the receiver: %d users, want %d", c.Len(), before)
	}
	if err := a.Add(users[0]); !errors.Is(err, stats.ErrInvalidBackofficeUser) {
		t.Errorf("Add of a user already merged: error = %v, want ErrInvalidBackofficeUser", err)
	}
	if _, err := a.Result(stats.BackofficeQuery{SortBy: 99}); !errors.Is(err, stats.ErrInvalidBackofficeQuery) {
		t.Errorf("Result with an invalid query: error = %v", err)
	}
}
