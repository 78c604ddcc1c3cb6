package stats

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
)

// TrainingClass is a class (a group of users) for rule D-3: its members
// and the trainings the class is registered in.
type TrainingClass struct {
	// ID identifies the class (a group); it must not be empty.
	ID learnstats.GroupID
	// Members are the class members' user IDs; none may be empty. Order is
	// irrelevant and a repeated ID counts once. An empty list restricts the
	// figures to nobody.
	Members []learnstats.UserID
	// Trainings lists the class's training registrations.
	Trainings []TrainingClassRegistration
}

// TrainingClassRegistration says that a class is registered in a training
// since RegisteredAt: every member of the class is a learner of the
// training from then on.
type TrainingClassRegistration struct {
	// Training is the training the class is registered in; it must not be
	// empty, nor listed twice in one class.
	Training TrainingID
	// RegisteredAt is when the class was registered in the training; it
	// must not be zero. A member without their own record is a learner of
	// the training from this instant (D-3).
	RegisteredAt time.Time
}

// Validate reports an empty class, member or training ID, a zero
// registration time or a training listed twice, as an error wrapping
// [ErrInvalidDashboardRecord] naming the class.
func (c *TrainingClass) Validate() error {
	if c.ID == "" {
		return fmt.Errorf("%w: class with empty ID", ErrInvalidDashboardRecord)
	}
	for _, m := range c.Members {
		if m == "" {
			return fmt.Errorf("%w: class %q: member with empty user ID", ErrInvalidDashboardRecord, c.ID)
		}
	}
	seen := make(map[TrainingID]bool, len(c.Trainings))
	for _, r := range c.Trainings {
		switch {
		case r.Training == "":
			return fmt.Errorf("%w: class %q: registration with empty training ID", ErrInvalidDashboardRecord, c.ID)
		case r.RegisteredAt.IsZero():
			return fmt.Errorf("%w: class %q: training %q: no registration time", ErrInvalidDashboardRecord, c.ID, r.Training)
		case seen[r.Training]:
			return fmt.Errorf("%w: class %q: training %q registered twice", ErrInvalidDashboardRecord, c.ID, r.Training)
		}
		seen[r.Training] = true
	}
	return nil
}

// trainingClassDef is a validated class in canonical form: the whole
// definition a D-3 accumulator freezes and compares (ID, members and
// trainings with their registration instants), with the look-ups Add
// needs.
type trainingClassDef struct {
	id        learnstats.GroupID
	members   []learnstats.UserID // sorted, each once
	regs      []TrainingClassRegistration
	isMember  map[learnstats.UserID]bool
	trainings map[TrainingID]bool
}

