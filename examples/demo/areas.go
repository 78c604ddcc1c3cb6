package demo

import (
	"slices"
	"strings"
)

// The area types below are placeholders that the area files replace.

func sortTitles(ts []string) {
	slices.SortFunc(ts, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}
