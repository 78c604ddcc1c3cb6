package dashboard

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
)

// Training is one training as the dashboards read it: its learners'
// results from package scoring and the certificates it delivers.
type Training struct {
	// Results are the training's results, computed by package scoring at
	// the dashboard's asOf (a different asOf is an error wrapping
	// learnstats.ErrMismatch). Results.Training gives the training's ID,
	// name and steps; each learner's RegisteredAt says since when they are
	// a learner of it. Results built by hand must keep scoring's
	// invariants (one step result per step, in the definition's order;
	// learners in increasing ID order; percentages in 0–100), or the
	// dashboards return an error wrapping [learnstats.ErrInvalidRecord].
	Results *scoring.TrainingResults
	// Certificates are the certificates the training delivered to its
	// learners (User is the learner). A learner whose certificate has
	// expired at asOf (Rule C-1) counts as expired (D-2, D-4). When a
	// learner has several, the latest delivered before asOf is theirs;
	// certificates delivered at or after asOf do not exist yet (C-3). An
	// invalid certificate, or two with one ID, is an error wrapping
	// certificates.ErrInvalidCertificate.
	Certificates []certificates.Certificate
}

// check reports a training whose results are missing, computed at another
// instant, or not results package scoring computes (see checkResults).
func (t Training) check(asOf time.Time) error {
	if t.Results == nil {
		return fmt.Errorf("dashboard: training without results: %w", learnstats.ErrInvalidRecord)
	}
	if !t.Results.AsOf.Equal(asOf) {
		return fmt.Errorf("dashboard: training %q: results computed at %s, the dashboard at %s: %w", t.Results.Training.ID,
			t.Results.AsOf.Format(time.RFC3339Nano), asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	return checkResults(t.Results)
}

// checkResults reports results that break the invariants of the results
// package scoring computes, which the dashboards rely on: results built or
// decoded by a caller could otherwise make them panic (a step result per
// step of the definition, in its order) or show a wrong number (a progress
// of 150 %, a negative time, an unknown status shown as Pending, a learner
// twice). The error names the training, the learner and the step, and
// wraps [learnstats.ErrInvalidRecord].
func checkResults(r *scoring.TrainingResults) error {
	id := r.Training.ID
	if id == "" {
		return fmt.Errorf("dashboard: results of a training with an empty ID (name %q): %w", r.Training.Name, learnstats.ErrInvalidRecord)
	}
	if err := r.Training.Validate(); err != nil { // an unknown step kind or keep option, a step twice, …
		return fmt.Errorf("dashboard: results of training %q: %w: %w", id, learnstats.ErrInvalidRecord, err)
	}
	steps := flatten(r.Training.Steps)
	for i := range r.Learners {
		l := &r.Learners[i]
		bad := func(format string, args ...any) error {
			return fmt.Errorf("dashboard: training %q: result of learner %q: %s: %w", id, l.Learner, fmt.Sprintf(format, args...), learnstats.ErrInvalidRecord)
		}
		done := l.Status == scoring.TrainingCompleted || l.Status == scoring.TrainingPassed
		switch {
		case l.Learner == "":
			return bad("no learner ID")
		case i > 0 && l.Learner <= r.Learners[i-1].Learner:
			return bad("after the result of %q: not in increasing learner ID order, or twice", r.Learners[i-1].Learner)
		case l.Training != id:
			return bad("result of training %q", l.Training)
		case !knownStatus(l.Status):
			return bad("unknown training status %d", int(l.Status))
		case done != l.Completed:
			return bad("status %s and completed %v disagree", l.Status, l.Completed)
		case !percent(l.Progress):
			return bad("progress %s outside 0–100", l.Progress)
		case !percent(l.Score):
			return bad("score %s outside 0–100", l.Score)
		case l.TimeSpent < 0:
			return bad("negative time spent %s", l.TimeSpent)
		case len(l.Steps) != len(steps):
			return bad("%d step results for the training's %d steps", len(l.Steps), len(steps))
		}
		for j := range l.Steps {
			s := &l.Steps[j]
			switch {
			case s.Step != steps[j].ID:
				return bad("step result %d is for step %q, the training's step %d is %q", j+1, s.Step, j+1, steps[j].ID)
			case s.TimeSpent < 0:
				return bad("step %q: negative time spent %s", s.Step, s.TimeSpent)
			case s.HasScore && !percent(s.Score):
				return bad("step %q: score %s outside 0–100", s.Step, s.Score)
			case !s.HasScore && s.Score.Valid():
				return bad("step %q: score %s without HasScore", s.Step, s.Score)
			}
		}
	}
	return nil
}

// knownStatus reports whether s is one of the statuses of Rule S-16.
func knownStatus(s scoring.TrainingStatus) bool {
	switch s {
	case scoring.TrainingNotStarted, scoring.TrainingInProgress, scoring.TrainingFailed, scoring.TrainingCompleted, scoring.TrainingPassed:
		return true
	}
	return false
}

var zero, hundred = learnstats.NewRatio(0, 1), learnstats.NewRatio(100, 1)

// percent reports whether r is a value in 0–100.
func percent(r learnstats.Ratio) bool {
	if !r.Valid() {
		return false
	}
	if q := r.Int(); q > 0 && q < 100 {
		return true // r is within ½ of q: inside
	}
	// Near or beyond the bounds, compare exactly; in lowest terms 0 and
	// 100 (the usual values there: 0 of 7 activities, 7 of 7) compare
	// without big numbers.
	r = r.Quo(1)
	return r.Cmp(zero) >= 0 && r.Cmp(hundred) <= 0
}

// expired returns the learners of t whose certificate has expired at asOf
// (Rules C-1, C-3): for each learner, their latest certificate delivered
// before asOf decides (on a tie, the higher ID); at the zero asOf, the end
// of time, their latest one, expired when it has an expiration. An invalid certificate, two
// with one ID or one of a user who is no learner of the training is an
// error.
func (t Training) expired(asOf time.Time) (map[learnstats.UserID]bool, error) {
	latest := map[learnstats.UserID]certificates.Certificate{}
	ids := make(map[certificates.ID]bool, len(t.Certificates))
	for _, c := range t.Certificates {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("dashboard: training %q: %w", t.Results.Training.ID, err)
		}
		if ids[c.ID] {
			// As certificates.List: a tie between two records of one ID
			// would go to the first listed.
			return nil, fmt.Errorf("dashboard: training %q: %w: duplicate certificate ID %q", t.Results.Training.ID, certificates.ErrInvalidCertificate, c.ID)
		}
		ids[c.ID] = true
		if _, ok := t.Results.Learner(c.User); !ok {
			return nil, fmt.Errorf("dashboard: training %q: certificate %q of %q, who is no learner of the training: %w", t.Results.Training.ID, c.ID, c.User, learnstats.ErrInvalidRecord)
		}
		if !asOf.IsZero() && !c.Delivered.Before(asOf) {
			continue // C-3: it does not exist yet at asOf.
		}
		if l, ok := latest[c.User]; !ok || c.Delivered.After(l.Delivered) || c.Delivered.Equal(l.Delivered) && learnstats.CompareIDs(c.ID, l.ID) > 0 {
			latest[c.User] = c
		}
	}
	out := map[learnstats.UserID]bool{}
	for u, c := range latest {
		if asOf.IsZero() {
			// No cut-off, the end of time: every certificate is delivered,
			// and every one with an expiration has expired.
			_, out[u] = c.Expiration()
			continue
		}
		s, err := certificates.StatusAt(asOf, c, nil)
		if err != nil {
			return nil, fmt.Errorf("dashboard: training %q: %w", t.Results.Training.ID, err)
		}
		if s == certificates.Expired {
			out[u] = true
		}
	}
	return out, nil
}

// registeredBefore reports whether the learner is a learner of the
// training at t: registered strictly before it (a registration time the
// LMS does not record, the zero time, is before every t). The zero t is no
// cut-off: everyone is registered then.
func registeredBefore(r scoring.TrainingResult, t time.Time) bool {
	return t.IsZero() || r.RegisteredAt.Before(t)
}
