package learners

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Accumulator gathers the learner statistics (L-1 … L-7), the
// collaborative activity (R-1 … R-3) and the registrations of
// every user of a directory, as one viewer sees them, as of one instant.
//
// Build it with [NewAccumulator]: asOf, the directory, the viewer's scope
// and the options are its definition, fixed at construction. Add records
// with its Add methods in any order; [Accumulator.Merge] combines
// accumulators of the same definition, associatively and commutatively;
// [Accumulator.Result] computes every visible user's row. The result
// depends only on the set of records added, never on their order.
//
// Each record is judged as it arrives: a record at or after asOf is left
// out and counted, a record of a user outside the scope is checked and
// dropped (no result or count includes it), and the others are folded
// into the user's running figures — the L-1 and L-5 sums, the latest
// attempt of each (program session, course) for L-2, the last activity
// (L-3), the sets of completed courses, programs and paths, attended
// classrooms and assignments (L-6), the message, publication, comment and
// reaction counts (L-7, R-1 … R-3) and the registration. So
// memory grows with the users and with the distinct (session, course)
// pairs, courses and items of each, never with the number of attempts,
// posts or reactions. Add each record once: records are not
// de-duplicated, and two records with the same ID count twice.
//
// A learner's drill-down tables (L-8, L-9) list every attempt and answer:
// they come from a [DetailAccumulator] for that one learner.
//
// The zero Accumulator has no definition: its methods return an error
// wrapping [learnstats.ErrMismatch], and its Result is empty. An
// Accumulator is not safe for concurrent use; give each goroutine its own
// and Merge them.
type Accumulator struct {
	def *definition
	// users holds the running figures of each user the scope sees, by
	// slot (definition.ids).
	users []userState
	// pairs numbers the (program session, course) pairs of the users' L-2
	// picks (userState.picks), so that a pick takes a few bytes.
	pairs pairs
	// completed, attended, done and direct are Rule L-6's sets: courses
	// completed, classrooms attended, program sessions and paths completed,
	// and program sessions and paths assigned to the user directly; the
	// user's counts in userState are the sizes of their part of each set.
	completed map[userStep]bool
	attended  map[userStep]bool
	done      map[userItem]bool
	direct    map[userItem]bool
	// groups holds the group assignments (L-6), for every group.
	groups map[learnstats.GroupID]map[item]bool
	// registeredOut holds the users outside the scope with a registration
	// record, so that a second one is refused as for a visible user.
	registeredOut map[learnstats.UserID]bool
	left          leftOut
	// last is the user of the last record (slot -1: not visible): records
	// usually come grouped by user.
	last     learnstats.UserID
	lastSlot int
}

// userState is a visible user's running figures.
type userState struct {
	timeSpent  time.Duration // Rule L-1: every counted attempt
	standalone time.Duration // Rule L-2: the attempts outside any program session
	latest     time.Duration // Rule L-2: the sum of the picks' time spent
	// picks is Rule L-2's most recent attempt at each course within each
	// program session, ordered by the pair's number.
	picks []pick
	// lastActivity is Rule L-3: the latest activity time of the counted
	// attempts; zero when none.
	lastActivity time.Time
	// scoreSum and scores are Rule L-5: the sum, in Points units, and the
	// number of the scored attempts and assessments.
	scoreSum, scores int64
	// Rule L-6: the distinct courses completed, classrooms attended,
	// program sessions and paths completed, program sessions and paths
	// assigned directly.
	completedCourses, attendedClassrooms        int
	completedPrograms, completedPaths           int
	directPrograms, directPaths                 int
	messages, publications, comments, reactions int // L-7, R-1, R-2, R-3
	// registered reports a registration record; invitedBy is the user whose
	// email Rule R-5 shows (empty: none), autoDeletion Rule R-6's date.
	registered   bool
	invitedBy    learnstats.UserID
	autoDeletion time.Time
}

// leftOut counts the records of visible users left out (see Result).
type leftOut struct {
	later, unpublished, otherPlaces, notLikes int
}

// pick is the candidate most recent attempt at a course within a program
// session, for Rule L-2: the pair's number (Accumulator.pairs), and the
// attempt's start (seconds and nanoseconds since the Unix epoch), ID and
// time spent.
type pick struct {
	course int32
	nsec   int32
	sec    int64
	spent  time.Duration
	id     learnstats.AttemptID
}

// sessionCourse is a course within a program session.
type sessionCourse struct {
	session learnstats.SessionID
	course  learnstats.StepID
}

