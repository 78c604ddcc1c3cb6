package learners

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Detail holds one learner's drill-down tables (L-8, L-9), as of the
// [DetailAccumulator]'s asOf.
type Detail struct {
	// User is the learner.
	User learnstats.UserID
	// Courses is the courses table, ordered by last activity, newest
	// first, ties by course ID (L-8).
	Courses []CourseRow
	// Programs is the programs table, ordered by the sessions' creation
	// date, oldest first (the SPEC gives no direction; creation order reads
	// as a timeline), ties by session ID (L-8).
	Programs []ProgramRow
	// Questions is the answered-questions table, ordered by last activity,
	// newest first, ties by question ID (L-9).
	Questions []QuestionRow
	// Later counts the learner's attempts and answers left out because
	// their time is at or after asOf.
	Later int
}

// CourseRow is one line of the courses table (L-8).
type CourseRow struct {
	// Course is the course.
	Course learnstats.StepID
	// Progress is the highest progress reached over the attempts, percent.
	Progress int
	// Score is the score of the most recent scored attempt (latest start,
	// tie: higher ID), percent; meaningful only when Scored.
	Score int
	// Scored reports whether any attempt at the course has a score; false
	// leaves the Score cell empty.
	Scored bool
	// TimeSpent is the sum of the attempts' time spent (as L-1).
	TimeSpent time.Duration
	// LastActivity is the latest activity time over the attempts (L-3).
	LastActivity time.Time
	// Attempts is the attempt detail, most recent first (latest start, then
	// higher ID): its Score, Start (the Date column), TimeSpent (Time),
	// Language and Session (Program). The table's Attempts column is its
	// length. Each attempt holds the fields the learner statistics read
	// (ID, Learner, Step, Session, Start, TimeSpent, Progress, Score,
	// Scored, Language), with LastActivity set to its activity time; Finish
	// and Answers are not kept.
	Attempts []learnstats.Attempt
}

// ProgramRow is one line of the programs table (L-8).
type ProgramRow struct {
	// Session is the program session, from the catalog of [Options]: its
	// Name, End and creation date.
	Session Session
	// Progress is the completion in percent from the session's best
	// progress record (see [Progress]); 0 when there is none.
	Progress int
	// Score is that record's score in percent, meaningful only when Scored.
	Score int
	// Scored reports whether that record has a score.
	Scored bool
	// TimeSpent follows L-2 inside the session: per course, only the most
	// recent attempt counts.
	TimeSpent time.Duration
	// LastActivity is the latest activity of the session's attempts; zero
	// when none.
	LastActivity time.Time
}

// QuestionRow is one line of the answered-questions table (L-9).
type QuestionRow struct {
	// Question is the question.
	Question learnstats.QuestionID
	// Score is the integer percent of the latest answer's score (latest
	// time, tie: higher answer ID), rounded half away from zero.
	Score int
	// LastActivity is the time of the latest answer.
	LastActivity time.Time
	// Answers lists every answer, latest first (tie: higher ID first): the
	// drill-down's Score and Date, every answer counted (the table's Answer
	// count is its length). Each holds ID, Learner, Question, At and Score.
	Answers []learnstats.QuestionAnswer
}

// DetailAccumulator gathers one learner's drill-down tables (L-8, L-9),
// as one viewer sees them, as of one instant: the courses and programs
// tables with the detail of every attempt, and the answered questions with
// every answer. Those tables list every record, so it keeps every attempt
// and answer of its learner: build one for the learner whose tables are
// shown (the [Accumulator] gives every user's statistics in bounded
// memory).
//
// Build it with [NewDetailAccumulator]; add the learner's attempts,
// program progress records and answers in any order; [DetailAccumulator.Merge]
// combines accumulators of the same definition, associatively and
// commutatively; [DetailAccumulator.Result] computes the tables. An
// attempt or an answer at or after asOf is left out and counted
// ([Detail].Later).
//
// The zero DetailAccumulator has no definition: its methods return an
// error wrapping [learnstats.ErrMismatch], and its Result is empty. It is
// not safe for concurrent use.
type DetailAccumulator struct {
	asOf     time.Time
	user     learnstats.UserID
	sessions map[learnstats.SessionID]Session
	attempts []attempt
	progress map[learnstats.SessionID]Progress // the best record of each session
	answers  []learnstats.QuestionAnswer
	later    int
	// spent is the sum of the attempts' time spent: every course's and
	// program's time is at most it, so checking it at Add keeps the tables
	// exact.
	spent time.Duration
}

