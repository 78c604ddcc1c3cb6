package demo

import (
	"fmt"
	"io/fs"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// Learning holds the learner statistics, collaboration and registration
// records (files learning_*.csv, FORMAT-learning.md): rules L-1 … L-9 and
// R-1 … R-6.
type Learning struct {
	// Owner is the platform owner: API-created accounts show their email
	// as "Invited by".
	Owner learnstats.UserID
	// Sessions is the program sessions catalog, by ID.
	Sessions      map[string]stats.ProgramSession
	Attempts      []stats.CourseAttempt
	Assessments   []stats.AssessmentAttempt
	Answers       []stats.QuestionAnswer
	Progress      []stats.LearnerProgress
	Assignments   []stats.Assignment
	Attendance    []stats.ClassroomAttendance
	Posts         []stats.Post
	Reactions     []stats.Reaction
	Registrations []stats.Registration
}

type learningSessionRow struct {
	ID        string `csv:"id"`
	Name      string `csv:"name"`
	CreatedAt string `csv:"created_at"`
	End       string `csv:"end"`
}

type learningAttemptRow struct {
	ID           int64  `csv:"id"`
	UserID       string `csv:"user_id"`
	Course       string `csv:"course"`
	Session      string `csv:"session"`
	Start        string `csv:"start"`
	DurationSecs int64  `csv:"duration_seconds"`
	LastActivity string `csv:"last_activity"`
	Progress     int    `csv:"progress"`
	Score        string `csv:"score"`
	Language     string `csv:"language"`
}

type learningAssessmentRow struct {
	ID         int64  `csv:"id"`
	UserID     string `csv:"user_id"`
	Assessment string `csv:"assessment"`
	At         string `csv:"at"`
	Score      string `csv:"score"`
}

type learningAnswerRow struct {
	ID       int64  `csv:"id"`
	UserID   string `csv:"user_id"`
	Question string `csv:"question"`
	At       string `csv:"at"`
	Score    int    `csv:"score"`
}

type learningProgressRow struct {
	UserID  string `csv:"user_id"`
	Kind    string `csv:"kind"`
	Item    string `csv:"item"`
	Percent int    `csv:"percent"`
	Score   string `csv:"score"`
}

type learningAssignmentRow struct {
	Kind    string `csv:"kind"`
	Item    string `csv:"item"`
	UserID  string `csv:"user_id"`
	GroupID string `csv:"group_id"`
}

type learningAttendanceRow struct {
	UserID    string `csv:"user_id"`
	Classroom string `csv:"classroom"`
	Attended  bool   `csv:"attended"`
}

type learningPostRow struct {
	ID        int64  `csv:"id"`
	UserID    string `csv:"user_id"`
	Place     string `csv:"place"`
	Reply     bool   `csv:"reply"`
	Published bool   `csv:"published"`
	At        string `csv:"at"`
}

type learningReactionRow struct {
	ID     int64  `csv:"id"`
	UserID string `csv:"user_id"`
	Kind   string `csv:"kind"`
	At     string `csv:"at"`
}

type learningRegistrationRow struct {
	UserID       string `csv:"user_id"`
	Method       string `csv:"method"`
	InvitedBy    string `csv:"invited_by"`
	ReinvitedAt  string `csv:"reinvited_at"`
	AutoDeletion string `csv:"auto_deletion"`
}

type learningPlatformRow struct {
	OwnerID string `csv:"owner_id"`
}

// learningScore parses an optional percent score: empty is "not scored".
func learningScore(s string) (int, bool, error) {
	if s == "" {
		return 0, false, nil
	}
	v, err := strconv.Atoi(s)
	return v, err == nil, err
}

// learningLoader reads one learning file, checking user and group
// references and each record's own invariants with the row's position.
type learningLoader struct {
	fsys fs.FS
	ds   *Dataset
	err  error
}

func (l *learningLoader) user(file string, row, col int, id string) {
	if _, err := l.ds.UserCell(file, row, col, id); err != nil && l.err == nil {
		l.err = err
	}
}

func (l *learningLoader) time(file string, row, col int, s string) time.Time {
	t, err := TimeCell(file, row, col, s, false)
	if err != nil && l.err == nil {
		l.err = err
	}
	return t
}

func (l *learningLoader) check(file string, row int, err error) {
	if err != nil && l.err == nil {
		l.err = Errorf(file, row, 0, "%w", err)
	}
}

func loadLearning(fsys fs.FS, ds *Dataset) (*Learning, error) {
	lg := &Learning{Sessions: map[string]stats.ProgramSession{}}
	l := &learningLoader{fsys: fsys, ds: ds}

	platform, err := ReadCSV[learningPlatformRow](fsys, "learning_platform.csv")
	if err != nil {
		return nil, err
	}
	if len(platform) != 1 {
		return nil, Errorf("learning_platform.csv", 0, 0, "want one row, got %d", len(platform))
	}
	l.user("learning_platform.csv", 0, 1, platform[0].OwnerID)
	lg.Owner = learnstats.UserID(platform[0].OwnerID)

	const fSessions = "learning_sessions.csv"
	sessions, err := ReadCSV[learningSessionRow](fsys, fSessions)
	if err != nil {
		return nil, err
	}
	for i, r := range sessions {
		if _, dup := lg.Sessions[r.ID]; dup || r.ID == "" {
			return nil, Errorf(fSessions, i, 1, "empty or duplicate session %q", r.ID)
		}
		lg.Sessions[r.ID] = stats.ProgramSession{ID: r.ID, Name: r.Name,
			CreatedAt: l.time(fSessions, i, 3, r.CreatedAt), End: l.time(fSessions, i, 4, r.End)}
	}
	session := func(file string, i, col int, id string) {
		if _, ok := lg.Sessions[id]; !ok && id != "" && l.err == nil {
			l.err = Errorf(file, i, col, "unknown program session %q", id)
		}
	}

	const fAttempts = "learning_course_attempts.csv"
	attempts, err := ReadCSV[learningAttemptRow](fsys, fAttempts)
	if err != nil {
		return nil, err
	}
	for i, r := range attempts {
		l.user(fAttempts, i, 2, r.UserID)
		session(fAttempts, i, 4, r.Session)
		score, scored, serr := learningScore(r.Score)
		if serr != nil && l.err == nil {
			l.err = Errorf(fAttempts, i, 9, "score: %w", serr)
		}
		a := stats.CourseAttempt{ID: r.ID, User: learnstats.UserID(r.UserID), Course: r.Course, Session: r.Session,
			Start: l.time(fAttempts, i, 5, r.Start), Duration: time.Duration(r.DurationSecs) * time.Second,
			LastActivity: l.time(fAttempts, i, 7, r.LastActivity), Progress: r.Progress, Score: score, Scored: scored, Language: r.Language}
		l.check(fAttempts, i, a.Validate())
		lg.Attempts = append(lg.Attempts, a)
	}

	const fAssess = "learning_assessments.csv"
	assess, err := ReadCSV[learningAssessmentRow](fsys, fAssess)
	if err != nil {
		return nil, err
	}
	for i, r := range assess {
		l.user(fAssess, i, 2, r.UserID)
		score, scored, serr := learningScore(r.Score)
		if serr != nil && l.err == nil {
			l.err = Errorf(fAssess, i, 5, "score: %w", serr)
		}
		a := stats.AssessmentAttempt{ID: r.ID, User: learnstats.UserID(r.UserID), Assessment: r.Assessment,
			At: l.time(fAssess, i, 4, r.At), Score: score, Scored: scored}
		l.check(fAssess, i, a.Validate())
		lg.Assessments = append(lg.Assessments, a)
	}

	const fAnswers = "learning_answers.csv"
	answers, err := ReadCSV[learningAnswerRow](fsys, fAnswers)
	if err != nil {
		return nil, err
	}
	for i, r := range answers {
		l.user(fAnswers, i, 2, r.UserID)
		q := stats.QuestionAnswer{ID: r.ID, User: learnstats.UserID(r.UserID), Question: r.Question, At: l.time(fAnswers, i, 4, r.At), Score: r.Score}
		l.check(fAnswers, i, q.Validate())
		lg.Answers = append(lg.Answers, q)
	}

	const fProgress = "learning_progress.csv"
	progress, err := ReadCSV[learningProgressRow](fsys, fProgress)
	if err != nil {
		return nil, err
	}
	for i, r := range progress {
		l.user(fProgress, i, 1, r.UserID)
		if r.Kind == string(stats.LearnerProgram) {
			session(fProgress, i, 3, r.Item)
		}
		score, scored, serr := learningScore(r.Score)
		if serr != nil && l.err == nil {
			l.err = Errorf(fProgress, i, 5, "score: %w", serr)
		}
		p := stats.LearnerProgress{User: learnstats.UserID(r.UserID), Kind: stats.LearnerItemKind(r.Kind), Item: r.Item,
			Percent: r.Percent, Score: score, Scored: scored}
		l.check(fProgress, i, p.Validate())
		lg.Progress = append(lg.Progress, p)
	}

	const fAssign = "learning_assignments.csv"
	assign, err := ReadCSV[learningAssignmentRow](fsys, fAssign)
	if err != nil {
		return nil, err
	}
	groups := map[learnstats.GroupID]bool{}
	for _, g := range ds.Groups {
		groups[g.ID] = true
	}
	for i, r := range assign {
		if r.UserID != "" {
			l.user(fAssign, i, 3, r.UserID)
		}
		if r.GroupID != "" && !groups[learnstats.GroupID(r.GroupID)] && l.err == nil {
			l.err = Errorf(fAssign, i, 4, "unknown group %q", r.GroupID)
		}
		a := stats.Assignment{Kind: stats.LearnerItemKind(r.Kind), Item: r.Item, User: learnstats.UserID(r.UserID), Group: learnstats.GroupID(r.GroupID)}
		l.check(fAssign, i, a.Validate())
		lg.Assignments = append(lg.Assignments, a)
	}

	const fAttend = "learning_attendance.csv"
	attend, err := ReadCSV[learningAttendanceRow](fsys, fAttend)
	if err != nil {
		return nil, err
	}
	for i, r := range attend {
		l.user(fAttend, i, 1, r.UserID)
		c := stats.ClassroomAttendance{User: learnstats.UserID(r.UserID), Classroom: r.Classroom, Attended: r.Attended}
		l.check(fAttend, i, c.Validate())
		lg.Attendance = append(lg.Attendance, c)
	}

	const fPosts = "learning_posts.csv"
	posts, err := ReadCSV[learningPostRow](fsys, fPosts)
	if err != nil {
		return nil, err
	}
	for i, r := range posts {
		l.user(fPosts, i, 2, r.UserID)
		p := stats.Post{ID: r.ID, User: learnstats.UserID(r.UserID), Place: stats.PostPlace(r.Place), Reply: r.Reply,
			Published: r.Published, At: l.time(fPosts, i, 6, r.At)}
		l.check(fPosts, i, p.Validate())
		lg.Posts = append(lg.Posts, p)
	}

	const fReact = "learning_reactions.csv"
	reacts, err := ReadCSV[learningReactionRow](fsys, fReact)
	if err != nil {
		return nil, err
	}
	for i, r := range reacts {
		l.user(fReact, i, 2, r.UserID)
		x := stats.Reaction{ID: r.ID, User: learnstats.UserID(r.UserID), Kind: stats.ReactionKind(r.Kind), At: l.time(fReact, i, 4, r.At)}
		l.check(fReact, i, x.Validate())
		lg.Reactions = append(lg.Reactions, x)
	}

	const fRegs = "learning_registrations.csv"
	regs, err := ReadCSV[learningRegistrationRow](fsys, fRegs)
	if err != nil {
		return nil, err
	}
	for i, r := range regs {
		l.user(fRegs, i, 1, r.UserID)
		if r.InvitedBy != "" {
			l.user(fRegs, i, 3, r.InvitedBy)
		}
		lg.Registrations = append(lg.Registrations, stats.Registration{User: learnstats.UserID(r.UserID),
			Method: stats.RegistrationMethod(r.Method), InvitedBy: learnstats.UserID(r.InvitedBy),
			ReinvitedAt: l.time(fRegs, i, 4, r.ReinvitedAt), AutoDeletion: l.time(fRegs, i, 5, r.AutoDeletion)})
	}
	if l.err != nil {
		return nil, fmt.Errorf("learning: %w", l.err)
	}
	return lg, nil
}
