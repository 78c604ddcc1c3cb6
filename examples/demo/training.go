package demo

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
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
	// Keep is best, newest or all for a module; empty otherwise.
	Keep string
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

type trainingAssessmentRow struct {
	ID    string `csv:"id"`
	User  string `csv:"user_id"`
	Name  string `csv:"name"`
	Tags  string `csv:"tags"`
	Score string `csv:"score"`
	At    string `csv:"at"`
}

type trainingRow struct {
	ID   string `csv:"id"`
	Name string `csv:"name"`
}

type trainingStepRow struct {
	Training      string `csv:"training_id"`
	ID            string `csv:"id"`
	Name          string `csv:"name"`
	Kind          string `csv:"kind"`
	Parent        string `csv:"parent"`
	Position      string `csv:"position"`
	Mandatory     string `csv:"mandatory"`
	RequiredScore string `csv:"required_score"`
	Keep          string `csv:"keep"`
}

type trainingActivityRow struct {
	Step     string `csv:"step_id"`
	ID       string `csv:"id"`
	Name     string `csv:"name"`
	MaxScore string `csv:"max_score"`
	Tags     string `csv:"tags"`
}

type trainingAttemptRow struct {
	ID         string `csv:"id"`
	Step       string `csv:"step_id"`
	User       string `csv:"user_id"`
	StartedAt  string `csv:"started_at"`
	FinishedAt string `csv:"finished_at"`
}

type trainingAnswerRow struct {
	Attempt  string `csv:"attempt_id"`
	Activity string `csv:"activity_id"`
	Points   string `csv:"points"`
}

type trainingSessionRow struct {
	Step     string `csv:"step_id"`
	User     string `csv:"user_id"`
	At       string `csv:"at"`
	Attended string `csv:"attended"`
}

type trainingClassRow struct {
	Training     string `csv:"training_id"`
	Group        string `csv:"group_id"`
	RegisteredAt string `csv:"registered_at"`
}

type trainingRegistrationRow struct {
	Training     string `csv:"training_id"`
	User         string `csv:"user_id"`
	RegisteredAt string `csv:"registered_at"`
}

type trainingCertificateRow struct {
	Training    string `csv:"training_id"`
	User        string `csv:"user_id"`
	DeliveredAt string `csv:"delivered_at"`
	ExpiresAt   string `csv:"expires_at"`
}

type trainingLoginRow struct {
	User string `csv:"user_id"`
	At   string `csv:"at"`
}

