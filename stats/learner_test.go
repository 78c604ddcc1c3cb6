package stats

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

var learnerT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func learnerAt(min int) time.Time { return learnerT0.Add(time.Duration(min) * time.Minute) }

// learnerDir is a small directory: m1 manages a and b, m2 manages b (b has
// two managers), a manages c (a managee's managee).
func learnerDir(t *testing.T) *learnstats.Directory {
	t.Helper()
	d, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "m1", FirstName: "Mona", LastName: "Manager", Email: "m1@x", Groups: []learnstats.GroupID{"g1"}},
		{ID: "m2", FirstName: "Max", LastName: "Manager", Email: "m2@x", Groups: []learnstats.GroupID{"g2"}},
		{ID: "a", FirstName: "Ann", LastName: "Alpha", Email: "a@x", Managers: []learnstats.UserID{"m1"}, Groups: []learnstats.GroupID{"g1"}},
		{ID: "b", FirstName: "Ben", LastName: "Beta", Email: "b@x", Managers: []learnstats.UserID{"m1", "m2", "m1"}, Groups: []learnstats.GroupID{"g1", "g2"}},
		{ID: "c", FirstName: "Cid", LastName: "Gamma", Email: "c@x", Managers: []learnstats.UserID{"a"}, Groups: []learnstats.GroupID{"g2"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func learnerTotals(t *testing.T, asOf time.Time, attempts []CourseAttempt) LearnerTotals {
	t.Helper()
	acc := LearnerAcc{AsOf: asOf}
	for _, a := range attempts {
		if err := acc.AddAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	return mustTotals(t, &acc, "a")
}

// mustTotals returns acc.Totals(id), failing the test on an error.
func mustTotals(t testing.TB, acc *LearnerAcc, id learnstats.UserID) LearnerTotals {
	t.Helper()
	got, err := acc.Totals(id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// mustCounts returns acc.Counts(id), failing the test on an error.
func mustCounts(t testing.TB, acc *CollabAcc, id learnstats.UserID) CollabCounts {
	t.Helper()
	got, err := acc.Counts(id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestL1_L2_TimeSpent(t *testing.T) {
	att := func(id int64, session, course string, start, mins int) CourseAttempt {
		return CourseAttempt{ID: id, User: "a", Course: course, Session: session, Start: learnerAt(start), Duration: time.Duration(mins) * time.Minute}
	}
	tests := []struct {
		name, reason string
		in           []CourseAttempt
		wantL1       time.Duration
		wantL2       time.Duration
	}{
		{
			name:   "spec example",
			reason: "S1/C 10 min then 5 min count 5 min; a standalone attempt at the same course counts its 15 min: 20 min",
			in:     []CourseAttempt{att(1, "S1", "C", 0, 10), att(2, "S1", "C", 60, 5), att(3, "", "C", 120, 15)},
			wantL1: 30 * time.Minute, wantL2: 20 * time.Minute,
		},
		{
			name:   "input order does not matter",
			reason: "the most recent attempt is chosen by start, not by arrival",
			in:     []CourseAttempt{att(3, "", "C", 120, 15), att(2, "S1", "C", 60, 5), att(1, "S1", "C", 0, 10)},
			wantL1: 30 * time.Minute, wantL2: 20 * time.Minute,
		},
		{
			name:   "latest start beats higher ID",
			reason: "most recent = latest start; the ID only breaks ties",
			in:     []CourseAttempt{att(9, "S1", "C", 0, 10), att(2, "S1", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "start tie: higher ID wins",
			reason: "two attempts starting at the same instant: the higher attempt ID is the most recent",
			in:     []CourseAttempt{att(8, "S1", "C", 0, 5), att(7, "S1", "C", 0, 10)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "start tie, other order",
			reason: "the tie-break does not depend on input order",
			in:     []CourseAttempt{att(7, "S1", "C", 0, 10), att(8, "S1", "C", 0, 5)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "two sessions",
			reason: "the rule is per program session: one attempt in each of two sessions both count",
			in:     []CourseAttempt{att(1, "S1", "C", 0, 10), att(2, "S2", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{
			name:   "two courses in one session",
			reason: "the rule is per course within a session",
			in:     []CourseAttempt{att(1, "S1", "C", 0, 10), att(2, "S1", "D", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{
			name:   "standalone repeats all count",
			reason: "attempts outside any program session are summed as they are",
			in:     []CourseAttempt{att(1, "", "C", 0, 10), att(2, "", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{name: "none", reason: "no attempt: zero", in: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := learnerTotals(t, time.Time{}, tt.in)
			if got.TimeSpent != tt.wantL1 || got.TotalTimeSpent != tt.wantL2 {
				t.Errorf("%s: L-1 %s L-2 %s, want %s %s", tt.reason, got.TimeSpent, got.TotalTimeSpent, tt.wantL1, tt.wantL2)
			}
		})
	}
}

func TestL2_AsOfBoundary(t *testing.T) {
	asOf := learnerAt(60)
	in := []CourseAttempt{
		{ID: 1, User: "a", Course: "C", Session: "S1", Start: learnerAt(0), Duration: 10 * time.Minute},
		// At asOf exactly: left out (half-open), so attempt 1 is the most recent.
		{ID: 2, User: "a", Course: "C", Session: "S1", Start: asOf, Duration: 5 * time.Minute},
		// One nanosecond before asOf: counted.
		{ID: 3, User: "a", Course: "D", Start: asOf.Add(-time.Nanosecond), Duration: time.Minute},
	}
	acc := LearnerAcc{AsOf: asOf}
	for _, a := range in {
		if err := acc.AddAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	got := mustTotals(t, &acc, "a")
	if got.TotalTimeSpent != 11*time.Minute || acc.Later() != 1 {
		t.Errorf("total %s later %d, want 11m0s and 1", got.TotalTimeSpent, acc.Later())
	}
	if !got.LastActivity.Equal(asOf.Add(-time.Nanosecond)) {
		t.Errorf("last activity %s", got.LastActivity)
	}
}

func TestL3_LastActivity(t *testing.T) {
	tests := []struct {
		name, reason string
		in           []CourseAttempt
		want         time.Time
	}{
		{name: "none", reason: "no course activity: zero (empty cell)"},
		{
			name:   "start when no activity time",
			reason: "LastActivity zero means the attempt's start",
			in:     []CourseAttempt{{ID: 1, User: "a", Course: "C", Start: learnerAt(5)}},
			want:   learnerAt(5),
		},
		{
			name:   "latest over attempts",
			reason: "the latest activity time of any attempt, not the latest start",
			in: []CourseAttempt{
				{ID: 1, User: "a", Course: "C", Start: learnerAt(0), LastActivity: learnerAt(90)},
				{ID: 2, User: "a", Course: "D", Start: learnerAt(60), LastActivity: learnerAt(61)},
			},
			want: learnerAt(90),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := learnerTotals(t, time.Time{}, tt.in).LastActivity
			if !got.Equal(tt.want) {
				t.Errorf("%s: got %s want %s", tt.reason, got, tt.want)
			}
		})
	}
}

func TestL4_DirectReports(t *testing.T) {
	dir := learnerDir(t)
	tests := []struct {
		name, reason string
		scope        learnstats.Scope
		want         map[learnstats.UserID]int
		managers     map[learnstats.UserID][]string
	}{
		{
			name:     "everything",
			reason:   "m1 manages a and b (b listed twice counts once), m2 manages b, a manages c; c is not m1's",
			scope:    learnstats.Everything,
			want:     map[learnstats.UserID]int{"m1": 2, "m2": 1, "a": 1, "b": 0, "c": 0},
			managers: map[learnstats.UserID][]string{"a": {"m1@x"}, "b": {"m1@x", "m2@x"}, "c": {"a@x"}},
		},
		{
			name:     "group scope",
			reason:   "a viewer of g1 sees m1, a, b: a's report c (g2) is not counted, m2 is not listed as b's manager",
			scope:    learnstats.NewGroupScope("g1"),
			want:     map[learnstats.UserID]int{"m1": 2, "a": 0, "b": 0},
			managers: map[learnstats.UserID][]string{"b": {"m1@x"}, "a": {"m1@x"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Learners(time.Time{}, dir, tt.scope, LearnerInputs{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[learnstats.UserID]int{}
			gotM := map[learnstats.UserID][]string{}
			for _, r := range res.Rows {
				got[r.User.ID] = r.DirectReports
				if r.Managers != nil {
					gotM[r.User.ID] = r.Managers
				}
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s: direct reports (-want +got):\n%s", tt.reason, d)
			}
			if tt.scope == learnstats.Everything {
				for id, n := range got {
					if n != dir.DirectReports(id) {
						t.Errorf("%s: %d direct reports, the directory says %d", id, n, dir.DirectReports(id))
					}
				}
			}
			if d := cmp.Diff(tt.managers, gotM); d != "" {
				t.Errorf("%s: managers (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

func TestL5_AvgScore(t *testing.T) {
	course := func(id int64, score int, scored bool) CourseAttempt {
		return CourseAttempt{ID: id, User: "a", Course: "C", Start: learnerAt(int(id)), Score: score, Scored: scored}
	}
	assess := func(id int64, score int) AssessmentAttempt {
		return AssessmentAttempt{ID: id, User: "a", Assessment: "Q", At: learnerAt(int(id)), Score: score, Scored: true}
	}
	tests := []struct {
		name, reason string
		courses      []CourseAttempt
		assessments  []AssessmentAttempt
		want         int
		has          bool
	}{
		{name: "none", reason: "no scored attempt: empty", courses: []CourseAttempt{course(1, 0, false)}},
		{name: "zero is a score", reason: "a scored 0 counts", courses: []CourseAttempt{course(1, 0, true)}, want: 0, has: true},
		{name: "half rounds up", reason: "57 and 58: exact 57.5 rounds half away from zero to 58",
			courses: []CourseAttempt{course(1, 57, true), course(2, 58, true)}, want: 58, has: true},
		{name: "below half", reason: "1, 2, 2: 5/3 = 1.67 → 2; 1, 1, 2: 4/3 → 1",
			courses: []CourseAttempt{course(1, 1, true), course(2, 1, true), course(3, 2, true)}, want: 1, has: true},
		{name: "every attempt counts", reason: "two attempts of one course and one assessment: (100+50+0)/3 = 50",
			courses: []CourseAttempt{course(1, 100, true), course(2, 50, true)}, assessments: []AssessmentAttempt{assess(3, 0)}, want: 50, has: true},
		{name: "assessments only", reason: "assessment scores count on their own", assessments: []AssessmentAttempt{assess(1, 33), assess(2, 34)}, want: 34, has: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var acc LearnerAcc
			for _, a := range tt.courses {
				if err := acc.AddAttempt(a); err != nil {
					t.Fatal(err)
				}
			}
			for _, a := range tt.assessments {
				if err := acc.AddAssessment(a); err != nil {
					t.Fatal(err)
				}
			}
			got := mustTotals(t, &acc, "a")
			if got.AvgScore != tt.want || got.HasScore != tt.has {
				t.Errorf("%s: got %d/%v want %d/%v", tt.reason, got.AvgScore, got.HasScore, tt.want, tt.has)
			}
		})
	}
}

func TestL6_CompletedAssigned(t *testing.T) {
	dir := learnerDir(t)
	in := LearnerInputs{
		Attempts: slices.Values([]CourseAttempt{
			{ID: 1, User: "b", Course: "C1", Start: learnerAt(0), Progress: 100},
			{ID: 2, User: "b", Course: "C1", Start: learnerAt(10), Progress: 100}, // same course twice: once
			{ID: 3, User: "b", Course: "C2", Start: learnerAt(20), Progress: 99},  // not completed
		}),
		Progress: slices.Values([]LearnerProgress{
			{User: "b", Kind: LearnerProgram, Item: "S1", Percent: 100},
			{User: "b", Kind: LearnerProgram, Item: "S2", Percent: 99},
			{User: "b", Kind: LearnerPath, Item: "P1", Percent: 100},
			{User: "b", Kind: LearnerPath, Item: "P1", Percent: 40},
		}),
		Attendance: slices.Values([]ClassroomAttendance{
			{User: "b", Classroom: "K1", Attended: true},
			{User: "b", Classroom: "K1", Attended: true},
			{User: "b", Classroom: "K2", Attended: false},
		}),
		Assignments: slices.Values([]Assignment{
			{Kind: LearnerProgram, Item: "S1", User: "b"},   // direct …
			{Kind: LearnerProgram, Item: "S1", Group: "g1"}, // … and via a group: once
			{Kind: LearnerProgram, Item: "S2", Group: "g2"},
			{Kind: LearnerPath, Item: "P1", Group: "g1"},
			{Kind: LearnerPath, Item: "P1", Group: "g2"}, // through two groups: once
			{Kind: LearnerPath, Item: "P2", User: "a"},   // someone else's
		}),
	}
	res, err := Learners(time.Time{}, dir, learnstats.Everything, in)
	if err != nil {
		t.Fatal(err)
	}
	var b LearnerStats
	for _, r := range res.Rows {
		if r.User.ID == "b" {
			b = r
		}
	}
	type counts struct{ CC, CP, AP, CPa, APa, AC int }
	got := counts{b.CompletedCourses, b.CompletedPrograms, b.AssignedPrograms, b.CompletedPaths, b.AssignedPaths, b.AttendedClassrooms}
	want := counts{CC: 1, CP: 1, AP: 2, CPa: 1, APa: 1, AC: 1}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestL7_Messages(t *testing.T) {
	var acc LearnerAcc
	for _, p := range []Post{
		{ID: 1, User: "a", Place: PlaceGroupFeed, Published: true, At: learnerAt(0)},
		{ID: 2, User: "a", Place: PlaceCourseForum, Reply: true, Published: true, At: learnerAt(1)},
		{ID: 3, User: "a", Place: PlaceGroupFeed, Published: false, At: learnerAt(2)},
	} {
		if err := acc.AddPost(p); err != nil {
			t.Fatal(err)
		}
	}
	if got := mustTotals(t, &acc, "a").Messages; got != 2 {
		t.Errorf("messages %d, want 2: published posts and replies count, a draft does not", got)
	}
}

func TestLearners_ScopeAndOrder(t *testing.T) {
	dir := learnerDir(t)
	res, err := Learners(time.Time{}, dir, learnstats.NewGroupScope("g2"), LearnerInputs{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []learnstats.UserID
	for _, r := range res.Rows {
		ids = append(ids, r.User.ID)
	}
	// Beta, Gamma, Manager Max: by last name, then first name.
	if d := cmp.Diff([]learnstats.UserID{"b", "c", "m2"}, ids); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	if res.OutOfScope != 2 {
		t.Errorf("out of scope %d, want 2 (m1, a)", res.OutOfScope)
	}
	if _, err := Learners(time.Time{}, dir, nil, LearnerInputs{}); err != nil {
		t.Fatal(err)
	}
}

func TestCompareLearners(t *testing.T) {
	us := []learnstats.User{
		{ID: "3", LastName: "dupont", FirstName: "A"},
		{ID: "2", LastName: "Dupont", FirstName: "A"},
		{ID: "1", LastName: "Dupont", FirstName: "A"},
		{ID: "4", LastName: "Du", FirstName: "Z"},
		{ID: "5", LastName: "Élan", FirstName: "A"},
	}
	slices.SortFunc(us, CompareLearners)
	var got []learnstats.UserID
	for _, u := range us {
		got = append(got, u.ID)
	}
	// Case-insensitive first ("Du" < "Dupont" = "dupont"), then byte-wise
	// ("Dupont" < "dupont"), then ID; É sorts after ASCII letters.
	if d := cmp.Diff([]learnstats.UserID{"4", "1", "2", "3", "5"}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestLearner_Errors(t *testing.T) {
	dir := learnerDir(t)
	ok := CourseAttempt{ID: 1, User: "a", Course: "C", Start: learnerAt(0), Duration: time.Minute}
	tests := []struct {
		name, reason string
		in           LearnerInputs
		want         error
	}{
		{name: "negative duration", reason: "an attempt cannot last less than nothing",
			in: LearnerInputs{Attempts: slices.Values([]CourseAttempt{func() CourseAttempt { a := ok; a.Duration = -1; return a }()})}, want: ErrInvalidLearnerRecord},
		{name: "activity before start", reason: "the attempt finishes before it starts",
			in: LearnerInputs{Attempts: slices.Values([]CourseAttempt{func() CourseAttempt { a := ok; a.LastActivity = learnerAt(-1); return a }()})}, want: ErrInvalidLearnerRecord},
		{name: "score above 100", reason: "percent 0–100",
			in: LearnerInputs{Assessments: slices.Values([]AssessmentAttempt{{ID: 1, User: "a", Assessment: "Q", At: learnerAt(0), Score: 101, Scored: true}})}, want: ErrInvalidLearnerRecord},
		{name: "unknown user", reason: "a record of a user the directory does not know",
			in: LearnerInputs{Attempts: slices.Values([]CourseAttempt{func() CourseAttempt { a := ok; a.User = "zz"; return a }()})}, want: ErrLearnerUnknownUser},
		{name: "unknown kind", reason: "an enum value outside the documented set",
			in: LearnerInputs{Progress: slices.Values([]LearnerProgress{{User: "a", Kind: "quiz", Item: "X"}})}, want: ErrInvalidLearnerRecord},
		{name: "assignment with both", reason: "exactly one route",
			in: LearnerInputs{Assignments: slices.Values([]Assignment{{Kind: LearnerPath, Item: "P", User: "a", Group: "g1"}})}, want: ErrInvalidLearnerRecord},
		{name: "unknown place", reason: "an enum value outside the documented set",
			in: LearnerInputs{Posts: slices.Values([]Post{{ID: 4, User: "a", Place: "wall", At: learnerAt(0)}})}, want: ErrInvalidLearnerRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Learners(time.Time{}, dir, learnstats.Everything, tt.in)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.reason, err, tt.want)
			}
		})
	}
	var a, b LearnerAcc
	b.AsOf = learnerT0
	if err := a.Merge(&b); !errors.Is(err, ErrLearnerMerge) {
		t.Errorf("merge with different asOf: %v", err)
	}
}

func TestLearnerAcc_ResetReuses(t *testing.T) {
	var acc LearnerAcc
	add := func(u learnstats.UserID) {
		t.Helper()
		if err := acc.AddAttempt(CourseAttempt{ID: 1, User: u, Course: "C", Session: "S", Start: learnerAt(0), Duration: time.Minute, Progress: 100, Score: 10, Scored: true}); err != nil {
			t.Fatal(err)
		}
	}
	add("a")
	acc.Reset()
	if got := mustTotals(t, &acc, "a"); got != (LearnerTotals{}) {
		t.Errorf("after Reset: %+v", got)
	}
	add("b")
	want := LearnerTotals{TimeSpent: time.Minute, TotalTimeSpent: time.Minute, LastActivity: learnerAt(0), AvgScore: 10, HasScore: true, ScoreSum: 10, ScoreCount: 1, CompletedCourses: 1}
	if d := cmp.Diff(want, mustTotals(t, &acc, "b")); d != "" {
		t.Errorf("reused state (-want +got):\n%s", d)
	}
}

// TestL6_ManyAssignments crosses the 32-item stack buffer of Assigned:
// 40 programs through a group, 20 of them also directly, 5 through a
// second group: 40 distinct.
func TestL6_ManyAssignments(t *testing.T) {
	var acc AssignmentAcc
	for i := range 40 {
		item := fmt.Sprintf("S%02d", i)
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(acc.Add(Assignment{Kind: LearnerProgram, Item: item, Group: "g1"}))
		if i%2 == 0 {
			must(acc.Add(Assignment{Kind: LearnerProgram, Item: item, User: "a"}))
		}
		if i < 5 {
			must(acc.Add(Assignment{Kind: LearnerProgram, Item: item, Group: "g2"}))
		}
	}
	u := learnstats.User{ID: "a", Groups: []learnstats.GroupID{"g1", "g2"}}
	if got := acc.Assigned(u, LearnerProgram); got != 40 {
		t.Errorf("assigned %d, want 40", got)
	}
	if got := acc.Assigned(u, LearnerPath); got != 0 {
		t.Errorf("paths %d, want 0", got)
	}
}

// TestLearners_EmptyUserIsInvalidRecord: a record without a user is an
// invalid record (ErrInvalidLearnerRecord), not an unknown user.
func TestLearners_EmptyUserIsInvalidRecord(t *testing.T) {
	dir, err := learnstats.NewDirectory([]learnstats.User{{ID: "u1"}})
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	in := LearnerInputs{Attempts: slices.Values([]CourseAttempt{{ID: 1, Course: "C", Start: asOf.Add(-time.Hour), Duration: time.Minute}})}
	_, err = Learners(asOf, dir, learnstats.Everything, in)
	if !errors.Is(err, ErrInvalidLearnerRecord) || errors.Is(err, ErrLearnerUnknownUser) {
		t.Errorf("err = %v, want ErrInvalidLearnerRecord only", err)
	}
}
