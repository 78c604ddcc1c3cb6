package stats_test

import (
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris on machines without a zoneinfo database

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

func dashParis(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func dashTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func dashRatio(num, den int64) stats.DashboardRatio {
	return stats.NewDashboardRatio(decimal.NewFromInt(num), den)
}

func TestDashboardRatio_Rounding(t *testing.T) {
	tests := []struct {
		name, reason string
		q            stats.DashboardRatio
		round        int64
		dec2         string
	}{
		{"23 of 40", "57.5 rounds half away from zero to 58 (SPEC section 0)", dashRatio(2300, 40), 58, "57.50"},
		{"two thirds", "66.666… rounds to 67 and 66.67", dashRatio(200, 3), 67, "66.67"},
		{"just below half", "57.4999 rounds down", stats.NewDashboardRatio(decimal.RequireFromString("57.4999"), 1), 57, "57.50"},
		{"no value", "a mean over nobody is no value, shown as 0", stats.DashboardRatio{}, 0, "0.00"},
		{"zero divisor", "den 0 is no value, not a panic", dashRatio(5, 0), 0, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Round(); got != tt.round {
				t.Errorf("Round() = %d, want %d (%s)", got, tt.round, tt.reason)
			}
			if got := tt.q.Decimal(2).StringFixed(2); got != tt.dec2 {
				t.Errorf("Decimal(2) = %s, want %s (%s)", got, tt.dec2, tt.reason)
			}
		})
	}
	if !dashRatio(1, 2).Equal(stats.NewDashboardRatio(decimal.RequireFromString("0.5"), 1)) {
		t.Error("1/2 != 0.5/1")
	}
	if dashRatio(1, 2).Equal(stats.DashboardRatio{}) || !(stats.DashboardRatio{}).Equal(stats.DashboardRatio{}) {
		t.Error("Equal of no value is wrong")
	}
	if got := dashRatio(1, 3).Rat(); got.Cmp(big.NewRat(1, 3)) != 0 {
		t.Errorf("Rat() = %v", got)
	}
}

// ---------------------------------------------------------------- D-1

func TestD1_ActiveUsersPerDay(t *testing.T) {
	loc := dashParis(t)
	month := func(y int, m time.Month, days int) learnstats.Window {
		w, err := learnstats.DayWindow(learnstats.Date{Year: y, Month: m, Day: 1}, learnstats.Date{Year: y, Month: m, Day: days}, loc)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	ev := func(u, at string) stats.ActiveUserEvent {
		return stats.ActiveUserEvent{User: learnstats.UserID(u), At: dashTime(t, at)}
	}
	type day struct {
		d     int
		users int
	}
	tests := []struct {
		name, reason string
		rng          learnstats.Window
		events       []stats.ActiveUserEvent
		days         int
		want         []day // non-zero days (day of month → users)
		outside      int
	}{
		{
			name: "midnight after the month", reason: "half-open: a login at exactly the next midnight belongs to the next month, not day 1 (Opigno differs)",
			rng: month(2026, time.November, 30), days: 30,
			events: []stats.ActiveUserEvent{
				ev("u1", "2026-11-01T00:00:00+01:00"),        // first instant: day 1
				ev("u2", "2026-12-01T00:00:00+01:00"),        // exactly at End: outside
				ev("u3", "2026-11-30T23:59:59.999+01:00"),    // last instant: day 30
				ev("u4", "2026-10-31T23:59:59.999999+01:00"), // before Start: outside
			},
			want: []day{{1, 1}, {30, 1}}, outside: 2,
		},
		{
			name: "distinct users per day", reason: "a user with several events on a day counts once; on two days, once each",
			rng: month(2026, time.November, 30), days: 30,
			events: []stats.ActiveUserEvent{
				ev("u1", "2026-11-05T08:00:00+01:00"), ev("u1", "2026-11-05T18:00:00+01:00"),
				ev("u2", "2026-11-05T09:00:00Z"), ev("u1", "2026-11-06T09:00:00+01:00"),
				// 23:30 UTC on the 5th is 00:30 on the 6th in Paris.
				ev("u3", "2026-11-05T23:30:00Z"),
			},
			want: []day{{5, 2}, {6, 2}},
		},
		{
			name: "spring DST change inside the range", reason: "29 March 2026 has 23 hours in Paris; the month still has 31 calendar days",
			rng: month(2026, time.March, 31), days: 31,
			events: []stats.ActiveUserEvent{
				ev("u1", "2026-03-29T01:59:59+01:00"), // before the change
				ev("u2", "2026-03-29T03:00:00+02:00"), // after the change, same day
				ev("u3", "2026-03-29T23:30:00+02:00"), // late on the short day
				ev("u4", "2026-03-30T00:00:00+02:00"), // next midnight
				ev("u5", "2026-03-31T23:59:59+02:00"), // last second of the month
				ev("u6", "2026-04-01T00:00:00+02:00"), // next month
			},
			want: []day{{29, 3}, {30, 1}, {31, 1}}, outside: 1,
		},
		{
			name: "autumn DST change inside the range", reason: "25 October 2026 has 25 hours; both 02:30 happen on the 25th",
			rng: month(2026, time.October, 31), days: 31,
			events: []stats.ActiveUserEvent{
				ev("u1", "2026-10-25T02:30:00+02:00"),
				ev("u2", "2026-10-25T02:30:00+01:00"),
				ev("u3", "2026-10-25T23:59:00+01:00"),
				ev("u4", "2026-10-01T00:00:00+02:00"),
			},
			want: []day{{1, 1}, {25, 3}},
		},
		{
			name: "no events", reason: "every day is present and zero-filled",
			rng: month(2026, time.February, 28), days: 28,
		},
		{
			name: "empty range", reason: "an empty window has no days; every event is outside",
			rng:    learnstats.Window{},
			events: []stats.ActiveUserEvent{ev("u1", "2026-11-05T08:00:00+01:00")},
			days:   0, outside: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.CountActiveUsersPerDay(slices.Values(tt.events), tt.rng, loc)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Days) != tt.days {
				t.Fatalf("%d days, want %d (%s)", len(got.Days), tt.days, tt.reason)
			}
			want := []stats.ActiveUsersDay{}
			for i, d := range got.Days {
				if i > 0 && d.Date.Compare(got.Days[i-1].Date.AddDays(1)) != 0 {
					t.Errorf("day %d is %s after %s: days must be consecutive", i, d.Date, got.Days[i-1].Date)
				}
				w := stats.ActiveUsersDay{Date: d.Date}
				for _, wd := range tt.want {
					if wd.d == d.Date.Day {
						w.Users = wd.users
					}
				}
				want = append(want, w)
			}
			if diff := cmp.Diff(want, got.Days); diff != "" {
				t.Errorf("days (-want +got) (%s):\n%s", tt.reason, diff)
			}
			if got.OutsideRange != tt.outside || got.Events != len(tt.events) {
				t.Errorf("outside %d events %d, want %d %d", got.OutsideRange, got.Events, tt.outside, len(tt.events))
			}
		})
	}
}

