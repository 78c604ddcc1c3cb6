package stats

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Learner detail tables (360Learning), rules L-8 and L-9.
//
// Rule L-8 (courses, programs tables): Courses: Name, Progress, Score,
// Attempts, Time spent, Last activity, ordered by last activity (newest
// first). Programs: Name, Progress, Score, Time spent, End, Last
// activity, ordered by session creation date. Attempt detail: Score,
// Date, Time, Language, Program.
//
// Rule L-9 (answered questions): per question: Question, Score (of the
// latest answer), Answer count, Last activity; ordered by last activity
// (newest first); the drill-down lists every answer's Score and Date.

// QuestionAnswer is one answer of a learner to a question (L-9).
type QuestionAnswer struct {
	// ID identifies the answer; of two answers to a question at the same
	// time, the higher ID is the later one (L-9).
	ID int64
	// User is the learner; it must not be empty.
	User learnstats.UserID
	// Question identifies the question; it must not be empty. It is the
	// Question column of the L-9 table.
	Question string
	// At is when the answer was given; it must not be zero.
	At time.Time
	// Score is percent 0–100.
	Score int
}

// Validate returns an error wrapping [ErrInvalidLearnerRecord] naming the
// answer when it breaks an invariant.
func (q QuestionAnswer) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("stats: answer %d of user %q: %w: %s", q.ID, q.User, ErrInvalidLearnerRecord, msg)
	}
	switch {
	case q.User == "":
		return bad("empty user")
	case q.Question == "":
		return bad("empty question")
	case q.At.IsZero():
		return bad("zero time")
	case q.Score < 0 || q.Score > 100:
		return bad(fmt.Sprintf("score %d outside 0–100", q.Score))
	}
	return nil
}

// ProgramSession is a session of a program, the unit of program
// assignment and of the programs table (L-8).
type ProgramSession struct {
	// ID identifies the session: a course attempt's Session and a program
	// [LearnerProgress]'s Item name it.
	ID string
	// Name is the Name column of the programs table (L-8).
	Name string
	// CreatedAt is when the session was created: the programs table is
	// ordered by it, oldest first (L-8). The zero time sorts first.
	CreatedAt time.Time
	// End is the session's end (zero: none).
	End time.Time
}

// LearnerDetailAcc accumulates one learner's drill-down tables (L-8,
// L-9). It keeps every attempt and answer (a drill-down lists them), so
// it is meant for one user at a time. The zero LearnerDetailAcc is empty
// and takes the user of its first record; a record of another user is an
// error wrapping [ErrLearnerMerge]. Merge is associative and commutative.
type LearnerDetailAcc struct {
	user     learnstats.UserID
	attempts []CourseAttempt
	progress map[string]LearnerProgress // program sessions only
	answers  []QuestionAnswer
}

func (a *LearnerDetailAcc) own(id learnstats.UserID) error {
	if a.user == "" {
		a.user = id
		return nil
	}
	if a.user != id {
		return fmt.Errorf("%w: detail of user %q given a record of user %q", ErrLearnerMerge, a.user, id)
	}
	return nil
}

// AddAttempt adds a course attempt.
func (a *LearnerDetailAcc) AddAttempt(at CourseAttempt) error {
	if err := at.Validate(); err != nil {
		return err
	}
	if err := a.own(at.User); err != nil {
		return err
	}
	a.attempts = append(a.attempts, at)
	return nil
}

// AddProgress adds a program-session progress record (path records are
// ignored: paths have no table here). For one session the record with the
// highest progress, then the highest score, is kept.
func (a *LearnerDetailAcc) AddProgress(p LearnerProgress) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := a.own(p.User); err != nil {
		return err
	}
	if p.Kind != LearnerProgram {
		return nil
	}
	if a.progress == nil {
		a.progress = make(map[string]LearnerProgress)
	}
	if q, ok := a.progress[p.Item]; !ok || progressBetter(p, q) {
		a.progress[p.Item] = p
	}
	return nil
}

func progressBetter(p, q LearnerProgress) bool {
	if p.Percent != q.Percent {
		return p.Percent > q.Percent
	}
	if p.Scored != q.Scored {
		return p.Scored
	}
	return p.Score > q.Score
}

// AddAnswer adds an answer to a question (L-9).
func (a *LearnerDetailAcc) AddAnswer(q QuestionAnswer) error {
	if err := q.Validate(); err != nil {
		return err
	}
	if err := a.own(q.User); err != nil {
		return err
	}
	a.answers = append(a.answers, q)
	return nil
}

// Merge adds b's records to a; accumulators of two different users do
// not merge (an error wrapping [ErrLearnerMerge]).
func (a *LearnerDetailAcc) Merge(b *LearnerDetailAcc) error {
	if b == nil || b.user == "" {
		return nil
	}
	if err := a.own(b.user); err != nil {
		return err
	}
	a.attempts = append(a.attempts, b.attempts...)
	a.answers = append(a.answers, b.answers...)
	for _, p := range b.progress {
		if a.progress == nil {
			a.progress = make(map[string]LearnerProgress)
		}
		if q, ok := a.progress[p.Item]; !ok || progressBetter(p, q) {
			a.progress[p.Item] = p
		}
	}
	return nil
}

