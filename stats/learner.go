package stats

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/learnstats/learnstats"
)

// Learner statistics (360Learning), rules L-1 … L-9.
//
// Rule L-1 (time spent, users list): the sum of all course attempts'
// durations.
//
// Rule L-2 (total time spent, general stats exports): the time spent on
// all course blocks, except that when a learner made several attempts at
// one course within one program session, only the most recent attempt's
// duration counts ("most recent" = latest start; on a tie, the higher
// attempt ID). Attempts outside any program session are summed as they
// are. In session S1 course C attempts of 10 min then 5 min count 5 min;
// with a standalone attempt of 15 min the total is 20 min.
//
// Rule L-3 (last activity): the latest activity time in a course.
//
// Rule L-4 (direct report): the number of users whose manager is this
// user; the managees' own managees are not counted.
//
// Rule L-5 (avg score): the mean of all the user's scores on courses and
// assessments (every scored attempt counts once), as an integer percent
// rounded half away from zero on the exact ratio; empty when the user has
// no score.
//
// Rule L-6 (completed / assigned): completed programs, paths and courses
// are those where the learner reached 100 % completion; assigned programs
// and paths are the distinct program sessions and paths assigned to the
// learner individually or through any of their groups (two routes count
// once); attended classrooms are the classrooms where the learner was
// marked attended.
//
// Rule L-7 (messages): the number of published posts.

// ErrInvalidLearnerRecord reports a learner record that breaks a rule's
// preconditions: an empty user or item ID, a negative duration, a score or
// progress outside 0–100, an activity before the attempt's start, an
// unknown kind. The message names the record. Use errors.Is.
var ErrInvalidLearnerRecord = errors.New("stats: invalid learner record")

// ErrLearnerUnknownUser reports a record about a user the directory does
// not know. Use errors.Is.
var ErrLearnerUnknownUser = errors.New("stats: unknown learner")

// ErrLearnerMerge reports a merge of two learner accumulators built for
// different asOf instants (or, for [LearnerDetailAcc], different users), an
// accumulator merged with itself, or an AsOf changed after the first
// record. It wraps [learnstats.ErrMismatch]. Use errors.Is.
var ErrLearnerMerge = fmt.Errorf("stats: learner accumulators: %w", learnstats.ErrMismatch)

// CourseAttempt is one attempt by a learner at a course.
type CourseAttempt struct {
	// ID identifies the attempt; on a start-time tie the higher ID is the
	// more recent attempt (L-2). IDs are unique.
	ID int64
	// User is the learner.
	User learnstats.UserID
	// Course identifies the course.
	Course string
	// Session is the program session the attempt was made in; empty for
	// an attempt outside any program session (L-2).
	Session string
	// Start is when the attempt started; it must not be zero.
	Start time.Time
	// Duration is the time spent in the attempt (>= 0).
	Duration time.Duration
	// LastActivity is the latest activity time in the attempt (L-3); zero
	// means Start. It must not be before Start.
	LastActivity time.Time
	// Progress is the completion reached in the attempt, percent 0–100;
	// 100 completes the course (L-6).
	Progress int
	// Score is the attempt's score in percent 0–100, meaningful only when
	// Scored is true (L-5).
	Score int
	// Scored reports whether the attempt has a score; an unscored attempt
	// does not count in the average score (L-5) and its Score is ignored.
	Scored bool
	// Language is the language the attempt was played in (L-8 detail).
	Language string
}

// ActivityAt is the attempt's activity time: LastActivity, or Start when
// LastActivity is zero (L-3).
func (a CourseAttempt) ActivityAt() time.Time {
	if a.LastActivity.IsZero() {
		return a.Start
	}
	return a.LastActivity
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// attempt when it breaks an invariant.
func (a CourseAttempt) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("stats: course attempt %d of user %q: %w: %s", a.ID, a.User, ErrInvalidLearnerRecord, fmt.Sprintf(format, args...))
	}
	switch {
	case a.User == "":
		return bad("empty user")
	case a.Course == "":
		return bad("empty course")
	case a.Start.IsZero():
		return bad("zero start")
	case a.Duration < 0:
		return bad("negative duration %s", a.Duration)
	case !a.LastActivity.IsZero() && a.LastActivity.Before(a.Start):
		return bad("last activity %s before start %s", a.LastActivity.Format(time.RFC3339), a.Start.Format(time.RFC3339))
	case a.Progress < 0 || a.Progress > 100:
		return bad("progress %d outside 0–100", a.Progress)
	case a.Scored && (a.Score < 0 || a.Score > 100):
		return bad("score %d outside 0–100", a.Score)
	}
	return nil
}

