package export

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

// LearnerTableConfig configures the users and general stats exports: the
// dynamic column sets of rules. The zero value has no custom
// field and no group column.
//
// It holds no scope: a scoped export takes its scope once, from the viewer
// its rows were computed for (SPEC section 0, "Scope"), so that the rows and
// the group columns can never come from two different scopes.
type LearnerTableConfig struct {
	// CustomFields are the custom field titles to show, one column each,
	// ordered alphabetically whatever their order here.
	CustomFields []string
	// Groups are the platform's groups; only those the viewer's scope sees
	// get a column.
	Groups []learnstats.Group
}

func learnerCustom(r stats.LearnerStats, title string) string { return r.User.CustomFields[title] }

func learnerMember(r stats.LearnerStats, g learnstats.GroupID) bool { return r.User.InGroup(g) }

// LearnerUsersTable is the users (user statistics) export of viewer v,
// file name "users": First name, Last name, Email, Title / Employment,
// {custom fields}, Additional information, Time spent, Last activity,
// Direct report, {groups}. The group columns are the groups of c.Groups
// that v's scope sees ([stats.LearnerView.Scope]; a nil v sees none).
// Write it with the rows v made: [stats.LearnersResult].Rows when v is
// that result's View, in [stats.CompareLearners] order, or the rows of
// [stats.LearnerView.Stats] when streaming.
func LearnerUsersTable(v *stats.LearnerView, c LearnerTableConfig) Table[stats.LearnerStats] {
	cols := []Column[stats.LearnerStats]{
		Text("First name", "The user's first name.", func(r stats.LearnerStats) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r stats.LearnerStats) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r stats.LearnerStats) string { return r.User.Email }),
		Text("Title / Employment", "The user's title or employment.", func(r stats.LearnerStats) string { return r.User.Title }),
	}
	custom := CustomFields(c.CustomFields, learnerCustom)
	cols = append(cols,
		Text("Additional information", "The user's additional information field.", func(r stats.LearnerStats) string { return r.User.AdditionalInfo }),
		Duration("Time spent", "Sum of all course attempts' durations, HH:MM:SS (L-1).", func(r stats.LearnerStats) time.Duration { return r.TimeSpent }),
		DateTime("Last activity", "Latest activity time in a course, in the viewer's location; empty when none (L-3).", func(r stats.LearnerStats) time.Time { return r.LastActivity }),
		Int("Direct report", "Number of users in the viewer's scope whose manager is this user; managees' managees not counted (L-4).", func(r stats.LearnerStats) int64 { return int64(r.DirectReports) }),
	)
	return New("users", learnerColumns(cols, 4, custom, Groups(c.Groups, v.Scope(), learnerMember))...)
}

// LearnerGeneralStatsTable is the general stats export of viewer v, file
// name "general-stats": Last name, First name, Email, {custom fields},
// Additional information, Managers, Avg score, Completed programs,
// Assigned programs, Messages, Total time spent, {groups}. The group
// columns are the groups of c.Groups that v's scope sees: the groups where
// the exporter is coach or administrator, when v was made for that scope
// ([stats.Learners] with the exporter's scope, then
// [stats.LearnersResult.View]). Write it with the rows v made, as for
// [LearnerUsersTable].
func LearnerGeneralStatsTable(v *stats.LearnerView, c LearnerTableConfig) Table[stats.LearnerStats] {
	cols := []Column[stats.LearnerStats]{
		Text("Last name", "The user's last name.", func(r stats.LearnerStats) string { return r.User.LastName }),
		Text("First name", "The user's first name.", func(r stats.LearnerStats) string { return r.User.FirstName }),
		Text("Email", "The user's email.", func(r stats.LearnerStats) string { return r.User.Email }),
	}
	custom := CustomFields(c.CustomFields, learnerCustom)
	cols = append(cols,
		Text("Additional information", "The user's additional information field.", func(r stats.LearnerStats) string { return r.User.AdditionalInfo }),
		Column[stats.LearnerStats]{
			Header: "Managers", Doc: "Emails of the user's managers in the viewer's scope, separated by \", \" (X-3).", UserText: true,
			Render: func(dst []byte, r stats.LearnerStats, _ *Format) []byte {
				for i, m := range r.Managers {
					if i > 0 {
						dst = append(dst, ", "...)
					}
					dst = append(dst, m...)
				}
				return dst
			},
		},
	)
	cols = append(cols, learnerCommon(false)...)
	return New("general-stats", learnerColumns(cols, 3, custom, Groups(c.Groups, v.Scope(), learnerMember))...)
}

