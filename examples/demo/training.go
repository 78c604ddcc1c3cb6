package demo

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
)

// Training holds the trainings, their steps, activities, attempts and
// answers, live-session attendance, registrations (individual and through
// classes), certificates and login events: the input of package scoring
// and of the training dashboards of package stats. FORMAT-training.md
// documents the files.
type Training struct {
	Trainings  []TrainingDef
	Steps      []TrainingStep
	Activities []TrainingActivity
	Attempts   []TrainingAttempt
	Answers    []TrainingAnswer
	Sessions   []TrainingSession
	// Classes lists the groups registered in trainings.
	Classes []TrainingClass
	// Registrations holds one registration per learner × training:
	// individual registrations and class members, the earliest when both.
	// Ordered by training, then user.
	Registrations []TrainingRegistration
	Certificates  []TrainingCertificate
	Logins        []TrainingLogin
	// Assessments are 360Learning-style assessments (score by tag, S-13).
	Assessments []TrainingAssessment
}

// TrainingDef is a training (learning path).
type TrainingDef struct {
	ID   string
	Name string
}

// Step kinds.
const (
	TrainingModule    = "module"
	TrainingCourse    = "course"
	TrainingClassroom = "classroom"
	TrainingMeeting   = "meeting"
)

// TrainingStep is a step of a training: a module, a course (whose child
// modules name it as Parent), or a live session (classroom or meeting).
type TrainingStep struct {
	Training  string
	ID        string
	Name      string
	Kind      string // module, course, classroom or meeting
	Parent    string // the course step a module belongs to; empty for a top-level step
	Position  int    // order among the steps with the same parent
	Mandatory bool
	// RequiredScore is the pass mark in percent (0–100).
	RequiredScore int
	// Keep is a module's option (best, newest or all in the file); the
	// zero value for other kinds.
	Keep scoring.Keep
}

// IsLiveSession reports whether the step is a classroom or a meeting.
func (s TrainingStep) IsLiveSession() bool {
	return s.Kind == TrainingClassroom || s.Kind == TrainingMeeting
}

// TrainingActivity is an activity of a module.
type TrainingActivity struct {
	Step     string
	ID       string
	Name     string
	MaxScore int
	Tags     []string
}

// TrainingAttempt is a learner's attempt at a module; FinishedAt is zero
// while unfinished.
type TrainingAttempt struct {
	ID         int64
	Step       string
	User       learnstats.UserID
	StartedAt  time.Time
	FinishedAt time.Time
}

// TrainingAnswer is the points an attempt scored on an activity.
type TrainingAnswer struct {
	Attempt  int64
	Activity string
	Points   int
}

// TrainingSession is a learner's attendance at a live session that took
// place at At.
type TrainingSession struct {
	Step     string
	User     learnstats.UserID
	At       time.Time
	Attended bool
}

// TrainingClass is a group registered in a training.
type TrainingClass struct {
	Training     string
	Group        learnstats.GroupID
	RegisteredAt time.Time
}

// TrainingRegistration is a learner registered in a training, directly
// (Via empty) or as a member of the class Via.
type TrainingRegistration struct {
	Training     string
	User         learnstats.UserID
	RegisteredAt time.Time
	Via          learnstats.GroupID
}

// TrainingCertificate is a learner's certificate for a training;
// ExpiresAt is zero when it never expires.
type TrainingCertificate struct {
	Training    string
	User        learnstats.UserID
	DeliveredAt time.Time
	ExpiresAt   time.Time
}

// TrainingLogin is a login event (the qualifying event of D-1 in the demo,
// and the last access of D-6).
type TrainingLogin struct {
	User learnstats.UserID
	At   time.Time
}

// TrainingAssessment is a learner's scored assessment with its tags
// (360Learning, rule S-13).
type TrainingAssessment struct {
	ID    string
	User  learnstats.UserID
	Name  string
	Tags  []string
	Score int // percent, 0–100
	At    time.Time
}

