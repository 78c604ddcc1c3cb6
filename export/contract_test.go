package export_test

import (
	"testing"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
)

func TestFrameworkTableKeepsContract(t *testing.T) {
	groups := []learnstats.Group{{ID: "g2", Name: "Support"}, {ID: "g1", Name: "Sales"}, {ID: "g3", Name: "Sales"}}
	exporttest.Check(t, export.TestTable(groups, learnstats.Everything, []string{"badge", "Site"}), export.TestRows(),
		&export.Options{Format: export.Format{Location: export.Paris}})
	exporttest.Check(t, export.TestTable(groups, learnstats.NewGroupScope("g1"), nil), export.TestRows(),
		&export.Options{CRLF: true, BOM: true})
}
