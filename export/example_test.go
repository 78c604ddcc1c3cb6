package export_test

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
)

type member struct {
	User  learnstats.User
	Spent time.Duration
	Last  time.Time
}

func Example() {
	paris, _ := time.LoadLocation("Europe/Paris")
	groups := []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}}
	rows := []member{
		{User: learnstats.User{ID: "u1", FirstName: "Alice", LastName: "Martin", Email: "alice@example.com",
			Groups: []learnstats.GroupID{"g1"}}, Spent: 90 * time.Minute, Last: time.Date(2026, 11, 21, 17, 5, 0, 0, time.UTC)},
		{User: learnstats.User{ID: "u2", FirstName: "=Bob", LastName: "Dubois", Email: "bob@example.com",
			Groups: []learnstats.GroupID{"g2"}}, Spent: 26 * time.Hour},
	}
	table := export.New("members",
		export.Text("First name", "The user's first name.", func(m member) string { return m.User.FirstName }),
		export.Text("Email", "The user's email.", func(m member) string { return m.User.Email }),
		export.Duration("Time spent", "Total time spent, HH:MM:SS.", func(m member) time.Duration { return m.Spent }),
		export.DateTime("Last activity", "Latest activity, DD/MM/YYYY HH:mm.", func(m member) time.Time { return m.Last }),
	)
	// A coach of Support sees only the Support column.
	table = table.With(export.Groups(groups, learnstats.NewGroupScope("g2"),
		func(m member, g learnstats.GroupID) bool { return m.User.InGroup(g) })...)

	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, paris)
	fmt.Println(table.FileName(asOf))
	_, err := export.WriteCSV(os.Stdout, table, slices.Values(rows), &export.Options{Format: export.Format{Location: paris}})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// members-2026-11-22.csv
	// First name,Email,Time spent,Last activity,Support
	// Alice,alice@example.com,01:30:00,21/11/2026 18:05,
	// '=Bob,bob@example.com,26:00:00,,x
}

func ExampleTable_Select() {
	type row struct{ Name, Email string }
	table := export.New("people",
		export.Text("Name", "The name.", func(r row) string { return r.Name }),
		export.Text("Email", "The email.", func(r row) string { return r.Email }),
	)
	narrowed, err := table.Select("Email")
	if err != nil {
		fmt.Println(err)
		return
	}
	renamed, _ := narrowed.Rename("Email", "E-mail")
	_, _ = export.WriteCSV(os.Stdout, renamed, slices.Values([]row{{"Ann", "ann@example.com"}}), nil)
	// Output:
	// E-mail
	// ann@example.com
}

func ExampleOptions_translation() {
	type row struct{ Name string }
	table := export.New("people", export.Text("First name", "The first name.", func(r row) string { return r.Name }))
	o := &export.Options{Headers: export.Translation{"First name": "Prénom"}}
	_, _ = export.WriteCSV(os.Stdout, table, slices.Values([]row{{"Zoé"}}), o)
	// Output:
	// Prénom
	// Zoé
}

func ExampleWriteTagged() {
	type row struct {
		Name  string `csv:"Name"`
		Score int    `csv:"Score"`
	}
	rows := []row{{"=SUM(A1:A9)", -5}, {"Ann", 90}}
	if err := export.WriteTagged(os.Stdout, rows, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Name,Score
	// '=SUM(A1:A9),-5
	// Ann,90
}