// AssessmentAttempt is one attempt by a learner at an assessment; only
// its score matters to learner statistics (L-5).
type AssessmentAttempt struct {
	// ID identifies the attempt; it only names the record in error
	// messages.
	ID int64
	// User is the learner; it must not be empty.
	User learnstats.UserID
	// Assessment identifies the assessment; it must not be empty.
	Assessment string
	// At is when the attempt was made; it must not be zero.
	At time.Time
	// Score is percent 0–100, meaningful only when Scored is true.
	Score int
	// Scored reports whether the attempt has a score; an unscored attempt
	// does not count in the average score (L-5).
	Scored bool
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// attempt when it breaks an invariant.
func (a AssessmentAttempt) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("stats: assessment attempt %d of user %q: %w: %s", a.ID, a.User, ErrInvalidLearnerRecord, fmt.Sprintf(format, args...))
	}
	switch {
	case a.User == "":
		return bad("empty user")
	case a.Assessment == "":
		return bad("empty assessment")
	case a.At.IsZero():
		return bad("zero time")
	case a.Scored && (a.Score < 0 || a.Score > 100):
		return bad("score %d outside 0–100", a.Score)
	}
	return nil
}

// LearnerItemKind is the kind of a learning item that is assigned or
// completed as a whole: a program (through one of its sessions) or a path.
type LearnerItemKind string

// The learner item kinds.
const (
	// LearnerProgram is a program session.
	LearnerProgram LearnerItemKind = "program"
	// LearnerPath is a path.
	LearnerPath LearnerItemKind = "path"
)

func (k LearnerItemKind) valid() bool { return k == LearnerProgram || k == LearnerPath }

// LearnerProgress is a learner's state in a program session or a path:
// its completion in percent and, for the programs table (L-8), its score.
// Several records for one item keep the highest progress (then the
// highest score): progress is what the learner reached.
type LearnerProgress struct {
	// User is the learner; it must not be empty.
	User learnstats.UserID
	// Kind says whether Item is a program session or a path. The zero value
	// "" is no kind: the record is invalid.
	Kind LearnerItemKind
	// Item is the program session ID or the path ID.
	Item string
	// Percent is the completion, 0–100; 100 completes the item (L-6).
	Percent int
	// Score is percent 0–100, meaningful only when Scored is true.
	Score int
	// Scored reports whether the item has a score (the programs table's
	// Score, L-8); false leaves the cell empty.
	Scored bool
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// record when it breaks an invariant.
func (p LearnerProgress) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("stats: %s %q progress of user %q: %w: %s", p.Kind, p.Item, p.User, ErrInvalidLearnerRecord, fmt.Sprintf(format, args...))
	}
	switch {
	case p.User == "":
		return bad("empty user")
	case !p.Kind.valid():
		return bad("unknown kind %q", p.Kind)
	case p.Item == "":
		return bad("empty item")
	case p.Percent < 0 || p.Percent > 100:
		return bad("progress %d outside 0–100", p.Percent)
	case p.Scored && (p.Score < 0 || p.Score > 100):
		return bad("score %d outside 0–100", p.Score)
	}
	return nil
}

// ClassroomAttendance records whether a learner was marked attended at a
// classroom (L-6).
type ClassroomAttendance struct {
	// User is the learner; it must not be empty.
	User learnstats.UserID
	// Classroom identifies the classroom; it must not be empty.
	Classroom string
	// Attended is true when the learner was marked attended (L-6); a
	// record with false counts nothing. A classroom counts once however
	// many records mark it attended.
	Attended bool
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] for an
// empty user or classroom.
func (c ClassroomAttendance) Validate() error {
	if c.User == "" || c.Classroom == "" {
		return fmt.Errorf("stats: attendance of user %q at classroom %q: %w: empty ID", c.User, c.Classroom, ErrInvalidLearnerRecord)
	}
	return nil
}

// learnerPick is the candidate "most recent attempt" of one course in one
// program session (L-2).
type learnerPick struct {
	start    time.Time
	id       int64
	duration time.Duration
}

// newer reports whether p is more recent than q: later start, then higher
// ID, then (equal IDs, only with inconsistent data) longer duration, so
// that the pick never depends on input order.
func (p learnerPick) newer(q learnerPick) bool {
	if c := p.start.Compare(q.start); c != 0 {
		return c > 0
	}
	if p.id != q.id {
		return p.id > q.id
	}
	return p.duration > q.duration
}

type learnerSessionCourse struct{ session, course string }

// learnerState is one learner's exact running totals.
type learnerState struct {
	timeSpent    time.Duration                        // L-1
	standalone   time.Duration                        // L-2, attempts outside sessions
	latest       map[learnerSessionCourse]learnerPick // L-2
	lastActivity time.Time                            // L-3
	scoreSum     int64                                // L-5
	scoreCount   int64
	courses      map[string]struct{} // L-6, completed
	programs     map[string]struct{}
	paths        map[string]struct{}
	classrooms   map[string]struct{}
	messages     int // L-7
}

func addSet(m *map[string]struct{}, k string) {
	if *m == nil {
		*m = make(map[string]struct{})
	}
	(*m)[k] = struct{}{}
}

func mergeSet(dst *map[string]struct{}, src map[string]struct{}) {
	for k := range src {
		addSet(dst, k)
	}
}

