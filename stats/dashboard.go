package stats

// Training dashboards (Opigno statistics), rules D-1 … D-6. This file holds
// the records the dashboards share: the training catalogue, the per-learner
// facts a caller fills from package scoring or from its own LMS, the exact
// ratio the dashboards return, and the sentinels.
//
// The dashboards never import package scoring: a learner's progress (S-8),
// completion (S-10), score (S-6), step statuses (S-9) and time spent (S-11)
// come in as plain fields of [TrainingLearner] and [TrainingStepResult].

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math/big"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
)

// ErrInvalidDashboardRecord reports a dashboard input record that breaks an
// invariant: an empty ID, a zero time where one is required, a percentage
// outside 0–100, a negative duration or count, a learner or step recorded
// twice, or one training ID given two names. The message names the record.
// Use errors.Is.
var ErrInvalidDashboardRecord = errors.New("stats: invalid dashboard record")

// ErrDashboardMismatch reports a Merge of two dashboard accumulators with
// different settings (range, location, cutoff, asOf or class), or a setting
// changed after the accumulator took its first record: their partial
// results cannot be combined. It wraps [learnstats.ErrMismatch]. Use
// errors.Is.
var ErrDashboardMismatch = fmt.Errorf("stats: dashboard accumulators: %w", learnstats.ErrMismatch)

// TrainingID identifies a training (an Opigno learning path). Trainings are
// keyed by ID, never by name (rule D-2): two trainings with the same name
// are two trainings.
type TrainingID string

// TrainingStepID identifies a step of a training (a module, a course or a
// live session). It is unique within its training.
type TrainingStepID string

// TrainingInfo is a training of the catalogue: its ID and display name.
// Adding it to an accumulator makes the training appear in the result even
// when it has no learner (rule D-2: zero members).
type TrainingInfo struct {
	// ID identifies the training; it must not be empty. Trainings are keyed
	// by ID, never by name (D-2).
	ID TrainingID
	// Name is the display name, the sort key of the D-2, D-3 and D-5
	// training lists (ties by ID); it may be empty, but one ID given two
	// different names is an error wrapping [ErrInvalidDashboardRecord].
	Name string
}

// Validate reports an empty ID as an error wrapping
// [ErrInvalidDashboardRecord].
func (t TrainingInfo) Validate() error {
	if t.ID == "" {
		return fmt.Errorf("%w: training with empty ID (name %q)", ErrInvalidDashboardRecord, t.Name)
	}
	return nil
}

// MandatoryStepStatuses counts a learner's mandatory steps of one training
// by their status (rule S-9). The zero value is a training with no
// mandatory step.
type MandatoryStepStatuses struct {
	Passed  int // mandatory steps completed with score ≥ required
	Failed  int // mandatory steps fully answered but not passed
	Pending int // mandatory steps not fully answered yet
}

// TrainingLearner is what the dashboards need to know about one learner
// registered in one training: the facts package scoring computes (or the
// caller's own LMS stores). One record per learner × training; a second
// record for the same pair is an error.
type TrainingLearner struct {
	// Training is the training the learner is registered in; it must not
	// be empty.
	Training TrainingID
	// User is the learner; it must not be empty.
	User learnstats.UserID
	// RegisteredAt is when the learner joined the training (individually or
	// through a class). Required.
	RegisteredAt time.Time
	// Progress is the learner's training progress (rule S-8) in percent,
	// 0–100, as an exact decimal (an integer when it comes from S-8's
	// rounded value).
	Progress decimal.Decimal
	// CompletedAt is when the training was completed (rule S-10); the zero
	// time means not completed.
	CompletedAt time.Time
	// Score is the training score (rule S-6), integer percent 0–100.
	Score int
	// Mandatory counts the mandatory steps by status (S-9): D-4's status
	// comes from it.
	Mandatory MandatoryStepStatuses
	// TimeSpent is the time spent in the training (rule S-11), ≥ 0.
	TimeSpent time.Duration
	// CertificateExpiresAt is when the learner's certificate for this
	// training expires; the zero time means no certificate or one that
	// never expires. The certificate is expired at t when
	// CertificateExpiresAt <= t (the validity is half-open, as in rule C-1).
	CertificateExpiresAt time.Time
}

