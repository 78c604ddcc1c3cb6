package export

import (
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

func init() {
	addReference("Activity report", ActivityReportTable)
	addReference("Interaction stats", func() Table[InteractionStatsRow] {
		return InteractionStatsTable(activity.Analytics{Features: []activity.FeatureStats{{Feature: "{features}"}}})
	})
}

// activityText is a user-text column of the activity report: the X-5
// guard applies, and texts that already look guarded get one more quote
// so that activity.ReadReport reads back exactly what was written (A-1,
// A-2; see activity.AppendReportText).
func activityText(header, doc string, get func(activity.ReportRow) string) Column[activity.ReportRow] {
	return Column[activity.ReportRow]{Header: header, Doc: doc, UserText: true,
		Render: func(dst []byte, r activity.ReportRow, _ *Format) []byte {
			return activity.AppendReportText(dst, get(r))
		}}
}

// ActivityReportTable returns the "activity report" export (SPEC sections
// 8 and 10): one row per logged action with Date, First name, Last name,
// Email, Category, Action, Label. Write it with the rows of
// activity.Report, which puts them in the order of rule A-3 (by time,
// ties by user ID, then by place in the user's stream), so that the file
// does not depend on the order the events were read in. The Date is RFC
// 3339 with nanoseconds in the viewer's location (time.RFC3339Nano, so
// that the report reads back exactly with activity.ReadReport, rule A-1)
// rather than the X-4 date-time default, which drops seconds. Every other
// cell is user text under the formula guard (rules ).
func ActivityReportTable() Table[activity.ReportRow] {
	return New("activity-report",
		Column[activity.ReportRow]{Header: "Date",
			Doc: "When the action happened: RFC 3339 with nanoseconds in the viewer's location, exact for the round trip (A-1).",
			Render: func(dst []byte, r activity.ReportRow, f *Format) []byte {
				if r.Time.IsZero() {
					return dst
				}
				return r.Time.In(f.location()).AppendFormat(dst, time.RFC3339Nano)
			}},
		activityText("First name", "The user's first name.", func(r activity.ReportRow) string { return r.FirstName }),
		activityText("Last name", "The user's last name.", func(r activity.ReportRow) string { return r.LastName }),
		activityText("Email", "The user's email.", func(r activity.ReportRow) string { return r.Email }),
		activityText("Category", "The action's category, e.g. Chat or Poll - {question} (section 8).", func(r activity.ReportRow) string { return r.Category }),
		activityText("Action", "The action within the category, e.g. Message or Question (section 8).", func(r activity.ReportRow) string { return r.Action }),
		activityText("Label", "The dynamic part: content name, session, answer or free text, guarded (A-2, X-5).", func(r activity.ReportRow) string { return r.Label }),
	)
}

// InteractionStatsRow is one participant of the interaction stats
// export: the identity shown and the participant's statistics (rule E-7).
type InteractionStatsRow struct {
	// User is the identity written in the First name, Last name and Email
	// columns: the participant, or activity.Pseudonymizer.Anonymize's
	// identity in anonymized mode (rule E-11). Only those three fields
	// are read; its ID is not checked against Stats.User.
	User learnstats.User
	// Stats is the participant's entry of activity.Analytics.Users: its
	// per-feature counts fill the feature columns (0 for a feature the
	// participant did not use) and its Interactions the Total column.
	Stats activity.UserStats
}

// InteractionStatsTable returns the "interaction stats" export (SPEC
// section 10) of the analytics r: First name, Last name, Email, one
// column per feature of r.Features, Total; write it with one row per
// entry of r.Users. The feature columns are sorted by name (byte-wise); a
// feature name that would collide with another header gets a " (2)"
// suffix, and one starting with a formula character is written with a
// leading quote (X-5, unless Options.NoFormulaGuard).
func InteractionStatsTable(r activity.Analytics) Table[InteractionStatsRow] {
	fs := make([]string, len(r.Features))
	for i, f := range r.Features {
		fs[i] = f.Feature
	}
	slices.Sort(fs)
	fs = slices.Compact(fs)
	fixed := []string{"First name", "Last name", "Email"}
	names := make([]string, 0, len(fs)+4)
	names = append(names, fixed...)
	names = append(names, fs...)
	names = append(names, "Total")
	headers := uniqueHeaders(names)
	cols := []Column[InteractionStatsRow]{
		Text(headers[0], "The participant's first name (\"Participant\" when anonymized, E-11).", func(r InteractionStatsRow) string { return r.User.FirstName }),
		Text(headers[1], "The participant's last name (the pseudonym when anonymized, E-11).", func(r InteractionStatsRow) string { return r.User.LastName }),
		Text(headers[2], "The participant's email (empty when anonymized, E-11).", func(r InteractionStatsRow) string { return r.User.Email }),
	}
	for i, f := range fs {
		c := Int(headers[3+i],
			"The participant's interactions with this feature in the window; one column per feature, sorted by name (E-5).",
			func(r InteractionStatsRow) int64 { return featureInteractions(r.Stats, f) })
		c.HeaderUserText = true // a feature name is the LMS's text
		cols = append(cols, c)
	}
	cols = append(cols, Int(headers[len(headers)-1], "The participant's interactions in the window, all features (E-7).",
		func(r InteractionStatsRow) int64 { return r.Stats.Interactions }))
	return New("interaction-stats", cols...)
}

// featureInteractions is s's interactions with feature (0 when none):
// s.Features is sorted by name.
func featureInteractions(s activity.UserStats, feature string) int64 {
	i, ok := slices.BinarySearchFunc(s.Features, feature, func(f activity.FeatureStats, name string) int {
		return strings.Compare(f.Feature, name)
	})
	if !ok {
		return 0
	}
	return s.Features[i].Interactions
}
