package dashboard

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
)

// Status is a learner's status on the users results dashboard (Rule D-4).
// The zero value is [Pending].
type Status int

// The statuses of Rule D-4, in the order a dashboard filter lists them.
const (
	// Pending: not started or in progress (S-16).
	Pending Status = iota
	// Success: the training is completed, or passed (S-10, S-16).
	Success
	// Failed: a mandatory step failed and the training is not completed
	// (S-16).
	Failed
	// Expired: the learner's certificate for the training has expired
	// (C-1); it wins over every other status.
	Expired
)

// String returns the word the dashboard and the training results export
// show: Pending, Success, Failed or Expired.
func (s Status) String() string {
	switch s {
	case Pending:
		return "Pending"
	case Success:
		return "Success"
	case Failed:
		return "Failed"
	case Expired:
		return "Expired"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// status derives D-4's status from the training status (S-16) and the
// certificate (C-1).
func status(s scoring.TrainingStatus, expired bool) Status {
	switch {
	case expired:
		return Expired
	case s == scoring.TrainingCompleted || s == scoring.TrainingPassed:
		return Success
	case s == scoring.TrainingFailed:
		return Failed
	}
	return Pending
}

// ResultRow is one row of the users results dashboard (Rule D-4) and of
// the training results export.
type ResultRow struct {
	// User is the learner as the viewer may see them
	// (learnstats.Directory.Visible): the export's First name, Last name
	// and Email.
	User learnstats.User
	// Score is the training score (S-6), in percent; Score.Int() is the
	// integer the dashboard shows.
	Score learnstats.Ratio
	// Status is the D-4 status at asOf.
	Status Status
	// TimeSpent is the time spent in the training (S-11).
	TimeSpent time.Duration
}

// ResultList is the result of Rule D-4 for one training.
type ResultList struct {
	// Training is the training's ID and Name its name.
	Training learnstats.TrainingID
	Name     string
	// Rows holds one row per learner registered before asOf whom the
	// viewer may see, ordered by user ID.
	Rows []ResultRow
	// NotRegisteredYet counts the learners registered at or after asOf;
	// OutOfScope those the viewer may not see. Both are left out.
	NotRegisteredYet, OutOfScope int
}

// Results computes Rule D-4 at asOf for one training, for a viewer with
// the given scope: the learners come from dir (a learner the directory
// does not know is an error wrapping [learnstats.ErrInvalidRecord]) and only those the
// scope sees get a row, so the export written from the list takes the
// scope once.
//
// Rule D-4. Per learner registered before asOf: score (S-6), status, time
// spent (S-11). The status derives from the training status of Rule S-16
// and the certificate: Expired when the learner's certificate has expired
// at asOf (C-1; it wins); else Success when the training is completed
// (Completed or Passed); else Failed when a mandatory step failed and the
// training is not completed; else Pending (Not started, In progress).
func Results(asOf time.Time, t Training, dir *learnstats.Directory, scope learnstats.Scope) (ResultList, error) {
	if err := t.check(asOf); err != nil {
		return ResultList{}, err
	}
	expired, err := t.expired(asOf)
	if err != nil {
		return ResultList{}, err
	}
	res := ResultList{Training: t.Results.Training.ID, Name: t.Results.Training.Name, Rows: []ResultRow{}}
	for _, r := range t.Results.Learners { // in user ID order
		if _, ok := dir.User(r.Learner); !ok {
			return ResultList{}, fmt.Errorf("dashboard: training %q: learner %q is not in the directory: %w", res.Training, r.Learner, learnstats.ErrInvalidRecord)
		}
		if !registeredBefore(r, asOf) {
			res.NotRegisteredYet++
			continue
		}
		u, ok := dir.Visible(r.Learner, scope)
		if !ok {
			res.OutOfScope++
			continue
		}
		res.Rows = append(res.Rows, ResultRow{User: u, Score: r.Score, Status: status(r.Status, expired[r.Learner]), TimeSpent: r.TimeSpent})
	}
	return res, nil
}