func TestD1_InvalidAndMismatch(t *testing.T) {
	loc := dashParis(t)
	rng := learnstats.LastDays(dashTime(t, "2026-11-22T12:00:00+01:00"), 7)
	for _, e := range []stats.ActiveUserEvent{{User: "", At: rng.Start}, {User: "u1"}} {
		var a stats.ActiveUsersPerDay
		if err := a.Add(e); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
			t.Errorf("Add(%+v) = %v, want ErrInvalidDashboardRecord", e, err)
		}
	}
	a := stats.ActiveUsersPerDay{Range: rng, Location: loc}
	b := stats.ActiveUsersPerDay{Range: rng}
	if err := a.Merge(&b); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("Merge with another location = %v, want ErrDashboardMismatch", err)
	}
	c := stats.ActiveUsersPerDay{Range: learnstats.LastDays(rng.End, 6), Location: loc}
	if err := a.Merge(&c); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("Merge with another range = %v, want ErrDashboardMismatch", err)
	}
	// A partial day at the start of a LastDays window: 8 calendar days
	// touched, the first and last ones partly.
	if n := len(must(t, a.Result).Days); n != 8 {
		t.Errorf("LastDays(asOf, 7) at noon touches %d days, want 8", n)
	}
}

// ---------------------------------------------------------------- D-2, D-3

var (
	dashCutoff       = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	dashBeforeCutoff = dashCutoff.Add(-30 * 24 * time.Hour)
)

func dashLearner(tr, u string, progress int64, opts ...func(*stats.TrainingLearner)) stats.TrainingLearner {
	l := stats.TrainingLearner{
		Training: stats.TrainingID(tr), User: learnstats.UserID(u),
		RegisteredAt: dashBeforeCutoff, Progress: decimal.NewFromInt(progress),
	}
	for _, o := range opts {
		o(&l)
	}
	return l
}

func dashCompletedAt(t time.Time) func(*stats.TrainingLearner) {
	return func(l *stats.TrainingLearner) { l.CompletedAt = t }
}
func dashRegisteredAt(t time.Time) func(*stats.TrainingLearner) {
	return func(l *stats.TrainingLearner) { l.RegisteredAt = t }
}
func dashExpiresAt(t time.Time) func(*stats.TrainingLearner) {
	return func(l *stats.TrainingLearner) { l.CertificateExpiresAt = t }
}

