package learners

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Options are the parts of an accumulator's definition besides the
// directory and the scope. The zero Options has no group column, no
// platform owner and no program session.
type Options struct {
	// Groups are the platform's groups. Those the scope sees are the
	// result's group columns ([Result.Groups], X-2); the others never
	// appear.
	Groups []learnstats.Group
	// Owner is the platform owner, whose email is "Invited by" for
	// accounts created through the API. When set, it must be a user
	// of the directory; a registration by the API needs it.
	Owner learnstats.UserID
	// Sessions is the catalog of program sessions: their names, creation
	// dates and ends for the programs table (L-8).
	Sessions []Session
}

// definition is what an accumulator is built over, fixed at construction:
// the asOf instant, the directory, the scope's answers about it, and the
// options.
type definition struct {
	asOf     time.Time
	dir      *learnstats.Directory
	scope    *snapshot
	ids      []learnstats.UserID // the users the scope sees, in the results' row order: ids[slot]
	users    int                 // the number of users of the directory
	groups   []learnstats.Group  // the visible groups of Options.Groups, in X-2 order
	owner    learnstats.UserID
	sessions map[learnstats.SessionID]Session
	// reports counts, per user, the users the scope sees whose manager
	// they are (Rule L-4): a viewer never gets a count that includes users
	// outside their scope.
	reports map[learnstats.UserID]int
	// fingerprint is computed at the first Merge (fingerprinted reports
	// it): an accumulator that is never merged does not hash its
	// directory.
	fingerprint   [sha256.Size]byte
	fingerprinted bool
}

// snapshot is a viewer's scope as the accumulator asked it once, at
// construction, about every user of the directory and every group it
// knows (Options.Groups and the users' groups): those are the only users
// and groups a result can show, so the answers are the whole scope for
// the definition. users maps each visible user to their slot, their place
// in the row order of the results among the visible users (the index of
// their state in an accumulator and of their row in a result). It is
// immutable and safe for concurrent use.
type snapshot struct {
	users  map[learnstats.UserID]int
	groups map[learnstats.GroupID]bool
}

// SeesUser reports whether the scope saw u's ID among the directory's
// visible users.
func (s *snapshot) SeesUser(u learnstats.User) bool {
	if s == nil {
		return false
	}
	_, ok := s.users[u.ID]
	return ok
}

// SeesGroup reports whether the scope saw g among the visible groups.
func (s *snapshot) SeesGroup(g learnstats.GroupID) bool { return s != nil && s.groups[g] }

func newDefinition(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, o Options) (*definition, error) {
	if scope == nil {
		scope = learnstats.UserSet(nil) // Rule R-4: a missing scope sees nothing.
	}
	d := &definition{
		asOf:     asOf,
		dir:      dir,
		scope:    &snapshot{users: map[learnstats.UserID]int{}, groups: map[learnstats.GroupID]bool{}},
		owner:    o.Owner,
		sessions: make(map[learnstats.SessionID]Session, len(o.Sessions)),
		reports:  map[learnstats.UserID]int{},
	}
	known := map[learnstats.GroupID]bool{}
	for i, g := range o.Groups {
		switch {
		case g.ID == "" || g.Name == "":
			return nil, fmt.Errorf("learners: group %d (ID %q, name %q): empty ID or name: %w", i+1, g.ID, g.Name, learnstats.ErrInvalidRecord)
		case known[g.ID]:
			return nil, fmt.Errorf("learners: group %q listed twice: %w", g.ID, learnstats.ErrInvalidRecord)
		}
		known[g.ID] = true
		if scope.SeesGroup(g.ID) {
			d.groups = append(d.groups, g)
		}
	}
	learnstats.SortGroups(d.groups)
	for i, s := range o.Sessions {
		if s.ID == "" {
			return nil, fmt.Errorf("learners: program session %d (%q) has no ID: %w", i+1, s.Name, learnstats.ErrInvalidRecord)
		}
		if _, dup := d.sessions[s.ID]; dup {
			return nil, fmt.Errorf("learners: program session %q listed twice: %w", s.ID, learnstats.ErrInvalidRecord)
		}
		d.sessions[s.ID] = s
	}
	if o.Owner != "" {
		if _, ok := dir.User(o.Owner); !ok {
			return nil, fmt.Errorf("learners: platform owner %q is not in the directory: %w", o.Owner, learnstats.ErrInvalidRecord)
		}
	}
	ids := dir.IDs()
	d.users = len(ids)
	visible := make([]learnstats.User, 0, len(ids))
	for _, id := range ids {
		u, _ := dir.User(id)
		if scope.SeesUser(u) {
			visible = append(visible, u)
		}
		for _, g := range u.Groups {
			known[g] = true
		}
	}
	// The slots follow the row order of the results (compareUsers): a
	// result lists its rows in slot order, and a row is found by its slot.
	order := make([]int, len(visible))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return compareUsers(&visible[x], &visible[y]) })
	d.ids = make([]learnstats.UserID, len(order))
	for slot, i := range order {
		d.ids[slot] = visible[i].ID
		d.scope.users[visible[i].ID] = slot
	}
	for g := range known {
		if scope.SeesGroup(g) {
			d.scope.groups[g] = true
		}
	}
	for _, u := range visible {
		for _, m := range distinct(u.Managers) {
			d.reports[m]++ // Rule L-4: direct managees only, each once.
		}
	}
	return d, nil
}

