package learners

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/learnstats/learnstats"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

// ignoreFrom compares rows by value, not by the result they belong to.
var ignoreFrom = cmpopts.IgnoreUnexported(Stats{})

// testDir is a small directory: m1 manages a and b, m2 manages b (b has
// two managers, m1 listed twice), a manages c (a managee's managee).
func testDir(t testing.TB) *learnstats.Directory {
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

// newAcc is an accumulator over testDir with no cut-off (the zero asOf).
func newAcc(t testing.TB, scope learnstats.Scope, o Options) *Accumulator {
	t.Helper()
	return newAccAt(t, time.Time{}, scope, o)
}

func newAccAt(t testing.TB, asOf time.Time, scope learnstats.Scope, o Options) *Accumulator {
	t.Helper()
	a, err := NewAccumulator(asOf, testDir(t), scope, o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// attemptOf is an attempt of learner a.
func attemptOf(id string, session, course string, start, mins int) learnstats.Attempt {
	return learnstats.Attempt{ID: learnstats.AttemptID(id), Learner: "a", Step: learnstats.StepID(course), Session: learnstats.SessionID(session),
		Start: at(start), TimeSpent: time.Duration(mins) * time.Minute}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// rowOf returns user id's row as of asOf after adding the attempts.
func rowOf(t *testing.T, asOf time.Time, attempts ...learnstats.Attempt) (Stats, *Result) {
	t.Helper()
	acc := newAccAt(t, asOf, learnstats.Everything, Options{})
	for _, a := range attempts {
		must(t, acc.AddAttempt(a))
	}
	res := acc.Result()
	row, ok := res.User("a")
	if !ok {
		t.Fatal("no row for a")
	}
	return row, res
}

func TestL1_L2_TimeSpent(t *testing.T) {
	tests := []struct {
		name, reason string
		in           []learnstats.Attempt
		wantL1       time.Duration
		wantL2       time.Duration
	}{
		{
			name:   "spec example",
			reason: "S1/C 10 min then 5 min count 5 min; a standalone attempt at the same course counts its 15 min: 20 min",
			in:     []learnstats.Attempt{attemptOf("1", "S1", "C", 0, 10), attemptOf("2", "S1", "C", 60, 5), attemptOf("3", "", "C", 120, 15)},
			wantL1: 30 * time.Minute, wantL2: 20 * time.Minute,
		},
		{
			name:   "input order does not matter",
			reason: "the most recent attempt is chosen by start, not by arrival",
			in:     []learnstats.Attempt{attemptOf("3", "", "C", 120, 15), attemptOf("2", "S1", "C", 60, 5), attemptOf("1", "S1", "C", 0, 10)},
			wantL1: 30 * time.Minute, wantL2: 20 * time.Minute,
		},
		{
			name:   "latest start beats higher ID",
			reason: "most recent = latest start; the ID only breaks ties",
			in:     []learnstats.Attempt{attemptOf("9", "S1", "C", 0, 10), attemptOf("2", "S1", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "start tie: higher ID wins",
			reason: "two attempts starting at the same instant: the higher attempt ID is the most recent",
			in:     []learnstats.Attempt{attemptOf("8", "S1", "C", 0, 5), attemptOf("7", "S1", "C", 0, 10)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "start tie, other order",
			reason: "the tie-break does not depend on input order",
			in:     []learnstats.Attempt{attemptOf("7", "S1", "C", 0, 10), attemptOf("8", "S1", "C", 0, 5)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "start tie: IDs compare as numbers",
			reason: "attempt 10 is higher than attempt 9 (learnstats.CompareIDs), not lower as strings",
			in:     []learnstats.Attempt{attemptOf("10", "S1", "C", 0, 5), attemptOf("9", "S1", "C", 0, 10)},
			wantL1: 15 * time.Minute, wantL2: 5 * time.Minute,
		},
		{
			name:   "two sessions",
			reason: "the rule is per program session: one attempt in each of two sessions both count",
			in:     []learnstats.Attempt{attemptOf("1", "S1", "C", 0, 10), attemptOf("2", "S2", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{
			name:   "two courses in one session",
			reason: "the rule is per course within a session",
			in:     []learnstats.Attempt{attemptOf("1", "S1", "C", 0, 10), attemptOf("2", "S1", "D", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{
			name:   "standalone repeats all count",
			reason: "attempts outside any program session are summed as they are",
			in:     []learnstats.Attempt{attemptOf("1", "", "C", 0, 10), attemptOf("2", "", "C", 60, 5)},
			wantL1: 15 * time.Minute, wantL2: 15 * time.Minute,
		},
		{name: "none", reason: "no attempt: zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := rowOf(t, time.Time{}, tt.in...)
			if got.TimeSpent != tt.wantL1 || got.TotalTimeSpent != tt.wantL2 {
				t.Errorf("%s: L-1 %s L-2 %s, want %s %s", tt.reason, got.TimeSpent, got.TotalTimeSpent, tt.wantL1, tt.wantL2)
			}
		})
	}
}

// TestL1_TimeSpentIsMeasuredNotSpan: L-1 adds the time the platform
// measured (TimeSpent), finished or not, never Finish − Start (S-11's
// figure from the same record).
func TestL1_TimeSpentIsMeasuredNotSpan(t *testing.T) {
	open := learnstats.Attempt{ID: "1", Learner: "a", Step: "C", Start: at(0), TimeSpent: 20 * time.Minute}
	done := open
	done.ID, done.Finish = "2", at(60)
	got, _ := rowOf(t, time.Time{}, open, done)
	if got.TimeSpent != 40*time.Minute {
		t.Errorf("time spent %s, want 40m0s: 20 min measured in each attempt, the hour-long span of the finished one does not count", got.TimeSpent)
	}
}

func TestL2_AsOfBoundary(t *testing.T) {
	asOf := at(60)
	got, res := rowOf(t, asOf,
		attemptOf("1", "S1", "C", 0, 10),
		// At asOf exactly: left out (half-open), so attempt 1 is the most recent.
		attemptOf("2", "S1", "C", 60, 5),
		// One nanosecond before asOf: counted.
		learnstats.Attempt{ID: "3", Learner: "a", Step: "D", Start: asOf.Add(-time.Nanosecond), TimeSpent: time.Minute},
	)
	if got.TotalTimeSpent != 11*time.Minute || res.Later != 1 {
		t.Errorf("total %s later %d, want 11m0s and 1", got.TotalTimeSpent, res.Later)
	}
	if !got.LastActivity.Equal(asOf.Add(-time.Nanosecond)) {
		t.Errorf("last activity %s", got.LastActivity)
	}
}

func TestL3_LastActivity(t *testing.T) {
	tests := []struct {
		name, reason string
		in           []learnstats.Attempt
		want         time.Time
	}{
		{name: "none", reason: "no course activity: zero (empty cell)"},
		{
			name:   "start when no activity time",
			reason: "LastActivity zero on an unfinished attempt means the attempt's start",
			in:     []learnstats.Attempt{{ID: "1", Learner: "a", Step: "C", Start: at(5)}},
			want:   at(5),
		},
		{
			name:   "finish when no activity time",
			reason: "LastActivity zero on a finished attempt means its finish (learnstats.Attempt.ActivityAt)",
			in:     []learnstats.Attempt{{ID: "1", Learner: "a", Step: "C", Start: at(5), Finish: at(7)}},
			want:   at(7),
		},
		{
			name:   "latest over attempts",
			reason: "the latest activity time of any attempt, not the latest start",
			in: []learnstats.Attempt{
				{ID: "1", Learner: "a", Step: "C", Start: at(0), LastActivity: at(90)},
				{ID: "2", Learner: "a", Step: "D", Start: at(60), LastActivity: at(61)},
			},
			want: at(90),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := rowOf(t, time.Time{}, tt.in...)
			if !got.LastActivity.Equal(tt.want) {
				t.Errorf("%s: got %s want %s", tt.reason, got.LastActivity, tt.want)
			}
		})
	}
}

func TestL4_DirectReports(t *testing.T) {
	dir := testDir(t)
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
			res, err := StatsOf(time.Time{}, dir, tt.scope, Options{}, Records{})
			must(t, err)
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
	course := func(id int, score int, scored bool) learnstats.Attempt {
		return learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint(id)), Learner: "a", Step: "C", Start: at(id), Score: score, Scored: scored}
	}
	assess := func(id int, score learnstats.Points) learnstats.AssessmentScore {
		return learnstats.AssessmentScore{ID: fmt.Sprint(id), Learner: "a", Assessment: "Q", At: at(id), Score: score, Scored: true}
	}
	tests := []struct {
		name, reason string
		courses      []learnstats.Attempt
		assessments  []learnstats.AssessmentScore
		want         int64
		has          bool
	}{
		{name: "none", reason: "no scored attempt: empty", courses: []learnstats.Attempt{course(1, 0, false)}},
		{name: "zero is a score", reason: "a scored 0 counts", courses: []learnstats.Attempt{course(1, 0, true)}, want: 0, has: true},
		{name: "half rounds up", reason: "57 and 58: exact 57.5 rounds half away from zero to 58",
			courses: []learnstats.Attempt{course(1, 57, true), course(2, 58, true)}, want: 58, has: true},
		{name: "below half", reason: "1, 1, 2: 4/3 = 1.33 → 1",
			courses: []learnstats.Attempt{course(1, 1, true), course(2, 1, true), course(3, 2, true)}, want: 1, has: true},
		{name: "every attempt counts", reason: "two attempts of one course and one assessment: (100+50+0)/3 = 50",
			courses: []learnstats.Attempt{course(1, 100, true), course(2, 50, true)}, assessments: []learnstats.AssessmentScore{assess(3, 0)}, want: 50, has: true},
		{name: "assessments only", reason: "assessment scores count on their own: 33 and 34 → 33.5 → 34",
			assessments: []learnstats.AssessmentScore{assess(1, learnstats.WholePoints(33)), assess(2, learnstats.WholePoints(34))}, want: 34, has: true},
		{name: "fractional half", reason: "an assessment at exactly 57.5 %: 58 (half away from zero, on the exact value)",
			assessments: []learnstats.AssessmentScore{assess(1, learnstats.WholePoints(57)+5_000_000)}, want: 58, has: true},
		{name: "fractional below half", reason: "57.4999999 % rounds to 57",
			assessments: []learnstats.AssessmentScore{assess(1, learnstats.WholePoints(57)+4_999_999)}, want: 57, has: true},
		{name: "unscored assessment", reason: "an assessment without score counts in no average",
			assessments: []learnstats.AssessmentScore{{ID: "1", Learner: "a", Assessment: "Q", At: at(1), Score: learnstats.WholePoints(10)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acc := newAcc(t, learnstats.Everything, Options{})
			for _, a := range tt.courses {
				must(t, acc.AddAttempt(a))
			}
			for _, a := range tt.assessments {
				must(t, acc.AddAssessment(a))
			}
			got, _ := acc.Result().User("a")
			if got.AvgScore.Int() != tt.want || got.AvgScore.Valid() != tt.has {
				t.Errorf("%s: got %s (%d, %v) want %d/%v", tt.reason, got.AvgScore, got.AvgScore.Int(), got.AvgScore.Valid(), tt.want, tt.has)
			}
		})
	}
}

func TestL6_CompletedAssigned(t *testing.T) {
	in := Records{
		Attempts: slices.Values([]learnstats.Attempt{
			{ID: "1", Learner: "b", Step: "C1", Start: at(0), Progress: 100},
			{ID: "2", Learner: "b", Step: "C1", Start: at(10), Progress: 100}, // same course twice: once
			{ID: "3", Learner: "b", Step: "C2", Start: at(20), Progress: 99},  // not completed
		}),
		Progress: slices.Values([]Progress{
			{User: "b", Session: "S1", Percent: 100},
			{User: "b", Session: "S2", Percent: 99},
			{User: "b", Path: "P1", Percent: 100},
			{User: "b", Path: "P1", Percent: 40},
		}),
		Attendance: slices.Values([]Attendance{
			{User: "b", Classroom: "K1", Attended: true},
			{User: "b", Classroom: "K1", Attended: true},
			{User: "b", Classroom: "K2", Attended: false},
		}),
		Assignments: slices.Values([]Assignment{
			{Session: "S1", User: "b"},   // direct …
			{Session: "S1", Group: "g1"}, // … and via a group: once
			{Session: "S2", Group: "g2"},
			{Path: "P1", Group: "g1"},
			{Path: "P1", Group: "g2"}, // through two groups: once
			{Path: "P2", User: "a"},   // someone else's
		}),
	}
	for _, tt := range []struct {
		name, reason string
		scope        learnstats.Scope
	}{
		{"everything", "the platform owner", learnstats.Everything},
		{"coach of g1", "a group assignment through g2, which the viewer does not see, still assigns b (the assignment is a fact about b)", learnstats.NewGroupScope("g1")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := StatsOf(time.Time{}, testDir(t), tt.scope, Options{}, in)
			must(t, err)
			b, _ := res.User("b")
			type counts struct{ CC, CP, AP, CPa, APa, AC int }
			got := counts{b.CompletedCourses, b.CompletedPrograms, b.AssignedPrograms, b.CompletedPaths, b.AssignedPaths, b.AttendedClassrooms}
			want := counts{CC: 1, CP: 1, AP: 2, CPa: 1, APa: 1, AC: 1}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}

// TestL6_ManyAssignments: 40 programs through a group, 20 of them also
// directly, 5 through a second group: 40 distinct.
func TestL6_ManyAssignments(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	for i := range 40 {
		item := learnstats.SessionID(fmt.Sprintf("S%02d", i))
		must(t, acc.AddAssignment(Assignment{Session: item, Group: "g1"}))
		if i%2 == 0 {
			must(t, acc.AddAssignment(Assignment{Session: item, User: "b"}))
		}
		if i < 5 {
			must(t, acc.AddAssignment(Assignment{Session: item, Group: "g2"}))
		}
	}
	b, _ := acc.Result().User("b")
	if b.AssignedPrograms != 40 || b.AssignedPaths != 0 {
		t.Errorf("assigned %d programs %d paths, want 40 and 0", b.AssignedPrograms, b.AssignedPaths)
	}
}

func TestL7_Messages(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	for _, p := range []learnstats.Post{
		{ID: "1", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(0)},
		{ID: "2", Author: "a", Place: learnstats.PlaceCourseForum, ReplyTo: "1", At: at(1)},
		{ID: "3", Author: "a", Place: learnstats.PlaceGroupFeed, Unpublished: true, At: at(2)},
		{ID: "4", Author: "a", Place: learnstats.PlacePathForum, At: at(3)},
		{ID: "5", Author: "a", Place: learnstats.PlaceOther, At: at(4)},
	} {
		must(t, acc.AddPost(p))
	}
	res := acc.Result()
	a, _ := res.User("a")
	if a.Messages != 3 || res.Unpublished != 1 || res.OtherPlaces != 1 {
		t.Errorf("messages %d, unpublished %d, other places %d; want 3, 1, 1: published posts and replies count (a path forum's too), a draft and a private message do not",
			a.Messages, res.Unpublished, res.OtherPlaces)
	}
}

func TestResult_ScopeAndOrder(t *testing.T) {
	res, err := StatsOf(time.Time{}, testDir(t), learnstats.NewGroupScope("g2"), Options{}, Records{})
	must(t, err)
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
	if _, ok := res.User("a"); ok {
		t.Error("a row for a, who is outside the scope")
	}
	nobody, err := StatsOf(time.Time{}, testDir(t), nil, Options{}, Records{})
	must(t, err)
	if len(nobody.Rows) != 0 || nobody.OutOfScope != 5 {
		t.Errorf("a nil scope sees nothing: %d rows, %d out of scope", len(nobody.Rows), nobody.OutOfScope)
	}
}

func TestCompareUsers(t *testing.T) {
	us := []learnstats.User{
		{ID: "3", LastName: "dupont", FirstName: "A"},
		{ID: "2", LastName: "Dupont", FirstName: "A"},
		{ID: "1", LastName: "Dupont", FirstName: "A"},
		{ID: "4", LastName: "Du", FirstName: "Z"},
		{ID: "5", LastName: "Élan", FirstName: "A"},
	}
	slices.SortFunc(us, func(a, b learnstats.User) int { return compareUsers(&a, &b) })
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
	ok := learnstats.Attempt{ID: "1", Learner: "a", Step: "C", Start: at(0), TimeSpent: time.Minute}
	with := func(f func(*learnstats.Attempt)) Records {
		a := ok
		f(&a)
		return Records{Attempts: slices.Values([]learnstats.Attempt{a})}
	}
	tests := []struct {
		name, reason string
		in           Records
		want         error
		names        string
	}{
		{name: "negative time spent", reason: "an attempt cannot last less than nothing",
			in: with(func(a *learnstats.Attempt) { a.TimeSpent = -1 }), want: learnstats.ErrInvalidRecord, names: `"1"`},
		{name: "activity before start", reason: "the last activity precedes the start",
			in: with(func(a *learnstats.Attempt) { a.LastActivity = at(-1) }), want: learnstats.ErrInvalidRecord, names: `"1"`},
		{name: "no start", reason: "L-2 orders attempts by start",
			in: with(func(a *learnstats.Attempt) { a.Start = time.Time{} }), want: learnstats.ErrInvalidRecord, names: `"1"`},
		{name: "empty learner", reason: "a record without a user is an invalid record, not an unknown user",
			in: with(func(a *learnstats.Attempt) { a.Learner = "" }), want: learnstats.ErrInvalidRecord, names: `"1"`},
		{name: "score above 100", reason: "percent 0–100",
			in:   Records{Assessments: slices.Values([]learnstats.AssessmentScore{{ID: "x1", Learner: "a", Assessment: "Q", At: at(0), Score: learnstats.WholePoints(101), Scored: true}})},
			want: learnstats.ErrInvalidRecord, names: `"x1"`},
		{name: "unknown user", reason: "a record of a user the directory does not know",
			in: with(func(a *learnstats.Attempt) { a.Learner = "zz" }), want: learnstats.ErrInvalidRecord, names: `"zz"`},
		{name: "progress of both", reason: "a progress record is about a session or a path, not both",
			in: Records{Progress: slices.Values([]Progress{{User: "a", Session: "S", Path: "P"}})}, want: learnstats.ErrInvalidRecord, names: `"S"`},
		{name: "progress above 100", reason: "percent 0–100",
			in: Records{Progress: slices.Values([]Progress{{User: "a", Path: "P", Percent: 101}})}, want: learnstats.ErrInvalidRecord, names: `"P"`},
		{name: "assignment with both", reason: "exactly one route",
			in: Records{Assignments: slices.Values([]Assignment{{Path: "P", User: "a", Group: "g1"}})}, want: learnstats.ErrInvalidRecord, names: `"P"`},
		{name: "attendance without classroom", reason: "an empty ID",
			in: Records{Attendance: slices.Values([]Attendance{{User: "a"}})}, want: learnstats.ErrInvalidRecord, names: `"a"`},
		{name: "unknown place", reason: "an enum value outside the documented set",
			in: Records{Posts: slices.Values([]learnstats.Post{{ID: "p4", Author: "a", Place: "wall", At: at(0)}})}, want: learnstats.ErrInvalidRecord, names: `"p4"`},
		{name: "unknown author", reason: "a post of a user the directory does not know",
			in: Records{Posts: slices.Values([]learnstats.Post{{ID: "p5", Author: "zz", Place: learnstats.PlaceGroupFeed, At: at(0)}})}, want: learnstats.ErrInvalidRecord, names: `"p5"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := StatsOf(time.Time{}, testDir(t), learnstats.Everything, Options{}, tt.in)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.names) || !strings.HasPrefix(err.Error(), "learners: ") {
				t.Errorf("%s: got %v, want %v naming %s", tt.reason, err, tt.want, tt.names)
			}
		})
	}
}

// TestResult_AsOfAtConstruction: asOf is fixed when the accumulator is
// built, and every record is judged against it as it arrives (this
// replaces the exported AsOf and its streaming Reset): figures as of
// another instant come from another accumulator, fed the same records.
func TestResult_AsOfAtConstruction(t *testing.T) {
	records := func(acc *Accumulator) {
		must(t, acc.AddAttempt(attemptOf("1", "S", "C", 0, 10)))
		must(t, acc.AddAttempt(attemptOf("2", "S", "C", 60, 5)))
		must(t, acc.AddPost(learnstats.Post{ID: "p", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(30)}))
	}
	for _, tt := range []struct {
		name, reason string
		asOf         time.Time
		total        time.Duration
		messages     int
		later        int
	}{
		{"before everything", "nothing has happened yet", at(0), 0, 0, 3},
		{"between the attempts", "only attempt 1 and the post exist", at(45), 10 * time.Minute, 1, 1},
		{"after", "attempt 2 is the most recent of the session", at(120), 5 * time.Minute, 1, 0},
		{"no cut-off", "the zero asOf counts every record", time.Time{}, 5 * time.Minute, 1, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			acc := newAccAt(t, tt.asOf, learnstats.Everything, Options{})
			records(acc)
			res := acc.Result()
			a, _ := res.User("a")
			if a.TotalTimeSpent != tt.total || a.Messages != tt.messages || res.Later != tt.later || !res.AsOf.Equal(tt.asOf) {
				t.Errorf("%s: total %s messages %d later %d as of %v, want %s %d %d as of %v", tt.reason, a.TotalTimeSpent, a.Messages, res.Later, res.AsOf, tt.total, tt.messages, tt.later, tt.asOf)
			}
		})
	}
}

func TestResult_UserLookup(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	must(t, acc.AddAttempt(attemptOf("1", "", "C", 0, 10)))
	res := acc.Result()
	for _, r := range res.Rows {
		got, ok := res.User(r.User.ID)
		if !ok {
			t.Fatalf("no row for %s", r.User.ID)
		}
		if d := cmp.Diff(r, got, ignoreFrom); d != "" {
			t.Errorf("%s (-rows +lookup):\n%s", r.User.ID, d)
		}
		if !res.Owns(got) || acc.Result().Owns(got) {
			t.Errorf("%s: the row must belong to its own result only", r.User.ID)
		}
	}
	if _, ok := res.User("zz"); ok {
		t.Error("a row for an unknown user")
	}
	var none *Result
	if _, ok := none.User("a"); ok || none.Owns(Stats{}) || none.Scope().SeesGroup("g1") || none.Groups() != nil {
		t.Error("the nil result must be empty and see nothing")
	}
}

// TestL3_ActivityAt: an attempt's activity time is its LastActivity, or
// its Finish when that is zero and the attempt is finished, or its Start.
func TestL3_ActivityAt(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := learnstats.Attempt{Start: t0}
	if !activityAt(a).Equal(t0) {
		t.Error("unfinished without last activity: want Start")
	}
	a.Finish = t0.Add(time.Hour)
	if !activityAt(a).Equal(a.Finish) {
		t.Error("finished without last activity: want Finish")
	}
	a.LastActivity = t0.Add(time.Minute)
	if !activityAt(a).Equal(a.LastActivity) {
		t.Error("want LastActivity when set")
	}
}
