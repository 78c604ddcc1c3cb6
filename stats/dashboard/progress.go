package dashboard

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Class is a class (a group of learners) registered in trainings: Rule
// D-3 restricts the progress figures to its members and its trainings.
type Class struct {
	// ID identifies the class.
	ID learnstats.GroupID
	// Members are the class's learners (a member listed twice counts once).
	Members []learnstats.UserID
	// Trainings are the trainings the class is registered in, each once.
	Trainings []ClassTraining
}

// ClassTraining is a class's registration in a training: its members are
// learners of it since RegisteredAt, even without a record of their own.
type ClassTraining struct {
	Training     learnstats.TrainingID
	RegisteredAt time.Time
}

// validate reports an empty ID, an empty member, a registration without a
// training or time, or a training registered twice.
func (c Class) validate() error {
	if c.ID == "" {
		return fmt.Errorf("dashboard: class with an empty ID: %w", learnstats.ErrInvalidRecord)
	}
	for _, m := range c.Members {
		if m == "" {
			return fmt.Errorf("dashboard: class %q: member with an empty user ID: %w", c.ID, learnstats.ErrInvalidRecord)
		}
	}
	seen := map[learnstats.TrainingID]bool{}
	for _, r := range c.Trainings {
		switch {
		case r.Training == "":
			return fmt.Errorf("dashboard: class %q: registration without a training: %w", c.ID, learnstats.ErrInvalidRecord)
		case r.RegisteredAt.IsZero():
			return fmt.Errorf("dashboard: class %q: training %q: no registration time: %w", c.ID, r.Training, learnstats.ErrInvalidRecord)
		case seen[r.Training]:
			return fmt.Errorf("dashboard: class %q: training %q registered twice: %w", c.ID, r.Training, learnstats.ErrInvalidRecord)
		}
		seen[r.Training] = true
	}
	return nil
}

// ProgressReport holds the figures of Rules D-2 and D-3.
type ProgressReport struct {
	// Trainings holds one line per training, ordered by name, then ID.
	Trainings []TrainingProgress
	// Global is the unweighted mean over the trainings with learners.
	Global GlobalProgress
	// OutsideClass counts the learner results left out because the
	// learner is not a member of the class or the training is not one of
	// its trainings (D-3 only).
	OutsideClass int
	// ClassMembersWithoutRecord counts the class members × class trainings
	// without a result: learners since the class's registration, with 0
	// progress and not completed (D-3 only).
	ClassMembersWithoutRecord int
}

// TrainingProgress is one training's line of Rule D-2.
type TrainingProgress struct {
	// Training and Name identify the training.
	Training learnstats.TrainingID
	Name     string
	// Learners counts the learners registered before asOf, expired ones
	// included; Completed those who completed the training before asOf,
	// certificate not expired; Expired those whose certificate has
	// expired.
	Learners, Completed, Expired int
	// NotRegisteredYet counts the learners registered at or after asOf,
	// left out.
	NotRegisteredYet int
	// Progress is the mean of the learners' progress (S-8, each the
	// integer percent S-8 shows), an expired learner counting 0; no value
	// without learners.
	Progress learnstats.Ratio
	// Completion is 100 × Completed / Learners, percent; no value without
	// learners.
	Completion learnstats.Ratio
}

// GlobalProgress is Rule D-2's global figures: the unweighted mean over
// trainings of the per-training figures.
type GlobalProgress struct {
	// Progress and Completion are the means of the trainings' figures, in
	// percent; no value when no training has a learner.
	Progress, Completion learnstats.Ratio
	// Trainings counts the trainings in the mean; TrainingsWithoutLearners
	// those left out of it (no learner: no figure, not 0).
	Trainings, TrainingsWithoutLearners int
}

// Progress computes Rule D-2 at asOf over the trainings.
//
// Rule D-2. For one training at asOf: the learners are those registered
// strictly before asOf (later ones are counted in NotRegisteredYet and left
// out); progress = mean of the learners' progress (S-8); completion =
// learners who completed the training before asOf / learners registered
// before it. Learners whose certificate has expired at asOf stay in the
// denominator and count as 0 progress, not completed. Global figures over
// several trainings are the unweighted mean over trainings (trainings are
// keyed by ID, not by name, so two trainings with the same name stay
// separate); a training with no learner has no figure (no value, not 0)
// and is left out of the global mean (counted in
// TrainingsWithoutLearners).
//
// Each training's results must be computed at asOf (package scoring, Rule
// S-15), so that progress and completion are those of asOf. Two trainings
// with the same ID are an error wrapping [learnstats.ErrInvalidRecord].
func Progress(asOf time.Time, trainings []Training) (ProgressReport, error) {
	return progress(asOf, trainings, nil)
}

