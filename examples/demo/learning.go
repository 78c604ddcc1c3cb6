package demo

import (
	"io/fs"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/learners"
)

// Learning is the learner statistics area (files learning_*.csv,
// FORMAT-learning.md) in the input types of package stats/learners (rules
// L-1 … L-9, R-1 … R-6): the shared records of the root package (course
// attempts, assessment scores, answers, posts, reactions) and the records
// only those rules read.
type Learning struct {
	// Options holds the platform's groups, its owner and the program
	// sessions catalog (L-8): the definition of the statistics besides the
	// directory and the viewer's scope.
	Options       learners.Options
	Attempts      []learnstats.Attempt
	Assessments   []learnstats.AssessmentScore
	Answers       []learnstats.QuestionAnswer
	Progress      []learners.Progress
	Assignments   []learners.Assignment
	Attendance    []learners.Attendance
	Posts         []learnstats.Post
	Reactions     []learnstats.Reaction
	Registrations []learners.Registration
}

// Records returns the records as learners.StatsOf reads them.
func (lg *Learning) Records() learners.Records {
	return learners.Records{
		Attempts: slices.Values(lg.Attempts), Assessments: slices.Values(lg.Assessments),
		Progress: slices.Values(lg.Progress), Attendance: slices.Values(lg.Attendance),
		Assignments: slices.Values(lg.Assignments), Posts: slices.Values(lg.Posts),
		Reactions: slices.Values(lg.Reactions), Registrations: slices.Values(lg.Registrations),
	}
}

// learningLoader reads the learning files. Package learners checks its
// records as they are added to an accumulator (its own record types have
// no Validate), so the loader adds each record to one, the platform
// owner's, as it reads it: the library's error is then reported at the
// record's line.
type learningLoader struct {
	ds    *Dataset
	out   *Learning
	check *learners.Accumulator
}

func loadLearning(fsys fs.FS, ds *Dataset) (*Learning, error) {
	l := &learningLoader{ds: ds, out: &Learning{Options: learners.Options{Groups: ds.Groups}}}
	for _, load := range []func(fs.FS) error{
		l.platform, l.sessions, l.attempts, l.assessments, l.answers, l.progress,
		l.assignments, l.attendance, l.posts, l.reactions, l.registrations,
	} {
		if err := load(fsys); err != nil {
			return nil, err
		}
	}
	return l.out, nil
}

