package scoring

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

func TestS1_InvalidInput(t *testing.T) {
	good := Training{ID: "t", Steps: []Step{
		module("m", true, 50, KeepBest, 10, 0),
		{ID: "s", Kind: StepLiveSession},
	}}
	tests := []struct {
		name    string
		reason  string
		attempt learnstats.Attempt
		want    error
		names   []string // substrings the message must contain
	}{
		{"points above max", "Rule S-1: points > max is invalid", attempt("u1", "m", "7", 0, 10, 11), learnstats.ErrInvalidPoints, []string{`"u1"`, `"7"`, `"a1"`, "11", "10"}},
		{"points on max-0 activity", "max 0 allows only 0 points", attempt("u1", "m", "7", 0, 10, 5, 1), learnstats.ErrInvalidPoints, []string{`"a2"`}},
		{"negative points", "", learnstats.Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []learnstats.Answer{{Activity: "a1", Points: -1}}}, learnstats.ErrInvalidPoints, []string{`"a1"`}},
		{"finish before start", "an attempt cannot finish before it starts", learnstats.Attempt{ID: "7", Learner: "u1", Step: "m", Start: at(10), Finish: at(10).Add(-time.Nanosecond)}, learnstats.ErrInvalidRecord, []string{`"7"`}},
		{"finished without start", "no duration can be computed", learnstats.Attempt{ID: "7", Learner: "u1", Step: "m", Finish: at(10)}, learnstats.ErrInvalidRecord, []string{`"7"`, "start"}},
		{"unknown activity", "", learnstats.Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []learnstats.Answer{{Activity: "zz", Points: 0}}}, learnstats.ErrInvalidRecord, []string{`"zz"`, `"m"`}},
		{"duplicate answer", "one answer per activity per attempt", learnstats.Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []learnstats.Answer{{Activity: "a1", Points: 1}, {Activity: "a1", Points: 2}}}, learnstats.ErrInvalidRecord, []string{`"a1"`}},
		{"unknown step", "", attempt("u1", "zz", "7", 0, 10, 1), learnstats.ErrInvalidRecord, []string{`"zz"`}},
		{"attempt at a live session", "only modules have attempts", attempt("u1", "s", "7", 0, 10), learnstats.ErrInvalidRecord, []string{`"s"`}},
		{"no attempt ID", "", attempt("u1", "m", "", 0, 10, 1), learnstats.ErrInvalidRecord, []string{`"u1"`}},
		{"no learner", "", attempt("", "m", "7", 0, 10, 1), learnstats.ErrInvalidRecord, []string{`"7"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, good, Options{})
			err := acc.Add(tc.attempt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: error %v, want %v", tc.reason, err, tc.want)
			}
			for _, s := range append(tc.names, "scoring: ") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not name %s", err, s)
				}
			}
			if r := acc.Result(); len(r.Learners) != 0 {
				t.Errorf("a failed Add registered the learner: %+v", r.Learners)
			}
		})
	}
}

func TestS1_InvalidInputLeavesStateUnchanged(t *testing.T) {
	acc := newAcc(t, Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}, Options{})
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, 4, -1)); err != nil {
		t.Fatal(err)
	}
	before := acc.Result()
	// Same attempt again: a2 is new but a1 was answered already.
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, 4, 6)); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Fatalf("error %v, want ErrInvalidRecord (an activity answered twice)", err)
	}
	// Same attempt with another finish.
	if err := acc.Add(attempt("u1", "m", "1", 0, 11, -1, 6)); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Fatalf("error %v, want ErrInvalidRecord (a conflict)", err)
	}
	// Second valid answer in a second delivery of the attempt.
	after := acc.Result()
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("failed adds changed the result (-before +after):\n%s", diff)
	}
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, -1, 6)); err != nil {
		t.Fatal(err)
	}
	r := acc.Result()
	if got := r.Learners[0].Steps[0].Score; !got.Equal(percent(10, 20)) {
		t.Errorf("attempt in two deliveries scored %v, want 10/20", got)
	}
}

func TestS3_UnknownKeep(t *testing.T) {
	for _, s := range []string{"best", "newest", "all"} {
		k, err := ParseKeep(s)
		if err != nil || k.String() != s {
			t.Errorf("ParseKeep(%q) = %v, %v", s, k, err)
		}
	}
	if _, err := ParseKeep("latest"); !errors.Is(err, ErrInvalidTraining) || !strings.Contains(err.Error(), `"latest"`) {
		t.Errorf("ParseKeep(latest) error %v, want ErrInvalidTraining naming it", err)
	}
	tr := Training{ID: "t", Steps: []Step{{ID: "m", Kind: StepModule, Keep: Keep(7)}}}
	if err := tr.Validate(); !errors.Is(err, ErrInvalidTraining) || !strings.Contains(err.Error(), `"m"`) {
		t.Errorf("Validate error %v, want ErrInvalidTraining naming step m", err)
	}
	acc, err := NewTrainingAccumulator(time.Time{}, tr, Options{})
	if !errors.Is(err, ErrInvalidTraining) || acc != nil {
		t.Errorf("NewTrainingAccumulator with an invalid training: %v, %v; want nil, ErrInvalidTraining", acc, err)
	}
	// An accumulator without a training (the zero value) refuses records.
	var zero TrainingAccumulator
	if err := zero.Add(attempt("u1", "m", "1", 0, 1)); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("Add without a training: %v, want ErrInvalidTraining", err)
	}
	if err := zero.AddAttendance(Attendance{Learner: "u1", Step: "s"}); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("AddAttendance without a training: %v, want ErrInvalidTraining", err)
	}
	if err := zero.AddLearner("u1", time.Time{}); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("AddLearner without a training: %v, want ErrInvalidTraining", err)
	}
	if _, err := zero.Explain("u1"); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("Explain without a training: %v, want ErrInvalidTraining", err)
	}
	if r := zero.Result(); len(r.Learners) != 0 || r.Training.ID != "" {
		t.Errorf("Result without a training: %+v, want empty", r)
	}
}

func TestTrainingValidate(t *testing.T) {
	tests := []struct {
		name string
		tr   Training
		want error
	}{
		{"negative max", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", -1}}}}}, learnstats.ErrInvalidPoints},
		{"max beyond learnstats.MaxPoints", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", learnstats.MaxPoints + 1}}}}}, learnstats.ErrInvalidPoints},
		{"module total beyond learnstats.MaxPoints", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", learnstats.MaxPoints}, {"b", 1}}}}}, learnstats.ErrInvalidPoints},
		{"required above 100", Training{Steps: []Step{{ID: "m", RequiredScore: 101}}}, ErrInvalidTraining},
		{"required negative", Training{Steps: []Step{{ID: "m", RequiredScore: -1}}}, ErrInvalidTraining},
		{"duplicate step", Training{Steps: []Step{{ID: "m"}, {ID: "c", Kind: StepCourse, Steps: []Step{{ID: "m"}}}}}, ErrInvalidTraining},
		{"empty step ID", Training{Steps: []Step{{}}}, ErrInvalidTraining},
		{"duplicate activity", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", 1}, {"a", 1}}}}}, ErrInvalidTraining},
		{"empty activity ID", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"", 1}}}}}, ErrInvalidTraining},
		{"unknown kind", Training{Steps: []Step{{ID: "m", Kind: 9}}}, ErrInvalidTraining},
		{"session with activities", Training{Steps: []Step{{ID: "s", Kind: StepLiveSession, Activities: []Activity{{"a", 1}}}}}, ErrInvalidTraining},
		{"module with children", Training{Steps: []Step{{ID: "m", Steps: []Step{{ID: "x"}}}}}, ErrInvalidTraining},
		{"course with activities", Training{Steps: []Step{{ID: "c", Kind: StepCourse, Activities: []Activity{{"a", 1}}}}}, ErrInvalidTraining},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.tr.Validate(); !errors.Is(err, tc.want) {
				t.Errorf("Validate: %v, want %v", err, tc.want)
			}
		})
	}
	if err := (Training{ID: "ok", Steps: []Step{module("m", true, 100, KeepAll, 0, 5)}}).Validate(); err != nil {
		t.Errorf("valid training: %v", err)
	}
	if _, err := NewTrainingAccumulator(time.Time{}, Training{ID: "ok"}, Options{AttemptCap: -time.Nanosecond}); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("negative attempt cap: %v, want ErrInvalidTraining", err)
	}
}

func TestAttendanceInvalidInput(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10), {ID: "s", Kind: StepLiveSession, Mandatory: true}}}
	tests := []struct {
		name string
		at   Attendance
		want error
	}{
		{"score above 100", Attendance{Learner: "u1", Step: "s", At: at(0), Score: 101, HasScore: true}, learnstats.ErrInvalidRecord},
		{"negative score", Attendance{Learner: "u1", Step: "s", At: at(0), Score: -1, HasScore: true}, learnstats.ErrInvalidRecord},
		{"no time", Attendance{Learner: "u1", Step: "s"}, learnstats.ErrInvalidRecord},
		{"absent with a score", Attendance{Learner: "u1", Step: "s", At: at(0), Absent: true, Score: 50, HasScore: true}, learnstats.ErrInvalidRecord},
		{"not a session", Attendance{Learner: "u1", Step: "m"}, learnstats.ErrInvalidRecord},
		{"unknown step", Attendance{Learner: "u1", Step: "x"}, learnstats.ErrInvalidRecord},
		{"no learner", Attendance{Step: "s"}, learnstats.ErrInvalidRecord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := newAcc(t, tr, Options{})
			if err := acc.AddAttendance(tc.at); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
	acc := newAcc(t, tr, Options{})
	a := Attendance{Learner: "u1", Step: "s", At: at(1)}
	if err := acc.AddAttendance(a); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddAttendance(a); err != nil {
		t.Errorf("identical attendance again: %v, want nil", err)
	}
	a.At = at(2)
	if err := acc.AddAttendance(a); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("conflicting attendance: %v, want ErrInvalidRecord (a conflict)", err)
	}
}

func TestMergeErrors(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}
	a := newAcc(t, tr, Options{})
	b := newAcc(t, tr, Options{})
	if err := a.Add(attempt("u1", "m", "1", 0, 10, 5, -1)); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(attempt("u1", "m", "1", 0, 10, 5, -1)); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("merge of the same answer twice: %v, want ErrInvalidRecord (an activity answered twice)", err)
	}
	c := newAcc(t, tr, Options{})
	if err := c.Add(attempt("u1", "m", "1", 0, 11, -1, 5)); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(c); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("merge of another finish: %v, want ErrInvalidRecord (a conflict)", err)
	}
	d := newAcc(t, Training{ID: "other", Steps: tr.Steps}, Options{})
	if err := d.AddLearner("u2", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(d); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge of another training: %v, want ErrMismatch", err)
	}
	e := newAcc(t, tr, Options{ExcludeEmpty: true})
	if err := e.AddLearner("u2", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(e); !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("merge with other options: %v, want ErrMismatch", err)
	}
	r := a.Result()
	if len(r.Learners) != 1 || !r.Learners[0].Steps[0].Score.Equal(percent(5, 20)) {
		t.Errorf("failed merges changed the accumulator: %+v", r)
	}
	// The zero value has no training: it neither merges nor is merged.
	var z TrainingAccumulator
	if err := z.Merge(a); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("merge into the zero value: %v, want ErrInvalidTraining", err)
	}
	if err := a.Merge(&z); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("merge of the zero value: %v, want ErrInvalidTraining", err)
	}
	if err := a.Merge(nil); !errors.Is(err, ErrInvalidTraining) {
		t.Errorf("merge of nil: %v, want ErrInvalidTraining", err)
	}
	// A fresh accumulator on the same definition takes a's records.
	f := newAcc(t, tr, Options{})
	if err := f.Merge(a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Result(), f.Result()); diff != "" {
		t.Errorf("merge into an empty accumulator (-want +got):\n%s", diff)
	}
	if _, err := a.Explain("nobody"); !errors.Is(err, ErrUnknownLearner) {
		t.Errorf("Explain unknown learner: %v", err)
	}
}
