package demo

import (
	"io/fs"
	"strconv"
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
	// Consent says who accepted tracking (rule E-12).
	Consent activity.ConsentSet
}

type activityEventRow struct {
	UserID      string `csv:"user_id"`
	Time        string `csv:"time"`
	Category    string `csv:"category"`
	Action      string `csv:"action"`
	Label       string `csv:"label"`
	Feature     string `csv:"feature"`
	ContentType string `csv:"content_type"`
	ContentItem string `csv:"content_item"`
	OS          string `csv:"os"`
	Duration    string `csv:"duration_seconds"`
}

type activityMeetingRow struct {
	ID        string `csv:"id"`
	Start     string `csv:"start"`
	End       string `csv:"end"`
	Cancelled string `csv:"cancelled"`
	Attendees string `csv:"attendees"`
}

type activityConsentRow struct {
	UserID   string `csv:"user_id"`
	Tracking string `csv:"tracking"`
}

func loadActivity(fsys fs.FS, ds *Dataset) (*Activity, error) {
	const evFile, mFile, cFile = "activity_events.csv", "activity_meetings.csv", "activity_consent.csv"
	out := &Activity{Consent: activity.ConsentSet{}}
	known := func(id string) bool { _, ok := ds.Directory.User(learnstats.UserID(id)); return ok }

	consent, err := ReadCSV[activityConsentRow](fsys, cFile)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for i, r := range consent {
		if !known(r.UserID) {
			return nil, Errorf(cFile, i, 1, "unknown user %q", r.UserID)
		}
		switch r.Tracking {
		case "accepted":
			out.Consent[learnstats.UserID(r.UserID)] = true
		case "refused":
			out.Consent[learnstats.UserID(r.UserID)] = false
		default:
			return nil, Errorf(cFile, i, 2, "tracking %q is neither accepted nor refused", r.Tracking)
		}
		listed[r.UserID] = true
	}
	// Users missing from the consent file accepted tracking.
	for _, u := range ds.Users {
		if !listed[string(u.ID)] {
			out.Consent[u.ID] = true
		}
	}

	rows, err := ReadCSV[activityEventRow](fsys, evFile)
	if err != nil {
		return nil, err
	}
	last := map[string]time.Time{}
	for i, r := range rows {
		if !known(r.UserID) {
			return nil, Errorf(evFile, i, 1, "unknown user %q", r.UserID)
		}
		t, err := ParseTime(r.Time)
		if err != nil {
			return nil, Errorf(evFile, i, 2, "time: %w", err)
		}
		if t.Before(last[r.UserID]) {
			return nil, Errorf(evFile, i, 2, "user %s: events are not in time order", r.UserID)
		}
		last[r.UserID] = t
		e := activity.Event{User: learnstats.UserID(r.UserID), Time: t,
			Entry:   activity.Entry{Category: r.Category, Action: r.Action, Label: r.Label},
			Feature: r.Feature, ContentType: activity.ContentType(r.ContentType), ContentItem: r.ContentItem, OS: r.OS}
		if r.Duration != "" {
			secs, err := strconv.ParseInt(r.Duration, 10, 64)
			if err != nil || secs < 0 {
				return nil, Errorf(evFile, i, 10, "duration_seconds %q is not a whole number of seconds", r.Duration)
			}
			e.Duration, e.HasDuration = time.Duration(secs)*time.Second, true
		}
		if err := e.Validate(); err != nil {
			return nil, Errorf(evFile, i, 1, "%w", err)
		}
		out.Events = append(out.Events, e)
	}

	meetings, err := ReadCSV[activityMeetingRow](fsys, mFile)
	if err != nil {
		return nil, err
	}
	for i, r := range meetings {
		m := activity.Meeting{ID: r.ID}
		if m.Start, err = ParseTime(r.Start); err != nil {
			return nil, Errorf(mFile, i, 2, "start: %w", err)
		}
		if m.End, err = ParseTime(r.End); err != nil {
			return nil, Errorf(mFile, i, 3, "end: %w", err)
		}
		if m.Cancelled, err = strconv.ParseBool(r.Cancelled); err != nil {
			return nil, Errorf(mFile, i, 4, "cancelled: %w", err)
		}
		if m.Attendees, err = strconv.ParseInt(r.Attendees, 10, 64); err != nil {
			return nil, Errorf(mFile, i, 5, "attendees: %w", err)
		}
		if err := m.Validate(); err != nil {
			return nil, Errorf(mFile, i, 1, "%w", err)
		}
		out.Meetings = append(out.Meetings, m)
	}
	return out, nil
}