// newTrainingClassDef validates c and returns its canonical form; nil for
// a nil class (D-2, no restriction).
func newTrainingClassDef(c *TrainingClass) (*trainingClassDef, error) {
	if c == nil {
		return nil, nil
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	d := &trainingClassDef{id: c.ID,
		members:   slices.Compact(slices.Sorted(slices.Values(c.Members))),
		regs:      slices.Clone(c.Trainings),
		isMember:  make(map[learnstats.UserID]bool, len(c.Members)),
		trainings: make(map[TrainingID]bool, len(c.Trainings))}
	slices.SortFunc(d.regs, func(a, b TrainingClassRegistration) int { return cmp.Compare(a.Training, b.Training) })
	for _, m := range d.members {
		d.isMember[m] = true
	}
	for _, r := range d.regs {
		d.trainings[r.Training] = true
	}
	return d, nil
}

func (d *trainingClassDef) equal(o *trainingClassDef) bool {
	if d == nil || o == nil {
		return d == nil && o == nil
	}
	return d.id == o.id && slices.Equal(d.members, o.members) &&
		slices.EqualFunc(d.regs, o.regs, func(a, b TrainingClassRegistration) bool {
			return a.Training == b.Training && sameInstant(a.RegisteredAt, b.RegisteredAt)
		})
}

// trainingProgressFact is what D-2 keeps of one learner × training record
// (evaluated against the cutoff in Result).
type trainingProgressFact struct {
	registeredAt, completedAt, expiresAt time.Time
	progress                             decimal.Decimal
}

// TrainingProgress is the accumulator of rules D-2 (training progress and
// completion at a cutoff) and, with Class set, D-3 (class statistics).
//
// Rule D-2. For one training at the cutoff: the learners are those
// registered strictly before Cutoff (later registrations are counted in
// NotRegisteredYet and left out); progress is the mean of their progress
// (S-8); completion is the share of them who completed the training
// strictly before Cutoff (S-10). A learner whose certificate has expired at
// the cutoff (CertificateExpiresAt <= Cutoff) stays in the denominator and
// counts as 0 progress and not completed. The global figures are the
// unweighted mean over trainings of the per-training figures; trainings are
// keyed by ID, so two trainings with the same name stay separate, and a
// training without learners has no figure and is left out of the global
// mean (counted in TrainingsWithoutLearners).
//
// Rule D-3. With Class set, the figures are restricted to the class's
// members and to the trainings the class is registered in: records of
// other users or trainings are counted in OutsideClass. A member with no
// record for a class training is a learner of it since the class's
// registration (members × trainings), with 0 progress and not completed;
// they are counted in ClassMembersWithoutRecord.
//
// The progress a record carries is taken as it is: compute it at the cutoff
// (scoring's S-8 over the answers before the cutoff) when the cutoff is in
// the past.
//
// Set Cutoff and Class before the first record: the accumulator freezes
// them then (a copy of the whole class). A later Add finds a new Cutoff, a
// new *TrainingClass or a class whose ID or list lengths changed an error
// wrapping [ErrDashboardMismatch]; Merge and Result compare the whole class
// (members and trainings), so no change goes unnoticed. The zero value is
// empty. Merge combines accumulators with the same Cutoff and the same
// class definition (compared by contents, not by pointer). It is not safe
// for concurrent use.
type TrainingProgress struct {
	// Cutoff is the instant the figures are computed at (D-2): learners
	// registered strictly before it count, completions strictly before it
	// count, and a certificate with CertificateExpiresAt <= Cutoff has
	// expired. With the zero Cutoff nobody is registered yet.
	Cutoff time.Time
	// Class, when not nil, restricts the figures to its members and its
	// trainings (D-3); nil means every record counts (D-2). Set it before
	// the first record and do not change the class afterwards.
	Class *TrainingClass

	cfg   frozenConfig[progressConfig]
	names trainingNames
	facts map[trainingUser]trainingProgressFact
	// outside counts records outside the class (D-3).
	outside int
}

// progressConfig is what a [TrainingProgress] freezes: the cutoff, the
// class pointer and the shape it had (for Add's cheap check), and the
// class's whole definition.
type progressConfig struct {
	cutoff time.Time
	ptr    *TrainingClass
	shape  trainingClassShape
	class  *trainingClassDef
}

// trainingClassShape is what Add compares of the live class on each
// record: cheap, and enough to catch a replaced or appended list.
type trainingClassShape struct {
	id                 learnstats.GroupID
	members, trainings int
}

func classShape(c *TrainingClass) trainingClassShape {
	if c == nil {
		return trainingClassShape{}
	}
	return trainingClassShape{c.ID, len(c.Members), len(c.Trainings)}
}

func (c progressConfig) sameDefinition(o progressConfig) bool {
	return sameInstant(c.cutoff, o.cutoff) && c.class.equal(o.class)
}

// config returns the configuration the records were added under, after
// checking that Cutoff and Class still are that configuration: cheaply
// (deep false: pointer, cutoff and shape) or against the whole class (deep
// true). freeze keeps the configuration at the first record.
func (p *TrainingProgress) config(deep, freeze bool) (progressConfig, error) {
	if p.cfg.set {
		f := p.cfg.c
		if !deep && f.ptr == p.Class && classShape(p.Class) == f.shape && sameInstant(f.cutoff, p.Cutoff) {
			return f, nil
		}
		def, err := newTrainingClassDef(p.Class)
		if err != nil || !sameInstant(f.cutoff, p.Cutoff) || !f.class.equal(def) {
			return progressConfig{}, fmt.Errorf("%w: training progress: cutoff or class changed after the first record (cutoff %s, now %s)",
				ErrDashboardMismatch, f.cutoff.Format(time.RFC3339Nano), p.Cutoff.Format(time.RFC3339Nano))
		}
		return f, nil
	}
	def, err := newTrainingClassDef(p.Class)
	if err != nil {
		return progressConfig{}, err
	}
	c := progressConfig{cutoff: p.Cutoff, ptr: p.Class, shape: classShape(p.Class), class: def}
	if freeze {
		p.cfg.hold(c, progressConfig.sameDefinition)
	}
	return c, nil
}

// TrainingProgressFigures are the D-2 figures of one training.
type TrainingProgressFigures struct {
	// Training is the training's ID.
	Training TrainingID
	// Name is the training's catalogue name; empty when the training was
	// not added with [TrainingProgress.AddTraining].
	Name string
	// Learners is the denominator: learners registered before the cutoff,
	// expired ones included.
	Learners int
	// Completed is the number of learners who completed the training
	// before the cutoff and whose certificate has not expired.
	Completed int
	// Expired is the number of learners whose certificate had expired at
	// the cutoff (in Learners, counted as 0 progress, not completed).
	Expired int
	// NotRegisteredYet is the number of records registered at or after the
	// cutoff, left out.
	NotRegisteredYet int
	// Progress is the mean progress in percent (0–100), exact; no value
	// when Learners is 0. Opigno shows it rounded: Progress.Round().
	Progress DashboardRatio
	// Completion is 100 × Completed / Learners, in percent, exact; no value
	// when Learners is 0.
	Completion DashboardRatio
}

// TrainingProgressGlobal are the global D-2 figures over several
// trainings.
type TrainingProgressGlobal struct {
	// Progress is the unweighted mean, over the trainings with at least
	// one learner, of their Progress, in percent 0–100, exact (D-2); no
	// value when no training has a learner.
	Progress DashboardRatio
	// Completion is the unweighted mean, over the same trainings, of their
	// Completion, in percent 0–100, exact (D-2); no value when no training
	// has a learner.
	Completion DashboardRatio
	// Trainings is the number of trainings the means are over.
	Trainings int
	// TrainingsWithoutLearners is the number of trainings listed but left
	// out of the means because nobody was registered before the cutoff.
	TrainingsWithoutLearners int
}

// TrainingProgressResult is the result of rules D-2 and D-3.
type TrainingProgressResult struct {
	// Trainings holds one entry per training, ordered by name, ties by ID.
	// Without a class: every training added with AddTraining or named by a
	// record. With a class: the trainings the class is registered in.
	Trainings []TrainingProgressFigures
	// Global holds the figures over all of Trainings (D-2).
	Global TrainingProgressGlobal
	// OutsideClass is the number of records left out because their user is
	// not a class member or their training is not one of the class's (D-3).
	OutsideClass int
	// ClassMembersWithoutRecord is the number of member × class training
	// pairs with no record (D-3). Each counts as a learner with 0 progress
	// from the class's registration in the training, or in the training's
	// NotRegisteredYet when that registration is at or after the cutoff.
	ClassMembersWithoutRecord int
}

// AddTraining adds a training of the catalogue, so that it appears in the
// result even without learners. The same ID with another name is an error
// wrapping [ErrInvalidDashboardRecord]; a changed Cutoff or Class one
// wrapping [ErrDashboardMismatch].
func (p *TrainingProgress) AddTraining(t TrainingInfo) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if _, err := p.config(false, true); err != nil {
		return err
	}
	return p.names.add(t)
}

