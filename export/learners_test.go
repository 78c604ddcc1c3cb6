package export_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/export/exporttest"
	"github.com/learnstats/learnstats/stats/learners"
)

var learnersAsOf = time.Date(2026, 11, 22, 12, 0, 0, 0, export.Paris)

var learnersGroups = []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}, {ID: "g3", Name: "Engineering"}}

var learnersCustomFields = []string{"Site", "badge"}

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

func learnersRegistrations() []learners.Registration {
	return []learners.Registration{
		{User: "u1", Method: learners.PlatformCreator},
		{User: "u2", Method: learners.API, AutoDeletion: time.Date(2027, 3, 31, 22, 30, 0, 0, time.UTC)},
		{User: "u3", Method: learners.Invited, InvitedBy: "u2"},
		{User: "u4", Method: learners.Invited, InvitedBy: "u1", ReinvitedAt: time.Date(2024, 11, 12, 23, 59, 0, 0, time.UTC)},
	}
}

func learnersRecords(regs []learners.Registration) learners.Records {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	m := time.Minute
	return learners.Records{
		Attempts: slices.Values([]learnstats.Attempt{
			// u3: the SPEC example (L-2 20 min, L-1 30 min).
			{ID: "1", Learner: "u3", Step: "C", Session: "S1", Start: t0, TimeSpent: 10 * m, Score: 57, Scored: true},
			{ID: "2", Learner: "u3", Step: "C", Session: "S1", Start: t0.Add(time.Hour), TimeSpent: 5 * m, Score: 58, Scored: true},
			{ID: "3", Learner: "u3", Step: "C", Start: t0.Add(2 * time.Hour), TimeSpent: 15*m + 30*time.Second, Progress: 100, LastActivity: t0.Add(3 * time.Hour)},
			// u4: a long time (hours above 24).
			{ID: "4", Learner: "u4", Step: "D", Start: t0, TimeSpent: 26*time.Hour + 3*m + 4*time.Second, Score: 90, Scored: true},
			// u1: after asOf, left out.
			{ID: "5", Learner: "u1", Step: "D", Start: learnersAsOf, TimeSpent: time.Hour},
		}),
		Assessments: slices.Values([]learnstats.AssessmentScore{{ID: "1", Learner: "u2", Assessment: "Q", At: t0, Score: learnstats.WholePoints(23), Scored: true}}),
		Progress: slices.Values([]learners.Progress{
			{User: "u3", Session: "S1", Percent: 100},
			{User: "u3", Path: "P1", Percent: 100},
		}),
		Attendance: slices.Values([]learners.Attendance{{User: "u3", Classroom: "K1", Attended: true}}),
		Posts: slices.Values([]learnstats.Post{
			{ID: "1", Author: "u3", Place: learnstats.PlaceGroupFeed, At: t0},
			{ID: "2", Author: "u3", Place: learnstats.PlaceGroupFeed, ReplyTo: "1", At: t0},
			{ID: "3", Author: "u2", Place: learnstats.PlaceCourseForum, At: t0},
		}),
		Reactions: slices.Values([]learnstats.Reaction{{ID: "1", User: "u4", Post: "1", Kind: learnstats.ReactionLike, At: t0}}),
		Assignments: slices.Values([]learners.Assignment{
			{Session: "S1", User: "u3"},
			{Session: "S1", Group: "g2"},
			{Path: "P1", Group: "g3"},
		}),
		Registrations: slices.Values(regs),
	}
}

// learnersResult is the result of every record for a viewer of scope.
func learnersResult(t testing.TB, scope learnstats.Scope) *learners.Result {
	t.Helper()
	return learnersResultOf(t, scope, learnersRegistrations())
}