// attempt is what the drill-down tables read of a learnstats.Attempt.
type attempt struct {
	id       learnstats.AttemptID
	step     learnstats.StepID
	session  learnstats.SessionID
	language string
	start    time.Time
	at       time.Time // the activity time (L-3), activityAt
	spent    time.Duration
	progress int
	score    int
	scored   bool
}

// NewDetailAccumulator returns an empty accumulator as of asOf for the
// drill-down tables of user, as the viewer whose scope is scope sees them,
// over the users of dir, with the catalog of program sessions (the
// programs table's names, creation dates and ends; [Options].Sessions).
// asOf is fixed here, as for [NewAccumulator]; the zero asOf means no
// cut-off.
//
// A user the directory does not know, or whom the scope does not see, is
// an error wrapping [learnstats.ErrInvalidRecord] (a viewer learns nothing of users
// outside their scope); a session without ID or listed twice one wrapping
// [learnstats.ErrInvalidRecord].
func NewDetailAccumulator(asOf time.Time, dir *learnstats.Directory, scope learnstats.Scope, user learnstats.UserID, sessions []Session) (*DetailAccumulator, error) {
	if u, ok := dir.User(user); !ok || scope == nil || !scope.SeesUser(u) {
		return nil, fmt.Errorf("learners: detail of user %q: not a user the viewer sees: %w", user, learnstats.ErrInvalidRecord)
	}
	d := &DetailAccumulator{asOf: asOf, user: user, sessions: make(map[learnstats.SessionID]Session, len(sessions)),
		progress: map[learnstats.SessionID]Progress{}}
	for i, s := range sessions {
		if s.ID == "" {
			return nil, fmt.Errorf("learners: program session %d (%q) has no ID: %w", i+1, s.Name, learnstats.ErrInvalidRecord)
		}
		if _, dup := d.sessions[s.ID]; dup {
			return nil, fmt.Errorf("learners: program session %q listed twice: %w", s.ID, learnstats.ErrInvalidRecord)
		}
		d.sessions[s.ID] = s
	}
	return d, nil
}

func (d *DetailAccumulator) ready() error {
	if d == nil || d.sessions == nil {
		return fmt.Errorf("learners: detail accumulator without a definition (use NewDetailAccumulator): %w", learnstats.ErrMismatch)
	}
	return nil
}

// mine checks that a record is about the accumulator's learner and, when
// it names a program session, that the catalog holds it.
func (d *DetailAccumulator) mine(user learnstats.UserID, session learnstats.SessionID, what func() string) error {
	if user != d.user {
		return fmt.Errorf("learners: %s: a record of user %q for the detail of user %q: %w", what(), user, d.user, learnstats.ErrMismatch)
	}
	if _, ok := d.sessions[session]; session != "" && !ok {
		return fmt.Errorf("learners: %s: program session %q is not in the catalog: %w", what(), session, learnstats.ErrInvalidRecord)
	}
	return nil
}

