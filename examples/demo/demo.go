// Package demo holds learnstats' demo dataset: about 50 users in 5 groups,
// with managers and custom fields, plus the training, learner, certificate,
// activity and backoffice records the other files of this package load. The
// data is embedded with go:embed, so the report command needs nothing at
// run time; [Load] reads the same CSV format from any directory
// (examples/README.md documents it).
//
// Each loader is one loop per file over [Rows], the package's strict CSV
// reader: the file's [Schema] names its required, optional and unique
// columns, each cell is read by column name with a typed method, and each
// record is checked by the library (its Validate, or the function that
// checks it) before it is kept, the way an LMS would add records. Every
// error names the file, the line the record starts on and the column.
//
// The demo data is invented; it is deterministic, and every rule of the
// library has at least one case in it.
package demo

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
)

//go:embed data/*.csv
var embedded embed.FS

// Embedded returns the embedded demo data as a file system whose root
// holds the CSV files.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// Dataset is everything the report command computes on. Each area of the
// library has its own part, loaded by its own file of this package.
type Dataset struct {
	Users     []learnstats.User
	Groups    []learnstats.Group
	Directory *learnstats.Directory
	// CustomFields lists every custom field title, sorted as X-1 orders
	// them.
	CustomFields []string

	Training   *Training
	Learning   *Learning
	Certs      *Certs
	Activity   *Activity
	Backoffice *Backoffice
}

// ErrBadData reports a demo data file that cannot be loaded. Use
// errors.Is; the message names the file, the line where the record starts
// and the column (see [PositionError]).
var ErrBadData = errors.New("demo: bad data")

// Load reads the dataset from fsys (for example [Embedded] or os.DirFS).
// It stops at the first bad file, with an error matching [ErrBadData].
func Load(fsys fs.FS) (*Dataset, error) {
	ds := &Dataset{}
	if err := loadUsers(fsys, ds); err != nil {
		return nil, err
	}
	var err error
	if ds.Training, err = loadTraining(fsys, ds); err != nil {
		return nil, err
	}
	if ds.Learning, err = loadLearning(fsys, ds); err != nil {
		return nil, err
	}
	if ds.Certs, err = loadCerts(fsys, ds); err != nil {
		return nil, err
	}
	if ds.Activity, err = loadActivity(fsys, ds); err != nil {
		return nil, err
	}
	if ds.Backoffice, err = loadBackoffice(fsys, ds); err != nil {
		return nil, err
	}
	return ds, nil
}

// user reads column col of r as a user of the dataset.
func (ds *Dataset) user(r *Rows, col string) learnstats.UserID {
	return learnstats.UserID(r.Ref(col, "user", ds.isUser))
}

func (ds *Dataset) isUser(id string) bool {
	_, ok := ds.Directory.User(learnstats.UserID(id))
	return ok
}

// group reads column col of r as a group of the dataset.
func (ds *Dataset) group(r *Rows, col string) learnstats.GroupID {
	return learnstats.GroupID(r.Ref(col, "group", ds.isGroup))
}

func (ds *Dataset) isGroup(id string) bool {
	return slices.ContainsFunc(ds.Groups, func(g learnstats.Group) bool { return g.ID == learnstats.GroupID(id) })
}

// loadUsers reads groups.csv, users.csv and custom_fields.csv.
func loadUsers(fsys fs.FS, ds *Dataset) error {
	groups := Open(fsys, "groups.csv", Schema{Required: []string{"id", "name"}, Unique: [][]string{{"id"}}})
	for groups.Next() {
		// An empty name would be an empty column header.
		ds.Groups = append(ds.Groups, learnstats.Group{ID: learnstats.GroupID(groups.Text("id")), Name: groups.NonEmpty("name")})
	}
	if err := groups.Err(); err != nil {
		return err
	}
	learnstats.SortGroups(ds.Groups)

	users := Open(fsys, "users.csv", Schema{
		Required: []string{"id", "first_name", "last_name", "email", "created_at", "registered_at", "managers", "groups"},
		Optional: []string{"title", "additional_info"},
		Unique:   [][]string{{"id"}},
	})
	index := map[string]int{}
	var managers []Pos // each user's managers cell, checked once every user is read
	for users.Next() {
		u := learnstats.User{
			ID: learnstats.UserID(users.Text("id")), FirstName: users.Text("first_name"), LastName: users.Text("last_name"),
			Email: users.Text("email"), Title: users.Text("title"), AdditionalInfo: users.Text("additional_info"),
			CreatedAt: users.RequiredTime("created_at"), RegisteredAt: users.Time("registered_at"),
		}
		for _, m := range users.List("managers") {
			u.Managers = append(u.Managers, learnstats.UserID(m))
		}
		for _, g := range users.List("groups") {
			if !ds.isGroup(g) {
				users.Fail("groups", "unknown group %q", g)
			}
			u.Groups = append(u.Groups, learnstats.GroupID(g))
		}
		users.Check(u.Validate())
		index[string(u.ID)] = len(ds.Users)
		managers = append(managers, users.Pos("managers"))
		ds.Users = append(ds.Users, u)
	}
	if err := users.Err(); err != nil {
		return err
	}
	for i, u := range ds.Users {
		for _, m := range u.Managers {
			if _, ok := index[string(m)]; !ok {
				return managers[i].Errorf("unknown manager %q", m)
			}
		}
	}

	fields := Open(fsys, "custom_fields.csv", Schema{
		Required: []string{"user_id", "title", "value"},
		Unique:   [][]string{{"user_id", "title"}}, // a title is never empty (X-1 headers)
	})
	titles := map[string]bool{}
	for fields.Next() {
		id := fields.Ref("user_id", "user", func(id string) bool { _, ok := index[id]; return ok })
		title, value := fields.Text("title"), fields.Text("value")
		if fields.Err() != nil {
			break
		}
		u := &ds.Users[index[id]]
		if u.CustomFields == nil {
			u.CustomFields = map[string]string{}
		}
		u.CustomFields[title] = value
		if !titles[title] {
			titles[title] = true
			ds.CustomFields = append(ds.CustomFields, title)
		}
	}
	if err := fields.Err(); err != nil {
		return err
	}
	export.SortCustomFields(ds.CustomFields) // the X-1 order
	var err error
	if ds.Directory, err = learnstats.NewDirectory(ds.Users); err != nil {
		return fmt.Errorf("%w: users.csv: %w", ErrBadData, err)
	}
	return nil
}
