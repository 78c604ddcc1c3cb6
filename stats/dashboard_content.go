package stats

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// TrainingStepInfo is a step of a training in the catalogue: its name and
// its position in the training (steps are listed by Position, ties by ID).
type TrainingStepInfo struct {
	// Training is the training the step belongs to; it must not be empty.
	Training TrainingID
	// ID identifies the step within its training; it must not be empty.
	ID TrainingStepID
	// Name is the step's display name; it may be empty.
	Name string
	// Position is the step's rank in the training, the first sort key of
	// the D-5 table (any integer, lowest first; ties by ID).
	Position int
}

// Validate reports an empty training or step ID as an error wrapping
// [ErrInvalidDashboardRecord].
func (s TrainingStepInfo) Validate() error {
	if s.Training == "" || s.ID == "" {
		return fmt.Errorf("%w: step %q of training %q: empty ID", ErrInvalidDashboardRecord, s.ID, s.Training)
	}
	return nil
}

// TrainingStepResult is what the training content dashboard needs to know
// about one learner's work on one step: a record means the learner has
// started the step (made an attempt at a module, was expected at a live
// session). One record per learner × step.
type TrainingStepResult struct {
	// Training is the step's training; it must not be empty.
	Training TrainingID
	// Step is the step within Training; it must not be empty. A step
	// missing from the catalogue is left out (counted in
	// [TrainingContentResult].ResultsUnknownStep).
	Step TrainingStepID
	// User is the learner; it must not be empty. A learner who is not a
	// member of the training at AsOf is left out (counted in
	// [TrainingContentResult].ResultsOutsideMembers).
	User learnstats.UserID
	// CompletedAt is when the step was completed (S-5); zero when not.
	CompletedAt time.Time
	// Score is the step score (S-3, S-7), integer percent 0–100, when
	// HasScore; a step without a finished attempt has no score.
	Score int
	// HasScore reports whether the learner has a score for the step; when
	// false the record counts in no average score (D-5) and Score must be 0.
	HasScore bool
	// TimeSpent is the time spent on the step (S-11), ≥ 0.
	TimeSpent time.Duration
}

// Validate checks the record and returns an error wrapping
// [ErrInvalidDashboardRecord] naming the training, step and user.
func (r TrainingStepResult) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: training %q step %q user %q: %s", ErrInvalidDashboardRecord, r.Training, r.Step, r.User, fmt.Sprintf(format, args...))
	}
	switch {
	case r.Training == "" || r.Step == "" || r.User == "":
		return bad("empty ID")
	case r.Score < 0 || r.Score > 100:
		return bad("score %d outside 0–100", r.Score)
	case !r.HasScore && r.Score != 0:
		return bad("score %d without HasScore", r.Score)
	case r.TimeSpent < 0:
		return bad("negative time spent %s", r.TimeSpent)
	}
	return nil
}

type trainingStep struct {
	training TrainingID
	step     TrainingStepID
}

type trainingStepUser struct {
	trainingStep
	user learnstats.UserID
}

type trainingStepFact struct {
	completedAt time.Time
	hasScore    bool
	score       int
	time        time.Duration
}

// TrainingContent is the accumulator of rule D-5, training content: per
// step of a training, the percentage of members who completed it, the
// average score and the average time spent, as of AsOf.
//
// Rule D-5. The members of a training are the learners registered in it
// strictly before AsOf ([TrainingContent.AddLearner]). For each step:
// % completed = 100 × members who completed the step before AsOf / all
// members (a member who never started the step counts in the denominator);
// the average score is over the members who have a score for the step; the
// average time is over the members who have a record for the step (who
// started it), rounded half away from zero to the second. Step results of
// users who are not members (unregistered, or registered at or after AsOf)
// and of steps not in the catalogue are left out and counted.
//
// Set AsOf before the first record: the accumulator freezes it then, and
// a later Add…, Merge or Result finds a changed AsOf an error wrapping
// [ErrDashboardMismatch]. The zero value is empty. Merge combines
// accumulators with the same AsOf (the same instant). It is not safe for
// concurrent use.
type TrainingContent struct {
	// AsOf is the instant the table is computed at (D-5): members are the
	// learners registered strictly before it, and a step counts as
	// completed when completed strictly before it. With the zero AsOf
	// nobody is a member.
	AsOf time.Time

	asOf    frozenConfig[time.Time]
	names   trainingNames
	steps   map[trainingStep]TrainingStepInfo
	members map[trainingUser]time.Time // registration times
	results map[trainingStepUser]trainingStepFact
}

