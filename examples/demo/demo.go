// Package demo holds learnstats' demo dataset: about 50 users in 5 groups,
// with managers and custom fields, plus the training, learner, certificate,
// activity and backoffice records the other files of this package load. The
// data is embedded with go:embed, so the report command needs nothing at
// run time; [Load] reads the same CSV format from any directory
// (examples/README.md documents it).
//
// The dataset is held in the library's own input types, mapped once from
// the files: one learnstats.Attempt type for the training, learning and
// public-profile attempts, learnstats.Post and learnstats.Reaction for the
// learning and public-profile posts and reactions, and each package's own
// records (scoring.Training, dashboard.Class, learners.Progress, …) for
// the rest. Each loader is one short function per file, a loop over
// [Rows], the package's strict CSV reader: the file's [Schema] names its
// required, optional and unique columns, each cell is read by column name
// with a typed method, and each record is checked by the library (its
// Validate, the function that checks it, or the accumulator it is added
// to) as it is read, the way an LMS adds records. Every error names the
// file, the line the record starts on and the column.
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

// Group returns the group with the given ID.
func (ds *Dataset) Group(id learnstats.GroupID) (learnstats.Group, bool) {
	i := slices.IndexFunc(ds.Groups, func(g learnstats.Group) bool { return g.ID == id })
	if i < 0 {
		return learnstats.Group{}, false
	}
	return ds.Groups[i], true
}

// loadUsers reads groups.csv, users.csv and custom_fields.csv, and indexes
// the users in a directory.
func loadUsers(fsys fs.FS, ds *Dataset) error {
	for _, load := range []func(fs.FS, *Dataset) error{loadGroups, loadUserFile, loadCustomFields} {
		if err := load(fsys, ds); err != nil {
			return err
		}
	}
	var err error
	if ds.Directory, err = learnstats.NewDirectory(ds.Users); err != nil {
		return fmt.Errorf("%w: users.csv: %w", ErrBadData, err)
	}
	return nil
}

func loadGroups(fsys fs.FS, ds *Dataset) error {
	rows := Open(fsys, "groups.csv", Schema{Required: []string{"id", "name"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		// An empty name would be an empty column header.
		ds.Groups = append(ds.Groups, learnstats.Group{ID: learnstats.GroupID(rows.Text("id")), Name: rows.NonEmpty("name")})
	}
	learnstats.SortGroups(ds.Groups)
	return rows.Err()
}

func loadUserFile(fsys fs.FS, ds *Dataset) error {
	rows := Open(fsys, "users.csv", Schema{
		Required: []string{"id", "first_name", "last_name", "email", "created_at", "registered_at", "managers", "groups"},
		Optional: []string{"title", "additional_info"},
		Unique:   [][]string{{"id"}},
	})
	known := map[learnstats.UserID]bool{}
	var managers []Pos // each user's managers cell, checked once every user is read
	for rows.Next() {
		u := learnstats.User{
			ID: learnstats.UserID(rows.Text("id")), FirstName: rows.Text("first_name"), LastName: rows.Text("last_name"),
			Email: rows.Text("email"), Title: rows.Text("title"), AdditionalInfo: rows.Text("additional_info"),
			CreatedAt: rows.RequiredTime("created_at"), RegisteredAt: rows.Time("registered_at"),
		}
		for _, m := range rows.List("managers") {
			u.Managers = append(u.Managers, learnstats.UserID(m))
		}
		for _, g := range rows.List("groups") {
			if !ds.isGroup(g) {
				rows.Fail("groups", "unknown group %q", g)
			}
			u.Groups = append(u.Groups, learnstats.GroupID(g))
		}
		known[u.ID] = true
		managers = append(managers, rows.Pos("managers"))
		ds.Users = append(ds.Users, u)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i, u := range ds.Users {
		for _, m := range u.Managers {
			if !known[m] {
				return managers[i].Errorf("unknown manager %q", m)
			}
		}
	}
	return nil
}

// loadCustomFields reads custom_fields.csv into the users' CustomFields
// and lists the titles in the X-1 order.
func loadCustomFields(fsys fs.FS, ds *Dataset) error {
	rows := Open(fsys, "custom_fields.csv", Schema{
		Required: []string{"user_id", "title", "value"},
		Unique:   [][]string{{"user_id", "title"}}, // a title is never empty (X-1 headers)
	})
	index := map[string]int{}
	for i, u := range ds.Users {
		index[string(u.ID)] = i
	}
	titles := map[string]bool{}
	for rows.Next() {
		id := rows.Ref("user_id", "user", func(id string) bool { _, ok := index[id]; return ok })
		title, value := rows.Text("title"), rows.Text("value")
		if rows.Err() != nil {
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
	slices.Sort(ds.CustomFields) // any order: the exports sort them as X-1 says
	return rows.Err()
}
