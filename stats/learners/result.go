package learners

import (
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/learnstats/learnstats"
)

// Stats is one user's row: the users, general stats, user general stats,
// collaborative activity and registrations exports all read it. It is the
// user as one viewer sees them, as of the accumulator's asOf.
type Stats struct {
	// User is the row's user as the viewer may see them: Groups and
	// Managers keep only the groups and managers the scope sees
	// ([learnstats.Directory.Restrict]).
	User learnstats.User
	// TimeSpent is the sum of all course attempts' time spent (L-1).
	TimeSpent time.Duration
	// TotalTimeSpent counts, of the attempts at one course within one
	// program session, only the most recent (L-2).
	TotalTimeSpent time.Duration
	// LastActivity is the latest activity time of the course attempts
	// (L-3); zero when none.
	LastActivity time.Time
	// DirectReports is the number of users the scope sees whose manager is
	// this user (L-4).
	DirectReports int
	// Managers are the emails of the user's managers the scope sees, each
	// once, in the order of the user record.
	Managers []string
	// AvgScore is the exact mean of the scored course attempts and
	// assessments, in percent (L-5): AvgScore.Int() is the integer the
	// exports show; it has no value (Valid false) when the user has no
	// score.
	AvgScore learnstats.Ratio
	// CompletedCourses, CompletedPrograms and CompletedPaths count the
	// distinct courses, program sessions and paths completed at 100 %;
	// AttendedClassrooms the distinct classrooms attended (L-6).
	CompletedCourses, CompletedPrograms, CompletedPaths, AttendedClassrooms int
	// AssignedPrograms and AssignedPaths count the distinct program
	// sessions and paths assigned to the user individually or through any
	// of their groups (L-6).
	AssignedPrograms, AssignedPaths int
	// Messages is the number of published posts and replies (L-7).
	Messages int
	// Publications, Comments and Reactions are the collaborative activity
	//
	Publications, Comments, Reactions int
	// InvitedBy is the email R-5 shows: empty when the rule says so, when
	// the user has no registration record, or when the scope does not see
	// the inviter (counted in [Result].HiddenInviters).
	InvitedBy string
	// AutoDeletion is the account's automatic deletion date; zero
	// when none.
	AutoDeletion time.Time

	// from is the result the row belongs to ([Result.Owns]).
	from *Result
}

// Result holds the statistics of every user of the directory the scope
// sees, as of the accumulator's asOf, with the scope and the visible
// groups: the rows and the group columns of a scoped export come from one
// Result, so they always come from the same scope (SPEC section 0,
// "Scope").
type Result struct {
	// AsOf is the instant the result is computed as of (zero: no cut-off),
	// the accumulator's.
	AsOf time.Time
	// Rows holds one row per user the scope sees, ordered by last name,
	// then first name, then email (each compared case-insensitively, then
	// byte-wise), then ID.
	Rows []Stats
	// OutOfScope counts the users of the directory the scope does not see:
	// they have no row, and none of their records is counted anywhere.
	OutOfScope int
	// Later counts the records left out because their time is at or after
	// AsOf: attempts (by activity time), scored assessments, posts and
	// reactions.
	Later int
	// Unpublished counts the posts left out because they are drafts or
	// withdrawn (L-7, R-1, R-2).
	Unpublished int
	// OtherPlaces counts the published posts in a place no rule counts
	// (learnstats.PlaceOther: a private message, …).
	OtherPlaces int
	// NotLikes counts the post reactions of another kind than a like, left
	// out of R-3.
	NotLikes int
	// NoRegistration counts the rows of users without a registration
	// record (empty Invited by and Auto deletion).
	NoRegistration int
	// HiddenInviters counts the rows whose inviter (or platform owner) the
	// scope does not see: their email is left out.
	HiddenInviters int

	scope  *snapshot // its users' slots are the indexes of their rows
	groups []learnstats.Group
}

// User returns the row of user id, and false when the result has none (a
// user outside the scope or the directory).
func (r *Result) User(id learnstats.UserID) (Stats, bool) {
	if r == nil || r.scope == nil {
		return Stats{}, false
	}
	slot, ok := r.scope.users[id]
	if !ok {
		return Stats{}, false
	}
	if slot < len(r.Rows) && r.Rows[slot].User.ID == id {
		return r.Rows[slot], true
	}
	for _, row := range r.Rows { // Rows reordered or cut by the caller
		if row.User.ID == id {
			return row, true
		}
	}
	return Stats{}, false
}

// Scope returns the scope the result was computed for, as the accumulator
// recorded it: it sees the users that have a row and the groups of
// [Result.Groups] (and of the rows' Groups). The nil or zero Result sees
// nothing.
func (r *Result) Scope() learnstats.Scope {
	if r == nil || r.scope == nil {
		return learnstats.UserSet(nil)
	}
	return r.scope
}

