package scoring

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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
		big.Activities = append(big.Activities, Activity{ID: ActivityID(fmt.Sprintf("a%d", i+1)), Max: WholePoints(int64(i % 3))})
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
	attempt *Attempt
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
	acc.AddLearner(r.learner)
	return nil
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
			at := Attendance{Learner: l, Step: "s", At: at(ln), Score: 30 * ln, HasScore: ln != 3}
			recs = append(recs, record{session: &at})
			continue
		}
		mi := modules[f.next(len(modules))]
		s := &fuzzTraining.Steps[mi]
		if mi == 2 {
			s = &fuzzTraining.Steps[2].Steps[0]
		}
		// Unique per record, numeric, in an order unrelated to the times.
		id := AttemptID(fmt.Sprintf("%d", i*10+f.next(10)))
		start := f.next(50)
		finish := -1
		if f.next(4) != 0 {
			finish = start + f.next(20) // equal finish times happen
		}
		// Answers: a random subset, split into 1–3 deliveries.
		parts := 1 + f.next(3)
		deliveries := make([][]Answer, parts)
		for _, a := range s.Activities {
			if f.next(3) == 0 {
				continue
			}
			p := Points(0)
			if a.Max > 0 {
				p = Points(int64(a.Max) * int64(f.next(5)) / 4)
			}
			k := f.next(parts)
			deliveries[k] = append(deliveries[k], Answer{Activity: a.ID, Points: p})
		}
		for _, d := range deliveries {
			a := attempt(l, s.ID, id, start, finish)
			a.Answers = d
			recs = append(recs, record{attempt: &a})
		}
	}
	return recs
}

func onePass(t *testing.T, opts Options, recs []record) []TrainingResult {
	t.Helper()
	acc := &TrainingAccumulator{Training: fuzzTraining, Options: opts}
	for _, r := range recs {
		if err := r.add(acc); err != nil {
			t.Fatalf("one pass: %v", err)
		}
	}
	res, err := acc.Result()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// FuzzMerge checks that splitting the records over shards, adding each
// shard in any order and merging the shards in any order gives the result
// of one pass, for the training, answer and tag accumulators.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{3, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{11, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 3, 4, 200, 100})
	f.Add([]byte{7, 1, 0, 0, 3, 3, 1, 1, 9, 9, 2, 0, 1, 2, 3, 1, 0, 255, 4, 4, 4, 8, 0, 7, 6, 5, 4, 3, 2, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		fb := &fuzzBytes{b: data}
		opts := Options{ExcludeEmpty: fb.next(2) == 0}
		if fb.next(2) == 0 {
			opts.AttemptCap = 7 * time.Minute
		}
		recs := fuzzRecords(fb)
		want := onePass(t, opts, recs)

		// Same records, reversed order, one pass.
		rev := make([]record, len(recs))
		for i, r := range recs {
			rev[len(recs)-1-i] = r
		}
		if diff := cmp.Diff(want, onePass(t, opts, rev)); diff != "" {
			t.Fatalf("input order changed the result (-want +got):\n%s", diff)
		}

		// Reset, then the same records again: the same results.
		again := &TrainingAccumulator{Training: fuzzTraining, Options: opts}
		for round := range 2 {
			again.Reset()
			for _, r := range recs {
				if err := r.add(again); err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			}
		}
		gotAgain, err := again.Result()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, gotAgain); diff != "" {
			t.Fatalf("after Reset (-want +got):\n%s", diff)
		}

		// Split over shards, merge in a fuzzer-chosen order; the first
		// merge target is a zero value.
		nShards := 1 + fb.next(4)
		shards := make([]*TrainingAccumulator, nShards)
		for i := range shards {
			shards[i] = &TrainingAccumulator{Training: fuzzTraining, Options: opts}
		}
		for _, r := range recs {
			if err := r.add(shards[fb.next(nShards)]); err != nil {
				t.Fatalf("shard add: %v", err)
			}
		}
		var total TrainingAccumulator
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
		got, err := total.Result()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) > 0 && len(got) == 0 && len(want) == 0 {
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("merged shards differ from one pass (-want +got):\n%s", diff)
		}

		// Answers and tags: the same fuzz bytes as scores.
		var oneA, merged AnswerAccumulator
		var oneT, mergedT TagAccumulator
		partsA := []AnswerAccumulator{{}, {}, {}}
		partsT := []TagAccumulator{{}, {}, {}}
		tags := []TagID{"x", "y", "z"}
		for i, r := range recs {
			if r.attempt == nil {
				continue
			}
			for _, ans := range r.attempt.Answers {
				score := Points(int64(ans.Points) % (hundred + 1))
				qa := QuestionAnswer{Learner: r.attempt.Learner, Question: QuestionID(ans.Activity), Score: score}
				ta := TaggedAnswer{Learner: qa.Learner, Question: qa.Question, Tags: tags[:i%4], Score: score}
				as := AssessmentScore{Learner: qa.Learner, Assessment: AssessmentID(r.attempt.Step), Tags: tags[i%3 : i%3+1], Score: score}
				k := fb.next(3)
				for _, acc := range []*AnswerAccumulator{&oneA, &partsA[k]} {
					if err := acc.Add(qa); err != nil {
						t.Fatal(err)
					}
				}
				for _, acc := range []*TagAccumulator{&oneT, &partsT[k]} {
					if err := acc.Add(ta); err != nil {
						t.Fatal(err)
					}
					if err := acc.AddAssessment(as); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for _, k := range []int{2, 0, 1} {
			merged.Merge(&partsA[k])
			mergedT.Merge(&partsT[k])
		}
		if diff := cmp.Diff(oneA.Result(), merged.Result()); diff != "" {
			t.Fatalf("answers: merged differ (-want +got):\n%s", diff)
		}
		wt, err1 := oneT.Result()
		gt, err2 := mergedT.Result()
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(wt, gt); diff != "" {
			t.Fatalf("tags: merged differ (-want +got):\n%s", diff)
		}
		ua, us := oneT.Untagged()
		ma, ms := mergedT.Untagged()
		if ua != ma || us != ms {
			t.Fatalf("untagged %d %d, merged %d %d", ua, us, ma, ms)
		}
	})
}
