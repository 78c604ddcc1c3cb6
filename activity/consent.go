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