// TrainingContentStep is one line of the D-5 table.
type TrainingContentStep struct {
	// Training is the step's training.
	Training TrainingID
	// Step is the step's ID within its training.
	Step TrainingStepID
	// Name is the step's name from the catalogue ([TrainingStepInfo]).
	Name string
	// Position is the step's position from the catalogue, the order of
	// [TrainingContentTraining].Steps.
	Position int
	// Members is the denominator of Completion: the training's members.
	Members int
	// Completed is the number of members who completed the step before
	// AsOf.
	Completed int
	// Completion is 100 × Completed / Members in percent, exact; no value
	// for a training without members. Shown rounded: Completion.Round().
	Completion DashboardRatio
	// Scored is the number of members with a score for the step.
	Scored int
	// AvgScore is the mean score of those members, in percent 0–100,
	// exact; no value when Scored is 0. Shown rounded: AvgScore.Round().
	AvgScore DashboardRatio
	// Started is the number of members with a record for the step (who
	// started it).
	Started int
	// TimeSpent is the total time those members spent on the step (S-11),
	// ≥ 0.
	TimeSpent time.Duration
	// AvgTimeSpent is TimeSpent / Started rounded half away from zero to
	// the whole second (D-5); 0 when Started is 0.
	AvgTimeSpent time.Duration
}

// TrainingContentTraining is the D-5 table of one training.
type TrainingContentTraining struct {
	// Training is the training's ID.
	Training TrainingID
	// Name is the training's catalogue name; empty when the training was
	// not added with [TrainingContent.AddTraining] (it is known only from a
	// step or a learner record).
	Name string
	// Members is the number of learners registered strictly before AsOf,
	// the denominator of every step's Completion (D-5); 0 for none.
	Members int
	// Steps are ordered by position, ties by step ID.
	Steps []TrainingContentStep
}

// TrainingContentResult is the result of rule D-5.
type TrainingContentResult struct {
	// Trainings are ordered by name, ties by ID: every training of the
	// catalogue, or named by a step or a learner.
	Trainings []TrainingContentTraining
	// ResultsOutsideMembers counts step results of users who are not
	// members of the training at AsOf (left out).
	ResultsOutsideMembers int
	// ResultsUnknownStep counts step results of steps that are not in the
	// catalogue (left out).
	ResultsUnknownStep int
}

// AddTraining adds a training of the catalogue (see
// [TrainingProgress.AddTraining]).
func (c *TrainingContent) AddTraining(t TrainingInfo) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := c.hold(); err != nil {
		return err
	}
	return c.names.add(t)
}

// hold freezes AsOf at the first record, then checks it is unchanged.
func (c *TrainingContent) hold() error {
	_, err := dashboardAsOf(&c.asOf, c.AsOf, "training content", sameInstant, true)
	return err
}

// AddStep adds a step of the catalogue. The same step again with another
// name or position is an error wrapping [ErrInvalidDashboardRecord].
func (c *TrainingContent) AddStep(s TrainingStepInfo) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := c.hold(); err != nil {
		return err
	}
	k := trainingStep{s.Training, s.ID}
	if old, ok := c.steps[k]; ok && old != s {
		return fmt.Errorf("%w: step %q of training %q given twice differently", ErrInvalidDashboardRecord, s.ID, s.Training)
	}
	if c.steps == nil {
		c.steps = make(map[trainingStep]TrainingStepInfo)
	}
	c.steps[k] = s
	return nil
}

