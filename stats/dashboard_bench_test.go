package stats_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

var dashboardBenchSizes = []int{1_000, 100_000, 1_000_000}

// BenchmarkActiveUsersPerDay counts n login events of 10 000 users over a
// month in Paris (D-1).
func BenchmarkActiveUsersPerDay(b *testing.B) {
	loc := dashParis(b)
	rng, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 10, Day: 1}, learnstats.Date{Year: 2026, Month: 10, Day: 31}, loc)
	for _, n := range dashboardBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			events := make([]stats.ActiveUserEvent, n)
			users := make([]learnstats.UserID, 10_000)
			for i := range users {
				users[i] = learnstats.UserID(fmt.Sprintf("u%05d", i))
			}
			for i := range events {
				events[i] = stats.ActiveUserEvent{User: users[(i*7919)%len(users)], At: rng.Start.Add(time.Duration(i%(31*24*60)) * time.Minute)}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := stats.CountActiveUsersPerDay(slices.Values(events), rng, loc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTrainingProgress computes D-2 over n learner × training records
// spread over 20 trainings.
func BenchmarkTrainingProgress(b *testing.B) {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range dashboardBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			learners := dashboardBenchLearners(n, cutoff)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := stats.ComputeTrainingProgress(nil, slices.Values(learners), cutoff); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTrainingResults computes D-4 over n records.
func BenchmarkTrainingResults(b *testing.B) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range dashboardBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			learners := dashboardBenchLearners(n, asOf)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := stats.ComputeTrainingResults(slices.Values(learners), asOf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func dashboardBenchLearners(n int, cutoff time.Time) []stats.TrainingLearner {
	out := make([]stats.TrainingLearner, n)
	for i := range out {
		l := stats.TrainingLearner{
			Training:     stats.TrainingID(fmt.Sprintf("t%02d", i%20)),
			User:         learnstats.UserID(fmt.Sprintf("u%07d", i/20)),
			RegisteredAt: cutoff.Add(-time.Duration(i%1000) * time.Hour),
			Progress:     decimal.NewFromInt(int64(i % 101)),
			Score:        i % 101,
			TimeSpent:    time.Duration(i%500) * time.Minute,
			Mandatory:    stats.MandatoryStepStatuses{Passed: i % 3, Failed: i % 2, Pending: i % 4 / 3},
		}
		if i%3 == 0 {
			l.CompletedAt = l.RegisteredAt.Add(48 * time.Hour)
		}
		if i%17 == 0 {
			l.CertificateExpiresAt = cutoff.Add(-time.Hour)
		}
		out[i] = l
	}
	return out
}
