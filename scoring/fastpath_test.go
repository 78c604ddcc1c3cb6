package scoring

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/learnstats/learnstats"
)

// TestS1_RoundDivider checks the division-free rounding of Rule S-1
// (cstep.round) against the plain integer formula and Percent.Int, on the
// edges (0, 1, max, max − 1, exact halves) and random values up to
// MaxPoints.
func TestS1_RoundDivider(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	maxes := []int64{1, 2, 3, 7, 40, 200, 10_000_000, int64(MaxPoints) - 1, int64(MaxPoints)}
	for range 200 {
		maxes = append(maxes, 1+rng.Int64N(int64(MaxPoints)))
	}
	for _, m := range maxes {
		tr := Training{ID: "t", Steps: []Step{{ID: "m", Activities: []Activity{{ID: "a", Max: Points(m)}}}}}
		c, err := compileTraining(tr)
		if err != nil {
			t.Fatal(err)
		}
		cs := &c.steps[0]
		points := []int64{0, 1, m, m - 1, m / 2, (m + 1) / 2, m / 200, m/200 + 1}
		for range 50 {
			points = append(points, rng.Int64N(m+1))
		}
		for _, p := range points {
			if p < 0 || p > m {
				continue
			}
			want := int((200*p + m) / (2 * m))
			if got := cs.round(p); got != want || got != (Percent{p, m}).Int() {
				t.Fatalf("round(%d / %d) = %d, want %d", p, m, got, want)
			}
		}
	}
}

// randomRecords returns valid random records over fuzzTraining (several
// attempts per module, answers split over deliveries, attendances).
func randomRecords(seed uint64) []record {
	rng := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, 20+rng.IntN(400))
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return fuzzRecords(&fuzzBytes{b: b})
}

// flatTraining has only top-level modules: the training shape of the
// learnerFlat fast path.
var flatTraining = Training{ID: "flat", Steps: []Step{
	module("best", true, 50, KeepBest, 10, 0, 5),
	module("newest", true, 60, KeepNewest, 3, 3),
	module("all", false, 40, KeepAll, 7, 1, 2, 4),
	module("zero", true, 0, KeepBest, 0),
}}

// randomFlatAttempts returns valid random attempts at flatTraining: most
// learners with at most one attempt per module, some with several.
func randomFlatAttempts(seed uint64) []Attempt {
	rng := rand.New(rand.NewPCG(seed, 11))
	var out []Attempt
	for l := range 1 + rng.IntN(8) {
		learner := learnstats.UserID("u" + string(rune('a'+l)))
		for _, s := range flatTraining.Steps {
			n := rng.IntN(2)
			if rng.IntN(4) == 0 {
				n = 2 + rng.IntN(2)
			}
			for k := range n {
				start := rng.IntN(100)
				finish := -1
				if rng.IntN(4) != 0 {
					finish = start + rng.IntN(20)
				}
				a := attempt(learner, s.ID, AttemptID(rune('0'+k)), start, finish)
				for _, act := range s.Activities {
					if rng.IntN(4) == 0 {
						continue
					}
					a.Answers = append(a.Answers, Answer{Activity: act.ID, Points: Points(rng.Int64N(int64(act.Max) + 1))})
				}
				out = append(out, a)
			}
		}
	}
	return out
}