// Validate checks the record's invariants and returns an error wrapping
// [ErrInvalidDashboardRecord] that names the training and the user.
func (l TrainingLearner) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: training %q user %q: %s", ErrInvalidDashboardRecord, l.Training, l.User, fmt.Sprintf(format, args...))
	}
	switch {
	case l.Training == "":
		return bad("empty training ID")
	case l.User == "":
		return bad("empty user ID")
	case l.RegisteredAt.IsZero():
		return bad("no registration time")
	case l.Progress.Sign() < 0 || l.Progress.Cmp(dashboardHundred) > 0:
		return bad("progress %s outside 0–100", l.Progress.String())
	case l.Score < 0 || l.Score > 100:
		return bad("score %d outside 0–100", l.Score)
	case l.TimeSpent < 0:
		return bad("negative time spent %s", l.TimeSpent)
	case l.Mandatory.Passed < 0 || l.Mandatory.Failed < 0 || l.Mandatory.Pending < 0:
		return bad("negative mandatory step count %+v", l.Mandatory)
	}
	return nil
}

// expiredAt reports whether the learner's certificate has expired at t.
func (l TrainingLearner) expiredAt(t time.Time) bool {
	return !l.CertificateExpiresAt.IsZero() && !t.Before(l.CertificateExpiresAt)
}

// completedBefore reports whether the training was completed strictly
// before t (half-open: a completion at t belongs to the next period).
func (l TrainingLearner) completedBefore(t time.Time) bool {
	return !l.CompletedAt.IsZero() && l.CompletedAt.Before(t)
}

var dashboardHundred = decimal.NewFromInt(100)

// trainingUser keys a learner × training pair.
type trainingUser struct {
	training TrainingID
	user     learnstats.UserID
}

func compareTrainingUser(a, b trainingUser) int {
	return cmp.Or(cmp.Compare(a.training, b.training), cmp.Compare(a.user, b.user))
}

// trainingNames is the catalogue part shared by the D-2 … D-5
// accumulators: training ID → name, with conflicting names an error.
type trainingNames map[TrainingID]string

func (n *trainingNames) add(t TrainingInfo) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if *n == nil {
		*n = make(trainingNames)
	}
	if old, ok := (*n)[t.ID]; ok && old != t.Name {
		return fmt.Errorf("%w: training %q named both %q and %q", ErrInvalidDashboardRecord, t.ID, old, t.Name)
	}
	(*n)[t.ID] = t.Name
	return nil
}

func (n *trainingNames) merge(o trainingNames) error {
	for id, name := range o {
		if err := n.add(TrainingInfo{ID: id, Name: name}); err != nil {
			return err
		}
	}
	return nil
}

// DashboardRatio is an exact rational number (the dashboards only make
// non-negative ones): a mean or a share the dashboards compute (a mean progress, a completion percentage,
// an average score). It is kept exact — no rounding happens until a caller
// asks for an integer ([DashboardRatio.Round]) or a fixed number of decimal
// places ([DashboardRatio.Decimal]), both rounding half away from zero (the
// default mode of SPEC section 0, PHP's round).
//
// The zero DashboardRatio is "no value" (a mean over nobody): Valid is
// false, Round returns 0 and Decimal returns zero. A DashboardRatio is
// immutable and safe for concurrent use.
type DashboardRatio struct {
	r *big.Rat // nil = no value
}

// NewDashboardRatio returns num / den, or the zero (no value) ratio when
// den is 0.
func NewDashboardRatio(num decimal.Decimal, den int64) DashboardRatio {
	if den == 0 {
		return DashboardRatio{}
	}
	r := num.Rat()
	return DashboardRatio{r: r.Quo(r, new(big.Rat).SetInt64(den))}
}

