package export_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/stats/backoffice"
)

func TestFrameworkTableKeepsContract(t *testing.T) {
	groups := []learnstats.Group{{ID: "g2", Name: "Support"}, {ID: "g1", Name: "Sales"}, {ID: "g3", Name: "Sales"}}
	exporttest.Check(t, export.TestTable(groups, learnstats.Everything, []string{"badge", "Site"}), export.TestRows(),
		&export.Options{Format: export.Format{Location: export.Paris}})
	exporttest.Check(t, export.TestTable(groups, learnstats.NewGroupScope("g1"), nil), export.TestRows(),
		&export.Options{CRLF: true, BOM: true})
}

// TestX5_SurveyQuestionHeaderGuarded: a survey question is the survey
// author's text, so a question starting with = is guarded in the header.
func TestX5_SurveyQuestionHeaderGuarded(t *testing.T) {
	tab := export.SurveyResultsTable(backoffice.Survey{ID: "s", Questions: []backoffice.Question{{ID: "q1", Text: `=HYPERLINK("http://x","y")`}}})
	var b strings.Builder
	if _, err := export.WriteCSV(&b, tab, slices.Values([]backoffice.SurveyRow(nil)), nil); err != nil {
		t.Fatal(err)
	}
	if want := "Email,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Submission date\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
