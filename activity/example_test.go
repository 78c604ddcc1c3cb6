package activity_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

func exampleEvents() []activity.Event {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(user string, min int, e activity.Entry, feature string) activity.Event {
		return activity.Event{User: learnstats.UserID(user), Time: at.Add(time.Duration(min) * time.Minute),
			Entry: e, Feature: feature, OS: "iOS"}
	}
	return []activity.Event{
		mk("u1", 0, activity.ContentViewed("Agenda"), "Agenda"),
		mk("u1", 5, activity.PollAnswered("Best day?", "Friday"), "Polls"),
		mk("u1", 90, activity.ContentViewed("Agenda"), "Agenda"), // a gap over 30 min: second visit
		mk("u2", 2, activity.ContentViewed("Agenda"), "Agenda"),
		mk("u2", 12, activity.ChatMessage("Hello!"), "Chat"),
	}
}

func ExampleAnalyze() {
	r, err := activity.Analyze(activity.Config{}, slices.Values(exampleEvents()))
	if err != nil {
		fmt.Println(err)
		return
	}
	in := r.Insights
	perUser, _ := in.VisitsPerUser.Decimal(2)
	fmt.Println("active users:", in.ActiveUsers, "visits:", in.Visits, "per user:", perUser.StringFixed(2))
	fmt.Println("average visit:", in.AvgVisitDuration)
	for _, f := range r.Features {
		fmt.Printf("feature %s: %d interactions, %d users\n", f.Feature, f.Interactions, f.Users)
	}
	for _, u := range r.Users {
		fmt.Printf("user %s: %d interactions, %d visits, %s\n", u.User, u.Interactions, u.Visits, u.Class)
	}
	// Output:
	// active users: 2 visits: 3 per user: 1.50
	// average visit: 5m0s
	// feature Agenda: 3 interactions, 2 users
	// feature Chat: 1 interactions, 1 users
	// feature Polls: 1 interactions, 1 users
	// user u1: 3 interactions, 2 visits, daily
	// user u2: 2 interactions, 1 visits, once
}

func ExampleAnalytics_AddRefs() {
	a := activity.NewAnalytics(activity.Config{})
	events := exampleEvents()
	refs := make([]activity.UserRef, len(events))
	for i, e := range events {
		refs[i] = a.Intern(e.User) // in a live stream, once per new user
	}
	// A stale copy of u1's first event arrives after u1's third.
	events = slices.Insert(events, 3, events[0])
	refs = slices.Insert(refs, 3, refs[0])
	n, err := a.AddRefs(refs, events)
	fmt.Println("added:", n, "out of order:", errors.Is(err, activity.ErrOutOfOrder))
	// Skip the refused event and add the rest.
	if _, err := a.AddRefs(refs[n+1:], events[n+1:]); err != nil {
		fmt.Println(err)
		return
	}
	r, err := a.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("interactions:", r.Insights.Interactions, "visits:", r.Insights.Visits)
	// Output:
	// added: 3 out of order: true
	// interactions: 5 visits: 3
}