// print returns the definition's fingerprint, computing it the first time.
func (d *definition) print() [sha256.Size]byte {
	if !d.fingerprinted {
		d.fingerprint, d.fingerprinted = d.fingerprintOf(d.dir.IDs()), true
	}
	return d.fingerprint
}

// fingerprintOf is a SHA-256 hash of the whole definition: the asOf
// instant, every field of every user of the directory, the users and
// groups the scope sees, the groups, the owner and the program sessions. Two definitions have the
// same fingerprint exactly when they would show the same rows, so Merge
// compares whole definitions, not pointers. Instants count as instants
// (their location does not): they are only compared and formatted in the
// viewer's location.
func (d *definition) fingerprintOf(ids []learnstats.UserID) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(v int64) { buf = binary.AppendVarint(buf, v) }
	instant := func(t time.Time) {
		if t.IsZero() {
			num(0)
			return
		}
		num(1)
		num(t.Unix())
		num(int64(t.Nanosecond()))
	}
	flush := func() { h.Write(buf); buf = buf[:0] }
	str("learnstats/learners definition v2")
	instant(d.asOf)
	num(int64(len(ids)))
	var titles []string // reused from one user to the next
	for _, id := range ids {
		u, _ := d.dir.User(id)
		str(string(u.ID))
		str(u.FirstName)
		str(u.LastName)
		str(u.Email)
		str(u.Title)
		str(u.AdditionalInfo)
		titles = titles[:0]
		for t := range u.CustomFields {
			titles = append(titles, t)
		}
		slices.Sort(titles)
		num(int64(len(titles)))
		for _, t := range titles {
			str(t)
			str(u.CustomFields[t])
		}
		num(int64(len(u.Groups)))
		for _, g := range u.Groups {
			str(string(g))
		}
		num(int64(len(u.Managers)))
		for _, m := range u.Managers {
			str(string(m))
		}
		instant(u.CreatedAt)
		instant(u.RegisteredAt)
		_, visible := d.scope.users[id]
		num(int64(b2i(visible)))
		flush()
	}
	groups := slices.Sorted(maps.Keys(d.scope.groups))
	num(int64(len(groups)))
	for _, g := range groups {
		str(string(g))
	}
	cols := slices.Clone(d.groups)
	slices.SortFunc(cols, func(a, b learnstats.Group) int { return cmp.Compare(a.ID, b.ID) })
	num(int64(len(cols)))
	for _, g := range cols {
		str(string(g.ID))
		str(g.Name)
	}
	str(string(d.owner))
	sessions := slices.Sorted(maps.Keys(d.sessions))
	num(int64(len(sessions)))
	for _, id := range sessions {
		s := d.sessions[id]
		str(string(s.ID))
		str(s.Name)
		instant(s.CreatedAt)
		instant(s.End)
	}
	flush()
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// distinct returns ids without repeats, in order (a manager listed twice
// is one manager, L-4 and X-3). It returns ids itself when there is none.
func distinct(ids []learnstats.UserID) []learnstats.UserID {
	for i := 1; i < len(ids); i++ {
		if slices.Contains(ids[:i], ids[i]) {
			out := slices.Clone(ids[:i])
			for _, id := range ids[i:] {
				if !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
			return out
		}
	}
	return ids
}

// visible reports whether the scope sees the user of ID id.
func (d *definition) visible(id learnstats.UserID) bool {
	_, ok := d.scope.users[id]
	return ok
}