// LearnerAcc accumulates the learner statistics of rules L-1 … L-7 for
// any number of users, from records in any order. The zero LearnerAcc is
// empty and has no cut-off; set AsOf before the first Add to leave out
// records at or after asOf (SPEC section 0: events after asOf are not
// counted). Left-out records are counted in [LearnerAcc.Later]. The first
// record freezes AsOf: a later Add, Merge or Totals finds a changed AsOf an
// error wrapping [ErrLearnerMerge] (until [LearnerAcc.Reset]). Every sum is
// checked: one that would overflow is an error wrapping
// [learnstats.ErrOverflow] naming the record, and the record changes
// nothing.
//
// Memory grows with the number of users and, per user, with the number
// of distinct (program session, course) pairs attempted and of completed
// items, never with the number of attempts. To stream records grouped by
// user, compute each user's row and call [LearnerAcc.Reset] before the
// next user. A LearnerAcc is not safe for concurrent use; give each
// goroutine its own and Merge them.
type LearnerAcc struct {
	// AsOf is the cut-off: a record whose time is at or after AsOf is left
	// out and counted. The zero AsOf means no cut-off.
	AsOf time.Time

	asOf  frozenConfig[time.Time]
	users map[learnstats.UserID]*learnerState
	pool  []*learnerState // emptied states kept by Reset for reuse
	later int
}

// Later is the number of records left out because their time is at or
// after the AsOf frozen at the first record.
func (a *LearnerAcc) Later() int { return a.later }

// Reset empties the accumulator, keeping AsOf and its allocated memory.
// With no record left, AsOf may be changed before the next Add.
func (a *LearnerAcc) Reset() {
	a.asOf = frozenConfig[time.Time]{}
	// Keep the states and their maps for reuse: streaming one user at a
	// time then allocates nothing per user once warm.
	for id, s := range a.users {
		clear(s.latest)
		clear(s.courses)
		clear(s.programs)
		clear(s.paths)
		clear(s.classrooms)
		*s = learnerState{latest: s.latest, courses: s.courses, programs: s.programs, paths: s.paths, classrooms: s.classrooms}
		a.pool = append(a.pool, s)
		delete(a.users, id)
	}
	a.later = 0
}

func (a *LearnerAcc) state(id learnstats.UserID) *learnerState {
	if s, ok := a.users[id]; ok {
		return s
	}
	if a.users == nil {
		a.users = make(map[learnstats.UserID]*learnerState)
	}
	var s *learnerState
	if n := len(a.pool); n > 0 {
		s, a.pool = a.pool[n-1], a.pool[:n-1]
	} else {
		s = &learnerState{}
	}
	a.users[id] = s
	return s
}

// counts freezes AsOf at the first record (or checks it is unchanged) and
// reports whether a record at t is before it; one at or after it is
// counted in later. what names the record in errors.
func (a *LearnerAcc) counts(t time.Time, what func() string) (bool, error) {
	if err := learnerHoldAsOf(&a.asOf, a.AsOf, what); err != nil {
		return false, err
	}
	if !a.AsOf.IsZero() && !t.Before(a.AsOf) {
		n, ok := sum(a.later, 1)
		if !ok {
			return false, errOverflow("%s: count of records after asOf", what())
		}
		a.later = n
		return false, nil
	}
	return true, nil
}

// learnerHoldAsOf freezes asOf at a learner accumulator's first record and
// afterwards checks that it is unchanged.
func learnerHoldAsOf(f *frozenConfig[time.Time], cur time.Time, what func() string) error {
	if !f.hold(cur, sameInstant) {
		return fmt.Errorf("stats: %s: %w: AsOf changed after the first record (%s, now %s)", what(), ErrLearnerMerge,
			f.c.Format(time.RFC3339Nano), cur.Format(time.RFC3339Nano))
	}
	return nil
}

// learnerCheckAsOf returns the asOf a learner accumulator's records were
// added under and an error wrapping [ErrLearnerMerge] when the exported
// AsOf, cur, changed since; it changes nothing.
func learnerCheckAsOf(f *frozenConfig[time.Time], cur time.Time, what string) (time.Time, error) {
	got, ok := f.current(cur, sameInstant)
	if !ok {
		return time.Time{}, fmt.Errorf("stats: %s: %w: AsOf changed after the first record (%s, now %s)", what, ErrLearnerMerge,
			got.Format(time.RFC3339Nano), cur.Format(time.RFC3339Nano))
	}
	return got, nil
}

