package activity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/learnstats/learnstats"
)

// Rule E-11 Anonymized analytics. When on, individual analytics are
// refused with a clear error, and exports replace names and emails with
// stable pseudonyms derived from a caller-supplied secret key.

// Pseudonymizer derives stable pseudonyms from user IDs with a keyed hash
// (HMAC-SHA256 under a caller-supplied secret key), for the anonymized
// exports of rule E-11. The same key and ID always give the same
// pseudonym; without the key a pseudonym cannot be linked back to its ID
// by guessing IDs. The zero Pseudonymizer is not usable: build one with
// [NewPseudonymizer]. It is safe for concurrent use.
//
// In an anonymized activity report ([Report] with a Pseudonymizer) the
// labels that name a person are replaced too: a profile saved
// (DetailsSaved) names the acting user and gets their pseudonym; Talk Now
// requests and cancellations and profiles opened from the leaderboard or
// the users list name another user, known there only by name, and get a
// keyed hash of that name ("anon-name-" and 16 hexadecimal digits):
// stable, so that repeated views of one profile still group together, but
// not linkable to that user's pseudonym. Free text (chat messages,
// comments, reviews) is kept: redact it beforehand if it may hold names.
type Pseudonymizer struct {
	key []byte
}

// NewPseudonymizer returns a Pseudonymizer for key (copied). An empty key
// is an error wrapping [ErrAnonymized].
func NewPseudonymizer(key []byte) (*Pseudonymizer, error) {
	if len(key) == 0 {
		return nil, fmt.Errorf("%w: a secret key is required for pseudonyms", ErrAnonymized)
	}
	return &Pseudonymizer{key: append([]byte(nil), key...)}, nil
}

// hash returns the first 16 hexadecimal digits (64 bits) of
// HMAC-SHA256(key, parts…).
func (p *Pseudonymizer) hash(parts ...string) string {
	m := hmac.New(sha256.New, p.key)
	for _, s := range parts {
		m.Write([]byte(s))
	}
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// pseudonym is "anon-" and the hash of the ID: stable for a key, distinct
// for distinct IDs except with negligible probability.
func (p *Pseudonymizer) pseudonym(id learnstats.UserID) string { return "anon-" + p.hash(string(id)) }

// Anonymize returns the identity an anonymized export shows for u (rule
// E-11): the ID and the last name are u's pseudonym, "anon-" followed by
// the first 16 hexadecimal digits of HMAC-SHA256(key, u.ID); the first
// name is "Participant"; every other field (email, title, custom fields,
// groups, managers, dates) is empty, so that no name or email leaks.
func (p *Pseudonymizer) Anonymize(u learnstats.User) learnstats.User {
	ps := p.pseudonym(u.ID)
	return learnstats.User{ID: learnstats.UserID(ps), FirstName: "Participant", LastName: ps}
}

// anonymizeEvent returns e as an anonymized report shows it: the user is
// their pseudonym, and so is every label that names a person (see
// [Pseudonymizer]).
func (p *Pseudonymizer) anonymizeEvent(e Event) Event {
	switch e.Parts().Kind {
	case DetailsSaved:
		e.Label = p.pseudonym(e.User)
	case TalkNowRequested, TalkNowCanceled, LeaderboardProfile, QuickProfile, FullProfile:
		if e.Label != "" {
			e.Label = "anon-name-" + p.hash("name\x00", e.Label)
		}
	}
	e.User = learnstats.UserID(p.pseudonym(e.User))
	return e
}
