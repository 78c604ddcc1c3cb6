package backoffice

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
)

// maxCount is the largest value of each counter of a [User]: 2^40, about
// 1.1 × 10^12. Larger values are rejected as implausible (a user does not
// send a trillion messages); the sums of the cards (B-1) are checked on
// top of that.
const maxCount = 1 << 40

// The values of [User.Sex] (B-3).
const (
	sexFemale = "Female"
	sexMale   = "Male"
	sexOther  = "Other"
)

// User is one user of the wellbeing app as the backoffice sees them: their
// identity, premium status, profile and activity counters.
//
// The identity is the root record, [learnstats.User], the same value an
// LMS maps once for every package: the backoffice reads its ID (unique; the
// last tie-break of every sort), Email (the tie-break of every sort, B-2;
// may be empty) and RegisteredAt (the "Registration date" column; the zero
// time means not registered, an empty cell first in ascending order), and
// nothing else.
//
// The counters are totals the app keeps (or the caller counts from its
// event records); each must be between 0 and 2^40 (1,099,511,627,776).
//
// The zero User has no ID and is invalid.
type User struct {
	learnstats.User
	// Premium reports whether the user has a premium subscription.
	Premium bool
	// BirthDate is the user's birth date; the zero Date means unknown (an
	// empty Age cell, B-3). Otherwise it must be a real calendar date.
	BirthDate learnstats.Date
	// Sex is the sex the user stated, as the per-user CSV writes it (B-3):
	// "Female", "Male", "Other", or "" when not stated (an empty cell).
	// Any other text, other spellings and cases included, is invalid.
	Sex string
	// JournalsCompleted counts the user's completed journal sessions
	// (sessions started and not completed are not counted).
	JournalsCompleted int64
	// JournalMessages counts the messages the user wrote in journals.
	JournalMessages int64
	// LessonsCompleted counts every lesson completion: a lesson completed
	// twice counts twice (B-1).
	LessonsCompleted int64
	// Chats counts the user's chat conversations.
	Chats int64
	// ChatMessages counts the messages the user sent in chats.
	ChatMessages int64
}

// Validate reports a record that breaks an invariant with an error
// wrapping [learnstats.ErrInvalidRecord] that names the user: an empty ID (the email
// names it), a counter below 0 or above 2^40, a Sex other than "Female",
// "Male", "Other" or "", or a birth date that is not a calendar date. (A
// birth date after asOf is reported by the table's Add, which knows asOf.)
// It replaces the embedded learnstats.User's Validate, which checks the ID
// only.
func (u User) Validate() error {
	if u.ID == "" {
		return fmt.Errorf("backoffice: user with an empty ID (email %q): %w", u.Email, learnstats.ErrInvalidRecord)
	}
	for _, c := range [...]struct {
		name string
		v    int64
	}{
		{"journals completed", u.JournalsCompleted},
		{"journal messages", u.JournalMessages},
		{"lessons completed", u.LessonsCompleted},
		{"chats", u.Chats},
		{"chat messages", u.ChatMessages},
	} {
		if c.v < 0 || c.v > maxCount {
			return fmt.Errorf("backoffice: user %q: %s %d outside [0, %d]: %w", u.ID, c.name, c.v, int64(maxCount), learnstats.ErrInvalidRecord)
		}
	}
	switch u.Sex {
	case "", sexFemale, sexMale, sexOther:
	default:
		return fmt.Errorf("backoffice: user %q: unknown sex %q (allowed: %q, %q, %q or empty): %w",
			u.ID, u.Sex, sexFemale, sexMale, sexOther, learnstats.ErrInvalidRecord)
	}
	if !u.BirthDate.IsZero() && !isCalendarDate(u.BirthDate) {
		return fmt.Errorf("backoffice: user %q: birth date %s is not a calendar date: %w", u.ID, u.BirthDate, learnstats.ErrInvalidRecord)
	}
	return nil
}

// age returns the user's age in whole years on the calendar day on (rule
// B-3), and false when the birth date is unknown. A birthday on 29
// February is reached on 1 March in non-leap years
// ([learnstats.YearsBetween]); a user born on that day is 0. A birth date
// after it is an error wrapping [learnstats.ErrInvalidRecord] naming the user.
func (u *User) age(on learnstats.Date) (int, bool, error) {
	if u.BirthDate.IsZero() {
		return 0, false, nil
	}
	age := learnstats.YearsBetween(u.BirthDate, on)
	if age < 0 {
		return 0, false, fmt.Errorf("backoffice: user %q: birth date %s after %s: %w", u.ID, u.BirthDate, on, learnstats.ErrInvalidRecord)
	}
	return age, true, nil
}

// isCalendarDate reports whether d names a real day (no 30 February, no
// month 13) of years 1 to 9999.
func isCalendarDate(d learnstats.Date) bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	return learnstats.DateOf(t, time.UTC) == d
}