// AddAttempt adds a course attempt of the learner (L-8): it reads ID,
// Step, Session, Start, the activity time (its LastActivity, or its Finish, or its Start),
// TimeSpent, Progress, Score, Scored and Language. An attempt whose
// activity time is at or after asOf is left out and counted.
//
// An invalid attempt (a zero Start included) or one naming a program
// session the catalog does not hold is an error wrapping
// [learnstats.ErrInvalidRecord]; an attempt of another learner one
// wrapping [learnstats.ErrMismatch]; attempts whose time spent would add
// up beyond an int64 one wrapping [learnstats.ErrOverflow]. An attempt
// that is an error changes nothing.
func (d *DetailAccumulator) AddAttempt(at learnstats.Attempt) error {
	if err := d.ready(); err != nil {
		return err
	}
	name, err := checkAttempt(at)
	if err != nil {
		return err
	}
	if err := d.mine(at.Learner, at.Session, name); err != nil {
		return err
	}
	if !counted(activityAt(at), d.asOf) {
		return d.leave(name)
	}
	spent, ok := checked.AddDuration(d.spent, at.TimeSpent)
	if !ok {
		return fmt.Errorf("learners: %s: the learner's time spent adds up beyond an int64: %w", name(), learnstats.ErrOverflow)
	}
	d.spent = spent
	d.attempts = append(d.attempts, attempt{id: at.ID, step: at.Step, session: at.Session, language: at.Language,
		start: at.Start, at: activityAt(at), spent: at.TimeSpent, progress: at.Progress, score: at.Score, scored: at.Scored})
	return nil
}

// AddProgress adds a progress record of the learner: the programs table
// shows the best record of each program session (see [Progress]); path
// records are checked and have no table here. Progress records carry no
// time: they always count. An invalid record, or one naming a session the
// catalog does not hold, is an error wrapping
// [learnstats.ErrInvalidRecord]; a record of another learner one wrapping
// [learnstats.ErrMismatch].
func (d *DetailAccumulator) AddProgress(p Progress) error {
	if err := d.ready(); err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	if err := d.mine(p.User, p.Session, func() string { return fmt.Sprintf("progress in session %q / path %q", p.Session, p.Path) }); err != nil {
		return err
	}
	if p.Session == "" {
		return nil // paths have no table here
	}
	if q, ok := d.progress[p.Session]; !ok || better(p, q) {
		d.progress[p.Session] = p
	}
	return nil
}

// AddAnswer adds an answer of the learner to a question (L-9). It reads
// ID, Learner, Question, At and Score; an answer at or after asOf is left
// out and counted. An invalid answer is an error wrapping
// [learnstats.ErrInvalidRecord]; an answer of another learner one wrapping
// [learnstats.ErrMismatch].
func (d *DetailAccumulator) AddAnswer(r learnstats.QuestionAnswer) error {
	if err := d.ready(); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("learners: %w", err)
	}
	name := func() string { return fmt.Sprintf("answer %q of learner %q", r.ID, r.Learner) }
	if err := d.mine(r.Learner, "", name); err != nil {
		return err
	}
	if !counted(r.At, d.asOf) {
		return d.leave(name)
	}
	d.answers = append(d.answers, learnstats.QuestionAnswer{ID: r.ID, Learner: r.Learner, Question: r.Question, At: r.At, Score: r.Score})
	return nil
}

// leave counts a record left out because it is at or after asOf.
func (d *DetailAccumulator) leave(what func() string) error {
	n, ok := checked.AddInt(d.later, 1)
	if !ok {
		return fmt.Errorf("learners: %s: the count of records left out does not fit an int: %w", what(), learnstats.ErrOverflow)
	}
	d.later = n
	return nil
}