// Add counts one learner × training record. An invalid record, a class
// that does not validate or a second record for the same learner and
// training is an error wrapping [ErrInvalidDashboardRecord]; a changed
// Cutoff or Class one wrapping [ErrDashboardMismatch].
func (p *TrainingProgress) Add(l TrainingLearner) error {
	if err := l.Validate(); err != nil {
		return err
	}
	c, err := p.config(false, true)
	if err != nil {
		return err
	}
	if c.class != nil && (!c.class.isMember[l.User] || !c.class.trainings[l.Training]) {
		out, ok := sum(p.outside, 1)
		if !ok {
			return errOverflow("training %q user %q: count of records outside the class", l.Training, l.User)
		}
		p.outside = out
		return nil
	}
	key := trainingUser{l.Training, l.User}
	if _, dup := p.facts[key]; dup {
		return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, l.Training, l.User)
	}
	if p.facts == nil {
		p.facts = make(map[trainingUser]trainingProgressFact)
	}
	p.facts[key] = trainingProgressFact{registeredAt: l.RegisteredAt, completedAt: l.CompletedAt,
		expiresAt: l.CertificateExpiresAt, progress: l.Progress}
	return nil
}

// Merge adds o's trainings and records to p. Different cutoffs or class
// definitions (compared member by member and training by training), or a
// Cutoff or Class changed after the first record in either, are an error
// wrapping [ErrDashboardMismatch]; a learner × training in both, or a
// training named differently, is an error wrapping
// [ErrInvalidDashboardRecord]; a count that would overflow one wrapping
// [learnstats.ErrOverflow]. After a mismatch p is unchanged; after another
// error p may hold part of o.
func (p *TrainingProgress) Merge(o *TrainingProgress) error {
	if o == nil {
		return nil // a nil accumulator is empty
	}
	oc, err := o.config(true, false)
	if err != nil {
		return err
	}
	pc, err := p.config(true, false)
	if err != nil {
		return err
	}
	if !pc.sameDefinition(oc) {
		return fmt.Errorf("%w: training progress: cutoff %s vs %s or different classes", ErrDashboardMismatch,
			pc.cutoff.Format(time.RFC3339Nano), oc.cutoff.Format(time.RFC3339Nano))
	}
	for k := range o.facts {
		if _, dup := p.facts[k]; dup {
			return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, k.training, k.user)
		}
	}
	outside, ok := sum(p.outside, o.outside)
	if !ok {
		return errOverflow("training progress: merge: count of records outside the class")
	}
	if _, err := p.config(false, true); err != nil {
		return err
	}
	if err := p.names.merge(o.names); err != nil {
		return err
	}
	if p.facts == nil && len(o.facts) > 0 {
		p.facts = make(map[trainingUser]trainingProgressFact, len(o.facts))
	}
	for k, f := range o.facts {
		p.facts[k] = f
	}
	p.outside = outside
	return nil
}

