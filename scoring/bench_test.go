package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
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
	attempts []learnstats.Attempt
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
			s := scoring.Step{ID: learnstats.StepID(fmt.Sprintf("m%02d", m)), Kind: scoring.StepModule,
				Mandatory: m%3 != 2, RequiredScore: 50, Keep: scoring.Keep(m % 3)}
			for a := range benchActivities {
				max := int64(rng.IntN(21)) // 0–20 points, some activities max 0
				d.max[m][a] = max * 10_000_000
				s.Activities = append(s.Activities, scoring.Activity{ID: learnstats.ActivityID(fmt.Sprintf("a%02d", a)), Max: learnstats.WholePoints(max)})
			}
			d.training.Steps = append(d.training.Steps, s)
		}
		base := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
		d.attempts = make([]learnstats.Attempt, 0, benchLearners*benchModules)
		answers := make([]learnstats.Answer, benchAnswers)
		for l := range benchLearners {
			learner := learnstats.UserID(fmt.Sprintf("u%06d", l))
			for m := range benchModules {
				s := &d.training.Steps[m]
				start := base.Add(time.Duration(rng.IntN(300*24*60)) * time.Minute)
				a := learnstats.Attempt{ID: learnstats.AttemptID(fmt.Sprint(len(d.attempts) + 1)), Learner: learner, Step: s.ID, Start: start}
				if rng.IntN(10) != 0 { // 10 % unfinished
					a.Finish = start.Add(time.Duration(1+rng.IntN(120)) * time.Minute)
				}
				a.Answers = answers[:benchActivities:benchActivities]
				answers = answers[benchActivities:]
				for i, act := range s.Activities {
					a.Answers[i] = learnstats.Answer{Activity: act.ID, Points: learnstats.Points(rng.Int64N(int64(act.Max) + 1))}
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
// when the reference ran first in the same process (go test runs
// BenchmarkReferenceDenseSum first: it is declared first), and the split
// between adding (add-ns/answer) and results (result-ns/answer).
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
// mean. BenchmarkUserPath reports its ratio to the median of this
// benchmark's runs so far in the same process (x-reference).
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

var (
	upOnce sync.Once
	upData map[string][]learnstats.Attempt
)

// userPathInput returns the benchmark attempts with every ID decoded into a
// fresh string (as a database driver or CSV reader gives them: no string
// is shared with the training definition), in three orders: grouped by
// learner (a query ordered by learner), ordered by start time (a log), and
// shuffled.
func userPathInput() map[string][]learnstats.Attempt {
	upOnce.Do(func() {
		d := benchInput()
		fresh := strings.Clone
		grouped := make([]learnstats.Attempt, len(d.attempts))
		for i, a := range d.attempts {
			b := a
			b.ID = learnstats.AttemptID(fresh(string(a.ID)))
			b.Learner = learnstats.UserID(fresh(string(a.Learner)))
			b.Step = learnstats.StepID(fresh(string(a.Step)))
			b.Answers = make([]learnstats.Answer, len(a.Answers))
			for j, an := range a.Answers {
				b.Answers[j] = learnstats.Answer{Activity: learnstats.ActivityID(fresh(string(an.Activity))), Points: an.Points}
			}
			grouped[i] = b
		}
		timed := slices.Clone(grouped)
		slices.SortStableFunc(timed, func(x, y learnstats.Attempt) int { return x.Start.Compare(y.Start) })
		shuffled := slices.Clone(grouped)
		rng := rand.New(rand.NewPCG(7, 7))
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		upData = map[string][]learnstats.Attempt{"grouped": grouped, "timed": timed, "shuffled": shuffled}
	})
	return upData
}

// BenchmarkUserPath is the path users take: each round builds a fresh
// TrainingAccumulator on the training, adds every attempt by ID (IDs
// decoded into fresh strings, not shared with the definition), then takes
// every learner's result with Result — validation, exact
// sums, attempt selection (keep best / newest / all), S-1 … S-11, S-15 and
// S-16 per learner, 10 step results each, ordered by learner ID — from
// the same answers as BenchmarkReferenceDenseSum, in three input orders.
// It reports ns/answer, x-reference (the ratio to the median
// BenchmarkReferenceDenseSum run in the same process) and the split
// between adding (add-ns/answer) and the result (result-ns/answer).
func BenchmarkUserPath(b *testing.B) {
	for _, order := range []string{"grouped", "timed", "shuffled"} {
		b.Run(order, func(b *testing.B) {
			d := benchInput()
			atts := userPathInput()[order]
			var sum int64
			var tAdd, tRes time.Duration
			b.ReportAllocs()
			benchSettle(b)
			for b.Loop() {
				t0 := time.Now()
				acc, err := scoring.NewTrainingAccumulator(time.Time{}, d.training, scoring.Options{})
				if err != nil {
					b.Fatal(err)
				}
				for i := range atts {
					if err := acc.Add(atts[i]); err != nil {
						b.Fatal(err)
					}
				}
				t1 := time.Now()
				res := acc.Result()
				sum = 0
				for _, r := range res.Learners {
					sum += r.Score.Int() + int64(len(r.Steps))
				}
				tAdd += t1.Sub(t0)
				tRes += time.Since(t1)
			}
			reportRatio(b, report(b), tAdd, tRes)
			if sum == 0 {
				b.Fatal("no scores")
			}
		})
	}
}
