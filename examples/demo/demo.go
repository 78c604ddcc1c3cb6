// Package demo holds learnstats' demo dataset: about 50 users in 5 groups,
// with managers and custom fields, plus the training, learner, certificate,
// activity and backoffice records the other files of this package load. The
// data is embedded with go:embed, so the report command needs nothing at
// run time; [Load] reads the same CSV format from any directory
// (examples/README.md documents it).
//
// The demo data is invented; it is deterministic, and every rule of the
// library has at least one case in it.
package demo

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/gocarina/gocsv"

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
// errors.Is; the message names the file, line and column.
var ErrBadData = errors.New("demo: bad data")

// Load reads the dataset from fsys (for example [Embedded] or os.DirFS).
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

// PositionError is a load error at a place in a file: the file name, the
// 1-based line and column (0 when unknown), and the cause.
type PositionError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *PositionError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *PositionError) Unwrap() error { return e.Err }

// Is makes every PositionError match ErrBadData.
func (e *PositionError) Is(target error) bool { return target == ErrBadData }

// ReadCSV reads file from fsys into a slice of T with gocsv (struct tags
// `csv:"name"`), without touching gocsv's package settings. A malformed
// row or cell is a *PositionError naming the file, line and column; a
// missing file is an error naming it. Row i of the result is on line
// i+2 of the file (line 1 is the header).
func ReadCSV[T any](fsys fs.FS, file string) ([]T, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadData, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = false
	var out []T
	if err := gocsv.UnmarshalCSV(r, &out); err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &PositionError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
		}
		return nil, &PositionError{File: file, Err: err}
	}
	return out, nil
}

// Errorf returns a *PositionError for row i (0-based) of file at the
// 1-based column col.
func Errorf(file string, row, col int, format string, args ...any) error {
	return &PositionError{File: file, Line: row + 2, Column: col, Err: fmt.Errorf(format, args...)}
}

// UserCell returns the cell id as a user ID, or a *PositionError at
// file, row (0-based) and column col when it is not a user of the dataset.
func (ds *Dataset) UserCell(file string, row, col int, id string) (learnstats.UserID, error) {
	if _, ok := ds.Directory.User(learnstats.UserID(id)); !ok {
		return "", Errorf(file, row, col, "unknown user %q", id)
	}
	return learnstats.UserID(id), nil
}

// TimeCell parses an RFC 3339 cell; an empty cell is the zero time, or an
// error when required. Errors are *PositionError at file, row, col.
func TimeCell(file string, row, col int, s string, required bool) (time.Time, error) {
	if s == "" && required {
		return time.Time{}, Errorf(file, row, col, "missing time")
	}
	t, err := ParseTime(s)
	if err != nil {
		return time.Time{}, Errorf(file, row, col, "%w", err)
	}
	return t, nil
}

// ParseTime parses an RFC 3339 time; the empty string is the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339, s)
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

type userRow struct {
	ID             string `csv:"id"`
	FirstName      string `csv:"first_name"`
	LastName       string `csv:"last_name"`
	Email          string `csv:"email"`
	Title          string `csv:"title"`
	AdditionalInfo string `csv:"additional_info"`
	CreatedAt      string `csv:"created_at"`
	RegisteredAt   string `csv:"registered_at"`
	Managers       string `csv:"managers"`
	Groups         string `csv:"groups"`
}

type groupRow struct {
	ID   string `csv:"id"`
	Name string `csv:"name"`
}

type customFieldRow struct {
	UserID string `csv:"user_id"`
	Title  string `csv:"title"`
	Value  string `csv:"value"`
}

func loadUsers(fsys fs.FS, ds *Dataset) error {
	groups, err := ReadCSV[groupRow](fsys, "groups.csv")
	if err != nil {
		return err
	}
	known := map[learnstats.GroupID]bool{}
	for _, g := range groups {
		ds.Groups = append(ds.Groups, learnstats.Group{ID: learnstats.GroupID(g.ID), Name: g.Name})
		known[learnstats.GroupID(g.ID)] = true
	}
	learnstats.SortGroups(ds.Groups)

	rows, err := ReadCSV[userRow](fsys, "users.csv")
	if err != nil {
		return err
	}
	index := map[learnstats.UserID]int{}
	for i, r := range rows {
		u := learnstats.User{
			ID: learnstats.UserID(r.ID), FirstName: r.FirstName, LastName: r.LastName,
			Email: r.Email, Title: r.Title, AdditionalInfo: r.AdditionalInfo,
		}
		if u.CreatedAt, err = ParseTime(r.CreatedAt); err != nil {
			return Errorf("users.csv", i, 7, "created_at: %w", err)
		}
		if u.RegisteredAt, err = ParseTime(r.RegisteredAt); err != nil {
			return Errorf("users.csv", i, 8, "registered_at: %w", err)
		}
		for _, m := range splitList(r.Managers) {
			u.Managers = append(u.Managers, learnstats.UserID(m))
		}
		for _, g := range splitList(r.Groups) {
			if !known[learnstats.GroupID(g)] {
				return Errorf("users.csv", i, 10, "unknown group %q", g)
			}
			u.Groups = append(u.Groups, learnstats.GroupID(g))
		}
		index[u.ID] = i
		ds.Users = append(ds.Users, u)
	}
	fields, err := ReadCSV[customFieldRow](fsys, "custom_fields.csv")
	if err != nil {
		return err
	}
	titles := map[string]bool{}
	for i, f := range fields {
		j, ok := index[learnstats.UserID(f.UserID)]
		if !ok {
			return Errorf("custom_fields.csv", i, 1, "unknown user %q", f.UserID)
		}
		u := &ds.Users[j]
		if u.CustomFields == nil {
			u.CustomFields = map[string]string{}
		}
		u.CustomFields[f.Title] = f.Value
		if !titles[f.Title] {
			titles[f.Title] = true
			ds.CustomFields = append(ds.CustomFields, f.Title)
		}
	}
	export.SortCustomFields(ds.CustomFields) // the X-1 order
	ds.Directory, err = learnstats.NewDirectory(ds.Users)
	if err != nil {
		return fmt.Errorf("users.csv: %w", err)
	}
	return nil
}
