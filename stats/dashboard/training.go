package dashboard

import (
	"errors"
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
)

// ErrInvalidRecord reports a dashboard input that breaks an invariant: a
// training without results, an event or account without a user or time, a
// class without an ID or registering a training twice, a certificate of a
// learner the results do not know. The message names the record. Use
// errors.Is.
var ErrInvalidRecord = errors.New("dashboard: invalid record")

// Training is one training as the dashboards read it: its learners'
// results from package scoring and the certificates it delivers.
type Training struct {
	// Results are the training's results, computed by package scoring at
	// the dashboard's asOf (a different asOf is an error wrapping
	// learnstats.ErrMismatch). Results.Training gives the training's ID,
	// name and steps; each learner's RegisteredAt says since when they are
	// a learner of it.
	Results *scoring.TrainingResults
	// Certificates are the certificates the training delivered to its
	// learners (User is the learner). A learner whose certificate has
	// expired at asOf (Rule C-1) counts as expired (D-2, D-4). When a
	// learner has several, the latest delivered before asOf is theirs;
	// certificates delivered at or after asOf do not exist yet (C-3).
	Certificates []certificates.Certificate
}

// check reports a training whose results are missing or computed at
// another instant.
func (t Training) check(asOf time.Time) error {
	if t.Results == nil {
		return fmt.Errorf("dashboard: training without results: %w", ErrInvalidRecord)
	}
	if !t.Results.AsOf.Equal(asOf) {
		return fmt.Errorf("dashboard: training %q: results computed at %s, the dashboard at %s: %w", t.Results.Training.ID,
			t.Results.AsOf.Format(time.RFC3339Nano), asOf.Format(time.RFC3339Nano), learnstats.ErrMismatch)
	}
	return nil
}

// expired returns the learners of t whose certificate has expired at asOf
// (Rules C-1, C-3): for each learner, their latest certificate delivered
// before asOf decides.
func (t Training) expired(asOf time.Time) (map[learnstats.UserID]bool, error) {
	latest := map[learnstats.UserID]certificates.Certificate{}
	for _, c := range t.Certificates {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("dashboard: training %q: %w", t.Results.Training.ID, err)
		}
		if _, ok := t.Results.Learner(c.User); !ok {
			return nil, fmt.Errorf("dashboard: training %q: certificate %q of %q, who is no learner of the training: %w", t.Results.Training.ID, c.ID, c.User, ErrInvalidRecord)
		}
		if !c.Delivered.Before(asOf) {
			continue // C-3: it does not exist yet at asOf.
		}
		if l, ok := latest[c.User]; !ok || c.Delivered.After(l.Delivered) || c.Delivered.Equal(l.Delivered) && learnstats.CompareIDs(c.ID, l.ID) > 0 {
			latest[c.User] = c
		}
	}
	out := map[learnstats.UserID]bool{}
	for u, c := range latest {
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
// LMS does not record, the zero time, is before every t).
func registeredBefore(r scoring.TrainingResult, t time.Time) bool {
	return r.RegisteredAt.Before(t)
}
