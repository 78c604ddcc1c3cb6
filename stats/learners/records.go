package learners

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// Progress is a learner's completion of a program session or of a path
// (L-6: 100 % completes it) and, for the programs table (L-8), its score.
// Exactly one of Session and Path is set. Several records for one program
// session keep the best one: the highest percent, then a scored one, then
// the highest score.
type Progress struct {
	// User is the learner.
	User learnstats.UserID
	// Session is the program session, for a program's progress.
	Session learnstats.SessionID
	// Path is the path, for a path's progress.
	Path learnstats.TrainingID
	// Percent is the completion in percent, 0–100.
	Percent int
	// Score is the score in percent 0–100, meaningful only when Scored.
	Score int
	// Scored reports whether the record has a score (the programs table's
	// Score cell is empty otherwise).
	Scored bool
}

func (p Progress) validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("learners: progress of user %q in session %q / path %q: %s: %w", p.User, p.Session, p.Path, msg, learnstats.ErrInvalidRecord)
	}
	switch {
	case p.User == "":
		return bad("no user")
	case (p.Session == "") == (p.Path == ""):
		return bad("exactly one of a program session and a path must be set")
	case p.Percent < 0 || p.Percent > 100:
		return bad(fmt.Sprintf("progress %d outside 0–100", p.Percent))
	case p.Scored && (p.Score < 0 || p.Score > 100):
		return bad(fmt.Sprintf("score %d outside 0–100", p.Score))
	}
	return nil
}

// Attendance records whether a learner was marked attended at a classroom
// (L-6). A record with Attended false counts nothing; a classroom counts
// once however many records mark it attended.
type Attendance struct {
	// User is the learner.
	User learnstats.UserID
	// Classroom is the classroom (a live session step).
	Classroom learnstats.StepID
	// Attended is true when the learner was marked attended.
	Attended bool
}

func (c Attendance) validate() error {
	if c.User == "" || c.Classroom == "" {
		return fmt.Errorf("learners: attendance of user %q at classroom %q: empty ID: %w", c.User, c.Classroom, learnstats.ErrInvalidRecord)
	}
	return nil
}

// Assignment assigns a program session or a path (exactly one of Session
// and Path) to a user or to a group (exactly one of User and Group): each
// member of the group gets it (L-6). The same assignment given twice, or
// through two routes, counts once.
type Assignment struct {
	// User is the user the item is assigned to individually.
	User learnstats.UserID
	// Group is the group the item is assigned to.
	Group learnstats.GroupID
	// Session is the program session assigned.
	Session learnstats.SessionID
	// Path is the path assigned.
	Path learnstats.TrainingID
}

func (s Assignment) validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("learners: assignment of session %q / path %q to user %q / group %q: %s: %w", s.Session, s.Path, s.User, s.Group, msg, learnstats.ErrInvalidRecord)
	}
	switch {
	case (s.Session == "") == (s.Path == ""):
		return bad("exactly one of a program session and a path must be set")
	case (s.User == "") == (s.Group == ""):
		return bad("exactly one of a user and a group must be set")
	}
	return nil
}

// item is what an assignment or a progress record is about.
type item struct {
	session learnstats.SessionID
	path    learnstats.TrainingID
}

// Session is a program session of the catalog given in [Options]: the
// unit of program assignment and a line of the programs table (L-8).
type Session struct {
	// ID identifies the session; attempts' Session and progress records
	// name it.
	ID learnstats.SessionID
	// Name is the programs table's Name.
	Name string
	// CreatedAt orders the programs table, oldest first (L-8); the zero
	// time sorts first.
	CreatedAt time.Time
	// End is the session's end; zero when none.
	End time.Time
}

// Method is how an account was created. The allowed values are the
// constants below; any other value, the empty one included, is invalid.
type Method string

// The account creation methods of rule R-5.
const (
	// Invited: another user invited or created the account.
	Invited Method = "invited"
	// API: the account was created through the public API ("Invited by" is
	// the platform owner's email).
	API Method = "api"
	// SelfRegistered: the user signed up.
	SelfRegistered Method = "self-registered"
	// SSO: the account was created by SSO provisioning on first connection.
	SSO Method = "sso"
	// PlatformCreator: the account that created the platform.
	PlatformCreator Method = "platform-creator"
)

// Registration is how one user's account came to be. A user
// has at most one.
type Registration struct {
	// User is the account's user.
	User learnstats.UserID
	// Method is how the account was created.
	Method Method
	// InvitedBy is the inviter, required for [Invited] and ignored
	// otherwise.
	InvitedBy learnstats.UserID
	// ReinvitedAt is when the user was deleted and then invited again; zero
	// when that never happened. Before 13 November 2024 (00:00 UTC) the
	// platform did not keep the inviter: "Invited by" is empty.
	ReinvitedAt time.Time
	// AutoDeletion is the account's automatic deletion date; zero when none
	//
	AutoDeletion time.Time
}

// reinviteCutoff is R-5's 13 November 2024. The SPEC gives a day without a
// zone; the library takes midnight UTC starting that day: a re-invitation
// strictly before that instant clears "Invited by".
var reinviteCutoff = time.Date(2024, time.November, 13, 0, 0, 0, 0, time.UTC)

// inviter is the user whose email R-5 shows, or "".
func (r Registration) inviter(owner learnstats.UserID) learnstats.UserID {
	if !r.ReinvitedAt.IsZero() && r.ReinvitedAt.Before(reinviteCutoff) {
		return "" // Rule R-5: deleted and re-invited before 13 November 2024.
	}
	switch r.Method {
	case Invited:
		return r.InvitedBy
	case API:
		return owner
	}
	return "" // self-registered, SSO provisioning, platform creator
}

// activityAt is an attempt's activity time (L-3): its LastActivity, or its
// Finish when that is zero and the attempt is finished, or its Start. It
// is also the attempt's time for asOf.
func activityAt(a learnstats.Attempt) time.Time {
	switch {
	case !a.LastActivity.IsZero():
		return a.LastActivity
	case !a.Finish.IsZero():
		return a.Finish
	}
	return a.Start
}
