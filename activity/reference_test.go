package activity_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// refAnalyze computes the engagement analytics of events straight from
// the text of rules E-1 … E-8, E-10 and E-12, the slow way and
// independently of the accumulator: it collects each user's events,
// splits them into visits, and recomputes every figure from the visits.
// The events must be valid and in time order per user; sums must fit.
func refAnalyze(asOf time.Time, o activity.Options, events []activity.Event) activity.Analytics {
	gap := o.Gap
	if gap == 0 {
		gap = 30 * time.Minute
	}
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	var r activity.Analytics
	byUser := map[learnstats.UserID][]activity.Event{}
	refused := map[learnstats.UserID]bool{}
	for _, e := range events {
		switch {
		case o.User != "" && e.User != o.User:
			r.OtherUsers++ // Rule E-10.
		case !asOf.IsZero() && !e.Time.Before(asOf):
			r.AfterAsOf++ // Section 0.
		case o.Consent != nil && !o.Consent[e.User]:
			r.NoConsent++ // Rule E-12.
			refused[e.User] = true
		default:
			byUser[e.User] = append(byUser[e.User], e)
		}
	}
	r.NoConsentUsers = int64(len(refused))

	// Rule E-1: each user's events, in time order, form one visit until a
	// gap longer than gap; a visit belongs to the window of its first
	// event.
	type visit struct {
		user   learnstats.UserID
		events []activity.Event
	}
	var visits []visit
	for id, es := range byUser {
		var cur []activity.Event
		flush := func() {
			if len(cur) == 0 {
				return
			}
			if o.Window == (learnstats.Window{}) || o.Window.Contains(cur[0].Time) {
				visits = append(visits, visit{id, cur})
			} else {
				r.OutsideWindow += int64(len(cur))
			}
			cur = nil
		}
		for _, e := range es {
			if n := len(cur); n > 0 && e.Time.Sub(cur[n-1].Time) > gap {
				flush()
			}
			cur = append(cur, e)
		}
		flush()
	}
	slices.SortFunc(visits, func(x, y visit) int {
		return cmp.Or(strings.Compare(string(x.user), string(y.user)), x.events[0].Time.Compare(y.events[0].Time))
	})

	users := map[learnstats.UserID]*activity.UserStats{}
	var ids []learnstats.UserID
	starts := map[learnstats.UserID][]time.Time{}
	osDays := map[activity.OSDay]int64{}
	featureInteractions := map[string]int64{}
	featureUsers := map[string]map[learnstats.UserID]bool{}
	userFeatures := map[learnstats.UserID]map[string]int64{}
	type node struct {
		stats activity.FunnelNode
		users map[learnstats.UserID]bool
		kids  map[string]*node // "" is the exit
	}
	root := &node{users: map[learnstats.UserID]bool{}, kids: map[string]*node{}}
	kid := func(n *node, step string) *node {
		k := n.kids[step]
		if k == nil {
			k = &node{stats: activity.FunnelNode{Step: step, Exit: step == ""}, users: map[learnstats.UserID]bool{}, kids: map[string]*node{}}
			n.kids[step] = k
		}
		return k
	}
	type item struct{ typ, item string }
	items := map[item]*activity.ContentStats{}
	itemViewers := map[item]map[learnstats.UserID]bool{}
	typeViewers := map[string]map[learnstats.UserID]bool{}
	featureOf := func(e activity.Event) string {
		if e.Feature != "" {
			return e.Feature
		}
		return e.Category
	}
	for _, v := range visits {
		us := users[v.user]
		if us == nil {
			us = &activity.UserStats{User: v.user}
			users[v.user] = us
			ids = append(ids, v.user)
			userFeatures[v.user] = map[string]int64{}
		}
		last := v.events[len(v.events)-1].Time
		d := last.Sub(v.events[0].Time)
		us.Visits++
		us.TotalVisitDuration += d
		starts[v.user] = append(starts[v.user], v.events[0].Time)
		r.Visits++
		r.TotalVisitDuration += d
		for i, e := range v.events {
			us.Interactions++
			r.Interactions++
			osDays[activity.OSDay{Day: learnstats.DateOf(e.Time, loc), OS: e.OS}]++ // Rule E-4.
			f := featureOf(e)                                                       // Rule E-5.
			featureInteractions[f]++
			if featureUsers[f] == nil {
				featureUsers[f] = map[learnstats.UserID]bool{}
			}
			featureUsers[f][v.user] = true
			userFeatures[v.user][f]++
			if e.ContentType == "" { // Rule E-8.
				continue
			}
			k := item{e.ContentType, e.ContentItem}
			c := items[k]
			if c == nil {
				c = &activity.ContentStats{Type: k.typ, Item: k.item, ByOS: map[string]int64{}}
				items[k] = c
				itemViewers[k] = map[learnstats.UserID]bool{}
			}
			c.Views++
			c.ByOS[e.OS]++
			itemViewers[k][v.user] = true
			if typeViewers[k.typ] == nil {
				typeViewers[k.typ] = map[learnstats.UserID]bool{}
			}
			typeViewers[k.typ][v.user] = true
			switch {
			case e.HasDuration:
				c.TimeSpent += e.Duration
			case i+1 < len(v.events):
				c.TimeSpent += v.events[i+1].Time.Sub(e.Time)
			}
		}
		// Rule E-6: the path of steps (repeats collapsed), cut after 10
		// steps; each step's time runs to the next step's first event, the
		// last step's to the visit's last event.
		type step struct {
			feature string
			first   time.Time
			views   int64
		}
		var path []step
		for _, e := range v.events {
			if n := len(path); n > 0 && path[n-1].feature == featureOf(e) {
				path[n-1].views++
				continue
			}
			path = append(path, step{featureOf(e), e.Time, 1})
		}
		n := root
		n.stats.Visits++
		n.users[v.user] = true
		for i, s := range path[:min(len(path), 10)] {
			end := last
			if i+1 < len(path) {
				end = path[i+1].first
			}
			n = kid(n, s.feature)
			n.stats.Visits++
			n.stats.Views += s.views
			n.stats.TimeSpent += end.Sub(s.first)
			n.users[v.user] = true
		}
		x := kid(n, "")
		x.stats.Visits++
		x.users[v.user] = true
	}

	// Rules E-2, E-3 and E-7.
	r.ActiveUsers = int64(len(users))
	r.AvgVisitDuration = refAvg(r.TotalVisitDuration, r.Visits)
	r.VisitsPerUser = learnstats.NewRatio(r.Visits, r.ActiveUsers)
	r.InteractionsPerVisit = learnstats.NewRatio(r.Interactions, r.Visits)
	for _, id := range ids {
		us := users[id]
		us.AvgVisitDuration = refAvg(us.TotalVisitDuration, us.Visits)
		us.Class = refClass(starts[id])
		switch us.Class {
		case "daily":
			r.Daily++
		case "weekly":
			r.Weekly++
		case "monthly":
			r.Monthly++
		case "rarely":
			r.Rarely++
		case "once":
			r.Once++
		}
		for f, n := range userFeatures[id] {
			us.Features = append(us.Features, activity.FeatureStats{Feature: f, Interactions: n, Users: 1})
		}
		slices.SortFunc(us.Features, func(x, y activity.FeatureStats) int { return strings.Compare(x.Feature, y.Feature) })
		r.Users = append(r.Users, *us)
	}
	slices.SortFunc(r.Users, func(x, y activity.UserStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), strings.Compare(string(x.User), string(y.User)))
	})
	// Rule E-4.
	for k, n := range osDays {
		k.Interactions = n
		r.OSDays = append(r.OSDays, k)
	}
	slices.SortFunc(r.OSDays, func(x, y activity.OSDay) int {
		return cmp.Or(x.Day.Compare(y.Day), strings.Compare(x.OS, y.OS))
	})
	// Rule E-5.
	for f, n := range featureInteractions {
		r.Features = append(r.Features, activity.FeatureStats{Feature: f, Interactions: n, Users: int64(len(featureUsers[f]))})
	}
	slices.SortFunc(r.Features, func(x, y activity.FeatureStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), strings.Compare(x.Feature, y.Feature))
	})
	// Rule E-6.
	var build func(n *node) activity.FunnelNode
	build = func(n *node) activity.FunnelNode {
		s := n.stats
		s.Users = int64(len(n.users))
		for _, k := range n.kids {
			s.Children = append(s.Children, build(k))
		}
		slices.SortFunc(s.Children, func(x, y activity.FunnelNode) int {
			exit := func(n activity.FunnelNode) int {
				if n.Exit {
					return 1
				}
				return 0
			}
			return cmp.Or(cmp.Compare(y.Visits, x.Visits), cmp.Compare(exit(x), exit(y)), strings.Compare(x.Step, y.Step))
		})
		return s
	}
	r.Funnel = build(root)
	// Rule E-8: per type in the SPEC's order, items by views then name.
	for _, typ := range []string{"form", "page", "user profile", "session", "speaker", "sponsor", "document", "abstract", "search"} {
		t := activity.ContentStats{Type: typ, Viewers: int64(len(typeViewers[typ])), ByOS: map[string]int64{}}
		for k, c := range items {
			if k.typ != typ {
				continue
			}
			c.Viewers = int64(len(itemViewers[k]))
			t.Views += c.Views
			t.TimeSpent += c.TimeSpent
			for os, n := range c.ByOS {
				t.ByOS[os] += n
			}
			t.Items = append(t.Items, *c)
		}
		if t.Views == 0 {
			continue
		}
		slices.SortFunc(t.Items, func(x, y activity.ContentStats) int {
			return cmp.Or(cmp.Compare(y.Views, x.Views), strings.Compare(x.Item, y.Item))
		})
		r.Content = append(r.Content, t)
	}
	return r
}

