package stats

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
)

// Registrations (360Learning), rules.
//
// Rule R-5 (invited by): the email of the user who invited or created the
// account; for an account created through the API, the platform owner's
// email; empty for a self-registered account, an account created by SSO
// provisioning on first connection, the platform's creator, and a user
// deleted and re-invited before 13 November 2024.
//
// Rule R-6 (auto deletion): the account's automatic deletion date, if any.

// ErrInvalidRegistration reports a registration record that breaks an
// invariant: an unknown creation method, an invited account without
// inviter, an inviter or user the directory does not know, two records
// for one user. Use errors.Is.
var ErrInvalidRegistration = errors.New("stats: invalid registration")

// RegistrationMethod is how an account was created.
type RegistrationMethod string

// The registration methods.
const (
	// RegistrationInvited: another user invited or created the account.
	RegistrationInvited RegistrationMethod = "invited"
	// RegistrationAPI: created through the public API.
	RegistrationAPI RegistrationMethod = "api"
	// RegistrationSelf: the user signed up.
	RegistrationSelf RegistrationMethod = "self-registered"
	// RegistrationSSO: created by SSO provisioning on first connection.
	RegistrationSSO RegistrationMethod = "sso"
	// RegistrationPlatformCreator: the account that created the platform.
	RegistrationPlatformCreator RegistrationMethod = "platform-creator"
)

// registrationReinviteCutoff is R-5's 13 November 2024. The SPEC gives a
// day without a zone; the library takes midnight UTC starting that day: a
// re-invitation strictly before that instant clears "Invited by".
var registrationReinviteCutoff = time.Date(2024, time.November, 13, 0, 0, 0, 0, time.UTC)

// Registration is how one user's account came to be.
type Registration struct {
	// User is the account's user; it must be a user of the directory, with
	// at most one record.
	User learnstats.UserID
	// Method is how the account was created. The zero value "" is no
	// method: the record is invalid.
	Method RegistrationMethod
	// InvitedBy is the inviter, required for RegistrationInvited and
	// ignored otherwise.
	InvitedBy learnstats.UserID
	// ReinvitedAt is when the user was deleted and then invited again;
	// zero when that never happened. Before 13 November 2024 (00:00 UTC)
	// the platform did not keep the inviter: "Invited by" is empty.
	ReinvitedAt time.Time
	// AutoDeletion is the account's automatic deletion date; zero when
	// none.
	AutoDeletion time.Time
}

// RegistrationRow is one row of the registrations export.
type RegistrationRow struct {
	// User is the row's user as the directory holds it (First name, Last
	// name, Email columns).
	User learnstats.User
	// RegisteredAt is the user's registration time (zero: not registered).
	RegisteredAt time.Time
	// InvitedBy is the R-5 email, empty when the rule says so or when the
	// viewer may not see the inviter (counted in
	// [RegistrationResult].HiddenInviters).
	InvitedBy string
	// AutoDeletion is the R-6 date, zero when none.
	AutoDeletion time.Time
}

// RegistrationResult is the result of [Registrations].
type RegistrationResult struct {
	// Rows has one row per user in scope, in [CompareLearners] order.
	Rows []RegistrationRow
	// OutOfScope is the number of users left out because the viewer may
	// not see them.
	OutOfScope int
	// NoRecord is the number of rows of users without a registration
	// record (empty Invited by and Auto deletion).
	NoRecord int
	// HiddenInviters is the number of rows whose inviter (or platform
	// owner) exists but is outside the viewer's scope: their email is left
	// out, because a scope never shows a user it does not include.
	HiddenInviters int

	scope learnstats.Scope
}

// Scope returns the scope the rows were computed for (SPEC section 0: a
// scoped export takes its scope once, from its result). It is nil for the
// zero RegistrationResult.
func (r RegistrationResult) Scope() learnstats.Scope { return r.scope }

// Registrations joins users with their registration records
// for the viewer's scope. owner is the platform owner, whose email stands
// for accounts created through the API; it must be a user of dir when any
// such account exists. A record naming an unknown user or inviter, an
// invited record without inviter, an unknown method or a second record for
// one user is an error wrapping [ErrInvalidRegistration].
func Registrations(dir *learnstats.Directory, scope learnstats.Scope, owner learnstats.UserID, regs iter.Seq[Registration]) (RegistrationResult, error) {
	if scope == nil {
		scope = learnstats.UserSet(nil)
	}
	byUser := make(map[learnstats.UserID]Registration)
	if regs != nil {
		for r := range regs {
			bad := func(msg string) error {
				return fmt.Errorf("stats: registration of user %q: %w: %s", r.User, ErrInvalidRegistration, msg)
			}
			if _, ok := dir.User(r.User); !ok {
				return RegistrationResult{}, bad("unknown user")
			}
			if _, dup := byUser[r.User]; dup {
				return RegistrationResult{}, bad("second record")
			}
			switch r.Method {
			case RegistrationInvited:
				if r.InvitedBy == "" {
					return RegistrationResult{}, bad("invited without inviter")
				}
				if _, ok := dir.User(r.InvitedBy); !ok {
					return RegistrationResult{}, bad(fmt.Sprintf("unknown inviter %q", r.InvitedBy))
				}
			case RegistrationAPI:
				if _, ok := dir.User(owner); !ok {
					return RegistrationResult{}, bad(fmt.Sprintf("created through the API but the platform owner %q is unknown", owner))
				}
			case RegistrationSelf, RegistrationSSO, RegistrationPlatformCreator:
			default:
				return RegistrationResult{}, bad(fmt.Sprintf("unknown method %q", r.Method))
			}
			byUser[r.User] = r
		}
	}
	res := RegistrationResult{scope: scope}
	for _, id := range dir.IDs() {
		u, _ := dir.User(id)
		if !scope.SeesUser(u) {
			res.OutOfScope++
			continue
		}
		row := RegistrationRow{User: dir.Restrict(u, scope), RegisteredAt: u.RegisteredAt}
		r, ok := byUser[id]
		if !ok {
			res.NoRecord++
		} else {
			row.AutoDeletion = r.AutoDeletion // Rule R-6.
			if by := registrationInviter(r, owner); by != "" {
				inv, _ := dir.User(by)
				if scope.SeesUser(inv) {
					row.InvitedBy = inv.Email
				} else {
					res.HiddenInviters++
				}
			}
		}
		res.Rows = append(res.Rows, row)
	}
	slices.SortFunc(res.Rows, func(a, b RegistrationRow) int { return CompareLearners(a.User, b.User) })
	return res, nil
}

// registrationInviter is the user whose email R-5 shows, or "".
func registrationInviter(r Registration, owner learnstats.UserID) learnstats.UserID {
	if !r.ReinvitedAt.IsZero() && r.ReinvitedAt.Before(registrationReinviteCutoff) {
		return "" // Rule R-5: deleted and re-invited before 13 November 2024.
	}
	switch r.Method {
	case RegistrationInvited:
		return r.InvitedBy
	case RegistrationAPI:
		return owner
	}
	return "" // self-registered, SSO provisioning, platform creator
}