// AddAttempt adds a course attempt (L-1, L-2, L-3, L-5, L-6). An invalid
// attempt is an error wrapping [ErrInvalidLearnerRecord] and changes
// nothing. The attempt's time is its [CourseAttempt.ActivityAt].
func (a *LearnerAcc) AddAttempt(at CourseAttempt) error {
	if err := at.Validate(); err != nil {
		return err
	}
	name := func() string { return fmt.Sprintf("course attempt %d of user %q", at.ID, at.User) }
	if in, err := a.counts(at.ActivityAt(), name); err != nil || !in {
		return err
	}
	s := a.state(at.User)
	// Rules L-1, L-2 (outside sessions, summed) and L-5, checked together
	// so that a record that would overflow changes nothing.
	standalone, scored := time.Duration(0), int64(0)
	if at.Session == "" {
		standalone = at.Duration
	}
	if at.Scored {
		scored = 1
	}
	timeSpent, ok1 := sum(s.timeSpent, at.Duration)
	alone, ok2 := sum(s.standalone, standalone)
	scoreSum, ok3 := sum(s.scoreSum, int64(at.Score)*scored)
	scoreCount, ok4 := sum(s.scoreCount, scored)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return errOverflow("%s: time spent or score sum", name())
	}
	s.timeSpent, s.standalone, s.scoreSum, s.scoreCount = timeSpent, alone, scoreSum, scoreCount
	if at.Session != "" {
		k := learnerSessionCourse{at.Session, at.Course}
		p := learnerPick{start: at.Start, id: at.ID, duration: at.Duration}
		if s.latest == nil {
			s.latest = make(map[learnerSessionCourse]learnerPick)
		}
		if q, ok := s.latest[k]; !ok || p.newer(q) {
			s.latest[k] = p // Rule L-2: the most recent attempt only.
		}
	}
	if t := at.ActivityAt(); t.After(s.lastActivity) {
		s.lastActivity = t // Rule L-3.
	}
	if at.Progress == 100 {
		addSet(&s.courses, at.Course) // Rule L-6.
	}
	return nil
}

// AddAssessment adds an assessment attempt: a scored one counts once in
// the average score (L-5). An assessment is not a course: it moves
// neither time spent nor last activity.
func (a *LearnerAcc) AddAssessment(at AssessmentAttempt) error {
	if err := at.Validate(); err != nil {
		return err
	}
	name := func() string { return fmt.Sprintf("assessment attempt %d of user %q", at.ID, at.User) }
	if in, err := a.counts(at.At, name); err != nil || !in {
		return err
	}
	s := a.state(at.User)
	if at.Scored && !sums([]*int64{&s.scoreSum, &s.scoreCount}, []int64{int64(at.Score), 1}) {
		return errOverflow("%s: score sum", name())
	}
	return nil
}

// AddProgress adds a program-session or path progress record: 100 %
// completes it (L-6). Progress records carry no time and are never left
// out by AsOf.
func (a *LearnerAcc) AddProgress(p LearnerProgress) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := learnerHoldAsOf(&a.asOf, a.AsOf, func() string { return fmt.Sprintf("%s %q progress of user %q", p.Kind, p.Item, p.User) }); err != nil {
		return err
	}
	s := a.state(p.User)
	if p.Percent == 100 {
		if p.Kind == LearnerProgram {
			addSet(&s.programs, p.Item)
		} else {
			addSet(&s.paths, p.Item)
		}
	}
	return nil
}

// AddAttendance adds a classroom attendance record (L-6): attended
// classrooms are counted once each.
func (a *LearnerAcc) AddAttendance(c ClassroomAttendance) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := learnerHoldAsOf(&a.asOf, a.AsOf, func() string { return fmt.Sprintf("attendance of user %q at classroom %q", c.User, c.Classroom) }); err != nil {
		return err
	}
	s := a.state(c.User)
	if c.Attended {
		addSet(&s.classrooms, c.Classroom)
	}
	return nil
}

// AddPost adds a post or reply: a published one is a message of its
// author (L-7). Unpublished posts are left out of every count.
func (a *LearnerAcc) AddPost(p Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	name := func() string { return fmt.Sprintf("post %d of user %q", p.ID, p.User) }
	if in, err := a.counts(p.At, name); err != nil || !in {
		return err
	}
	s := a.state(p.User)
	if p.Published {
		n, ok := sum(s.messages, 1)
		if !ok {
			return errOverflow("%s: message count", name())
		}
		s.messages = n // Rule L-7.
	}
	return nil
}

