package scoring

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/learnstats/learnstats"
)

// fuzzBytes hands out the fuzzer's bytes, then zeros.
type fuzzBytes struct {
	b []byte
}

func (f *fuzzBytes) next(n int) int {
	if n <= 0 {
		return 0
	}
	if len(f.b) == 0 {
		return 0
	}
	v := int(f.b[0]) % n
	f.b = f.b[1:]
	return v
}

// fuzzTraining has a module with more than 64 activities so the extended
// bitsets are exercised too.
var fuzzTraining = func() Training {
	big := module("big", true, 30, KeepAll)
	for i := range 70 {
		big.Activities = append(big.Activities, Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%d", i+1)), Max: learnstats.WholePoints(int64(i % 3))})
	}
	return Training{ID: "fuzz", Steps: []Step{
		module("best", true, 50, KeepBest, 10, 0, 5),
		module("newest", true, 60, KeepNewest, 3, 3),
		{ID: "c", Kind: StepCourse, Mandatory: true, RequiredScore: 40, Steps: []Step{
			module("zero", false, 0, KeepBest, 0),
			{ID: "s", Kind: StepLiveSession, Mandatory: true, RequiredScore: 50},
		}},
		big,
	}}
}()

// record is one Add call: an attempt delivery, an attendance, or a learner.
type record struct {
	attempt *learnstats.Attempt
	session *Attendance
	learner learnstats.UserID
}

func (r record) add(acc *TrainingAccumulator) error {
	switch {
	case r.attempt != nil:
		return acc.Add(*r.attempt)
	case r.session != nil:
		return acc.AddAttendance(*r.session)
	}
	return acc.AddLearner(r.learner, time.Time{})
}

// fuzzRecords generates valid records: attempts whose answers are split
// over several deliveries.
func fuzzRecords(f *fuzzBytes) []record {
	var recs []record
	n := 1 + f.next(12)
	modules := []int{0, 1, 3} // indexes of modules in fuzzTraining.Steps
	for i := range n {
		ln := f.next(4)
		l := learnstats.UserID(fmt.Sprintf("u%d", ln))
		switch f.next(6) {
		case 0:
			recs = append(recs, record{learner: l})
			continue
		case 1:
			// Attendances are unique per learner and session: derive the
			// data from the learner so that repeats are identical.
			at := Attendance{Learner: l, Step: "s", At: at(10 * ln), Score: 30 * ln, HasScore: ln != 3}
			recs = append(recs, record{session: &at})
			continue
		}
		mi := modules[f.next(len(modules))]
		s := &fuzzTraining.Steps[mi]
		if mi == 2 {
			s = &fuzzTraining.Steps[2].Steps[0]
		}
		// Unique per record, numeric, in an order unrelated to the times.
		id := learnstats.AttemptID(fmt.Sprintf("%d", i*10+f.next(10)))
		start := f.next(50)
		finish := -1
		if f.next(4) != 0 {
			finish = start + f.next(20) // equal finish times happen
		}
		// Answers: a random subset, split into 1–3 deliveries.
		parts := 1 + f.next(3)
		deliveries := make([][]learnstats.Answer, parts)
		for _, a := range s.Activities {
			if f.next(3) == 0 {
				continue
			}
			p := learnstats.Points(0)
			if a.Max > 0 {
				p = learnstats.Points(int64(a.Max) * int64(f.next(5)) / 4)
			}
			k := f.next(parts)
			deliveries[k] = append(deliveries[k], learnstats.Answer{Activity: a.ID, Points: p})
		}
		for _, d := range deliveries {
			a := attempt(l, s.ID, id, start, finish)
			a.Answers = d
			recs = append(recs, record{attempt: &a})
		}
	}
	return recs
}

func onePass(t *testing.T, opts Options, recs []record) *TrainingAccumulator {
	t.Helper()
	acc := newAcc(t, fuzzTraining, opts)
	for _, r := range recs {
		if err := r.add(acc); err != nil {
			t.Fatalf("one pass: %v", err)
		}
	}
	return acc
}

// FuzzMerge checks that splitting the records over shards, adding each
// shard in any order and merging the shards in any order gives the result
// of one pass, at a random asOf (Rule S-15) as well as with none, for the
// training, answer and tag accumulators; and that Explain agrees with
// Result.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{3, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{11, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 3, 4, 200, 100})
	f.Add([]byte{7, 1, 0, 0, 3, 3, 1, 1, 9, 9, 2, 0, 1, 2, 3, 1, 0, 255, 4, 4, 4, 8, 0, 7, 6, 5, 4, 3, 2, 1})
	f.Add([]byte{0, 1, 31, 11, 2, 3, 0, 2, 20, 30, 4, 1, 2, 1, 3, 2, 9, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		fb := &fuzzBytes{b: data}
		opts := Options{ExcludeEmpty: fb.next(2) == 0}
		if fb.next(2) == 0 {
			opts.AttemptCap = 7 * time.Minute
		}
		// asOf: none, or an instant among the records' times (which are
		// whole minutes, so boundaries are hit exactly), or 1 ns before.
		var asOf time.Time
		if k := fb.next(90); k > 0 {
			asOf = at(k - 10)
			if fb.next(2) == 0 {
				asOf = asOf.Add(-time.Nanosecond)
			}
		}
		recs := fuzzRecords(fb)
		one := onePass(t, opts, recs)
		want := asOfCopy(one, asOf).Result()
		if asOf.IsZero() && (want.LaterAttempts != 0 || want.LaterAttendances != 0) {
			t.Fatalf("no asOf left records out: %d attempts, %d attendances", want.LaterAttempts, want.LaterAttendances)
		}
		// A module is completed exactly when it is passed: Rule S-5
		// completes it with a passing attempt (S-4), whose score the module
		// score (S-3) reaches. Only courses and sessions complete without
		// passing (Rule S-16's Completed).
		for _, r := range want.Learners {
			for _, s := range r.Steps {
				if s.Kind == StepModule && s.Completed != (s.Status == StatusPassed) {
					t.Fatalf("learner %s module %s: completed %v, status %v", r.Learner, s.Step, s.Completed, s.Status)
				}
			}
			if r.Status == TrainingCompleted || r.Status == TrainingPassed {
				if !r.Completed || r.Passed != (r.Status == TrainingPassed) {
					t.Fatalf("learner %s: status %v, completed %v, passed %v", r.Learner, r.Status, r.Completed, r.Passed)
				}
			}
		}

		// Same records, reversed order, one pass.
		rev := make([]record, len(recs))
		for i, r := range recs {
			rev[len(recs)-1-i] = r
		}
		if diff := cmp.Diff(want, asOfCopy(onePass(t, opts, rev), asOf).Result()); diff != "" {
			t.Fatalf("input order changed the result (-want +got):\n%s", diff)
		}

		// Split over shards, merge in a fuzzer-chosen order into a fresh
		// accumulator.
		nShards := 1 + fb.next(4)
		shards := make([]*TrainingAccumulator, nShards)
		for i := range shards {
			shards[i] = newAcc(t, fuzzTraining, opts)
		}
		for _, r := range recs {
			if err := r.add(shards[fb.next(nShards)]); err != nil {
				t.Fatalf("shard add: %v", err)
			}
		}
		total := newAcc(t, fuzzTraining, opts)
		if fb.next(2) == 0 {
			// Tree merge: pairs first.
			for i := 0; i+1 < len(shards); i += 2 {
				if err := shards[i+1].Merge(shards[i]); err != nil {
					t.Fatal(err)
				}
				shards[i] = nil
			}
		}
		for k := len(shards) - 1; k >= 0; k-- {
			if shards[k] == nil {
				continue
			}
			if err := total.Merge(shards[k]); err != nil {
				t.Fatalf("merge: %v", err)
			}
		}
		if diff := cmp.Diff(want, asOfCopy(total, asOf).Result()); diff != "" {
			t.Fatalf("merged shards differ from one pass (-want +got):\n%s", diff)
		}
		// Rules S-14, S-15: the explanation at asOf explains the result at
		// asOf.
		later := 0
		for _, r := range want.Learners {
			e, err := asOfCopy(total, asOf).Explain(r.Learner)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r, e.Result); diff != "" {
				t.Fatalf("explanation of %s differs from Result (-want +got):\n%s", r.Learner, diff)
			}
			for _, s := range e.Steps {
				later += s.Later
			}
			_ = e.String()
		}
		if later != want.LaterAttempts {
			t.Fatalf("explanations leave out %d attempts, the result %d", later, want.LaterAttempts)
		}

		// Answers and tags: the same fuzz bytes as scores, at the same
		// asOf.
		oneA, mergedA := NewAnswerAccumulator(asOf), NewAnswerAccumulator(asOf)
		partsA := []*AnswerAccumulator{NewAnswerAccumulator(asOf), NewAnswerAccumulator(asOf), NewAnswerAccumulator(asOf)}
		tags := []learnstats.TagID{"x", "y", "z"}
		for i, r := range recs {
			if r.attempt == nil {
				continue
			}
			for j, ans := range r.attempt.Answers {
				score := learnstats.Points(int64(ans.Points) % (int64(learnstats.WholePoints(100)) + 1))
				id := fmt.Sprintf("%d.%d", i, j)
				qa := learnstats.QuestionAnswer{ID: id, Learner: r.attempt.Learner, Question: learnstats.QuestionID(ans.Activity), Tags: tags[:i%4], At: r.attempt.Start, Score: score}
				as := learnstats.AssessmentScore{ID: id, Learner: qa.Learner, Assessment: learnstats.AssessmentID(r.attempt.Step), Tags: tags[i%3 : i%3+1], At: r.attempt.Start, Score: score, Scored: j%5 != 4}
				k := fb.next(3)
				for _, acc := range []*AnswerAccumulator{oneA, partsA[k]} {
					if err := acc.Add(qa); err != nil {
						t.Fatal(err)
					}
					if err := acc.AddAssessment(as); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for _, k := range []int{2, 0, 1} {
			if err := mergedA.Merge(partsA[k]); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(oneA.Result(), mergedA.Result()); diff != "" {
			t.Fatalf("answers and tags: merged differ (-want +got):\n%s", diff)
		}
	})
}

// fuzzDefinition builds a valid-looking training and options from the
// fuzzer's bytes: 1–4 top-level steps of every kind, courses of 1–2
// children, modules of 0–3 activities with small max scores.
func fuzzDefinition(f *fuzzBytes) (Training, Options) {
	n := 0
	newID := func() learnstats.StepID { n++; return learnstats.StepID(fmt.Sprintf("s%d", n)) }
	var step func(depth int) Step
	step = func(depth int) Step {
		s := Step{ID: newID(), Mandatory: f.next(2) == 0, RequiredScore: f.next(101), Keep: Keep(f.next(3))}
		kind := f.next(3)
		if depth > 0 && kind == 1 {
			kind = 0
		}
		switch kind {
		case 0:
			s.Kind = StepModule
			for i := range f.next(4) {
				s.Activities = append(s.Activities, Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%d", i)), Max: learnstats.Points(f.next(3)) * learnstats.WholePoints(1)})
			}
		case 1:
			s.Kind = StepCourse
			for range 1 + f.next(2) {
				s.Steps = append(s.Steps, step(depth+1))
			}
		default:
			s.Kind = StepLiveSession
		}
		return s
	}
	t := Training{ID: learnstats.TrainingID(fmt.Sprintf("t%d", f.next(2)))}
	for range 1 + f.next(4) {
		t.Steps = append(t.Steps, step(0))
	}
	o := Options{ExcludeEmpty: f.next(2) == 0}
	if f.next(2) == 0 {
		o.AttemptCap = time.Duration(1+f.next(3)) * time.Hour
	}
	return t, o
}

// deepCopy returns a copy of t sharing no slice with it (written here, not
// taken from the package, so that the fuzzer does not trust the code it
// tests).
func deepCopy(t Training) Training {
	var steps func([]Step) []Step
	steps = func(ss []Step) []Step {
		if ss == nil {
			return nil
		}
		out := make([]Step, len(ss))
		for i, s := range ss {
			if s.Activities != nil {
				s.Activities = append(make([]Activity, 0, len(s.Activities)), s.Activities...)
			}
			s.Steps = steps(s.Steps)
			out[i] = s
		}
		return out
	}
	t.Steps = steps(t.Steps)
	return t
}

// allSteps returns pointers to every step of t, courses' children
// included, in pre-order.
func allSteps(t *Training) []*Step {
	var out []*Step
	var walk func([]Step)
	walk = func(ss []Step) {
		for i := range ss {
			out = append(out, &ss[i])
			walk(ss[i].Steps)
		}
	}
	walk(t.Steps)
	return out
}

// mutate changes one thing of a copy of t and o, chosen by the fuzzer; a
// change may leave the definition as it was (a no-op, or nil slices made
// empty) or make it invalid.
func mutate(f *fuzzBytes, t Training, o Options) (Training, Options) {
	t = deepCopy(t)
	steps := allSteps(&t)
	s := steps[f.next(len(steps))]
	switch f.next(15) {
	case 0: // a max score, by one unit
		if len(s.Activities) > 0 {
			s.Activities[f.next(len(s.Activities))].Max++
		}
	case 1:
		s.RequiredScore = (s.RequiredScore + 1 + f.next(100)) % 101
	case 2:
		s.Mandatory = !s.Mandatory
	case 3:
		s.Keep = (s.Keep + 1 + Keep(f.next(2))) % 3
	case 4: // module without activities ↔ live session: same shape
		switch {
		case s.Kind == StepModule && len(s.Activities) == 0:
			s.Kind = StepLiveSession
		case s.Kind == StepLiveSession:
			s.Kind = StepModule
		}
	case 5:
		if len(s.Activities) > 0 {
			a := &s.Activities[f.next(len(s.Activities))]
			a.ID += "x"
		}
	case 6:
		s.ID += "x"
	case 7: // two top-level steps swapped
		if len(t.Steps) > 1 {
			i := f.next(len(t.Steps) - 1)
			t.Steps[i], t.Steps[i+1] = t.Steps[i+1], t.Steps[i]
		}
	case 8: // two activities swapped
		if len(s.Activities) > 1 {
			i := f.next(len(s.Activities) - 1)
			s.Activities[i], s.Activities[i+1] = s.Activities[i+1], s.Activities[i]
		}
	case 9:
		o.ExcludeEmpty = !o.ExcludeEmpty
	case 10:
		o.AttemptCap += time.Nanosecond
	case 11:
		t.ID += "x"
	case 12: // the same definition, nil slices made empty
		for _, s := range allSteps(&t) {
			if s.Activities == nil {
				s.Activities = []Activity{}
			}
			if s.Steps == nil {
				s.Steps = []Step{}
			}
		}
	case 13: // a max moved from one activity to another: same total
		if len(s.Activities) > 1 && s.Activities[0].Max > 0 {
			s.Activities[0].Max--
			s.Activities[1].Max++
		}
	default: // nothing changed
	}
	return t, o
}

// FuzzMergeMismatch: accumulators over two different definitions (any
// step, activity, max score, required score, mandatory flag, keep option,
// kind, order, training ID or option changed) never merge, in either
// direction, and a failed merge changes nothing; over the same definition
// they always merge (SPEC section 0, "Mergeable aggregates").
func FuzzMergeMismatch(f *testing.F) {
	f.Add([]byte{1, 0, 0, 50, 0, 0, 3, 1, 1, 0, 0, 0, 0, 0})
	f.Add([]byte{3, 1, 1, 70, 1, 1, 2, 0, 1, 1, 2, 0, 1, 30, 2, 2, 0, 0, 0, 1, 5})
	f.Add([]byte{2, 0, 1, 10, 2, 2, 0, 0, 40, 0, 2, 1, 2, 0, 1, 0, 4})
	f.Add([]byte{4, 0, 0, 0, 0, 2, 1, 1, 0, 1, 0, 0, 0, 1, 1, 100, 2, 1, 2, 1, 0, 0, 12})
	f.Fuzz(func(t *testing.T, data []byte) {
		fb := &fuzzBytes{b: data}
		ta, oa := fuzzDefinition(fb)
		tb, ob := mutate(fb, ta, oa)
		if _, err := NewTrainingAccumulator(time.Time{}, ta, oa); err != nil {
			t.Fatalf("generated definition invalid: %v", err)
		}
		if _, err := NewTrainingAccumulator(time.Time{}, tb, ob); err != nil {
			if !errors.Is(err, ErrInvalidTraining) && !errors.Is(err, learnstats.ErrInvalidPoints) && !errors.Is(err, ErrInvalidTraining) {
				t.Fatalf("mutated definition: undocumented error %v", err)
			}
			return // the mutation made it invalid: nothing to merge
		}
		// build returns an accumulator on tr and o with a record for the
		// learner at every module (full marks), where the definition
		// allows.
		build := func(tr Training, o Options, l learnstats.UserID) *TrainingAccumulator {
			acc := newAcc(t, tr, o)
			if err := acc.AddLearner(l, time.Time{}); err != nil {
				t.Fatal(err)
			}
			for _, s := range allSteps(&tr) {
				if s.Kind == StepModule {
					a := attempt(l, s.ID, "1", 0, 10)
					for _, act := range s.Activities {
						a.Answers = append(a.Answers, learnstats.Answer{Activity: act.ID, Points: act.Max})
					}
					if err := acc.Add(a); err != nil {
						t.Fatal(err)
					}
				}
			}
			return acc
		}
		differ := oa != ob || !cmp.Equal(ta, tb, cmpopts.EquateEmpty())
		a := build(ta, oa, "u0")
		before := a.Result()
		errAB := a.Merge(build(tb, ob, "u1"))
		errBA := build(tb, ob, "u1").Merge(build(ta, oa, "u0"))
		if !differ {
			if errAB != nil || errBA != nil {
				t.Fatalf("same definition refused: %v / %v\n%+v", errAB, errBA, ta)
			}
			return
		}
		if !errors.Is(errAB, learnstats.ErrMismatch) || !errors.Is(errBA, learnstats.ErrMismatch) {
			t.Fatalf("different definitions merged: %v / %v\n%+v %+v\n%+v %+v", errAB, errBA, ta, oa, tb, ob)
		}
		if diff := cmp.Diff(before, a.Result()); diff != "" {
			t.Fatalf("a refused merge changed the accumulator (-before +after):\n%s", diff)
		}
	})
}

// extremeTimes are instants at and near the edges of time.Time and of
// time.Duration arithmetic.
var extremeTimes = []time.Time{
	{}, // no time
	time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
	time.Date(1677, 9, 21, 0, 12, 43, 145224192, time.UTC), // time.Unix(0, math.MinInt64)
	time.Unix(0, math.MaxInt64).UTC(),
	t0.Add(-time.Nanosecond),
	t0,
	t0.Add(time.Nanosecond),
	t0.Add(math.MaxInt64),
	t0.Add(math.MinInt64),
	time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	time.Unix(math.MaxInt64-62135596800, 999999999).UTC(), // the last time.Time
}

// extremeDurations are attempt lengths at the edges of time.Duration.
var extremeDurations = []time.Duration{0, 1, time.Minute, math.MaxInt64 / 2, math.MaxInt64 - 1, math.MaxInt64}

// checkNonNegative fails the test when a figure a rule defines as
// non-negative (or bounded by 100 %) is out of range.
func checkNonNegative(t *testing.T, res *TrainingResults) {
	t.Helper()
	zero, hundred := learnstats.NewRatio(0, 1), learnstats.NewRatio(100, 1)
	inRange := func(r learnstats.Ratio) bool { return r.Valid() && r.Cmp(zero) >= 0 && r.Cmp(hundred) <= 0 }
	if res.LaterAttempts < 0 || res.LaterAttendances < 0 {
		t.Fatalf("negative counts left out: %d %d", res.LaterAttempts, res.LaterAttendances)
	}
	for _, r := range res.Learners {
		if !inRange(r.Score) || !inRange(r.Progress) || r.TimeSpent < 0 || r.Answered < 0 || r.Answered > r.Activities || r.Counted < 0 {
			t.Fatalf("learner %s: score %v progress %v (%d of %d) time %v counted %d", r.Learner, r.Score, r.Progress, r.Answered, r.Activities, r.TimeSpent, r.Counted)
		}
		for _, s := range r.Steps {
			if (s.HasScore && !inRange(s.Score)) || s.TimeSpent < 0 || s.Answered < 0 || s.Answered > s.Activities || s.Finished < 0 || s.Finished > s.Attempts {
				t.Fatalf("learner %s step %s: %+v", r.Learner, s.Step, s)
			}
		}
	}
}

// documented reports whether err wraps one of the sentinels Add,
// AddAttendance and Merge document.
func documented(err error) bool {
	for _, s := range []error{learnstats.ErrInvalidRecord, learnstats.ErrInvalidPoints, learnstats.ErrOverflow, learnstats.ErrMismatch,
		learnstats.ErrInvalidRecord, learnstats.ErrInvalidRecord, learnstats.ErrInvalidRecord, learnstats.ErrInvalidRecord, learnstats.ErrInvalidRecord} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzExtremes feeds the training, answer and tag accumulators extreme
// values — times at the edges of time.Time, attempts lasting up to the
// longest time.Duration and beyond, points up to MaxPoints, many attempts,
// accumulators merged into each other until their counts overflow — and
// checks that nothing panics, that every error is a documented one, and
// that no figure a rule defines as non-negative comes out negative (SPEC
// section 0, "No overflow").
func FuzzExtremes(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{2, 3, 1, 11, 5, 4, 2, 9, 9, 9, 0, 1, 200, 1, 2, 3, 8, 8, 5, 5})
	f.Add([]byte{1, 0, 0, 255, 3, 1, 6, 6, 5, 1, 7, 2, 4, 3, 0, 100, 90, 80})
	f.Add([]byte{3, 2, 2, 2, 40, 11, 3, 5, 1, 0, 4, 4, 4, 4, 4, 120, 7, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		fb := &fuzzBytes{b: data}
		maxes := []learnstats.Points{0, 1, learnstats.WholePoints(1), learnstats.MaxPoints / 3, learnstats.MaxPoints / 2, learnstats.MaxPoints - 1, learnstats.MaxPoints}
		tr := Training{ID: "x"}
		for m := range 1 + fb.next(3) {
			s := Step{ID: learnstats.StepID(fmt.Sprintf("m%d", m)), Mandatory: fb.next(3) != 0, RequiredScore: 100 * fb.next(2), Keep: Keep(fb.next(3))}
			for a := range 1 + fb.next(4) {
				s.Activities = append(s.Activities, Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%d", a)), Max: maxes[fb.next(len(maxes))]})
			}
			tr.Steps = append(tr.Steps, s)
		}
		tr.Steps = append(tr.Steps, Step{ID: "live", Kind: StepLiveSession, Mandatory: true})
		opts := Options{AttemptCap: extremeDurations[fb.next(len(extremeDurations))]}
		acc, err := NewTrainingAccumulator(time.Time{}, tr, opts)
		if err != nil {
			if !errors.Is(err, learnstats.ErrInvalidPoints) {
				t.Fatalf("definition: undocumented error %v", err)
			}
			return // module max scores beyond MaxPoints
		}
		shards := [2]*TrainingAccumulator{newAcc(t, tr, opts), newAcc(t, tr, opts)}
		clean := true // every Add succeeded, in the one pass and in the shards
		n := 1 + fb.next(60)*fb.next(5)
		for i := range n {
			s := &tr.Steps[fb.next(len(tr.Steps))]
			l := learnstats.UserID(fmt.Sprintf("u%d", fb.next(3)))
			var errs [3]error
			if s.Kind == StepLiveSession {
				a := Attendance{Learner: l, Step: s.ID, At: extremeTimes[fb.next(len(extremeTimes))], Score: fb.next(102), HasScore: fb.next(2) == 0}
				errs[0] = acc.AddAttendance(a)
				errs[1] = shards[i%2].AddAttendance(a)
			} else {
				a := learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint(i)), Learner: l, Step: s.ID, Start: extremeTimes[fb.next(len(extremeTimes))]}
				switch fb.next(3) {
				case 0:
					a.Finish = extremeTimes[fb.next(len(extremeTimes))]
				case 1:
					a.Finish = a.Start.Add(extremeDurations[fb.next(len(extremeDurations))])
				}
				for _, act := range s.Activities {
					switch fb.next(5) {
					case 0:
					case 1:
						a.Answers = append(a.Answers, learnstats.Answer{Activity: act.ID, Points: act.Max})
					case 2:
						a.Answers = append(a.Answers, learnstats.Answer{Activity: act.ID, Points: act.Max / 2})
					case 3:
						a.Answers = append(a.Answers, learnstats.Answer{Activity: act.ID, Points: max(act.Max-1, 0)})
					default:
						a.Answers = append(a.Answers, learnstats.Answer{Activity: act.ID, Points: act.Max + 1}) // invalid
					}
				}
				errs[0] = acc.Add(a)
				errs[1] = shards[i%2].Add(a)
			}
			for _, err := range errs {
				if err != nil {
					clean = false
					if !documented(err) {
						t.Fatalf("record %d: undocumented error %v", i, err)
					}
				}
			}
		}
		asOf := extremeTimes[fb.next(len(extremeTimes))]
		res := asOfCopy(acc, asOf).Result()
		checkNonNegative(t, res)
		checkNonNegative(t, acc.Result())
		for _, r := range res.Learners {
			e, err := asOfCopy(acc, asOf).Explain(r.Learner)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r, e.Result); diff != "" {
				t.Fatalf("explanation differs from Result (-want +got):\n%s", diff)
			}
			_ = e.String()
		}
		// With every record accepted in one pass, the shards hold the same
		// records without conflict and within the limits: they merge.
		// Otherwise a merge may meet what one pass refused.
		if err := shards[0].Merge(shards[1]); err != nil {
			if clean || !documented(err) {
				t.Fatalf("merge: %v", err)
			}
		} else if clean {
			if diff := cmp.Diff(res, asOfCopy(shards[0], asOf).Result()); diff != "" {
				t.Fatalf("merged shards differ from one pass (-want +got):\n%s", diff)
			}
		}
		checkNonNegative(t, asOfCopy(shards[0], asOf).Result())

		// Answers and tags with extreme scores, then accumulators merged
		// into each other, their counts growing like Fibonacci numbers,
		// until a sum or count overflows.
		scores := []learnstats.Points{0, 1, learnstats.WholePoints(50), learnstats.WholePoints(100) - 1, learnstats.WholePoints(100)}
		var ax, ay AnswerAccumulator
		for i := range 1 + fb.next(6) {
			var tags []learnstats.TagID
			for range fb.next(3) {
				tags = append(tags, learnstats.TagID(fmt.Sprint("t", fb.next(2))))
			}
			q := learnstats.QuestionAnswer{ID: fmt.Sprint(i), Learner: "u1", Question: learnstats.QuestionID(fmt.Sprint("q", fb.next(2))), Tags: tags,
				At: extremeTimes[2+fb.next(len(extremeTimes)-2)], Score: scores[fb.next(len(scores))]}
			as := learnstats.AssessmentScore{ID: q.ID, Learner: "u1", Assessment: "a", Tags: tags, At: q.At, Score: q.Score, Scored: fb.next(4) != 0}
			for _, err := range []error{ax.Add(q), ax.AddAssessment(as)} {
				if err != nil {
					t.Fatalf("answer %d: %v", i, err)
				}
			}
		}
		rounds := fb.next(110)
		for k := range rounds {
			dst, src := &ax, &ay
			if k%2 == 0 {
				dst, src = &ay, &ax
			}
			before := dst.Result()
			if err := dst.Merge(src); err != nil {
				if !errors.Is(err, learnstats.ErrOverflow) {
					t.Fatalf("answers merge %d: %v", k, err)
				}
				if diff := cmp.Diff(before, dst.Result()); diff != "" {
					t.Fatalf("a merge that overflowed changed the accumulator (-before +after):\n%s", diff)
				}
				break
			}
			checkAnswersNonNegative(t, dst.Result())
		}
	})
}

// checkAnswersNonNegative fails the test when a Rule S-12 or S-13 figure
// is out of range: a score outside 0–100, a negative count, work that is
// not the sum of the counts.
func checkAnswersNonNegative(t *testing.T, res AnswerScores) {
	t.Helper()
	zero, hundred := learnstats.NewRatio(0, 1), learnstats.NewRatio(100, 1)
	for _, r := range res.Learners {
		if !r.Average.Valid() || r.Average.Cmp(zero) < 0 || r.Average.Cmp(hundred) > 0 || r.Answers <= 0 || r.Questions <= 0 {
			t.Fatalf("answers of %s: %+v", r.Learner, r)
		}
	}
	bad := func(r learnstats.Ratio) bool { return r.Valid() && (r.Cmp(zero) < 0 || r.Cmp(hundred) > 0) }
	for _, r := range res.Tags {
		if bad(r.Training) || bad(r.Assessment) || bad(r.Average) || r.Answers < 0 || r.Assessments < 0 || r.Work < 0 || r.Work < r.Answers || r.Work < r.Assessments {
			t.Fatalf("tag %s of %s: %+v", r.Tag, r.Learner, r)
		}
	}
	if res.UntaggedAnswers < 0 || res.UntaggedAssessments < 0 {
		t.Fatalf("untagged counts %d %d", res.UntaggedAnswers, res.UntaggedAssessments)
	}
}
