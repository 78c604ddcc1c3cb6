package demo

import (
	"io/fs"
	"slices"
	"strings"
)

// The area types below are placeholders that the area files replace.

// Learning holds learner statistics, collaboration and registration
// records.
type Learning struct{}

func loadLearning(fs.FS, *Dataset) (*Learning, error) { return &Learning{}, nil }

// Activity holds the engagement events, meetings and consent records.
type Activity struct{}

func loadActivity(fs.FS, *Dataset) (*Activity, error) { return &Activity{}, nil }

func sortTitles(ts []string) {
	slices.SortFunc(ts, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}
