package export

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/learners"
)

// The learner tables (360Learning: users, general stats, user general
// stats, collaborative activity, registrations) are built from a
// [learners.Result], which holds the rows of one viewer's scope and the
// groups that scope sees. A table built from a result writes only that
// result's rows ([learners.Result.Owns]): a row of another result is
// refused with an error wrapping learnstats.ErrMismatch, however the table
// was narrowed or extended. So the rows and the group columns of a scoped
// export always come from one scope, given once, when the result was
// computed (SPEC section 0, "Scope"):
//
//	acc, err := learners.NewAccumulator(asOf, dir, coachScope, learners.Options{Groups: groups})
//	// … acc.AddAttempt(a) for every record …
//	res := acc.Result()
//	table := export.GeneralStatsTable(res, customFields)
//	n, err := export.WriteCSV(w, table, slices.Values(res.Rows), opts)
//
// The result is as of the asOf the accumulator was built for: it judges
// each record against asOf as it arrives and keeps only each user's
// running figures, so an export of every user costs memory in proportion
// to the users, not to their attempts, posts and reactions.

// learnerRow is the row of every learner table.
type learnerRow = learners.Stats

func learnerCustom(r learnerRow, title string) string { return r.User.CustomFields[title] }

func learnerMember(r learnerRow, g learnstats.GroupID) bool { return r.User.InGroup(g) }

// UsersTable is the users (user statistics) export of res, file name
// "users": First name, Last name, Email, Title / Employment, {custom
// fields}, Additional information, Time spent, Last activity, Direct
// report, {groups}. The custom field columns are those of customFields,
// alphabetical; the group columns are the groups res's scope sees
// ([learners.Result.Groups], X-2). Write it with res's rows, in their
// order.
//
// The rows are as of the asOf res's accumulator was built for
// ([learners.NewAccumulator] takes it first): asOf is fixed at
// construction so that the accumulator judges each record as it arrives
// and keeps only each user's running figures, and an export of every user
// costs memory in proportion to the users, not to their attempts, posts
// and reactions. An export as of another date needs its own result.
func UsersTable(res *learners.Result, customFields []string) Table[learners.Stats] {
	cols := []Column[learnerRow]{
		Text("First name", "The user's first name.", func(r learnerRow) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r learnerRow) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r learnerRow) string { return r.User.Email }),
		Text("Title / Employment", "The user's title or employment.", func(r learnerRow) string { return r.User.Title }),
		Text("Additional information", "The user's additional information field.", func(r learnerRow) string { return r.User.AdditionalInfo }),
		Duration("Time spent", "Sum of all course attempts' durations, HH:MM:SS (L-1).", func(r learnerRow) time.Duration { return r.TimeSpent }),
		DateTime("Last activity", "Latest activity time in a course, in the viewer's location; empty when none (L-3).", func(r learnerRow) time.Time { return r.LastActivity }),
		Int("Direct report", "Number of users in the viewer's scope whose manager is this user; managees' managees not counted (L-4).", func(r learnerRow) int64 { return int64(r.DirectReports) }),
	}
	return learnerTable(res, "users", learnerColumns(res, cols, 4, customFields))
}

// GeneralStatsTable is the general stats export of res, file name
// "general-stats": Last name, First name, Email, {custom fields},
// Additional information, Managers, Avg score, Completed programs,
// Assigned programs, Messages, Total time spent, {groups}. The group
// columns are the groups res's scope sees: the groups where the exporter
// is coach or administrator, when res was computed for that scope.
// Write it with res's rows, as [UsersTable]; they are as of the asOf res's
// accumulator was built for (see [UsersTable]).
func GeneralStatsTable(res *learners.Result, customFields []string) Table[learners.Stats] {
	cols := []Column[learnerRow]{
		Text("Last name", "The user's last name.", func(r learnerRow) string { return r.User.LastName }),
		Text("First name", "The user's first name.", func(r learnerRow) string { return r.User.FirstName }),
		Text("Email", "The user's email.", func(r learnerRow) string { return r.User.Email }),
		Text("Additional information", "The user's additional information field.", func(r learnerRow) string { return r.User.AdditionalInfo }),
		{
			Header: "Managers", Doc: "Emails of the user's managers in the viewer's scope, separated by \", \" (X-3).", UserText: true,
			Render: func(dst []byte, r learnerRow, _ *Format) []byte {
				for i, m := range r.Managers {
					if i > 0 {
						dst = append(dst, ", "...)
					}
					dst = append(dst, m...)
				}
				return dst
			},
		},
	}
	cols = append(cols, learnerStats(false)...)
	return learnerTable(res, "general-stats", learnerColumns(res, cols, 3, customFields))
}

