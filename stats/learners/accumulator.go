package learners

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Accumulator gathers the records of the learner statistics (L-1 … L-9),
// the collaborative activity (R-1 … R-3) and the registrations
// of every user of a directory, as one viewer sees them.
//
// Build it with [NewAccumulator]: the directory, the viewer's scope and the
// options are its definition, fixed at construction. Add records with its
// Add methods in any order; [Accumulator.Merge] combines accumulators of
// the same definition, associatively and commutatively;
// [Accumulator.Result] computes every visible user's row as of an instant
// and [Accumulator.Detail] one user's drill-down tables. The results depend
// only on the set of records added, never on their order.
//
// The accumulator keeps every record of a user the scope sees (records of
// other users are checked, then dropped: no result or count includes them),
// so that a result can be asked for any asOf: memory grows with the
// records. Add each record once: records are not de-duplicated, and two
// records with the same ID count twice.
//
// The zero Accumulator has no definition: its methods return an error
// wrapping [learnstats.ErrMismatch], and its Result is empty. An
// Accumulator is not safe for concurrent use; give each goroutine its own
// and Merge them.
type Accumulator struct {
	def    *definition
	users  map[learnstats.UserID]*userState
	groups map[learnstats.GroupID]map[item]bool // Rule L-6: group assignments
	// registered holds every user with a registration record, visible or
	// not, so that a second record is refused either way.
	registered map[learnstats.UserID]bool
	// last is the user of the last record (nil state: not visible):
	// records usually come grouped by user.
	last     learnstats.UserID
	lastSeen bool
	lastUser *userState
}

// userState is everything the accumulator keeps of one visible user.
type userState struct {
	attempts    []attempt
	assessments []timedScore // Rule L-5
	answers     []learnstats.QuestionAnswer
	progress    []Progress
	classrooms  []learnstats.StepID // attended (L-6)
	posts       []post
	reactions   []reaction
	assigned    map[item]bool // direct assignments (L-6)
	reg         *Registration
	// spent is Σ TimeSpent over every attempt, and scores Σ of every score
	// in Points units: every time or score sum a result adds (any asOf,
	// L-1, L-2, L-5, L-8) is at most these, so checking them at Add keeps
	// every result exact.
	spent  time.Duration
	scores int64
}

// attempt is what the learner statistics read of a learnstats.Attempt.
type attempt struct {
	id       learnstats.AttemptID
	step     learnstats.StepID
	session  learnstats.SessionID
	language string
	start    time.Time
	at       time.Time // the activity time (L-3), ActivityAt
	spent    time.Duration
	progress int
	score    int
	scored   bool
}

type timedScore struct {
	at    time.Time
	score learnstats.Points
}

type post struct {
	at          time.Time
	place       learnstats.Place
	reply       bool
	unpublished bool
}

type reaction struct {
	at     time.Time
	course bool // a reaction in a course's activity; else on a post
	kind   learnstats.ReactionKind
}

// NewAccumulator returns an empty accumulator for the viewer whose scope
// is scope, over the users of dir (a nil directory is empty), with the
// options o.
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
// a session without ID is an error wrapping [ErrInvalidRecord]; an owner
// the directory does not know one wrapping [ErrUnknownUser].
func NewAccumulator(dir *learnstats.Directory, scope learnstats.Scope, o Options) (*Accumulator, error) {
	d, err := newDefinition(dir, scope, o)
	if err != nil {
		return nil, err
	}
	return &Accumulator{def: d, users: map[learnstats.UserID]*userState{},
		groups: map[learnstats.GroupID]map[item]bool{}, registered: map[learnstats.UserID]bool{}}, nil
}

func (a *Accumulator) ready() error {
	if a == nil || a.def == nil {
		return fmt.Errorf("learners: accumulator without a definition (use NewAccumulator): %w", learnstats.ErrMismatch)
	}
	return nil
}

