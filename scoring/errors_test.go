package scoring

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestS1_InvalidInput(t *testing.T) {
	good := Training{ID: "t", Steps: []Step{
		module("m", true, 50, KeepBest, 10, 0),
		{ID: "s", Kind: StepLiveSession},
	}}
	tests := []struct {
		name    string
		reason  string
		attempt Attempt
		want    error
		names   []string // substrings the message must contain
	}{
		{"points above max", "Rule S-1: points > max is invalid", attempt("u1", "m", "7", 0, 10, 11), ErrInvalidPoints, []string{`"u1"`, `"7"`, `"a1"`, "11", "10"}},
		{"points on max-0 activity", "max 0 allows only 0 points", attempt("u1", "m", "7", 0, 10, 5, 1), ErrInvalidPoints, []string{`"a2"`}},
		{"negative points", "", Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []Answer{{"a1", -1}}}, ErrInvalidPoints, []string{`"a1"`}},
		{"finish before start", "an attempt cannot finish before it starts", Attempt{ID: "7", Learner: "u1", Step: "m", Start: at(10), Finish: at(10).Add(-time.Nanosecond)}, ErrInvalidAttempt, []string{`"7"`}},
		{"finished without start", "no duration can be computed", Attempt{ID: "7", Learner: "u1", Step: "m", Finish: at(10)}, ErrInvalidAttempt, []string{`"7"`, "start"}},
		{"unknown activity", "", Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []Answer{{"zz", 0}}}, ErrUnknownActivity, []string{`"zz"`, `"m"`}},
		{"duplicate answer", "one answer per activity per attempt", Attempt{ID: "7", Learner: "u1", Step: "m", Answers: []Answer{{"a1", 1}, {"a1", 2}}}, ErrDuplicateAnswer, []string{`"a1"`}},
		{"unknown step", "", attempt("u1", "zz", "7", 0, 10, 1), ErrUnknownStep, []string{`"zz"`}},
		{"attempt at a live session", "only modules have attempts", attempt("u1", "s", "7", 0, 10), ErrUnknownStep, []string{`"s"`}},
		{"no attempt ID", "", attempt("u1", "m", "", 0, 10, 1), ErrInvalidAttempt, []string{`"u1"`}},
		{"no learner", "", attempt("", "m", "7", 0, 10, 1), ErrInvalidAttempt, []string{`"7"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := &TrainingAccumulator{Training: good}
			err := acc.Add(tc.attempt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("%s: error %v, want %v", tc.reason, err, tc.want)
			}
			for _, s := range append(tc.names, "scoring: ") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not name %s", err, s)
				}
			}
			if acc.Len() != 0 {
				t.Errorf("a failed Add registered the learner")
			}
		})
	}
}

func TestS1_InvalidInputLeavesStateUnchanged(t *testing.T) {
	acc := &TrainingAccumulator{Training: Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}}
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, 4, -1)); err != nil {
		t.Fatal(err)
	}
	before, _ := acc.Result()
	// Same attempt again: a2 is new but a1 was answered already.
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, 4, 6)); !errors.Is(err, ErrDuplicateAnswer) {
		t.Fatalf("error %v, want ErrDuplicateAnswer", err)
	}
	// Same attempt with another finish.
	if err := acc.Add(attempt("u1", "m", "1", 0, 11, -1, 6)); !errors.Is(err, ErrConflict) {
		t.Fatalf("error %v, want ErrConflict", err)
	}
	// Second valid answer in a second delivery of the attempt.
	after, _ := acc.Result()
	if before[0].Steps[0].Score != after[0].Steps[0].Score {
		t.Errorf("failed adds changed the result")
	}
	if err := acc.Add(attempt("u1", "m", "1", 0, 10, -1, 6)); err != nil {
		t.Fatal(err)
	}
	r, _ := acc.Result()
	if got := r[0].Steps[0].Score; !got.Equal(Percent{10, 20}) {
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
	if _, err := ParseKeep("latest"); !errors.Is(err, ErrUnknownKeep) || !strings.Contains(err.Error(), `"latest"`) {
		t.Errorf("ParseKeep(latest) error %v, want ErrUnknownKeep naming it", err)
	}
	tr := Training{ID: "t", Steps: []Step{{ID: "m", Kind: StepModule, Keep: Keep(7)}}}
	if err := tr.Validate(); !errors.Is(err, ErrUnknownKeep) || !strings.Contains(err.Error(), `"m"`) {
		t.Errorf("Validate error %v, want ErrUnknownKeep naming step m", err)
	}
	acc := &TrainingAccumulator{Training: tr}
	if err := acc.Add(attempt("u1", "m", "1", 0, 1)); !errors.Is(err, ErrUnknownKeep) {
		t.Errorf("Add with an invalid training: %v, want ErrUnknownKeep", err)
	}
	if _, err := acc.Result(); !errors.Is(err, ErrUnknownKeep) {
		t.Errorf("Result with an invalid training: %v, want ErrUnknownKeep", err)
	}
}

func TestTrainingValidate(t *testing.T) {
	tests := []struct {
		name string
		tr   Training
		want error
	}{
		{"negative max", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", -1}}}}}, ErrInvalidPoints},
		{"max beyond MaxPoints", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", MaxPoints + 1}}}}}, ErrInvalidPoints},
		{"module total beyond MaxPoints", Training{Steps: []Step{{ID: "m", Activities: []Activity{{"a", MaxPoints}, {"b", 1}}}}}, ErrInvalidPoints},
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
}

func TestAttendanceInvalidInput(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10), {ID: "s", Kind: StepLiveSession, Mandatory: true}}}
	tests := []struct {
		name string
		at   Attendance
		want error
	}{
		{"score above 100", Attendance{Learner: "u1", Step: "s", Score: 101, HasScore: true}, ErrInvalidScore},
		{"negative score", Attendance{Learner: "u1", Step: "s", Score: -1, HasScore: true}, ErrInvalidScore},
		{"not a session", Attendance{Learner: "u1", Step: "m"}, ErrUnknownStep},
		{"unknown step", Attendance{Learner: "u1", Step: "x"}, ErrUnknownStep},
		{"no learner", Attendance{Step: "s"}, ErrInvalidAttempt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := &TrainingAccumulator{Training: tr}
			if err := acc.AddAttendance(tc.at); !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
	acc := &TrainingAccumulator{Training: tr}
	a := Attendance{Learner: "u1", Step: "s", At: at(1)}
	if err := acc.AddAttendance(a); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddAttendance(a); err != nil {
		t.Errorf("identical attendance again: %v, want nil", err)
	}
	a.At = at(2)
	if err := acc.AddAttendance(a); !errors.Is(err, ErrConflict) {
		t.Errorf("conflicting attendance: %v, want ErrConflict", err)
	}
}

func TestMergeErrors(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 10, 10)}}
	a := &TrainingAccumulator{Training: tr}
	b := &TrainingAccumulator{Training: tr}
	if err := a.Add(attempt("u1", "m", "1", 0, 10, 5, -1)); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(attempt("u1", "m", "1", 0, 10, 5, -1)); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); !errors.Is(err, ErrDuplicateAnswer) {
		t.Errorf("merge of the same answer twice: %v, want ErrDuplicateAnswer", err)
	}
	c := &TrainingAccumulator{Training: tr}
	if err := c.Add(attempt("u1", "m", "1", 0, 11, -1, 5)); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(c); !errors.Is(err, ErrConflict) {
		t.Errorf("merge of another finish: %v, want ErrConflict", err)
	}
	d := &TrainingAccumulator{Training: Training{ID: "other", Steps: tr.Steps}}
	d.AddLearner("u2")
	if err := a.Merge(d); !errors.Is(err, ErrMismatch) {
		t.Errorf("merge of another training: %v, want ErrMismatch", err)
	}
	e := &TrainingAccumulator{Training: tr, Options: Options{ExcludeEmpty: true}}
	e.AddLearner("u2")
	if err := a.Merge(e); !errors.Is(err, ErrMismatch) {
		t.Errorf("merge with other options: %v, want ErrMismatch", err)
	}
	r, _ := a.Result()
	if len(r) != 1 || !r[0].Steps[0].Score.Equal(Percent{5, 20}) {
		t.Errorf("failed merges changed the accumulator: %+v", r)
	}
	// The zero value takes the other's configuration.
	var z TrainingAccumulator
	if err := z.Merge(a); err != nil {
		t.Fatal(err)
	}
	if rz, _ := z.Result(); len(rz) != 1 || !rz[0].Steps[0].Score.Equal(Percent{5, 20}) {
		t.Errorf("zero value merge: %+v", rz)
	}
	if _, err := a.Explain("nobody"); !errors.Is(err, ErrUnknownLearner) {
		t.Errorf("Explain unknown learner: %v", err)
	}
}
