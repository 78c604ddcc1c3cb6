package activity_test

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
	"github.com/learnstats/learnstats/export"
)

// exampleEvents are the events of two users: u1 answers a poll and comes
// back after a gap of more than 30 minutes (a second visit); u2 chats.
func exampleEvents() []activity.Event {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mk := func(user string, min int, p activity.Parts, feature string) activity.Event {
		e, err := activity.NewEntry(p)
		if err != nil {
			panic(err)
		}
		return activity.Event{User: learnstats.UserID(user), Time: at.Add(time.Duration(min) * time.Minute),
			Entry: e, Feature: feature, OS: "iOS"}
	}
	return []activity.Event{
		mk("u1", 0, activity.Parts{Kind: activity.ContentViewed, Label: "Agenda"}, "Agenda"),
		mk("u1", 5, activity.Parts{Kind: activity.PollAnswered, Question: "Best day?", Label: "Friday"}, "Polls"),
		mk("u1", 90, activity.Parts{Kind: activity.ContentViewed, Label: "Agenda"}, "Agenda"),
		mk("u2", 2, activity.Parts{Kind: activity.ContentViewed, Label: "Agenda"}, "Agenda"),
		mk("u2", 12, activity.Parts{Kind: activity.ChatMessage, Label: "Hello!"}, "Chat"),
	}
}

