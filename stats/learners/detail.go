package learners

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Detail holds one learner's drill-down tables (L-8, L-9), as of an
// instant.
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

// Detail returns the drill-down tables of learner id as of asOf (L-8,
// L-9): attempts whose activity time, and answers whose time, is at or
// after asOf are left out and counted; the zero asOf means no cut-off. A
// program appears when the learner has a progress record or an attempt in
// one of its sessions.
//
// A learner the directory does not know, or whom the scope does not see,
// is an error wrapping [ErrUnknownUser] (a viewer learns nothing of users
// outside their scope); an attempt or progress record naming a program
// session missing from the catalog of [Options] one wrapping
// [ErrInvalidRecord]. The detail does not share memory with the
// accumulator.
func (a *Accumulator) Detail(asOf time.Time, id learnstats.UserID) (*Detail, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	if _, ok := a.def.dir.User(id); !ok || !a.def.visible(id) {
		return nil, fmt.Errorf("learners: detail of user %q: not a user the viewer sees: %w", id, ErrUnknownUser)
	}
	d := &Detail{User: id}
	s := a.users[id]
	if s == nil {
		return d, nil
	}
	var attempts []*attempt
	for i := range s.attempts {
		if at := &s.attempts[i]; at.counts(asOf) {
			attempts = append(attempts, at)
		} else {
			d.Later++
		}
	}
	// Most recent first: latest start, then higher ID, then the rest of the
	// record so that equal keys never depend on input order.
	slices.SortFunc(attempts, func(x, y *attempt) int {
		return cmp.Or(y.start.Compare(x.start), learnstats.CompareIDs(y.id, x.id), cmp.Compare(y.spent, x.spent),
			cmp.Compare(x.step, y.step), cmp.Compare(x.session, y.session), y.at.Compare(x.at), cmp.Compare(y.progress, x.progress),
			cmpBool(y.scored, x.scored), cmp.Compare(y.score, x.score), cmp.Compare(x.language, y.language))
	})
	d.Courses = courses(id, attempts)
	var err error
	if d.Programs, err = a.programs(id, attempts, s.progress); err != nil {
		return nil, err
	}
	d.Questions = questions(s.answers, asOf, &d.Later)
	return d, nil
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

// programs is L-8's programs table.
func (a *Accumulator) programs(id learnstats.UserID, attempts []*attempt, progress []Progress) ([]ProgramRow, error) {
	type prog struct {
		row    ProgramRow
		latest map[learnstats.StepID]*attempt
	}
	bySession := map[learnstats.SessionID]*prog{}
	session := func(sid learnstats.SessionID) (*prog, error) {
		if p, ok := bySession[sid]; ok {
			return p, nil
		}
		s, ok := a.def.sessions[sid]
		if !ok {
			return nil, fmt.Errorf("learners: detail of user %q: program session %q is not in the catalog (Options.Sessions): %w", id, sid, ErrInvalidRecord)
		}
		p := &prog{row: ProgramRow{Session: s}, latest: map[learnstats.StepID]*attempt{}}
		bySession[sid] = p
		return p, nil
	}
	for _, at := range attempts {
		if at.session == "" {
			continue
		}
		p, err := session(at.session)
		if err != nil {
			return nil, err
		}
		if q := p.latest[at.step]; q == nil || at.newer(q) {
			p.latest[at.step] = at // Rule L-2 inside the session.
		}
		if at.at.After(p.row.LastActivity) {
			p.row.LastActivity = at.at
		}
	}
	best := map[learnstats.SessionID]Progress{}
	for _, pr := range progress {
		if pr.Session == "" {
			continue // paths have no table here
		}
		if q, ok := best[pr.Session]; !ok || better(pr, q) {
			best[pr.Session] = pr
		}
	}
	for _, sid := range slices.Sorted(maps.Keys(best)) { // errors name the same session whatever the order
		p, err := session(sid)
		if err != nil {
			return nil, err
		}
		pr := best[sid]
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
	return out, nil
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

// questions is L-9's answered-questions table over the answers before
// asOf; later counts the others.
func questions(all []learnstats.QuestionAnswer, asOf time.Time, later *int) []QuestionRow {
	var answers []learnstats.QuestionAnswer
	for _, q := range all {
		if counted(q.At, asOf) {
			answers = append(answers, q)
		} else {
			*later++
		}
	}
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