func (l *learningLoader) platform(fsys fs.FS) error {
	rows := Open(fsys, "learning_platform.csv", Schema{Required: []string{"owner_id"}})
	n := 0
	for rows.Next() {
		if n++; n > 1 {
			rows.Fail("", "a second platform row: the file has one row, the platform owner")
		}
		l.out.Options.Owner = l.ds.user(rows, "owner_id")
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n == 0 {
		return (Pos{File: "learning_platform.csv", Line: 1}).Errorf("no platform row: want one, the platform owner")
	}
	return nil
}

// sessions reads the program sessions catalog, the last part of the
// definition: the checking accumulator is built once it is read.
func (l *learningLoader) sessions(fsys fs.FS) error {
	rows := Open(fsys, "learning_sessions.csv", Schema{Required: []string{"id", "name", "created_at", "end"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		l.out.Options.Sessions = append(l.out.Options.Sessions, learners.Session{ID: learnstats.SessionID(rows.Text("id")),
			Name: rows.Text("name"), CreatedAt: rows.Time("created_at"), End: rows.Time("end")})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var err error
	l.check, err = learners.NewAccumulator(time.Time{}, l.ds.Directory, learnstats.Everything, l.out.Options)
	if err != nil {
		return (Pos{File: "learning_sessions.csv", Line: 1}).Errorf("%w", err)
	}
	return nil
}

func (l *learningLoader) isSession(id string) bool {
	return slices.ContainsFunc(l.out.Options.Sessions, func(s learners.Session) bool { return s.ID == learnstats.SessionID(id) })
}

// id reads column col, an integer ID, as the library's ID text.
func id(rows *Rows, col string) string { return strconv.FormatInt(rows.Int64(col), 10) }

func (l *learningLoader) attempts(fsys fs.FS) error {
	rows := Open(fsys, "learning_course_attempts.csv", Schema{
		Required: []string{"id", "user_id", "course", "session", "start", "duration_seconds", "last_activity", "progress", "score"},
		Optional: []string{"language"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		a := learnstats.Attempt{ID: learnstats.AttemptID(id(rows, "id")), Learner: l.ds.user(rows, "user_id"),
			Step: learnstats.StepID(rows.Text("course")), Session: learnstats.SessionID(rows.OptRef("session", "program session", l.isSession)),
			Start: rows.RequiredTime("start"), TimeSpent: rows.Seconds("duration_seconds"), LastActivity: rows.Time("last_activity"),
			Progress: rows.Int("progress"), Language: rows.Text("language")}
		a.Score, a.Scored = rows.OptInt("score")
		if rows.Err() == nil {
			rows.Check(l.check.AddAttempt(a))
		}
		l.out.Attempts = append(l.out.Attempts, a)
	}
	return rows.Err()
}

func (l *learningLoader) assessments(fsys fs.FS) error {
	rows := Open(fsys, "learning_assessments.csv", Schema{Required: []string{"id", "user_id", "assessment", "at", "score"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		a := learnstats.AssessmentScore{ID: id(rows, "id"), Learner: l.ds.user(rows, "user_id"),
			Assessment: learnstats.AssessmentID(rows.Text("assessment")), At: rows.RequiredTime("at")}
		score, scored := rows.OptInt("score")
		a.Score, a.Scored = learnstats.WholePoints(int64(score)), scored
		if rows.Err() == nil {
			rows.Check(l.check.AddAssessment(a))
		}
		l.out.Assessments = append(l.out.Assessments, a)
	}
	return rows.Err()
}

func (l *learningLoader) answers(fsys fs.FS) error {
	rows := Open(fsys, "learning_answers.csv", Schema{Required: []string{"id", "user_id", "question", "at", "score"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		a := learnstats.QuestionAnswer{ID: id(rows, "id"), Learner: l.ds.user(rows, "user_id"),
			Question: learnstats.QuestionID(rows.Text("question")), At: rows.RequiredTime("at"),
			Score: learnstats.WholePoints(int64(rows.Int("score")))}
		if rows.Err() == nil {
			rows.Check(a.Validate())
		}
		l.out.Answers = append(l.out.Answers, a)
	}
	return rows.Err()
}

// item reads the kind and item columns: a program session or a path.
func (l *learningLoader) item(rows *Rows) (learnstats.SessionID, learnstats.TrainingID) {
	switch kind, item := rows.Text("kind"), rows.Text("item"); kind {
	case "program":
		return learnstats.SessionID(rows.Ref("item", "program session", l.isSession)), ""
	case "path":
		return "", learnstats.TrainingID(item)
	default:
		rows.Fail("kind", "%q is neither program nor path", kind)
	}
	return "", ""
}

func (l *learningLoader) progress(fsys fs.FS) error {
	rows := Open(fsys, "learning_progress.csv", Schema{
		Required: []string{"user_id", "kind", "item", "percent", "score"},
		Unique:   [][]string{{"user_id", "kind", "item"}},
	})
	for rows.Next() {
		p := learners.Progress{User: l.ds.user(rows, "user_id"), Percent: rows.Int("percent")}
		p.Session, p.Path = l.item(rows)
		p.Score, p.Scored = rows.OptInt("score")
		if rows.Err() == nil {
			rows.Check(l.check.AddProgress(p))
		}
		l.out.Progress = append(l.out.Progress, p)
	}
	return rows.Err()
}

func (l *learningLoader) assignments(fsys fs.FS) error {
	rows := Open(fsys, "learning_assignments.csv", Schema{Required: []string{"kind", "item", "user_id", "group_id"}})
	for rows.Next() {
		a := learners.Assignment{User: learnstats.UserID(rows.OptRef("user_id", "user", l.ds.isUser)),
			Group: learnstats.GroupID(rows.OptRef("group_id", "group", l.ds.isGroup))}
		a.Session, a.Path = l.item(rows)
		if rows.Err() == nil {
			rows.Check(l.check.AddAssignment(a))
		}
		l.out.Assignments = append(l.out.Assignments, a)
	}
	return rows.Err()
}

func (l *learningLoader) attendance(fsys fs.FS) error {
	rows := Open(fsys, "learning_attendance.csv", Schema{Required: []string{"user_id", "classroom", "attended"}})
	for rows.Next() {
		a := learners.Attendance{User: l.ds.user(rows, "user_id"), Classroom: learnstats.StepID(rows.Text("classroom")), Attended: rows.Bool("attended")}
		if rows.Err() == nil {
			rows.Check(l.check.AddAttendance(a))
		}
		l.out.Attendance = append(l.out.Attendance, a)
	}
	return rows.Err()
}

// unknownPost and unknownCourse stand for the post a reply answers or a
// like is given to, and the course a reaction is in: the learning files
// record that a post is a reply and what a reaction is on, not which post
// or course, and the learner statistics read no more (R-1 … R-3).
const (
	unknownPost   learnstats.PostID = "(unknown post)"
	unknownCourse learnstats.StepID = "(unknown course)"
)

func (l *learningLoader) posts(fsys fs.FS) error {
	rows := Open(fsys, "learning_posts.csv", Schema{Required: []string{"id", "user_id", "place", "reply", "published", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		p := learnstats.Post{ID: learnstats.PostID(id(rows, "id")), Author: l.ds.user(rows, "user_id"),
			Place: learnstats.Place(rows.Text("place")), Unpublished: !rows.Bool("published"), At: rows.RequiredTime("at")}
		if !p.Place.Valid() {
			rows.Fail("place", "unknown place %q", p.Place)
		}
		if rows.Bool("reply") {
			p.ReplyTo = unknownPost
		}
		if rows.Err() == nil {
			rows.Check(l.check.AddPost(p))
		}
		l.out.Posts = append(l.out.Posts, p)
	}
	return rows.Err()
}

func (l *learningLoader) reactions(fsys fs.FS) error {
	rows := Open(fsys, "learning_reactions.csv", Schema{Required: []string{"id", "user_id", "kind", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		r := learnstats.Reaction{ID: id(rows, "id"), User: l.ds.user(rows, "user_id"), At: rows.RequiredTime("at")}
		switch kind := rows.Text("kind"); kind {
		case "activity":
			r.Course = unknownCourse
		case "post-like":
			r.Post, r.Kind = unknownPost, learnstats.ReactionLike
		default:
			rows.Fail("kind", "%q is neither activity nor post-like", kind)
		}
		if rows.Err() == nil {
			rows.Check(l.check.AddReaction(r))
		}
		l.out.Reactions = append(l.out.Reactions, r)
	}
	return rows.Err()
}

func (l *learningLoader) registrations(fsys fs.FS) error {
	rows := Open(fsys, "learning_registrations.csv", Schema{
		Required: []string{"user_id", "method", "invited_by", "reinvited_at", "auto_deletion"},
		Unique:   [][]string{{"user_id"}},
	})
	for rows.Next() {
		r := learners.Registration{User: l.ds.user(rows, "user_id"), Method: learners.Method(rows.Text("method")),
			InvitedBy:   learnstats.UserID(rows.OptRef("invited_by", "user", l.ds.isUser)),
			ReinvitedAt: rows.Time("reinvited_at"), AutoDeletion: rows.Time("auto_deletion")}
		if rows.Err() == nil {
			rows.Check(l.check.AddRegistration(r))
		}
		l.out.Registrations = append(l.out.Registrations, r)
	}
	return rows.Err()
}