// ClassProgress computes Rule D-3 at asOf: Rule D-2's figures restricted to
// the members of the class and to the trainings the class is registered
// in (members × trainings). Results of other learners or trainings are
// counted in OutsideClass. A member with no result for a class training is
// a learner of it since the class's registration, with 0 progress and not
// completed (counted in ClassMembersWithoutRecord). A class training
// missing from trainings is an error wrapping [learnstats.ErrInvalidRecord].
func ClassProgress(asOf time.Time, class Class, trainings []Training) (ProgressReport, error) {
	if err := class.validate(); err != nil {
		return ProgressReport{}, err
	}
	return progress(asOf, trainings, &class)
}

// progressSums are one training's counts.
type progressSums struct {
	learners, completed, expired, notYet int
	progress                             int64 // Σ integer progress, each ≤ 100
}

func progress(asOf time.Time, trainings []Training, class *Class) (ProgressReport, error) {
	var rep ProgressReport
	byID := map[learnstats.TrainingID]Training{}
	for _, t := range trainings {
		if err := t.check(asOf); err != nil {
			return ProgressReport{}, err
		}
		id := t.Results.Training.ID
		if _, dup := byID[id]; dup {
			return ProgressReport{}, fmt.Errorf("dashboard: training %q given twice: %w", id, learnstats.ErrInvalidRecord)
		}
		byID[id] = t
	}
	// The trainings reported: all of them (D-2), or the class's (D-3).
	var ids []learnstats.TrainingID
	members := map[learnstats.UserID]bool{}
	classAt := map[learnstats.TrainingID]time.Time{}
	if class == nil {
		for id := range byID {
			ids = append(ids, id)
		}
	} else {
		for _, m := range class.Members {
			members[m] = true
		}
		for _, r := range class.Trainings {
			if _, ok := byID[r.Training]; !ok {
				return ProgressReport{}, fmt.Errorf("dashboard: class %q: training %q has no results: %w", class.ID, r.Training, learnstats.ErrInvalidRecord)
			}
			ids = append(ids, r.Training)
			classAt[r.Training] = r.RegisteredAt
		}
		for id, t := range byID {
			if _, ok := classAt[id]; !ok {
				rep.OutsideClass += len(t.Results.Learners)
			}
		}
	}
	var progs, comps []learnstats.Ratio
	for _, id := range ids {
		t := byID[id]
		expired, err := t.expired(asOf)
		if err != nil {
			return ProgressReport{}, err
		}
		var s progressSums
		seen := map[learnstats.UserID]bool{}
		for _, r := range t.Results.Learners {
			if class != nil && !members[r.Learner] {
				rep.OutsideClass++
				continue
			}
			seen[r.Learner] = true
			switch {
			case !registeredBefore(r, asOf):
				s.notYet++
			case expired[r.Learner]:
				s.learners++
				s.expired++
			default:
				s.learners++
				if r.Completed {
					s.completed++
				}
				s.progress += r.Progress.Int() // Rule S-8 shows an integer percent.
			}
		}
		if class != nil {
			for _, m := range slices.Compact(slices.Sorted(slices.Values(class.Members))) {
				if seen[m] {
					continue
				}
				rep.ClassMembersWithoutRecord++
				if asOf.IsZero() || classAt[id].Before(asOf) {
					s.learners++
				} else {
					s.notYet++
				}
			}
		}
		line := TrainingProgress{
			Training: id, Name: t.Results.Training.Name,
			Learners: s.learners, Completed: s.completed, Expired: s.expired, NotRegisteredYet: s.notYet,
			Progress:   learnstats.NewRatio(s.progress, int64(s.learners)),
			Completion: learnstats.NewRatio(100*int64(s.completed), int64(s.learners)),
		}
		rep.Trainings = append(rep.Trainings, line)
		if s.learners == 0 {
			rep.Global.TrainingsWithoutLearners++
			continue
		}
		rep.Global.Trainings++
		progs = append(progs, line.Progress)
		comps = append(comps, line.Completion)
	}
	rep.Global.Progress, rep.Global.Completion = mean(progs), mean(comps)
	slices.SortFunc(rep.Trainings, func(a, b TrainingProgress) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Training, b.Training))
	})
	if rep.Trainings == nil {
		rep.Trainings = []TrainingProgress{}
	}
	return rep, nil
}

// mean is the unweighted mean of rs (each with a value); no value for none.
func mean(rs []learnstats.Ratio) learnstats.Ratio {
	if len(rs) == 0 {
		return learnstats.Ratio{}
	}
	sum := learnstats.NewRatio(0, 1)
	for _, r := range rs {
		sum = sum.Add(r)
	}
	return sum.Quo(int64(len(rs)))
}

// avgDuration is sum / n rounded half away from zero to whole seconds (the
// unit an average time is shown in, HH:MM:SS); 0 when n is 0. It reports
// false when the rounded mean does not fit a time.Duration (a mean within
// half a second of 292 years).
func avgDuration(sum time.Duration, n int64) (time.Duration, bool) {
	if n == 0 {
		return 0, true
	}
	secs := learnstats.NewRatio(int64(sum), n).Quo(int64(time.Second)).Int()
	d, ok := checked.Mul(secs, int64(time.Second))
	return time.Duration(d), ok
}
