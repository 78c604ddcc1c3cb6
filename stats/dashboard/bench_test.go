package dashboard_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// BenchmarkActiveUsersPerDay counts n login events of 10 000 users over a
// month in Paris (D-1), user IDs decoded into fresh strings as a database
// driver gives them.
func BenchmarkActiveUsersPerDay(b *testing.B) {
	loc := paris(b)
	rng, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 10, Day: 1}, learnstats.Date{Year: 2026, Month: 10, Day: 31}, loc)
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			events := make([]dashboard.Event, n)
			for i := range events {
				events[i] = dashboard.Event{User: learnstats.UserID(fmt.Sprintf("u%05d", (i*7919)%10_000)), At: rng.Start.Add(time.Duration(i%(31*24*60)) * time.Minute)}
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dashboard.ActiveUsersPerDay(rng, loc, slices.Values(events)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchTrainings scores n learner × training records spread over 20
// trainings of three steps (two mandatory modules and an optional one),
// each learner with one or two attempts, one in 17 with an expired
// certificate: the results a caller passes to the dashboards.
func benchTrainings(b *testing.B, n int, asOf time.Time) []dashboard.Training {
	b.Helper()
	const trainings = 20
	accs := make([]*scoring.TrainingAccumulator, trainings)
	certs := make([][]certificates.Certificate, trainings)
	for i := range accs {
		def := scoring.Training{ID: learnstats.TrainingID(fmt.Sprintf("t%02d", i)), Name: fmt.Sprint("Training ", i%7),
			Steps: []scoring.Step{module("m1", true, 50), module("m2", true, 50), module("m3", false, 0)}}
		accs[i] = must(scoring.NewTrainingAccumulator(asOf, def, scoring.Options{}))
	}
	for i := range n {
		acc := accs[i%trainings]
		u := learnstats.UserID(fmt.Sprintf("u%07d", i/trainings))
		reg := asOf.Add(-time.Duration(i%1000+1) * time.Hour)
		start := reg.Add(time.Minute)
		if err := acc.AddLearner(u, reg); err != nil {
			b.Fatal(err)
		}
		if err := acc.Add(attempt("1", u, "m1", start, start.Add(time.Duration(i%500)*time.Second), int64(i%101))); err != nil {
			b.Fatal(err)
		}
		if i%3 == 0 {
			if err := acc.Add(attempt("2", u, "m2", start, start.Add(time.Minute), int64(i%71))); err != nil {
				b.Fatal(err)
			}
		}
		if i%17 == 0 {
			certs[i%trainings] = append(certs[i%trainings], cert(certificates.ID(fmt.Sprint(i)), u, start, asOf.Add(-time.Minute)))
		}
	}
	out := make([]dashboard.Training, trainings)
	for i, acc := range accs {
		out[i] = dashboard.Training{Results: acc.Result(), Certificates: certs[i]}
	}
	return out
}

var benchTrainingSizes = []int{1_000, 10_000, 100_000}

// BenchmarkProgress computes D-2 over n learner × training results.
func BenchmarkProgress(b *testing.B) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range benchTrainingSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			trs := benchTrainings(b, n, asOf)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dashboard.Progress(asOf, trs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkResults computes D-4 for every training of n learner × training
// results, for the platform owner.
func BenchmarkResults(b *testing.B) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range benchTrainingSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			trs := benchTrainings(b, n, asOf)
			var users []learnstats.User
			for i := range (n + 19) / 20 {
				users = append(users, learnstats.User{ID: learnstats.UserID(fmt.Sprintf("u%07d", i))})
			}
			dir := must(learnstats.NewDirectory(users))
			b.ReportAllocs()
			for b.Loop() {
				for _, tr := range trs {
					if _, err := dashboard.Results(asOf, tr, dir, learnstats.Everything); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkTrainingContent computes D-5 for every training of n learner ×
// training results.
func BenchmarkTrainingContent(b *testing.B) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range benchTrainingSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			trs := benchTrainings(b, n, asOf)
			b.ReportAllocs()
			for b.Loop() {
				for _, tr := range trs {
					if _, err := dashboard.TrainingContent(asOf, tr); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkUserMetrics computes D-6 over n accounts with two accesses
// each.
func BenchmarkUserMetrics(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			users := make([]learnstats.User, n)
			accesses := make([]dashboard.Event, 0, 2*n)
			for i := range users {
				users[i] = learnstats.User{ID: learnstats.UserID(fmt.Sprintf("u%07d", i)), CreatedAt: asOf.Add(-time.Duration(i%2000) * time.Hour)}
				accesses = append(accesses, dashboard.Event{User: users[i].ID, At: users[i].CreatedAt.Add(time.Hour)},
					dashboard.Event{User: users[i].ID, At: users[i].CreatedAt.Add(time.Duration(i%300) * time.Hour)})
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dashboard.UserMetricsOf(asOf, slices.Values(users), slices.Values(accesses)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
