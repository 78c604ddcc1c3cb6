package stats

import (
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// TrainingStatus is a learner's status in a training on the users results
// dashboard (rule D-4). The zero value is [TrainingPending].
type TrainingStatus int

// The statuses of rule D-4, in the order a dashboard filter lists them.
const (
	// TrainingPending: neither expired, success nor failed: not completed,
	// and some mandatory step is still pending (not every activity
	// answered) or the training has no mandatory step.
	TrainingPending TrainingStatus = iota
	// TrainingSuccess: the training is completed (S-10) or passed (every
	// mandatory step passed).
	TrainingSuccess
	// TrainingFailed: not completed, at least one mandatory step failed and
	// none is pending (S-9): the learner has answered everything and has
	// not passed.
	TrainingFailed
	// TrainingExpired: the learner's certificate for the training has
	// expired; it wins over every other status.
	TrainingExpired
)

// String returns the status word shown on the dashboard and in the
// training results export: Pending, Success, Failed or Expired.
func (s TrainingStatus) String() string {
	switch s {
	case TrainingPending:
		return "Pending"
	case TrainingSuccess:
		return "Success"
	case TrainingFailed:
		return "Failed"
	case TrainingExpired:
		return "Expired"
	}
	return fmt.Sprintf("TrainingStatus(%d)", int(s))
}

// TrainingStatusAt is the D-4 status of a learner at asOf.
//
// Rule D-4. Expired when the certificate has expired at asOf
// (CertificateExpiresAt <= asOf); else Success when the training was
// completed before asOf (S-10) or every mandatory step passed (at least one
// mandatory step, none failed or pending); else Failed when at least one
// mandatory step failed and none is pending (S-9); else Pending. A
// completion at or after asOf is not yet a completion (half-open).
func TrainingStatusAt(l TrainingLearner, asOf time.Time) TrainingStatus {
	m := l.Mandatory
	switch {
	case l.expiredAt(asOf):
		return TrainingExpired
	case l.completedBefore(asOf), m.Passed > 0 && m.Failed == 0 && m.Pending == 0:
		return TrainingSuccess
	case m.Failed > 0 && m.Pending == 0:
		return TrainingFailed
	}
	return TrainingPending
}

// TrainingResult is one row of the users results dashboard (rule D-4).
type TrainingResult struct {
	// Training is the training's ID.
	Training TrainingID
	// User is the learner.
	User learnstats.UserID
	// Score is the training score (S-6), integer percent.
	Score int
	// Status is the D-4 status at asOf.
	Status TrainingStatus
	// TimeSpent is the time spent in the training (S-11).
	TimeSpent time.Duration
}

// TrainingResultList is the result of rule D-4.
type TrainingResultList struct {
	// Rows holds one row per learner registered before asOf, ordered by
	// training ID, then user ID.
	Rows []TrainingResult
	// NotRegisteredYet is the number of records registered at or after
	// asOf, left out.
	NotRegisteredYet int
}

// TrainingResults is the accumulator of rule D-4, users results: per
// learner of a training, the score (S-6), the status ([TrainingStatusAt])
// and the time spent (S-11), as of AsOf. Learners registered at or after
// AsOf are left out and counted.
//
// Set AsOf before the first Add: the accumulator freezes it then, and a
// later Add, Merge or Result finds a changed AsOf an error wrapping
// [ErrDashboardMismatch]. The zero value is empty. Merge combines
// accumulators with the same AsOf (the same instant); a learner × training
// in both is an error. It is not safe for concurrent use.
type TrainingResults struct {
	// AsOf is the instant the rows are computed at (D-4): only learners
	// registered strictly before it get a row, and it decides each status
	// ([TrainingStatusAt]). With the zero AsOf nobody is registered yet.
	AsOf time.Time

	asOf frozenConfig[time.Time]
	// learners holds what Result needs of the records (kept small: a map
	// stores values above 128 bytes out of line, one allocation each).
	learners map[trainingUser]trainingResultFact
}

// trainingResultFact is what D-4 keeps of a record, evaluated against AsOf
// in Result.
type trainingResultFact struct {
	registeredAt, completedAt, expiresAt time.Time
	timeSpent                            time.Duration
	score                                int32
	passed, failed, pending              int32
}

func (f trainingResultFact) learner(k trainingUser) TrainingLearner {
	return TrainingLearner{Training: k.training, User: k.user, RegisteredAt: f.registeredAt,
		CompletedAt: f.completedAt, CertificateExpiresAt: f.expiresAt, TimeSpent: f.timeSpent, Score: int(f.score),
		Mandatory: MandatoryStepStatuses{Passed: int(f.passed), Failed: int(f.failed), Pending: int(f.pending)}}
}

// Add adds one learner × training record. An invalid record or a second
// record for the same pair is an error wrapping [ErrInvalidDashboardRecord].
func (r *TrainingResults) Add(l TrainingLearner) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if _, err := dashboardAsOf(&r.asOf, r.AsOf, "training results", sameInstant, true); err != nil {
		return err
	}
	key := trainingUser{l.Training, l.User}
	if _, dup := r.learners[key]; dup {
		return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, l.Training, l.User)
	}
	if l.Mandatory.Passed > math.MaxInt32 || l.Mandatory.Failed > math.MaxInt32 || l.Mandatory.Pending > math.MaxInt32 {
		return fmt.Errorf("%w: training %q user %q: mandatory step counts %+v too large", ErrInvalidDashboardRecord, l.Training, l.User, l.Mandatory)
	}
	if r.learners == nil {
		r.learners = make(map[trainingUser]trainingResultFact)
	}
	r.learners[key] = trainingResultFact{registeredAt: l.RegisteredAt, completedAt: l.CompletedAt,
		expiresAt: l.CertificateExpiresAt, timeSpent: l.TimeSpent, score: int32(l.Score),
		passed: int32(l.Mandatory.Passed), failed: int32(l.Mandatory.Failed), pending: int32(l.Mandatory.Pending)}
	return nil
}

