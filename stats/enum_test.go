package stats_test

// Issue 9, unknown enum values (SPEC section 0: "an unknown enum value" is
// invalid input, an error naming the record).

import (
	"errors"
	"strings"
	"testing"

	"github.com/learnstats/learnstats/stats"
)

// TestSection0_UnknownEnumValues: every enum-like field of the package's
// records rejects a value outside its documented set, with an error naming
// the record and wrapping the package's sentinel.
func TestSection0_UnknownEnumValues(t *testing.T) {
	// The learner, collaboration, registration and public-profile records
	// moved to packages stats/learners and stats/profiles, with their rows
	// of this test.
	for _, tt := range []struct {
		name, reason string
		err          error
		want         error
		names        string
	}{
		{"BackofficeSex", "an unknown sex", stats.BackofficeUser{ID: "b1", Sex: "F"}.Validate(), stats.ErrInvalidBackofficeUser, `"b1"`},
		{"BackofficeSortColumn", "an undefined sort column", stats.BackofficeQuery{SortBy: 99}.Validate(), stats.ErrInvalidBackofficeQuery, "99"},
		{"BackofficePremiumFilter", "an undefined premium filter", stats.BackofficeQuery{Premium: -1}.Validate(), stats.ErrInvalidBackofficeQuery, "-1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) || !strings.Contains(tt.err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, tt.err, tt.want, tt.names)
			}
		})
	}
}