// learnerColumns inserts the custom-field columns at index at of the
// fixed columns and appends the group columns. A custom field or a group
// whose title equals a fixed header, or a group named like a custom field
// (a group called "Managers", a custom field called "Email"), keeps its
// column with the suffix " (2)", " (3)", … (the first free one): fixed
// headers never change, so a caller's Select by header stays stable.
func learnerColumns(fixed []Column[stats.LearnerStats], at int, custom, groups []Column[stats.LearnerStats]) []Column[stats.LearnerStats] {
	used := make(map[string]bool, len(fixed)+len(custom)+len(groups))
	for _, c := range fixed {
		used[c.Header] = true
	}
	rename := func(cols []Column[stats.LearnerStats]) {
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
	out := make([]Column[stats.LearnerStats], 0, len(fixed)+len(custom)+len(groups))
	out = append(out, fixed[:at]...)
	out = append(out, custom...)
	out = append(out, fixed[at:]...)
	return append(out, groups...)
}

// learnerCommon are the statistic columns of the general stats exports;
// full adds the one-user columns.
func learnerCommon(full bool) []Column[stats.LearnerStats] {
	avg := OptInt("Avg score", "Mean of every scored course and assessment attempt, integer percent rounded half away from zero; empty when none (L-5).",
		func(r stats.LearnerStats) (int64, bool) { return int64(r.AvgScore), r.HasScore })
	n := func(h, doc string, get func(r stats.LearnerStats) int) Column[stats.LearnerStats] {
		return Int(h, doc, func(r stats.LearnerStats) int64 { return int64(get(r)) })
	}
	completedPrograms := n("Completed programs", "Program sessions where the learner reached 100 % completion (L-6).", func(r stats.LearnerStats) int { return r.CompletedPrograms })
	assignedPrograms := n("Assigned programs", "Distinct program sessions assigned individually or through a group, counted once (L-6).", func(r stats.LearnerStats) int { return r.AssignedPrograms })
	messages := n("Messages", "Number of published posts and replies (L-7).", func(r stats.LearnerStats) int { return r.Messages })
	total := Duration("Total time spent", "Time spent in courses, only the most recent attempt of a course within a program session counting, HH:MM:SS (L-2).",
		func(r stats.LearnerStats) time.Duration { return r.TotalTimeSpent })
	if !full {
		return []Column[stats.LearnerStats]{avg, completedPrograms, assignedPrograms, messages, total}
	}
	return []Column[stats.LearnerStats]{avg,
		n("Completed courses", "Courses where the learner reached 100 % completion (L-6).", func(r stats.LearnerStats) int { return r.CompletedCourses }),
		n("Attended classrooms", "Classrooms where the learner was marked attended (L-6).", func(r stats.LearnerStats) int { return r.AttendedClassrooms }),
		n("Completed paths", "Paths where the learner reached 100 % completion (L-6).", func(r stats.LearnerStats) int { return r.CompletedPaths }),
		n("Assigned paths", "Distinct paths assigned individually or through a group, counted once (L-6).", func(r stats.LearnerStats) int { return r.AssignedPaths }),
		completedPrograms, assignedPrograms, messages, total}
}

// LearnerUserGeneralStatsTable is the general stats export of one user,
// file name "user-general-stats": Last name, First name, Email, Avg score,
// Completed courses, Attended classrooms, Completed paths, Assigned paths,
// Completed programs, Assigned programs, Messages, Total time spent.
// Write it with the one user's row, taken from the viewer's result (it has
// no group column, so the row is its only scoped part).
func LearnerUserGeneralStatsTable() Table[stats.LearnerStats] {
	cols := []Column[stats.LearnerStats]{
		Text("Last name", "The user's last name.", func(r stats.LearnerStats) string { return r.User.LastName }),
		Text("First name", "The user's first name.", func(r stats.LearnerStats) string { return r.User.FirstName }),
		Text("Email", "The user's email.", func(r stats.LearnerStats) string { return r.User.Email }),
	}
	return New("user-general-stats", append(cols, learnerCommon(true)...)...)
}

// CollaborativeActivityTable is the collaborative activity export, file
// name "collaborative-activity": First name, Last name, Email,
// Publications, Comments, Reactions. Rows come from [stats.Collab], for
// the viewer's scope ([stats.CollabResult.Scope]); the table has no group
// column, so the rows are its only scoped part.
func CollaborativeActivityTable() Table[stats.CollabRow] {
	return New("collaborative-activity",
		Text("First name", "The user's first name.", func(r stats.CollabRow) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r stats.CollabRow) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r stats.CollabRow) string { return r.User.Email }),
		Int("Publications", "Published posts and replies in the newsfeed of a group, a session or a profile (R-1).", func(r stats.CollabRow) int64 { return int64(r.Publications) }),
		Int("Comments", "Published posts and replies in a course, learning-need or project forum, plus newsfeed replies (R-2).", func(r stats.CollabRow) int64 { return int64(r.Comments) }),
		Int("Reactions", "Reactions in courses' activities plus likes on posts (R-3).", func(r stats.CollabRow) int64 { return int64(r.Reactions) }),
	)
}

