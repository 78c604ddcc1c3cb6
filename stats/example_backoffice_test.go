package stats_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats"
)

func backofficeExampleUsers() []stats.BackofficeUser {
	return []stats.BackofficeUser{
		{ID: "u1", Email: "ana@example.com", RegisteredAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), Premium: true,
			BirthDate: learnstats.Date{Year: 2000, Month: time.February, Day: 29}, Sex: stats.BackofficeSexFemale,
			JournalsCompleted: 4, JournalMessages: 12, LessonsCompleted: 7, Chats: 2, ChatMessages: 30},
		{ID: "u2", Email: "ben@example.com", RegisteredAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
			Sex: stats.BackofficeSexMale, LessonsCompleted: 7, Chats: 1, ChatMessages: 3},
		{ID: "u3", Email: "cy@example.com", RegisteredAt: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), Premium: true,
			BirthDate:         learnstats.Date{Year: 1990, Month: time.November, Day: 23},
			JournalsCompleted: 1, JournalMessages: 1, LessonsCompleted: 2},
	}
}

// The cards of rule B-1, in one call.
func ExampleBackofficeCardsOf() {
	cards, err := stats.BackofficeCardsOf(slices.Values(backofficeExampleUsers()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", cards)
	// Output:
	// {TotalUsers:3 PremiumUsers:2 Journals:5 JournalMessages:13 LessonsCompleted:16 Chats:3 ChatMessages:33}
}

// Shards (goroutines, database partitions) each fill an accumulator; the
// merged cards are those of one pass. A source that can fail is the
// caller's loop around Add.
func ExampleBackofficeCardsAccumulator_Merge() {
	users := backofficeExampleUsers()
	var a, b stats.BackofficeCardsAccumulator
	for _, u := range users[:1] {
		if err := a.Add(u); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, u := range users[1:] {
		if err := b.Add(u); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := a.Merge(&b); err != nil {
		fmt.Println(err)
		return
	}
	c := a.Result()
	fmt.Println(c.TotalUsers, c.PremiumUsers, c.LessonsCompleted)
	// Output:
	// 3 2 16
}

// The per-user table of rule B-2 sorted by lessons completed, descending
// (the tie is broken by email), then the CSV rows of rule B-3 with each
// user's age at asOf.
func ExampleBackofficeUsers() {
	sortBy, err := stats.ParseBackofficeSortColumn("Lessons completed")
	if err != nil {
		fmt.Println(err)
		return
	}
	q := stats.BackofficeQuery{SortBy: sortBy, Descending: true}
	table, err := stats.BackofficeUsers(slices.Values(backofficeExampleUsers()), q)
	if err != nil {
		fmt.Println(err)
		return
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, paris)
	rows, err := table.WithAges(asOf, paris)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		age := "?"
		if r.AgeKnown {
			age = fmt.Sprint(r.Age)
		}
		fmt.Printf("%-16s lessons=%d premium=%v age=%s sex=%q\n", r.Email, r.LessonsCompleted, r.Premium, age, r.Sex)
	}

	q.Premium = stats.BackofficePremiumFalse
	free, _ := stats.BackofficeUsers(slices.Values(backofficeExampleUsers()), q)
	fmt.Println("non-premium:", len(free.Rows), "left out:", free.FilteredOut)
	// Output:
	// ana@example.com  lessons=7 premium=true age=26 sex="Female"
	// ben@example.com  lessons=7 premium=false age=? sex="Male"
	// cy@example.com   lessons=2 premium=true age=35 sex=""
	// non-premium: 1 left out: 2
}

// The survey export of rule B-4 for the days 1 to 22 November in Paris:
// one row per submission, one cell per question.
func ExampleSurveyResultsOf() {
	paris, _ := time.LoadLocation("Europe/Paris")
	survey := stats.Survey{ID: "s1", Questions: []stats.SurveyQuestion{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Topics of interest"},
	}}
	subs := []stats.SurveySubmission{
		{ID: "x2", SurveyID: "s1", User: "u2", Email: "ben@example.com",
			SubmittedAt: time.Date(2026, 11, 22, 23, 59, 59, 0, paris),
			Answers:     []stats.SurveyAnswer{{Question: "mood", Value: "Tired"}}},
		{ID: "x1", SurveyID: "s1", User: "u1", Email: "ana@example.com",
			SubmittedAt: time.Date(2026, 11, 3, 8, 0, 0, 0, paris),
			Answers: []stats.SurveyAnswer{
				{Question: "mood", Value: "Good"},
				{Question: "topics", Value: "Sleep"},
				{Question: "topics", Value: "Stress"},
			}},
		{ID: "x3", SurveyID: "s1", User: "u3", Email: "cy@example.com",
			SubmittedAt: time.Date(2026, 11, 23, 0, 0, 0, 0, paris)},
	}
	q := stats.SurveyQuery{
		From:     learnstats.Date{Year: 2026, Month: time.November, Day: 1},
		To:       learnstats.Date{Year: 2026, Month: time.November, Day: 22},
		Location: paris,
	}
	res, err := stats.SurveyResultsOf(survey, slices.Values(subs), q)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Rows {
		fmt.Printf("%s %q %s\n", r.Email, r.Answers, r.SubmittedAt.In(paris).Format(time.DateTime))
	}
	fmt.Println("outside the range:", res.OutsideRange)
	// Output:
	// ana@example.com ["Good" "Sleep; Stress"] 2026-11-03 08:00:00
	// ben@example.com ["Tired" ""] 2026-11-22 23:59:59
	// outside the range: 1
}
