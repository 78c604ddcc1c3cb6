package learners

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

var testSessions = []Session{
	{ID: "S1", Name: "Onboarding", CreatedAt: at(-100), End: at(1000)},
	{ID: "S2", Name: "Advanced", CreatedAt: at(-200)},
}

// newDetail is the detail accumulator of learner id over testDir, as the
// platform owner sees them, with testSessions.
func newDetail(t testing.TB, asOf time.Time, id learnstats.UserID) *DetailAccumulator {
	t.Helper()
	d, err := NewDetailAccumulator(asOf, testDir(t), learnstats.Everything, id, testSessions)
	must(t, err)
	return d
}

func detailOf(t *testing.T, asOf time.Time, attempts []learnstats.Attempt, progress []Progress, answers []learnstats.QuestionAnswer) *Detail {
	t.Helper()
	acc := newDetail(t, asOf, "a")
	for _, a := range attempts {
		must(t, acc.AddAttempt(a))
	}
	for _, p := range progress {
		must(t, acc.AddProgress(p))
	}
	for _, q := range answers {
		must(t, acc.AddAnswer(q))
	}
	return acc.Result()
}

func TestL8_CoursesTable(t *testing.T) {
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "a", Step: "C", Session: "S1", Start: at(0), TimeSpent: 10 * time.Minute, Progress: 60, Score: 40, Scored: true, Language: "fr"},
		{ID: "2", Learner: "a", Step: "C", Session: "S1", Start: at(60), TimeSpent: 5 * time.Minute, Progress: 50, Language: "en"},
		{ID: "3", Learner: "a", Step: "C", Start: at(120), LastActivity: at(130), TimeSpent: 15 * time.Minute, Progress: 100, Score: 90, Scored: true, Language: "en"},
		{ID: "4", Learner: "a", Step: "D", Start: at(200), TimeSpent: time.Minute},
		{ID: "5", Learner: "a", Step: "E", Start: at(200), TimeSpent: time.Minute},
	}
	d := detailOf(t, time.Time{}, attempts, nil, nil)
	kept := func(a learnstats.Attempt) learnstats.Attempt { a.LastActivity = activityAt(a); return a }
	want := []CourseRow{
		// D and E tie on last activity: by course ID.
		{Course: "D", TimeSpent: time.Minute, LastActivity: at(200), Attempts: []learnstats.Attempt{kept(attempts[3])}},
		{Course: "E", TimeSpent: time.Minute, LastActivity: at(200), Attempts: []learnstats.Attempt{kept(attempts[4])}},
		{Course: "C", Progress: 100, Score: 90, Scored: true, TimeSpent: 30 * time.Minute, LastActivity: at(130),
			Attempts: []learnstats.Attempt{kept(attempts[2]), kept(attempts[1]), kept(attempts[0])}},
	}
	if diff := cmp.Diff(want, d.Courses); diff != "" {
		t.Errorf("courses ordered by last activity newest first, score of the latest scored attempt, attempts most recent first (-want +got):\n%s", diff)
	}
}

func TestL8_ProgramsTable(t *testing.T) {
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "a", Step: "C", Session: "S1", Start: at(0), TimeSpent: 10 * time.Minute},
		{ID: "2", Learner: "a", Step: "C", Session: "S1", Start: at(60), TimeSpent: 5 * time.Minute},
		{ID: "3", Learner: "a", Step: "C", Start: at(120), TimeSpent: 15 * time.Minute},
	}
	progress := []Progress{
		{User: "a", Session: "S1", Percent: 50, Score: 70, Scored: true},
		{User: "a", Session: "S1", Percent: 80},
		{User: "a", Session: "S2", Percent: 100},
		{User: "a", Path: "P", Percent: 100},
	}
	d := detailOf(t, time.Time{}, attempts, progress, nil)
	want := []ProgramRow{
		// S2 was created first.
		{Session: testSessions[1], Progress: 100},
		// L-2 inside the session: only attempt 2 counts; the best record is at 80 %.
		{Session: testSessions[0], Progress: 80, TimeSpent: 5 * time.Minute, LastActivity: at(60)},
	}
	if diff := cmp.Diff(want, d.Programs); diff != "" {
		t.Errorf("programs by session creation (-want +got):\n%s", diff)
	}
	unknown := learnstats.Attempt{ID: "1", Learner: "a", Step: "C", Session: "S9", Start: at(0)}
	detail := newDetail(t, time.Time{}, "a")
	if err := detail.AddAttempt(unknown); !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"S9"`) {
		t.Errorf("an attempt in a session missing from the catalog: %v, want an error naming S9", err)
	}
	if err := detail.AddProgress(Progress{User: "a", Session: "S9", Percent: 10}); !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"S9"`) {
		t.Errorf("progress in a session missing from the catalog: %v, want an error naming S9", err)
	}
	if d := detail.Result(); len(d.Programs) != 0 || len(d.Courses) != 0 {
		t.Errorf("the refused records changed the detail: %+v", d)
	}
	acc := newAcc(t, learnstats.Everything, Options{Sessions: testSessions})
	must(t, acc.AddAttempt(unknown))
	if _, ok := acc.Result().User("a"); !ok {
		t.Error("the statistics do not need the catalog")
	}
}