// RegistrationsTable is the registrations export, file name
// "registrations": First name, Last name, Email, Registr. at, Invited by,
// Auto deletion. Rows come from [stats.Registrations], for the viewer's
// scope ([stats.RegistrationResult.Scope]); the table has no group column,
// so the rows are its only scoped part.
func RegistrationsTable() Table[stats.RegistrationRow] {
	return New("registrations",
		Text("First name", "The user's first name.", func(r stats.RegistrationRow) string { return r.User.FirstName }),
		Text("Last name", "The user's last name.", func(r stats.RegistrationRow) string { return r.User.LastName }),
		Text("Email", "The user's email.", func(r stats.RegistrationRow) string { return r.User.Email }),
		DateTime("Registr. at", "When the user registered, in the viewer's location; empty when not registered.", func(r stats.RegistrationRow) time.Time { return r.RegisteredAt }),
		Text("Invited by", "Inviter's email; the platform owner's for API accounts; empty for self-registration, SSO, the platform creator, re-invites before 13/11/2024 (R-5).", func(r stats.RegistrationRow) string { return r.InvitedBy }),
		Date("Auto deletion", "The account's automatic deletion date, in the viewer's location; empty when none (R-6).", func(r stats.RegistrationRow) time.Time { return r.AutoDeletion }),
	)
}

func init() {
	placeholder := LearnerTableConfig{
		CustomFields: []string{"{custom fields}"},
		Groups:       []learnstats.Group{{ID: "{groups}", Name: "{groups}"}},
	}
	owner := func() *stats.LearnerView { return stats.NewLearnerView(nil, learnstats.Everything, nil) }
	addReference("Users (user statistics)", func() Table[stats.LearnerStats] { return LearnerUsersTable(owner(), placeholder) })
	addReference("General stats", func() Table[stats.LearnerStats] { return LearnerGeneralStatsTable(owner(), placeholder) })
	addReference("User general stats (one user)", LearnerUserGeneralStatsTable)
	addReference("Collaborative activity", CollaborativeActivityTable)
	addReference("Registrations", RegistrationsTable)
}