func dashboardRatioOfInts(num, den int64) DashboardRatio {
	if den == 0 {
		return DashboardRatio{}
	}
	return DashboardRatio{r: big.NewRat(num, den)}
}

// Valid reports whether the ratio has a value.
func (q DashboardRatio) Valid() bool { return q.r != nil }

// Rat returns a copy of the exact value (nil when there is none).
func (q DashboardRatio) Rat() *big.Rat {
	if q.r == nil {
		return nil
	}
	return new(big.Rat).Set(q.r)
}

// Round returns the value rounded half away from zero to an integer
// (23/40 of 100 = 57.5 → 58); 0 when there is no value.
func (q DashboardRatio) Round() int64 {
	if q.r == nil {
		return 0
	}
	return dashboardRoundHalfAway(q.r).Int64()
}

// Decimal returns the value rounded half away from zero to places decimal
// places (a negative places counts as 0); zero when there is no value.
// Render it with StringFixed(places).
func (q DashboardRatio) Decimal(places int32) decimal.Decimal {
	if q.r == nil {
		return decimal.Zero
	}
	places = max(places, 0)
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	scaled := new(big.Rat).Mul(q.r, new(big.Rat).SetInt(scale))
	return decimal.NewFromBigInt(dashboardRoundHalfAway(scaled), -places)
}

// Equal reports whether q and o are the same value (or both have none).
// go-cmp uses it.
func (q DashboardRatio) Equal(o DashboardRatio) bool {
	if q.r == nil || o.r == nil {
		return q.r == nil && o.r == nil
	}
	return q.r.Cmp(o.r) == 0
}

// String formats the exact value as "num/den", or "none".
func (q DashboardRatio) String() string {
	if q.r == nil {
		return "none"
	}
	return q.r.RatString()
}

// dashboardRoundHalfAway rounds r to the nearest integer, halves away from zero.
func dashboardRoundHalfAway(r *big.Rat) *big.Int {
	num := new(big.Int).Abs(r.Num())
	den := r.Denom()
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return q
}

// dashboardMeanOfRatios is the unweighted mean of the valid ratios (rule D-2's
// global figures); no valid ratio gives no value.
func dashboardMeanOfRatios(qs []DashboardRatio) DashboardRatio {
	sum := new(big.Rat)
	n := int64(0)
	for _, q := range qs {
		if q.r != nil {
			sum.Add(sum, q.r)
			n++
		}
	}
	if n == 0 {
		return DashboardRatio{}
	}
	return DashboardRatio{r: sum.Quo(sum, new(big.Rat).SetInt64(n))}
}

// dashboardAvgDuration is sum / n rounded half away from zero to whole
// seconds (the unit an average time is shown in, HH:MM:SS); 0 when n is 0.
// ok is false when the rounded mean does not fit a Duration (a mean within
// half a second of the largest Duration, which rounds up past it).
func dashboardAvgDuration(sum time.Duration, n int64) (avg time.Duration, ok bool) {
	if n == 0 {
		return 0, true
	}
	// In big numbers: n × 10⁹ does not fit an int64 beyond 9.2 × 10⁹
	// members.
	q := new(big.Rat).SetFrac(big.NewInt(int64(sum)), new(big.Int).Mul(big.NewInt(n), big.NewInt(int64(time.Second))))
	secs := dashboardRoundHalfAway(q)
	ns := secs.Mul(secs, big.NewInt(int64(time.Second)))
	if !ns.IsInt64() {
		return 0, false
	}
	return time.Duration(ns.Int64()), true
}

// dashboardSeq makes a nil sequence an empty one, so the one-call functions
// accept nil for "no records".
func dashboardSeq[T any](s iter.Seq[T]) iter.Seq[T] {
	if s == nil {
		return func(func(T) bool) {}
	}
	return s
}