// pairs numbers the (program session, course) pairs in the order they
// are first seen.
type pairs struct {
	number map[sessionCourse]int32
	list   []sessionCourse
}

// of returns the number of k, numbering it if it is new.
func (c *pairs) of(k sessionCourse) int32 {
	if i, ok := c.number[k]; ok {
		return i
	}
	if c.number == nil {
		c.number = map[sessionCourse]int32{}
	}
	i := int32(len(c.list))
	c.number[k] = i
	c.list = append(c.list, k)
	return i
}

// userStep and userItem key the sets of L-6: a user (by slot) and a
// course or classroom, or a program session or path.
type userStep struct {
	user int
	step learnstats.StepID
}

type userItem struct {
	user int
	item item
}

// NewAccumulator returns an empty accumulator as of asOf for the viewer
// whose scope is scope, over the users of dir (a nil directory is empty),
// with the options o.
//
// asOf is fixed here, so that each record can be judged as it arrives and
// only what the rules need at that instant is kept: memory does not grow
// with the number of records (see [Accumulator]). A record whose time is
// at or after asOf is left out and counted ([Result].Later); the zero
// asOf means no cut-off: every record counts. For figures as of another
// instant, build another accumulator.
//
// The scope is asked once, here, about every user of dir and every group
// the definition knows (o.Groups and the users' groups); the accumulator
// keeps the answers. So the definition cannot change afterwards (a scope
// backed by a map the caller later changes does not change it), and two
// accumulators whose scopes see the same users and groups of the same
// directory have the same definition and merge, whatever the scopes'
// types: Merge compares what the scopes decide, not their identity. A nil
// scope sees nothing (Rule R-4).
//
// A group without ID or name, a group or program session listed twice, or
// a session without ID is an error wrapping [learnstats.ErrInvalidRecord];
// an owner the directory does not know one wrapping [learnstats.ErrInvalidRecord].
func NewAccumulator(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, o Options) (*Accumulator, error) {
	d, err := newDefinition(asOf, dir, scope, o)
	if err != nil {
		return nil, err
	}
	return &Accumulator{
		def:           d,
		users:         make([]userState, len(d.ids)),
		completed:     map[userStep]bool{},
		attended:      map[userStep]bool{},
		done:          map[userItem]bool{},
		direct:        map[userItem]bool{},
		groups:        map[learnstats.GroupID]map[item]bool{},
		registeredOut: map[learnstats.UserID]bool{},
		lastSlot:      -1,
	}, nil
}

func (a *Accumulator) ready() error {
	if a == nil || a.def == nil {
		return fmt.Errorf("learners: accumulator without a definition (use NewAccumulator): %w", learnstats.ErrMismatch)
	}
	return nil
}

// user returns the slot and the state of user id, or slot -1 and a nil
// state when the scope does not see them: their records are dropped. A
// user the directory does not know is an error wrapping [learnstats.ErrInvalidRecord];
// what names the record.
func (a *Accumulator) user(id learnstats.UserID, what func() string) (int, *userState, error) {
	if id != a.last || a.last == "" {
		slot, ok := a.def.scope.users[id]
		if !ok {
			if _, known := a.def.dir.User(id); !known {
				return -1, nil, fmt.Errorf("learners: %s: user %q is not in the directory: %w", what(), id, learnstats.ErrInvalidRecord)
			}
			slot = -1
		}
		a.last, a.lastSlot = id, slot
	}
	if a.lastSlot < 0 {
		return -1, nil, nil
	}
	return a.lastSlot, &a.users[a.lastSlot], nil
}

// counts reports whether a record at t counts as of the accumulator's
// asOf: before it, or always when asOf is zero (no cut-off). A record that
// does not count is counted in Later; what names it if that count would
// overflow.
func (a *Accumulator) counts(t time.Time, what func() string) (bool, error) {
	if counted(t, a.def.asOf) {
		return true, nil
	}
	return false, a.leave(&a.left.later, what)
}

// leave counts a record left out in *n.
func (a *Accumulator) leave(n *int, what func() string) error {
	m, ok := checked.AddInt(*n, 1)
	if !ok {
		return fmt.Errorf("learners: %s: the count of records left out does not fit an int: %w", what(), learnstats.ErrOverflow)
	}
	*n = m
	return nil
}

