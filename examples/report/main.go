// Command report computes every statistic learnstats implements on the
// demo dataset (or on a directory of CSV files in the same format, see
// examples/README.md) and writes every export into a directory.
//
//	go run ./examples/report [-out DIR] [-asof RFC3339] [-tz ZONE] [-data DIR] [-plain]
//
// The files are spreadsheet-ready (a UTF-8 byte-order mark and CRLF line
// ends, export.Spreadsheet) unless -plain asks for plain UTF-8 with LF
// line ends.
//
// A run writes its files into a temporary directory beside -out and moves
// them into -out only once every job has succeeded: a run that fails
// leaves -out as it was (and does not create it). A run that succeeds
// replaces the files of the same names in -out and leaves its other files
// alone.
//
// The exit status is 0 on success and for -h, 1 when the data or a
// statistic fails (the message names the file, line and column of a bad
// record), and 2 for a bad command line.
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
	"github.com/learnstats/learnstats/export"
)

// defaultAsOf is the demo's fixed "now": the data is written around it.
const defaultAsOf = "2026-11-22T12:00:00+01:00"

// Context is what every job gets.
type Context struct {
	Data *demo.Dataset
	AsOf time.Time
	Loc  *time.Location
	// Plain asks for plain UTF-8 files with LF line ends (-plain).
	Plain bool
	// Out is the directory the files are written into: the run's
	// temporary directory, moved into place at the end.
	Out   string
	Files []Written
}

// Options returns the options every export is written with:
// spreadsheet-ready (export.Spreadsheet: BOM, CRLF, formula guard) unless
// -plain, dates in the viewer's location.
func (c *Context) Options() export.Options {
	o := export.Spreadsheet()
	if c.Plain {
		o = export.Options{}
	}
	o.Location = c.Loc
	return o
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

// write writes the table with rows into file name of the output directory,
// with the run's options.
func write[R any](ctx *Context, name string, table export.Table[R], rows []R) error {
	opts := ctx.Options()
	return ctx.WriteFile(name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, table, slices.Values(rows), &opts)
	})
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a bad command line (exit status 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// run runs the command and returns its exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fl, cfg := newFlags()
	err := report(fl, cfg, args, stdout)
	var usage usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fl.SetOutput(stdout)
		fl.Usage()
		return 0
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, "report:", err)
		fl.SetOutput(stderr)
		fl.Usage()
		return 2
	}
	fmt.Fprintln(stderr, "report:", err)
	return 1
}

// config holds the flags' values.
type config struct {
	out, asOf, tz, data string
	plain               bool
}

func newFlags() (*flag.FlagSet, *config) {
	c := &config{}
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	fl.SetOutput(io.Discard) // run prints the usage where it belongs
	fl.StringVar(&c.out, "out", "out", "directory to write the exports into; other files in it are left alone")
	fl.StringVar(&c.asOf, "asof", defaultAsOf, "the instant statistics are computed at (RFC 3339)")
	fl.StringVar(&c.tz, "tz", "Europe/Paris", "the viewer's time zone for dates and per-day figures")
	fl.StringVar(&c.data, "data", "", "directory of CSV files in the demo format (default: the embedded demo data)")
	fl.BoolVar(&c.plain, "plain", false, "write plain UTF-8 with LF line ends (default: a byte-order mark and CRLF, for spreadsheets)")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: report [flags]\n\nComputes every learnstats statistic on the demo data (or -data) and writes every export into -out.\n\n")
		fl.PrintDefaults()
	}
	return fl, c
}

// report parses args and writes every export.
func report(fl *flag.FlagSet, cfg *config, args []string, stdout io.Writer) error {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q: the report takes flags only", fl.Arg(0))}
	}
	loc, err := time.LoadLocation(cfg.tz)
	if err != nil {
		return usageError{fmt.Errorf("-tz %q: %w", cfg.tz, err)}
	}
	at, err := time.Parse(time.RFC3339, cfg.asOf)
	if err != nil {
		return usageError{fmt.Errorf("-asof %q is not an RFC 3339 time: %w", cfg.asOf, err)}
	}
	at = at.In(loc)
	var fsys fs.FS = demo.Embedded()
	if cfg.data != "" {
		if fi, err := os.Stat(cfg.data); err != nil {
			return fmt.Errorf("-data: %w", err)
		} else if !fi.IsDir() {
			return fmt.Errorf("-data %s: not a directory", cfg.data)
		}
		fsys = os.DirFS(cfg.data)
	}
	ds, err := demo.Load(fsys)
	if err != nil {
		if cfg.data != "" {
			return fmt.Errorf("-data %s: %w", cfg.data, err)
		}
		return err
	}
	if err := checkAsOf(at, ds); err != nil {
		return fmt.Errorf("-asof %s: %w", cfg.asOf, err)
	}

	out := filepath.Clean(cfg.out)
	ctx := &Context{Data: ds, AsOf: at, Loc: loc, Plain: cfg.plain}
	if err := writeExports(ctx, out); err != nil {
		return err
	}

	fmt.Fprintf(stdout, "learnstats report: %d users, %d groups, as of %s (%s)\n",
		len(ds.Users), len(ds.Groups), at.Format(time.RFC3339), loc)
	width := 0
	for _, f := range ctx.Files {
		width = max(width, len(filepath.Join(out, f.Name)))
	}
	for _, f := range ctx.Files {
		fmt.Fprintf(stdout, "  %-*s %6d rows\n", width, filepath.Join(out, f.Name), f.Rows)
	}
	fmt.Fprintf(stdout, "wrote %d files into %s\n", len(ctx.Files), out)
	return nil
}

// writeExports runs every job into a temporary directory beside out and
// moves the files into out when all of them succeeded; on failure it
// removes what it wrote (and the parents of out it created).
func writeExports(ctx *Context, out string) error {
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fmt.Errorf("-out %s: not a directory", out)
	}
	undo, err := mkdirParents(filepath.Dir(out))
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		undo()
		return fmt.Errorf("-out %s: %w", out, err)
	}
	defer os.RemoveAll(tmp) // empty or gone after a successful run
	ctx.Out = tmp
	slices.SortFunc(jobs, func(a, b job) int { return cmp.Compare(a.name, b.name) })
	var errs []error
	for _, j := range jobs {
		if err := j.run(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", j.name, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		undo()
		return err
	}
	if err := publish(tmp, out, ctx.Files); err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	return nil
}

// checkAsOf refuses an asOf before the data begins (the first account's
// creation): every statistic would be empty.
func checkAsOf(at time.Time, ds *demo.Dataset) error {
	var first time.Time
	var who string
	for _, u := range ds.Users {
		if first.IsZero() || u.CreatedAt.Before(first) {
			first, who = u.CreatedAt, string(u.ID)
		}
	}
	if at.Before(first) {
		return fmt.Errorf("before the data begins: the first account, %s, was created %s", who, first.Format(time.RFC3339))
	}
	return nil
}

// mkdirParents creates dir and its missing parents; undo removes what it
// created.
func mkdirParents(dir string) (undo func(), err error) {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return func() {}, err
	}
	return func() {
		if top != "" {
			os.RemoveAll(top)
		}
	}, nil
}

// publish moves the files written into tmp into out: tmp becomes out when
// out does not exist yet (one rename); otherwise the files move one by
// one, replacing files of the same names and leaving the others alone.
func publish(tmp, out string, files []Written) error {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		return os.Rename(tmp, out)
	}
	for _, f := range files {
		if err := os.Rename(filepath.Join(tmp, f.Name), filepath.Join(out, f.Name)); err != nil {
			return err
		}
	}
	return nil
}