func TestD2_TrainingProgress(t *testing.T) {
	catalogue := []stats.TrainingInfo{
		{ID: "t1", Name: "Safety"}, {ID: "t2", Name: "Safety"}, {ID: "t3", Name: "Onboarding"},
	}
	tests := []struct {
		name, reason string
		learners     []stats.TrainingLearner
		want         []stats.TrainingProgressFigures
		global       stats.TrainingProgressGlobal
	}{
		{
			name:   "zero members",
			reason: "every catalogue training is listed; without learners it has no figure and stays out of the global mean",
			want: []stats.TrainingProgressFigures{
				{Training: "t3", Name: "Onboarding"}, {Training: "t1", Name: "Safety"}, {Training: "t2", Name: "Safety"},
			},
			global: stats.TrainingProgressGlobal{TrainingsWithoutLearners: 3},
		},
		{
			name:   "equal names stay separate, global is the unweighted mean",
			reason: "t1 and t2 are both named Safety but keyed by ID; global = mean of per-training figures, not of learners",
			learners: []stats.TrainingLearner{
				dashLearner("t1", "u1", 100, dashCompletedAt(dashCutoff.Add(-time.Hour))),
				dashLearner("t2", "u1", 50), dashLearner("t2", "u2", 0), dashLearner("t2", "u3", 25),
			},
			want: []stats.TrainingProgressFigures{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 1, Completed: 1, Progress: dashRatio(100, 1), Completion: dashRatio(100, 1)},
				{Training: "t2", Name: "Safety", Learners: 3, Progress: dashRatio(75, 3), Completion: dashRatio(0, 3)},
			},
			// (100 + 25) / 2 = 62.5 and (100 + 0) / 2 = 50; a learner-weighted
			// mean would give 43.75 and 25.
			global: stats.TrainingProgressGlobal{Progress: dashRatio(125, 2), Completion: dashRatio(50, 1), Trainings: 2, TrainingsWithoutLearners: 1},
		},
		{
			name:   "expired certificate",
			reason: "an expired learner stays in the denominator with 0 progress and not completed, even though completed; expiry exactly at the dashCutoff is expired, 1 ns after is not",
			learners: []stats.TrainingLearner{
				dashLearner("t3", "u1", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(dashCutoff)),
				dashLearner("t3", "u2", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(dashCutoff.Add(time.Nanosecond))),
				dashLearner("t3", "u3", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(dashCutoff.Add(-time.Hour))),
				dashLearner("t3", "u4", 40),
			},
			want: []stats.TrainingProgressFigures{
				{Training: "t3", Name: "Onboarding", Learners: 4, Completed: 1, Expired: 2, Progress: dashRatio(140, 4), Completion: dashRatio(100, 4)},
				{Training: "t1", Name: "Safety"}, {Training: "t2", Name: "Safety"},
			},
			global: stats.TrainingProgressGlobal{Progress: dashRatio(35, 1), Completion: dashRatio(25, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
		{
			name:   "dashCutoff boundaries",
			reason: "registered at the dashCutoff is not yet a learner; completed at the dashCutoff is not completed before it; 1 ns earlier both count",
			learners: []stats.TrainingLearner{
				dashLearner("t1", "u1", 100, dashRegisteredAt(dashCutoff)),
				dashLearner("t1", "u2", 100, dashRegisteredAt(dashCutoff.Add(-time.Nanosecond)), dashCompletedAt(dashCutoff)),
				dashLearner("t1", "u3", 100, dashCompletedAt(dashCutoff.Add(-time.Nanosecond))),
			},
			want: []stats.TrainingProgressFigures{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 2, Completed: 1, NotRegisteredYet: 1, Progress: dashRatio(200, 2), Completion: dashRatio(100, 2)},
				{Training: "t2", Name: "Safety"},
			},
			global: stats.TrainingProgressGlobal{Progress: dashRatio(100, 1), Completion: dashRatio(50, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
		{
			name:   "exact progress and rounding",
			reason: "S-8 progress values 57 and 58 average to 57.5 exactly, shown as 58",
			learners: []stats.TrainingLearner{
				dashLearner("t1", "u1", 57), dashLearner("t1", "u2", 58),
			},
			want: []stats.TrainingProgressFigures{
				{Training: "t3", Name: "Onboarding"},
				{Training: "t1", Name: "Safety", Learners: 2, Progress: dashRatio(115, 2), Completion: dashRatio(0, 1)},
				{Training: "t2", Name: "Safety"},
			},
			global: stats.TrainingProgressGlobal{Progress: dashRatio(115, 2), Completion: dashRatio(0, 1), Trainings: 1, TrainingsWithoutLearners: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.ComputeTrainingProgress(slices.Values(catalogue), slices.Values(tt.learners), dashCutoff)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.Trainings); diff != "" {
				t.Errorf("trainings (-want +got) (%s):\n%s", tt.reason, diff)
			}
			if diff := cmp.Diff(tt.global, got.Global); diff != "" {
				t.Errorf("global (-want +got) (%s):\n%s", tt.reason, diff)
			}
		})
	}
	// The 57.5 case, shown as an integer.
	got, _ := stats.ComputeTrainingProgress(nil, slices.Values([]stats.TrainingLearner{dashLearner("t1", "u1", 57), dashLearner("t1", "u2", 58)}), dashCutoff)
	if r := got.Trainings[0].Progress.Round(); r != 58 {
		t.Errorf("57.5 rounds to %d, want 58", r)
	}
}

func TestD2_InvalidRecords(t *testing.T) {
	bad := []struct {
		name string
		l    stats.TrainingLearner
	}{
		{"empty training", dashLearner("", "u1", 0)},
		{"empty user", dashLearner("t1", "", 0)},
		{"no registration", dashLearner("t1", "u1", 0, dashRegisteredAt(time.Time{}))},
		{"progress above 100", dashLearner("t1", "u1", 101)},
		{"negative progress", dashLearner("t1", "u1", -1)},
		{"score above 100", func() stats.TrainingLearner { l := dashLearner("t1", "u1", 0); l.Score = 101; return l }()},
		{"negative time", func() stats.TrainingLearner { l := dashLearner("t1", "u1", 0); l.TimeSpent = -1; return l }()},
		{"negative step count", func() stats.TrainingLearner { l := dashLearner("t1", "u1", 0); l.Mandatory.Failed = -1; return l }()},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			var p stats.TrainingProgress
			if err := p.Add(tt.l); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
				t.Errorf("Add = %v, want ErrInvalidDashboardRecord", err)
			}
		})
	}
	var p stats.TrainingProgress
	if err := p.Add(dashLearner("t1", "u1", 10)); err != nil {
		t.Fatal(err)
	}
	if err := p.Add(dashLearner("t1", "u1", 20)); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("duplicate learner: %v", err)
	}
	if err := p.AddTraining(stats.TrainingInfo{ID: "t1", Name: "A"}); err != nil {
		t.Fatal(err)
	}
	if err := p.AddTraining(stats.TrainingInfo{ID: "t1", Name: "B"}); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("one ID, two names: %v", err)
	}
	q := stats.TrainingProgress{Cutoff: dashCutoff}
	if err := p.Merge(&q); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("merge with another dashCutoff: %v", err)
	}
	r := stats.TrainingProgress{}
	_ = r.Add(dashLearner("t1", "u1", 30))
	if err := p.Merge(&r); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("merge of the same learner twice: %v", err)
	}
}

