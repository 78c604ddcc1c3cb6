// Command report computes every statistic learnstats implements on the
// demo dataset (or on a directory of CSV files in the same format, see
// examples/README.md) and writes every export into a directory.
//
//	go run ./examples/report [-out DIR] [-asof RFC3339] [-tz ZONE] [-data DIR]
package main

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	_ "time/tzdata" // -tz works on machines without a zoneinfo database

	"github.com/learnstats/learnstats/examples/demo"
)

// defaultAsOf is the demo's fixed "now": the data is written around it.
const defaultAsOf = "2026-11-22T12:00:00+01:00"

// Context is what every job gets.
type Context struct {
	Data  *demo.Dataset
	AsOf  time.Time
	Loc   *time.Location
	Out   string
	Files []Written
}

// Written is one file a job wrote.
type Written struct {
	Name string
	Rows int
}

// job computes one area's statistics and writes its exports.
type job struct {
	name string
	run  func(*Context) error
}

var jobs []job

// register adds a job; jobs run in name order.
func register(name string, run func(*Context) error) {
	jobs = append(jobs, job{name, run})
}

// WriteFile creates name in the output directory and calls write with a
// buffered writer; write returns the number of data rows.
func (c *Context) WriteFile(name string, write func(io.Writer) (int, error)) error {
	path := filepath.Join(c.Out, name)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	n, err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	c.Files = append(c.Files, Written{Name: name, Rows: n})
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fl.String("out", "out", "directory to write the exports into")
	asOf := fl.String("asof", defaultAsOf, "the instant statistics are computed at (RFC 3339)")
	tz := fl.String("tz", "Europe/Paris", "the viewer's time zone for dates and per-day figures")
	dataDir := fl.String("data", "", "directory of CSV files in the demo format (default: the embedded demo data)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("-tz: %w", err)
	}
	at, err := time.Parse(time.RFC3339, *asOf)
	if err != nil {
		return fmt.Errorf("-asof: %w", err)
	}
	at = at.In(loc)
	var fsys fs.FS = demo.Embedded()
	if *dataDir != "" {
		fsys = os.DirFS(*dataDir)
	}
	ds, err := demo.Load(fsys)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	ctx := &Context{Data: ds, AsOf: at, Loc: loc, Out: *out}
	slices.SortFunc(jobs, func(a, b job) int { return cmp.Compare(a.name, b.name) })
	var errs []error
	for _, j := range jobs {
		if err := j.run(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", j.name, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "learnstats report: %d users, %d groups, as of %s (%s)\n",
		len(ds.Users), len(ds.Groups), at.Format(time.RFC3339), loc)
	width := 0
	for _, f := range ctx.Files {
		width = max(width, len(filepath.Join(*out, f.Name)))
	}
	for _, f := range ctx.Files {
		fmt.Fprintf(stdout, "  %-*s %6d rows\n", width, filepath.Join(*out, f.Name), f.Rows)
	}
	fmt.Fprintf(stdout, "wrote %d files into %s\n", len(ctx.Files), *out)
	return nil
}
