package export_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/stats"
)

var learnersAsOf = time.Date(2026, 11, 22, 12, 0, 0, 0, export.Paris)

var learnersGroups = []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}, {ID: "g3", Name: "Engineering"}}

// learnersUsers: u1 and u2 manage u3 (two managers); u4 is in g1 only
// (outside a g2 viewer's scope) and has user text starting with "=".
func learnersUsers() []learnstats.User {
	return []learnstats.User{
		{ID: "u1", FirstName: "Alice", LastName: "Martin", Email: "alice@example.com", Title: "Lead",
			CustomFields: map[string]string{"Site": "Paris", "badge": "B-1"}, Groups: []learnstats.GroupID{"g1", "g2"},
			RegisteredAt: time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)},
		{ID: "u2", FirstName: "Bruno", LastName: "Bernard", Email: "bruno@example.com", Title: "Agent",
			CustomFields: map[string]string{"Site": "Lyon"}, Groups: []learnstats.GroupID{"g2"},
			RegisteredAt: time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC)},
		{ID: "u3", FirstName: "Chloé", LastName: "Dubois", Email: "chloe@example.com", Title: "Engineer, senior",
			AdditionalInfo: "Line one\nline two", Managers: []learnstats.UserID{"u1", "u2"}, Groups: []learnstats.GroupID{"g2", "g3"}},
		{ID: "u4", FirstName: "=Dmitri", LastName: "Nowak", Email: "secret.outsider@example.com", Title: "-intern",
			AdditionalInfo: "=HYPERLINK(\"http://evil.example\")", Managers: []learnstats.UserID{"u1"}, Groups: []learnstats.GroupID{"g1"},
			CustomFields: map[string]string{"Site": "+33"}},
	}
}