func TestD3_ClassStatistics(t *testing.T) {
	class := stats.TrainingClass{
		ID:      "g4",
		Members: []learnstats.UserID{"u1", "u2", "u3"},
		Trainings: []stats.TrainingClassRegistration{
			{Training: "t1", RegisteredAt: dashBeforeCutoff},
			{Training: "t2", RegisteredAt: dashCutoff}, // registered at the dashCutoff: nobody counts yet
		},
	}
	catalogue := []stats.TrainingInfo{{ID: "t1", Name: "Safety"}, {ID: "t2", Name: "Safety"}, {ID: "t3", Name: "Other"}}
	learners := []stats.TrainingLearner{
		dashLearner("t1", "u1", 100, dashCompletedAt(dashBeforeCutoff)),
		dashLearner("t1", "u2", 50),
		// u3 has no t1 record: a member through the class, 0 progress.
		dashLearner("t1", "u9", 100, dashCompletedAt(dashBeforeCutoff)), // not a member
		dashLearner("t3", "u1", 100),                                    // class not registered in t3
		dashLearner("t2", "u1", 80, dashRegisteredAt(dashCutoff)),
	}
	got, err := stats.ComputeClassStatistics(class, slices.Values(catalogue), slices.Values(learners), dashCutoff)
	if err != nil {
		t.Fatal(err)
	}
	want := stats.TrainingProgressResult{
		Trainings: []stats.TrainingProgressFigures{
			{Training: "t1", Name: "Safety", Learners: 3, Completed: 1, Progress: dashRatio(150, 3), Completion: dashRatio(100, 3)},
			{Training: "t2", Name: "Safety", NotRegisteredYet: 3},
		},
		Global:                    stats.TrainingProgressGlobal{Progress: dashRatio(50, 1), Completion: dashRatio(100, 3), Trainings: 1, TrainingsWithoutLearners: 1},
		OutsideClass:              2,
		ClassMembersWithoutRecord: 3, // u3 in t1, u2 and u3 in t2
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("class statistics (-want +got):\n%s", diff)
	}

	t.Run("zero members", func(t *testing.T) {
		empty := stats.TrainingClass{ID: "g9", Trainings: class.Trainings[:1]}
		got, err := stats.ComputeClassStatistics(empty, nil, slices.Values(learners), dashCutoff)
		if err != nil {
			t.Fatal(err)
		}
		want := stats.TrainingProgressResult{
			Trainings:    []stats.TrainingProgressFigures{{Training: "t1"}},
			Global:       stats.TrainingProgressGlobal{TrainingsWithoutLearners: 1},
			OutsideClass: len(learners),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("empty class (-want +got):\n%s", diff)
		}
	})
	t.Run("invalid class", func(t *testing.T) {
		for _, c := range []stats.TrainingClass{
			{},
			{ID: "g", Members: []learnstats.UserID{""}},
			{ID: "g", Trainings: []stats.TrainingClassRegistration{{Training: "t1"}}},
			{ID: "g", Trainings: []stats.TrainingClassRegistration{{Training: "t1", RegisteredAt: dashCutoff}, {Training: "t1", RegisteredAt: dashCutoff}}},
		} {
			if _, err := stats.ComputeClassStatistics(c, nil, nil, dashCutoff); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
				t.Errorf("class %+v: %v, want ErrInvalidDashboardRecord", c, err)
			}
		}
	})
	t.Run("merge needs the same class", func(t *testing.T) {
		other := class
		other.Members = []learnstats.UserID{"u1"}
		a := stats.TrainingProgress{Cutoff: dashCutoff, Class: &class}
		b := stats.TrainingProgress{Cutoff: dashCutoff, Class: &other}
		if err := a.Merge(&b); !errors.Is(err, stats.ErrDashboardMismatch) {
			t.Errorf("merge of two classes: %v", err)
		}
		same := class
		same.Members = []learnstats.UserID{"u3", "u2", "u1", "u1"}
		c := stats.TrainingProgress{Cutoff: dashCutoff, Class: &same}
		if err := a.Merge(&c); err != nil {
			t.Errorf("merge of the same class listed in another order: %v", err)
		}
	})
}