// user returns the state of user id, or nil when the scope does not see
// them: their records are dropped. A user the directory does not know is
// an error wrapping [ErrUnknownUser]; what names the record.
func (a *Accumulator) user(id learnstats.UserID, what func() string) (*userState, error) {
	if a.lastSeen && id == a.last {
		return a.lastUser, nil
	}
	if _, ok := a.def.dir.User(id); !ok {
		return nil, fmt.Errorf("learners: %s: user %q is not in the directory: %w", what(), id, ErrUnknownUser)
	}
	var s *userState
	if a.def.visible(id) {
		if s = a.users[id]; s == nil {
			s = &userState{}
			a.users[id] = s
		}
	}
	a.last, a.lastSeen, a.lastUser = id, true, s
	return s, nil
}

// AddAttempt adds a course attempt. It reads the attempt's Learner, Step
// (the course), Session, Start, activity time ([learnstats.Attempt.ActivityAt]),
// TimeSpent, Progress, Score, Scored and Language (L-1 … L-3, L-5, L-6,
// L-8); a result as of asOf counts it when its activity time is before
// asOf. Finish and Answers are not read.
//
// An invalid attempt is an error wrapping [learnstats.ErrInvalidAttempt]
// (also for a zero Start: the most recent attempt of L-2 is the latest
// start); a learner the directory does not know wraps [ErrUnknownUser]; a
// learner whose attempts' time spent or scores would add up beyond an
// int64 wraps [learnstats.ErrOverflow]. An attempt that is an error changes
// nothing.
func (a *Accumulator) AddAttempt(at learnstats.Attempt) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := at.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("attempt %q of learner %q at course %q", at.ID, at.Learner, at.Step) }
	if at.Start.IsZero() {
		return fmt.Errorf("learners: %s: no start time: %w", name(), learnstats.ErrInvalidRecord)
	}
	s, err := a.user(at.Learner, name)
	if err != nil || s == nil {
		return err
	}
	spent, ok1 := checked.AddDuration(s.spent, at.TimeSpent)
	scores, ok2 := s.scores, true
	if at.Scored {
		scores, ok2 = checked.Add(s.scores, int64(learnstats.WholePoints(int64(at.Score))))
	}
	if !ok1 || !ok2 {
		return fmt.Errorf("learners: %s: the learner's time spent or scores add up beyond an int64: %w", name(), learnstats.ErrOverflow)
	}
	s.spent, s.scores = spent, scores
	s.attempts = append(s.attempts, attempt{id: at.ID, step: at.Step, session: at.Session, language: at.Language,
		start: at.Start, at: at.ActivityAt(), spent: at.TimeSpent, progress: at.Progress, score: at.Score, scored: at.Scored})
	return nil
}

// AddAssessment adds an assessment score: a scored one counts once in the
// average score (L-5) when it is before asOf. It reads Learner, At, Score
// and Scored. An assessment is not a course: it moves neither time spent
// nor last activity. Errors are as for [Accumulator.AddAttempt], with
// [learnstats.ErrInvalidAnswer] for an invalid record.
func (a *Accumulator) AddAssessment(r learnstats.AssessmentScore) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("assessment score %q of learner %q", r.ID, r.Learner) }
	s, err := a.user(r.Learner, name)
	if err != nil || s == nil {
		return err
	}
	if r.Scored {
		scores, ok := checked.Add(s.scores, int64(r.Score))
		if !ok {
			return fmt.Errorf("learners: %s: the learner's scores add up beyond an int64: %w", name(), learnstats.ErrOverflow)
		}
		s.scores = scores
		s.assessments = append(s.assessments, timedScore{at: r.At, score: r.Score})
	}
	return nil
}