func learnersDir(t testing.TB) *learnstats.Directory {
	t.Helper()
	d, err := learnstats.NewDirectory(learnersUsers())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func learnersInputs() stats.LearnerInputs {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	m := time.Minute
	return stats.LearnerInputs{
		Attempts: slices.Values([]stats.CourseAttempt{
			// u3: the SPEC example (L-2 20 min, L-1 30 min).
			{ID: 1, User: "u3", Course: "C", Session: "S1", Start: t0, Duration: 10 * m, Score: 57, Scored: true},
			{ID: 2, User: "u3", Course: "C", Session: "S1", Start: t0.Add(time.Hour), Duration: 5 * m, Score: 58, Scored: true},
			{ID: 3, User: "u3", Course: "C", Start: t0.Add(2 * time.Hour), Duration: 15*m + 30*time.Second, Progress: 100, LastActivity: t0.Add(3 * time.Hour)},
			// u4: a long time (hours above 24).
			{ID: 4, User: "u4", Course: "D", Start: t0, Duration: 26*time.Hour + 3*m + 4*time.Second, Score: 90, Scored: true},
			// u1: after asOf, left out.
			{ID: 5, User: "u1", Course: "D", Start: learnersAsOf, Duration: time.Hour},
		}),
		Assessments: slices.Values([]stats.AssessmentAttempt{{ID: 1, User: "u2", Assessment: "Q", At: t0, Score: 23, Scored: true}}),
		Progress: slices.Values([]stats.LearnerProgress{
			{User: "u3", Kind: stats.LearnerProgram, Item: "S1", Percent: 100},
			{User: "u3", Kind: stats.LearnerPath, Item: "P1", Percent: 100},
		}),
		Attendance: slices.Values([]stats.ClassroomAttendance{{User: "u3", Classroom: "K1", Attended: true}}),
		Posts: slices.Values([]stats.Post{
			{ID: 1, User: "u3", Place: stats.PlaceGroupFeed, Published: true, At: t0},
			{ID: 2, User: "u3", Place: stats.PlaceGroupFeed, Reply: true, Published: true, At: t0},
			{ID: 3, User: "u2", Place: stats.PlaceCourseForum, Published: true, At: t0},
		}),
		Assignments: slices.Values([]stats.Assignment{
			{Kind: stats.LearnerProgram, Item: "S1", User: "u3"},
			{Kind: stats.LearnerProgram, Item: "S1", Group: "g2"},
			{Kind: stats.LearnerPath, Item: "P1", Group: "g3"},
		}),
	}
}

func learnersConfig() export.LearnerTableConfig {
	return export.LearnerTableConfig{CustomFields: []string{"Site", "badge"}, Groups: learnersGroups}
}

func learnersRows(t testing.TB, scope learnstats.Scope) stats.LearnersResult {
	t.Helper()
	res, err := stats.Learners(learnersAsOf, learnersDir(t), scope, learnersInputs())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func learnersWrite[R any](t *testing.T, table export.Table[R], rows []R) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := &export.Options{Format: export.Format{Location: export.Paris}}
	n, err := export.WriteCSV(&buf, table, slices.Values(rows), opts)
	if err != nil || n != len(rows) {
		t.Fatalf("write: %d rows, %v", n, err)
	}
	exporttest.Check(t, table, rows, opts)
	return buf.Bytes()
}

func TestLearnerUsersExport(t *testing.T) {
	res := learnersRows(t, learnstats.Everything)
	table := export.LearnerUsersTable(res.View(), learnersConfig())
	if table.FileName(learnersAsOf) != "users-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "users.golden.csv", learnersWrite(t, table, res.Rows))
}

func TestLearnerGeneralStatsExport(t *testing.T) {
	res := learnersRows(t, learnstats.Everything)
	table := export.LearnerGeneralStatsTable(res.View(), learnersConfig())
	if table.FileName(learnersAsOf) != "general-stats-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "general-stats.golden.csv", learnersWrite(t, table, res.Rows))
}

// TestX2_LearnerScopeBoundary: a coach of g2 only gets no other group
// column and no user outside g2, neither as a row nor as a manager email.
func TestX2_LearnerScopeBoundary(t *testing.T) {
	scope := learnstats.NewGroupScope("g2")
	res := learnersRows(t, scope)
	if res.OutOfScope != 1 {
		t.Errorf("out of scope %d, want 1 (u4)", res.OutOfScope)
	}
	for _, tc := range []struct {
		name  string
		table export.Table[stats.LearnerStats]
	}{
		{"general-stats-coach-g2.golden.csv", export.LearnerGeneralStatsTable(res.View(), learnersConfig())},
		{"users-coach-g2.golden.csv", export.LearnerUsersTable(res.View(), learnersConfig())},
	} {
		got := learnersWrite(t, tc.table, res.Rows)
		for _, leak := range []string{"Sales", "Engineering", "secret.outsider@example.com", "Nowak"} {
			if bytes.Contains(got, []byte(leak)) {
				t.Errorf("%s: a g2 coach sees %q:\n%s", tc.name, leak, got)
			}
		}
		if !bytes.Contains(got, []byte("Support")) {
			t.Errorf("%s: the viewer's own group column is missing", tc.name)
		}
		export.Golden(t, tc.name, got)
	}
	// The users export's direct reports: u1 manages u3 and u4; a g2 viewer
	// counts only u3.
	for _, r := range res.Rows {
		if r.User.ID == "u1" && r.DirectReports != 1 {
			t.Errorf("u1 direct reports %d, want 1 in scope", r.DirectReports)
		}
	}
}

func TestLearnerUserGeneralStatsExport(t *testing.T) {
	res := learnersRows(t, learnstats.Everything)
	var one []stats.LearnerStats
	for _, r := range res.Rows {
		if r.User.ID == "u3" {
			one = append(one, r)
		}
	}
	table := export.LearnerUserGeneralStatsTable()
	if table.FileName(learnersAsOf) != "user-general-stats-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "user-general-stats.golden.csv", learnersWrite(t, table, one))
}

func TestCollaborativeActivityExport(t *testing.T) {
	in := learnersInputs()
	reactions := []stats.Reaction{{ID: 1, User: "u4", Kind: stats.ReactionPostLike, At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}}
	res, err := stats.Collab(learnersAsOf, learnersDir(t), learnstats.Everything, in.Posts, slices.Values(reactions))
	if err != nil {
		t.Fatal(err)
	}
	table := export.CollaborativeActivityTable()
	if table.FileName(learnersAsOf) != "collaborative-activity-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "collaborative-activity.golden.csv", learnersWrite(t, table, res.Rows))
}

func learnersRegistrations() []stats.Registration {
	return []stats.Registration{
		{User: "u1", Method: stats.RegistrationPlatformCreator},
		{User: "u2", Method: stats.RegistrationAPI, AutoDeletion: time.Date(2027, 3, 31, 22, 30, 0, 0, time.UTC)},
		{User: "u3", Method: stats.RegistrationInvited, InvitedBy: "u2"},
		{User: "u4", Method: stats.RegistrationInvited, InvitedBy: "u1", ReinvitedAt: time.Date(2024, 11, 12, 23, 59, 0, 0, time.UTC)},
	}
}

func TestRegistrationsExport(t *testing.T) {
	res, err := stats.Registrations(learnersDir(t), learnstats.Everything, "u1", slices.Values(learnersRegistrations()))
	if err != nil {
		t.Fatal(err)
	}
	table := export.RegistrationsTable()
	if table.FileName(learnersAsOf) != "registrations-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "registrations.golden.csv", learnersWrite(t, table, res.Rows))
}

// TestRegistrationsExportEmpty: a viewer who sees nobody gets the header
// line and no row.
func TestRegistrationsExportEmpty(t *testing.T) {
	res, err := stats.Registrations(learnersDir(t), learnstats.NewGroupScope("g9"), "u1", slices.Values(learnersRegistrations()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 0 || res.OutOfScope != 4 {
		t.Fatalf("rows %d out of scope %d", len(res.Rows), res.OutOfScope)
	}
	got := learnersWrite(t, export.RegistrationsTable(), res.Rows)
	export.Golden(t, "registrations-empty.golden.csv", got)
}

// TestX1_LearnerCustomFieldsSelectable: custom-field columns are
// alphabetical whatever the order given, and the caller may keep some.
func TestX1_LearnerCustomFieldsSelectable(t *testing.T) {
	c := learnersConfig()
	c.CustomFields = []string{"badge", "Site"}
	h := export.LearnerGeneralStatsTable(nil, c).Headers()
	if got := strings.Join(h, "|"); got != "Last name|First name|Email|badge|Site|Additional information|Managers|Avg score|Completed programs|Assigned programs|Messages|Total time spent" {
		t.Errorf("headers %s", got)
	}
	c.CustomFields = []string{"Site"}
	if got := strings.Join(export.LearnerUsersTable(nil, c).Headers(), "|"); got != "First name|Last name|Email|Title / Employment|Site|Additional information|Time spent|Last activity|Direct report" {
		t.Errorf("headers %s", got)
	}
}

// TestX2_LearnerHeaderCollisions: a group named like a fixed column (the
// demo's group "Managers") or like a custom field keeps its column with a
// " (2)" suffix; fixed headers never change.
func TestX2_LearnerHeaderCollisions(t *testing.T) {
	c := export.LearnerTableConfig{
		CustomFields: []string{"Email", "Site"},
		Groups:       []learnstats.Group{{ID: "g5", Name: "Managers"}, {ID: "g6", Name: "Site"}, {ID: "g7", Name: "Email"}},
	}
	res := learnersRows(t, learnstats.Everything)
	table := export.LearnerGeneralStatsTable(res.View(), c)
	got := strings.Join(table.Headers(), "|")
	want := "Last name|First name|Email|Email (2)|Site|Additional information|Managers|Avg score|Completed programs|Assigned programs|Messages|Total time spent|Email (3)|Managers (2)|Site (2)"
	if got != want {
		t.Errorf("headers\n got %s\nwant %s", got, want)
	}
	if err := table.Validate(); err != nil {
		t.Error(err)
	}
	exporttest.Check(t, table, res.Rows, nil)
}

// TestR4_ScopedCollabAndRegistrationsExports: a g2 viewer's collaborative
// activity and registrations exports hold no user outside g2, not even as
// an inviter.
func TestR4_ScopedCollabAndRegistrationsExports(t *testing.T) {
	scope := learnstats.NewGroupScope("g2")
	regs := learnersRegistrations()
	regs[2].InvitedBy = "u4" // u3 (g2) invited by u4 (g1 only)
	res, err := stats.Registrations(learnersDir(t), scope, "u1", slices.Values(regs))
	if err != nil {
		t.Fatal(err)
	}
	if res.OutOfScope != 1 || res.HiddenInviters != 1 {
		t.Errorf("out of scope %d hidden inviters %d, want 1 and 1", res.OutOfScope, res.HiddenInviters)
	}
	in := learnersInputs()
	collab, err := stats.Collab(learnersAsOf, learnersDir(t), scope, in.Posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{
		"registrations":          learnersWrite(t, export.RegistrationsTable(), res.Rows),
		"collaborative-activity": learnersWrite(t, export.CollaborativeActivityTable(), collab.Rows),
	} {
		if bytes.Contains(got, []byte("secret.outsider@example.com")) || bytes.Contains(got, []byte("Nowak")) {
			t.Errorf("%s: a g2 viewer sees u4:\n%s", name, got)
		}
		if !bytes.Contains(got, []byte("chloe@example.com")) {
			t.Errorf("%s: u3 is missing:\n%s", name, got)
		}
	}
}

// TestX3_ManagersJoined checks rule X-3 in the general stats export: a
// user with two managers shows both emails joined with ", " (quoted, as
// the cell holds a comma), in the order the user record lists them.
func TestX3_ManagersJoined(t *testing.T) {
	res := learnersRows(t, learnstats.Everything)
	table, err := export.LearnerGeneralStatsTable(res.View(), learnersConfig()).Select("Email", "Managers")
	if err != nil {
		t.Fatal(err)
	}
	got := string(learnersWrite(t, table, res.Rows))
	if want := "chloe@example.com,\"alice@example.com, bruno@example.com\"\n"; !strings.Contains(got, want) {
		t.Errorf("general stats:\n%s\nwant the line %q", got, want)
	}
	if want := "secret.outsider@example.com,alice@example.com\n"; !strings.Contains(got, want) {
		t.Errorf("a user with one manager: want the line %q in\n%s", want, got)
	}
	if want := "alice@example.com,\n"; !strings.Contains(got, want) {
		t.Errorf("a user without managers: want the line %q (an empty cell) in\n%s", want, got)
	}
}

// TestTrap3_X2_ScopeTakenOnce (issue 9, trap 3; SPEC section 0, "Scope"):
// a scoped export takes its scope once. Before the fix
// LearnerTableConfig carried its own Scope, so rows computed for everyone
// written with a coach's group columns put users outside the coach's scope
// in the coach's file (and the reverse showed the coach every group name).
// Now the table takes the viewer its rows were computed for: the old call
// does not compile, and a coach's result gives a coach's rows and columns.
func TestTrap3_X2_ScopeTakenOnce(t *testing.T) {
	if _, ok := reflect.TypeOf(export.LearnerTableConfig{}).FieldByName("Scope"); ok {
		t.Errorf("LearnerTableConfig has a Scope field: the scope could be given twice")
	}
	view := reflect.TypeOf((*stats.LearnerView)(nil))
	for name, f := range map[string]any{"users": export.LearnerUsersTable, "general stats": export.LearnerGeneralStatsTable} {
		if ft := reflect.TypeOf(f); ft.NumIn() != 2 || ft.In(0) != view || ft.In(1) != reflect.TypeOf(export.LearnerTableConfig{}) {
			t.Errorf("%s table is %s, want func(*stats.LearnerView, export.LearnerTableConfig)", name, ft)
		}
	}
	for _, tt := range []struct {
		name, reason string
		scope        learnstats.Scope
		groups       []string // the group columns, in order
		users        []string // the rows' last names
	}{
		{"coach of g2", "the coach's rows and only the coach's group column", learnstats.NewGroupScope("g2"),
			[]string{"Support"}, []string{"Bernard", "Dubois", "Martin"}},
		{"platform owner", "every row and every group column", learnstats.Everything,
			[]string{"Engineering", "Sales", "Support"}, []string{"Bernard", "Dubois", "Martin", "Nowak"}},
		{"author", "a user set sees its users and no group column", learnstats.UserSet{"u3": true},
			nil, []string{"Dubois"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := learnersRows(t, tt.scope)
			if res.View().Scope() == nil {
				t.Fatal("the result carries no scope")
			}
			for _, table := range []export.Table[stats.LearnerStats]{
				export.LearnerGeneralStatsTable(res.View(), learnersConfig()),
				export.LearnerUsersTable(res.View(), learnersConfig()),
			} {
				h := table.Headers()
				if got := h[len(h)-len(tt.groups):]; len(tt.groups) > 0 && !slices.Equal(got, tt.groups) {
					t.Errorf("%s: %s: group columns %q, want %q", tt.reason, table.Name, got, tt.groups)
				}
				for _, g := range learnersGroups {
					if slices.Contains(h, g.Name) != slices.Contains(tt.groups, g.Name) {
						t.Errorf("%s: %s: headers %q and group %q", tt.reason, table.Name, h, g.Name)
					}
				}
				got := string(learnersWrite(t, table, res.Rows))
				for _, u := range []string{"Bernard", "Dubois", "Martin", "Nowak"} {
					if strings.Contains(got, u) != slices.Contains(tt.users, u) {
						t.Errorf("%s: %s: row of %s present %v, want %v:\n%s", tt.reason, table.Name, u, strings.Contains(got, u), slices.Contains(tt.users, u), got)
					}
				}
			}
		})
	}
	// The collaboration and registration results carry their scope too.
	coach := learnstats.NewGroupScope("g2")
	collab, err := stats.Collab(learnersAsOf, learnersDir(t), coach, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := stats.Registrations(learnersDir(t), coach, "u1", nil)
	if err != nil {
		t.Fatal(err)
	}
	outsider, _ := learnersDir(t).User("u4")
	for name, s := range map[string]learnstats.Scope{"collab": collab.Scope(), "registrations": regs.Scope()} {
		if s == nil || s.SeesUser(outsider) || !s.SeesGroup("g2") {
			t.Errorf("%s result: scope %v, want the coach's", name, s)
		}
	}
	// The zero result (no viewer) sees no group.
	if h := export.LearnerGeneralStatsTable(stats.LearnersResult{}.View(), learnersConfig()).Headers(); slices.Contains(h, "Support") {
		t.Errorf("a nil viewer gets group columns: %q", h)
	}
}