// ---------------------------------------------------------------- D-4

func TestD4_UsersResults(t *testing.T) {
	asOf := dashTime(t, "2026-11-22T12:00:00+01:00")
	mand := func(p, f, pe int) func(*stats.TrainingLearner) {
		return func(l *stats.TrainingLearner) {
			l.Mandatory = stats.MandatoryStepStatuses{Passed: p, Failed: f, Pending: pe}
		}
	}
	tests := []struct {
		name, reason string
		l            stats.TrainingLearner
		want         stats.TrainingStatus
	}{
		{"no mandatory step", "nothing passed, nothing failed: pending", dashLearner("t", "u", 0), stats.TrainingPending},
		{"completed", "completion before asOf is Success", dashLearner("t", "u", 100, dashCompletedAt(asOf.Add(-time.Nanosecond))), stats.TrainingSuccess},
		{"completed at asOf", "a completion at asOf is not before it (half-open)", dashLearner("t", "u", 100, dashCompletedAt(asOf), mand(1, 1, 0)), stats.TrainingFailed},
		{"passed, not completed", "every mandatory step passed is Success", dashLearner("t", "u", 100, mand(2, 0, 0)), stats.TrainingSuccess},
		{"failed", "a failed step and none pending", dashLearner("t", "u", 100, mand(1, 1, 0)), stats.TrainingFailed},
		{"failed but pending", "a pending step keeps the training pending", dashLearner("t", "u", 60, mand(0, 1, 1)), stats.TrainingPending},
		{"expired beats success", "an expired certificate is Expired even when completed", dashLearner("t", "u", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(asOf)), stats.TrainingExpired},
		{"expires after asOf", "1 ns after asOf the certificate is still valid", dashLearner("t", "u", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(asOf.Add(time.Nanosecond))), stats.TrainingSuccess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stats.TrainingStatusAt(tt.l, asOf); got != tt.want {
				t.Errorf("status %v, want %v (%s)", got, tt.want, tt.reason)
			}
		})
	}
	in := []stats.TrainingLearner{
		func() stats.TrainingLearner {
			l := dashLearner("t2", "u2", 100, mand(1, 0, 0))
			l.Score, l.TimeSpent = 73, 90*time.Minute
			return l
		}(),
		dashLearner("t1", "u3", 0, dashRegisteredAt(asOf)), // not registered yet
		func() stats.TrainingLearner {
			l := dashLearner("t1", "u9", 100, dashCompletedAt(dashBeforeCutoff), dashExpiresAt(dashBeforeCutoff.Add(time.Hour)))
			l.Score = 90
			return l
		}(),
		dashLearner("t1", "u1", 10, mand(0, 0, 2)),
	}
	got, err := stats.ComputeTrainingResults(slices.Values(in), asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := stats.TrainingResultList{
		Rows: []stats.TrainingResult{
			{Training: "t1", User: "u1", Status: stats.TrainingPending},
			{Training: "t1", User: "u9", Score: 90, Status: stats.TrainingExpired},
			{Training: "t2", User: "u2", Score: 73, Status: stats.TrainingSuccess, TimeSpent: 90 * time.Minute},
		},
		NotRegisteredYet: 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Rows[2:], got.Training("t2")); diff != "" {
		t.Errorf("Training(t2) (-want +got):\n%s", diff)
	}
	for s, w := range map[stats.TrainingStatus]string{stats.TrainingPending: "Pending", stats.TrainingSuccess: "Success", stats.TrainingFailed: "Failed", stats.TrainingExpired: "Expired", 9: "TrainingStatus(9)"} {
		if s.String() != w {
			t.Errorf("%d.String() = %q, want %q", int(s), s.String(), w)
		}
	}
	// Zero members: an empty result, not nil rows.
	empty, err := stats.ComputeTrainingResults(slices.Values([]stats.TrainingLearner(nil)), asOf)
	if err != nil || empty.Rows == nil || len(empty.Rows) != 0 {
		t.Errorf("zero members: %+v, %v", empty, err)
	}
	var r stats.TrainingResults
	_ = r.Add(in[0])
	if err := r.Add(in[0]); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("duplicate: %v", err)
	}
	o := stats.TrainingResults{AsOf: asOf}
	if err := r.Merge(&o); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("merge asOf mismatch: %v", err)
	}
}

