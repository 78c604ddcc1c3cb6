package stats

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func learnerDetailOf(t *testing.T, attempts []CourseAttempt, progress []LearnerProgress, answers []QuestionAnswer) (LearnerDetail, error) {
	t.Helper()
	var acc LearnerDetailAcc
	for _, a := range attempts {
		if err := acc.AddAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range progress {
		if err := acc.AddProgress(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range answers {
		if err := acc.AddAnswer(q); err != nil {
			t.Fatal(err)
		}
	}
	return acc.Result(map[string]ProgramSession{
		"S1": {ID: "S1", Name: "Onboarding", CreatedAt: learnerAt(-100), End: learnerAt(1000)},
		"S2": {ID: "S2", Name: "Advanced", CreatedAt: learnerAt(-200)},
	})
}

func TestL8_CoursesTable(t *testing.T) {
	attempts := []CourseAttempt{
		{ID: 1, User: "a", Course: "C", Session: "S1", Start: learnerAt(0), Duration: 10 * time.Minute, Progress: 60, Score: 40, Scored: true, Language: "fr"},
		{ID: 2, User: "a", Course: "C", Session: "S1", Start: learnerAt(60), Duration: 5 * time.Minute, Progress: 50, Language: "en"},
		{ID: 3, User: "a", Course: "C", Start: learnerAt(120), LastActivity: learnerAt(130), Duration: 15 * time.Minute, Progress: 100, Score: 90, Scored: true, Language: "en"},
		{ID: 4, User: "a", Course: "D", Start: learnerAt(200), Duration: time.Minute},
		{ID: 5, User: "a", Course: "E", Start: learnerAt(200), Duration: time.Minute},
	}
	d, err := learnerDetailOf(t, attempts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []LearnerCourseRow{
		// D and E tie on last activity: by course ID.
		{Course: "D", Attempts: 1, TimeSpent: time.Minute, LastActivity: learnerAt(200),
			Detail: []LearnerAttemptRow{{ID: 4, Date: learnerAt(200), Time: time.Minute}}},
		{Course: "E", Attempts: 1, TimeSpent: time.Minute, LastActivity: learnerAt(200),
			Detail: []LearnerAttemptRow{{ID: 5, Date: learnerAt(200), Time: time.Minute}}},
		{Course: "C", Progress: 100, Score: 90, Scored: true, Attempts: 3, TimeSpent: 30 * time.Minute, LastActivity: learnerAt(130),
			Detail: []LearnerAttemptRow{
				{ID: 3, Score: 90, Scored: true, Date: learnerAt(120), Time: 15 * time.Minute, Language: "en"},
				{ID: 2, Date: learnerAt(60), Time: 5 * time.Minute, Language: "en", Program: "S1"},
				{ID: 1, Score: 40, Scored: true, Date: learnerAt(0), Time: 10 * time.Minute, Language: "fr", Program: "S1"},
			}},
	}
	if diff := cmp.Diff(want, d.Courses); diff != "" {
		t.Errorf("courses ordered by last activity newest first, score of the latest scored attempt (-want +got):\n%s", diff)
	}
}

func TestL8_ProgramsTable(t *testing.T) {
	attempts := []CourseAttempt{
		{ID: 1, User: "a", Course: "C", Session: "S1", Start: learnerAt(0), Duration: 10 * time.Minute},
		{ID: 2, User: "a", Course: "C", Session: "S1", Start: learnerAt(60), Duration: 5 * time.Minute},
		{ID: 3, User: "a", Course: "C", Start: learnerAt(120), Duration: 15 * time.Minute},
	}
	progress := []LearnerProgress{
		{User: "a", Kind: LearnerProgram, Item: "S1", Percent: 50, Score: 70, Scored: true},
		{User: "a", Kind: LearnerProgram, Item: "S1", Percent: 80},
		{User: "a", Kind: LearnerProgram, Item: "S2", Percent: 100},
		{User: "a", Kind: LearnerPath, Item: "P", Percent: 100},
	}
	d, err := learnerDetailOf(t, attempts, progress, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []LearnerProgramRow{
		// S2 was created first.
		{Session: ProgramSession{ID: "S2", Name: "Advanced", CreatedAt: learnerAt(-200)}, Progress: 100},
		// L-2 inside the session: only attempt 2 counts.
		{Session: ProgramSession{ID: "S1", Name: "Onboarding", CreatedAt: learnerAt(-100), End: learnerAt(1000)},
			Progress: 80, TimeSpent: 5 * time.Minute, LastActivity: learnerAt(60)},
	}
	if diff := cmp.Diff(want, d.Programs); diff != "" {
		t.Errorf("programs by session creation (-want +got):\n%s", diff)
	}
	var acc LearnerDetailAcc
	_ = acc.AddAttempt(CourseAttempt{ID: 1, User: "a", Course: "C", Session: "S9", Start: learnerAt(0)})
	if _, err := acc.Result(nil); !errors.Is(err, ErrInvalidLearnerRecord) {
		t.Errorf("session missing from the catalog: %v", err)
	}
}

func TestL9_AnsweredQuestions(t *testing.T) {
	answers := []QuestionAnswer{
		{ID: 1, User: "a", Question: "Q1", At: learnerAt(0), Score: 20},
		{ID: 3, User: "a", Question: "Q1", At: learnerAt(50), Score: 100},
		{ID: 2, User: "a", Question: "Q1", At: learnerAt(50), Score: 60}, // tie on time: ID 3 is the latest
		{ID: 4, User: "a", Question: "Q2", At: learnerAt(10), Score: 0},
	}
	d, err := learnerDetailOf(t, nil, nil, answers)
	if err != nil {
		t.Fatal(err)
	}
	want := []LearnerQuestionRow{
		{Question: "Q1", Score: 100, AnswerCount: 3, LastActivity: learnerAt(50), Answers: []LearnerAnswerRow{
			{ID: 3, Score: 100, Date: learnerAt(50)}, {ID: 2, Score: 60, Date: learnerAt(50)}, {ID: 1, Score: 20, Date: learnerAt(0)}}},
		{Question: "Q2", Score: 0, AnswerCount: 1, LastActivity: learnerAt(10), Answers: []LearnerAnswerRow{{ID: 4, Score: 0, Date: learnerAt(10)}}},
	}
	if diff := cmp.Diff(want, d.Questions); diff != "" {
		t.Errorf("questions newest first, score of the latest answer (-want +got):\n%s", diff)
	}
}

func TestL8_DetailOneUser(t *testing.T) {
	var a, b LearnerDetailAcc
	_ = a.AddAnswer(QuestionAnswer{ID: 1, User: "a", Question: "Q", At: learnerAt(0)})
	_ = b.AddAnswer(QuestionAnswer{ID: 2, User: "b", Question: "Q", At: learnerAt(0)})
	if err := a.Merge(&b); !errors.Is(err, ErrLearnerMerge) {
		t.Errorf("merging two users' details: %v", err)
	}
	if err := a.AddAnswer(QuestionAnswer{ID: 3, User: "a", Question: "Q", At: learnerAt(0), Score: -1}); !errors.Is(err, ErrInvalidLearnerRecord) {
		t.Errorf("negative score: %v", err)
	}
}