// checkAttempt returns the error of an invalid attempt: one that breaks
// an invariant of learnstats.Attempt, or has a zero Start (the most
// recent attempt of L-2 is the latest start); else a function naming the
// attempt for later errors.
func checkAttempt(at learnstats.Attempt) (name func() string, err error) {
	if err := at.Validate(); err != nil {
		return nil, fmt.Errorf("learners: %w", err)
	}
	name = func() string { return fmt.Sprintf("attempt %q of learner %q at course %q", at.ID, at.Learner, at.Step) }
	if at.Start.IsZero() {
		return nil, fmt.Errorf("learners: %s: no start time: %w", name(), learnstats.ErrInvalidRecord)
	}
	return name, nil
}

// AddAttempt adds a course attempt. It reads the attempt's Learner, Step
// (the course), Session, Start, activity time (its LastActivity, or its Finish, or its Start),
// TimeSpent, Progress, Score and Scored (L-1 … L-3, L-5, L-6); an attempt
// whose activity time is at or after asOf is left out and counted. Finish
// (but for the activity time), Language and Answers are not read.
//
// An invalid attempt is an error wrapping [learnstats.ErrInvalidRecord]
// (also for a zero Start: the most recent attempt of L-2 is the latest
// start); a learner the directory does not know wraps [learnstats.ErrInvalidRecord]; a
// learner whose counted attempts' time spent or scores would add up beyond
// an int64 wraps [learnstats.ErrOverflow]. An attempt that is an error
// changes nothing.
func (a *Accumulator) AddAttempt(at learnstats.Attempt) error {
	if err := a.ready(); err != nil {
		return err
	}
	name, err := checkAttempt(at)
	if err != nil {
		return err
	}
	slot, s, err := a.user(at.Learner, name)
	if err != nil || s == nil {
		return err
	}
	if in, err := a.counts(activityAt(at), name); !in {
		return err
	}
	return a.addAttempt(slot, s, at, name)
}

// AddAssessment adds an assessment score: a scored one counts once in the
// average score (L-5), unless its time is at or after asOf (left out and
// counted). It reads Learner, At, Score and Scored; an unscored one counts
// nowhere. An assessment is not a course: it moves neither time spent nor
// last activity. Errors are as for [Accumulator.AddAttempt].
func (a *Accumulator) AddAssessment(r learnstats.AssessmentScore) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("assessment score %q of learner %q", r.ID, r.Learner) }
	_, s, err := a.user(r.Learner, name)
	if err != nil || s == nil || !r.Scored {
		return err
	}
	if in, err := a.counts(r.At, name); !in {
		return err
	}
	return s.addScore(r.Score, name)
}

// AddProgress adds a program session's or a path's progress record: 100 %
// completes it (L-6). Progress records carry no time: they always count.
// An invalid record is an error wrapping [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddProgress(p Progress) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	slot, s, err := a.user(p.User, func() string { return fmt.Sprintf("progress in session %q / path %q", p.Session, p.Path) })
	if err != nil || s == nil {
		return err
	}
	a.addProgress(slot, s, p)
	return nil
}

// AddAttendance adds a classroom attendance record (L-6). An invalid
// record is an error wrapping [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddAttendance(c Attendance) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := c.validate(); err != nil {
		return err
	}
	slot, s, err := a.user(c.User, func() string { return fmt.Sprintf("attendance at classroom %q", c.Classroom) })
	if err != nil || s == nil {
		return err
	}
	if c.Attended && addOnce(a.attended, userStep{slot, c.Classroom}) {
		s.attendedClassrooms++ // Rule L-6: distinct classrooms attended.
	}
	return nil
}

// AddPost adds a post or a reply by its Author: a message (L-7), a
// publication or a comment according to its Place, when it is
// published and before asOf; otherwise it is left out and counted. It
// reads Author, Place, ReplyTo, Unpublished and At. An invalid post is an
// error wrapping [learnstats.ErrInvalidRecord]; an author the directory
// does not know wraps [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddPost(p learnstats.Post) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("post %q", p.ID) }
	_, s, err := a.user(p.Author, name)
	if err != nil || s == nil {
		return err
	}
	if in, err := a.counts(p.At, name); !in {
		return err
	}
	return a.addPost(s, p, name)
}