// Merge adds b's records into a, as if a had been given them: Merge is
// associative and commutative. Accumulators with different AsOf (or one
// whose AsOf changed after its first record) do not merge, nor does an
// accumulator with itself (an error wrapping [ErrLearnerMerge]); a sum that
// would overflow is an error wrapping [learnstats.ErrOverflow] naming the
// user. On error a is unchanged; b is never modified.
func (a *LearnerAcc) Merge(b *LearnerAcc) error {
	if b == nil {
		return nil // a nil accumulator is empty
	}
	if a == b {
		return fmt.Errorf("%w: an accumulator cannot merge itself", ErrLearnerMerge)
	}
	x, err := learnerCheckAsOf(&a.asOf, a.AsOf, "learner statistics")
	if err != nil {
		return err
	}
	y, err := learnerCheckAsOf(&b.asOf, b.AsOf, "learner statistics")
	if err != nil {
		return err
	}
	if !sameInstant(x, y) {
		return fmt.Errorf("%w: asOf %s and %s", ErrLearnerMerge, x.Format(time.RFC3339Nano), y.Format(time.RFC3339Nano))
	}
	// Check every sum first, so that a failed Merge changes nothing.
	later, ok := sum(a.later, b.later)
	if !ok {
		return errOverflow("learner statistics: merge: count of records after asOf")
	}
	for id, bs := range b.users {
		s, found := a.users[id]
		if !found {
			continue
		}
		if _, ok := s.plus(bs); !ok {
			return errOverflow("learner statistics: merge: user %q: time spent, score sum or message count", id)
		}
	}
	a.asOf.hold(a.AsOf, sameInstant)
	for id, bs := range b.users {
		s := a.state(id)
		sum, _ := s.plus(bs)
		s.timeSpent, s.standalone, s.scoreSum, s.scoreCount, s.messages = sum.timeSpent, sum.standalone, sum.scoreSum, sum.scoreCount, sum.messages
		for k, p := range bs.latest {
			if s.latest == nil {
				s.latest = make(map[learnerSessionCourse]learnerPick)
			}
			if q, ok := s.latest[k]; !ok || p.newer(q) {
				s.latest[k] = p
			}
		}
		if bs.lastActivity.After(s.lastActivity) {
			s.lastActivity = bs.lastActivity
		}
		mergeSet(&s.courses, bs.courses)
		mergeSet(&s.programs, bs.programs)
		mergeSet(&s.paths, bs.paths)
		mergeSet(&s.classrooms, bs.classrooms)
	}
	a.later = later
	return nil
}

// learnerSums are the sums of a learnerState that Merge adds.
type learnerSums struct {
	timeSpent, standalone time.Duration
	scoreSum, scoreCount  int64
	messages              int
}

// plus returns the sums of s and o added, and whether they all fit.
func (s *learnerState) plus(o *learnerState) (learnerSums, bool) {
	var r learnerSums
	var ok [5]bool
	r.timeSpent, ok[0] = sum(s.timeSpent, o.timeSpent)
	r.standalone, ok[1] = sum(s.standalone, o.standalone)
	r.scoreSum, ok[2] = sum(s.scoreSum, o.scoreSum)
	r.scoreCount, ok[3] = sum(s.scoreCount, o.scoreCount)
	r.messages, ok[4] = sum(s.messages, o.messages)
	return r, ok == [5]bool{true, true, true, true, true}
}

// Users returns the IDs of the users the accumulator holds records for,
// in increasing byte order.
func (a *LearnerAcc) Users() []learnstats.UserID {
	return slices.Sorted(maps.Keys(a.users))
}

// LearnerTotals is one learner's own aggregate, before anything a viewer
// or a directory adds: the result of a [LearnerAcc] for one user.
type LearnerTotals struct {
	// TimeSpent is the sum of all course attempts' durations (L-1).
	TimeSpent time.Duration
	// TotalTimeSpent counts only the most recent attempt of a course
	// within a program session (L-2).
	TotalTimeSpent time.Duration
	// LastActivity is the latest course activity time (L-3); zero when
	// none.
	LastActivity time.Time
	// AvgScore is the mean score in integer percent, rounded half away
	// from zero (L-5); meaningful only when HasScore.
	AvgScore int
	// HasScore reports whether the learner has at least one scored course
	// or assessment attempt; false means AvgScore is 0 and the Avg score
	// cell is empty (L-5).
	HasScore bool
	// ScoreSum and ScoreCount are the exact sum and number of scores
	// behind AvgScore.
	ScoreSum, ScoreCount int64
	// CompletedCourses, CompletedPrograms, CompletedPaths and
	// AttendedClassrooms are distinct counts (L-6).
	CompletedCourses, CompletedPrograms, CompletedPaths, AttendedClassrooms int
	// Messages is the number of published posts (L-7).
	Messages int
}

// Totals returns the totals of user id; a user without records has zero
// totals (no score, no activity). An AsOf changed after the first record
// is an error wrapping [ErrLearnerMerge]; an L-2 total time spent that does
// not fit a [time.Duration] one wrapping [learnstats.ErrOverflow] naming
// the user.
func (a *LearnerAcc) Totals(id learnstats.UserID) (LearnerTotals, error) {
	if _, err := learnerCheckAsOf(&a.asOf, a.AsOf, fmt.Sprintf("learner statistics of user %q", id)); err != nil {
		return LearnerTotals{}, err
	}
	s, ok := a.users[id]
	if !ok {
		return LearnerTotals{}, nil
	}
	t := LearnerTotals{
		TimeSpent:          s.timeSpent,
		TotalTimeSpent:     s.standalone,
		LastActivity:       s.lastActivity,
		ScoreSum:           s.scoreSum,
		ScoreCount:         s.scoreCount,
		CompletedCourses:   len(s.courses),
		CompletedPrograms:  len(s.programs),
		CompletedPaths:     len(s.paths),
		AttendedClassrooms: len(s.classrooms),
		Messages:           s.messages,
	}
	for _, p := range s.latest {
		total, ok := sum(t.TotalTimeSpent, p.duration) // Rule L-2, checked.
		if !ok {
			return LearnerTotals{}, errOverflow("learner statistics of user %q: total time spent", id)
		}
		t.TotalTimeSpent = total
	}
	if s.scoreCount > 0 {
		t.HasScore = true
		t.AvgScore = int(roundHalfAway(s.scoreSum, s.scoreCount))
	}
	return t, nil
}

