package export_test

import (
	"fmt"
	"iter"
	"os"
	"strconv"
	"time"

	"github.com/learnstats/learnstats/export"
)

// This example builds a custom exporter from scratch, the way a team adds
// an export the library does not ship: a row type, columns built from the
// typed constructors plus one custom renderer, a streaming source, and the
// spreadsheet preset. Check such a table in tests with
// exporttest.Check(t, table, sampleRows, nil).

// enrollment is the caller's own row: whatever their LMS stores.
type enrollment struct {
	Learner  string
	Course   string
	Progress int // percent
	Started  time.Time
	Spent    time.Duration
}

// enrollmentsTable is the custom export.
func enrollmentsTable() export.Table[enrollment] {
	return export.New("enrollments",
		export.Text("Learner", "The learner's display name (user text, formula-guarded).", func(e enrollment) string { return e.Learner }),
		export.Text("Course", "The course title.", func(e enrollment) string { return e.Course }),
		export.Column[enrollment]{
			Header: "Progress",
			Doc:    "Progress with a percent sign, a format the built-in columns do not use.",
			Render: func(dst []byte, e enrollment, _ *export.Format) []byte {
				return append(strconv.AppendInt(dst, int64(e.Progress), 10), '%')
			},
		},
		export.Date("Started", "The day the learner started, DD/MM/YYYY.", func(e enrollment) time.Time { return e.Started }),
		export.Duration("Time spent", "Time spent, HH:MM:SS.", func(e enrollment) time.Duration { return e.Spent }),
	)
}

// enrollments streams rows as a database cursor would: nothing is held in
// memory beyond the current row.
func enrollments() iter.Seq[enrollment] {
	return func(yield func(enrollment) bool) {
		start := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
		for i, name := range []string{"Alice Martin", "Bruno, \"Bru\" Bernard", "-Chloé"} {
			e := enrollment{Learner: name, Course: "Safety 101", Progress: 40 * i,
				Started: start.AddDate(0, 0, 7*i), Spent: time.Duration(i) * 95 * time.Minute}
			if !yield(e) {
				return
			}
		}
	}
}

func Example_customExporter() {
	table := enrollmentsTable()
	// Narrow it for a lighter download, and write it for a spreadsheet.
	table, err := table.Without("Started")
	if err != nil {
		fmt.Println(err)
		return
	}
	o := export.Spreadsheet()
	o.BOM = false // keep the printed output readable
	o.CRLF = false
	n, err := export.WriteCSV(os.Stdout, table, enrollments(), &o)
	fmt.Println(n, err)
	// Output:
	// Learner,Course,Progress,Time spent
	// Alice Martin,Safety 101,0%,00:00:00
	// "Bruno, ""Bru"" Bernard",Safety 101,40%,01:35:00
	// '-Chloé,Safety 101,80%,03:10:00
	// 3 <nil>
}