// AddAnswer adds an answer to a question, for the answered-questions table
// of [Accumulator.Detail] (L-9). It reads ID, Learner, Question, At and
// Score. Errors are as for [Accumulator.AddAssessment].
func (a *Accumulator) AddAnswer(r learnstats.QuestionAnswer) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	s, err := a.user(r.Learner, func() string { return fmt.Sprintf("answer %q of learner %q", r.ID, r.Learner) })
	if err != nil || s == nil {
		return err
	}
	s.answers = append(s.answers, learnstats.QuestionAnswer{ID: r.ID, Learner: r.Learner, Question: r.Question, At: r.At, Score: r.Score})
	return nil
}

// AddProgress adds a program session's or a path's progress record: 100 %
// completes it (L-6), and the programs table shows the best record of each
// session (L-8). Progress records carry no time: every result counts them.
// An invalid record is an error wrapping [ErrInvalidRecord].
func (a *Accumulator) AddProgress(p Progress) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	s, err := a.user(p.User, func() string { return fmt.Sprintf("progress in session %q / path %q", p.Session, p.Path) })
	if err != nil || s == nil {
		return err
	}
	s.progress = append(s.progress, p)
	return nil
}

// AddAttendance adds a classroom attendance record (L-6). An invalid
// record is an error wrapping [ErrInvalidRecord].
func (a *Accumulator) AddAttendance(c Attendance) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := c.validate(); err != nil {
		return err
	}
	s, err := a.user(c.User, func() string { return fmt.Sprintf("attendance at classroom %q", c.Classroom) })
	if err != nil || s == nil {
		return err
	}
	if c.Attended && !slices.Contains(s.classrooms, c.Classroom) {
		s.classrooms = append(s.classrooms, c.Classroom)
	}
	return nil
}

// AddPost adds a post or a reply by its Author: a message (L-7), a
// publication or a comment according to its Place, when it is
// published and before asOf. It reads Author, Place, ReplyTo, Unpublished
// and At. An invalid post is an error wrapping [learnstats.ErrInvalidPost];
// an author the directory does not know wraps [ErrUnknownUser].
func (a *Accumulator) AddPost(p learnstats.Post) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	s, err := a.user(p.Author, func() string { return fmt.Sprintf("post %q", p.ID) })
	if err != nil || s == nil {
		return err
	}
	s.posts = append(s.posts, post{at: p.At, place: p.Place, reply: p.ReplyTo != "", unpublished: p.Unpublished})
	return nil
}

// AddReaction adds a reaction by its User: a reaction in a course's
// activity or a like on a post counts in R-3 when it is before asOf; a post
// reaction of another kind is left out and counted
// ([Result].NotLikes). It reads User, Post, Course, Kind and At. An invalid
// reaction (an unknown kind included) is an error wrapping
// [learnstats.ErrInvalidPost]; a user the directory does not know wraps
// [ErrUnknownUser].
func (a *Accumulator) AddReaction(r learnstats.Reaction) error {
	if err := a.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	s, err := a.user(r.User, func() string { return fmt.Sprintf("reaction %q", r.ID) })
	if err != nil || s == nil {
		return err
	}
	s.reactions = append(s.reactions, reaction{at: r.At, course: r.Course != "", kind: r.Kind})
	return nil
}

// AddAssignment adds a program session or path assignment (L-6). A group
// assignment counts for every member of the group the scope sees, whether
// or not the scope sees the group itself. An invalid assignment is an
// error wrapping [ErrInvalidRecord]; a user the directory does not know
// wraps [ErrUnknownUser].
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
	u, err := a.user(s.User, func() string { return fmt.Sprintf("assignment of session %q / path %q", s.Session, s.Path) })
	if err != nil || u == nil {
		return err
	}
	if u.assigned == nil {
		u.assigned = map[item]bool{}
	}
	u.assigned[k] = true
	return nil
}