// loadTraining reads the training_*.csv files. It checks what a loader can:
// cell formats, references between files (training, step, activity,
// attempt, user, group), unique IDs and enumerations. Rule invariants
// (points within the maximum, an attempt finishing after it starts) are
// package scoring's to report.
func loadTraining(fsys fs.FS, ds *Dataset) (*Training, error) {
	tr := &Training{}
	groups := make(map[learnstats.GroupID]bool, len(ds.Groups))
	for _, g := range ds.Groups {
		groups[g.ID] = true
	}
	user, timeAt := ds.UserCell, TimeCell
	atoi := func(file string, i, col int, s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, Errorf(file, i, col, "%w", err)
		}
		return n, nil
	}

	// Trainings.
	const fT = "training_trainings.csv"
	trows, err := ReadCSV[trainingRow](fsys, fT)
	if err != nil {
		return nil, err
	}
	trainings := map[string]bool{}
	for i, r := range trows {
		if r.ID == "" || trainings[r.ID] {
			return nil, Errorf(fT, i, 1, "empty or duplicate training ID %q", r.ID)
		}
		trainings[r.ID] = true
		tr.Trainings = append(tr.Trainings, TrainingDef(r))
	}

	// Steps.
	const fS = "training_steps.csv"
	srows, err := ReadCSV[trainingStepRow](fsys, fS)
	if err != nil {
		return nil, err
	}
	steps := map[string]TrainingStep{}
	for i, r := range srows {
		s := TrainingStep{Training: r.Training, ID: r.ID, Name: r.Name, Kind: r.Kind, Parent: r.Parent, Keep: r.Keep}
		switch {
		case !trainings[r.Training]:
			return nil, Errorf(fS, i, 1, "unknown training %q", r.Training)
		case r.ID == "":
			return nil, Errorf(fS, i, 2, "empty step ID")
		case steps[r.ID].ID != "":
			return nil, Errorf(fS, i, 2, "duplicate step ID %q", r.ID)
		}
		switch r.Kind {
		case TrainingModule:
			if r.Keep != "best" && r.Keep != "newest" && r.Keep != "all" {
				return nil, Errorf(fS, i, 9, "keep %q is not best, newest or all", r.Keep)
			}
		case TrainingCourse, TrainingClassroom, TrainingMeeting:
			if r.Keep != "" {
				return nil, Errorf(fS, i, 9, "keep %q on a %s step", r.Keep, r.Kind)
			}
		default:
			return nil, Errorf(fS, i, 4, "kind %q is not module, course, classroom or meeting", r.Kind)
		}
		if s.Position, err = atoi(fS, i, 6, r.Position); err != nil {
			return nil, err
		}
		if s.Mandatory, err = strconv.ParseBool(r.Mandatory); err != nil {
			return nil, Errorf(fS, i, 7, "%w", err)
		}
		if s.RequiredScore, err = atoi(fS, i, 8, r.RequiredScore); err != nil {
			return nil, err
		}
		steps[s.ID] = s
		tr.Steps = append(tr.Steps, s)
	}
	for i, s := range tr.Steps {
		if s.Parent == "" {
			continue
		}
		p, ok := steps[s.Parent]
		if !ok || p.Kind != TrainingCourse || p.Training != s.Training || s.Kind != TrainingModule {
			return nil, Errorf(fS, i, 5, "parent %q is not a course of training %q (only modules go in courses)", s.Parent, s.Training)
		}
	}

	// Activities.
	const fA = "training_activities.csv"
	arows, err := ReadCSV[trainingActivityRow](fsys, fA)
	if err != nil {
		return nil, err
	}
	activities := map[string]TrainingActivity{}
	for i, r := range arows {
		if steps[r.Step].Kind != TrainingModule {
			return nil, Errorf(fA, i, 1, "step %q is not a module", r.Step)
		}
		if r.ID == "" || activities[r.ID].ID != "" {
			return nil, Errorf(fA, i, 2, "empty or duplicate activity ID %q", r.ID)
		}
		a := TrainingActivity{Step: r.Step, ID: r.ID, Name: r.Name, Tags: splitList(r.Tags)}
		if a.MaxScore, err = atoi(fA, i, 4, r.MaxScore); err != nil {
			return nil, err
		}
		activities[a.ID] = a
		tr.Activities = append(tr.Activities, a)
	}

	// Attempts and answers.
	const fAt = "training_attempts.csv"
	atrows, err := ReadCSV[trainingAttemptRow](fsys, fAt)
	if err != nil {
		return nil, err
	}
	attempts := map[int64]TrainingAttempt{}
	for i, r := range atrows {
		id, err := strconv.ParseInt(r.ID, 10, 64)
		if err != nil {
			return nil, Errorf(fAt, i, 1, "%w", err)
		}
		if _, dup := attempts[id]; dup {
			return nil, Errorf(fAt, i, 1, "duplicate attempt ID %d", id)
		}
		a := TrainingAttempt{ID: id, Step: r.Step}
		if steps[r.Step].Kind != TrainingModule {
			return nil, Errorf(fAt, i, 2, "step %q is not a module", r.Step)
		}
		if a.User, err = user(fAt, i, 3, r.User); err != nil {
			return nil, err
		}
		if a.StartedAt, err = timeAt(fAt, i, 4, r.StartedAt, true); err != nil {
			return nil, err
		}
		if a.FinishedAt, err = timeAt(fAt, i, 5, r.FinishedAt, false); err != nil {
			return nil, err
		}
		attempts[id] = a
		tr.Attempts = append(tr.Attempts, a)
	}
	const fAn = "training_answers.csv"
	anrows, err := ReadCSV[trainingAnswerRow](fsys, fAn)
	if err != nil {
		return nil, err
	}
	type answerKey struct {
		attempt  int64
		activity string
	}
	answered := map[answerKey]bool{}
	for i, r := range anrows {
		id, err := strconv.ParseInt(r.Attempt, 10, 64)
		if err != nil {
			return nil, Errorf(fAn, i, 1, "%w", err)
		}
		at, ok := attempts[id]
		if !ok {
			return nil, Errorf(fAn, i, 1, "unknown attempt %d", id)
		}
		act, ok := activities[r.Activity]
		if !ok || act.Step != at.Step {
			return nil, Errorf(fAn, i, 2, "activity %q is not in module %q of attempt %d", r.Activity, at.Step, id)
		}
		k := answerKey{id, r.Activity}
		if answered[k] {
			return nil, Errorf(fAn, i, 2, "activity %q answered twice in attempt %d", r.Activity, id)
		}
		answered[k] = true
		a := TrainingAnswer{Attempt: id, Activity: r.Activity}
		if a.Points, err = atoi(fAn, i, 3, r.Points); err != nil {
			return nil, err
		}
		tr.Answers = append(tr.Answers, a)
	}

	// Live sessions.
	const fSe = "training_sessions.csv"
	serows, err := ReadCSV[trainingSessionRow](fsys, fSe)
	if err != nil {
		return nil, err
	}
	for i, r := range serows {
		if !steps[r.Step].IsLiveSession() {
			return nil, Errorf(fSe, i, 1, "step %q is not a live session", r.Step)
		}
		s := TrainingSession{Step: r.Step}
		if s.User, err = user(fSe, i, 2, r.User); err != nil {
			return nil, err
		}
		if s.At, err = timeAt(fSe, i, 3, r.At, true); err != nil {
			return nil, err
		}
		if s.Attended, err = strconv.ParseBool(r.Attended); err != nil {
			return nil, Errorf(fSe, i, 4, "%w", err)
		}
		tr.Sessions = append(tr.Sessions, s)
	}

	// Registrations: individual, then class members.
	type regKey struct {
		training string
		user     learnstats.UserID
	}
	regs := map[regKey]TrainingRegistration{}
	const fR = "training_registrations.csv"
	rrows, err := ReadCSV[trainingRegistrationRow](fsys, fR)
	if err != nil {
		return nil, err
	}
	for i, r := range rrows {
		if !trainings[r.Training] {
			return nil, Errorf(fR, i, 1, "unknown training %q", r.Training)
		}
		reg := TrainingRegistration{Training: r.Training}
		if reg.User, err = user(fR, i, 2, r.User); err != nil {
			return nil, err
		}
		if reg.RegisteredAt, err = timeAt(fR, i, 3, r.RegisteredAt, true); err != nil {
			return nil, err
		}
		k := regKey{reg.Training, reg.User}
		if _, dup := regs[k]; dup {
			return nil, Errorf(fR, i, 2, "user %q registered twice in training %q", reg.User, reg.Training)
		}
		regs[k] = reg
	}
	const fC = "training_classes.csv"
	crows, err := ReadCSV[trainingClassRow](fsys, fC)
	if err != nil {
		return nil, err
	}
	for i, r := range crows {
		if !trainings[r.Training] {
			return nil, Errorf(fC, i, 1, "unknown training %q", r.Training)
		}
		if !groups[learnstats.GroupID(r.Group)] {
			return nil, Errorf(fC, i, 2, "unknown group %q", r.Group)
		}
		c := TrainingClass{Training: r.Training, Group: learnstats.GroupID(r.Group)}
		if c.RegisteredAt, err = timeAt(fC, i, 3, r.RegisteredAt, true); err != nil {
			return nil, err
		}
		tr.Classes = append(tr.Classes, c)
		for _, u := range ds.Users {
			if !u.InGroup(c.Group) {
				continue
			}
			// A member is a learner from the class registration, or from
			// when their account exists if that is later.
			at := c.RegisteredAt
			joined := cmp.Or(u.RegisteredAt, u.CreatedAt)
			if joined.After(at) {
				at = joined
			}
			k := regKey{c.Training, u.ID}
			if old, ok := regs[k]; ok && !at.Before(old.RegisteredAt) {
				continue
			}
			regs[k] = TrainingRegistration{Training: c.Training, User: u.ID, RegisteredAt: at, Via: c.Group}
		}
	}
	for _, r := range regs {
		tr.Registrations = append(tr.Registrations, r)
	}
	slices.SortFunc(tr.Registrations, func(a, b TrainingRegistration) int {
		return cmp.Or(cmp.Compare(a.Training, b.Training), cmp.Compare(a.User, b.User))
	})

	// Certificates.
	const fCe = "training_certificates.csv"
	cerows, err := ReadCSV[trainingCertificateRow](fsys, fCe)
	if err != nil {
		return nil, err
	}
	for i, r := range cerows {
		if !trainings[r.Training] {
			return nil, Errorf(fCe, i, 1, "unknown training %q", r.Training)
		}
		c := TrainingCertificate{Training: r.Training}
		if c.User, err = user(fCe, i, 2, r.User); err != nil {
			return nil, err
		}
		if _, ok := regs[regKey{c.Training, c.User}]; !ok {
			return nil, Errorf(fCe, i, 2, "user %q is not registered in training %q", c.User, c.Training)
		}
		if c.DeliveredAt, err = timeAt(fCe, i, 3, r.DeliveredAt, true); err != nil {
			return nil, err
		}
		if c.ExpiresAt, err = timeAt(fCe, i, 4, r.ExpiresAt, false); err != nil {
			return nil, err
		}
		tr.Certificates = append(tr.Certificates, c)
	}

	// Logins.
	const fL = "training_logins.csv"
	lrows, err := ReadCSV[trainingLoginRow](fsys, fL)
	if err != nil {
		return nil, err
	}
	for i, r := range lrows {
		l := TrainingLogin{}
		if l.User, err = user(fL, i, 1, r.User); err != nil {
			return nil, err
		}
		if l.At, err = timeAt(fL, i, 2, r.At, true); err != nil {
			return nil, err
		}
		tr.Logins = append(tr.Logins, l)
	}

	// Assessments.
	const fAs = "training_assessments.csv"
	asrows, err := ReadCSV[trainingAssessmentRow](fsys, fAs)
	if err != nil {
		return nil, err
	}
	assessed := map[string]bool{}
	for i, r := range asrows {
		if r.ID == "" || assessed[r.ID] {
			return nil, Errorf(fAs, i, 1, "empty or duplicate assessment ID %q", r.ID)
		}
		assessed[r.ID] = true
		a := TrainingAssessment{ID: r.ID, Name: r.Name, Tags: splitList(r.Tags)}
		if a.User, err = user(fAs, i, 2, r.User); err != nil {
			return nil, err
		}
		if a.Score, err = atoi(fAs, i, 5, r.Score); err != nil {
			return nil, err
		}
		if a.At, err = timeAt(fAs, i, 6, r.At, true); err != nil {
			return nil, err
		}
		tr.Assessments = append(tr.Assessments, a)
	}
	return tr, nil
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
