package activity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/learnstats/learnstats"
)

// Consent says whether a user accepted tracking (rule E-12). Events of
// users for whom Accepted is false are left out of every analytic and
// counted in [Result].NoConsent.
type Consent interface {
	Accepted(id learnstats.UserID) bool
}

// ConsentFunc adapts a function to [Consent].
type ConsentFunc func(id learnstats.UserID) bool

// Accepted returns f(id).
func (f ConsentFunc) Accepted(id learnstats.UserID) bool { return f(id) }

// ConsentSet is a [Consent] backed by a map: a user accepted tracking when
// the map holds true for them; a missing user did not.
type ConsentSet map[learnstats.UserID]bool

// Accepted returns s[id].
func (s ConsentSet) Accepted(id learnstats.UserID) bool { return s[id] }

// Pseudonymizer derives stable pseudonyms from user IDs with a keyed hash
// (HMAC-SHA256 under a caller-supplied secret key), for the anonymized
// exports of rule E-11. The same key and ID always give the same
// pseudonym; without the key a pseudonym cannot be linked back to its ID
// by guessing IDs. The zero Pseudonymizer is not usable: build one with
// [NewPseudonymizer]. It is safe for concurrent use.
type Pseudonymizer struct {
	key []byte
}

// NewPseudonymizer returns a Pseudonymizer for key (copied). An empty key
// is an error wrapping [ErrNoKey].
func NewPseudonymizer(key []byte) (*Pseudonymizer, error) {
	if len(key) == 0 {
		return nil, fmt.Errorf("%w: a secret key is required for anonymized exports", ErrNoKey)
	}
	return &Pseudonymizer{key: append([]byte(nil), key...)}, nil
}

// Pseudonym returns "anon-" followed by the first 16 hexadecimal digits
// (64 bits) of HMAC-SHA256(key, id): stable for a key, distinct for
// distinct IDs except with negligible probability.
func (p *Pseudonymizer) Pseudonym(id learnstats.UserID) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(id))
	sum := m.Sum(nil)
	return "anon-" + hex.EncodeToString(sum[:8])
}

// Anonymize returns the identity an anonymized export shows for u (rule
// E-11): ID and last name are the pseudonym, the first name is
// "Participant", and every other field (email, title, custom fields,
// groups, managers, dates) is empty, so that no name or email leaks.
func (p *Pseudonymizer) Anonymize(u learnstats.User) learnstats.User {
	ps := p.Pseudonym(u.ID)
	return learnstats.User{ID: learnstats.UserID(ps), FirstName: "Participant", LastName: ps}
}

// AnonymizeEvent returns e as an anonymized export shows it (rule E-11):
// the user is replaced by their pseudonym, and so is every label that
// names a person. A profile saved (Update Details / Save) names the acting
// user, whose pseudonym it gets; Talk Now requests and cancellations and
// profiles opened from the leaderboard or the users list name another
// user, known here only by name, so the label becomes a keyed hash of that
// name ("anon-name-" and 16 hexadecimal digits): stable, so that repeated
// views of one profile still group together, but not linkable to that
// user's own pseudonym. Other labels are kept as they are; free text
// (chat messages, comments, reviews) is the caller's to redact if it may
// hold names.
func (p *Pseudonymizer) AnonymizeEvent(e Event) Event {
	switch e.Kind() {
	case KindDetailsSaved:
		e.Label = p.Pseudonym(e.User)
	case KindTalkNowRequested, KindTalkNowCanceled, KindLeaderboardProfile, KindQuickProfile, KindFullProfile:
		if e.Label != "" {
			m := hmac.New(sha256.New, p.key)
			m.Write([]byte("name\x00"))
			m.Write([]byte(e.Label))
			e.Label = "anon-name-" + hex.EncodeToString(m.Sum(nil)[:8])
		}
	}
	e.User = learnstats.UserID(p.Pseudonym(e.User))
	return e
}
