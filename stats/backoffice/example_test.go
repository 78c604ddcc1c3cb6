package backoffice_test

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// exampleUsers are the users of the examples: each carries the root
// identity record the caller maps once from its LMS.
func exampleUsers() []backoffice.User {
	return []backoffice.User{
		{User: learnstats.User{ID: "u1", Email: "ana@example.com", RegisteredAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)},
			Premium: true, BirthDate: learnstats.Date{Year: 2000, Month: time.February, Day: 29}, Sex: "Female",
			JournalsCompleted: 4, JournalMessages: 12, LessonsCompleted: 7, Chats: 2, ChatMessages: 30},
		{User: learnstats.User{ID: "u2", Email: "ben@example.com", RegisteredAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
			Sex: "Male", LessonsCompleted: 7, Chats: 1, ChatMessages: 3},
		{User: learnstats.User{ID: "u3", Email: "cy@example.com", RegisteredAt: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)},
			Premium: true, BirthDate: learnstats.Date{Year: 1990, Month: time.November, Day: 23},
			JournalsCompleted: 1, JournalMessages: 1, LessonsCompleted: 2},
	}
}

// The cards of rule B-1, in one call.
func ExampleCardsOf() {
	cards, err := backoffice.CardsOf(slices.Values(exampleUsers()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", cards)
	// Output:
	// {TotalUsers:3 PremiumUsers:2 Journals:5 JournalMessages:13 LessonsCompleted:16 Chats:3 ChatMessages:33}
}

// Shards (goroutines, database partitions) each fill an accumulator; the
// merged cards are those of one pass. Shards that overlap are an error,
// not users counted twice.
func ExampleCardsAccumulator_Merge() {
	users := exampleUsers()
	var a, b backoffice.CardsAccumulator
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

	var again backoffice.CardsAccumulator
	_ = again.Add(users[2])
	err := a.Merge(&again)
	fmt.Println(errors.Is(err, learnstats.ErrInvalidRecord), err)
	// Output:
	// 3 2 16
	// true backoffice: merge cards: user "u3" in both: learnstats: invalid record
}

// The per-user table of rule B-2 sorted by lessons completed, descending
// (the tie is broken by email), with the ages of rule B-3 at asOf: the
// query's texts are those a Reports page sends.
func ExampleTableOf() {
	paris, _ := time.LoadLocation("Europe/Paris")
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, paris)
	q := backoffice.Query{SortBy: "Lessons completed", Descending: true}
	table, err := backoffice.TableOf(asOf, slices.Values(exampleUsers()), q)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range table.Rows {
		age := "?"
		if r.AgeKnown {
			age = fmt.Sprint(r.Age)
		}
		fmt.Printf("%-16s lessons=%d premium=%v age=%s sex=%q\n", r.Email, r.LessonsCompleted, r.Premium, age, r.Sex)
	}

	q.Premium = "False"
	free, _ := backoffice.TableOf(asOf, slices.Values(exampleUsers()), q)
	fmt.Println("non-premium:", len(free.Rows), "left out:", free.FilteredOut)

	_, err = backoffice.TableOf(asOf, slices.Values(exampleUsers()), backoffice.Query{SortBy: "Age"})
	fmt.Println(errors.Is(err, backoffice.ErrInvalidQuery))
	// Output:
	// ana@example.com  lessons=7 premium=true age=26 sex="Female"
	// ben@example.com  lessons=7 premium=false age=? sex="Male"
	// cy@example.com   lessons=2 premium=true age=35 sex=""
	// non-premium: 1 left out: 2
	// true
}

// A source that can fail (a database cursor) feeds an accumulator through
// learnstats.Feed: the cursor's error reaches the caller.
func ExampleTableAccumulator() {
	cursor := func(fail bool) iter.Seq2[backoffice.User, error] {
		return func(yield func(backoffice.User, error) bool) {
			for _, u := range exampleUsers() {
				if !yield(u, nil) {
					return
				}
			}
			if fail {
				yield(backoffice.User{}, errors.New("db: connection reset"))
			}
		}
	}
	var acc backoffice.TableAccumulator
	if err := learnstats.Feed(cursor(false), acc.Add); err != nil {
		fmt.Println(err)
		return
	}
	table, err := acc.Result(backoffice.Query{SortBy: "Chat messages", Descending: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range table.Rows {
		fmt.Println(r.ID, r.ChatMessages)
	}
	var failing backoffice.TableAccumulator
	fmt.Println(learnstats.Feed(cursor(true), failing.Add))
	// Output:
	// u1 30
	// u2 3
	// u3 0
	// db: connection reset
}

// The survey export of rule B-4 for the days 1 to 22 November in Paris:
// one row per submission, one cell per question.
func ExampleSurveyResultsOf() {
	paris, _ := time.LoadLocation("Europe/Paris")
	survey := backoffice.Survey{ID: "s1", Questions: []backoffice.Question{
		{ID: "mood", Text: "How do you feel?"},
		{ID: "topics", Text: "Topics of interest"},
	}}
	subs := []backoffice.Submission{
		{ID: "x2", Survey: "s1", User: "u2", Email: "ben@example.com",
			SubmittedAt: time.Date(2026, 11, 22, 23, 59, 59, 0, paris),
			Answers:     map[string][]string{"mood": {"Tired"}}},
		{ID: "x1", Survey: "s1", User: "u1", Email: "ana@example.com",
			SubmittedAt: time.Date(2026, 11, 3, 8, 0, 0, 0, paris),
			Answers:     map[string][]string{"mood": {"Good"}, "topics": {"Sleep", "Stress"}}},
		{ID: "x3", Survey: "s1", User: "u3", Email: "cy@example.com",
			SubmittedAt: time.Date(2026, 11, 23, 0, 0, 0, 0, paris)},
	}
	r := backoffice.DateRange{
		From:     learnstats.Date{Year: 2026, Month: time.November, Day: 1},
		To:       learnstats.Date{Year: 2026, Month: time.November, Day: 22},
		Location: paris,
	}
	res, err := backoffice.SurveyResultsOf(survey, r, slices.Values(subs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range res.Rows {
		fmt.Printf("%s %q %s\n", row.Email, row.Answers, row.SubmittedAt.In(paris).Format(time.DateTime))
	}
	fmt.Println("outside the range:", res.OutsideRange)
	// Output:
	// ana@example.com ["Good" "Sleep; Stress"] 2026-11-03 08:00:00
	// ben@example.com ["Tired" ""] 2026-11-22 23:59:59
	// outside the range: 1
}

// Two shards of one survey export merge; an accumulator over another range
// does not.
func ExampleSurveyAccumulator_Merge() {
	survey := backoffice.Survey{ID: "s1", Questions: []backoffice.Question{{ID: "mood", Text: "How do you feel?"}}}
	november := backoffice.DateRange{From: learnstats.Date{Year: 2026, Month: 11, Day: 1}, To: learnstats.Date{Year: 2026, Month: 11, Day: 30}}
	a, _ := backoffice.NewSurveyAccumulator(survey, november)
	b, _ := backoffice.NewSurveyAccumulator(survey, november)
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	_ = a.Add(backoffice.Submission{ID: "x1", Survey: "s1", User: "u1", SubmittedAt: at, Answers: map[string][]string{"mood": {"Good"}}})
	_ = b.Add(backoffice.Submission{ID: "x2", Survey: "s1", User: "u2", SubmittedAt: at.Add(-time.Hour)})
	if err := a.Merge(b); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range a.Result().Rows {
		fmt.Printf("%s %q\n", r.SubmissionID, r.Answers)
	}
	december := backoffice.DateRange{From: learnstats.Date{Year: 2026, Month: 12, Day: 1}}
	c, _ := backoffice.NewSurveyAccumulator(survey, december)
	fmt.Println(errors.Is(a.Merge(c), learnstats.ErrMismatch))
	// Output:
	// x2 [""]
	// x1 ["Good"]
	// true
}