func learnersResultOf(t testing.TB, scope learnstats.Scope, regs []learners.Registration) *learners.Result {
	t.Helper()
	res, err := learners.StatsOf(learnersAsOf, learnersDir(t), scope, learners.Options{Groups: learnersGroups, Owner: "u1"}, learnersRecords(regs))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func learnersWrite(t *testing.T, table export.Table[learners.Stats], rows []learners.Stats) []byte {
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
	res := learnersResult(t, learnstats.Everything)
	table := export.UsersTable(res, learnersCustomFields)
	if table.FileName(learnersAsOf) != "users-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "users.golden.csv", learnersWrite(t, table, res.Rows))
}

func TestLearnerGeneralStatsExport(t *testing.T) {
	res := learnersResult(t, learnstats.Everything)
	table := export.GeneralStatsTable(res, learnersCustomFields)
	if table.FileName(learnersAsOf) != "general-stats-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "general-stats.golden.csv", learnersWrite(t, table, res.Rows))
}

// TestX2_LearnerScopeBoundary: a coach of g2 only gets no other group
// column and no user outside g2, neither as a row nor as a manager email.
func TestX2_LearnerScopeBoundary(t *testing.T) {
	res := learnersResult(t, learnstats.NewGroupScope("g2"))
	if res.OutOfScope != 1 {
		t.Errorf("out of scope %d, want 1 (u4)", res.OutOfScope)
	}
	for _, tc := range []struct {
		name  string
		table export.Table[learners.Stats]
	}{
		{"general-stats-coach-g2.golden.csv", export.GeneralStatsTable(res, learnersCustomFields)},
		{"users-coach-g2.golden.csv", export.UsersTable(res, learnersCustomFields)},
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
	if u1, _ := res.User("u1"); u1.DirectReports != 1 {
		t.Errorf("u1 direct reports %d, want 1 in scope", u1.DirectReports)
	}
}

func TestLearnerUserGeneralStatsExport(t *testing.T) {
	res := learnersResult(t, learnstats.Everything)
	u3, ok := res.User("u3")
	if !ok {
		t.Fatal("no row for u3")
	}
	table := export.UserGeneralStatsTable(res)
	if table.FileName(learnersAsOf) != "user-general-stats-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "user-general-stats.golden.csv", learnersWrite(t, table, []learners.Stats{u3}))
}

func TestCollaborativeActivityExport(t *testing.T) {
	res := learnersResult(t, learnstats.Everything)
	table := export.CollaborativeActivityTable(res)
	if table.FileName(learnersAsOf) != "collaborative-activity-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "collaborative-activity.golden.csv", learnersWrite(t, table, res.Rows))
}

func TestRegistrationsExport(t *testing.T) {
	res := learnersResult(t, learnstats.Everything)
	table := export.RegistrationsTable(res)
	if table.FileName(learnersAsOf) != "registrations-2026-11-22.csv" {
		t.Errorf("file name %s", table.FileName(learnersAsOf))
	}
	export.Golden(t, "registrations.golden.csv", learnersWrite(t, table, res.Rows))
}

// TestRegistrationsExportEmpty: a viewer who sees nobody gets the header
// line and no row.
func TestRegistrationsExportEmpty(t *testing.T) {
	res := learnersResult(t, learnstats.NewGroupScope("g9"))
	if len(res.Rows) != 0 || res.OutOfScope != 4 {
		t.Fatalf("rows %d out of scope %d", len(res.Rows), res.OutOfScope)
	}
	export.Golden(t, "registrations-empty.golden.csv", learnersWrite(t, export.RegistrationsTable(res), res.Rows))
}

// TestX1_LearnerCustomFieldsSelectable: custom-field columns are
// alphabetical whatever the order given, and the caller may keep some.
func TestX1_LearnerCustomFieldsSelectable(t *testing.T) {
	none := learnersResult(t, learnstats.UserSet{"u1": true}) // a scope with no group column
	h := export.GeneralStatsTable(none, []string{"badge", "Site"}).Headers()
	if got := strings.Join(h, "|"); got != "Last name|First name|Email|badge|Site|Additional information|Managers|Avg score|Completed programs|Assigned programs|Messages|Total time spent" {
		t.Errorf("headers %s", got)
	}
	if got := strings.Join(export.UsersTable(none, []string{"Site"}).Headers(), "|"); got != "First name|Last name|Email|Title / Employment|Site|Additional information|Time spent|Last activity|Direct report" {
		t.Errorf("headers %s", got)
	}
}

// TestX2_LearnerHeaderCollisions: a group named like a fixed column (the
// demo's group "Managers") or like a custom field keeps its column with a
// " (2)" suffix; fixed headers never change.
func TestX2_LearnerHeaderCollisions(t *testing.T) {
	dir, err := learnstats.NewDirectory(learnersUsers())
	if err != nil {
		t.Fatal(err)
	}
	res, err := learners.StatsOf(learnersAsOf, dir, learnstats.Everything, learners.Options{
		Groups: []learnstats.Group{{ID: "g5", Name: "Managers"}, {ID: "g6", Name: "Site"}, {ID: "g7", Name: "Email"}},
	}, learners.Records{})
	if err != nil {
		t.Fatal(err)
	}
	table := export.GeneralStatsTable(res, []string{"Email", "Site"})
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
	regs := learnersRegistrations()
	regs[2].InvitedBy = "u4" // u3 (g2) invited by u4 (g1 only)
	res := learnersResultOf(t, learnstats.NewGroupScope("g2"), regs)
	if res.OutOfScope != 1 || res.HiddenInviters != 1 {
		t.Errorf("out of scope %d hidden inviters %d, want 1 and 1", res.OutOfScope, res.HiddenInviters)
	}
	for name, got := range map[string][]byte{
		"registrations":          learnersWrite(t, export.RegistrationsTable(res), res.Rows),
		"collaborative-activity": learnersWrite(t, export.CollaborativeActivityTable(res), res.Rows),
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
	res := learnersResult(t, learnstats.Everything)
	table, err := export.GeneralStatsTable(res, learnersCustomFields).Select("Email", "Managers")
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
// a scoped export takes its scope once. Before the safety fixes (issue 9), rows computed for
// everyone written with a coach's group columns put users outside the
// coach's scope in the coach's file. The safety fixes (issue 9) passed the viewer and the rows
// separately, so they could still disagree:
//
//	export.LearnerGeneralStatsTable(coach.View(), cfg) // with owner.Rows
//
// That call cannot be written any more: there is no viewer to pass, the
// learner tables take only the result (checked below), and a table built
// from one result refuses the rows of any other, however its columns are
// reused. A coach's result gives a coach's rows and group columns.
func TestTrap3_X2_ScopeTakenOnce(t *testing.T) {
	result := reflect.TypeFor[*learners.Result]()
	scope := reflect.TypeFor[learnstats.Scope]()
	for name, f := range map[string]any{
		"users": export.UsersTable, "general stats": export.GeneralStatsTable, "user general stats": export.UserGeneralStatsTable,
		"collaborative activity": export.CollaborativeActivityTable, "registrations": export.RegistrationsTable,
	} {
		ft := reflect.TypeOf(f)
		if ft.In(0) != result {
			t.Errorf("%s table is %s: it must take the result, whose rows it writes", name, ft)
		}
		for i := range ft.NumIn() {
			if ft.In(i) == scope {
				t.Errorf("%s table takes a scope (%s): the scope could be given twice", name, ft)
			}
		}
	}

	owner, coach := learnersResult(t, learnstats.Everything), learnersResult(t, learnstats.NewGroupScope("g2"))
	for _, tt := range []struct {
		name, reason string
		table        export.Table[learners.Stats]
		rows         []learners.Stats
	}{
		{"coach's columns, owner's rows", "the leak of stage 0: users outside the coach's scope in the coach's file",
			export.GeneralStatsTable(coach, learnersCustomFields), owner.Rows},
		{"owner's columns, coach's rows", "every group name in a coach's file, and empty cells for groups their rows were restricted from",
			export.UsersTable(owner, learnersCustomFields), coach.Rows},
		{"columns reused in a new table", "the coach's group column taken into a table of the caller's",
			export.New("mine", export.GeneralStatsTable(coach, nil).Columns[3:]...), owner.Rows},
		{"a table with no group column", "rows of another result than the table's, even where no column is scoped",
			export.CollaborativeActivityTable(coach), owner.Rows[:1]},
		{"a row made up", "a Stats value the caller filled in belongs to no result",
			export.RegistrationsTable(owner), []learners.Stats{{User: learnstats.User{ID: "u4", Email: "secret.outsider@example.com"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := tt.rows
			var buf bytes.Buffer
			n, err := export.WriteCSV(&buf, tt.table, slices.Values(rows), nil)
			if !errors.Is(err, learnstats.ErrMismatch) || n != 0 {
				t.Errorf("%s: wrote %d rows, error %v; want none and an error wrapping ErrMismatch", tt.reason, n, err)
			}
			if buf.Len() != 0 {
				t.Errorf("%s: %d bytes written:\n%s", tt.reason, buf.Len(), buf.Bytes())
			}
			if cells := tt.table.Record(nil, rows[0], nil); cells != nil {
				t.Errorf("%s: Record rendered %q", tt.reason, cells)
			}
		})
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
			res := learnersResult(t, tt.scope)
			for _, table := range []export.Table[learners.Stats]{
				export.GeneralStatsTable(res, learnersCustomFields),
				export.UsersTable(res, learnersCustomFields),
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
}
