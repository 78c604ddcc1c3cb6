package demo

import (
	"io/fs"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// Activity holds the engagement events, meetings and consent records
// (FORMAT-activity.md describes the files).
type Activity struct {
	// Events are the interactions in file order, which is time order for
	// each user (the order activity.Analytics needs).
	Events []activity.Event
	// Meetings are the scheduled meetings (rule E-9).
	Meetings []activity.Meeting
	// Consent says who accepted tracking (rule E-12), in the form of
	// activity.Options.Consent: every user of the dataset is listed,
	// those missing from the consent file as accepting.
	Consent map[learnstats.UserID]bool
}

// contentTypeError is the library's verdict on e's content type alone,
// so that an unknown one is reported at its column: an event of e's user
// and time that is valid but for the content type fails with it and
// passes without it. Any other fault is left to the check of the whole
// event.
func contentTypeError(e activity.Event) error {
	if e.ContentType == "" {
		return nil
	}
	analyze := func(contentType, item string) error {
		probe := activity.Event{User: e.User, Time: e.Time, Entry: activity.Entry{Category: "content type check"},
			ContentType: contentType, ContentItem: item}
		_, err := activity.Analyze(time.Time{}, activity.Options{}, slices.Values([]activity.Event{probe}))
		return err
	}
	if err := analyze(e.ContentType, "item"); err != nil && analyze("", "") == nil {
		return err
	}
	return nil
}

func loadActivity(fsys fs.FS, ds *Dataset) (*Activity, error) {
	out := &Activity{Consent: map[learnstats.UserID]bool{}}

	rows := Open(fsys, "activity_consent.csv", Schema{Required: []string{"user_id", "tracking"}, Unique: [][]string{{"user_id"}}})
	for rows.Next() {
		u := ds.user(rows, "user_id")
		switch t := rows.Text("tracking"); t {
		case "accepted":
			out.Consent[u] = true
		case "refused":
			out.Consent[u] = false
		default:
			rows.Fail("tracking", "%q is neither accepted nor refused", t)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Users missing from the consent file accepted tracking.
	for _, u := range ds.Users {
		if _, listed := out.Consent[u.ID]; !listed {
			out.Consent[u.ID] = true
		}
	}

	rows = Open(fsys, "activity_events.csv", Schema{Required: []string{
		"user_id", "time", "category", "action", "label", "feature", "content_type", "content_item", "os", "duration_seconds"}})
	// The library checks each event (its fields, its words, each user's
	// time order) as it is added: a check accumulator adds them here, so
	// that its error carries the file and line.
	check, err := activity.NewAnalyticsAccumulator(time.Time{}, activity.Options{})
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		e := activity.Event{User: ds.user(rows, "user_id"), Time: rows.RequiredTime("time"),
			Entry:   activity.Entry{Category: rows.Text("category"), Action: rows.Text("action"), Label: rows.Text("label")},
			Feature: rows.Text("feature"), ContentType: rows.Text("content_type"),
			ContentItem: rows.Text("content_item"), OS: rows.Text("os")}
		e.Duration, e.HasDuration = rows.OptSeconds("duration_seconds")
		rows.CheckCell("content_type", contentTypeError(e))
		rows.Check(check.Add(e))
		out.Events = append(out.Events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "activity_meetings.csv", Schema{Required: []string{"id", "start", "end", "cancelled", "attendees"}, Unique: [][]string{{"id"}}})
	meetings, err := activity.NewMeetingsAccumulator(learnstats.Window{}) // checks each meeting, as events above
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		m := activity.Meeting{ID: rows.Text("id"), Start: rows.RequiredTime("start"), End: rows.Time("end"),
			Cancelled: rows.Bool("cancelled"), Attendees: rows.Int64("attendees")}
		rows.Check(meetings.Add(m))
		out.Meetings = append(out.Meetings, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
