package demo

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// Training is the training area (files training_*.csv,
// FORMAT-training.md) in the input types of packages scoring and
// stats/dashboard: every training's definition with its learners'
// records, the classes registered in trainings, the logins, and the
// 360Learning-style answers and assessments.
type Training struct {
	// Trainings are the trainings, in training_trainings.csv order.
	Trainings []TrainingRecords
	// Classes are the groups registered in trainings (D-3), by group ID,
	// with their members in users.csv order.
	Classes []dashboard.Class
	// Logins are the login events: the qualifying events of the active
	// users chart (D-1) and the accesses of the user metrics (D-6).
	Logins []dashboard.Event
	// Answers are the answers to activities with a max score, as
	// 360Learning question answers (S-12, S-13): the activity is the
	// question, with the activity's tags; the score is 100 × points / max
	// score, to 7 decimals; the time is the attempt's start.
	Answers []learnstats.QuestionAnswer
	// Assessments are the 360Learning-style assessment scores (S-13).
	Assessments []learnstats.AssessmentScore
}

// TrainingRecords is one training and its learners' records.
type TrainingRecords struct {
	// Definition is the training as package scoring takes it: top-level
	// steps by position, a course's modules by position inside it (ties
	// by ID), each module with its activities in file order.
	Definition scoring.Training
	// Learners are the learners registered in the training, individually
	// or as members of a class, by user ID.
	Learners []Registration
	// Attempts are the attempts at the training's modules with their
	// answers, in file order.
	Attempts []learnstats.Attempt
	// Attendances are the attendance records at its live sessions: a
	// learner marked absent has one with Absent set.
	Attendances []scoring.Attendance
	// Certificates are the certificates the training delivered.
	Certificates []certificates.Certificate
}

// Registration is a learner's registration in a training.
type Registration struct {
	User         learnstats.UserID
	RegisteredAt time.Time
}

// trainingLoader holds what one file's loader needs from the files read
// before it.
type trainingLoader struct {
	ds     *Dataset
	out    *Training
	index  map[learnstats.TrainingID]int // training → position in out.Trainings
	stepOf map[learnstats.StepID]stepRow
	order  []learnstats.StepID // the steps in file order
	// modules are the module steps' definitions, to check attempts with.
	modules map[learnstats.StepID]scoring.Step
	// registered holds every learner of every training, with the time.
	registered map[learnstats.TrainingID]map[learnstats.UserID]time.Time
	attemptAt  map[int64]attemptRef // attempt ID → where it is kept
	tags       map[learnstats.ActivityID][]learnstats.TagID
}

// stepRow is a line of training_steps.csv, until the definitions are
// built.
type stepRow struct {
	training learnstats.TrainingID
	step     scoring.Step
	parent   learnstats.StepID
	position int
	parentAt Pos
}

type attemptRef struct{ training, attempt int }

func loadTraining(fsys fs.FS, ds *Dataset) (*Training, error) {
	l := &trainingLoader{ds: ds, out: &Training{}, index: map[learnstats.TrainingID]int{},
		stepOf: map[learnstats.StepID]stepRow{}, modules: map[learnstats.StepID]scoring.Step{},
		registered: map[learnstats.TrainingID]map[learnstats.UserID]time.Time{},
		attemptAt:  map[int64]attemptRef{}, tags: map[learnstats.ActivityID][]learnstats.TagID{}}
	for _, load := range []func(fs.FS) error{
		l.trainings, l.steps, l.activities, l.definitions, l.registrations, l.classes, l.learners,
		l.attempts, l.answers, l.sessions, l.certificates, l.logins, l.assessments,
	} {
		if err := load(fsys); err != nil {
			return nil, err
		}
	}
	return l.out, nil
}

func (l *trainingLoader) isTraining(id string) bool {
	_, ok := l.index[learnstats.TrainingID(id)]
	return ok
}

// isKind returns whether a step ID names a step of the given kind.
func (l *trainingLoader) isKind(kind scoring.StepKind) func(string) bool {
	return func(id string) bool {
		s, ok := l.stepOf[learnstats.StepID(id)]
		return ok && s.step.Kind == kind
	}
}

// training returns the records of training id.
func (l *trainingLoader) training(id learnstats.TrainingID) *TrainingRecords {
	return &l.out.Trainings[l.index[id]]
}

// registeredIn fails column col of r unless user is a learner of training t.
func (l *trainingLoader) registeredIn(r *Rows, col string, t learnstats.TrainingID, user learnstats.UserID) {
	if _, ok := l.registered[t][user]; !ok && r.Err() == nil {
		r.Fail(col, "user %q is not registered in training %q", user, t)
	}
}