func TestL9_AnsweredQuestions(t *testing.T) {
	pct := func(n int64) learnstats.Points { return learnstats.WholePoints(n) }
	answers := []learnstats.QuestionAnswer{
		{ID: "1", Learner: "a", Question: "Q1", At: at(0), Score: pct(20)},
		{ID: "3", Learner: "a", Question: "Q1", At: at(50), Score: pct(100)},
		{ID: "2", Learner: "a", Question: "Q1", At: at(50), Score: pct(60)}, // tie on time: ID 3 is the latest
		{ID: "4", Learner: "a", Question: "Q2", At: at(10), Score: 0},
		{ID: "5", Learner: "a", Question: "Q3", At: at(5), Score: pct(33) + 5_000_000}, // 33.5 % shows 34
		{ID: "6", Learner: "a", Question: "Q4", At: at(4), Score: pct(66) + 4_999_999}, // 66.4999999 % shows 66
	}
	d := detailOf(t, time.Time{}, nil, nil, answers)
	want := []QuestionRow{
		{Question: "Q1", Score: 100, LastActivity: at(50), Answers: []learnstats.QuestionAnswer{answers[1], answers[2], answers[0]}},
		{Question: "Q2", Score: 0, LastActivity: at(10), Answers: []learnstats.QuestionAnswer{answers[3]}},
		{Question: "Q3", Score: 34, LastActivity: at(5), Answers: []learnstats.QuestionAnswer{answers[4]}},
		{Question: "Q4", Score: 66, LastActivity: at(4), Answers: []learnstats.QuestionAnswer{answers[5]}},
	}
	if diff := cmp.Diff(want, d.Questions); diff != "" {
		t.Errorf("questions newest first, integer score of the latest answer, every answer listed (-want +got):\n%s", diff)
	}
	// Tags are not kept: the table does not read them.
	tagged := answers[0]
	tagged.Tags = []learnstats.TagID{"t"}
	d = detailOf(t, time.Time{}, nil, nil, []learnstats.QuestionAnswer{tagged})
	if d.Questions[0].Answers[0].Tags != nil {
		t.Error("the answer detail keeps the caller's tags slice")
	}
}

// TestL8_L9_DetailAsOf: the detail as of an instant leaves out, and
// counts, the attempts and answers at or after it.
func TestL8_L9_DetailAsOf(t *testing.T) {
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "a", Step: "C", Start: at(0), TimeSpent: time.Minute},
		{ID: "2", Learner: "a", Step: "C", Start: at(10), TimeSpent: time.Minute},
	}
	answers := []learnstats.QuestionAnswer{
		{ID: "1", Learner: "a", Question: "Q", At: at(5), Score: learnstats.WholePoints(10)},
		{ID: "2", Learner: "a", Question: "Q", At: at(10), Score: learnstats.WholePoints(90)},
	}
	d := detailOf(t, at(10), attempts, nil, answers)
	if len(d.Courses) != 1 || len(d.Courses[0].Attempts) != 1 || d.Questions[0].Score != 10 || d.Later != 2 {
		t.Errorf("as of the second records' instant: %+v; want one attempt, score 10, 2 later", d)
	}
}

// TestTrap1_L8_DetailOfAnotherUser: a detail accumulator holds one
// learner's records. The safety fixes (issue 9) refused another user's records in a one-user
// accumulator; the redesign kept every user in one accumulator; now the
// detail is again an accumulator of one learner, which refuses another
// learner's records (learnstats.ErrMismatch, naming the record) and
// merges only with the same learner's, and it exists only for a user the
// viewer sees.
func TestTrap1_L8_DetailOfAnotherUser(t *testing.T) {
	d, err := NewDetailAccumulator(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), "a", nil)
	must(t, err)
	must(t, d.AddAnswer(learnstats.QuestionAnswer{ID: "1", Learner: "a", Question: "Qa", At: at(0)}))
	for _, err := range []error{
		d.AddAnswer(learnstats.QuestionAnswer{ID: "2", Learner: "b", Question: "Qb", At: at(0)}),
		d.AddAttempt(learnstats.Attempt{ID: "3", Learner: "b", Step: "C", Start: at(0)}),
		d.AddProgress(Progress{User: "b", Path: "P", Percent: 100}),
	} {
		if !errors.Is(err, learnstats.ErrMismatch) || !strings.Contains(err.Error(), `"b"`) {
			t.Errorf("a record of b in a's detail: %v, want ErrMismatch naming b", err)
		}
	}
	got := d.Result()
	if len(got.Questions) != 1 || got.Questions[0].Question != "Qa" || got.User != "a" {
		t.Errorf("a's detail: %+v, want a's question only", got)
	}
	for _, id := range []learnstats.UserID{"c", "zz"} {
		if _, err := NewDetailAccumulator(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), id, nil); !errors.Is(err, learnstats.ErrInvalidRecord) {
			t.Errorf("detail of %s (outside the scope or unknown): %v, want learnstats.ErrInvalidRecord", id, err)
		}
	}
	if _, err := NewDetailAccumulator(time.Time{}, testDir(t), nil, "a", nil); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("a nil scope sees nobody: %v", err)
	}
	b, err := NewDetailAccumulator(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), "b", nil)
	must(t, err)
	if err := d.Merge(b); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge of a's and b's details: %v, want ErrMismatch", err)
	}
	if err := d.AddAnswer(learnstats.QuestionAnswer{ID: "4", Learner: "a", Question: "Q", At: at(0), Score: -1}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("negative score: %v", err)
	}
}