func ExampleAnalyze() {
	// The analytics as of the end of 20 November, over the 7 days before.
	asOf := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	r, err := activity.Analyze(asOf, activity.Options{Window: learnstats.LastDays(asOf, 7)}, slices.Values(exampleEvents()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("active users:", r.ActiveUsers, "visits:", r.Visits, "per user:", r.VisitsPerUser.Decimal(2).StringFixed(2))
	fmt.Println("average visit:", r.AvgVisitDuration)
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

// eventsFromDB stands for a database cursor: it yields the events and
// then the error the cursor ends with.
func eventsFromDB() iter.Seq2[activity.Event, error] {
	return func(yield func(activity.Event, error) bool) {
		for _, e := range exampleEvents()[:3] {
			if !yield(e, nil) {
				return
			}
		}
		yield(activity.Event{}, errors.New("db: connection reset"))
	}
}

// A source that can fail, such as a database cursor, feeds the
// accumulator through learnstats.Feed: its error reaches the caller.
func ExampleAnalyticsAccumulator() {
	asOf := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	acc, err := activity.NewAnalyticsAccumulator(asOf, activity.Options{
		Window:  learnstats.LastDays(asOf, 7),
		Consent: map[learnstats.UserID]bool{"u1": true}, // rule E-12: u2 did not accept tracking
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = learnstats.Feed(eventsFromDB(), acc.Add)
	fmt.Println("feed:", err)
	for _, e := range exampleEvents()[3:] {
		if err := acc.Add(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	r, err := acc.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("interactions:", r.Interactions, "left out without consent:", r.NoConsent, "of", r.NoConsentUsers, "user")
	// Output:
	// feed: db: connection reset
	// interactions: 3 left out without consent: 2 of 1 user
}

func ExampleAnalyticsAccumulator_Merge() {
	// Shard by user: every event of a user goes to the same shard. Each
	// shard can be fed by its own goroutine or machine.
	shards := make([]*activity.AnalyticsAccumulator, 2)
	for i := range shards {
		var err error
		// The zero asOf and Options: no cut-off, all time.
		if shards[i], err = activity.NewAnalyticsAccumulator(time.Time{}, activity.Options{}); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, e := range exampleEvents() {
		shard := shards[int(e.User[1]-'0')%2] // u1 → shard 1, u2 → shard 0
		if err := shard.Add(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	var total activity.AnalyticsAccumulator // the zero accumulator: the zero asOf and Options
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
	fmt.Println("visits:", r.Visits)
	err = total.Merge(shards[0])
	fmt.Println(errors.Is(err, learnstats.ErrMismatch), err)
	// Output:
	// visits: 3
	// true learnstats: accumulators do not match: shards share user "u2" (shard analytics by user)
}

// Individual analytics (rule E-10) are the analytics of one user's
// events; anonymized mode refuses them (rule E-11).
func ExampleOptions_user() {
	r, err := activity.Analyze(time.Time{}, activity.Options{User: "u1"}, slices.Values(exampleEvents()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("visits:", r.Visits, "interactions:", r.Interactions, "of other users:", r.OtherUsers)
	for _, d := range r.OSDays {
		fmt.Println(d.Day, d.OS, d.Interactions)
	}
	_, err = activity.Analyze(time.Time{}, activity.Options{User: "u1", Anonymized: true}, slices.Values(exampleEvents()))
	fmt.Println(errors.Is(err, activity.ErrAnonymized))
	// Output:
	// visits: 2 interactions: 3 of other users: 2
	// 2026-11-20 iOS 3
	// true
}

func ExampleFunnelNode() {
	r, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values(exampleEvents()))
	if err != nil {
		fmt.Println(err)
		return
	}
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
	fmt.Printf("%d visits of %d users:\n", r.Funnel.Visits, r.Funnel.Users)
	show(r.Funnel.Children, 0)
	// Output:
	// 3 visits of 2 users:
	// Agenda: 3 visits, 2 users, 15m0s
	//   Chat: 1 visits, 1 users, 0s
	//     (exit): 1 visits, 1 users, 0s
	//   Polls: 1 visits, 1 users, 0s
	//     (exit): 1 visits, 1 users, 0s
	//   (exit): 1 visits, 1 users, 0s
}

func ExampleNewEntry() {
	e, err := activity.NewEntry(activity.Parts{Kind: activity.SessionJoined, Label: "Keynote", Breakout: "3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %s | %s\n", e.Category, e.Action, e.Label)
	p := e.Parts() // rule A-1: the parts back
	fmt.Println(p.Kind == activity.SessionJoined, p.Label, p.Breakout)

	read := activity.Entry{Category: "Rating - How useful?", Action: "Question", Label: "4"}
	q := read.Parts()
	fmt.Println(q.Kind == activity.RatingAnswered, q.Question, q.Number)
	_, err = activity.NewEntry(activity.Parts{Kind: activity.AccountCreated, Label: "Ada"})
	fmt.Println(err)
	// Output:
	// Session | Joined | Breakout from Keynote [#3]
	// true Keynote 3
	// true How useful? 4
	// activity: invalid event: entry of AccountCreated: label "Ada": this activity has none
}

// The activity report: rows in the order of rule A-3 with the users'
// identities, written by the export package and read back (rule A-1).
func ExampleReport() {
	dir, err := learnstats.NewDirectory([]learnstats.User{
		{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		{ID: "u2", FirstName: "=Bob", LastName: "Jones", Email: "bob@example.com"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// An events file sorted by user; each user's events are in time order.
	events := exampleEvents()
	rows, err := activity.Report(slices.Values(events[:4]), dir.User, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var out strings.Builder
	if _, err := export.WriteCSV(&out, export.ActivityReportTable(), slices.Values(rows), nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out.String())
	back := 0
	for _, err := range activity.ReadReport(strings.NewReader(out.String())) {
		if err != nil {
			fmt.Println(err)
			return
		}
		back++
	}
	fmt.Println(back, "rows read back")
	// Output:
	// Date,First name,Last name,Email,Category,Action,Label
	// 2026-11-20T09:00:00Z,Ada,Lovelace,ada@example.com,View Content,View,Agenda
	// 2026-11-20T09:02:00Z,'=Bob,Jones,bob@example.com,View Content,View,Agenda
	// 2026-11-20T09:05:00Z,Ada,Lovelace,ada@example.com,Poll - Best day?,Question,Friday
	// 2026-11-20T10:30:00Z,Ada,Lovelace,ada@example.com,View Content,View,Agenda
	// 4 rows read back
}

func ExampleReadReport() {
	in := "Date,First name,Last name,Email,Category,Action,Label\n" +
		"2026-11-20T10:00:00+01:00,Ada,Lovelace,ada@example.com,Chat,Message,'=1+1\n" +
		"20/11/2026,Ada,Lovelace,ada@example.com,Chat,Message,x\n" +
		"2026-11-20T10:05:00+01:00,Ada,Lovelace,ada@example.com,Review - 5,Review,Great\n"
	for row, err := range activity.ReadReport(strings.NewReader(in)) {
		if err != nil {
			fmt.Println(errors.Is(err, activity.ErrInvalidEvent), err)
			continue // the next rows are still read
		}
		p := row.Parts()
		fmt.Println(row.Time.UTC().Format(time.RFC3339), row.Category, row.Label, p.Number)
	}
	// Output:
	// 2026-11-20T09:00:00Z Chat =1+1 0
	// true parse error on line 3, column 1: activity: invalid event: report: bad date "20/11/2026": want RFC 3339
	// 2026-11-20T09:05:00Z Review - 5 Great 5
}

func ExampleAnalyzeMeetings() {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ms := []activity.Meeting{
		{ID: "m1", Start: at, End: at.Add(time.Hour), Attendees: 5},
		{ID: "m2", Start: at.Add(2 * time.Hour), End: at.Add(2*time.Hour + 30*time.Minute), Attendees: 2},
		{ID: "m3", Start: at.Add(4 * time.Hour), Cancelled: true},
	}
	s, err := activity.AnalyzeMeetings(learnstats.LastDays(at.Add(24*time.Hour), 7), slices.Values(ms))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Meetings, s.Cancelled, s.AvgAttendees.Decimal(1).StringFixed(1), s.AvgDuration)
	// Output:
	// 3 1 3.5 45m0s
}

// An anonymized report (rule E-11): pseudonyms instead of identities,
// and labels that name a person hashed.
func ExamplePseudonymizer() {
	p, err := activity.NewPseudonymizer([]byte("a secret key"))
	if err != nil {
		fmt.Println(err)
		return
	}
	u := p.Anonymize(learnstats.User{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	fmt.Println(u.FirstName, u.LastName == string(u.ID), u.Email == "", strings.HasPrefix(u.LastName, "anon-"))
	profile, _ := activity.NewEntry(activity.Parts{Kind: activity.QuickProfile, Label: "Grace Hopper"})
	known := func(id learnstats.UserID) (learnstats.User, bool) {
		return learnstats.User{ID: id, FirstName: "Ada"}, true
	}
	rows, err := activity.Report(slices.Values([]activity.Event{{User: "u1", Time: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), Entry: profile}}), known, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rows[0].FirstName, rows[0].LastName == u.LastName, strings.HasPrefix(rows[0].Label, "anon-name-"))
	// Output:
	// Participant true true true
	// Participant true true
}
