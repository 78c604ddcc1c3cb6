package scoring_test

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
)

// Benchmark size: 100,000 learners × 10 modules × 10 activities, one attempt
// per learner and module: 10 million answers, 1 million learner-module
// pairs.
const (
	benchLearners   = 100_000
	benchModules    = 10
	benchActivities = 10
	benchAnswers    = benchLearners * benchModules * benchActivities
)

type benchData struct {
	training scoring.Training
	attempts []scoring.Attempt
	learner  []int32 // dense learner index of each attempt, for the reference
	module   []int32 // dense module index of each attempt
	max      [benchModules][benchActivities]int64
}

var (
	benchOnce sync.Once
	bench     *benchData
)

// benchInput builds the benchmark data once, deterministically, only when a
// benchmark asks for it (so go test does not pay for it).
func benchInput() *benchData {
	benchOnce.Do(func() {
		rng := rand.New(rand.NewPCG(2026, 11))
		d := &benchData{training: scoring.Training{ID: "bench"}}
		for m := range benchModules {
			s := scoring.Step{ID: scoring.StepID(fmt.Sprintf("m%02d", m)), Kind: scoring.StepModule,
				Mandatory: m%3 != 2, RequiredScore: 50, Keep: scoring.Keep(m % 3)}
			for a := range benchActivities {
				max := int64(rng.IntN(21)) // 0–20 points, some activities max 0
				d.max[m][a] = max * 10_000_000
				s.Activities = append(s.Activities, scoring.Activity{ID: scoring.ActivityID(fmt.Sprintf("a%02d", a)), Max: scoring.WholePoints(max)})
			}
			d.training.Steps = append(d.training.Steps, s)
		}
		base := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
		d.attempts = make([]scoring.Attempt, 0, benchLearners*benchModules)
		answers := make([]scoring.Answer, benchAnswers)
		for l := range benchLearners {
			learner := learnstats.UserID(fmt.Sprintf("u%06d", l))
			for m := range benchModules {
				s := &d.training.Steps[m]
				start := base.Add(time.Duration(rng.IntN(300*24*60)) * time.Minute)
				a := scoring.Attempt{ID: scoring.AttemptID(fmt.Sprint(len(d.attempts) + 1)), Learner: learner, Step: s.ID, Start: start}
				if rng.IntN(10) != 0 { // 10 % unfinished
					a.Finish = start.Add(time.Duration(1+rng.IntN(120)) * time.Minute)
				}
				a.Answers = answers[:benchActivities:benchActivities]
				answers = answers[benchActivities:]
				for i, act := range s.Activities {
					a.Answers[i] = scoring.Answer{Activity: act.ID, Points: scoring.Points(rng.Int64N(int64(act.Max) + 1))}
				}
				d.attempts = append(d.attempts, a)
				d.learner = append(d.learner, int32(l))
				d.module = append(d.module, int32(m))
			}
		}
		bench = d
	})
	return bench
}

// benchSettle finishes the setup: a garbage collection now, so that none
// started by the setup's allocations runs during the timed rounds, then a
// timer reset. Every benchmark here, the reference included, calls it.
func benchSettle(b *testing.B) {
	runtime.GC()
	b.ResetTimer()
}

// report reports and returns the time per answer of the benchmark.
func report(b *testing.B) float64 {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / benchAnswers
	b.ReportMetric(ns, "ns/answer")
	return ns
}

// refNsPerAnswer holds the ns/answer of every BenchmarkReferenceDenseSum run
// in this process (one per -count).
var refNsPerAnswer []float64

// reportRatio reports ns/answer over the median reference run (x-reference)
// when the reference ran first in the same process, and the split between
// adding (add-ns/answer) and results (result-ns/answer).
func reportRatio(b *testing.B, ns float64, tAdd, tRes time.Duration) {
	b.ReportMetric(float64(tAdd.Nanoseconds())/float64(b.N)/benchAnswers, "add-ns/answer")
	b.ReportMetric(float64(tRes.Nanoseconds())/float64(b.N)/benchAnswers, "result-ns/answer")
	if n := len(refNsPerAnswer); n > 0 {
		r := slices.Sorted(slices.Values(refNsPerAnswer))
		med := r[n/2]
		if n%2 == 0 {
			med = (r[n/2-1] + r[n/2]) / 2
		}
		b.ReportMetric(ns/med, "x-reference")
	}
}