// Groups returns the platform's groups (Options.Groups) that the scope
// sees, ordered by name then ID: the group columns of the users and
// general stats exports. It returns a new slice.
func (r *Result) Groups() []learnstats.Group {
	if r == nil {
		return nil
	}
	return slices.Clone(r.groups)
}

// Owns reports whether s is a row of r (taken from its Rows or its User
// method, and maybe copied since). The exports built from a result write
// only its own rows: a row of another result, computed for another scope
// or asOf, is refused.
func (r *Result) Owns(s Stats) bool { return r != nil && s.from == r }

// Result computes the row of every user of the directory the scope sees
// from the records added so far (records at or after asOf were left out as
// they arrived, and are counted in Later). The result does not share
// memory with the accumulator, which may go on taking records; a zero
// Accumulator gives an empty result.
func (a *Accumulator) Result() *Result {
	res := &Result{}
	if a == nil || a.def == nil {
		return res
	}
	d := a.def
	res.AsOf, res.scope, res.groups = d.asOf, d.scope, slices.Clone(d.groups)
	res.OutOfScope = d.users - len(d.ids)
	res.Later, res.Unpublished, res.OtherPlaces, res.NotLikes = a.left.later, a.left.unpublished, a.left.otherPlaces, a.left.notLikes
	viaGroups := map[item]bool{}
	res.Rows = make([]Stats, len(d.ids)) // in slot order, which is the row order
	for slot, id := range d.ids {
		u, _ := d.dir.User(id)
		s := &a.users[slot]
		row := &res.Rows[slot]
		*row = Stats{
			User:           d.restrict(u),
			TimeSpent:      s.timeSpent,             // Rule L-1.
			TotalTimeSpent: s.standalone + s.latest, // Rule L-2, within the L-1 sum.
			LastActivity:   s.lastActivity,          // Rule L-3.
			DirectReports:  d.reports[id],           // Rule L-4.
			Managers:       d.managers(u),
			AvgScore:       s.avgScore(), // Rule L-5.
			// Rule L-6.
			CompletedCourses: s.completedCourses, CompletedPrograms: s.completedPrograms, CompletedPaths: s.completedPaths,
			AttendedClassrooms: s.attendedClassrooms,
			// Rules L-7, R-1, R-2, R-3.
			Messages: s.messages, Publications: s.publications, Comments: s.comments, Reactions: s.reactions,
			from: res,
		}
		row.AssignedPrograms, row.AssignedPaths = a.assigned(slot, u, viaGroups)
		a.registration(row, s, res)
	}
	return res
}

// restrict returns u as the viewer may see them: Groups and Managers keep
// only the groups and managers the scope sees ([learnstats.Directory.Restrict]).
// When the scope sees them all, u is returned as it is.
func (d *definition) restrict(u learnstats.User) learnstats.User {
	for _, g := range u.Groups {
		if !d.scope.groups[g] {
			return d.dir.Restrict(u, d.scope)
		}
	}
	for _, m := range u.Managers {
		if !d.visible(m) {
			return d.dir.Restrict(u, d.scope)
		}
	}
	return u
}

// managers returns the emails of u's managers the scope sees, each once,
// in record order; nil when there is none.
func (d *definition) managers(u learnstats.User) []string {
	var out []string
	for _, m := range distinct(u.Managers) {
		if d.visible(m) {
			if out == nil {
				out = make([]string, 0, len(u.Managers))
			}
			mu, _ := d.dir.User(m)
			out = append(out, mu.Email)
		}
	}
	return out
}

// compareUsers is the row order of every result and export: last name,
// then first name, then email, each compared case-insensitively (simple
// Unicode case folding, rune by rune) and then byte-wise, then ID
// byte-wise. It is a total order.
func compareUsers(a, b *learnstats.User) int {
	if c := foldCompare(a.LastName, b.LastName); c != 0 {
		return c
	}
	if c := foldCompare(a.FirstName, b.FirstName); c != 0 {
		return c
	}
	if c := foldCompare(a.Email, b.Email); c != 0 {
		return c
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// foldCompare compares case-insensitively, then byte-wise.
func foldCompare(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		rx, nx := utf8.DecodeRuneInString(x)
		ry, ny := utf8.DecodeRuneInString(y)
		lx, ly := unicode.ToLower(rx), unicode.ToLower(ry)
		if lx != ly {
			if lx < ly {
				return -1
			}
			return 1
		}
		x, y = x[nx:], y[ny:]
	}
	switch {
	case len(x) != len(y) && x == "":
		return -1
	case len(x) != len(y) && y == "":
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
