package activity

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Merge adds o's users and totals into a. The two must hold disjoint sets
// of users (shards by user) and have the same configuration, compared as
// a whole: the window and asOf as instants, the gap, the location (its
// name and its offsets over the whole event time range, so that two
// zones with one name and other rules differ), anonymized mode, the user
// of individual analytics and the consent set (nil, not tracked, differs
// from every set; a missing user and false are the same answer).
// Otherwise, and for a.Merge(a), Merge returns an error wrapping
// [learnstats.ErrMismatch]. A sum that would pass 2⁶³−1 is an error
// wrapping [learnstats.ErrOverflow]. On error a is unchanged. o is not
// changed, and shares no memory with a afterwards.
//
// Merge is associative and commutative: shards merged in any order give
// the result of one pass over all their events.
func (a *AnalyticsAccumulator) Merge(o *AnalyticsAccumulator) error {
	if a == o {
		return fmt.Errorf("%w: merging analytics into themselves", learnstats.ErrMismatch)
	}
	a.init()
	o.init()
	if diff := a.set.diff(&o.set); diff != "" {
		return fmt.Errorf("%w: analytics options differ: %s", learnstats.ErrMismatch, diff)
	}
	var shared []learnstats.UserID
	for id := range o.users {
		if a.users[id] != nil {
			shared = append(shared, id)
		}
	}
	switch len(shared) {
	case 0:
	case 1:
		return fmt.Errorf("%w: shards share user %q (shard analytics by user)", learnstats.ErrMismatch, shared[0])
	default:
		return fmt.Errorf("%w: shards share %d users, %q first (shard analytics by user)", learnstats.ErrMismatch,
			len(shared), slices.Min(shared))
	}
	if !a.mergeFits(o) {
		return fmt.Errorf("activity: merging analytics: a count or duration passes 2⁶³−1: %w", learnstats.ErrOverflow)
	}

	a.interactions += o.interactions
	a.visits += o.visits
	a.duration += o.duration
	a.outside += o.outside
	a.noConsent += o.noConsent
	a.noConsentUsers += o.noConsentUsers
	a.afterAsOf += o.afterAsOf
	a.otherUsers += o.otherUsers
	for i, n := range o.typeViewers {
		a.typeViewers[i] += n
	}
	// o's features, cells, nodes and content items by their index in a.
	features := make([]int32, len(o.features))
	for i, f := range o.features {
		features[i] = a.feature(f.name)
		af := &a.features[features[i]]
		af.interactions += f.interactions
		af.users += f.users
	}
	cells := make([]int32, len(o.cells))
	for i, c := range o.cells {
		cells[i] = a.cell(c.key)
		a.cells[cells[i]].interactions += c.interactions
	}
	nodes := make([]int32, len(o.nodes)) // nodes[0] = 0: the roots
	for i := 1; i < len(o.nodes); i++ {  // in creation order: a parent before its children
		n := &o.nodes[i]
		nodes[i] = a.child(nodes[n.parent], features[n.feature])
		an := &a.nodes[nodes[i]]
		an.visits += n.visits
		an.views += n.views
		an.spent += n.spent
		an.exits += n.exits
	}
	content := make([]int32, len(o.content))
	for i, c := range o.content {
		content[i] = a.contentItem(c.key)
		ac := &a.content[content[i]]
		ac.views += c.views
		ac.viewers += c.viewers
		ac.spent += c.spent
		for os, n := range c.byOS {
			ac.byOS[os] += n
		}
	}
	remap := func(i int32, to []int32) int32 {
		if i == none {
			return none
		}
		return to[i]
	}
	for _, u := range o.users {
		v := *u
		v.feature, v.cell, v.node = remap(u.feature, features), remap(u.cell, cells), nodes[u.node]
		v.stepFeature, v.pending = remap(u.stepFeature, features), remap(u.pending, content)
		v.visits = make([]visitRecord, len(u.visits))
		for i, r := range u.visits {
			v.visits[i] = visitRecord{start: r.start, end: nodes[r.end]}
		}
		v.counts = featureCounts{}
		for f := range int32(u.counts.len()) {
			if n := *u.counts.at(f); n != 0 {
				*v.counts.at(features[f]) = n
			}
		}
		if v.feature != none {
			v.counts.at(v.feature) // room for the current feature's count, as countFeature keeps it
		}
		if u.viewed != nil {
			v.viewed = make(map[int32]bool, len(u.viewed))
			for c := range u.viewed {
				v.viewed[content[c]] = true
			}
		}
		a.newUser(v)
	}
	return nil
}

// mergeFits reports whether every sum of a.Merge(o) fits: the counts in
// an int64, the durations in a time.Duration.
func (a *AnalyticsAccumulator) mergeFits(o *AnalyticsAccumulator) bool {
	ok := true
	add := func(x, y int64) {
		_, fits := checked.Add(x, y)
		ok = ok && fits
	}
	addTime := func(x, y time.Duration) {
		_, fits := checked.AddDuration(x, y)
		ok = ok && fits
	}
	for _, pair := range [][2]int64{
		{a.interactions, o.interactions}, {a.visits, o.visits}, {a.outside, o.outside},
		{a.noConsent, o.noConsent}, {a.noConsentUsers, o.noConsentUsers}, {a.afterAsOf, o.afterAsOf},
		{a.otherUsers, o.otherUsers},
	} {
		add(pair[0], pair[1])
	}
	addTime(a.duration, o.duration)
	for i := range o.typeViewers {
		add(a.typeViewers[i], o.typeViewers[i])
	}
	for _, f := range o.features {
		if i, found := a.featureIndex[f.name]; found {
			add(a.features[i].interactions, f.interactions)
			add(a.features[i].users, f.users)
		}
	}
	for _, c := range o.cells {
		if i, found := a.cellIndex[c.key]; found {
			add(a.cells[i].interactions, c.interactions)
		}
	}
	// a's node for each of o's, where a has one (none otherwise).
	nodes := make([]int32, len(o.nodes))
	for i := 1; i < len(o.nodes); i++ {
		n := &o.nodes[i]
		nodes[i] = none
		p, pFound := nodes[n.parent], nodes[n.parent] != none
		f, fFound := a.featureIndex[o.features[n.feature].name]
		if !pFound || !fFound {
			continue
		}
		an, found := a.nodes[p].children[f]
		if !found {
			continue
		}
		nodes[i] = an
		add(a.nodes[an].visits, n.visits)
		add(a.nodes[an].views, n.views)
		add(a.nodes[an].exits, n.exits)
		addTime(a.nodes[an].spent, n.spent)
	}
	for _, c := range o.content {
		if i, found := a.contentIndex[c.key]; found {
			ac := &a.content[i]
			add(ac.views, c.views)
			add(ac.viewers, c.viewers)
			addTime(ac.spent, c.spent)
			for os, n := range c.byOS {
				add(ac.byOS[os], n)
			}
		}
	}
	return ok
}