// Merge adds o's records to d, as if every record added to o had been
// added to d; o is not modified. Merge is associative and commutative.
// Accumulators of another asOf (another instant), another learner or
// another catalog of program sessions do not merge (an error wrapping
// [learnstats.ErrMismatch]), nor does an accumulator with itself; time
// spent or counts that would add up beyond an int64 wrap
// [learnstats.ErrOverflow]. On error d is unchanged.
func (d *DetailAccumulator) Merge(o *DetailAccumulator) error {
	if err := d.ready(); err != nil {
		return err
	}
	if err := o.ready(); err != nil {
		return err
	}
	switch {
	case d == o:
		return fmt.Errorf("learners: merge a detail accumulator into itself: %w", learnstats.ErrMismatch)
	case !d.asOf.Equal(o.asOf):
		return fmt.Errorf("learners: merge: detail accumulators as of %s and %s: %w", d.asOf.Format(time.RFC3339Nano), o.asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	case d.user != o.user:
		return fmt.Errorf("learners: merge: the details of users %q and %q: %w", d.user, o.user, learnstats.ErrMismatch)
	case !maps.EqualFunc(d.sessions, o.sessions, sameSession):
		return fmt.Errorf("learners: merge: detail accumulators over different program sessions: %w", learnstats.ErrMismatch)
	}
	spent, ok1 := checked.AddDuration(d.spent, o.spent)
	later, ok2 := checked.AddInt(d.later, o.later)
	if !ok1 || !ok2 {
		return fmt.Errorf("learners: merge: the details of user %q: time spent or counts add up beyond an int64: %w", d.user, learnstats.ErrOverflow)
	}
	d.spent, d.later = spent, later
	d.attempts = append(d.attempts, o.attempts...)
	d.answers = append(d.answers, o.answers...)
	for sid, p := range o.progress {
		if q, ok := d.progress[sid]; !ok || better(p, q) {
			d.progress[sid] = p
		}
	}
	return nil
}

// sameSession reports whether two catalog entries are the same session:
// instants count as instants (their location does not).
func sameSession(a, b Session) bool {
	return a.ID == b.ID && a.Name == b.Name && a.CreatedAt.Equal(b.CreatedAt) && a.End.Equal(b.End)
}

// Result returns the learner's drill-down tables from the records added
// so far (L-8, L-9). A program appears when the learner has a progress
// record or an attempt in one of its sessions. The detail does not share
// memory with the accumulator; a zero DetailAccumulator gives an empty
// detail.
func (d *DetailAccumulator) Result() *Detail {
	if d == nil || d.sessions == nil {
		return &Detail{}
	}
	out := &Detail{User: d.user, Later: d.later}
	attempts := make([]*attempt, len(d.attempts))
	for i := range d.attempts {
		attempts[i] = &d.attempts[i]
	}
	// Most recent first: latest start, then higher ID, then the rest of the
	// record so that equal keys never depend on input order.
	slices.SortFunc(attempts, func(x, y *attempt) int {
		return cmp.Or(y.start.Compare(x.start), learnstats.CompareIDs(y.id, x.id), cmp.Compare(y.spent, x.spent),
			cmp.Compare(x.step, y.step), cmp.Compare(x.session, y.session), y.at.Compare(x.at), cmp.Compare(y.progress, x.progress),
			cmpBool(y.scored, x.scored), cmp.Compare(y.score, x.score), cmp.Compare(x.language, y.language))
	})
	out.Courses = courses(d.user, attempts)
	out.Programs = d.programs(attempts)
	out.Questions = questions(d.answers)
	return out
}

// courses is L-8's courses table over attempts, most recent first.
func courses(id learnstats.UserID, attempts []*attempt) []CourseRow {
	byCourse := map[learnstats.StepID]*CourseRow{}
	for _, at := range attempts {
		c := byCourse[at.step]
		if c == nil {
			c = &CourseRow{Course: at.step}
			byCourse[at.step] = c
		}
		c.TimeSpent += at.spent // bounded by the learner's total, checked at Add
		c.Progress = max(c.Progress, at.progress)
		if at.scored && !c.Scored { // the first scored is the most recent
			c.Score, c.Scored = at.score, true
		}
		if at.at.After(c.LastActivity) {
			c.LastActivity = at.at
		}
		c.Attempts = append(c.Attempts, learnstats.Attempt{ID: at.id, Learner: id, Step: at.step, Session: at.session,
			Start: at.start, LastActivity: at.at, TimeSpent: at.spent, Progress: at.progress, Score: at.score, Scored: at.scored, Language: at.language})
	}
	out := make([]CourseRow, 0, len(byCourse))
	for _, c := range byCourse {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y CourseRow) int {
		return cmp.Or(y.LastActivity.Compare(x.LastActivity), cmp.Compare(x.Course, y.Course))
	})
	return out
}

