package dashboard_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// statusTraining has two mandatory modules m1 and m2 (required 50, one
// activity of max 100 points: an attempt's points are its score) and an
// optional m3.
var statusTraining = scoring.Training{ID: "t", Name: "Safety", Steps: []scoring.Step{
	module("m1", true, 50), module("m2", true, 50), module("m3", false, 0),
}}

// statusOf returns the D-4 row of learner u after the attempts, with the
// certificates, at asOf, and u's training status (S-16).
func statusOf(t *testing.T, def scoring.Training, asOf time.Time, attempts []learnstats.Attempt, certs ...certificates.Certificate) (dashboard.ResultRow, scoring.TrainingStatus) {
	t.Helper()
	res := score(t, def, asOf, []reg{{"u", asOf.AddDate(0, -1, 0)}}, attempts, nil)
	list := must(dashboard.Results(asOf, training(res, certs...), directory(t, "u"), learnstats.Everything))
	if len(list.Rows) != 1 {
		t.Fatalf("rows %+v", list)
	}
	return list.Rows[0], res.Learners[0].Status
}

func TestD4_Status(t *testing.T) {
	asOf := dstAsOf(t) // 29 March 2026 03:00 CEST
	before := asOf.AddDate(0, 0, -2)
	a := func(id learnstats.AttemptID, step learnstats.StepID, finish time.Time, points int64) learnstats.Attempt {
		return attempt(id, "u", step, before, finish, points)
	}
	done := before.Add(time.Hour)
	passedBoth := []learnstats.Attempt{a("1", "m1", done, 80), a("2", "m2", done, 70)}
	course := scoring.Training{ID: "t", Steps: []scoring.Step{{ID: "c", Kind: scoring.StepCourse, Mandatory: true, RequiredScore: 90,
		Steps: []scoring.Step{module("m1", false, 50), module("m2", false, 50)}}}}
	optional := scoring.Training{ID: "t", Steps: []scoring.Step{module("m3", false, 0)}}
	optionalFails := scoring.Training{ID: "t", Steps: []scoring.Step{module("m1", true, 50), module("m2", true, 50), module("m3", false, 50)}}
	tests := []struct {
		name, reason string
		def          scoring.Training
		attempts     []learnstats.Attempt
		certs        []certificates.Certificate
		s16          scoring.TrainingStatus
		want         dashboard.Status
	}{
		{"not started", "no attempt: S-16 Not started", statusTraining, nil, nil, scoring.TrainingNotStarted, dashboard.Pending},
		{"in progress", "an unfinished attempt: S-16 In progress", statusTraining, []learnstats.Attempt{a("1", "m1", time.Time{}, 90)}, nil,
			scoring.TrainingInProgress, dashboard.Pending},
		{"no mandatory step", "nothing to complete or fail: In progress", optional, []learnstats.Attempt{a("1", "m3", done, 80)}, nil,
			scoring.TrainingInProgress, dashboard.Pending},
		{"completed", "every mandatory step passed: S-16 Passed is Success", statusTraining, passedBoth, nil, scoring.TrainingPassed, dashboard.Success},
		{"completed 1 ns before asOf", "across the DST change: the last attempt finishes at 01:59:59.999999999 CET",
			statusTraining, []learnstats.Attempt{a("1", "m1", done, 80), a("2", "m2", asOf.Add(-time.Nanosecond), 70)}, nil, scoring.TrainingPassed, dashboard.Success},
		{"completed, not passed", "a mandatory course completed below its required score: S-16 Completed is Success",
			course, []learnstats.Attempt{a("1", "m1", done, 60), a("2", "m2", done, 70)}, nil, scoring.TrainingCompleted, dashboard.Success},
		{"completed at asOf", "the passing attempt finishes at asOf: unfinished at asOf (S-15), the earlier failed one counts",
			statusTraining, []learnstats.Attempt{a("1", "m1", done, 80), a("2", "m2", done, 40), a("3", "m2", asOf, 90)}, nil, scoring.TrainingFailed, dashboard.Failed},
		{"failed", "a mandatory step failed, none pending", statusTraining, []learnstats.Attempt{a("1", "m1", done, 80), a("2", "m2", done, 40)}, nil,
			scoring.TrainingFailed, dashboard.Failed},
		{"an optional step failed", "only mandatory steps fail a training", optionalFails,
			[]learnstats.Attempt{a("1", "m1", done, 80), a("3", "m3", done, 0), a("2", "m2", time.Time{}, 100)}, nil, scoring.TrainingInProgress, dashboard.Pending},
		{"expired beats success", "an expired certificate is Expired even when completed", statusTraining, passedBoth,
			[]certificates.Certificate{cert("c", "u", done, asOf)}, scoring.TrainingPassed, dashboard.Expired},
		{"expired beats failed", "an expired certificate wins over every status", statusTraining, []learnstats.Attempt{a("1", "m1", done, 80), a("2", "m2", done, 40)},
			[]certificates.Certificate{cert("c", "u", done, asOf.Add(-time.Nanosecond))}, scoring.TrainingFailed, dashboard.Expired},
		{"expired before starting", "an expired certificate of a learner who has not started (a certificate from another session)", statusTraining, nil,
			[]certificates.Certificate{cert("c", "u", done, done)}, scoring.TrainingNotStarted, dashboard.Expired},
		{"expires 1 ns after asOf", "the certificate is still valid", statusTraining, passedBoth,
			[]certificates.Certificate{cert("c", "u", done, asOf.Add(time.Nanosecond))}, scoring.TrainingPassed, dashboard.Success},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, s16 := statusOf(t, tt.def, asOf, tt.attempts, tt.certs...)
			if s16 != tt.s16 {
				t.Fatalf("the case's records give the training status %v, want %v (%s)", s16, tt.s16, tt.reason)
			}
			if row.Status != tt.want {
				t.Errorf("status %v, want %v (%s)", row.Status, tt.want, tt.reason)
			}
		})
	}
}

