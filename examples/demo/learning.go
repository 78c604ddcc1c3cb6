package demo

import (
	"fmt"
	"io/fs"

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

func loadLearning(fsys fs.FS, ds *Dataset) (*Learning, error) {
	lg := &Learning{Sessions: map[string]stats.ProgramSession{}}

	rows := Open(fsys, "learning_platform.csv", Schema{Required: []string{"owner_id"}})
	n := 0
	for rows.Next() {
		if n++; n > 1 {
			rows.Fail("", "a second platform row: the file has one row, the platform owner")
		}
		lg.Owner = ds.user(rows, "owner_id")
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, (Pos{File: "learning_platform.csv", Line: 1}).Errorf("no platform row: want one, the platform owner")
	}

	rows = Open(fsys, "learning_sessions.csv", Schema{Required: []string{"id", "name", "created_at", "end"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		s := stats.ProgramSession{ID: rows.Text("id"), Name: rows.Text("name"), CreatedAt: rows.Time("created_at"), End: rows.Time("end")}
		lg.Sessions[s.ID] = s
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	isSession := func(id string) bool { _, ok := lg.Sessions[id]; return ok }

	rows = Open(fsys, "learning_course_attempts.csv", Schema{
		Required: []string{"id", "user_id", "course", "session", "start", "duration_seconds", "last_activity", "progress", "score"},
		Optional: []string{"language"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		a := stats.CourseAttempt{ID: rows.Int64("id"), User: ds.user(rows, "user_id"), Course: rows.Text("course"),
			Session: rows.OptRef("session", "program session", isSession), Start: rows.Time("start"),
			Duration: rows.Seconds("duration_seconds"), LastActivity: rows.Time("last_activity"), Progress: rows.Int("progress"),
			Language: rows.Text("language")}
		a.Score, a.Scored = rows.OptInt("score")
		rows.Check(a.Validate())
		lg.Attempts = append(lg.Attempts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_assessments.csv", Schema{Required: []string{"id", "user_id", "assessment", "at", "score"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		a := stats.AssessmentAttempt{ID: rows.Int64("id"), User: ds.user(rows, "user_id"), Assessment: rows.Text("assessment"), At: rows.Time("at")}
		a.Score, a.Scored = rows.OptInt("score")
		rows.Check(a.Validate())
		lg.Assessments = append(lg.Assessments, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_answers.csv", Schema{Required: []string{"id", "user_id", "question", "at", "score"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		q := stats.QuestionAnswer{ID: rows.Int64("id"), User: ds.user(rows, "user_id"), Question: rows.Text("question"), At: rows.Time("at"), Score: rows.Int("score")}
		rows.Check(q.Validate())
		lg.Answers = append(lg.Answers, q)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_progress.csv", Schema{
		Required: []string{"user_id", "kind", "item", "percent", "score"},
		Unique:   [][]string{{"user_id", "kind", "item"}},
	})
	for rows.Next() {
		p := stats.LearnerProgress{User: ds.user(rows, "user_id"), Kind: stats.LearnerItemKind(rows.Text("kind")), Item: rows.Text("item"), Percent: rows.Int("percent")}
		if p.Kind == stats.LearnerProgram && !isSession(p.Item) {
			rows.Fail("item", "unknown program session %q", p.Item)
		}
		p.Score, p.Scored = rows.OptInt("score")
		rows.Check(p.Validate())
		lg.Progress = append(lg.Progress, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_assignments.csv", Schema{Required: []string{"kind", "item", "user_id", "group_id"}})
	for rows.Next() {
		a := stats.Assignment{Kind: stats.LearnerItemKind(rows.Text("kind")), Item: rows.Text("item"),
			User:  learnstats.UserID(rows.OptRef("user_id", "user", ds.isUser)),
			Group: learnstats.GroupID(rows.OptRef("group_id", "group", ds.isGroup))}
		rows.Check(a.Validate())
		lg.Assignments = append(lg.Assignments, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_attendance.csv", Schema{Required: []string{"user_id", "classroom", "attended"}})
	for rows.Next() {
		c := stats.ClassroomAttendance{User: ds.user(rows, "user_id"), Classroom: rows.Text("classroom"), Attended: rows.Bool("attended")}
		rows.Check(c.Validate())
		lg.Attendance = append(lg.Attendance, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_posts.csv", Schema{Required: []string{"id", "user_id", "place", "reply", "published", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		p := stats.Post{ID: rows.Int64("id"), User: ds.user(rows, "user_id"), Place: stats.PostPlace(rows.Text("place")),
			Reply: rows.Bool("reply"), Published: rows.Bool("published"), At: rows.Time("at")}
		rows.Check(p.Validate())
		lg.Posts = append(lg.Posts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_reactions.csv", Schema{Required: []string{"id", "user_id", "kind", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		x := stats.Reaction{ID: rows.Int64("id"), User: ds.user(rows, "user_id"), Kind: stats.ReactionKind(rows.Text("kind")), At: rows.Time("at")}
		rows.Check(x.Validate())
		lg.Reactions = append(lg.Reactions, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "learning_registrations.csv", Schema{
		Required: []string{"user_id", "method", "invited_by", "reinvited_at", "auto_deletion"},
		Unique:   [][]string{{"user_id"}},
	})
	var at []Pos
	for rows.Next() {
		r := stats.Registration{User: ds.user(rows, "user_id"), Method: stats.RegistrationMethod(rows.Text("method")),
			InvitedBy:   learnstats.UserID(rows.OptRef("invited_by", "user", ds.isUser)),
			ReinvitedAt: rows.Time("reinvited_at"), AutoDeletion: rows.Time("auto_deletion")}
		lg.Registrations = append(lg.Registrations, r)
		at = append(at, rows.Pos(""))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// stats.Registrations checks the records (there is no Validate for
	// them): it stops at the first record it refuses, the one it was
	// given last.
	last := -1
	regs := func(yield func(stats.Registration) bool) {
		for i, r := range lg.Registrations {
			if last = i; !yield(r) {
				return
			}
		}
	}
	if _, err := stats.Registrations(ds.Directory, learnstats.Everything, lg.Owner, regs); err != nil {
		if last < 0 {
			return nil, fmt.Errorf("%w: learning_registrations.csv: %w", ErrBadData, err)
		}
		return nil, &PositionError{Pos: at[last], Err: err}
	}
	return lg, nil
}
