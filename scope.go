package learnstats

// Scope decides what a viewer (a coach, an administrator, an author) may
// see. It is a security boundary (SPEC section 0, R-4, X-2): a user or a
// group outside the scope never appears in a result, an export row, a group
// column or a count.
//
// Implementations must be safe for concurrent use if the caller shares them
// between goroutines.
type Scope interface {
	// SeesUser reports whether the viewer may see the user.
	SeesUser(User) bool
	// SeesGroup reports whether the viewer may see the group (its column in
	// an export, its membership).
	SeesGroup(GroupID) bool
}

// Everything is the scope of the platform owner: every user and group.
var Everything Scope = everything{}

type everything struct{}

func (everything) SeesUser(User) bool     { return true }
func (everything) SeesGroup(GroupID) bool { return true }

// GroupScope is the scope of a viewer who administers or coaches the listed
// groups: they see those groups and the users who belong to at least one of
// them. The nil or empty GroupScope sees nothing.
type GroupScope map[GroupID]bool

// NewGroupScope returns the scope of the given groups.
func NewGroupScope(groups ...GroupID) GroupScope {
	s := make(GroupScope, len(groups))
	for _, g := range groups {
		s[g] = true
	}
	return s
}

// SeesGroup reports whether g is one of the scope's groups.
func (s GroupScope) SeesGroup(g GroupID) bool { return s[g] }

// SeesUser reports whether u belongs to one of the scope's groups.
func (s GroupScope) SeesUser(u User) bool {
	for _, g := range u.Groups {
		if s[g] {
			return true
		}
	}
	return false
}

// UserSet is the scope of a viewer who sees an explicit set of users and no
// group column, for example an author who sees the users who played their
// courses. The nil UserSet sees nothing.
type UserSet map[UserID]bool

// SeesUser reports whether u.ID is in the set.
func (s UserSet) SeesUser(u User) bool { return s[u.ID] }

// SeesGroup is always false: an author's scope has no group columns.
func (s UserSet) SeesGroup(GroupID) bool { return false }

// Visible returns the user with the given ID as viewer scope s may see
// them, and whether s sees them at all: a copy whose Groups keep only the
// groups s sees and whose Managers keep only the managers s sees, so that
// a result row handed to a viewer carries no group or user ID from outside
// their scope. A nil scope sees nothing.
func (d *Directory) Visible(id UserID, s Scope) (User, bool) {
	u, ok := d.User(id)
	if !ok || s == nil || !s.SeesUser(u) {
		return User{}, false
	}
	return d.Restrict(u, s), true
}

// Restrict returns a copy of u whose Groups keep only the groups s sees
// and whose Managers keep only the managers (looked up in d) s sees. It
// does not check that s sees u itself; see [Directory.Visible]. A nil
// scope sees no group and no manager.
func (d *Directory) Restrict(u User, s Scope) User {
	if s == Everything {
		return u
	}
	if s == nil {
		u.Groups, u.Managers = nil, nil
		return u
	}
	var groups []GroupID
	for _, g := range u.Groups {
		if s.SeesGroup(g) {
			groups = append(groups, g)
		}
	}
	var managers []UserID
	for _, m := range u.Managers {
		if mu, ok := d.User(m); ok && s.SeesUser(mu) {
			managers = append(managers, m)
		}
	}
	u.Groups, u.Managers = groups, managers
	return u
}
