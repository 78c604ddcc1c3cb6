package scoring

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

// asOfView is what Rule S-15 changes in a learner's result, for one module
// step "m" and one live session "s".
type asOfView struct {
	LaterAttempts, LaterAttendances int
	Attempts, Finished              int
	Answered                        int // the training's (Rule S-8)
	Progress                        learnstats.Ratio
	HasScore                        bool
	Score                           learnstats.Ratio
	ModuleCompleted                 bool
	ModuleCompletedAt               time.Time
	TimeSpent                       time.Duration
	ModuleStatus                    Status
	SessionCompleted                bool
	Status                          TrainingStatus
}

func viewAsOf(t *testing.T, res *TrainingResults) asOfView {
	t.Helper()
	r, ok := res.Learner("u1")
	if !ok {
		t.Fatal("no result for u1")
	}
	m, s := stepOf(t, r, "m"), stepOf(t, r, "s")
	return asOfView{
		LaterAttempts: res.LaterAttempts, LaterAttendances: res.LaterAttendances,
		Attempts: m.Attempts, Finished: m.Finished, Answered: r.Answered, Progress: r.Progress,
		HasScore: m.HasScore, Score: m.Score, ModuleCompleted: m.Completed, ModuleCompletedAt: m.CompletedAt,
		TimeSpent: r.TimeSpent, ModuleStatus: m.Status, SessionCompleted: s.Completed, Status: r.Status,
	}
}

// asOfTraining has a mandatory module "m" of two 10-point activities and a
// mandatory live session "s": 3 activities in progress (Rule S-8).
var asOfTraining = Training{ID: "t", Steps: []Step{
	module("m", true, 50, KeepBest, 10, 10),
	{ID: "s", Kind: StepLiveSession, Mandatory: true},
}}