// AddRegistration adds a user's registration record. A record
// naming a user or an inviter the directory does not know wraps
// [ErrUnknownUser]; an invited account without inviter, an unknown method,
// an account created through the API without a platform owner in
// [Options], or a second record for one user (whether or not the scope
// sees them) wraps [ErrInvalidRecord].
func (a *Accumulator) AddRegistration(r Registration) error {
	if err := a.ready(); err != nil {
		return err
	}
	bad := func(msg string, sentinel error) error {
		return fmt.Errorf("learners: registration of user %q: %s: %w", r.User, msg, sentinel)
	}
	if _, ok := a.def.dir.User(r.User); !ok {
		return bad("not in the directory", ErrUnknownUser)
	}
	switch r.Method {
	case Invited:
		if r.InvitedBy == "" {
			return bad("invited without inviter", ErrInvalidRecord)
		}
		if _, ok := a.def.dir.User(r.InvitedBy); !ok {
			return bad(fmt.Sprintf("inviter %q is not in the directory", r.InvitedBy), ErrUnknownUser)
		}
	case API:
		if a.def.owner == "" {
			return bad("created through the API but no platform owner is given (Options.Owner)", ErrInvalidRecord)
		}
	case SelfRegistered, SSO, PlatformCreator:
	default:
		return bad(fmt.Sprintf("unknown method %q", r.Method), ErrInvalidRecord)
	}
	if a.registered[r.User] {
		return bad("a second registration record", ErrInvalidRecord)
	}
	a.registered[r.User] = true
	if s, _ := a.user(r.User, nil); s != nil {
		reg := r
		s.reg = &reg
	}
	return nil
}

// Merge adds o's records to a, as if every record added to o had been
// added to a; o is not modified. Merge is associative and commutative.
//
// Accumulators of different definitions do not merge: another directory
// (any field of any user), a scope that sees other users or groups, other
// groups, owner or program sessions is an error wrapping
// [learnstats.ErrMismatch], as is merging an accumulator into itself. A
// registration of one user in both wraps [ErrInvalidRecord]; a user's time
// spent or scores that would add up beyond an int64 wrap
// [learnstats.ErrOverflow]. On error a is unchanged.
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
	if a.def.fingerprint != o.def.fingerprint {
		return fmt.Errorf("learners: merge: different directory, scope or options: %w", learnstats.ErrMismatch)
	}
	for _, id := range slices.Sorted(maps.Keys(o.registered)) {
		if a.registered[id] {
			return fmt.Errorf("learners: merge: user %q has a registration record in both accumulators: %w", id, ErrInvalidRecord)
		}
	}
	ids := slices.Sorted(maps.Keys(o.users))
	for _, id := range ids {
		os, as := o.users[id], a.users[id]
		if as == nil {
			continue
		}
		_, ok1 := checked.AddDuration(as.spent, os.spent)
		_, ok2 := checked.Add(as.scores, os.scores)
		if !ok1 || !ok2 {
			return fmt.Errorf("learners: merge: user %q: time spent or scores add up beyond an int64: %w", id, learnstats.ErrOverflow)
		}
	}
	for _, id := range ids {
		os := o.users[id]
		s := a.users[id]
		if s == nil {
			s = &userState{}
			a.users[id] = s
		}
		s.spent += os.spent // checked above
		s.scores += os.scores
		s.attempts = append(s.attempts, os.attempts...)
		s.assessments = append(s.assessments, os.assessments...)
		s.answers = append(s.answers, os.answers...)
		s.progress = append(s.progress, os.progress...)
		for _, c := range os.classrooms {
			if !slices.Contains(s.classrooms, c) {
				s.classrooms = append(s.classrooms, c)
			}
		}
		s.posts = append(s.posts, os.posts...)
		s.reactions = append(s.reactions, os.reactions...)
		for k := range os.assigned {
			if s.assigned == nil {
				s.assigned = map[item]bool{}
			}
			s.assigned[k] = true
		}
		if os.reg != nil {
			reg := *os.reg
			s.reg = &reg
		}
	}
	for id := range o.registered {
		a.registered[id] = true
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
	return nil
}

// counted reports whether a record at t counts in a result as of asOf:
// before asOf, or always when asOf is zero (no cut-off).
func counted(t, asOf time.Time) bool { return asOf.IsZero() || t.Before(asOf) }