// TestS16_D4_FailedWithAPendingStep: the D-4 status now derives from the
// training status of Rule S-16, which is Failed as soon as a mandatory step
// failed and the training is not completed. The old package said Failed
// only when no mandatory step was pending (it was Pending with one failed
// and one pending step); this is the difference the S-16 amendment makes.
func TestS16_D4_FailedWithAPendingStep(t *testing.T) {
	asOf := dstAsOf(t)
	before := asOf.AddDate(0, 0, -2)
	for _, tt := range []struct {
		name, reason string
		attempts     []learnstats.Attempt
	}{
		{"m2 never attempted", "m1 failed, m2 pending (no attempt)", []learnstats.Attempt{attempt("1", "u", "m1", before, before.Add(time.Hour), 40)}},
		{"m2 in progress", "m1 failed, m2 pending (an unfinished attempt)", []learnstats.Attempt{
			attempt("1", "u", "m1", before, before.Add(time.Hour), 40), attempt("2", "u", "m2", before, time.Time{}, 100)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			row, s16 := statusOf(t, statusTraining, asOf, tt.attempts)
			if s16 != scoring.TrainingFailed {
				t.Fatalf("%s: training status %v, want Failed", tt.reason, s16)
			}
			if row.Status != dashboard.Failed {
				t.Errorf("%s: status %v, want Failed (S-16; the old package said Pending)", tt.reason, row.Status)
			}
			if !row.Score.Equal(ratio(20, 1)) {
				t.Errorf("score %s, want 20 ((40 + 0) / 2)", row.Score)
			}
		})
	}
}