// TestS15_ScoringAtAsOf checks Rule S-15 at its boundaries, exactly at asOf
// and one nanosecond before: an attempt starting at asOf is left out and
// counted; one finishing at asOf is unfinished then (no score, no time
// spent, not completed) but its answers count for progress (Rule S-8); an
// attendance at asOf is left out and counted; the zero asOf counts
// everything. Explain agrees with Result at every asOf.
func TestS15_ScoringAtAsOf(t *testing.T) {
	asOf := at(60)
	ns := time.Nanosecond
	a := func(start, finish time.Time) learnstats.Attempt {
		x := attempt("u1", "m", "1", 0, -1, 6, 4)
		x.Start, x.Finish = start, finish
		return x
	}
	done := func(at time.Time) asOfView {
		// Finished: 10/20 = 50 %, passed (required 50), completed.
		return asOfView{Attempts: 1, Finished: 1, Answered: 2, Progress: percent(2, 3), HasScore: true, Score: percent(10, 20),
			ModuleCompleted: true, ModuleCompletedAt: at, TimeSpent: at.Sub(t0), ModuleStatus: StatusPassed, Status: TrainingInProgress}
	}
	tests := []struct {
		name     string
		reason   string
		asOf     time.Time
		attempts []learnstats.Attempt
		sessions []Attendance
		want     asOfView
	}{
		{"start at asOf", "left out and counted: the learner has not started",
			asOf, []learnstats.Attempt{a(asOf, asOf.Add(time.Minute))}, nil,
			asOfView{LaterAttempts: 1, Progress: percent(0, 3), Status: TrainingNotStarted}},
		{"start 1 ns before asOf", "counted; its finish after asOf makes it unfinished",
			asOf, []learnstats.Attempt{a(asOf.Add(-ns), asOf.Add(time.Minute))}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), Status: TrainingInProgress}},
		{"start 1 ns before asOf, unfinished", "counted, answers count for progress",
			asOf, []learnstats.Attempt{a(asOf.Add(-ns), time.Time{})}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), Status: TrainingInProgress}},
		{"finish at asOf", "unfinished at asOf: no score, no time, not completed, answers still count (S-8)",
			asOf, []learnstats.Attempt{a(t0, asOf)}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), ModuleStatus: StatusPending, Status: TrainingInProgress}},
		{"finish 1 ns before asOf", "finished: scored, completed, time spent",
			asOf, []learnstats.Attempt{a(t0, asOf.Add(-ns))}, nil, done(asOf.Add(-ns))},
		{"start and finish 1 ns before asOf", "a zero-length attempt just before asOf is finished",
			asOf, []learnstats.Attempt{a(asOf.Add(-ns), asOf.Add(-ns))}, nil,
			asOfView{Attempts: 1, Finished: 1, Answered: 2, Progress: percent(2, 3), HasScore: true, Score: percent(10, 20),
				ModuleCompleted: true, ModuleCompletedAt: asOf.Add(-ns), ModuleStatus: StatusPassed, Status: TrainingInProgress}},
		{"zero asOf", "no cut-off: every record counts, at the end of time",
			time.Time{}, []learnstats.Attempt{a(asOf, asOf.Add(time.Minute))}, []Attendance{{Learner: "u1", Step: "s", At: asOf.Add(time.Hour)}},
			asOfView{Attempts: 1, Finished: 1, Answered: 3, Progress: percent(3, 3), HasScore: true, Score: percent(10, 20),
				ModuleCompleted: true, ModuleCompletedAt: asOf.Add(time.Minute), TimeSpent: time.Minute, ModuleStatus: StatusPassed,
				SessionCompleted: true, Status: TrainingPassed}},
		{"attendance at asOf", "left out and counted",
			asOf, nil, []Attendance{{Learner: "u1", Step: "s", At: asOf}},
			asOfView{LaterAttendances: 1, Progress: percent(0, 3), Status: TrainingNotStarted}},
		{"attendance 1 ns before asOf", "counted: attended, completed, in progress",
			asOf, nil, []Attendance{{Learner: "u1", Step: "s", At: asOf.Add(-ns)}},
			asOfView{Answered: 1, Progress: percent(1, 3), SessionCompleted: true, Status: TrainingInProgress}},
		{"both 1 ns before asOf", "passed",
			asOf, []learnstats.Attempt{a(t0, asOf.Add(-ns))}, []Attendance{{Learner: "u1", Step: "s", At: asOf.Add(-ns)}},
			func() asOfView {
				v := done(asOf.Add(-ns))
				v.Answered, v.Progress, v.SessionCompleted, v.Status = 3, percent(3, 3), true, TrainingPassed
				return v
			}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, asOfTraining, Options{})
			if err := acc.AddLearner("u1", time.Time{}); err != nil {
				t.Fatal(err)
			}
			fill(t, acc, tc.attempts, tc.sessions...)
			res := asOfCopy(acc, tc.asOf).Result()
			if diff := cmp.Diff(tc.want, viewAsOf(t, res)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if !res.AsOf.Equal(tc.asOf) {
				t.Errorf("AsOf %v, want %v", res.AsOf, tc.asOf)
			}
			// Rules S-14, S-15: the explanation at asOf is the result at asOf.
			e, err := asOfCopy(acc, tc.asOf).Explain("u1")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(res.Learners[0], e.Result); diff != "" {
				t.Errorf("explanation differs from Result (-want +got):\n%s", diff)
			}
			if got := e.Steps[0].Later; got != tc.want.LaterAttempts {
				t.Errorf("explanation: %d attempts after asOf, want %d", got, tc.want.LaterAttempts)
			}
			if got := len(e.Steps[0].Attempts); got != tc.want.Attempts {
				t.Errorf("explanation lists %d attempts, want %d", got, tc.want.Attempts)
			}
			if got := e.Steps[1].Attended; got != tc.want.SessionCompleted {
				t.Errorf("explanation: attended %v, want %v", got, tc.want.SessionCompleted)
			}
			for _, x := range e.Steps[0].Attempts {
				if !x.HasScore && !x.Finish.IsZero() {
					t.Errorf("attempt %s unfinished at asOf shows finish %v", x.Attempt, x.Finish)
				}
				if tc.name == "finish at asOf" && !strings.Contains(x.Why, "finished at or after asOf") {
					t.Errorf("attempt finishing at asOf explained %q", x.Why)
				}
			}
		})
	}
}

