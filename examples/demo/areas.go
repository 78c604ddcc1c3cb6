package demo

import (
	"io/fs"
	"slices"
	"strings"
)

// The area types below are placeholders that the area files replace.

// Training holds the trainings, modules, activities and attempts (scoring
// and training dashboards).
type Training struct{}

func loadTraining(fs.FS, *Dataset) (*Training, error) { return &Training{}, nil }

func sortTitles(ts []string) {
	slices.SortFunc(ts, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}
