package backoffice_test

// The trap tests of the Backoffice family (issue 9), on the new
// API: trap 1 (merge of mismatched definitions), trap 2 (overflow: see
// cards_internal_test.go) and section 0's unknown enum values.

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// wantMismatch fails the test unless err wraps learnstats.ErrMismatch.
func wantMismatch(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrMismatch", what, err)
	}
}

// TestTrap1_B4_MergeSurveyDefinition: the whole survey (title included: it
// is in the result) and the range as instants. Before the fix surveys with
// different titles merged (the result's title depended on the merge order),
// two zones with the same name and other offsets merged, and the error
// wrapped ErrInvalidSurvey only.
func TestTrap1_B4_MergeSurveyDefinition(t *testing.T) {
	s := backoffice.Survey{ID: "s", Title: "A", Questions: []backoffice.Question{{ID: "q", Text: "Q?"}}}
	day := learnstats.Date{Year: 2026, Month: 1, Day: 1}
	acc := func(s backoffice.Survey, r backoffice.DateRange) *backoffice.SurveyAccumulator {
		a, err := backoffice.NewSurveyAccumulator(s, r)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	retitled := s
	retitled.Title = "B"
	wantMismatch(t, "surveys titled A and B", acc(s, backoffice.DateRange{}).Merge(acc(retitled, backoffice.DateRange{})))
	wantMismatch(t, "ranges in two zones named X", acc(s, backoffice.DateRange{From: day, Location: time.FixedZone("X", 3600)}).
		Merge(acc(s, backoffice.DateRange{From: day, Location: time.FixedZone("X", 7200)})))
	if err := acc(s, backoffice.DateRange{From: day, Location: time.FixedZone("Y", 3600)}).
		Merge(acc(s, backoffice.DateRange{From: day, Location: time.FixedZone("Z", 3600)})); err != nil {
		t.Errorf("the same instants under two zone names: %v", err)
	}
	// The contents are compared, not the values' identity: two copies of
	// the survey, with their own question slices, merge.
	copied := s
	copied.Questions = slices.Clone(s.Questions)
	if err := acc(s, backoffice.DateRange{}).Merge(acc(copied, backoffice.DateRange{})); err != nil {
		t.Errorf("two copies of the same survey: %v", err)
	}
	// Every part of the survey counts: another ID, another question ID,
	// text or order, one question more; and every part of the range.
	other := func(f func(*backoffice.Survey)) backoffice.Survey {
		c := backoffice.Survey{ID: "s", Title: "A", Questions: []backoffice.Question{{ID: "q", Text: "Q?"}, {ID: "r", Text: "R?"}}}
		f(&c)
		return c
	}
	base := other(func(*backoffice.Survey) {})
	for name, o := range map[string]backoffice.Survey{
		"another survey ID":   other(func(c *backoffice.Survey) { c.ID = "t" }),
		"another question ID": other(func(c *backoffice.Survey) { c.Questions[1].ID = "x" }),
		"another text":        other(func(c *backoffice.Survey) { c.Questions[1].Text = "R!" }),
		"another order":       other(func(c *backoffice.Survey) { c.Questions[0], c.Questions[1] = c.Questions[1], c.Questions[0] }),
		"one question more": other(func(c *backoffice.Survey) {
			c.Questions = append(c.Questions, backoffice.Question{ID: "z", Text: "Z?"})
		}),
	} {
		wantMismatch(t, name, acc(base, backoffice.DateRange{}).Merge(acc(o, backoffice.DateRange{})))
	}
	for name, pair := range map[string][2]backoffice.DateRange{
		"a bounded and an open start": {{From: day}, {}},
		"a bounded and an open end":   {{To: day}, {}},
		"another last day":            {{From: day, To: day}, {From: day, To: day.AddDays(1)}},
		"start and end swapped roles": {{From: day}, {To: day.AddDays(-1)}},
	} {
		wantMismatch(t, name, acc(s, pair[0]).Merge(acc(s, pair[1])))
	}
}

// TestSection0_UnknownEnumValues: every enum-like field of the family's
// records and queries rejects a value outside its documented set, with an
// error naming the record (or the value) and wrapping the package's
// sentinel.
func TestSection0_UnknownEnumValues(t *testing.T) {
	table := func(q backoffice.Query) error {
		_, err := backoffice.TableOf(time.Time{}, slices.Values([]backoffice.User{{User: account("u1", "")}}), q)
		return err
	}
	for _, tt := range []struct {
		name, reason string
		err          error
		want         error
		names        string
	}{
		{"Sex", "an unknown sex", backoffice.User{User: account("b1", ""), Sex: "F"}.Validate(), learnstats.ErrInvalidRecord, `"b1"`},
		{"Sex/Add", "an unknown sex given to the cards", func() error {
			var acc backoffice.CardsAccumulator
			return acc.Add(backoffice.User{User: account("b2", ""), Sex: "male"})
		}(), learnstats.ErrInvalidRecord, `"b2"`},
		{"SortBy", "an undefined sort column", table(backoffice.Query{SortBy: "99"}), backoffice.ErrInvalidQuery, "99"},
		{"Premium", "an undefined premium filter", table(backoffice.Query{Premium: "-1"}), backoffice.ErrInvalidQuery, "-1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) || !strings.Contains(tt.err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, tt.err, tt.want, tt.names)
			}
		})
	}
}