// BenchmarkReferenceDenseSum is the practical limit: the same answers summed
// with a plain dense int64 loop (learner and module indexes known, activity
// = position, no validation), then the same integer rounding and training
// mean. The TrainingScores benchmarks report their ratio to the median of
// this benchmark's runs so far in the same process (x-reference).
func BenchmarkReferenceDenseSum(b *testing.B) {
	d := benchInput()
	ref := newBenchReference(d)
	b.ReportAllocs()
	benchSettle(b)
	for b.Loop() {
		ref.round(d)
	}
	refNsPerAnswer = append(refNsPerAnswer, report(b))
}

// benchReference is the reference computation's memory.
type benchReference struct {
	points []int64
	maxSum [benchModules]int64
	scores []int32
}

func newBenchReference(d *benchData) *benchReference {
	r := &benchReference{points: make([]int64, benchLearners*benchModules), scores: make([]int32, benchLearners)}
	for m := range benchModules {
		for a := range benchActivities {
			r.maxSum[m] += d.max[m][a]
		}
	}
	return r
}

// round is one reference round: every finished attempt's points summed
// into a dense learner × module table, then each learner's mandatory module
// scores rounded and averaged.
func (r *benchReference) round(d *benchData) {
	points, maxSum, scores := r.points, &r.maxSum, r.scores
	clear(points)
	for i := range d.attempts {
		a := &d.attempts[i]
		if a.Finish.IsZero() {
			continue
		}
		var sum int64
		for _, ans := range a.Answers {
			sum += int64(ans.Points)
		}
		points[int(d.learner[i])*benchModules+int(d.module[i])] = sum
	}
	for l := range benchLearners {
		var tot, n int64
		for m := range benchModules {
			if m%3 == 2 {
				continue
			}
			p, ms := points[l*benchModules+m], maxSum[m]
			score := int64(100)
			if ms > 0 {
				score = (200*p + ms) / (2 * ms)
			}
			tot += score
			n++
		}
		scores[l] = int32((200*tot + 100*n) / (200 * n))
	}
}

// benchHandles registers the benchmark's learners in acc (the "learners
// are known" pass, outside the timer) and returns each attempt's learner
// and step handle, as the reference has its dense learner and module
// indexes.
func benchHandles(b *testing.B, acc *scoring.TrainingAccumulator, d *benchData) ([]scoring.LearnerRef, []scoring.StepRef) {
	ls := make([]scoring.LearnerRef, len(d.attempts))
	ss := make([]scoring.StepRef, len(d.attempts))
	for i := range d.attempts {
		a := &d.attempts[i]
		ls[i] = acc.Learner(a.Learner)
		s, err := acc.StepRef(a.Step)
		if err != nil {
			b.Fatal(err)
		}
		ss[i] = s
	}
	// Results sorts the learners once: part of knowing them.
	if _, err := acc.Results(); err != nil {
		b.Fatal(err)
	}
	return ls, ss
}

// BenchmarkTrainingScores is the benchmark target: the training scores of
// every learner from the same answers as BenchmarkReferenceDenseSum, with
// validation, exact sums, attempt selection (keep best / newest / all),
// S-1…S-11 per learner (training score, progress, completion and its date,
// pass, time spent), ordered by learner ID. The learners are known (a
// registration pass outside the timer gives the learner and step handles,
// as the reference has its dense indexes); each timed round Resets the
// accumulator, adds every attempt with AddRef and streams every learner's
// training result (Summaries), the way a dashboard aggregate or a training
// export consumes them. It reports ns/answer, x-reference (the ratio to
// the median BenchmarkReferenceDenseSum run in the same process), x-paired
// (the ratio to a reference round run, outside the timer, right before
// each timed round), add-x-paired (the same for the adding alone), and the
// split between adding (add-ns/answer) and results (result-ns/answer).
func BenchmarkTrainingScores(b *testing.B) {
	benchTraining(b, func(acc *scoring.TrainingAccumulator) (iter.Seq[scoring.TrainingResult], error) {
		return acc.Summaries()
	})
}

