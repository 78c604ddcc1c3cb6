package exporttest_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
)

type row struct {
	Name string
	N    int64
	At   time.Time
}

var awkward = []row{
	{"plain", 1, time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)},
	{"=1+2", -3, time.Time{}},
	{"a, \"b\"\nc\r\nd", 0, time.Time{}},
	{"", 0, time.Time{}},
	{" lead", 5, time.Time{}},
}

func goodTable() export.Table[row] {
	return export.New("good",
		export.Text("Name", "The name.", func(r row) string { return r.Name }),
		export.Int("N", "A number.", func(r row) int64 { return r.N }),
		export.DateTime("At", "A date-time.", func(r row) time.Time { return r.At }),
	)
}

func TestCheckPassesAGoodTable(t *testing.T) {
	for _, o := range []*export.Options{nil, {CRLF: true, BOM: true}, {Headers: export.Translation{"Name": "Nom"}}} {
		if errs := exporttest.Problems(goodTable(), awkward, o); len(errs) != 0 {
			t.Errorf("options %+v: unexpected problems: %v", o, errs)
		}
	}
	exporttest.Check(t, goodTable(), awkward, nil)
}

func TestCheckFindsBrokenTables(t *testing.T) {
	calls := 0
	unstable := goodTable().With(export.Column[row]{Header: "Calls", Doc: "Not a function of the row.",
		Render: func(dst []byte, _ row, _ *export.Format) []byte {
			calls++
			return strconv.AppendInt(dst, int64(calls), 10)
		}})
	tests := []struct {
		name  string
		table export.Table[row]
		want  string
	}{
		{"duplicate header", goodTable().With(export.Int("N", "Again.", func(row) int64 { return 0 })), "duplicate header"},
		{"missing doc", goodTable().With(export.Column[row]{Header: "X", Render: func(d []byte, _ row, _ *export.Format) []byte { return d }}), "no doc line"},
		{"cells that do not read back", unstable, "reads back as"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := exporttest.Problems(tt.table, awkward, nil)
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Errorf("problems %q do not mention %q", all, tt.want)
			}
		})
	}
}
