package backoffice_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// asOfParis is a fixed asOf: 22 November 2026, noon in Paris.
func asOfParis(t testing.TB) time.Time {
	return time.Date(2026, 11, 22, 12, 0, 0, 0, paris(t))
}

// reversed returns a reversed copy of xs.
func reversed[T any](xs []T) []T {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

func rowIDs(rows []backoffice.Row) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = string(r.ID)
	}
	return ids
}

// tieUsers has, for every sortable column, at least two users with the
// same value, and two users with the same email.
func tieUsers() []backoffice.User {
	reg := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func(id, email string, t time.Time) learnstats.User {
		u := account(id, email)
		u.RegisteredAt = t
		return u
	}
	return []backoffice.User{
		{User: at("u5", "eve@example.com", reg), Premium: true, JournalsCompleted: 1, JournalMessages: 2, LessonsCompleted: 3, Chats: 1, ChatMessages: 5},
		{User: at("u4", "bob@example.com", reg.Add(time.Hour)), JournalsCompleted: 2, JournalMessages: 2, LessonsCompleted: 1, Chats: 0, ChatMessages: 5},
		{User: at("u3", "amy@example.com", reg), Premium: true, JournalsCompleted: 1, JournalMessages: 0, LessonsCompleted: 3, Chats: 1, ChatMessages: 0},
		{User: at("u2", "bob@example.com", time.Time{}), JournalsCompleted: 2, JournalMessages: 9, LessonsCompleted: 1, Chats: 0, ChatMessages: 5},
		{User: at("u1", "dan@example.com", reg.Add(-time.Nanosecond)), Premium: false, JournalsCompleted: 0, JournalMessages: 2, LessonsCompleted: 0, Chats: 4, ChatMessages: 1},
	}
}