// refAvg is total / n rounded half away from zero; 0 when n is 0.
func refAvg(total time.Duration, n int64) time.Duration {
	if n == 0 {
		return 0
	}
	q, rem := total/time.Duration(n), total%time.Duration(n)
	if 2*rem >= time.Duration(n) {
		q++
	}
	return q
}

// refClass is rule E-3: the median gap between visit starts, the mean of
// the two middle gaps for an even number, compared with 1, 7 and 31 days.
func refClass(starts []time.Time) string {
	if len(starts) < 2 {
		return "once"
	}
	var gaps []time.Duration
	for i := 1; i < len(starts); i++ {
		gaps = append(gaps, starts[i].Sub(starts[i-1]))
	}
	slices.Sort(gaps)
	n := len(gaps)
	twice := 2 * gaps[n/2] // twice the median, exact
	if n%2 == 0 {
		twice = gaps[n/2-1] + gaps[n/2]
	}
	day := 24 * time.Hour
	switch {
	case twice <= 2*day:
		return "daily"
	case twice <= 2*7*day:
		return "weekly"
	case twice <= 2*31*day:
		return "monthly"
	}
	return "rarely"
}

// refEvents generates events of users users: each user's in time order,
// the users interleaved at random. Gaps include 0, exactly the gap and
// the gap + 1ns; visits are long enough for funnels past 10 steps; users
// touch up to features features (more than a user state holds inline);
// some events view content, some with a duration; times cross the DST
// changes of Europe/Paris.
func refEvents(rng *rand.Rand, users, perUser, features int, start time.Time, gap time.Duration) []activity.Event {
	gaps := []time.Duration{0, 1, time.Second, time.Minute, 7 * time.Minute, gap, gap + 1, 2 * time.Hour, 23 * time.Hour, 25 * time.Hour, 8 * 24 * time.Hour}
	oses := []string{"iOS", "Android", "", "Web"}
	type gen struct {
		id   learnstats.UserID
		at   time.Time
		left int
		feat int
	}
	gs := make([]*gen, users)
	for i := range gs {
		gs[i] = &gen{id: learnstats.UserID(fmt.Sprintf("u%02d", i)),
			at: start.Add(time.Duration(rng.IntN(48)) * 30 * time.Minute), left: perUser}
	}
	var out []activity.Event
	for len(gs) > 0 {
		i := rng.IntN(len(gs))
		g := gs[i]
		g.at = g.at.Add(gaps[rng.IntN(len(gaps))])
		switch rng.IntN(4) {
		case 0: // repeat the feature
		case 1:
			g.feat = rng.IntN(features)
		default:
			g.feat = (g.feat + 1) % features
		}
		e := activity.Event{User: g.id, Time: g.at, Entry: viewed("x"), OS: oses[rng.IntN(len(oses))]}
		if g.feat > 0 || rng.IntN(2) == 0 {
			e.Feature = fmt.Sprintf("f%02d", g.feat)
		} // else the category stands for the feature
		switch rng.IntN(6) {
		case 0:
			e.ContentType, e.ContentItem = "page", fmt.Sprintf("p%d", rng.IntN(3))
		case 1:
			e.ContentType, e.ContentItem = "document", "d"
			e.Duration, e.HasDuration = time.Duration(rng.IntN(600))*time.Second, true
		}
		out = append(out, e)
		if g.left--; g.left == 0 {
			gs = slices.Delete(gs, i, i+1)
		}
	}
	return out
}