// roundHalfAway returns num/den rounded half away from zero, exactly, for
// den > 0 and num ≥ 0 (scores are): q = num/den rounded up when the
// remainder is at least half of den, computed without doubling anything
// (2 × num overflows for sums above 2⁶²).
func roundHalfAway(num, den int64) int64 {
	q, r := num/den, num%den
	if r >= den-r {
		q++
	}
	return q
}

// Assignment assigns a program session or a path to a user or to a group
// (L-6). Exactly one of User and Group is set.
type Assignment struct {
	// Kind says whether Item is a program session or a path. The zero value
	// "" is no kind: the assignment is invalid.
	Kind LearnerItemKind
	// Item is the program session ID or the path ID.
	Item string
	// User is the user the item is assigned to individually; empty for a
	// group assignment.
	User learnstats.UserID
	// Group is the group the item is assigned to (each member of it gets
	// the item); empty for an individual assignment.
	Group learnstats.GroupID
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// assignment when it breaks an invariant.
func (s Assignment) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("stats: assignment of %s %q to user %q / group %q: %w: %s", s.Kind, s.Item, s.User, s.Group, ErrInvalidLearnerRecord, msg)
	}
	switch {
	case !s.Kind.valid():
		return bad("unknown kind")
	case s.Item == "":
		return bad("empty item")
	case (s.User == "") == (s.Group == ""):
		return bad("exactly one of user and group must be set")
	}
	return nil
}

type learnerAssignKey struct {
	kind LearnerItemKind
	item string
}

// AssignmentAcc accumulates program and path assignments (L-6). The zero
// AssignmentAcc is empty. Merge is associative and commutative.
type AssignmentAcc struct {
	direct map[learnstats.UserID]map[learnerAssignKey]struct{}
	group  map[learnstats.GroupID]map[learnerAssignKey]struct{}
}

// Add adds an assignment; an invalid one is an error wrapping
// [ErrInvalidLearnerRecord]. The same assignment added twice counts once.
func (a *AssignmentAcc) Add(s Assignment) error {
	if err := s.Validate(); err != nil {
		return err
	}
	k := learnerAssignKey{s.Kind, s.Item}
	if s.User != "" {
		if a.direct == nil {
			a.direct = make(map[learnstats.UserID]map[learnerAssignKey]struct{})
		}
		addKey(a.direct, s.User, k)
	} else {
		if a.group == nil {
			a.group = make(map[learnstats.GroupID]map[learnerAssignKey]struct{})
		}
		addKey(a.group, s.Group, k)
	}
	return nil
}

func addKey[K comparable](m map[K]map[learnerAssignKey]struct{}, id K, k learnerAssignKey) {
	set := m[id]
	if set == nil {
		set = make(map[learnerAssignKey]struct{})
		m[id] = set
	}
	set[k] = struct{}{}
}

// Merge adds b's assignments to a. An assignment accumulator has no
// definition or option and keeps sets, not sums, so Merge never fails; it
// returns an error to keep the one accumulator contract (always nil).
func (a *AssignmentAcc) Merge(b *AssignmentAcc) error {
	if b == nil {
		return nil
	}
	for id, set := range b.direct {
		for k := range set {
			if a.direct == nil {
				a.direct = make(map[learnstats.UserID]map[learnerAssignKey]struct{})
			}
			addKey(a.direct, id, k)
		}
	}
	for id, set := range b.group {
		for k := range set {
			if a.group == nil {
				a.group = make(map[learnstats.GroupID]map[learnerAssignKey]struct{})
			}
			addKey(a.group, id, k)
		}
	}
	return nil
}

// Assigned is the number of distinct items of the kind assigned to u
// individually or through any of u.Groups (L-6): an item assigned through
// two routes counts once.
func (a *AssignmentAcc) Assigned(u learnstats.User, kind LearnerItemKind) int {
	if a == nil {
		return 0
	}
	// Distinct items over at most 1+len(groups) small sets: a linear
	// de-duplication in a stack buffer, a map only past 32 items.
	var buf [32]string
	items := buf[:0]
	var seen map[string]struct{}
	add := func(set map[learnerAssignKey]struct{}) {
		for k := range set {
			if k.kind != kind {
				continue
			}
			if seen != nil {
				seen[k.item] = struct{}{}
				continue
			}
			if slices.Contains(items, k.item) {
				continue
			}
			if len(items) == cap(buf) {
				seen = make(map[string]struct{}, 2*len(items))
				for _, it := range items {
					seen[it] = struct{}{}
				}
				seen[k.item] = struct{}{}
				continue
			}
			items = append(items, k.item)
		}
	}
	add(a.direct[u.ID])
	for _, g := range u.Groups {
		add(a.group[g])
	}
	if seen != nil {
		return len(seen)
	}
	return len(items)
}