// TestFastPathAgreesWithGeneral checks, on random data, that the
// single-attempt fast path of Result gives exactly what the general path
// (every attempt folded) gives, and that AddRef with handles gives what Add
// gives (Rules S-1 … S-11).
func TestFastPathAgreesWithGeneral(t *testing.T) {
	singles := 0
	for seed := range uint64(100) {
		recs := randomRecords(seed)
		for _, opts := range []Options{{}, {ExcludeEmpty: true, AttemptCap: 7 * 60e9}} {
			acc := &TrainingAccumulator{Training: fuzzTraining, Options: opts}
			byRef := &TrainingAccumulator{Training: fuzzTraining, Options: opts}
			for _, r := range recs {
				if err := r.add(acc); err != nil {
					t.Fatal(err)
				}
				if r.attempt == nil {
					if err := r.add(byRef); err != nil {
						t.Fatal(err)
					}
					continue
				}
				s, err := byRef.StepRef(r.attempt.Step)
				if err != nil {
					t.Fatal(err)
				}
				a := *r.attempt
				a.Learner, a.Step = "ignored", "ignored" // AddRef reads the handles only
				if err := byRef.AddRef(byRef.Learner(r.attempt.Learner), s, &a); err != nil {
					t.Fatal(err)
				}
			}
			for k, n := range acc.counts {
				if n == 1 && acc.cells[k].finish.set() {
					singles++
				}
			}
			fast, err := acc.Result()
			if err != nil {
				t.Fatal(err)
			}
			acc.general = true
			general, err := acc.Result()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(general, fast); diff != "" {
				t.Fatalf("seed %d: fast path differs from the general path (-general +fast):\n%s", seed, diff)
			}
			ref, err := byRef.Result()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(fast, ref); diff != "" {
				t.Fatalf("seed %d: AddRef differs from Add (-Add +AddRef):\n%s", seed, diff)
			}
		}
	}
	if singles < 100 {
		t.Fatalf("only %d finished single attempts: the test does not exercise the fast path", singles)
	}
	// The flat-training path (learnerFlat).
	for seed := range uint64(200) {
		for _, opts := range []Options{{}, {ExcludeEmpty: true, AttemptCap: 7 * 60e9}} {
			acc := &TrainingAccumulator{Training: flatTraining, Options: opts}
			for _, a := range randomFlatAttempts(seed) {
				if err := acc.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			fast, err := acc.Result()
			if err != nil {
				t.Fatal(err)
			}
			acc.general = true
			general, _ := acc.Result()
			if diff := cmp.Diff(general, fast); diff != "" {
				t.Fatalf("seed %d: flat fast path differs from the general path (-general +fast):\n%s", seed, diff)
			}
		}
	}
}

// TestS14_ExplanationAgreesWithResult checks on random data that every
// explanation (computed by the general path) agrees with the fast results:
// the same result, one counted attempt per module with a score, whose score
// is the step's, and attempts, time and answered activities that add up to
// the step's figures.
func TestS14_ExplanationAgreesWithResult(t *testing.T) {
	for seed := range uint64(100) {
		acc := &TrainingAccumulator{Training: fuzzTraining, Options: Options{AttemptCap: 7 * 60e9}}
		for _, r := range randomRecords(seed) {
			if err := r.add(acc); err != nil {
				t.Fatal(err)
			}
		}
		res, err := acc.Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			e, err := acc.Explain(r.Learner)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r, e.Result); diff != "" {
				t.Fatalf("seed %d learner %s: explained result differs (-Result +Explain):\n%s", seed, r.Learner, diff)
			}
			for i, s := range e.Steps {
				sr := r.Steps[i]
				if sr.Kind != StepModule {
					continue
				}
				var counted []AttemptExplanation
				var spent int64
				for _, a := range s.Attempts {
					if a.Counted {
						counted = append(counted, a)
					}
					spent += int64(a.TimeSpent)
				}
				answered := 0
				for _, a := range s.Activities {
					if a.Answered {
						answered++
					}
				}
				switch {
				case len(s.Attempts) != sr.Attempts || spent != int64(sr.TimeSpent) || answered != sr.Answered:
					t.Fatalf("seed %d learner %s step %s: explanation has %d attempts, time %d, %d answered; result %+v", seed, r.Learner, sr.Step, len(s.Attempts), spent, answered, sr)
				case sr.HasScore && (len(counted) != 1 || !counted[0].Score.Equal(sr.Score)):
					t.Fatalf("seed %d learner %s step %s: counted %+v, step score %v", seed, r.Learner, sr.Step, counted, sr.Score)
				case !sr.HasScore && len(counted) != 0:
					t.Fatalf("seed %d learner %s step %s: counted %+v without a step score", seed, r.Learner, sr.Step, counted)
				}
			}
		}
	}
}