// ---------------------------------------------------------------- D-5

func TestD5_TrainingContent(t *testing.T) {
	asOf := dashTime(t, "2026-11-22T12:00:00+01:00")
	catalogue := []stats.TrainingInfo{{ID: "t1", Name: "Safety"}, {ID: "t2", Name: "Safety"}}
	steps := []stats.TrainingStepInfo{
		{Training: "t1", ID: "s2", Name: "Quiz", Position: 2},
		{Training: "t1", ID: "s1", Name: "Intro", Position: 1},
		{Training: "t1", ID: "s0", Name: "Also first", Position: 1},
		{Training: "t2", ID: "s1", Name: "Only step", Position: 1},
	}
	learners := []stats.TrainingLearner{
		dashLearner("t1", "u1", 0), dashLearner("t1", "u2", 0), dashLearner("t1", "u3", 0), dashLearner("t1", "u4", 0),
		dashLearner("t1", "u5", 0, dashRegisteredAt(asOf)), // not a member yet
	}
	res := func(step, user string, completed time.Time, score int, has bool, d time.Duration) stats.TrainingStepResult {
		return stats.TrainingStepResult{Training: "t1", Step: stats.TrainingStepID(step), User: learnstats.UserID(user),
			CompletedAt: completed, Score: score, HasScore: has, TimeSpent: d}
	}
	results := []stats.TrainingStepResult{
		res("s1", "u1", dashBeforeCutoff, 80, true, 10*time.Minute),
		res("s1", "u2", asOf, 65, true, 20*time.Minute),                            // completed at asOf: not yet
		res("s1", "u3", time.Time{}, 0, false, 5*time.Minute+500*time.Millisecond), // started, no score
		res("s2", "u1", dashBeforeCutoff, 100, true, time.Second),
		res("s2", "u2", dashBeforeCutoff, 0, true, 2*time.Second),
		res("s1", "u5", dashBeforeCutoff, 100, true, time.Hour), // not a member
		res("s9", "u1", dashBeforeCutoff, 100, true, time.Hour), // unknown step
	}
	got, err := stats.ComputeTrainingContent(slices.Values(catalogue), slices.Values(steps), slices.Values(learners), slices.Values(results), asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := stats.TrainingContentResult{
		Trainings: []stats.TrainingContentTraining{
			{Training: "t1", Name: "Safety", Members: 4, Steps: []stats.TrainingContentStep{
				{Training: "t1", Step: "s0", Name: "Also first", Position: 1, Members: 4, Completion: dashRatio(0, 4)},
				{Training: "t1", Step: "s1", Name: "Intro", Position: 1, Members: 4, Completed: 1, Completion: dashRatio(100, 4),
					Scored: 2, AvgScore: dashRatio(145, 2), Started: 3, TimeSpent: 35*time.Minute + 500*time.Millisecond,
					// 35 min 0.5 s / 3 = 11 min 40.1666… s → 11:40.
					AvgTimeSpent: 11*time.Minute + 40*time.Second},
				{Training: "t1", Step: "s2", Name: "Quiz", Position: 2, Members: 4, Completed: 2, Completion: dashRatio(200, 4),
					Scored: 2, AvgScore: dashRatio(50, 1), Started: 2, TimeSpent: 3 * time.Second,
					// 1.5 s rounds half away from zero to 2 s.
					AvgTimeSpent: 2 * time.Second},
			}},
			// Zero members: the step is listed with no completion value.
			{Training: "t2", Name: "Safety", Steps: []stats.TrainingContentStep{{Training: "t2", Step: "s1", Name: "Only step", Position: 1}}},
		},
		ResultsOutsideMembers: 1,
		ResultsUnknownStep:    1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	if tr, ok := got.Training("t2"); !ok || tr.Training != "t2" {
		t.Errorf("Training(t2) = %+v, %v", tr, ok)
	}
	if _, ok := got.Training("nope"); ok {
		t.Error("Training(nope) found")
	}

	var c stats.TrainingContent
	for _, r := range []stats.TrainingStepResult{
		res("", "u1", time.Time{}, 0, false, 0),
		res("s1", "u1", time.Time{}, 101, true, 0),
		res("s1", "u1", time.Time{}, 5, false, 0),
		res("s1", "u1", time.Time{}, 0, false, -time.Second),
	} {
		if err := c.AddStepResult(r); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
			t.Errorf("AddStepResult(%+v) = %v", r, err)
		}
	}
	if err := c.AddStep(stats.TrainingStepInfo{Training: "t1", ID: "s1", Name: "A"}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddStep(stats.TrainingStepInfo{Training: "t1", ID: "s1", Name: "B"}); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("step given twice differently: %v", err)
	}
	if err := c.AddStep(stats.TrainingStepInfo{Training: "t1"}); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("step without ID: %v", err)
	}
}