// LearnerStats is one row of the users and general stats exports: a
// user and their statistics as one viewer sees them.
type LearnerStats struct {
	// User is the row's user as the directory holds it (the identity
	// columns of the exports).
	User learnstats.User
	LearnerTotals
	// DirectReports is the number of users, visible to the viewer, whose
	// manager is this user (L-4).
	DirectReports int
	// Managers are the emails of the user's managers that the viewer may
	// see, in the order of the user record.
	Managers []string
	// AssignedPrograms and AssignedPaths are distinct counts over direct
	// and group assignments (L-6).
	AssignedPrograms, AssignedPaths int
}

// LearnerView is what one viewer sees of the learners: the scope, the
// directory, and the assignments. Build it once with [NewLearnerView];
// it is safe for concurrent use.
type LearnerView struct {
	dir     *learnstats.Directory
	scope   learnstats.Scope
	assign  *AssignmentAcc
	reports map[learnstats.UserID]int
}

// NewLearnerView returns the view of scope (nil sees nothing) over dir.
// It counts, for every user, their direct reports that the scope sees
// (L-4): a viewer never gets a count that includes users outside their
// scope. assign may be nil (no assignments).
func NewLearnerView(dir *learnstats.Directory, scope learnstats.Scope, assign *AssignmentAcc) *LearnerView {
	if scope == nil {
		scope = learnstats.UserSet(nil)
	}
	v := &LearnerView{dir: dir, scope: scope, assign: assign, reports: make(map[learnstats.UserID]int)}
	for _, id := range dir.IDs() {
		u, _ := dir.User(id)
		if !scope.SeesUser(u) {
			continue
		}
		for _, m := range dedupManagers(u.Managers) {
			v.reports[m]++ // Rule L-4: direct managees only, each once.
		}
	}
	return v
}

// Sees reports whether the viewer may see u.
func (v *LearnerView) Sees(u learnstats.User) bool { return v.scope.SeesUser(u) }

// Scope returns the viewer's scope: the users whose rows [LearnerView.Stats]
// makes and the groups an export shows a column for. A nil view's
// scope is nil: it sees nothing.
func (v *LearnerView) Scope() learnstats.Scope {
	if v == nil {
		return nil
	}
	return v.scope
}

// Stats returns u's row as the viewer sees it, from the totals t; ok is
// false when u is outside the viewer's scope (the row must be left out).
func (v *LearnerView) Stats(u learnstats.User, t LearnerTotals) (row LearnerStats, ok bool) {
	if !v.scope.SeesUser(u) {
		return LearnerStats{}, false
	}
	// The row carries only the groups and managers the viewer sees: the
	// scope is a security boundary for IDs too, not only for cells.
	row = LearnerStats{User: v.dir.Restrict(u, v.scope), LearnerTotals: t, DirectReports: v.reports[u.ID]}
	ms := dedupManagers(u.Managers)
	if len(ms) > 0 {
		row.Managers = make([]string, 0, len(ms))
	}
	for _, m := range ms {
		if mu, found := v.dir.User(m); found && v.scope.SeesUser(mu) {
			row.Managers = append(row.Managers, mu.Email)
		}
	}
	row.AssignedPrograms = v.assign.Assigned(u, LearnerProgram)
	row.AssignedPaths = v.assign.Assigned(u, LearnerPath)
	return row, true
}

// inScope reports whether the records of user id may be looked at for a
// viewer: records of users outside the scope are skipped before any
// counting, so that no count (not even Later or Unpublished) includes
// them; those users are counted in OutOfScope.
func inScope(dir *learnstats.Directory, scope learnstats.Scope, id learnstats.UserID) bool {
	u, ok := dir.User(id)
	return ok && scope != nil && scope.SeesUser(u)
}