// loadTraining reads the training_*.csv files. It checks what a loader
// can (cell formats, references between files, unique IDs, enumerations)
// and has package scoring check each record against its definition
// (points within the maximum, an attempt finishing after it starts), so
// that every error names the file, line and column.
func loadTraining(fsys fs.FS, ds *Dataset) (*Training, error) {
	tr := &Training{}
	trainings := map[string]bool{}
	rows := Open(fsys, "training_trainings.csv", Schema{Required: []string{"id", "name"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		t := TrainingDef{ID: rows.Text("id"), Name: rows.Text("name")}
		trainings[t.ID] = true
		tr.Trainings = append(tr.Trainings, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	isTraining := func(id string) bool { return trainings[id] }

	steps := map[string]TrainingStep{}
	parents := map[string]Pos{}
	rows = Open(fsys, "training_steps.csv", Schema{
		Required: []string{"training_id", "id", "name", "kind", "parent", "position", "mandatory", "required_score", "keep"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		s := TrainingStep{Training: rows.Ref("training_id", "training", isTraining), ID: rows.Text("id"), Name: rows.Text("name"),
			Kind: rows.Text("kind"), Parent: rows.Text("parent"), Position: rows.Int("position"), Mandatory: rows.Bool("mandatory"),
			RequiredScore: rows.Int("required_score")}
		switch keep := rows.Text("keep"); s.Kind {
		case TrainingModule:
			var err error
			s.Keep, err = scoring.ParseKeep(keep)
			rows.CheckCell("keep", err)
		case TrainingCourse, TrainingClassroom, TrainingMeeting:
			if keep != "" {
				rows.Fail("keep", "keep %q on a %s step", keep, s.Kind)
			}
		default:
			rows.Fail("kind", "%q is not module, course, classroom or meeting", s.Kind)
		}
		parents[s.ID] = rows.Pos("parent")
		steps[s.ID] = s
		tr.Steps = append(tr.Steps, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range tr.Steps {
		if p, ok := steps[s.Parent]; s.Parent != "" && (!ok || p.Kind != TrainingCourse || p.Training != s.Training || s.Kind != TrainingModule) {
			return nil, parents[s.ID].Errorf("%q is not a course of training %q (only modules go in courses)", s.Parent, s.Training)
		}
	}
	isModule := func(id string) bool { return steps[id].Kind == TrainingModule }

	activities := map[string]TrainingActivity{}
	rows = Open(fsys, "training_activities.csv", Schema{
		Required: []string{"step_id", "id", "name", "max_score", "tags"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		a := TrainingActivity{Step: rows.Ref("step_id", "module", isModule), ID: rows.Text("id"), Name: rows.Text("name"),
			MaxScore: rows.Int("max_score"), Tags: rows.List("tags")}
		activities[a.ID] = a
		tr.Activities = append(tr.Activities, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	modules := map[string]scoring.Step{} // module ID → scoring's definition, to check attempts with
	for _, t := range tr.Trainings {
		def, err := tr.ScoringTraining(t.ID)
		if err != nil {
			return nil, fmt.Errorf("%w: training_steps.csv, training_activities.csv: %w", ErrBadData, err)
		}
		for _, s := range def.Steps {
			for _, m := range append([]scoring.Step{s}, s.Steps...) {
				if m.Kind == scoring.StepModule {
					modules[string(m.ID)] = m
				}
			}
		}
	}

	// Registrations: individual, then class members.
	type regKey struct {
		training string
		user     learnstats.UserID
	}
	regs := map[regKey]TrainingRegistration{}
	rows = Open(fsys, "training_registrations.csv", Schema{
		Required: []string{"training_id", "user_id", "registered_at"},
		Unique:   [][]string{{"training_id", "user_id"}},
	})
	for rows.Next() {
		r := TrainingRegistration{Training: rows.Ref("training_id", "training", isTraining), User: ds.user(rows, "user_id"),
			RegisteredAt: rows.RequiredTime("registered_at")}
		regs[regKey{r.Training, r.User}] = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows = Open(fsys, "training_classes.csv", Schema{
		Required: []string{"training_id", "group_id", "registered_at"},
		Unique:   [][]string{{"training_id", "group_id"}},
	})
	for rows.Next() {
		c := TrainingClass{Training: rows.Ref("training_id", "training", isTraining), Group: ds.group(rows, "group_id"),
			RegisteredAt: rows.RequiredTime("registered_at")}
		if rows.Err() != nil {
			break
		}
		tr.Classes = append(tr.Classes, c)
		for _, u := range ds.Users {
			if !u.InGroup(c.Group) {
				continue
			}
			// A member is a learner from the class registration, or from
			// when their account exists if that is later.
			at := c.RegisteredAt
			if joined := cmp.Or(u.RegisteredAt, u.CreatedAt); joined.After(at) {
				at = joined
			}
			k := regKey{c.Training, u.ID}
			if old, ok := regs[k]; ok && !at.Before(old.RegisteredAt) {
				continue
			}
			regs[k] = TrainingRegistration{Training: c.Training, User: u.ID, RegisteredAt: at, Via: c.Group}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range regs {
		tr.Registrations = append(tr.Registrations, r)
	}
	slices.SortFunc(tr.Registrations, func(a, b TrainingRegistration) int {
		return cmp.Or(cmp.Compare(a.Training, b.Training), cmp.Compare(a.User, b.User))
	})

	// Attempts and answers, each checked by package scoring against its
	// module.
	attempts := map[int64]TrainingAttempt{}
	rows = Open(fsys, "training_attempts.csv", Schema{
		Required: []string{"id", "step_id", "user_id", "started_at", "finished_at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		a := TrainingAttempt{ID: rows.Int64("id"), Step: rows.Ref("step_id", "module", isModule), User: ds.user(rows, "user_id"),
			StartedAt: rows.RequiredTime("started_at"), FinishedAt: rows.Time("finished_at")}
		if _, ok := regs[regKey{steps[a.Step].Training, a.User}]; !ok {
			rows.Fail("user_id", "user %q is not registered in training %q", a.User, steps[a.Step].Training)
		}
		if rows.Err() == nil {
			_, err := scoring.ScoreAttempt(modules[a.Step], a.scoring(nil))
			rows.Check(err)
		}
		attempts[a.ID] = a
		tr.Attempts = append(tr.Attempts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows = Open(fsys, "training_answers.csv", Schema{
		Required: []string{"attempt_id", "activity_id", "points"},
		Unique:   [][]string{{"attempt_id", "activity_id"}},
	})
	for rows.Next() {
		a := TrainingAnswer{Attempt: rows.Int64("attempt_id"), Activity: rows.Text("activity_id"), Points: rows.Int("points")}
		at, ok := attempts[a.Attempt]
		switch {
		case rows.Err() != nil:
		case !ok:
			rows.Fail("attempt_id", "unknown attempt %d", a.Attempt)
		case activities[a.Activity].Step != at.Step:
			rows.Fail("activity_id", "%q is not an activity of module %q of attempt %d", a.Activity, at.Step, a.Attempt)
		default:
			// The attempt and the activity are known: only the points
			// can be wrong (S-1: 0 ≤ points ≤ max).
			_, err := scoring.ScoreAttempt(modules[at.Step], at.scoring([]TrainingAnswer{a}))
			rows.CheckCell("points", err)
		}
		tr.Answers = append(tr.Answers, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "training_sessions.csv", Schema{Required: []string{"step_id", "user_id", "at", "attended"}})
	for rows.Next() {
		s := TrainingSession{Step: rows.Ref("step_id", "live session", func(id string) bool { return steps[id].IsLiveSession() }),
			User: ds.user(rows, "user_id"), At: rows.RequiredTime("at"), Attended: rows.Bool("attended")}
		tr.Sessions = append(tr.Sessions, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Certificates, checked by package certificates (C-3).
	rows = Open(fsys, "training_certificates.csv", Schema{
		Required: []string{"training_id", "user_id", "delivered_at", "expires_at"},
		Unique:   [][]string{{"training_id", "user_id"}},
	})
	for rows.Next() {
		c := TrainingCertificate{Training: rows.Ref("training_id", "training", isTraining), User: ds.user(rows, "user_id"),
			DeliveredAt: rows.RequiredTime("delivered_at"), ExpiresAt: rows.Time("expires_at")}
		if _, ok := regs[regKey{c.Training, c.User}]; !ok {
			rows.Fail("user_id", "user %q is not registered in training %q", c.User, c.Training)
		}
		if rows.Err() == nil {
			// Delivery is required and the ID is built: only the
			// expiration can be wrong.
			rows.CheckCell("expires_at", validCertificate(c.certificate()))
		}
		tr.Certificates = append(tr.Certificates, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "training_logins.csv", Schema{Required: []string{"user_id", "at"}})
	for rows.Next() {
		tr.Logins = append(tr.Logins, TrainingLogin{User: ds.user(rows, "user_id"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "training_assessments.csv", Schema{
		Required: []string{"id", "user_id", "name", "tags", "score", "at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		tr.Assessments = append(tr.Assessments, TrainingAssessment{ID: rows.Text("id"), User: ds.user(rows, "user_id"),
			Name: rows.Text("name"), Tags: rows.List("tags"), Score: rows.Int("score"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return tr, nil
}

// scoring is the attempt as package scoring takes it, with answers.
func (a TrainingAttempt) scoring(answers []TrainingAnswer) scoring.Attempt {
	sa := scoring.Attempt{ID: scoring.AttemptID(strconv.FormatInt(a.ID, 10)), Learner: a.User, Step: scoring.StepID(a.Step),
		Start: a.StartedAt, Finish: a.FinishedAt}
	for _, an := range answers {
		sa.Answers = append(sa.Answers, scoring.Answer{Activity: scoring.ActivityID(an.Activity), Points: scoring.WholePoints(int64(an.Points))})
	}
	return sa
}

// certificate is the training certificate as package certificates
// checks it; its ID is "{training}/{user}" (one per learner and training).
func (c TrainingCertificate) certificate() certificates.Certificate {
	return certificates.Certificate{ID: certificates.ID(c.Training + "/" + string(c.User)), User: c.User,
		Delivered: c.DeliveredAt, Expires: c.ExpiresAt}
}

// ScoringTraining returns package scoring's definition of training id,
// built from its steps in [Training.StepsOf] order (a course followed by
// its modules) and its activities, validated.
func (t *Training) ScoringTraining(id string) (scoring.Training, error) {
	acts := map[string][]scoring.Activity{}
	for _, a := range t.Activities {
		acts[a.Step] = append(acts[a.Step], scoring.Activity{ID: scoring.ActivityID(a.ID), Max: scoring.WholePoints(int64(a.MaxScore))})
	}
	def := scoring.Training{ID: scoring.TrainingID(id)}
	for _, s := range t.StepsOf(id) {
		st := scoring.Step{ID: scoring.StepID(s.ID), Mandatory: s.Mandatory, RequiredScore: s.RequiredScore}
		switch s.Kind {
		case TrainingModule:
			st.Kind, st.Keep, st.Activities = scoring.StepModule, s.Keep, acts[s.ID]
		case TrainingCourse:
			st.Kind = scoring.StepCourse
		default:
			st.Kind = scoring.StepLiveSession
		}
		if s.Parent == "" {
			def.Steps = append(def.Steps, st)
			continue
		}
		for i := range def.Steps {
			if string(def.Steps[i].ID) == s.Parent {
				def.Steps[i].Steps = append(def.Steps[i].Steps, st)
			}
		}
	}
	return def, def.Validate()
}

// StepsOf returns the steps of a training in the order the report lists
// them: top-level steps by position, each course followed by its modules
// by position; ties by ID.
func (t *Training) StepsOf(training string) []TrainingStep {
	var top []TrainingStep
	children := map[string][]TrainingStep{}
	for _, s := range t.Steps {
		if s.Training != training {
			continue
		}
		if s.Parent == "" {
			top = append(top, s)
		} else {
			children[s.Parent] = append(children[s.Parent], s)
		}
	}
	byPos := func(a, b TrainingStep) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(top, byPos)
	var out []TrainingStep
	for _, s := range top {
		out = append(out, s)
		kids := children[s.ID]
		slices.SortFunc(kids, byPos)
		out = append(out, kids...)
	}
	return out
}

// String describes the area's size, for logs.
func (t *Training) String() string {
	return fmt.Sprintf("%d trainings, %d steps, %d activities, %d attempts, %d registrations, %d logins",
		len(t.Trainings), len(t.Steps), len(t.Activities), len(t.Attempts), len(t.Registrations), len(t.Logins))
}
