package learnstats

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// UserID identifies a user (a learner, a coach, an author, an administrator)
// in the caller's LMS. The library never interprets it beyond equality and
// ordering (byte-wise, for tie-breaks).
type UserID string

// GroupID identifies a group (a class, a team, a cohort).
type GroupID string

// User is the identity every export needs: the columns of the users,
// general stats, registrations and activity report exports come from it.
// The zero User has no ID and is invalid.
type User struct {
	// ID identifies the user; required and unique in a [Directory].
	ID UserID
	// FirstName, LastName and Email are the identity columns of every
	// export (user text: exports guard them, X-5).
	FirstName string
	LastName  string
	Email     string
	// Title is "Title / Employment" in the users export.
	Title string
	// AdditionalInfo is the free "Additional information" field.
	AdditionalInfo string
	// CustomFields maps a custom field's title to this user's value; a
	// missing title is an empty cell.
	CustomFields map[string]string
	// Groups lists the groups the user belongs to (order irrelevant).
	Groups []GroupID
	// Managers lists the user's direct managers (L-4, X-3).
	Managers []UserID
	// CreatedAt is when the account was created.
	CreatedAt time.Time
	// RegisteredAt is when the user registered (accepted the invitation or
	// signed up); zero when not registered yet.
	RegisteredAt time.Time
}

// Validate reports an empty ID as an error wrapping [ErrInvalidRecord].
func (u User) Validate() error {
	if u.ID == "" {
		return fmt.Errorf("%w: empty ID (email %q)", ErrInvalidRecord, u.Email)
	}
	return nil
}

// InGroup reports whether the user belongs to group g.
func (u User) InGroup(g GroupID) bool { return slices.Contains(u.Groups, g) }

// Group is a named group of users.
type Group struct {
	ID   GroupID // identifies the group
	Name string  // the group's name, the header of its export column
}

// SortGroups sorts groups by name, ties by ID: the order of group columns
// in every export.
func SortGroups(gs []Group) {
	slices.SortFunc(gs, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
}

// Directory is an in-memory index of users by ID, for the look-ups the
// rules need (a manager's email, a user's direct reports). Build it with
// [NewDirectory]; the zero Directory is empty. It is safe for concurrent
// reads.
type Directory struct {
	byID    map[UserID]*User
	ordered []UserID
	reports map[UserID]int
}

// NewDirectory indexes users. It returns an error wrapping [ErrInvalidRecord]
// naming the record for an empty or duplicate ID, or a manager ID that is
// not among users. The users are not copied deeply: do not modify their
// maps and slices afterwards.
func NewDirectory(users []User) (*Directory, error) {
	d := &Directory{
		byID:    make(map[UserID]*User, len(users)),
		ordered: make([]UserID, 0, len(users)),
		reports: make(map[UserID]int),
	}
	for i := range users {
		u := &users[i]
		if err := u.Validate(); err != nil {
			return nil, fmt.Errorf("user record %d: %w", i+1, err)
		}
		if _, dup := d.byID[u.ID]; dup {
			return nil, fmt.Errorf("%w: duplicate ID %q", ErrInvalidRecord, u.ID)
		}
		d.byID[u.ID] = u
		d.ordered = append(d.ordered, u.ID)
	}
	for _, id := range d.ordered {
		u := d.byID[id]
		seen := make(map[UserID]bool, len(u.Managers))
		for _, m := range u.Managers {
			if _, ok := d.byID[m]; !ok {
				return nil, fmt.Errorf("%w: user %q: unknown manager %q", ErrInvalidRecord, u.ID, m)
			}
			if m == u.ID {
				return nil, fmt.Errorf("%w: user %q manages themself", ErrInvalidRecord, u.ID)
			}
			if seen[m] {
				continue // a manager listed twice is one manager (L-4)
			}
			seen[m] = true
			d.reports[m]++
		}
	}
	slices.Sort(d.ordered)
	return d, nil
}

// User returns the user with the given ID.
func (d *Directory) User(id UserID) (User, bool) {
	if d == nil {
		return User{}, false
	}
	u, ok := d.byID[id]
	if !ok {
		return User{}, false
	}
	return *u, true
}

// IDs returns every user ID in increasing byte order (a new slice).
func (d *Directory) IDs() []UserID {
	if d == nil {
		return nil
	}
	return slices.Clone(d.ordered)
}

// DirectReports is the number of users whose manager is id (rule L-4):
// the managees' own managees are not counted, and a user with two managers
// counts once for each. It ignores any viewer's scope: it is the platform
// owner's figure (a scoped view counts only the managees it sees).
func (d *Directory) DirectReports(id UserID) int {
	if d == nil {
		return 0
	}
	return d.reports[id]
}
