package main

import (
	"slices"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats/profiles"
)

func init() { register("certs", runCerts) }

// runCerts writes three files:
//
//   - certificates-{date}.csv: the certificates export (C-1 to C-4) for
//     every demo user in ONE table. The built-in table is per user (a
//     profile's list), so the report inserts First name, Last name and
//     Email columns before Name (Table.Insert) and writes each user's
//     list in users' ID order, each list in rule C-4's order.
//   - certificates-expiring-{date}.csv: the same columns for the
//     certificates expiring within Opigno's 7-day reminder window
//     (ExpiringWithin), soonest first.
//   - public-profiles-{date}.csv: a table defined here with one line per
//     user (ID order) and one column per public-statistics metric (P-1,
//     P-2); a creator's learner columns and a learner's creator columns are
//     empty, since the role decides which metrics a profile shows.
func runCerts(ctx *Context) error {
	c := ctx.Data.Certs
	dir := ctx.Data.Directory

	byUser := map[learnstats.UserID][]certificates.Certificate{}
	for _, cert := range c.Certificates {
		byUser[cert.User] = append(byUser[cert.User], cert)
	}
	var rows []certificates.Row
	for _, id := range dir.IDs() {
		list, err := certificates.List(ctx.AsOf, slices.Values(byUser[id]), nil)
		if err != nil {
			return err
		}
		rows = append(rows, list.Rows...)
	}
	table, err := certsWithUsers(dir)
	if err != nil {
		return err
	}
	if err := write(ctx, export.FileName(table.Name, ctx.AsOf), table, rows); err != nil {
		return err
	}

	soon, err := certificates.ExpiringWithin(ctx.AsOf, slices.Values(c.Certificates), 7 /* Opigno's reminder window */)
	if err != nil {
		return err
	}
	if err := write(ctx, export.FileName("certificates-expiring", ctx.AsOf), table, soon.Rows); err != nil {
		return err
	}

	res, err := profiles.StatsOf(ctx.AsOf, c.Catalog, slices.Values(c.Profiles), slices.Values(c.Attempts),
		slices.Values(slices.Concat(c.Posts, c.CourseComments)), slices.Values(slices.Concat(c.CourseReactions, c.PostReactions)),
		slices.Values(c.Completions), slices.Values(c.Sessions))
	if err != nil {
		return err
	}
	profilesTable := certsPublicTable(dir)
	return write(ctx, export.FileName(profilesTable.Name, ctx.AsOf), profilesTable, res.Profiles)
}

// certsWithUsers is the built-in certificates table with the holder's
// First name, Last name and Email inserted before Name.
func certsWithUsers(dir *learnstats.Directory) (export.Table[certificates.Row], error) {
	user := func(r certificates.Row) learnstats.User { u, _ := dir.User(r.User); return u }
	return export.CertificatesTable().Insert("Name",
		export.Text("First name", "The holder's first name.", func(r certificates.Row) string { return user(r).FirstName }),
		export.Text("Last name", "The holder's last name.", func(r certificates.Row) string { return user(r).LastName }),
		export.Text("Email", "The holder's email.", func(r certificates.Row) string { return user(r).Email }),
	)
}

// certsPublicTable is the public-profile summary: one line per user, one
// column per metric of rules P-1 and P-2 (last 90 days, P-3).
func certsPublicTable(dir *learnstats.Directory) export.Table[profiles.Stats] {
	type row = profiles.Stats
	user := func(r row) learnstats.User { u, _ := dir.User(r.User); return u }
	creator := func(get func(profiles.CreatorMetrics) int) func(row) (int64, bool) {
		return func(r row) (int64, bool) { return int64(get(r.CreatorMetrics)), r.Creator }
	}
	learner := func(get func(profiles.LearnerMetrics) int) func(row) (int64, bool) {
		return func(r row) (int64, bool) { return int64(get(r.LearnerMetrics)), !r.Creator }
	}
	return export.New("public-profiles",
		export.Text("First name", "The user's first name.", func(r row) string { return user(r).FirstName }),
		export.Text("Last name", "The user's last name.", func(r row) string { return user(r).LastName }),
		export.Text("Email", "The user's email.", func(r row) string { return user(r).Email }),
		export.Label("Role", "creator (platform owner, or administrator or author in a group) or learner (section 5).",
			func(r row) string {
				if r.Creator {
					return "creator"
				}
				return "learner"
			}),
		export.OptInt("Course views", "Creators: attempts in the last 90 days on their courses and their duplicates (P-1).",
			creator(func(m profiles.CreatorMetrics) int { return m.CourseViews })),
		export.OptInt("Course comments", "Creators: comments in the last 90 days on those courses (P-1).",
			creator(func(m profiles.CreatorMetrics) int { return m.CommentsReceived })),
		export.Decimal("Average reaction score", "Creators: mean reaction score in the last 90 days on those courses, 2 decimals; empty without reactions (P-1).", 2,
			func(r row) (decimal.Decimal, bool) {
				avg := r.CreatorMetrics.AverageReactionScore
				return avg.Decimal(2), r.Creator && avg.Valid()
			}),
		export.OptInt("Published courses", "Creators: courses they published, all time (P-1).",
			creator(func(m profiles.CreatorMetrics) int { return m.PublishedCourses })),
		export.OptInt("Completed courses", "Learners: completions in the last 90 days (P-2).",
			learner(func(m profiles.LearnerMetrics) int { return m.CompletedCourses })),
		export.OptInt("Comments received", "Learners: replies by others in the last 90 days to their newsfeed and forum posts (P-2).",
			learner(func(m profiles.LearnerMetrics) int { return m.CommentsReceived })),
		export.OptInt("Reactions received", "Learners: likes in the last 90 days on those posts (P-2).",
			learner(func(m profiles.LearnerMetrics) int { return m.ReactionsReceived })),
		export.Column[row]{Header: "Total training time", Doc: "Learners: time spent on courses in the last 90 days, HH:MM:SS (P-2, X-4).",
			Render: func(dst []byte, r row, f *export.Format) []byte {
				if r.Creator {
					return dst
				}
				return f.AppendDuration(dst, r.LearnerMetrics.TrainingTime)
			}},
		export.Label("Hover", "The profile's hover summary (P-1, P-2).", func(r row) string { return r.Hover() }),
	)
}