// Merge adds o's rows to r: an error wrapping [ErrDashboardMismatch] when
// the AsOf differ (or either changed after its first record), or wrapping
// [ErrInvalidDashboardRecord] when both hold the same learner × training.
// o is not modified; on error r is unchanged.
func (r *TrainingResults) Merge(o *TrainingResults) error {
	if o == nil {
		return nil // a nil accumulator is empty
	}
	if err := dashboardMergeAsOf(&r.asOf, r.AsOf, &o.asOf, o.AsOf, "training results", sameInstant); err != nil {
		return err
	}
	for k := range o.learners {
		if _, dup := r.learners[k]; dup {
			return fmt.Errorf("%w: training %q user %q: recorded twice", ErrInvalidDashboardRecord, k.training, k.user)
		}
	}
	if len(o.learners) > 0 && r.learners == nil {
		r.learners = make(map[trainingUser]trainingResultFact, len(o.learners))
	}
	maps.Copy(r.learners, o.learners)
	r.asOf.hold(r.AsOf, sameInstant)
	return nil
}

// Result returns the rows in training ID, then user ID order. An AsOf
// changed after the first record is an error wrapping
// [ErrDashboardMismatch].
func (r *TrainingResults) Result() (TrainingResultList, error) {
	asOf, err := dashboardAsOf(&r.asOf, r.AsOf, "training results", sameInstant, false)
	if err != nil {
		return TrainingResultList{}, err
	}
	out := TrainingResultList{Rows: make([]TrainingResult, 0, len(r.learners))}
	for k, f := range r.learners {
		l := f.learner(k)
		if !l.RegisteredAt.Before(asOf) {
			out.NotRegisteredYet++
			continue
		}
		out.Rows = append(out.Rows, TrainingResult{
			Training: l.Training, User: l.User, Score: l.Score,
			Status: TrainingStatusAt(l, asOf), TimeSpent: l.TimeSpent,
		})
	}
	slices.SortFunc(out.Rows, func(a, b TrainingResult) int {
		return compareTrainingUser(trainingUser{a.Training, a.User}, trainingUser{b.Training, b.User})
	})
	return out, nil
}

// Training returns the rows of one training (in user ID order).
func (l TrainingResultList) Training(id TrainingID) []TrainingResult {
	var out []TrainingResult
	for _, row := range l.Rows {
		if row.Training == id {
			out = append(out, row)
		}
	}
	return out
}

// ComputeTrainingResults is shorthand for a [TrainingResults] at asOf fed
// every record of learners (rule D-4).
func ComputeTrainingResults(learners iter.Seq[TrainingLearner], asOf time.Time) (TrainingResultList, error) {
	r := TrainingResults{AsOf: asOf}
	for l := range dashboardSeq(learners) {
		if err := r.Add(l); err != nil {
			return TrainingResultList{}, err
		}
	}
	return r.Result()
}

// dashboardAsOf returns the asOf the records of a D-4, D-5 or D-6
// accumulator were added under (the frozen one, or cur before the first
// record) and checks that the exported AsOf, cur, still is that asOf;
// freeze freezes it at the first record.
func dashboardAsOf(f *frozenConfig[time.Time], cur time.Time, what string, same func(a, b time.Time) bool, freeze bool) (time.Time, error) {
	got, ok := f.current(cur, same)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %s: AsOf changed after the first record (%s, now %s)", ErrDashboardMismatch, what,
			got.Format(time.RFC3339Nano), cur.Format(time.RFC3339Nano))
	}
	if freeze {
		f.hold(cur, same)
	}
	return got, nil
}

// dashboardMergeAsOf checks that two D-4, D-5 or D-6 accumulators can
// merge: each one's AsOf unchanged since its first record, and the same.
func dashboardMergeAsOf(a *frozenConfig[time.Time], aCur time.Time, b *frozenConfig[time.Time], bCur time.Time, what string, same func(a, b time.Time) bool) error {
	x, err := dashboardAsOf(a, aCur, what, same, false)
	if err != nil {
		return err
	}
	y, err := dashboardAsOf(b, bCur, what, same, false)
	if err != nil {
		return err
	}
	if !same(x, y) {
		return fmt.Errorf("%w: %s: asOf %s vs %s", ErrDashboardMismatch, what, x.Format(time.RFC3339Nano), y.Format(time.RFC3339Nano))
	}
	return nil
}