func dedupManagers(ms []learnstats.UserID) []learnstats.UserID {
	dup := false
	for i := 1; i < len(ms) && !dup; i++ {
		dup = slices.Contains(ms[:i], ms[i])
	}
	if !dup {
		return ms
	}
	out := make([]learnstats.UserID, 0, len(ms))
	for _, m := range ms {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// LearnerInputs are the record streams of the learner statistics. A nil
// stream is empty.
type LearnerInputs struct {
	// Attempts are the course attempts (L-1, L-2, L-3, L-5, L-6).
	Attempts iter.Seq[CourseAttempt]
	// Assessments are the assessment attempts (L-5).
	Assessments iter.Seq[AssessmentAttempt]
	// Progress are the program-session and path progress records (L-6
	// completed programs and paths).
	Progress iter.Seq[LearnerProgress]
	// Attendance are the classroom attendance records (L-6).
	Attendance iter.Seq[ClassroomAttendance]
	// Posts are the posts and replies; the published ones are messages
	// (L-7).
	Posts iter.Seq[Post]
	// Assignments are the program and path assignments (L-6 assigned
	// programs and paths).
	Assignments iter.Seq[Assignment]
}

// LearnersResult is the result of [Learners]: the rows of one viewer, and
// that viewer ([LearnersResult.View]), from which the users and general
// stats exports take their group columns, so that the rows and the columns
// always come from the same scope (SPEC section 0, "Scope").
type LearnersResult struct {
	// Rows holds one row per user in the viewer's scope, in
	// [CompareLearners] order (last name, first name, email, ID).
	Rows []LearnerStats
	// OutOfScope is the number of users left out because the viewer may
	// not see them.
	OutOfScope int
	// Later is the number of records of in-scope users left out because
	// their time is at or after asOf. Records of users outside the scope
	// are not looked at: no count includes them.
	Later int

	view *LearnerView
}

// View returns the viewer the rows were computed for: its
// [LearnerView.Scope] is the scope of every row and decides the group
// columns of the exports. It is nil for the zero LearnersResult (a viewer
// who sees nothing).
func (r LearnersResult) View() *LearnerView { return r.view }

// Learners computes the learner statistics (L-1 … L-7) of every user of
// dir that scope sees, as of asOf: records at or after asOf are left out
// and counted. A record of a user dir does not know is an error wrapping
// [ErrLearnerUnknownUser]; an invalid record an error wrapping
// [ErrInvalidLearnerRecord]. It is shorthand for a [LearnerAcc] and an
// [AssignmentAcc] fed with in, then a [LearnerView].
func Learners(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, in LearnerInputs) (LearnersResult, error) {
	acc := LearnerAcc{AsOf: asOf}
	var asg AssignmentAcc
	known := func(kind string, id learnstats.UserID) error {
		if id == "" {
			return nil // the record's own validation reports it (ErrInvalidLearnerRecord)
		}
		if _, ok := dir.User(id); !ok {
			return fmt.Errorf("stats: %s of user %q: %w", kind, id, ErrLearnerUnknownUser)
		}
		if !inScope(dir, scope, id) {
			return errSkip
		}
		return nil
	}
	if err := feed(in.Attempts, func(r CourseAttempt) error {
		return cmpErr(known("course attempt", r.User), func() error { return acc.AddAttempt(r) })
	}); err != nil {
		return LearnersResult{}, err
	}
	if err := feed(in.Assessments, func(r AssessmentAttempt) error {
		return cmpErr(known("assessment attempt", r.User), func() error { return acc.AddAssessment(r) })
	}); err != nil {
		return LearnersResult{}, err
	}
	if err := feed(in.Progress, func(r LearnerProgress) error {
		return cmpErr(known("progress", r.User), func() error { return acc.AddProgress(r) })
	}); err != nil {
		return LearnersResult{}, err
	}
	if err := feed(in.Attendance, func(r ClassroomAttendance) error {
		return cmpErr(known("attendance", r.User), func() error { return acc.AddAttendance(r) })
	}); err != nil {
		return LearnersResult{}, err
	}
	if err := feed(in.Posts, func(r Post) error {
		return cmpErr(known("post", r.User), func() error { return acc.AddPost(r) })
	}); err != nil {
		return LearnersResult{}, err
	}
	if err := feed(in.Assignments, func(r Assignment) error {
		if r.User != "" {
			if err := known("assignment", r.User); err == errSkip {
				return nil
			} else if err != nil {
				return err
			}
		}
		return asg.Add(r)
	}); err != nil {
		return LearnersResult{}, err
	}
	v := NewLearnerView(dir, scope, &asg)
	res := LearnersResult{Later: acc.Later(), view: v}
	for _, id := range dir.IDs() {
		u, _ := dir.User(id)
		if !v.Sees(u) {
			res.OutOfScope++
			continue
		}
		t, err := acc.Totals(id)
		if err != nil {
			return LearnersResult{}, err
		}
		row, _ := v.Stats(u, t)
		res.Rows = append(res.Rows, row)
	}
	slices.SortFunc(res.Rows, func(a, b LearnerStats) int { return CompareLearners(a.User, b.User) })
	return res, nil
}

func feed[T any](seq iter.Seq[T], add func(T) error) error {
	if seq == nil {
		return nil
	}
	for r := range seq {
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}

// errSkip marks a record of a user outside the viewer's scope: it is
// skipped, not an error.
var errSkip = errors.New("stats: out of scope")

func cmpErr(err error, next func() error) error {
	if err == errSkip {
		return nil
	}
	if err != nil {
		return err
	}
	return next()
}

// CompareLearners is the row order of every learner, collaboration and
// registration result and export: last name, then first name, then
// email, each compared case-insensitively (simple Unicode case folding,
// rune by rune) and then byte-wise, then ID byte-wise. It is a total
// order and allocates nothing.
func CompareLearners(a, b learnstats.User) int {
	if c := learnerFoldCompare(a.LastName, b.LastName); c != 0 {
		return c
	}
	if c := learnerFoldCompare(a.FirstName, b.FirstName); c != 0 {
		return c
	}
	if c := learnerFoldCompare(a.Email, b.Email); c != 0 {
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

// learnerFoldCompare compares case-insensitively, then byte-wise.
func learnerFoldCompare(a, b string) int {
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
