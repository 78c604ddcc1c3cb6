package backoffice_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// benchUsers builds n users with varied counters, IDs and emails decoded
// into fresh strings as a database driver gives them (built inside the
// benchmarks, so plain go test never pays for it).
func benchUsers(n int) []backoffice.User {
	users := make([]backoffice.User, n)
	reg := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range users {
		users[i] = backoffice.User{
			User: learnstats.User{ID: learnstats.UserID(fmt.Sprintf("u%07d", i)), Email: fmt.Sprintf("user%07d@example.com", (i*7919)%n),
				RegisteredAt: reg.Add(time.Duration(i%5000) * time.Hour)},
			Premium:           i%3 == 0,
			BirthDate:         learnstats.Date{Year: 1960 + i%45, Month: time.Month(1 + i%12), Day: 1 + i%28},
			JournalsCompleted: int64(i % 13), JournalMessages: int64(i % 41), LessonsCompleted: int64(i % 29),
			Chats: int64(i % 7), ChatMessages: int64(i % 97),
		}
	}
	return users
}

func BenchmarkB1_Cards(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			users := benchUsers(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := backoffice.CardsOf(slices.Values(users)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkB2_Table(b *testing.B) {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			users := benchUsers(n)
			q := backoffice.Query{SortBy: "Chat messages", Descending: true}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := backoffice.TableOf(asOf, slices.Values(users), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkB4_SurveyResults(b *testing.B) {
	survey := backoffice.Survey{ID: "s1", Questions: []backoffice.Question{
		{ID: "a", Text: "A?"}, {ID: "b", Text: "B?"}, {ID: "c", Text: "A?"},
	}}
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			subs := make([]backoffice.Submission, n)
			at := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
			for i := range subs {
				subs[i] = backoffice.Submission{
					ID: fmt.Sprintf("x%07d", i), Survey: "s1", User: learnstats.UserID(fmt.Sprintf("u%d", i%500)),
					Email: fmt.Sprintf("u%d@example.com", i%500), SubmittedAt: at.Add(time.Duration(i%90000) * time.Minute),
					Answers: map[string][]string{"a": {"Good"}, "b": {"Sleep", "Focus"}},
				}
			}
			r := backoffice.DateRange{From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 30}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := backoffice.SurveyResultsOf(survey, r, slices.Values(subs)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