// TestS15_AcrossDST checks Rule S-15 and time spent (Rule S-11) across the
// DST changes of Europe/Paris in 2026: asOf is an instant, compared as an
// instant whatever location the records and asOf are written in, not as a
// wall clock.
func TestS15_AcrossDST(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(mo time.Month, d, h, m, s, ns int) time.Time {
		return time.Date(2026, mo, d, h, m, s, ns, time.UTC)
	}
	// 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
	fallBack := utc(10, 25, 1, 0, 0, 0).In(paris) // 02:00 CET
	// 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
	springForward := utc(3, 29, 1, 0, 0, 0).In(paris) // 03:00 CEST
	if fallBack.Format("15:04 MST") != "02:00 CET" || springForward.Format("15:04 MST") != "03:00 CEST" {
		t.Fatalf("time zone data: %s, %s", fallBack.Format("15:04 MST"), springForward.Format("15:04 MST"))
	}
	ns := time.Nanosecond
	a := func(start, finish time.Time) learnstats.Attempt {
		x := attempt("u1", "m", "1", 0, -1, 6, 4)
		x.Start, x.Finish = start, finish
		return x
	}
	tests := []struct {
		name     string
		reason   string
		asOf     time.Time
		attempts []learnstats.Attempt
		sessions []Attendance
		want     asOfView
	}{
		{"fall back: start 1 ns before asOf, later on the wall clock", "02:59:59.999999999 CEST is before 02:00 CET",
			fallBack, []learnstats.Attempt{a(utc(10, 25, 0, 59, 59, 999999999).In(paris), time.Time{})}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), Status: TrainingInProgress}},
		{"fall back: start at asOf written in UTC", "the same instant in another location is at asOf: left out",
			fallBack, []learnstats.Attempt{a(utc(10, 25, 1, 0, 0, 0), time.Time{})}, nil,
			asOfView{LaterAttempts: 1, Progress: percent(0, 3), Status: TrainingNotStarted}},
		{"fall back: finish on the repeated hour", "02:30 CEST → 02:15 CET is 45 minutes, finished before asOf 03:00 CET",
			utc(10, 25, 2, 0, 0, 0).In(paris), []learnstats.Attempt{a(utc(10, 25, 0, 30, 0, 0).In(paris), utc(10, 25, 1, 15, 0, 0).In(paris))}, nil,
			asOfView{Attempts: 1, Finished: 1, Answered: 2, Progress: percent(2, 3), HasScore: true, Score: percent(10, 20),
				ModuleCompleted: true, ModuleCompletedAt: utc(10, 25, 1, 15, 0, 0), TimeSpent: 45 * time.Minute, ModuleStatus: StatusPassed, Status: TrainingInProgress}},
		{"fall back: finish at asOf on the repeated hour", "02:15 CET finish, asOf 02:15 CET: unfinished",
			utc(10, 25, 1, 15, 0, 0).In(paris), []learnstats.Attempt{a(utc(10, 25, 0, 30, 0, 0).In(paris), utc(10, 25, 1, 15, 0, 0))}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), Status: TrainingInProgress}},
		{"fall back: attendance at asOf", "02:00 CET, the instant of asOf: left out",
			fallBack, nil, []Attendance{{Learner: "u1", Step: "s", At: utc(10, 25, 1, 0, 0, 0).In(paris)}},
			asOfView{LaterAttendances: 1, Progress: percent(0, 3), Status: TrainingNotStarted}},
		{"fall back: attendance at 02:30 CEST", "before asOf 02:00 CET although later on the wall clock",
			fallBack, nil, []Attendance{{Learner: "u1", Step: "s", At: utc(10, 25, 0, 30, 0, 0).In(paris)}},
			asOfView{Answered: 1, Progress: percent(1, 3), SessionCompleted: true, Status: TrainingInProgress}},
		{"spring forward: finish 1 ns before asOf", "01:59:59.999999999 CET is 1 ns before 03:00 CEST; from 01:30 CET that is 30 min − 1 ns",
			springForward, []learnstats.Attempt{a(utc(3, 29, 0, 30, 0, 0).In(paris), utc(3, 29, 0, 59, 59, 999999999).In(paris))}, nil,
			asOfView{Attempts: 1, Finished: 1, Answered: 2, Progress: percent(2, 3), HasScore: true, Score: percent(10, 20),
				ModuleCompleted: true, ModuleCompletedAt: utc(3, 29, 0, 59, 59, 999999999), TimeSpent: 30*time.Minute - ns, ModuleStatus: StatusPassed, Status: TrainingInProgress}},
		{"spring forward: finish at asOf", "03:00 CEST finish at asOf 01:00 UTC: unfinished",
			springForward.In(time.UTC), []learnstats.Attempt{a(utc(3, 29, 0, 30, 0, 0).In(paris), springForward)}, nil,
			asOfView{Attempts: 1, Answered: 2, Progress: percent(2, 3), Status: TrainingInProgress}},
		{"spring forward: 01:30 CET → 03:10 CEST", "40 minutes, not 1 h 40",
			springForward.Add(time.Hour), []learnstats.Attempt{a(utc(3, 29, 0, 30, 0, 0).In(paris), utc(3, 29, 1, 10, 0, 0).In(paris))}, nil,
			asOfView{Attempts: 1, Finished: 1, Answered: 2, Progress: percent(2, 3), HasScore: true, Score: percent(10, 20),
				ModuleCompleted: true, ModuleCompletedAt: utc(3, 29, 1, 10, 0, 0), TimeSpent: 40 * time.Minute, ModuleStatus: StatusPassed, Status: TrainingInProgress}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, asOfTraining, Options{})
			if err := acc.AddLearner("u1", time.Time{}); err != nil {
				t.Fatal(err)
			}
			fill(t, acc, tc.attempts, tc.sessions...)
			res := asOfCopy(acc, tc.asOf).Result()
			if diff := cmp.Diff(tc.want, viewAsOf(t, res)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			e, err := asOfCopy(acc, tc.asOf).Explain("u1")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(res.Learners[0], e.Result); diff != "" {
				t.Errorf("explanation differs from Result (-want +got):\n%s", diff)
			}
		})
	}
}

