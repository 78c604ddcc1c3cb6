package main

import (
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
)

func init() { register("activity-charts", runActivityCharts) }

// runActivityCharts writes the engagement charts of the activity job's
// window as CSV files: interactions per operating system per day (E-4),
// top features (E-5), the first-10-steps funnel flattened to one row per
// prefix (E-6), top users (E-7), content analytics (E-8), and the
// activity report anonymized (E-11).
func runActivityCharts(ctx *Context) error {
	res, err := activity.Analyze(ctx.AsOf, activityOptions(ctx), slices.Values(ctx.Data.Activity.Events))
	if err != nil {
		return err
	}
	o := ctx.Options()
	opts := &o
	write := func(name string, w func(io.Writer) (int, error)) error {
		return ctx.WriteFile(export.FileName(name, ctx.AsOf), w)
	}

	osDays := export.New("activity-os-per-day",
		export.Label("Day", "The calendar day in the viewer's location, YYYY-MM-DD (E-4).", func(r activity.OSDay) string { return r.Day.String() }),
		export.Text("Operating system", "The operating system the events came from (E-4).", func(r activity.OSDay) string { return r.OS }),
		export.Int("Interactions", "Events of the day from that operating system (E-4).", func(r activity.OSDay) int64 { return r.Interactions }),
	)
	if err := write(osDays.Name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, osDays, slices.Values(res.OSDays), opts)
	}); err != nil {
		return err
	}

	features := export.New("activity-top-features",
		export.Text("Feature", "The feature or module used (E-5).", func(r activity.FeatureStats) string { return r.Feature }),
		export.Int("Interactions", "Events on the feature (E-5).", func(r activity.FeatureStats) int64 { return r.Interactions }),
		export.Int("Users", "Distinct users of the feature (E-5).", func(r activity.FeatureStats) int64 { return r.Users }),
	)
	if err := write(features.Name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, features, slices.Values(res.Features), opts)
	}); err != nil {
		return err
	}

	funnel := export.New("activity-funnel",
		export.Text("Path", "The prefix of steps, joined with \" > \", ending in exit where the visits left (E-6).", func(r funnelRow) string { return r.path }),
		export.Int("Visits", "Visits that followed this prefix (E-6).", func(r funnelRow) int64 { return r.node.Visits }),
		export.Int("Users", "Users who followed this prefix (E-6).", func(r funnelRow) int64 { return r.node.Users }),
		export.Int("Views", "Events of the prefix's last step (E-6).", func(r funnelRow) int64 { return r.node.Views }),
		export.Duration("Time spent", "Time on the prefix's last step, HH:MM:SS (E-6).", func(r funnelRow) time.Duration { return r.node.TimeSpent }),
	)
	if err := write(funnel.Name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, funnel, funnelRows(res.Funnel.Children), opts)
	}); err != nil {
		return err
	}

	dir := ctx.Data.Directory
	users := export.New("activity-top-users",
		export.Text("Email", "The user's email (E-7).", func(r activity.UserStats) string { u, _ := dir.User(r.User); return u.Email }),
		export.Int("Interactions", "The user's events in the window (E-7).", func(r activity.UserStats) int64 { return r.Interactions }),
		export.Int("Visits", "The user's visits (E-1, E-7).", func(r activity.UserStats) int64 { return r.Visits }),
		export.Duration("Average visit duration", "Mean visit duration, HH:MM:SS (E-7).", func(r activity.UserStats) time.Duration { return r.AvgVisitDuration }),
		export.Label("Frequency", "The user's visit frequency class (E-3).", func(r activity.UserStats) string { return r.Class }),
	)
	if err := write(users.Name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, users, slices.Values(res.Users), opts)
	}); err != nil {
		return err
	}

	content := export.New("activity-content",
		export.Label("Type", "The content type (E-8).", func(r activity.ContentStats) string { return r.Type }),
		export.Text("Item", "The content item (E-8).", func(r activity.ContentStats) string { return r.Item }),
		export.Int("Views", "Views of the item (E-8).", func(r activity.ContentStats) int64 { return r.Views }),
		export.Int("Viewers", "Distinct viewers (E-8).", func(r activity.ContentStats) int64 { return r.Viewers }),
		export.Duration("Time spent", "Explicit durations, or time until the viewer's next event in the visit, HH:MM:SS (E-8).", func(r activity.ContentStats) time.Duration { return r.TimeSpent }),
		export.Text("By operating system", "Views per operating system, \"OS: n\" joined with \"; \" (E-8).", func(r activity.ContentStats) string {
			var parts []string
			for _, os := range slices.Sorted(maps.Keys(r.ByOS)) {
				parts = append(parts, os+": "+itoa(r.ByOS[os]))
			}
			return strings.Join(parts, "; ")
		}),
	)
	items := func(yield func(activity.ContentStats) bool) {
		for _, t := range res.Content {
			for _, it := range t.Items {
				if !yield(it) {
					return
				}
			}
		}
	}
	if err := write(content.Name, func(w io.Writer) (int, error) {
		return export.WriteCSV(w, content, items, opts)
	}); err != nil {
		return err
	}

	// The activity report with pseudonyms instead of names and emails.
	pseudo, err := activity.NewPseudonymizer([]byte(activityDemoKey))
	if err != nil {
		return err
	}
	rows, err := activity.Report(activityReportEvents(ctx), dir.User, pseudo) // rule A-3 order
	if err != nil {
		return err
	}
	report := export.ActivityReportTable()
	return write(report.Name+"-anonymized", func(w io.Writer) (int, error) {
		return export.WriteCSV(w, report, slices.Values(rows), opts)
	})
}

type funnelRow struct {
	path string
	node activity.FunnelNode
}

// funnelRows walks the funnel tree depth first, in the tree's own order.
func funnelRows(steps []activity.FunnelNode) func(func(funnelRow) bool) {
	return func(yield func(funnelRow) bool) {
		var walk func(prefix string, nodes []activity.FunnelNode) bool
		walk = func(prefix string, nodes []activity.FunnelNode) bool {
			for _, n := range nodes {
				name := n.Step
				if n.Exit {
					name = "exit"
				}
				path := name
				if prefix != "" {
					path = prefix + " > " + name
				}
				if !yield(funnelRow{path, n}) || !walk(path, n.Children) {
					return false
				}
			}
			return true
		}
		walk("", steps)
	}
}

func itoa(n int64) string {
	return strconv.FormatInt(n, 10)
}