// TestAddRef covers the handle API: handles are stable (same ID, same
// handle; kept by Reset and Merge), AddRef validates like Add, and handles
// not handed out are errors that name the attempt.
func TestAddRef(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("m1", true, 50, KeepBest, 10, 10),
		{ID: "s", Kind: StepLiveSession, Mandatory: true},
		module("m2", true, 50, KeepNewest, 10),
	}}
	acc := &TrainingAccumulator{Training: tr}
	u1, u2 := acc.Learner("u1"), acc.Learner("u2")
	if u1 == u2 || acc.Learner("u1") != u1 {
		t.Fatalf("handles %d, %d, again %d", u1, u2, acc.Learner("u1"))
	}
	m2, err := acc.StepRef("m2")
	if err != nil || m2 != 1 {
		t.Fatalf("StepRef(m2) = %d, %v; want 1 (second module)", m2, err)
	}
	for _, id := range []StepID{"s", "nope"} {
		if _, err := acc.StepRef(id); !errors.Is(err, ErrUnknownStep) || !strings.Contains(err.Error(), string(id)) {
			t.Errorf("StepRef(%s): %v, want ErrUnknownStep naming it", id, err)
		}
	}
	a := attempt("", "", "7", 0, 10, 10)
	tests := []struct {
		name, reason string
		l            LearnerRef
		s            StepRef
		a            Attempt
		want         error
		names        string
	}{
		{"bad learner handle", "only handles the accumulator handed out", 5, m2, a, ErrUnknownLearner, `"7"`},
		{"negative learner handle", "handles are indexes", -1, m2, a, ErrUnknownLearner, `"7"`},
		{"bad step handle", "only module handles exist", u1, 2, a, ErrUnknownStep, `"u1"`},
		{"points above max", "Rule S-1 validation as in Add", u1, m2, attempt("", "", "7", 0, 10, 11), ErrInvalidPoints, `"u1"`},
		{"finish before start", "validation as in Add", u2, m2, attempt("", "", "7", 10, 5, 1), ErrInvalidAttempt, `"u2"`},
		{"no attempt ID", "validation as in Add", u2, m2, attempt("", "", "", 0, 5, 1), ErrInvalidAttempt, `"u2"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := acc.AddRef(tc.l, tc.s, &tc.a)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.names) {
				t.Errorf("%s: got %v, want %v naming %s", tc.reason, err, tc.want, tc.names)
			}
		})
	}
	// Nothing was added by the failed calls.
	res, _ := acc.Result()
	for _, r := range res {
		if r.Steps[2].Attempts != 0 {
			t.Fatalf("a failed AddRef changed %s: %+v", r.Learner, r.Steps[2])
		}
	}
	// Handles survive Reset and Merge (new learners get new handles).
	if err := acc.AddRef(u2, m2, &a); err != nil {
		t.Fatal(err)
	}
	acc.Reset()
	other := &TrainingAccumulator{Training: tr}
	if err := other.Add(attempt("u0", "m2", "1", 0, 10, 4)); err != nil {
		t.Fatal(err)
	}
	if err := acc.Merge(other); err != nil {
		t.Fatal(err)
	}
	if acc.Learner("u1") != u1 || acc.Learner("u2") != u2 || acc.Learner("u0") != 2 {
		t.Fatal("handles changed after Reset and Merge")
	}
	if err := acc.AddRef(u2, m2, &a); err != nil {
		t.Fatal(err)
	}
	res, _ = acc.Result()
	got := map[learnstats.UserID]Percent{}
	for _, r := range res {
		got[r.Learner] = r.Steps[2].Score
	}
	want := map[learnstats.UserID]Percent{"u0": {WholePoints(4).raw(), WholePoints(10).raw()}, "u1": {}, "u2": {WholePoints(10).raw(), WholePoints(10).raw()}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scores after Reset and Merge (-want +got):\n%s", diff)
	}
}

func (p Points) raw() int64 { return int64(p) }

// TestS4_PassBoundaryBothPaths checks Rule S-4's inclusive pass mark on the
// exact rounded value, through the single-attempt fast path and the general
// path: 99 of 200 points is 49.5 %, which rounds to 50 and passes a
// required score of 50; 98 of 200 (49 %) fails.
func TestS4_PassBoundaryBothPaths(t *testing.T) {
	tests := []struct {
		name, reason string
		points       int64
		keep         Keep
		want         Status
	}{
		{"49.5 rounds to 50, best", "inclusive, on the rounded exact value", 99, KeepBest, StatusPassed},
		{"49.5 rounds to 50, newest", "inclusive, on the rounded exact value", 99, KeepNewest, StatusPassed},
		{"49 fails, best", "below the required score", 98, KeepBest, StatusFailed},
		{"49 fails, newest", "below the required score", 98, KeepNewest, StatusFailed},
		{"100 %, all", "full marks pass", 200, KeepAll, StatusPassed},
	}
	for _, tc := range tests {
		for _, general := range []bool{false, true} {
			tr := Training{ID: "t", Steps: []Step{module("m", true, 50, tc.keep, 200)}}
			acc := &TrainingAccumulator{Training: tr, general: general}
			if err := acc.Add(attempt("u1", "m", "1", 0, 10, tc.points)); err != nil {
				t.Fatal(err)
			}
			res, _ := acc.Result()
			if s := res[0].Steps[0]; s.Status != tc.want || s.Completed != (tc.want == StatusPassed) {
				t.Errorf("%s (general path %v): %s: status %v, completed %v; want %v", tc.name, general, tc.reason, s.Status, s.Completed, tc.want)
			}
		}
	}
}

// TestS1_AddRefFastPath checks AddRef's branch-free fast path against Add
// (whose general fold compares IDs byte by byte and reports each error) on
// random attempts, valid and not: points out of range (negative, above the
// max, the extremes of int64), answers out of order or repeated, an ID
// sharing the bytes pointer of the right one but shorter, IDs equal in
// bytes but not sharing them (which the fast path leaves to the general
// path), unfinished attempts, finishes before the start or without one,
// and times in another location. Both must accept the same attempts, with
// the same results to the location of every date, and reject the others
// with the same error.
func TestS1_AddRefFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tr := Training{ID: "t", Steps: []Step{module("m", true, 50, KeepBest, 3, 0, 5, 2, 7)}}
	fast := &TrainingAccumulator{Training: tr}
	ref := fast.Learner("u1")
	if err := fast.compile(); err != nil {
		t.Fatal(err)
	}
	acts := fast.c.modSteps[0].acts
	other := time.FixedZone("other", 7200)
	accepted, rejected, fastAdds := 0, 0, 0
	fastAddHook = func() { fastAdds++ }
	defer func() { fastAddHook = nil }()
	for range 20000 {
		n := rng.IntN(len(acts) + 2)
		var answers []Answer
		for i := range n {
			j := i
			if rng.IntN(8) == 0 {
				j = rng.IntN(len(acts))
			}
			if j >= len(acts) {
				break
			}
			act := acts[j]
			ans := Answer{Activity: act.ID, Points: Points(rng.Int64N(int64(act.Max) + 1))}
			switch rng.IntN(48) {
			case 0:
				ans.Points = -1
			case 1:
				ans.Points = act.Max + 1
			case 2:
				ans.Points = Points(-1 << 63)
			case 3:
				ans.Points = Points(1<<63 - 1)
			case 4:
				ans.Activity = ActivityID(strings.Clone(string(act.ID))) // same bytes, not shared
			case 5:
				ans.Activity = act.ID[:1] // shares the bytes pointer, shorter
			}
			answers = append(answers, ans)
		}
		a := Attempt{ID: "1", Learner: "u1", Step: "m", Start: at(rng.IntN(5)), Answers: answers}
		switch rng.IntN(8) {
		case 0: // unfinished
		case 1:
			a.Start = time.Time{} // finished without a start
			a.Finish = at(3)
		case 2:
			a.Start = a.Start.In(other)
			a.Finish = at(2 + rng.IntN(5)).In(other)
		default:
			a.Finish = a.Start.Add(time.Duration(rng.IntN(3)-1) * time.Nanosecond) // before, at, after the start
		}
		fast.Reset()
		before := fastAdds
		errFast := fast.AddRef(ref, 0, &a)
		general := &TrainingAccumulator{Training: tr}
		errGeneral := general.Add(a)
		switch {
		case (errFast == nil) != (errGeneral == nil) || errFast != nil && errFast.Error() != errGeneral.Error():
			t.Fatalf("attempt %+v: AddRef: %v; Add: %v", a, errFast, errGeneral)
		case errFast != nil:
			rejected++
			continue
		}
		if fastAdds > before {
			accepted++
		}
		got, _ := fast.Result()
		want, _ := general.Result()
		if diff := cmp.Diff(want, got, exactTime); diff != "" {
			t.Fatalf("attempt %+v: AddRef differs from Add (-Add +AddRef):\n%s", a, diff)
		}
	}
	if accepted < 1000 || rejected < 1000 {
		t.Fatalf("fast path accepted %d, rejected %d: the cases are not exercised", accepted, rejected)
	}
}

// TestSlotIsOneCacheLine guards the slot layout the bulk path is tuned for.
func TestSlotIsOneCacheLine(t *testing.T) {
	if n := unsafe.Sizeof(attemptState{}); n != 64 {
		t.Errorf("attemptState is %d bytes, want 64", n)
	}
}

// exactTime compares times with ==, location and all: cmp's default (the
// Equal method) would not see a result in the wrong location.
var exactTime = cmp.Comparer(func(a, b time.Time) bool { return a == b })

// flatZones are the locations perturbFlat moves times into.
var flatZones = []*time.Location{time.UTC, time.FixedZone("A", 3600), time.FixedZone("B", -5*3600)}

// perturbFlat returns a variant of attempt a at flatTraining: often every
// activity answered (full points on mandatory steps, any on optional ones,
// which may then fail), times shifted by up to a second or 60 years back
// (before 1970) into random zones, and sometimes the finish set to one
// instant shared by other attempts, in any zone (ties for the completion
// date).
func perturbFlat(rng *rand.Rand, a Attempt) Attempt {
	if rng.IntN(4) != 0 {
		a.Answers = nil
		for _, st := range flatTraining.Steps {
			if st.ID == a.Step {
				for _, act := range st.Activities {
					p := act.Max
					if !st.Mandatory {
						p = Points(rng.Int64N(int64(act.Max) + 1))
					}
					a.Answers = append(a.Answers, Answer{Activity: act.ID, Points: p})
				}
			}
		}
	}
	d := time.Duration(rng.Int64N(1e9))
	if rng.IntN(4) == 0 {
		d -= 60 * 365 * 24 * time.Hour // before 1970
	}
	a.Start = a.Start.Add(d).In(flatZones[rng.IntN(len(flatZones))])
	if !a.Finish.IsZero() {
		a.Finish = a.Finish.Add(d).In(flatZones[rng.IntN(len(flatZones))])
		if rng.IntN(3) == 0 {
			a.Start = at(-10)
			a.Finish = at(200).In(flatZones[rng.IntN(len(flatZones))])
		}
	}
	return a
}

// TestFlatPathExactAcrossRoundsAndZones checks the flat path (learnerFlat),
// whose module slots may still hold an earlier round's attempts after
// Reset, against a fresh accumulator's general path on the second round
// alone: results equal to the location of every completion date, with
// finishes in several zones, before 1970, and with nanoseconds (Rules S-3,
// S-5, S-6, S-9, S-10, S-11).
func TestFlatPathExactAcrossRoundsAndZones(t *testing.T) {
	shift := func(rng *rand.Rand, as []Attempt) []Attempt {
		out := make([]Attempt, 0, len(as))
		for _, a := range as {
			if rng.IntN(3) == 0 {
				continue // left out of this round
			}
			out = append(out, perturbFlat(rng, a))
		}
		return out
	}
	flat := 0
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 5))
		all := randomFlatAttempts(seed)
		for _, opts := range []Options{{}, {ExcludeEmpty: true, AttemptCap: 7 * 60e9}} {
			acc := &TrainingAccumulator{Training: flatTraining, Options: opts}
			for _, a := range shift(rng, all) {
				if err := acc.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			for _, a := range all {
				acc.AddLearner(a.Learner)
			}
			acc.Reset()
			fresh := &TrainingAccumulator{Training: flatTraining, Options: opts, general: true}
			for _, id := range acc.Learners() {
				fresh.AddLearner(id)
			}
			for _, a := range shift(rng, all) {
				if err := acc.Add(a); err != nil {
					t.Fatal(err)
				}
				if err := fresh.Add(a); err != nil {
					t.Fatal(err)
				}
			}
			for i := range acc.learners {
				if acc.learners[i].side < 0 && acc.learners[i].cells >= 0 { // learnerFlat
					flat++
				}
			}
			got, err := acc.Result()
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.Result()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, exactTime); diff != "" {
				t.Fatalf("seed %d %+v: second round differs from a fresh general evaluation (-want +got):\n%s", seed, opts, diff)
			}
		}
	}
	if flat < 200 {
		t.Fatalf("only %d learners took the flat path", flat)
	}
}

// TestSummariesAreResultsWithoutSteps checks, on random data, that every
// summary equals the corresponding result with Steps nil, to the location
// of every date: on a flat training (summaryFlat, with earlier rounds'
// attempts left in the slots by Reset, zones, dates before 1970, both
// options) and on a training with courses, sessions and large modules
// (the general path) (Rules S-6, S-8, S-10, S-11).
func TestSummariesAreResultsWithoutSteps(t *testing.T) {
	completed := 0
	check := func(t *testing.T, acc *TrainingAccumulator, what string) {
		t.Helper()
		res, err := acc.Result()
		if err != nil {
			t.Fatal(err)
		}
		seq, err := acc.Summaries()
		if err != nil {
			t.Fatal(err)
		}
		var sums []TrainingResult
		for s := range seq {
			if s.Steps != nil {
				t.Fatalf("%s: summary of %s has steps", what, s.Learner)
			}
			sums = append(sums, s)
		}
		for i := range res {
			res[i].Steps = nil
			if res[i].Completed {
				completed++
			}
		}
		if diff := cmp.Diff(res, sums, exactTime); diff != "" {
			t.Fatalf("%s: summaries differ from results (-results +summaries):\n%s", what, diff)
		}
	}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 9))
		for _, opts := range []Options{{}, {ExcludeEmpty: true, AttemptCap: 7 * 60e9}} {
			flat := &TrainingAccumulator{Training: flatTraining, Options: opts}
			for round := range 2 {
				flat.Reset()
				for _, a := range randomFlatAttempts(seed + uint64(round)*1000) {
					if rng.IntN(6) == 0 {
						continue
					}
					a = perturbFlat(rng, a)
					if err := flat.Add(a); err != nil {
						t.Fatal(err)
					}
				}
				check(t, flat, fmt.Sprintf("flat seed %d round %d %+v", seed, round, opts))
			}
			general := &TrainingAccumulator{Training: fuzzTraining, Options: opts}
			for _, r := range randomRecords(seed) {
				if err := r.add(general); err != nil {
					t.Fatal(err)
				}
			}
			check(t, general, fmt.Sprintf("general seed %d %+v", seed, opts))
		}
	}
	if completed < 50 {
		t.Fatalf("only %d completed trainings: completion dates are not exercised", completed)
	}
}

// TestS10_CompletionDateTiesAndFailedSteps pins Rule S-10's completion date
// on the flat path (Results and Summaries) and the general path: the
// latest finish of a completed step, where a later finish of a step that
// did not pass does not count, and on a tie (the same instant in two
// zones) the first step in training order gives the date its location.
func TestS10_CompletionDateTiesAndFailedSteps(t *testing.T) {
	tr := Training{ID: "t", Steps: []Step{
		module("m1", true, 50, KeepBest, 10),
		module("m2", true, 50, KeepBest, 10),
		module("opt", false, 50, KeepBest, 10),
	}}
	east, west := time.FixedZone("east", 3*3600), time.FixedZone("west", -7*3600)
	tie := at(100)
	attempts := []Attempt{
		{ID: "1", Learner: "u1", Step: "m1", Start: at(0), Finish: tie.In(east), Answers: []Answer{{Activity: "a1", Points: WholePoints(9)}}},
		{ID: "2", Learner: "u1", Step: "m2", Start: at(0), Finish: tie.In(west), Answers: []Answer{{Activity: "a1", Points: WholePoints(10)}}},
		// Finished later, everything answered, but failed: not a completion.
		{ID: "3", Learner: "u1", Step: "opt", Start: at(0), Finish: at(500), Answers: []Answer{{Activity: "a1", Points: WholePoints(1)}}},
	}
	for _, general := range []bool{false, true} {
		acc := &TrainingAccumulator{Training: tr, general: general}
		ref := acc.Learner("u1")
		for i := range attempts {
			s, err := acc.StepRef(attempts[i].Step)
			if err != nil {
				t.Fatal(err)
			}
			if err := acc.AddRef(ref, s, &attempts[i]); err != nil {
				t.Fatal(err)
			}
		}
		res, err := acc.Result()
		if err != nil {
			t.Fatal(err)
		}
		seq, err := acc.Summaries()
		if err != nil {
			t.Fatal(err)
		}
		for sum := range seq {
			for _, got := range []TrainingResult{res[0], sum} {
				if !got.Completed || got.CompletedAt != tie.In(east) {
					t.Errorf("general path %v: completed %v at %v; want completed at %v (the first tied step's zone, not the failed later step)",
						general, got.Completed, got.CompletedAt, tie.In(east))
				}
			}
		}
	}
}