// UserGeneralStatsTable is the general stats export of one user, file name
// "user-general-stats": Last name, First name, Email, Avg score, Completed
// courses, Attended classrooms, Completed paths, Assigned paths, Completed
// programs, Assigned programs, Messages, Total time spent. Write it with
// the one user's row of res ([learners.Result.User]).
func UserGeneralStatsTable(res *learners.Result) Table[learners.Stats] {
	cols := []Column[learnerRow]{
		Text("Last name", "The user's last name.", func(r learnerRow) string { return r.User.LastName }),
		Text("First name", "The user's first name.", func(r learnerRow) string { return r.User.FirstName }),
		Text("Email", "The user's email.", func(r learnerRow) string { return r.User.Email }),
	}
	return learnerTable(res, "user-general-stats", append(cols, learnerStats(true)...))
}

// CollaborativeActivityTable is the collaborative activity export of res,
// file name "collaborative-activity": First name, Last name, Email,
// Publications, Comments, Reactions. Write it with res's rows.
func CollaborativeActivityTable(res *learners.Result) Table[learners.Stats] {
	return learnerTable(res, "collaborative-activity", []Column[learnerRow]{
		Text("First name", "The user's first name.", func(r learnerRow) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r learnerRow) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r learnerRow) string { return r.User.Email }),
		Int("Publications", "Published posts and replies in the newsfeed of a group, a session or a profile (R-1).", func(r learnerRow) int64 { return int64(r.Publications) }),
		Int("Comments", "Published posts and replies in a course, learning-need or project forum, plus newsfeed replies (R-2).", func(r learnerRow) int64 { return int64(r.Comments) }),
		Int("Reactions", "Reactions in courses' activities plus likes on posts (R-3).", func(r learnerRow) int64 { return int64(r.Reactions) }),
	})
}

// RegistrationsTable is the registrations export of res, file name
// "registrations": First name, Last name, Email, Registr. at, Invited by,
// Auto deletion. Write it with res's rows.
func RegistrationsTable(res *learners.Result) Table[learners.Stats] {
	return learnerTable(res, "registrations", []Column[learnerRow]{
		Text("First name", "The user's first name.", func(r learnerRow) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r learnerRow) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r learnerRow) string { return r.User.Email }),
		DateTime("Registr. at", "When the user registered, in the viewer's location; empty when not registered.", func(r learnerRow) time.Time { return r.User.RegisteredAt }),
		Text("Invited by", "Inviter's email; the platform owner's for API accounts; empty for self-registration, SSO, the platform creator, re-invites before 13/11/2024 (R-5).", func(r learnerRow) string { return r.InvitedBy }),
		Date("Auto deletion", "The account's automatic deletion date, in the viewer's location; empty when none (R-6).", func(r learnerRow) time.Time { return r.AutoDeletion }),
	})
}

// learnerTable names the table and binds every column to res: a row of
// another result is refused (SPEC section 0, "Scope").
func learnerTable(res *learners.Result, name string, cols []Column[learnerRow]) Table[learnerRow] {
	accept := &acceptor[learnerRow]{check: func(r learnerRow) error {
		if !res.Owns(r) {
			return fmt.Errorf("export: %s: the row of user %q comes from another learner result than the table's (computed for another scope or asOf): %w", name, r.User.ID, learnstats.ErrMismatch)
		}
		return nil
	}}
	for i := range cols {
		cols[i].accept = accept
	}
	return New(name, cols...)
}