// Result returns the per-training and global figures. A Cutoff or Class
// changed after the first record (anything in the class included) is an
// error wrapping [ErrDashboardMismatch]; a class that does not validate
// one wrapping [ErrInvalidDashboardRecord].
func (p *TrainingProgress) Result() (TrainingProgressResult, error) {
	c, err := p.config(true, false)
	if err != nil {
		return TrainingProgressResult{}, err
	}
	type sums struct {
		learners, completed, expired, notYet int
		// Integer progress values (the usual S-8 output) are summed in
		// intProgress without allocating; others exactly in progress.
		intProgress int64
		progress    decimal.Decimal
	}
	per := make(map[TrainingID]*sums)
	get := func(id TrainingID) *sums {
		s := per[id]
		if s == nil {
			s = &sums{}
			per[id] = s
		}
		return s
	}
	res := TrainingProgressResult{OutsideClass: p.outside, Trainings: []TrainingProgressFigures{}}
	if c.class != nil {
		for _, r := range c.class.regs {
			s := get(r.Training)
			// Rule D-3: members × trainings; a member without a record is
			// a learner since the class registration, with 0 progress.
			for _, m := range c.class.members {
				if _, ok := p.facts[trainingUser{r.Training, m}]; ok {
					continue
				}
				res.ClassMembersWithoutRecord++
				if r.RegisteredAt.Before(c.cutoff) {
					s.learners++
				} else {
					s.notYet++
				}
			}
		}
	} else {
		for id := range p.names {
			get(id)
		}
	}
	for k, f := range p.facts {
		s := get(k.training)
		l := TrainingLearner{RegisteredAt: f.registeredAt, CompletedAt: f.completedAt, CertificateExpiresAt: f.expiresAt}
		switch {
		case !l.RegisteredAt.Before(c.cutoff):
			s.notYet++
		case l.expiredAt(c.cutoff):
			// Rule D-2: an expired certificate counts as 0 progress, not
			// completed.
			s.learners++
			s.expired++
		default:
			s.learners++
			if l.completedBefore(c.cutoff) {
				s.completed++
			}
			if f.progress.Exponent() == 0 {
				s.intProgress += f.progress.CoefficientInt64() // ≤ 100: validated
			} else {
				s.progress = s.progress.Add(f.progress)
			}
		}
	}
	var progs, comps []DashboardRatio
	for id, s := range per {
		fig := TrainingProgressFigures{
			Training: id, Name: p.names[id],
			Learners: s.learners, Completed: s.completed, Expired: s.expired, NotRegisteredYet: s.notYet,
			Progress:   NewDashboardRatio(s.progress.Add(decimal.NewFromInt(s.intProgress)), int64(s.learners)),
			Completion: dashboardRatioOfInts(100*int64(s.completed), int64(s.learners)),
		}
		res.Trainings = append(res.Trainings, fig)
		if s.learners == 0 {
			res.Global.TrainingsWithoutLearners++
			continue
		}
		res.Global.Trainings++
		progs = append(progs, fig.Progress)
		comps = append(comps, fig.Completion)
	}
	// Rule D-2: global figures are the unweighted mean over trainings.
	res.Global.Progress = dashboardMeanOfRatios(progs)
	res.Global.Completion = dashboardMeanOfRatios(comps)
	slices.SortFunc(res.Trainings, func(a, b TrainingProgressFigures) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Training, b.Training))
	})
	return res, nil
}

