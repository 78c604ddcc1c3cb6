// Command usage is the README's Usage example, kept compiling and tested:
// main_test.go fails when README.md's Go block is not this file's code
// from "package main" on.
package main

import (
	"log"
	"os"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
)

type row struct {
	User  learnstats.User
	Spent time.Duration
	Last  time.Time
}

func main() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		log.Fatal(err)
	}
	groups := []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}}
	rows := []row{
		{learnstats.User{ID: "u1", Email: "chloé@example.com", Groups: []learnstats.GroupID{"g2"}},
			90 * time.Minute, time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC)},
		{learnstats.User{ID: "u2", Email: "=cmd|'/c calc'!A1", Groups: []learnstats.GroupID{"g1", "g2"}},
			26 * time.Hour, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)},
	}

	table := export.New("time-spent",
		export.Text("Email", "The user's email.", func(r row) string { return r.User.Email }),
		export.Duration("Time spent", "Total time spent, HH:MM:SS.", func(r row) time.Duration { return r.Spent }),
		export.DateTime("Last activity", "DD/MM/YYYY HH:mm.", func(r row) time.Time { return r.Last }),
	)
	// A coach sees only the group columns of their scope.
	table = table.With(export.Groups(groups, learnstats.NewGroupScope("g2"),
		func(r row, g learnstats.GroupID) bool { return r.User.InGroup(g) })...)

	o := export.Spreadsheet() // UTF-8 BOM, CRLF, formula guard
	o.Location = paris        // dates in the viewer's location
	if _, err := export.WriteCSV(os.Stdout, table, slices.Values(rows), &o); err != nil {
		log.Fatal(err)
	}
}