// LearnerAttemptRow is one line of the attempt detail (L-8).
type LearnerAttemptRow struct {
	// ID is the attempt's ID.
	ID int64
	// Score is percent, meaningful only when Scored.
	Score int
	// Scored reports whether the attempt has a score; false leaves the
	// Score cell empty.
	Scored bool
	// Date is the attempt's start (the Date column).
	Date time.Time
	// Time is the attempt's duration (the Time column), ≥ 0.
	Time time.Duration
	// Language is the language the attempt was played in, as recorded;
	// empty when unknown.
	Language string
	// Program is the program session ID, empty outside a session.
	Program string
}

// LearnerCourseRow is one line of the courses table (L-8).
type LearnerCourseRow struct {
	// Course is the course's ID.
	Course string
	// Progress is the highest progress reached over the attempts, percent.
	Progress int
	// Score is the score of the most recent scored attempt (latest start,
	// tie: higher ID); meaningful only when Scored.
	Score int
	// Scored reports whether any attempt at the course has a score; false
	// leaves the Score cell empty.
	Scored bool
	// Attempts is the number of attempts.
	Attempts int
	// TimeSpent is the sum of the attempts' durations (as L-1).
	TimeSpent time.Duration
	// LastActivity is the latest activity time over the attempts (L-3).
	LastActivity time.Time
	// Detail lists the attempts, most recent first (latest start, then
	// higher ID).
	Detail []LearnerAttemptRow
}

// LearnerProgramRow is one line of the programs table (L-8).
type LearnerProgramRow struct {
	// Session is the program session, from the catalog given to Result
	// (its Name, End and creation date).
	Session ProgramSession
	// Progress is the completion in percent 0–100 from the session's
	// progress record (the best one, see [LearnerDetailAcc.AddProgress]);
	// 0 when there is none.
	Progress int
	// Score is that record's score in percent 0–100, meaningful only when
	// Scored.
	Score int
	// Scored reports whether that record has a score; false when there is
	// no record or it has no score.
	Scored bool
	// TimeSpent follows L-2 inside the session: per course, only the most
	// recent attempt counts.
	TimeSpent time.Duration
	// LastActivity is the latest activity of the session's attempts (zero
	// when none).
	LastActivity time.Time
}

// LearnerAnswerRow is one answer in the L-9 drill-down.
type LearnerAnswerRow struct {
	// ID is the answer's ID.
	ID int64
	// Score is the answer's score in percent 0–100.
	Score int
	// Date is when the answer was given.
	Date time.Time
}

// LearnerQuestionRow is one line of the answered-questions table (L-9).
type LearnerQuestionRow struct {
	// Question is the question's ID.
	Question string
	// Score is the score of the latest answer (latest time, tie: higher
	// ID), in percent 0–100.
	Score int
	// AnswerCount is the number of answers to the question, every answer
	// counted (at least 1).
	AnswerCount int
	// LastActivity is the time of the latest answer.
	LastActivity time.Time
	// Answers lists every answer, latest first (tie: higher ID first).
	Answers []LearnerAnswerRow
}

// LearnerDetail holds one learner's three tables.
type LearnerDetail struct {
	// User is the learner the tables are about: the user of the first
	// record added; empty when the accumulator got no record.
	User learnstats.UserID
	// Courses is ordered by last activity, newest first, ties by course
	// ID (L-8).
	Courses []LearnerCourseRow
	// Programs is ordered by session creation date, oldest first (the
	// SPEC gives no direction; creation order reads as a timeline), ties
	// by session ID (L-8).
	Programs []LearnerProgramRow
	// Questions is ordered by last activity, newest first, ties by
	// question ID (L-9).
	Questions []LearnerQuestionRow
}