// TestTrap1_L8_DetailMergeDefinition: detail accumulators merge only over
// the same asOf (instant), learner and catalog of program sessions.
func TestTrap1_L8_DetailMergeDefinition(t *testing.T) {
	build := func(t *testing.T, asOf time.Time, sessions []Session) *DetailAccumulator {
		d, err := NewDetailAccumulator(asOf, testDir(t), learnstats.Everything, "a", sessions)
		must(t, err)
		must(t, d.AddAnswer(learnstats.QuestionAnswer{ID: "1", Learner: "a", Question: "Q", At: at(0)}))
		return d
	}
	renamed := slices.Clone(testSessions)
	renamed[0].Name = "Renamed"
	for _, tt := range []struct {
		name, reason string
		asOf         time.Time
		sessions     []Session
		mismatch     bool
	}{
		{"same", "built twice from the same definition", at(60), testSessions, false},
		{"same instant, another location", "asOf is an instant", at(60).In(time.FixedZone("X", 3600)), testSessions, false},
		{"another asOf", "one nanosecond later", at(60).Add(1), testSessions, true},
		{"no cut-off", "the zero asOf is another asOf", time.Time{}, testSessions, true},
		{"another session name", "the programs table would show another name", at(60), renamed, true},
		{"fewer sessions", "a session missing", at(60), testSessions[:1], true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, at(60), testSessions)
			err := d.Merge(build(t, tt.asOf, tt.sessions))
			if tt.mismatch != errors.Is(err, learnstats.ErrMismatch) || (!tt.mismatch && err != nil) {
				t.Fatalf("%s: merge error %v, want a mismatch: %v", tt.reason, err, tt.mismatch)
			}
			want := 2
			if tt.mismatch {
				want = 1
			}
			if got := len(d.Result().Questions[0].Answers); got != want {
				t.Errorf("%s: %d answers after the merge, want %d", tt.reason, got, want)
			}
		})
	}
	d := build(t, at(60), testSessions)
	var zero DetailAccumulator
	for name, err := range map[string]error{"self": d.Merge(d), "zero": d.Merge(&zero), "into zero": zero.Merge(d),
		"add to zero": zero.AddAnswer(learnstats.QuestionAnswer{ID: "1", Learner: "a", Question: "Q", At: at(0)})} {
		if !errors.Is(err, learnstats.ErrMismatch) {
			t.Errorf("%s: %v, want ErrMismatch", name, err)
		}
	}
	if r := zero.Result(); r.User != "" || len(r.Questions) != 0 {
		t.Errorf("the zero detail accumulator's result: %+v", r)
	}
}

// TestTrap2_L8_DetailTimeOverflow: a course's and a program session's time
// in the drill-down tables are bounded by the learner's total time, which
// is checked at Add: the second 146-year attempt is refused there, naming
// it, and the detail is computed exactly without it.
func TestTrap2_L8_DetailTimeOverflow(t *testing.T) {
	for _, tt := range []struct {
		name, reason, session string
		course2               learnstats.StepID
	}{
		{"course", "two attempts at one course", "", "C"},
		{"program", "the most recent attempts at two courses of one session", "S1", "D"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			acc := newDetail(t, time.Time{}, "a")
			must(t, acc.AddAttempt(learnstats.Attempt{ID: "1", Learner: "a", Step: "C", Session: learnstats.SessionID(tt.session), Start: at(0), TimeSpent: halfPlus}))
			err := acc.AddAttempt(learnstats.Attempt{ID: "2", Learner: "a", Step: tt.course2, Session: learnstats.SessionID(tt.session), Start: at(0), TimeSpent: halfPlus})
			wantOverflow(t, tt.reason, err, `attempt "2"`)
			d := acc.Result()
			if len(d.Courses) != 1 || d.Courses[0].TimeSpent != halfPlus {
				t.Errorf("%s: the refused attempt changed the detail: %+v", tt.reason, d.Courses)
			}
			other := newDetail(t, time.Time{}, "a")
			must(t, other.AddAttempt(learnstats.Attempt{ID: "3", Learner: "a", Step: tt.course2, Session: learnstats.SessionID(tt.session), Start: at(0), TimeSpent: halfPlus}))
			wantOverflow(t, tt.reason+", merged", acc.Merge(other), `user "a"`)
			if d := acc.Result(); len(d.Courses) != 1 || d.Courses[0].TimeSpent != halfPlus {
				t.Errorf("%s: the refused merge changed the detail: %+v", tt.reason, d.Courses)
			}
		})
	}
}