// AddReaction adds a reaction by its User: a reaction in a course's
// activity or a like on a post counts in R-3 when it is before asOf; a post
// reaction of another kind is left out and counted ([Result].NotLikes). It
// reads User, Post, Course, Kind and At. An invalid reaction (an unknown
// kind included) is an error wrapping [learnstats.ErrInvalidRecord]; a
// user the directory does not know wraps [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddReaction(r learnstats.Reaction) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("reaction %q", r.ID) }
	_, s, err := a.user(r.User, name)
	if err != nil || s == nil {
		return err
	}
	if in, err := a.counts(r.At, name); !in {
		return err
	}
	return a.addReaction(s, r, name)
}

// AddAssignment adds a program session or path assignment (L-6). A group
// assignment counts for every member of the group the scope sees, whether
// or not the scope sees the group itself. Assignments carry no time: they
// always count. An invalid assignment is an error wrapping
// [learnstats.ErrInvalidRecord]; a user the directory does not know wraps
// [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddAssignment(s Assignment) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := s.validate(); err != nil {
		return err
	}
	k := item{session: s.Session, path: s.Path}
	if s.Group != "" {
		set := a.groups[s.Group]
		if set == nil {
			set = map[item]bool{}
			a.groups[s.Group] = set
		}
		set[k] = true
		return nil
	}
	slot, u, err := a.user(s.User, func() string { return fmt.Sprintf("assignment of session %q / path %q", s.Session, s.Path) })
	if err != nil || u == nil {
		return err
	}
	if addOnce(a.direct, userItem{slot, k}) {
		u.addAssigned(k)
	}
	return nil
}

// AddRegistration adds a user's registration record. A record
// naming a user or an inviter the directory does not know wraps
// [learnstats.ErrInvalidRecord]; an invited account without inviter, an unknown method,
// an account created through the API without a platform owner in
// [Options], or a second record for one user (whether or not the scope
// sees them) wraps [learnstats.ErrInvalidRecord].
func (a *Accumulator) AddRegistration(r Registration) error {
	if err := a.ready(); err != nil {
		return err
	}
	bad := func(msg string, sentinel error) error {
		return fmt.Errorf("learners: registration of user %q: %s: %w", r.User, msg, sentinel)
	}
	if _, ok := a.def.dir.User(r.User); !ok {
		return bad("not in the directory", learnstats.ErrInvalidRecord)
	}
	switch r.Method {
	case Invited:
		if r.InvitedBy == "" {
			return bad("invited without inviter", learnstats.ErrInvalidRecord)
		}
		if _, ok := a.def.dir.User(r.InvitedBy); !ok {
			return bad(fmt.Sprintf("inviter %q is not in the directory", r.InvitedBy), learnstats.ErrInvalidRecord)
		}
	case API:
		if a.def.owner == "" {
			return bad("created through the API but no platform owner is given (Options.Owner)", learnstats.ErrInvalidRecord)
		}
	case SelfRegistered, SSO, PlatformCreator:
	default:
		return bad(fmt.Sprintf("unknown method %q", r.Method), learnstats.ErrInvalidRecord)
	}
	_, s, _ := a.user(r.User, nil)
	if (s != nil && s.registered) || a.registeredOut[r.User] {
		return bad("a second registration record", learnstats.ErrInvalidRecord)
	}
	if s == nil {
		a.registeredOut[r.User] = true
		return nil
	}
	s.registered, s.invitedBy, s.autoDeletion = true, r.inviter(a.def.owner), r.AutoDeletion // Rules.
	return nil
}