func (l *trainingLoader) trainings(fsys fs.FS) error {
	rows := Open(fsys, "training_trainings.csv", Schema{Required: []string{"id", "name"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		id := learnstats.TrainingID(rows.Text("id"))
		l.index[id] = len(l.out.Trainings)
		l.out.Trainings = append(l.out.Trainings, TrainingRecords{Definition: scoring.Training{ID: id, Name: rows.Text("name")}})
		l.registered[id] = map[learnstats.UserID]time.Time{}
	}
	return rows.Err()
}

// stepKinds maps the kind column to package scoring's step kinds.
var stepKinds = map[string]scoring.StepKind{
	"module": scoring.StepModule, "course": scoring.StepCourse,
	"classroom": scoring.StepLiveSession, "meeting": scoring.StepLiveSession,
}

// steps reads training_steps.csv; definitions puts the steps in their
// trainings once their activities are read.
func (l *trainingLoader) steps(fsys fs.FS) error {
	rows := Open(fsys, "training_steps.csv", Schema{
		Required: []string{"training_id", "id", "name", "kind", "parent", "position", "mandatory", "required_score", "keep"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		s := stepRow{training: learnstats.TrainingID(rows.Ref("training_id", "training", l.isTraining)),
			parent: learnstats.StepID(rows.Text("parent")), position: rows.Int("position"), parentAt: rows.Pos("parent"),
			step: scoring.Step{ID: learnstats.StepID(rows.Text("id")), Name: rows.Text("name"),
				Mandatory: rows.Bool("mandatory"), RequiredScore: rows.Int("required_score")}}
		kind, ok := stepKinds[rows.Text("kind")]
		if !ok {
			rows.Fail("kind", "%q is not module, course, classroom or meeting", rows.Text("kind"))
		}
		s.step.Kind = kind
		switch keep := rows.Text("keep"); {
		case kind == scoring.StepModule:
			var err error
			s.step.Keep, err = scoring.ParseKeep(keep)
			rows.CheckCell("keep", err)
		case keep != "":
			rows.Fail("keep", "keep %q on a %s step", keep, rows.Text("kind"))
		}
		l.stepOf[s.step.ID] = s
		l.order = append(l.order, s.step.ID)
	}
	return rows.Err()
}

func (l *trainingLoader) activities(fsys fs.FS) error {
	rows := Open(fsys, "training_activities.csv", Schema{
		Required: []string{"step_id", "id", "name", "max_score", "tags"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		module := learnstats.StepID(rows.Ref("step_id", "module", l.isKind(scoring.StepModule)))
		a := scoring.Activity{ID: learnstats.ActivityID(rows.Text("id")), Max: learnstats.WholePoints(int64(rows.Int("max_score")))}
		for _, t := range rows.List("tags") {
			l.tags[a.ID] = append(l.tags[a.ID], learnstats.TagID(t))
		}
		s := l.stepOf[module]
		s.step.Activities = append(s.step.Activities, a)
		l.stepOf[module] = s
	}
	return rows.Err()
}

// definitions puts every step in its training, top-level steps by
// position and a course's modules by position inside it (ties by ID), and
// has package scoring validate each training.
func (l *trainingLoader) definitions(fs.FS) error {
	order := l.order
	byPosition := func(a, b learnstats.StepID) int {
		return cmp.Or(cmp.Compare(l.stepOf[a].position, l.stepOf[b].position), cmp.Compare(a, b))
	}
	slices.SortStableFunc(order, byPosition)
	children := map[learnstats.StepID][]scoring.Step{}
	for _, id := range order {
		s := l.stepOf[id]
		if s.parent == "" {
			continue
		}
		if p, ok := l.stepOf[s.parent]; !ok || p.step.Kind != scoring.StepCourse || p.training != s.training || s.step.Kind != scoring.StepModule {
			return s.parentAt.Errorf("%q is not a course of training %q (only modules go in courses)", s.parent, s.training)
		}
		children[s.parent] = append(children[s.parent], s.step)
	}
	for _, id := range order {
		s := l.stepOf[id]
		if s.parent != "" {
			continue
		}
		s.step.Steps = children[id]
		def := &l.training(s.training).Definition
		def.Steps = append(def.Steps, s.step)
		for _, m := range append([]scoring.Step{s.step}, s.step.Steps...) {
			if m.Kind == scoring.StepModule {
				l.modules[m.ID] = m
			}
		}
	}
	for _, t := range l.out.Trainings {
		if err := t.Definition.Validate(); err != nil {
			return fmt.Errorf("%w: training_steps.csv, training_activities.csv: %w", ErrBadData, err)
		}
	}
	return nil
}

// registrations reads the individual registrations; classes adds the
// members of the classes registered in trainings.
func (l *trainingLoader) registrations(fsys fs.FS) error {
	rows := Open(fsys, "training_registrations.csv", Schema{
		Required: []string{"training_id", "user_id", "registered_at"},
		Unique:   [][]string{{"training_id", "user_id"}},
	})
	for rows.Next() {
		t := learnstats.TrainingID(rows.Ref("training_id", "training", l.isTraining))
		u, at := l.ds.user(rows, "user_id"), rows.RequiredTime("registered_at")
		if rows.Err() == nil {
			l.registered[t][u] = at
		}
	}
	return rows.Err()
}

// classes reads training_classes.csv: every member of the group is a
// learner of the training from the class's registration, or from when
// their account was registered (created, if never registered) when that
// is later; a member also registered individually keeps the earlier time.
func (l *trainingLoader) classes(fsys fs.FS) error {
	rows := Open(fsys, "training_classes.csv", Schema{
		Required: []string{"training_id", "group_id", "registered_at"},
		Unique:   [][]string{{"training_id", "group_id"}},
	})
	classes := map[learnstats.GroupID]*dashboard.Class{}
	for rows.Next() {
		t := learnstats.TrainingID(rows.Ref("training_id", "training", l.isTraining))
		g, at := l.ds.group(rows, "group_id"), rows.RequiredTime("registered_at")
		if rows.Err() != nil {
			break
		}
		c := classes[g]
		if c == nil {
			c = &dashboard.Class{ID: g}
			for _, u := range l.ds.Users {
				if u.InGroup(g) {
					c.Members = append(c.Members, u.ID)
				}
			}
			classes[g] = c
		}
		c.Trainings = append(c.Trainings, dashboard.ClassTraining{Training: t, RegisteredAt: at})
		for _, u := range l.ds.Users {
			if !u.InGroup(g) {
				continue
			}
			since := at
			if joined := cmp.Or(u.RegisteredAt, u.CreatedAt); joined.After(since) {
				since = joined
			}
			if old, ok := l.registered[t][u.ID]; !ok || since.Before(old) {
				l.registered[t][u.ID] = since
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, g := range slices.Sorted(maps.Keys(classes)) {
		l.out.Classes = append(l.out.Classes, *classes[g])
	}
	return nil
}

// learners lists each training's learners, individual and class
// registrations together, by user ID.
func (l *trainingLoader) learners(fs.FS) error {
	for id, learners := range l.registered {
		t := l.training(id)
		for _, u := range slices.Sorted(maps.Keys(learners)) {
			t.Learners = append(t.Learners, Registration{User: u, RegisteredAt: learners[u]})
		}
	}
	return nil
}

// attempts reads training_attempts.csv; package scoring checks each
// attempt against its module (an attempt that finishes before it starts).
func (l *trainingLoader) attempts(fsys fs.FS) error {
	rows := Open(fsys, "training_attempts.csv", Schema{
		Required: []string{"id", "step_id", "user_id", "started_at", "finished_at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		id := rows.Int64("id")
		a := learnstats.Attempt{ID: learnstats.AttemptID(strconv.FormatInt(id, 10)),
			Step: learnstats.StepID(rows.Ref("step_id", "module", l.isKind(scoring.StepModule))), Learner: l.ds.user(rows, "user_id"),
			Start: rows.RequiredTime("started_at"), Finish: rows.Time("finished_at")}
		training := l.stepOf[a.Step].training
		l.registeredIn(rows, "user_id", training, a.Learner)
		if rows.Err() != nil {
			break
		}
		_, err := scoring.ScoreAttempt(l.modules[a.Step], a)
		rows.Check(err)
		t := l.training(training)
		l.attemptAt[id] = attemptRef{l.index[training], len(t.Attempts)}
		t.Attempts = append(t.Attempts, a)
	}
	return rows.Err()
}

// answers reads training_answers.csv into the attempts' answers; package
// scoring checks the points against the activity's max score (S-1).
func (l *trainingLoader) answers(fsys fs.FS) error {
	rows := Open(fsys, "training_answers.csv", Schema{
		Required: []string{"attempt_id", "activity_id", "points"},
		Unique:   [][]string{{"attempt_id", "activity_id"}},
	})
	for rows.Next() {
		id, activity, points := rows.Int64("attempt_id"), learnstats.ActivityID(rows.Text("activity_id")), rows.Int("points")
		ref, ok := l.attemptAt[id]
		if !ok {
			rows.Fail("attempt_id", "unknown attempt %d", id)
		}
		if rows.Err() != nil {
			break
		}
		a := &l.out.Trainings[ref.training].Attempts[ref.attempt]
		module := l.modules[a.Step]
		i := slices.IndexFunc(module.Activities, func(x scoring.Activity) bool { return x.ID == activity })
		if i < 0 {
			rows.Fail("activity_id", "%q is not an activity of module %q of attempt %d", activity, a.Step, id)
			break
		}
		answer := learnstats.Answer{Activity: activity, Points: learnstats.WholePoints(int64(points))}
		one := *a
		one.Answers = []learnstats.Answer{answer}
		if _, err := scoring.ScoreAttempt(module, one); err != nil {
			rows.CheckCell("points", err)
			break
		}
		a.Answers = append(a.Answers, answer)
		if max := module.Activities[i].Max; max > 0 {
			l.questionAnswer(rows, *a, answer, max)
		}
	}
	return rows.Err()
}

// questionAnswer adds the 360Learning answer of an answer to an activity
// with a max score (S-12, S-13): its score is 100 × points / max, to 7
// decimals, rounded half away from zero.
func (l *trainingLoader) questionAnswer(rows *Rows, a learnstats.Attempt, an learnstats.Answer, max learnstats.Points) {
	score, err := learnstats.PointsFromDecimal(learnstats.NewRatio(100*int64(an.Points), int64(max)).Decimal(learnstats.PointsPrecision))
	rows.CheckCell("points", err)
	l.out.Answers = append(l.out.Answers, learnstats.QuestionAnswer{ID: string(a.ID) + "/" + string(an.Activity),
		Learner: a.Learner, Question: learnstats.QuestionID(an.Activity), Tags: l.tags[an.Activity], At: a.Start, Score: score})
}

// sessions reads training_sessions.csv: an attendance record per learner
// and live session, attended or marked absent.
func (l *trainingLoader) sessions(fsys fs.FS) error {
	rows := Open(fsys, "training_sessions.csv", Schema{
		Required: []string{"step_id", "user_id", "at", "attended"},
		Unique:   [][]string{{"step_id", "user_id"}},
	})
	for rows.Next() {
		a := scoring.Attendance{Step: learnstats.StepID(rows.Ref("step_id", "live session", l.isKind(scoring.StepLiveSession))),
			Learner: l.ds.user(rows, "user_id"), At: rows.RequiredTime("at"), Absent: !rows.Bool("attended")}
		training := l.stepOf[a.Step].training
		l.registeredIn(rows, "user_id", training, a.Learner)
		if rows.Err() == nil {
			t := l.training(training)
			t.Attendances = append(t.Attendances, a)
		}
	}
	return rows.Err()
}

// certificates reads training_certificates.csv; package certificates
// checks each one (C-3: an expiration before the delivery).
func (l *trainingLoader) certificates(fsys fs.FS) error {
	rows := Open(fsys, "training_certificates.csv", Schema{
		Required: []string{"training_id", "user_id", "delivered_at", "expires_at"},
		Unique:   [][]string{{"training_id", "user_id"}},
	})
	for rows.Next() {
		t := learnstats.TrainingID(rows.Ref("training_id", "training", l.isTraining))
		c := certificates.Certificate{User: l.ds.user(rows, "user_id"),
			Delivered: rows.RequiredTime("delivered_at"), Expires: rows.Time("expires_at")}
		c.ID = certificates.ID(string(t) + "/" + string(c.User)) // one per learner and training
		l.registeredIn(rows, "user_id", t, c.User)
		if rows.Err() == nil {
			// The ID is built and the delivery required: only the
			// expiration can be wrong.
			rows.CheckCell("expires_at", c.Validate())
			l.training(t).Certificates = append(l.training(t).Certificates, c)
		}
	}
	return rows.Err()
}

func (l *trainingLoader) logins(fsys fs.FS) error {
	rows := Open(fsys, "training_logins.csv", Schema{Required: []string{"user_id", "at"}})
	for rows.Next() {
		l.out.Logins = append(l.out.Logins, dashboard.Event{User: l.ds.user(rows, "user_id"), At: rows.RequiredTime("at")})
	}
	return rows.Err()
}

func (l *trainingLoader) assessments(fsys fs.FS) error {
	rows := Open(fsys, "training_assessments.csv", Schema{
		Required: []string{"id", "user_id", "name", "tags", "score", "at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		a := learnstats.AssessmentScore{ID: rows.Text("id"), Learner: l.ds.user(rows, "user_id"), Assessment: learnstats.AssessmentID(rows.Text("id")),
			At: rows.RequiredTime("at"), Score: learnstats.WholePoints(int64(rows.Int("score"))), Scored: true}
		for _, t := range rows.List("tags") {
			a.Tags = append(a.Tags, learnstats.TagID(t))
		}
		rows.Check(a.Validate())
		l.out.Assessments = append(l.out.Assessments, a)
	}
	return rows.Err()
}

// String describes the area's size, for logs.
func (t *Training) String() string {
	var steps, attempts, learners int
	for _, r := range t.Trainings {
		steps += len(r.Definition.Steps)
		attempts += len(r.Attempts)
		learners += len(r.Learners)
	}
	return fmt.Sprintf("%d trainings, %d top-level steps, %d attempts, %d registrations, %d logins",
		len(t.Trainings), steps, attempts, learners, len(t.Logins))
}
