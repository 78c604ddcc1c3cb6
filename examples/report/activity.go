package main

import (
	"io"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
)

func init() { register("activity", runActivity) }

// activityDemoKey is the demo's pseudonymization key. A real deployment
// supplies its own secret (rule E-11): whoever holds the key can link a
// pseudonym to a user ID by trying IDs.
const activityDemoKey = "learnstats demo pseudonymization key"

// activityDays is the window of the engagement analytics: the last 45 days
// (long enough for a "rarely" visitor, rule E-3, whose visits are more than
// 31 days apart).
const activityDays = 45

// runActivity computes the engagement analytics of the last 45 days and
// writes the activity report, the interaction stats (plain and
// anonymized) and a small insights summary.
func runActivity(ctx *Context) error {
	act := ctx.Data.Activity
	opts := activityOptions(ctx)
	res, err := activity.Analyze(ctx.AsOf, opts, slices.Values(act.Events))
	if err != nil {
		return err
	}
	meetings, err := activity.AnalyzeMeetings(opts.Window, slices.Values(act.Meetings))
	if err != nil {
		return err
	}
	format := ctx.Options()
	dir := ctx.Data.Directory

	// The activity report: every action of the window by users who accepted
	// tracking (rule E-12), in the order of rule A-3.
	report, err := activity.Report(activityReportEvents(ctx), dir.User, nil)
	if err != nil {
		return err
	}
	table := export.ActivityReportTable()
	if err := ctx.WriteFile(export.FileName(table.Name, ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, table, slices.Values(report), &format)
	}); err != nil {
		return err
	}

	// Interaction stats, plain and anonymized (rule E-11).
	stats := export.InteractionStatsTable(res)
	pseudo, err := activity.NewPseudonymizer([]byte(activityDemoKey))
	if err != nil {
		return err
	}
	for _, anonymized := range []bool{false, true} {
		rows := func(yield func(export.InteractionStatsRow) bool) {
			for _, s := range res.Users {
				u, _ := dir.User(s.User)
				if anonymized {
					u = pseudo.Anonymize(u)
				}
				if !yield(export.InteractionStatsRow{User: u, Stats: s}) {
					return
				}
			}
		}
		name := stats.Name
		if anonymized {
			name += "-anonymized"
		}
		if err := ctx.WriteFile(export.FileName(name, ctx.AsOf), func(w io.Writer) (int, error) {
			return export.WriteCSV(w, stats, rows, &format)
		}); err != nil {
			return err
		}
	}

	// A small insights summary (rules E-2, E-3, E-9, E-12).
	summary := activitySummary(res, meetings)
	sumTable := export.New("activity-insights",
		export.Label("Metric", "What is measured, with its rule ID.", func(r activityMetric) string { return r.name }),
		export.Label("Value", "The value: a count, an exact average with two decimals, or a duration HH:MM:SS.", func(r activityMetric) string { return r.value }),
	)
	return ctx.WriteFile(export.FileName(sumTable.Name, ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, sumTable, slices.Values(summary), &format)
	})
}

// activityReportEvents returns the events the activity report shows:
// those of the analytics' window by users who accepted tracking (rule
// E-12). activity.Report puts them in the order of rule A-3, so that
// every events file that keeps each user's events in time order gives
// the same report.
func activityReportEvents(ctx *Context) iter.Seq[activity.Event] {
	act, win := ctx.Data.Activity, activityOptions(ctx).Window
	return func(yield func(activity.Event) bool) {
		for _, e := range act.Events {
			if win.Contains(e.Time) && act.Consent[e.User] && !yield(e) {
				return
			}
		}
	}
}

// activityOptions are the engagement analytics options of the demo: the
// last activityDays days before asOf, in the viewer's location, with the
// demo's consent records.
func activityOptions(ctx *Context) activity.Options {
	win := learnstats.LastDays(ctx.AsOf, activityDays)
	return activity.Options{Window: win, Location: ctx.Loc, Consent: ctx.Data.Activity.Consent}
}

type activityMetric struct{ name, value string }

func activitySummary(r activity.Analytics, m activity.MeetingStats) []activityMetric {
	count := func(n int64) string { return strconv.FormatInt(n, 10) }
	ratio := func(x learnstats.Ratio) string {
		if !x.Valid() {
			return ""
		}
		return x.Decimal(2).StringFixed(2)
	}
	dur := func(d time.Duration) string { return string(new(export.Format).AppendDuration(nil, d)) }
	return []activityMetric{
		{"Active users (E-2)", count(r.ActiveUsers)},
		{"Visits (E-1)", count(r.Visits)},
		{"Interactions (E-2)", count(r.Interactions)},
		{"Average visit duration (E-2)", dur(r.AvgVisitDuration)},
		{"Visits per user (E-2)", ratio(r.VisitsPerUser)},
		{"Interactions per visit (E-2)", ratio(r.InteractionsPerVisit)},
		{"Daily visitors (E-3)", count(r.Daily)},
		{"Weekly visitors (E-3)", count(r.Weekly)},
		{"Monthly visitors (E-3)", count(r.Monthly)},
		{"Rare visitors (E-3)", count(r.Rarely)},
		{"One-visit users (E-3)", count(r.Once)},
		{"Meetings (E-9)", count(m.Meetings)},
		{"Cancelled meetings (E-9)", count(m.Cancelled)},
		{"Average attendees (E-9)", ratio(m.AvgAttendees)},
		{"Average meeting duration (E-9)", dur(m.AvgDuration)},
		{"Events left out: no consent (E-12)", count(r.NoConsent)},
		{"Users left out: no consent (E-12)", count(r.NoConsentUsers)},
		{"Events of visits outside the window (E-1)", count(r.OutsideWindow)},
		{"Events after asOf", count(r.AfterAsOf)},
	}
}
