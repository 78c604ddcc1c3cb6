package scoring

import "testing"

func TestS14_Smoke(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("m1", true, 50, KeepBest, 10, 10, 0, 20),
		module("m2", true, 50, KeepNewest, 10),
		module("m3", false, 0, KeepBest, 10),
		{ID: "c1", Kind: StepCourse, Mandatory: true, Steps: []Step{module("m4", false, 0, KeepAll, 5), {ID: "s1", Kind: StepLiveSession, Mandatory: true}}},
	}}
	acc := &TrainingAccumulator{Training: tr, Options: Options{AttemptCap: 5 * 60e9}}
	for _, a := range []Attempt{
		attempt("u1", "m1", "1", 0, 10, 10, 5, 0, 12),
		attempt("u1", "m1", "2", 20, -1, 10),
		attempt("u1", "m2", "7", 0, 10, 3),
		attempt("u1", "m2", "8", 20, 30, 9),
	} {
		if err := acc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	acc.AddAttendance(Attendance{Learner: "u1", Step: "s1", At: at(60)})
	e, err := acc.Explain("u1")
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + e.String())
}