// Merge adds o's records to a, as if every record added to o had been
// added to a; o is not modified. Merge is associative and commutative.
//
// Accumulators of different definitions do not merge: another asOf
// (another instant: the same instant in another location is the same
// asOf), another directory (any field of any user), a scope that sees
// other users or groups, other groups, owner or program sessions is an
// error wrapping [learnstats.ErrMismatch], as is merging an accumulator
// into itself. A registration of one user in both wraps
// [learnstats.ErrInvalidRecord]; a user's time spent, scores or counts
// that would add up beyond an int64 wrap [learnstats.ErrOverflow]. On
// error a is unchanged.
func (a *Accumulator) Merge(o *Accumulator) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := o.ready(); err != nil {
		return err
	}
	if a == o {
		return fmt.Errorf("learners: merge an accumulator into itself: %w", learnstats.ErrMismatch)
	}
	if !a.def.asOf.Equal(o.def.asOf) {
		return fmt.Errorf("learners: merge: accumulators as of %s and %s: %w", a.def.asOf.Format(time.RFC3339Nano), o.def.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	if a.def.print() != o.def.print() {
		return fmt.Errorf("learners: merge: different directory, scope or options: %w", learnstats.ErrMismatch)
	}
	// Check everything first, so that a failed Merge changes nothing.
	for slot := range a.users {
		as, os := &a.users[slot], &o.users[slot]
		id := a.def.ids[slot]
		if as.registered && os.registered {
			return fmt.Errorf("learners: merge: user %q has a registration record in both accumulators: %w", id, learnstats.ErrInvalidRecord)
		}
		if _, ok := as.plus(os); !ok {
			return fmt.Errorf("learners: merge: user %q: time spent, scores or counts add up beyond an int64: %w", id, learnstats.ErrOverflow)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(o.registeredOut)) {
		if a.registeredOut[id] {
			return fmt.Errorf("learners: merge: user %q has a registration record in both accumulators: %w", id, learnstats.ErrInvalidRecord)
		}
	}
	left, ok := a.left.plus(o.left)
	if !ok {
		return fmt.Errorf("learners: merge: the counts of records left out add up beyond an int: %w", learnstats.ErrOverflow)
	}
	for slot := range a.users {
		a.users[slot], _ = a.users[slot].plus(&o.users[slot]) // checked above
	}
	a.left = left
	for slot := range o.users {
		s := &a.users[slot]
		for _, p := range o.users[slot].picks {
			p.course = a.pairs.of(o.pairs.list[p.course])
			s.latest += s.mostRecent(p) // within the merged L-1 sum, checked above
		}
	}
	for k := range o.completed {
		if addOnce(a.completed, k) {
			a.users[k.user].completedCourses++
		}
	}
	for k := range o.attended {
		if addOnce(a.attended, k) {
			a.users[k.user].attendedClassrooms++
		}
	}
	for k := range o.done {
		if addOnce(a.done, k) {
			a.users[k.user].addDone(k.item)
		}
	}
	for k := range o.direct {
		if addOnce(a.direct, k) {
			a.users[k.user].addAssigned(k.item)
		}
	}
	for g, set := range o.groups {
		dst := a.groups[g]
		if dst == nil {
			dst = map[item]bool{}
			a.groups[g] = dst
		}
		for k := range set {
			dst[k] = true
		}
	}
	for id := range o.registeredOut {
		a.registeredOut[id] = true
	}
	return nil
}

// plus returns s and o's figures combined, as one state holding both
// users' records (but for the parts kept in the accumulator's sets, which
// Merge adds itself), and whether every sum fits.
func (s *userState) plus(o *userState) (userState, bool) {
	r := *s
	var ok [7]bool
	r.timeSpent, ok[0] = checked.AddDuration(s.timeSpent, o.timeSpent)
	r.standalone = s.standalone + o.standalone // within the L-1 sum
	r.scoreSum, ok[1] = checked.Add(s.scoreSum, o.scoreSum)
	r.scores, ok[2] = checked.Add(s.scores, o.scores)
	r.messages, ok[3] = checked.AddInt(s.messages, o.messages)
	r.publications, ok[4] = checked.AddInt(s.publications, o.publications)
	r.comments, ok[5] = checked.AddInt(s.comments, o.comments)
	r.reactions, ok[6] = checked.AddInt(s.reactions, o.reactions)
	if o.lastActivity.After(s.lastActivity) {
		r.lastActivity = o.lastActivity
	}
	if o.registered {
		r.registered, r.invitedBy, r.autoDeletion = true, o.invitedBy, o.autoDeletion
	}
	return r, ok == [7]bool{true, true, true, true, true, true, true}
}

func (l leftOut) plus(o leftOut) (leftOut, bool) {
	var r leftOut
	var ok [4]bool
	r.later, ok[0] = checked.AddInt(l.later, o.later)
	r.unpublished, ok[1] = checked.AddInt(l.unpublished, o.unpublished)
	r.otherPlaces, ok[2] = checked.AddInt(l.otherPlaces, o.otherPlaces)
	r.notLikes, ok[3] = checked.AddInt(l.notLikes, o.notLikes)
	return r, ok == [4]bool{true, true, true, true}
}

// addOnce adds k to set and reports whether it was not there yet.
func addOnce[K comparable](set map[K]bool, k K) bool {
	if set[k] {
		return false
	}
	set[k] = true
	return true
}

// counted reports whether a record at t counts as of asOf: before asOf,
// or always when asOf is zero (no cut-off).
func counted(t, asOf time.Time) bool { return asOf.IsZero() || t.Before(asOf) }