// ComputeTrainingProgress is shorthand for a [TrainingProgress] at cutoff
// fed the catalogue trainings and then the learners (rule D-2). trainings
// may be nil; a nil sequence is empty.
func ComputeTrainingProgress(trainings iter.Seq[TrainingInfo], learners iter.Seq[TrainingLearner], cutoff time.Time) (TrainingProgressResult, error) {
	p := TrainingProgress{Cutoff: cutoff}
	return p.feed(trainings, learners)
}

// ComputeClassStatistics is shorthand for a [TrainingProgress] at cutoff
// restricted to class (rule D-3). trainings, which may be nil, supplies the
// trainings' names.
func ComputeClassStatistics(class TrainingClass, trainings iter.Seq[TrainingInfo], learners iter.Seq[TrainingLearner], cutoff time.Time) (TrainingProgressResult, error) {
	if err := class.Validate(); err != nil {
		return TrainingProgressResult{}, err
	}
	p := TrainingProgress{Cutoff: cutoff, Class: &class}
	return p.feed(trainings, learners)
}

func (p *TrainingProgress) feed(trainings iter.Seq[TrainingInfo], learners iter.Seq[TrainingLearner]) (TrainingProgressResult, error) {
	for t := range dashboardSeq(trainings) {
		if err := p.AddTraining(t); err != nil {
			return TrainingProgressResult{}, err
		}
	}
	for l := range dashboardSeq(learners) {
		if err := p.Add(l); err != nil {
			return TrainingProgressResult{}, err
		}
	}
	return p.Result()
}