// ---------------------------------------------------------------- D-6

func TestD6_UserMetrics(t *testing.T) {
	loc := dashParis(t)
	// asOf is after the autumn DST change: the last 7 calendar days are
	// 169 hours long.
	asOf := time.Date(2026, 10, 28, 12, 0, 0, 0, loc)
	start := time.Date(2026, 10, 21, 12, 0, 0, 0, loc)
	if asOf.Sub(start) != 169*time.Hour {
		t.Fatalf("window length %s", asOf.Sub(start))
	}
	old := start.AddDate(0, -3, 0)
	users := []stats.DashboardUser{
		{User: "u1", CreatedAt: old},                        // never accessed
		{User: "u2", CreatedAt: start, LastAccessAt: start}, // new and active: window start is inside
		{User: "u3", CreatedAt: start.Add(-time.Nanosecond), LastAccessAt: start.Add(-time.Nanosecond)}, // just before
		{User: "u4", CreatedAt: old, LastAccessAt: asOf.Add(-time.Nanosecond)},                          // active at the last instant
		{User: "u5", CreatedAt: old, LastAccessAt: asOf},                                                // access at asOf: outside
		{User: "u6", CreatedAt: asOf},                                                                   // created at asOf: not a user yet
		{User: "u7", CreatedAt: asOf.Add(-time.Nanosecond)},                                             // new
	}
	got, err := stats.ComputeDashboardUserMetrics(slices.Values(users), asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := stats.DashboardUserMetricsResult{Users: 6, NewUsers: 2, RecentlyActive: 2, CreatedAfterAsOf: 1, AccessAfterAsOf: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user metrics (-want +got):\n%s", diff)
	}
	zero, err := stats.ComputeDashboardUserMetrics(slices.Values([]stats.DashboardUser(nil)), asOf)
	if err != nil || zero != (stats.DashboardUserMetricsResult{}) {
		t.Errorf("no users: %+v %v", zero, err)
	}
	for _, u := range []stats.DashboardUser{
		{CreatedAt: old}, {User: "x"}, {User: "x", CreatedAt: asOf, LastAccessAt: old},
	} {
		var m stats.DashboardUserMetrics
		if err := m.Add(u); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
			t.Errorf("Add(%+v) = %v", u, err)
		}
	}
	m := stats.DashboardUserMetrics{AsOf: asOf}
	_ = m.Add(users[0])
	if err := m.Add(users[0]); !errors.Is(err, stats.ErrInvalidDashboardRecord) {
		t.Errorf("duplicate user: %v", err)
	}
	n := stats.DashboardUserMetrics{}
	if err := m.Merge(&n); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("merge asOf mismatch: %v", err)
	}
}

func TestDashboardRatio_NegativePlaces(t *testing.T) {
	if got := dashRatio(2300, 40).Decimal(-2).StringFixed(0); got != "58" {
		t.Errorf("Decimal(-2) = %s, want 58 (negative places count as 0)", got)
	}
}