// programs is L-8's programs table over the counted attempts and the
// best progress record of each session; every session is in the catalog
// (checked at Add).
func (d *DetailAccumulator) programs(attempts []*attempt) []ProgramRow {
	type prog struct {
		row    ProgramRow
		latest map[learnstats.StepID]*attempt
	}
	bySession := map[learnstats.SessionID]*prog{}
	session := func(sid learnstats.SessionID) *prog {
		p, ok := bySession[sid]
		if !ok {
			p = &prog{row: ProgramRow{Session: d.sessions[sid]}, latest: map[learnstats.StepID]*attempt{}}
			bySession[sid] = p
		}
		return p
	}
	for _, at := range attempts {
		if at.session == "" {
			continue
		}
		p := session(at.session)
		if q := p.latest[at.step]; q == nil || at.newer(q) {
			p.latest[at.step] = at // Rule L-2 inside the session.
		}
		if at.at.After(p.row.LastActivity) {
			p.row.LastActivity = at.at
		}
	}
	for sid, pr := range d.progress {
		p := session(sid)
		p.row.Progress, p.row.Score, p.row.Scored = pr.Percent, pr.Score, pr.Scored
	}
	out := make([]ProgramRow, 0, len(bySession))
	for _, p := range bySession {
		for _, at := range p.latest {
			p.row.TimeSpent += at.spent // bounded by the learner's total, checked at Add
		}
		out = append(out, p.row)
	}
	slices.SortFunc(out, func(x, y ProgramRow) int {
		return cmp.Or(x.Session.CreatedAt.Compare(y.Session.CreatedAt), cmp.Compare(x.Session.ID, y.Session.ID))
	})
	return out
}

// newer reports whether at is more recent than q, as [pick.newer] (Rule
// L-2).
func (at *attempt) newer(q *attempt) bool {
	return pickOf(at.start, at.id, at.spent).newer(pickOf(q.start, q.id, q.spent))
}

// better reports whether progress record p beats q for one session: the
// highest percent, then a scored one, then the highest score.
func better(p, q Progress) bool {
	if p.Percent != q.Percent {
		return p.Percent > q.Percent
	}
	if p.Scored != q.Scored {
		return p.Scored
	}
	return p.Score > q.Score
}

// questions is L-9's answered-questions table over the counted answers.
func questions(all []learnstats.QuestionAnswer) []QuestionRow {
	answers := slices.Clone(all)
	slices.SortFunc(answers, func(x, y learnstats.QuestionAnswer) int {
		return cmp.Or(y.At.Compare(x.At), learnstats.CompareIDs(y.ID, x.ID), cmp.Compare(y.Score, x.Score), cmp.Compare(x.Question, y.Question))
	})
	byQuestion := map[learnstats.QuestionID]*QuestionRow{}
	for _, q := range answers {
		r := byQuestion[q.Question]
		if r == nil {
			// Answers are latest first: the first seen is the latest (L-9).
			r = &QuestionRow{Question: q.Question, Score: int(percentOf(int64(q.Score), 1).Int()), LastActivity: q.At}
			byQuestion[q.Question] = r
		}
		r.Answers = append(r.Answers, q)
	}
	out := make([]QuestionRow, 0, len(byQuestion))
	for _, r := range byQuestion {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(x, y QuestionRow) int {
		return cmp.Or(y.LastActivity.Compare(x.LastActivity), cmp.Compare(x.Question, y.Question))
	})
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