// BenchmarkTrainingResults is BenchmarkTrainingScores with every step's
// result as well (Results): 10 StepResults per learner, streamed.
func BenchmarkTrainingResults(b *testing.B) {
	benchTraining(b, func(acc *scoring.TrainingAccumulator) (iter.Seq[scoring.TrainingResult], error) {
		return acc.Results()
	})
}

func benchTraining(b *testing.B, results func(*scoring.TrainingAccumulator) (iter.Seq[scoring.TrainingResult], error)) {
	d := benchInput()
	acc := &scoring.TrainingAccumulator{Training: d.training}
	lr, sr := benchHandles(b, acc, d)
	ref := newBenchReference(d)
	var sum int64
	var tAdd, tRes, tRef time.Duration
	b.ReportAllocs()
	benchSettle(b)
	for b.Loop() {
		// A reference round next to each timed round, outside the timer:
		// x-paired compares the two under the same machine load.
		b.StopTimer()
		tr := time.Now()
		ref.round(d)
		tRef += time.Since(tr)
		b.StartTimer()
		t0 := time.Now()
		acc.Reset()
		for i := range d.attempts {
			if err := acc.AddRef(lr[i], sr[i], &d.attempts[i]); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		seq, err := results(acc)
		if err != nil {
			b.Fatal(err)
		}
		sum = 0
		for r := range seq {
			sum += r.Score.Num + int64(len(r.Steps))
		}
		tAdd += t1.Sub(t0)
		tRes += time.Since(t1)
	}
	reportRatio(b, report(b), tAdd, tRes)
	b.ReportMetric(float64(tAdd+tRes)/float64(tRef), "x-paired")
	b.ReportMetric(float64(tAdd)/float64(tRef), "add-x-paired")
	if sum == 0 {
		b.Fatal("no scores")
	}
}

// BenchmarkTrainingScoresByID is BenchmarkTrainingScores through the ID
// API: Add looks each attempt's learner and step up by ID (the learners
// are known from a first round outside the timer), then Summaries.
func BenchmarkTrainingScoresByID(b *testing.B) {
	d := benchInput()
	acc := &scoring.TrainingAccumulator{Training: d.training}
	for i := range d.attempts {
		if err := acc.Add(d.attempts[i]); err != nil {
			b.Fatal(err)
		}
	}
	// Results sorts the learners once: part of knowing them.
	if _, err := acc.Results(); err != nil {
		b.Fatal(err)
	}
	var sum int64
	var tAdd, tRes time.Duration
	b.ReportAllocs()
	benchSettle(b)
	for b.Loop() {
		t0 := time.Now()
		acc.Reset()
		for i := range d.attempts {
			if err := acc.Add(d.attempts[i]); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		seq, err := acc.Summaries()
		if err != nil {
			b.Fatal(err)
		}
		sum = 0
		for r := range seq {
			sum += r.Score.Num
		}
		tAdd += t1.Sub(t0)
		tRes += time.Since(t1)
	}
	reportRatio(b, report(b), tAdd, tRes)
	if sum == 0 {
		b.Fatal("no scores")
	}
}

// BenchmarkTrainingScoresSlice is BenchmarkTrainingScores with every result
// materialised in one slice (ResultInto, reusing the previous round's
// memory) instead of streamed: 1 million StepResults written per round.
func BenchmarkTrainingScoresSlice(b *testing.B) {
	d := benchInput()
	acc := &scoring.TrainingAccumulator{Training: d.training}
	lr, sr := benchHandles(b, acc, d)
	res, err := acc.ResultInto(nil)
	if err != nil {
		b.Fatal(err)
	}
	var tAdd, tRes time.Duration
	b.ReportAllocs()
	benchSettle(b)
	for b.Loop() {
		t0 := time.Now()
		acc.Reset()
		for i := range d.attempts {
			if err := acc.AddRef(lr[i], sr[i], &d.attempts[i]); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		if res, err = acc.ResultInto(res); err != nil {
			b.Fatal(err)
		}
		tAdd += t1.Sub(t0)
		tRes += time.Since(t1)
	}
	reportRatio(b, report(b), tAdd, tRes)
	if len(res) != benchLearners {
		b.Fatalf("%d results", len(res))
	}
}