// TestS15_LaterRecordsCounted: every record left out at asOf is counted,
// over all learners, and a learner whose only records are after asOf is
// still listed, not started (Rule S-16).
func TestS15_LaterRecordsCounted(t *testing.T) {
	acc := newAcc(t, asOfTraining, Options{})
	fill(t, acc, []learnstats.Attempt{
		attempt("u1", "m", "1", 0, 10, 5, 5),
		attempt("u1", "m", "2", 60, 70, 10, 10),
		attempt("u2", "m", "1", 61, -1, 1),
		attempt("u3", "m", "1", 59, 61, 1, 1),
	}, Attendance{Learner: "u2", Step: "s", At: at(60)}, Attendance{Learner: "u3", Step: "s", At: at(59)})
	res := asOfCopy(acc, at(60)).Result()
	if res.LaterAttempts != 2 || res.LaterAttendances != 1 {
		t.Errorf("left out %d attempts and %d attendances, want 2 and 1", res.LaterAttempts, res.LaterAttendances)
	}
	var got []string
	for _, r := range res.Learners {
		got = append(got, string(r.Learner)+" "+r.Status.String())
	}
	if diff := cmp.Diff([]string{"u1 In progress", "u2 Not started", "u3 In progress"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if all := acc.Result(); all.LaterAttempts != 0 || all.LaterAttendances != 0 {
		t.Errorf("zero asOf left out %d attempts and %d attendances", all.LaterAttempts, all.LaterAttendances)
	}
	// u1's best attempt at asOf is the one before it: 50, not 100.
	if r, _ := res.Learner("u1"); !stepOf(t, r, "m").Score.Equal(percent(10, 20)) {
		t.Errorf("u1 score at asOf %v, want 50", stepOf(t, r, "m").Score)
	}
}