// AddLearner adds a learner × training record: a member of the training
// when registered before AsOf. A second record for the pair is an error
// wrapping [ErrInvalidDashboardRecord].
func (c *TrainingContent) AddLearner(l TrainingLearner) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := c.hold(); err != nil {
		return err
	}
	k := trainingUser{l.Training, l.User}
	if _, dup := c.members[k]; dup {
		return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, l.Training, l.User)
	}
	if c.members == nil {
		c.members = make(map[trainingUser]time.Time)
	}
	c.members[k] = l.RegisteredAt
	return nil
}

// AddStepResult adds a learner × step record. An invalid record or a
// second one for the same learner and step is an error wrapping
// [ErrInvalidDashboardRecord].
func (c *TrainingContent) AddStepResult(r TrainingStepResult) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := c.hold(); err != nil {
		return err
	}
	k := trainingStepUser{trainingStep{r.Training, r.Step}, r.User}
	if _, dup := c.results[k]; dup {
		return fmt.Errorf("%w: training %q step %q user %q: recorded twice", ErrInvalidDashboardRecord, r.Training, r.Step, r.User)
	}
	if c.results == nil {
		c.results = make(map[trainingStepUser]trainingStepFact)
	}
	c.results[k] = trainingStepFact{completedAt: r.CompletedAt, hasScore: r.HasScore, score: r.Score, time: r.TimeSpent}
	return nil
}

// Merge adds o's records to c. Different AsOf (or one changed after the
// first record) is an error wrapping [ErrDashboardMismatch]; a record in
// both, or a step or training given differently, is an error wrapping
// [ErrInvalidDashboardRecord]. o is not modified; after an error about a
// step or a training name c may hold part of o.
func (c *TrainingContent) Merge(o *TrainingContent) error {
	if o == nil {
		return nil // a nil accumulator is empty
	}
	if err := dashboardMergeAsOf(&c.asOf, c.AsOf, &o.asOf, o.AsOf, "training content", sameInstant); err != nil {
		return err
	}
	for k := range o.members {
		if _, dup := c.members[k]; dup {
			return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, k.training, k.user)
		}
	}
	for k := range o.results {
		if _, dup := c.results[k]; dup {
			return fmt.Errorf("%w: training %q step %q user %q: recorded twice", ErrInvalidDashboardRecord, k.training, k.step, k.user)
		}
	}
	c.asOf.hold(c.AsOf, sameInstant)
	if err := c.names.merge(o.names); err != nil {
		return err
	}
	for _, s := range o.steps {
		if err := c.AddStep(s); err != nil {
			return err
		}
	}
	if len(o.members) > 0 && c.members == nil {
		c.members = make(map[trainingUser]time.Time, len(o.members))
	}
	for k, v := range o.members {
		c.members[k] = v
	}
	if len(o.results) > 0 && c.results == nil {
		c.results = make(map[trainingStepUser]trainingStepFact, len(o.results))
	}
	for k, v := range o.results {
		c.results[k] = v
	}
	return nil
}