func TestD4_UsersResults(t *testing.T) {
	asOf := at(t, "2026-11-22T12:00:00+01:00")
	regAt := dashBeforeCutoff
	start := asOf.AddDate(0, 0, -10)
	t1 := score(t, scoring.Training{ID: "t1", Name: "Safety", Steps: statusTraining.Steps[:2]}, asOf,
		[]reg{{"u1", regAt}, {"u3", asOf}, {"u9", regAt}},
		[]learnstats.Attempt{
			attempt("1", "u1", "m1", start, time.Time{}, 10),   // in progress
			attempt("2", "u9", "m1", start, start, 90),         // passed, no time
			attempt("3", "u9", "m2", start, start, 90),         // passed, no time
			attempt("4", "u3", "m1", start, start.Add(1), 100), // not registered yet
		}, nil)
	t2 := score(t, scoring.Training{ID: "t2", Name: "Tools", Steps: statusTraining.Steps[:2]}, asOf, []reg{{"u2", regAt}},
		[]learnstats.Attempt{attempt("1", "u2", "m1", start, start.Add(time.Hour), 80), attempt("2", "u2", "m2", start, start.Add(30*time.Minute), 65)}, nil)
	dir := directory(t, "u1", "u2", "u3", "u9")
	got1 := must(dashboard.Results(asOf, training(t1, cert("c9", "u9", start, start.Add(time.Hour))), dir, learnstats.Everything))
	got2 := must(dashboard.Results(asOf, training(t2), dir, learnstats.Everything))
	user := func(id learnstats.UserID) learnstats.User {
		u, ok := dir.User(id)
		if !ok {
			t.Fatalf("no user %q", id)
		}
		return u
	}
	want1 := dashboard.ResultList{Training: "t1", Name: "Safety", NotRegisteredYet: 1, Rows: []dashboard.ResultRow{
		{User: user("u1"), Score: ratio(0, 1), Status: dashboard.Pending},
		{User: user("u9"), Score: ratio(90, 1), Status: dashboard.Expired},
	}}
	want2 := dashboard.ResultList{Training: "t2", Name: "Tools", Rows: []dashboard.ResultRow{
		// (80 + 65) / 2 = 72.5, shown as 73.
		{User: user("u2"), Score: ratio(145, 2), Status: dashboard.Success, TimeSpent: 90 * time.Minute},
	}}
	if diff := cmp.Diff(want1, got1); diff != "" {
		t.Errorf("t1 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want2, got2); diff != "" {
		t.Errorf("t2 (-want +got):\n%s", diff)
	}
	if got2.Rows[0].Score.Int() != 73 {
		t.Errorf("72.5 shows as %d, want 73", got2.Rows[0].Score.Int())
	}
	for s, w := range map[dashboard.Status]string{dashboard.Pending: "Pending", dashboard.Success: "Success", dashboard.Failed: "Failed", dashboard.Expired: "Expired", 9: "Status(9)"} {
		if s.String() != w {
			t.Errorf("%d.String() = %q, want %q", int(s), s.String(), w)
		}
	}
	// Zero members: an empty result, not nil rows.
	empty := must(dashboard.Results(asOf, training(score(t, statusTraining, asOf, nil, nil, nil)), dir, learnstats.Everything))
	if empty.Rows == nil || len(empty.Rows) != 0 || empty.Training != "t" {
		t.Errorf("zero members: %+v", empty)
	}
}

// TestD4_Scope: the rows are the learners the viewer may see, with the
// identity the viewer may see (groups outside the scope removed); the
// others are counted in OutOfScope. A learner the directory does not know
// is an error; a nil scope sees nobody.
func TestD4_Scope(t *testing.T) {
	asOf := at(t, "2026-11-22T12:00:00+01:00")
	res := score(t, statusTraining, asOf, []reg{{"u1", dashBeforeCutoff}, {"u2", dashBeforeCutoff}, {"u3", asOf}}, nil, nil)
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Ana", Groups: []learnstats.GroupID{"g1", "g2"}},
		{ID: "u2", FirstName: "Ben", Groups: []learnstats.GroupID{"g2"}},
		{ID: "u3", FirstName: "Cy", Groups: []learnstats.GroupID{"g1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := must(dashboard.Results(asOf, training(res), dir, learnstats.NewGroupScope("g1")))
	want := dashboard.ResultList{Training: "t", Name: "Safety", OutOfScope: 1, NotRegisteredYet: 1, Rows: []dashboard.ResultRow{
		{User: learnstats.User{ID: "u1", FirstName: "Ana", Groups: []learnstats.GroupID{"g1"}}, Score: ratio(0, 1), Status: dashboard.Pending},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scope g1 (-want +got):\n%s", diff)
	}
	none := must(dashboard.Results(asOf, training(res), dir, nil))
	if len(none.Rows) != 0 || none.OutOfScope != 2 {
		t.Errorf("nil scope: %+v", none)
	}
	_, err = dashboard.Results(asOf, training(res), directory(t, "u1", "u3"), learnstats.Everything)
	wantInvalid(t, "a learner not in the directory", err, learnstats.ErrInvalidRecord, `"u2"`)
}