// must returns f's result, failing the test on an error.
func must[T any](t testing.TB, f func() (T, error)) T {
	t.Helper()
	v, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDashboardZeroValues: every dashboard accumulator's zero value is
// empty and usable (Result without Add, Merge of two zero values).
func TestDashboardZeroValues(t *testing.T) {
	var a, a2 stats.ActiveUsersPerDay
	if err := a.Merge(&a2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stats.ActiveUsersResult{Days: []stats.ActiveUsersDay{}}, must(t, a.Result)); diff != "" {
		t.Errorf("ActiveUsersPerDay (-want +got):\n%s", diff)
	}
	var p, p2 stats.TrainingProgress
	if err := p.Merge(&p2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stats.TrainingProgressResult{Trainings: []stats.TrainingProgressFigures{}}, must(t, p.Result)); diff != "" {
		t.Errorf("TrainingProgress (-want +got):\n%s", diff)
	}
	var r, r2 stats.TrainingResults
	if err := r.Merge(&r2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stats.TrainingResultList{Rows: []stats.TrainingResult{}}, must(t, r.Result)); diff != "" {
		t.Errorf("TrainingResults (-want +got):\n%s", diff)
	}
	var c, c2 stats.TrainingContent
	if err := c.Merge(&c2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stats.TrainingContentResult{Trainings: []stats.TrainingContentTraining{}}, must(t, c.Result)); diff != "" {
		t.Errorf("TrainingContent (-want +got):\n%s", diff)
	}
	var m, m2 stats.DashboardUserMetrics
	if err := m.Merge(&m2); err != nil {
		t.Fatal(err)
	}
	if got := must(t, m.Result); got != (stats.DashboardUserMetricsResult{}) {
		t.Errorf("DashboardUserMetrics: %+v", got)
	}
}

func TestD1_RangeChangedAfterFirstEvent(t *testing.T) {
	loc := dashParis(t)
	var a stats.ActiveUsersPerDay
	_ = must(t, a.Result) // the zero value's (empty) chart
	a.Range = learnstats.LastDays(dashTime(t, "2026-11-22T12:00:00+01:00"), 7)
	a.Location = loc
	if err := a.Add(stats.ActiveUserEvent{User: "u1", At: dashTime(t, "2026-11-20T12:00:00+01:00")}); err != nil {
		t.Fatalf("setting the range before the first event in it: %v", err)
	}
	if got := must(t, a.Result).Days[5]; got.Users != 1 || got.Date.Day != 20 {
		t.Errorf("day 5 = %+v, want 20 November with 1 user", got)
	}
	a.Range = learnstats.LastDays(dashTime(t, "2026-11-22T12:00:00+01:00"), 3)
	if err := a.Add(stats.ActiveUserEvent{User: "u2", At: dashTime(t, "2026-11-21T12:00:00+01:00")}); !errors.Is(err, stats.ErrDashboardMismatch) {
		t.Errorf("range changed after an event: %v, want ErrDashboardMismatch", err)
	}
}

// TestTrap1_D2_D4_D5_D6_AsOfFrozenAtFirstRecord (issue 9, trap 1; SPEC
// section 0, "a definition cannot change after the first record"): the
// cutoff or asOf set before the first record is the one the result is
// computed at; changing it afterwards makes Result (and Add, and Merge)
// fail with ErrMismatch instead of answering at another instant than the
// one the records were added for. Before the fix the accumulators silently
// answered at the new instant.
func TestTrap1_D2_D4_D5_D6_AsOfFrozenAtFirstRecord(t *testing.T) {
	l := dashLearner("t1", "u1", 100, dashCompletedAt(dashCutoff.Add(-time.Hour)))
	for _, tt := range []struct {
		name, reason              string
		at                        time.Time
		learners, completed, news int
		status                    stats.TrainingStatus
	}{
		{"at the cutoff", "registered, completed and created an hour before", dashCutoff, 1, 1, 1, stats.TrainingSuccess},
		{"before the cutoff", "nothing has happened yet", dashBeforeCutoff, 0, 0, 0, stats.TrainingPending},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := stats.TrainingProgress{Cutoff: tt.at}
			r := stats.TrainingResults{AsOf: tt.at}
			c := stats.TrainingContent{AsOf: tt.at}
			m := stats.DashboardUserMetrics{AsOf: tt.at}
			if err := errors.Join(p.Add(l), r.Add(l), c.AddLearner(l),
				c.AddStep(stats.TrainingStepInfo{Training: "t1", ID: "s1"}),
				c.AddStepResult(stats.TrainingStepResult{Training: "t1", Step: "s1", User: "u1", CompletedAt: dashCutoff.Add(-time.Hour)}),
				m.Add(stats.DashboardUser{User: "u1", CreatedAt: dashCutoff.Add(-time.Hour)})); err != nil {
				t.Fatal(err)
			}
			fig := must(t, p.Result).Trainings[0]
			rows := must(t, r.Result).Rows
			step := must(t, c.Result).Trainings[0].Steps[0]
			if fig.Learners != tt.learners || fig.Completed != tt.completed || len(rows) != tt.learners ||
				step.Members != tt.learners || step.Completed != tt.completed || must(t, m.Result).NewUsers != tt.news {
				t.Errorf("%s: progress %+v, results %+v, content %+v, metrics %+v", tt.reason, fig, rows, step, must(t, m.Result))
			}
			if len(rows) == 1 && rows[0].Status != tt.status {
				t.Errorf("status %v, want %v", rows[0].Status, tt.status)
			}
			// Another instant after the first record: every accumulator
			// refuses to answer, to add and to merge.
			other := tt.at.Add(time.Nanosecond)
			p.Cutoff, r.AsOf, c.AsOf, m.AsOf = other, other, other, other
			_, e1 := p.Result()
			_, e2 := r.Result()
			_, e3 := c.Result()
			_, e4 := m.Result()
			l2 := dashLearner("t1", "u2", 50)
			for i, err := range []error{e1, e2, e3, e4, p.Add(l2), r.Add(l2), c.AddLearner(l2), m.Add(stats.DashboardUser{User: "u2", CreatedAt: dashCutoff}),
				(&stats.TrainingProgress{Cutoff: other}).Merge(&p), (&stats.TrainingResults{AsOf: other}).Merge(&r),
				(&stats.TrainingContent{AsOf: other}).Merge(&c), (&stats.DashboardUserMetrics{AsOf: other}).Merge(&m)} {
				if !errors.Is(err, stats.ErrDashboardMismatch) || !errors.Is(err, learnstats.ErrMismatch) {
					t.Errorf("call %d after changing the cutoff/asOf: %v, want ErrDashboardMismatch wrapping ErrMismatch", i, err)
				}
			}
		})
	}
}