// Result returns the per-training, per-step table. An AsOf changed after
// the first record is an error wrapping [ErrDashboardMismatch]; a step's
// total time spent that does not fit a [time.Duration] an error wrapping
// [learnstats.ErrOverflow] naming the step.
func (c *TrainingContent) Result() (TrainingContentResult, error) {
	asOf, err := dashboardAsOf(&c.asOf, c.AsOf, "training content", sameInstant, false)
	if err != nil {
		return TrainingContentResult{}, err
	}
	type stepSums struct {
		completed, scored, started int
		scoreSum                   int64
		time                       time.Duration
	}
	members := make(map[TrainingID]int)
	trainings := make(map[TrainingID]bool)
	for id := range c.names {
		trainings[id] = true
	}
	member := func(k trainingUser) bool {
		at, ok := c.members[k]
		return ok && at.Before(asOf)
	}
	for k := range c.members {
		trainings[k.training] = true
		if member(k) {
			members[k.training]++
		}
	}
	for k := range c.steps {
		trainings[k.training] = true
	}
	res := TrainingContentResult{Trainings: []TrainingContentTraining{}}
	sums := make(map[trainingStep]*stepSums, len(c.steps))
	for k := range c.steps {
		sums[k] = &stepSums{}
	}
	for k, f := range c.results {
		s, ok := sums[k.trainingStep]
		if !ok {
			res.ResultsUnknownStep++
			continue
		}
		if !member(trainingUser{k.training, k.user}) {
			res.ResultsOutsideMembers++
			continue
		}
		s.started++
		t, ok := sum(s.time, f.time) // Rule D-5: the time sum is checked.
		if !ok {
			return TrainingContentResult{}, errOverflow("training %q step %q: time spent of the members who started it (at user %q)",
				k.training, k.step, k.user)
		}
		s.time = t
		if !f.completedAt.IsZero() && f.completedAt.Before(asOf) {
			s.completed++
		}
		if f.hasScore {
			s.scored++
			s.scoreSum += int64(f.score) // ≤ 100 per member: cannot overflow
		}
	}
	byTraining := make(map[TrainingID][]TrainingContentStep)
	for k, info := range c.steps {
		s := sums[k]
		n := members[k.training]
		avg, ok := dashboardAvgDuration(s.time, int64(s.started))
		if !ok {
			return TrainingContentResult{}, errOverflow("training %q step %q: average time spent %s rounded to the second", k.training, k.step, s.time)
		}
		byTraining[k.training] = append(byTraining[k.training], TrainingContentStep{
			Training: k.training, Step: k.step, Name: info.Name, Position: info.Position,
			Members: n, Completed: s.completed,
			Completion: dashboardRatioOfInts(100*int64(s.completed), int64(n)),
			Scored:     s.scored, AvgScore: dashboardRatioOfInts(s.scoreSum, int64(s.scored)),
			Started: s.started, TimeSpent: s.time, AvgTimeSpent: avg,
		})
	}
	for id := range trainings {
		steps := byTraining[id]
		if steps == nil {
			steps = []TrainingContentStep{}
		}
		slices.SortFunc(steps, func(a, b TrainingContentStep) int {
			return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Step, b.Step))
		})
		res.Trainings = append(res.Trainings, TrainingContentTraining{
			Training: id, Name: c.names[id], Members: members[id], Steps: steps,
		})
	}
	slices.SortFunc(res.Trainings, func(a, b TrainingContentTraining) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Training, b.Training))
	})
	return res, nil
}

// Training returns the table of one training, and whether it is in the
// result.
func (r TrainingContentResult) Training(id TrainingID) (TrainingContentTraining, bool) {
	for _, t := range r.Trainings {
		if t.Training == id {
			return t, true
		}
	}
	return TrainingContentTraining{}, false
}

// ComputeTrainingContent is shorthand for a [TrainingContent] at asOf fed
// the catalogue, the steps, the learners and the step results (rule D-5).
// A nil sequence is empty.
func ComputeTrainingContent(trainings iter.Seq[TrainingInfo], steps iter.Seq[TrainingStepInfo],
	learners iter.Seq[TrainingLearner], results iter.Seq[TrainingStepResult], asOf time.Time) (TrainingContentResult, error) {
	c := TrainingContent{AsOf: asOf}
	for t := range dashboardSeq(trainings) {
		if err := c.AddTraining(t); err != nil {
			return TrainingContentResult{}, err
		}
	}
	for s := range dashboardSeq(steps) {
		if err := c.AddStep(s); err != nil {
			return TrainingContentResult{}, err
		}
	}
	for l := range dashboardSeq(learners) {
		if err := c.AddLearner(l); err != nil {
			return TrainingContentResult{}, err
		}
	}
	for r := range dashboardSeq(results) {
		if err := c.AddStepResult(r); err != nil {
			return TrainingContentResult{}, err
		}
	}
	return c.Result()
}
