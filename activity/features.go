package activity

import (
	"cmp"
	"slices"
	"strings"
)

// Rule E-5 Top features. Interactions and distinct users per feature,
// most used first, ties by name.

// featureTotals is one feature's totals over the window's visits.
type featureTotals struct {
	name                string
	interactions, users int64
}

// FeatureStats is one feature of rule E-5, or of one user (rule E-7,
// [UserStats].Features).
type FeatureStats struct {
	// Feature is the feature's name ([Event].Feature, or the entry's
	// Category when the event has none); never empty.
	Feature string
	// Interactions counts the events of the window's visits on the
	// feature; always ≥ 1 (unused features are absent).
	Interactions int64
	// Users counts the distinct users with at least one of them (1 in a
	// user's own list).
	Users int64
}

// countFeature counts the event of u on the feature named name (rules
// E-5 and E-7) and returns the feature's number. A user's events on one
// feature often follow one another: the count of the feature of the
// user's last event is kept in u.current, next to the other fields every
// event reads, and stored back in u.counts when the user moves to
// another feature.
func (a *AnalyticsAccumulator) countFeature(u *userState, name string) int32 {
	if u.feature == none || a.features[u.feature].name != name {
		if u.feature != none {
			*u.counts.at(u.feature) = u.current
		}
		f := a.feature(name)
		u.feature, u.current = f, *u.counts.at(f)
		if u.current == 0 {
			a.features[f].users++ // the user's first event on f
		}
	}
	u.current++
	a.features[u.feature].interactions++
	return u.feature
}

// feature returns the number of the feature named name, created when
// new.
func (a *AnalyticsAccumulator) feature(name string) int32 {
	f, ok := a.featureIndex[name]
	if !ok {
		f = int32(len(a.features))
		a.featureIndex[name] = f
		a.features = append(a.features, featureTotals{name: name})
	}
	return f
}

// userFeatures returns u's interactions per feature, by feature name
// (byte-wise), each with Users 1.
func (a *AnalyticsAccumulator) userFeatures(u *userState) []FeatureStats {
	count := func(f int32) int64 {
		if f == u.feature {
			return u.current
		}
		return *u.counts.at(f)
	}
	n := 0
	for f := range int32(u.counts.len()) {
		if count(f) > 0 {
			n++
		}
	}
	out := make([]FeatureStats, 0, n)
	for f := range int32(u.counts.len()) {
		if c := count(f); c > 0 {
			out = append(out, FeatureStats{Feature: a.features[f].name, Interactions: c, Users: 1})
		}
	}
	slices.SortFunc(out, func(x, y FeatureStats) int { return strings.Compare(x.Feature, y.Feature) })
	return out
}

// topFeatures is rule E-5: the features used in the window's visits,
// most interactions first, ties by name.
func (a *AnalyticsAccumulator) topFeatures() []FeatureStats {
	var out []FeatureStats
	for _, f := range a.features {
		if f.interactions > 0 {
			out = append(out, FeatureStats{Feature: f.name, Interactions: f.interactions, Users: f.users})
		}
	}
	slices.SortFunc(out, func(x, y FeatureStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), strings.Compare(x.Feature, y.Feature))
	})
	return out
}