// learnerColumns inserts the custom-field columns at index at of the fixed
// columns and appends the group columns res's scope sees. A custom field or
// a group whose title equals a fixed header, or a group named like a
// custom field (a group called "Managers", a custom field called "Email"),
// keeps its column with the suffix " (2)", " (3)", … (the first free one):
// fixed headers never change, so a caller's Select by header stays stable.
func learnerColumns(res *learners.Result, fixed []Column[learnerRow], at int, customFields []string) []Column[learnerRow] {
	custom := CustomFields(customFields, learnerCustom)
	groups := Groups(res.Groups(), res.Scope(), learnerMember)
	used := make(map[string]bool, len(fixed)+len(custom)+len(groups))
	for _, c := range fixed {
		used[c.Header] = true
	}
	rename := func(cols []Column[learnerRow]) {
		for i := range cols {
			h := cols[i].Header
			for n := 2; used[h]; n++ {
				h = fmt.Sprintf("%s (%d)", cols[i].Header, n)
			}
			cols[i].Header = h
			used[h] = true
		}
	}
	rename(custom)
	rename(groups)
	out := make([]Column[learnerRow], 0, len(fixed)+len(custom)+len(groups))
	out = append(out, fixed[:at]...)
	out = append(out, custom...)
	out = append(out, fixed[at:]...)
	return append(out, groups...)
}

// learnerStats are the statistic columns of the general stats exports;
// full adds the one-user columns.
func learnerStats(full bool) []Column[learnerRow] {
	avg := OptInt("Avg score", "Mean of every scored course and assessment attempt, integer percent rounded half away from zero; empty when none (L-5).",
		func(r learnerRow) (int64, bool) { return r.AvgScore.Int(), r.AvgScore.Valid() })
	n := func(h, doc string, get func(r learnerRow) int) Column[learnerRow] {
		return Int(h, doc, func(r learnerRow) int64 { return int64(get(r)) })
	}
	completedPrograms := n("Completed programs", "Program sessions where the learner reached 100 % completion (L-6).", func(r learnerRow) int { return r.CompletedPrograms })
	assignedPrograms := n("Assigned programs", "Distinct program sessions assigned individually or through a group, counted once (L-6).", func(r learnerRow) int { return r.AssignedPrograms })
	messages := n("Messages", "Number of published posts and replies (L-7).", func(r learnerRow) int { return r.Messages })
	total := Duration("Total time spent", "Time spent in courses, only the most recent attempt of a course within a program session counting, HH:MM:SS (L-2).",
		func(r learnerRow) time.Duration { return r.TotalTimeSpent })
	if !full {
		return []Column[learnerRow]{avg, completedPrograms, assignedPrograms, messages, total}
	}
	return []Column[learnerRow]{avg,
		n("Completed courses", "Courses where the learner reached 100 % completion (L-6).", func(r learnerRow) int { return r.CompletedCourses }),
		n("Attended classrooms", "Classrooms where the learner was marked attended (L-6).", func(r learnerRow) int { return r.AttendedClassrooms }),
		n("Completed paths", "Paths where the learner reached 100 % completion (L-6).", func(r learnerRow) int { return r.CompletedPaths }),
		n("Assigned paths", "Distinct paths assigned individually or through a group, counted once (L-6).", func(r learnerRow) int { return r.AssignedPaths }),
		completedPrograms, assignedPrograms, messages, total}
}

func init() {
	// The column reference: one placeholder custom field and group.
	acc, _ := learners.NewAccumulator(time.Time{}, nil, learnstats.Everything, learners.Options{Groups: []learnstats.Group{{ID: "{groups}", Name: "{groups}"}}})
	res := acc.Result() // a constant definition: it cannot fail (and TestReference checks the group placeholder)
	custom := []string{"{custom fields}"}
	addReference("Users (user statistics)", func() Table[learnerRow] { return UsersTable(res, custom) })
	addReference("General stats", func() Table[learnerRow] { return GeneralStatsTable(res, custom) })
	addReference("User general stats (one user)", func() Table[learnerRow] { return UserGeneralStatsTable(res) })
	addReference("Collaborative activity", func() Table[learnerRow] { return CollaborativeActivityTable(res) })
	addReference("Registrations", func() Table[learnerRow] { return RegistrationsTable(res) })
}