func ExampleAnalytics_Merge() {
	// Shard by user: every event of a user goes to the same shard. Each
	// shard can be fed by its own goroutine or machine, from a source that
	// may fail (the caller's loop handles its errors).
	shards := []*activity.Analytics{activity.NewAnalytics(activity.Config{}), activity.NewAnalytics(activity.Config{})}
	for _, e := range exampleEvents() {
		shard := shards[int(e.User[1]-'0')%2] // u1 → shard 1, u2 → shard 0
		if err := shard.Add(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	total := activity.NewAnalytics(activity.Config{})
	for _, s := range shards {
		if err := total.Merge(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	r, err := total.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("visits:", r.Insights.Visits)
	err = total.Merge(shards[0])
	fmt.Println(errors.Is(err, activity.ErrShardOverlap))
	// Output:
	// visits: 3
	// true
}

func ExampleFunnel() {
	r, _ := activity.Analyze(activity.Config{}, slices.Values(exampleEvents()))
	var show func(ns []activity.FunnelNode, depth int)
	show = func(ns []activity.FunnelNode, depth int) {
		for _, n := range ns {
			step := n.Step
			if n.Exit {
				step = "(exit)"
			}
			fmt.Printf("%s%s: %d visits, %d users, %s\n", strings.Repeat("  ", depth), step, n.Visits, n.Users, n.TimeSpent)
			show(n.Children, depth+1)
		}
	}
	show(r.Funnel.Steps, 0)
	// Output:
	// Agenda: 3 visits, 2 users, 15m0s
	//   Chat: 1 visits, 1 users, 0s
	//     (exit): 1 visits, 1 users, 0s
	//   Polls: 1 visits, 1 users, 0s
	//     (exit): 1 visits, 1 users, 0s
	//   (exit): 1 visits, 1 users, 0s
}

func ExamplePollAnswered() {
	e := activity.PollAnswered("Which track?", "Go")
	fmt.Printf("%s | %s | %s\n", e.Category, e.Action, e.Label)
	q, a, ok := activity.ParsePoll(e)
	fmt.Println(q, a, ok, e.Kind() == activity.KindPollAnswered)
	s, id, ok := activity.ParseBreakout(activity.BreakoutName("Keynote", "3"))
	fmt.Println(s, id, ok)
	// Output:
	// Poll - Which track? | Question | Go
	// Which track? Go true true
	// Keynote 3 true
}

func ExampleReadReport() {
	in := "Date,First name,Last name,Email,Category,Action,Label\n" +
		"2026-11-20T10:00:00+01:00,Ada,Lovelace,ada@example.com,Chat,Message,'=1+1\n" +
		"2026-11-20T10:05:00+01:00,Ada,Lovelace,ada@example.com,Review - 5,Review,Great\n" +
		"20/11/2026,Ada,Lovelace,ada@example.com,Chat,Message,x\n"
	rows, err := activity.ReadReport(strings.NewReader(in))
	fmt.Println(len(rows), err)
	r := activity.NewReader(strings.NewReader(in))
	for row, err := range r.All() {
		if err != nil {
			fmt.Println(errors.Is(err, activity.ErrReportDate), err)
			break
		}
		stars, text, isReview := activity.ParseReview(row.Entry)
		fmt.Println(row.Time.UTC().Format(time.RFC3339), row.Category, row.Label, stars, text, isReview)
	}
	// Output:
	// 0 activity: report line 4, column 1: activity: bad report date: "20/11/2026"
	// 2026-11-20T09:00:00Z Chat =1+1 0  false
	// 2026-11-20T09:05:00Z Review - 5 Great 5 Great true
	// true activity: report line 4, column 1: activity: bad report date: "20/11/2026"
}

func ExampleIndividual() {
	_, err := activity.Individual(activity.Config{Anonymized: true}, "u1", slices.Values(exampleEvents()))
	fmt.Println(errors.Is(err, activity.ErrAnonymized))
	r, _ := activity.Individual(activity.Config{}, "u1", slices.Values(exampleEvents()))
	fmt.Println(r.Insights.Visits, r.PerDay[0].Day, r.PerDay[0].Interactions)
	// Output:
	// true
	// 2 2026-11-20 3
}

func ExampleMeetingsIn() {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ms := []activity.Meeting{
		{ID: "m1", Start: at, End: at.Add(time.Hour), Attendees: 5},
		{ID: "m2", Start: at.Add(2 * time.Hour), End: at.Add(2*time.Hour + 30*time.Minute), Attendees: 2},
		{ID: "m3", Start: at.Add(4 * time.Hour), Cancelled: true},
	}
	s, _ := activity.MeetingsIn(learnstats.LastDays(at.Add(24*time.Hour), 7), slices.Values(ms))
	avg, _ := s.AvgAttendees.Decimal(1)
	fmt.Println(s.Meetings, s.Cancelled, avg.StringFixed(1), s.AvgDuration)
	// Output:
	// 3 1 3.5 45m0s
}

func ExamplePseudonymizer() {
	p, _ := activity.NewPseudonymizer([]byte("a secret key"))
	u := p.Anonymize(learnstats.User{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	fmt.Println(u.FirstName, u.LastName == p.Pseudonym("u1"), u.Email == "", strings.HasPrefix(u.LastName, "anon-"))
	// Output:
	// Participant true true true
}

func ExampleSortReport() {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	// An events file sorted by user; each user's events are in time order.
	events := []activity.Event{
		{User: "u1", Time: at.Add(time.Minute), Entry: activity.HandRaised("Keynote")},
		{User: "u2", Time: at, Entry: activity.ChatMessage("hello")},
		{User: "u2", Time: at.Add(time.Minute), Entry: activity.ChatMessage("again")},
	}
	if err := activity.SortReport(events); err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		fmt.Println(e.Time.Format("15:04"), e.User, e.Category, e.Label)
	}
	// Output:
	// 09:00 u2 Chat hello
	// 09:01 u1 Hand Keynote
	// 09:01 u2 Chat again
}