func TestB2_Sort(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		q      backoffice.Query
		want   []string
	}{
		{"zero query", "registration ascending; unregistered first; one nanosecond earlier sorts before; a tie by email",
			backoffice.Query{}, []string{"u2", "u1", "u3", "u5", "u4"}},
		{"registration descending", "the tie (u3, u5 same instant) stays by email ascending",
			backoffice.Query{Descending: true}, []string{"u4", "u3", "u5", "u1", "u2"}},
		{"registration by its header", "the header names the zero query's column",
			backoffice.Query{SortBy: "Registration date"}, []string{"u2", "u1", "u3", "u5", "u4"}},
		{"email ascending", "same email bob: ties by user ID",
			backoffice.Query{SortBy: "Email"}, []string{"u3", "u2", "u4", "u1", "u5"}},
		{"email descending", "same email bob: ties by user ID, still ascending",
			backoffice.Query{SortBy: "Email", Descending: true}, []string{"u5", "u1", "u2", "u4", "u3"}},
		{"premium ascending", "False before True; ties by email then ID",
			backoffice.Query{SortBy: "Premium"}, []string{"u2", "u4", "u1", "u3", "u5"}},
		{"premium descending", "True first; ties by email then ID",
			backoffice.Query{SortBy: "Premium", Descending: true}, []string{"u3", "u5", "u2", "u4", "u1"}},
		{"journals ascending", "ties by email then ID",
			backoffice.Query{SortBy: "Journals completed"}, []string{"u1", "u3", "u5", "u2", "u4"}},
		{"journals descending", "ties by email then ID",
			backoffice.Query{SortBy: "Journals completed", Descending: true}, []string{"u2", "u4", "u3", "u5", "u1"}},
		{"journal messages ascending", "three users with 2: by email then ID",
			backoffice.Query{SortBy: "Journal messages"}, []string{"u3", "u4", "u1", "u5", "u2"}},
		{"journal messages descending", "three users with 2: by email then ID",
			backoffice.Query{SortBy: "Journal messages", Descending: true}, []string{"u2", "u4", "u1", "u5", "u3"}},
		{"lessons ascending", "ties by email then ID",
			backoffice.Query{SortBy: "Lessons completed"}, []string{"u1", "u2", "u4", "u3", "u5"}},
		{"lessons descending", "ties by email then ID",
			backoffice.Query{SortBy: "Lessons completed", Descending: true}, []string{"u3", "u5", "u2", "u4", "u1"}},
		{"chats ascending", "ties by email then ID",
			backoffice.Query{SortBy: "Chats"}, []string{"u2", "u4", "u3", "u5", "u1"}},
		{"chats descending", "ties by email then ID",
			backoffice.Query{SortBy: "Chats", Descending: true}, []string{"u1", "u3", "u5", "u2", "u4"}},
		{"chat messages ascending", "three users with 5: by email then ID",
			backoffice.Query{SortBy: "Chat messages"}, []string{"u3", "u1", "u2", "u4", "u5"}},
		{"chat messages descending", "three users with 5: by email then ID",
			backoffice.Query{SortBy: "Chat messages", Descending: true}, []string{"u2", "u4", "u5", "u1", "u3"}},
		{"header in other case, with spaces", "the column is matched case-insensitively, spaces trimmed",
			backoffice.Query{SortBy: "  CHAT messages ", Descending: true}, []string{"u2", "u4", "u5", "u1", "u3"}},
	}
	users := tieUsers()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backoffice.TableOf(time.Time{}, slices.Values(users), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rowIDs(got.Rows)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			// The order does not depend on the input order.
			got2, err := backoffice.TableOf(time.Time{}, slices.Values(reversed(users)), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rowIDs(got2.Rows)); diff != "" {
				t.Errorf("reversed input: %s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestB2_TieByNumericID(t *testing.T) {
	// Same email, same count: the last tie-break is the one ID order of
	// the library (learnstats.CompareIDs): 9 before 10.
	users := []backoffice.User{{User: account("10", "same@example.com")}, {User: account("9", "same@example.com")}}
	got, err := backoffice.TableOf(time.Time{}, slices.Values(users), backoffice.Query{SortBy: "Chats"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"9", "10"}, rowIDs(got.Rows)); diff != "" {
		t.Errorf("ties by numeric ID (-want +got):\n%s", diff)
	}
}

func TestB2_PremiumFilter(t *testing.T) {
	users := tieUsers()
	tests := []struct {
		name        string
		reason      string
		filter      string
		want        []string
		filteredOut int
	}{
		{"zero", "the zero filter keeps everyone", "", []string{"u2", "u1", "u3", "u5", "u4"}, 0},
		{"all", "All keeps everyone", "All", []string{"u2", "u1", "u3", "u5", "u4"}, 0},
		{"true", "premium users only; the others are counted", "True", []string{"u3", "u5"}, 3},
		{"false", "non-premium users only; the others are counted", "False", []string{"u2", "u1", "u4"}, 2},
		{"case and spaces", "the word is matched case-insensitively, spaces trimmed", " false", []string{"u2", "u1", "u4"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backoffice.TableOf(time.Time{}, slices.Values(users), backoffice.Query{Premium: tt.filter})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rowIDs(got.Rows)); diff != "" {
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
		q      backoffice.Query
		naming string
	}{
		{"Age", "Age is a column of the CSV (B-3), not a sortable column of B-2", backoffice.Query{SortBy: "Age"}, `"Age"`},
		{"Sex", "Sex is not sortable", backoffice.Query{SortBy: "Sex"}, `"Sex"`},
		{"prefix", "a prefix of a header is not the header", backoffice.Query{SortBy: "Chat"}, `"Chat"`},
		{"partial header", "registration is not Registration date", backoffice.Query{SortBy: "registration"}, `"registration"`},
		{"filter yes", "only All / True / False", backoffice.Query{Premium: "yes"}, `"yes"`},
		{"filter 1", "only All / True / False", backoffice.Query{Premium: "1"}, `"1"`},
		{"filter Premium", "only All / True / False", backoffice.Query{Premium: "Premium"}, `"Premium"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := backoffice.TableOf(time.Time{}, slices.Values(tieUsers()), tt.q)
			if !errors.Is(err, backoffice.ErrInvalidQuery) || !strings.Contains(err.Error(), tt.naming) {
				t.Errorf("%s: error = %v, want ErrInvalidQuery naming %s", tt.reason, err, tt.naming)
			}
			// The query is checked before any user is read.
			bad := []backoffice.User{{User: account("", "")}}
			if _, err := backoffice.TableOf(time.Time{}, slices.Values(bad), tt.q); !errors.Is(err, backoffice.ErrInvalidQuery) {
				t.Errorf("%s: with an invalid user too: error = %v, want ErrInvalidQuery", tt.reason, err)
			}
		})
	}
}

func TestB3_Age(t *testing.T) {
	p := paris(t)
	d := func(y int, m time.Month, day int) learnstats.Date {
		return learnstats.Date{Year: y, Month: m, Day: day}
	}
	tests := []struct {
		name      string
		reason    string
		birth     learnstats.Date
		asOf      time.Time
		wantAge   int
		wantKnown bool
	}{
		{"unknown birth date", "the zero Date is an empty cell, not an error",
			learnstats.Date{}, time.Date(2026, 11, 22, 12, 0, 0, 0, p), 0, false},
		{"zero asOf", "the zero asOf computes no age",
			d(1990, 11, 22), time.Time{}, 0, false},
		{"on the birthday", "the year is complete on the birthday",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 0, 0, 0, p), 36, true},
		{"the day before the birthday", "one day short of the birthday is one year less",
			d(1990, 11, 22), time.Date(2026, 11, 21, 23, 59, 59, 999999999, p), 35, true},
		{"birthday in the location, not in UTC", "00:30 in Paris on 22 Nov is still 21 Nov in UTC: asOf's location decides",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 30, 0, 0, p), 36, true},
		{"the same instant in UTC", "the same instant with a UTC asOf is the day before the birthday",
			d(1990, 11, 22), time.Date(2026, 11, 22, 0, 30, 0, 0, p).UTC(), 35, true},
		{"29 February, non-leap year, 28 February", "a leap-day birthday is not reached on 28 February",
			d(2000, 2, 29), time.Date(2027, 2, 28, 12, 0, 0, 0, p), 26, true},
		{"29 February, non-leap year, 1 March", "a leap-day birthday is reached on 1 March in non-leap years",
			d(2000, 2, 29), time.Date(2027, 3, 1, 12, 0, 0, 0, p), 27, true},
		{"29 February, leap year, on the day", "in a leap year the birthday is 29 February",
			d(2000, 2, 29), time.Date(2028, 2, 29, 12, 0, 0, 0, p), 28, true},
		{"29 February, leap year, day before", "28 February of a leap year is the day before",
			d(2000, 2, 29), time.Date(2028, 2, 28, 12, 0, 0, 0, p), 27, true},
		{"born on asOf's day", "a user born today is 0, not an error",
			d(2026, 11, 22), time.Date(2026, 11, 22, 12, 0, 0, 0, p), 0, true},
		{"across the DST change", "25 October 2026 has 25 hours in Paris; 23:30 is still the 25th",
			d(2000, 10, 26), time.Date(2026, 10, 25, 23, 30, 0, 0, p), 25, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := backoffice.User{User: account("u1", ""), BirthDate: tt.birth}
			table, err := backoffice.TableOf(tt.asOf, slices.Values([]backoffice.User{u}), backoffice.Query{})
			if err != nil {
				t.Fatal(err)
			}
			want := []backoffice.Row{{User: u, Age: tt.wantAge, AgeKnown: tt.wantKnown}}
			if diff := cmp.Diff(want, table.Rows); diff != "" {
				t.Errorf("%s: rows (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestB3_BirthAfterAsOf(t *testing.T) {
	p := paris(t)
	asOf := time.Date(2026, 11, 22, 23, 59, 59, 999999999, p)
	u := backoffice.User{User: account("u42", ""), BirthDate: learnstats.Date{Year: 2026, Month: 11, Day: 23}}
	users := []backoffice.User{{User: account("u1", "")}, u}
	_, err := backoffice.TableOf(asOf, slices.Values(users), backoffice.Query{})
	if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"u42"`) {
		t.Fatalf("TableOf error = %v, want ErrInvalidRecord naming u42", err)
	}
	// The filter does not hide a bad record.
	_, err = backoffice.TableOf(asOf, slices.Values(users), backoffice.Query{Premium: "True"})
	if !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("TableOf with u42 filtered out: error = %v, want ErrInvalidRecord", err)
	}
	// One nanosecond later it is the birthday: age 0.
	table, err := backoffice.TableOf(asOf.Add(time.Nanosecond), slices.Values(users), backoffice.Query{SortBy: "Email"})
	if err != nil {
		t.Fatal(err)
	}
	if r := table.Rows[1]; r.ID != "u42" || r.Age != 0 || !r.AgeKnown {
		t.Errorf("at midnight: row %+v; want u42 aged 0", r)
	}
}

func TestB3_Sex(t *testing.T) {
	for _, s := range []string{"", "Female", "Male", "Other"} {
		if err := new(backoffice.TableAccumulator).Add(backoffice.User{User: account("u1", ""), Sex: s}); err != nil {
			t.Errorf("sex %q rejected: %v", s, err)
		}
	}
	for _, s := range []string{"female", "F", "M", " Male", "Unknown"} {
		err := new(backoffice.TableAccumulator).Add(backoffice.User{User: account("u3", ""), Sex: s})
		if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"u3"`) {
			t.Errorf("sex %q: error = %v, want ErrInvalidRecord naming u3", s, err)
		}
	}
}

// TestB2_IdentityFromRootUser: the backoffice reads a user's ID, email
// and registration time from the root record, the value the caller maps
// once; the rest of that record (names, groups, custom fields) travels
// along untouched.
func TestB2_IdentityFromRootUser(t *testing.T) {
	reg := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	root := learnstats.User{ID: "u1", FirstName: "Ana", Email: "ana@example.com", RegisteredAt: reg,
		Groups: []learnstats.GroupID{"g1"}, CustomFields: map[string]string{"Site": "Lyon"}}
	table, err := backoffice.TableOf(time.Time{}, slices.Values([]backoffice.User{{User: root, Chats: 1}}), backoffice.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(root, table.Rows[0].User.User); diff != "" {
		t.Errorf("the root record in the row (-want +got):\n%s", diff)
	}
	if r := table.Rows[0]; r.Email != "ana@example.com" || !r.RegisteredAt.Equal(reg) {
		t.Errorf("row email %q, registered %v", r.Email, r.RegisteredAt)
	}
}

func TestB2_TableAccumulator(t *testing.T) {
	users := tieUsers()
	asOf := asOfParis(t)
	q := backoffice.Query{SortBy: "Chat messages", Premium: "False"}
	want, err := backoffice.TableOf(asOf, slices.Values(users), q)
	if err != nil {
		t.Fatal(err)
	}
	var zero backoffice.TableAccumulator
	empty, err := zero.Result(q)
	if err != nil || len(empty.Rows) != 0 || empty.FilteredOut != 0 {
		t.Errorf("zero accumulator: %+v, %v; want an empty table", empty, err)
	}
	a, b := backoffice.NewTableAccumulator(asOf), backoffice.NewTableAccumulator(asOf)
	for i, u := range users {
		target := a
		if i%2 == 1 {
			target = b
		}
		if err := target.Add(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := errors.Join(a.Merge(b), a.Merge(nil)); err != nil {
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
	c := backoffice.NewTableAccumulator(asOf)
	if err := c.Add(backoffice.User{User: account("u4", "other@example.com")}); err != nil {
		t.Fatal(err)
	}
	before, _ := c.Result(backoffice.Query{})
	err = c.Merge(b)
	if !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"u4"`) {
		t.Errorf("Merge with a shared user: error = %v, want ErrInvalidRecord naming u4", err)
	}
	if after, _ := c.Result(backoffice.Query{}); !cmp.Equal(before, after) {
		t.Errorf("a failed Merge changed the receiver: %+v, want %+v", after, before)
	}
	if err := c.Merge(c); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("self merge: error = %v, want ErrMismatch", err)
	}
	if err := c.Merge(backoffice.NewTableAccumulator(asOf.Add(time.Nanosecond))); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge as of another instant: error = %v, want ErrMismatch", err)
	}
	if err := a.Add(users[0]); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("Add of a user already merged: error = %v, want ErrInvalidRecord", err)
	}
	if _, err := a.Result(backoffice.Query{SortBy: "Nope"}); !errors.Is(err, backoffice.ErrInvalidQuery) {
		t.Errorf("Result with an invalid query: error = %v", err)
	}
}

// TestB2_ManyUsers: a table of a few thousand users, added to two shards
// and merged, keeps every user once and in order.
func TestB2_ManyUsers(t *testing.T) {
	const n = 2600
	var a, b backoffice.TableAccumulator
	for i := range n {
		u := backoffice.User{User: account(fmt.Sprint(i), fmt.Sprintf("e%04d@example.com", (i*7)%n)), ChatMessages: int64(i % 11)}
		target := &a
		if i%3 == 0 {
			target = &b
		}
		if err := target.Add(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(&b); err != nil {
		t.Fatal(err)
	}
	table, err := a.Result(backoffice.Query{SortBy: "Chat messages"})
	if err != nil {
		t.Fatal(err)
	}
	if len(table.Rows) != n {
		t.Fatalf("%d rows, want %d", len(table.Rows), n)
	}
	seen := map[learnstats.UserID]bool{}
	for i, r := range table.Rows {
		if seen[r.ID] {
			t.Fatalf("user %q twice", r.ID)
		}
		seen[r.ID] = true
		if i > 0 {
			p := table.Rows[i-1]
			if p.ChatMessages > r.ChatMessages || p.ChatMessages == r.ChatMessages && p.Email >= r.Email {
				t.Fatalf("rows %d (%s) and %d (%s) out of order", i-1, p.ID, i, r.ID)
			}
		}
	}
}