// TestE1_E8_MatchReference compares the accumulator (one pass, and three
// shards by user merged) with the reference on random event streams:
// ties, exact and exceeded gaps, DST changes, funnels longer than 10
// steps, users with more features than a user state holds inline,
// windows, asOf and consent.
func TestE1_E8_MatchReference(t *testing.T) {
	dst := time.Date(2026, 3, 28, 20, 0, 0, 0, paris)     // the night of 29 March 2026 has 23 hours
	dstEnd := time.Date(2026, 10, 24, 20, 0, 0, 0, paris) // the night of 25 October has 25
	tests := []struct {
		name, reason             string
		asOf                     time.Time
		o                        activity.Options
		users, perUser, features int
		start                    time.Time
		seeds                    int
	}{
		{name: "few features", reason: "the usual case",
			o: activity.Options{Location: paris}, users: 5, perUser: 60, features: 5, start: dst, seeds: 20},
		{name: "many features", reason: "users with more features than kept inline",
			o: activity.Options{Location: paris}, users: 4, perUser: 300, features: 40, start: dstEnd, seeds: 10},
		{name: "window and short gap", reason: "visits outside the window are left out; the gap is configurable",
			o: activity.Options{Location: paris, Gap: 7 * time.Minute,
				Window: learnstats.Window{Start: dstEnd.Add(6 * time.Hour), End: dstEnd.Add(5 * 24 * time.Hour)}},
			users: 6, perUser: 80, features: 20, start: dstEnd, seeds: 10},
		{name: "asOf and consent", reason: "events after asOf and of users without consent are left out",
			asOf: dst.Add(3 * 24 * time.Hour), o: activity.Options{
				Consent: map[learnstats.UserID]bool{"u00": true, "u01": true, "u03": true}},
			users: 5, perUser: 80, features: 18, start: dst, seeds: 10},
		{name: "UTC, ties", reason: "many users with few events tie on interactions",
			o: activity.Options{}, users: 30, perUser: 3, features: 3, start: dst, seeds: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(tt.seeds) {
				gap := tt.o.Gap
				if gap == 0 {
					gap = 30 * time.Minute
				}
				events := refEvents(rand.New(rand.NewPCG(seed, 5)), tt.users, tt.perUser, tt.features, tt.start, gap)
				want := refAnalyze(tt.asOf, tt.o, events)
				if diff := diffResults(want, analyzeAt(t, tt.asOf, tt.o, events...)); diff != "" {
					t.Fatalf("seed %d: %s: one pass differs from the reference (-want +got):\n%s", seed, tt.reason, diff)
				}
				shards := []*activity.AnalyticsAccumulator{newAccAt(t, tt.asOf, tt.o), newAccAt(t, tt.asOf, tt.o), newAccAt(t, tt.asOf, tt.o)}
				for _, e := range events {
					if err := shards[int(e.User[len(e.User)-1]-'0')%3].Add(e); err != nil {
						t.Fatal(err)
					}
				}
				m := newAccAt(t, tt.asOf, tt.o)
				for _, s := range shards {
					if err := m.Merge(s); err != nil {
						t.Fatal(err)
					}
				}
				if diff := diffResults(want, result(t, m)); diff != "" {
					t.Fatalf("seed %d: merged shards differ from the reference (-want +got):\n%s", seed, diff)
				}
			}
		})
	}
}