// Result builds the tables. sessions is the catalog of program sessions;
// an attempt or progress record naming a session missing from it is an
// error wrapping [ErrInvalidLearnerRecord]. A program appears when the
// learner has a progress record or an attempt in one of its sessions. A
// course's or a program's time spent that does not fit a [time.Duration]
// is an error wrapping [learnstats.ErrOverflow] naming it.
func (a *LearnerDetailAcc) Result(sessions map[string]ProgramSession) (LearnerDetail, error) {
	d := LearnerDetail{User: a.user}
	attempts := slices.Clone(a.attempts)
	// Most recent first: latest start, then higher ID, then the rest of
	// the record so that equal keys never depend on input order.
	slices.SortFunc(attempts, func(x, y CourseAttempt) int {
		return cmp.Or(y.Start.Compare(x.Start), cmp.Compare(y.ID, x.ID),
			cmp.Compare(y.Duration, x.Duration), cmp.Compare(x.Course, y.Course), cmp.Compare(x.Session, y.Session),
			y.LastActivity.Compare(x.LastActivity), cmp.Compare(y.Progress, x.Progress), learnerCmpBool(y.Scored, x.Scored),
			cmp.Compare(y.Score, x.Score), cmp.Compare(x.Language, y.Language))
	})
	byCourse := map[string]*LearnerCourseRow{}
	type prog struct {
		row    LearnerProgramRow
		latest map[string]learnerPick
	}
	bySession := map[string]*prog{}
	session := func(id string) (*prog, error) {
		if p, ok := bySession[id]; ok {
			return p, nil
		}
		s, ok := sessions[id]
		if !ok {
			return nil, fmt.Errorf("stats: program session %q of user %q: %w: not in the catalog", id, a.user, ErrInvalidLearnerRecord)
		}
		p := &prog{row: LearnerProgramRow{Session: s}, latest: map[string]learnerPick{}}
		bySession[id] = p
		return p, nil
	}
	for _, at := range attempts {
		c := byCourse[at.Course]
		if c == nil {
			c = &LearnerCourseRow{Course: at.Course}
			byCourse[at.Course] = c
		}
		c.Attempts++
		t, ok := sum(c.TimeSpent, at.Duration) // Rule L-8, as L-1: checked.
		if !ok {
			return LearnerDetail{}, errOverflow("course %q of user %q: time spent", at.Course, a.user)
		}
		c.TimeSpent = t
		c.Progress = max(c.Progress, at.Progress)
		if at.Scored && !c.Scored { // attempts are most recent first
			c.Score, c.Scored = at.Score, true
		}
		if t := at.ActivityAt(); t.After(c.LastActivity) {
			c.LastActivity = t
		}
		c.Detail = append(c.Detail, LearnerAttemptRow{ID: at.ID, Score: at.Score, Scored: at.Scored,
			Date: at.Start, Time: at.Duration, Language: at.Language, Program: at.Session})
		if at.Session != "" {
			p, err := session(at.Session)
			if err != nil {
				return LearnerDetail{}, err
			}
			pk := learnerPick{start: at.Start, id: at.ID, duration: at.Duration}
			if q, ok := p.latest[at.Course]; !ok || pk.newer(q) {
				p.latest[at.Course] = pk // Rule L-2 inside the session.
			}
			if t := at.ActivityAt(); t.After(p.row.LastActivity) {
				p.row.LastActivity = t
			}
		}
	}
	for id, pr := range a.progress {
		p, err := session(id)
		if err != nil {
			return LearnerDetail{}, err
		}
		p.row.Progress, p.row.Score, p.row.Scored = pr.Percent, pr.Score, pr.Scored
	}
	for _, c := range byCourse {
		d.Courses = append(d.Courses, *c)
	}
	slices.SortFunc(d.Courses, func(x, y LearnerCourseRow) int {
		return cmp.Or(y.LastActivity.Compare(x.LastActivity), cmp.Compare(x.Course, y.Course))
	})
	for id, p := range bySession {
		for _, pk := range p.latest {
			t, ok := sum(p.row.TimeSpent, pk.duration) // Rule L-2 inside the session: checked.
			if !ok {
				return LearnerDetail{}, errOverflow("program session %q of user %q: time spent", id, a.user)
			}
			p.row.TimeSpent = t
		}
		d.Programs = append(d.Programs, p.row)
	}
	slices.SortFunc(d.Programs, func(x, y LearnerProgramRow) int {
		return cmp.Or(x.Session.CreatedAt.Compare(y.Session.CreatedAt), cmp.Compare(x.Session.ID, y.Session.ID))
	})

	answers := slices.Clone(a.answers)
	slices.SortFunc(answers, func(x, y QuestionAnswer) int {
		return cmp.Or(y.At.Compare(x.At), cmp.Compare(y.ID, x.ID), cmp.Compare(y.Score, x.Score), cmp.Compare(x.Question, y.Question))
	})
	byQuestion := map[string]*LearnerQuestionRow{}
	for _, q := range answers {
		r := byQuestion[q.Question]
		if r == nil {
			// Answers are latest first: the first seen is the latest (L-9).
			r = &LearnerQuestionRow{Question: q.Question, Score: q.Score, LastActivity: q.At}
			byQuestion[q.Question] = r
		}
		r.AnswerCount++
		r.Answers = append(r.Answers, LearnerAnswerRow{ID: q.ID, Score: q.Score, Date: q.At})
	}
	for _, r := range byQuestion {
		d.Questions = append(d.Questions, *r)
	}
	slices.SortFunc(d.Questions, func(x, y LearnerQuestionRow) int {
		return cmp.Or(y.LastActivity.Compare(x.LastActivity), cmp.Compare(x.Question, y.Question))
	})
	return d, nil
}

func learnerCmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
