package activity_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/activity"
)

// refAnalyze is a plain, slow reference of rules E-1 … E-7 written
// straight from their text (no interning, no caches, no inline per-user
// state): it groups each user's events into visits and recomputes every
// analytic from the visits. The events must be valid and in time order
// per user; cfg.AsOf and cfg.Consent are not supported (they must be
// zero). Content (E-8) is left out (Content is nil).
func refAnalyze(cfg activity.Config, events []activity.Event) activity.Result {
	gap := cfg.Gap
	switch {
	case gap == 0:
		gap = activity.DefaultGap
	case gap < 0:
		gap = 0
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	inWindow := func(t time.Time) bool {
		return cfg.Window == (learnstats.Window{}) || cfg.Window.Contains(t)
	}
	byUser := map[learnstats.UserID][]activity.Event{}
	var ids []learnstats.UserID
	for _, e := range events {
		if _, ok := byUser[e.User]; !ok {
			ids = append(ids, e.User)
		}
		byUser[e.User] = append(byUser[e.User], e)
	}
	// Rule E-1: split each user's events into visits, keep the window's.
	var r activity.Result
	type visit struct {
		user   learnstats.UserID
		events []activity.Event
	}
	var visits []visit
	for _, id := range ids {
		var cur []activity.Event
		flush := func() {
			if len(cur) == 0 {
				return
			}
			if inWindow(cur[0].Time) {
				visits = append(visits, visit{id, cur})
			} else {
				r.OutsideWindow += int64(len(cur))
			}
			cur = nil
		}
		for _, e := range byUser[id] {
			if n := len(cur); n > 0 && e.Time.Sub(cur[n-1].Time) > gap {
				flush()
			}
			cur = append(cur, e)
		}
		flush()
	}

	users := map[learnstats.UserID]*activity.UserStats{}
	starts := map[learnstats.UserID][]time.Time{}
	osDays := map[activity.OSDay]int64{}
	featInter := map[string]int64{}
	featUsers := map[string]map[learnstats.UserID]bool{}
	userFeat := map[learnstats.UserID]map[string]int64{}
	type node struct {
		stats activity.FunnelNode
		users map[learnstats.UserID]bool
		kids  map[string]*node // "" is the exit
	}
	root := &node{kids: map[string]*node{}}
	kid := func(n *node, step string) *node {
		k := n.kids[step]
		if k == nil {
			k = &node{stats: activity.FunnelNode{Step: step, Exit: step == ""}, users: map[learnstats.UserID]bool{}, kids: map[string]*node{}}
			n.kids[step] = k
		}
		return k
	}
	for _, v := range visits {
		us := users[v.user]
		if us == nil {
			us = &activity.UserStats{User: v.user}
			users[v.user] = us
			userFeat[v.user] = map[string]int64{}
		}
		d := v.events[len(v.events)-1].Time.Sub(v.events[0].Time)
		us.Visits++
		us.TotalVisitDuration += d
		starts[v.user] = append(starts[v.user], v.events[0].Time)
		r.Insights.Visits++
		r.Insights.TotalVisitDuration += d
		for _, e := range v.events {
			us.Interactions++
			r.Insights.Interactions++
			osDays[activity.OSDay{Day: learnstats.DateOf(e.Time, loc), OS: e.OS}]++
			f := e.FeatureName()
			featInter[f]++
			if featUsers[f] == nil {
				featUsers[f] = map[learnstats.UserID]bool{}
			}
			featUsers[f][v.user] = true
			userFeat[v.user][f]++
		}
		// Rule E-6: the path of steps (repeats collapsed), cut after
		// FunnelSteps steps; each step's time runs to the next step's
		// first event, the last step's to the visit's last event.
		type step struct {
			feature string
			first   time.Time
			views   int64
		}
		var path []step
		for _, e := range v.events {
			if n := len(path); n > 0 && path[n-1].feature == e.FeatureName() {
				path[n-1].views++
				continue
			}
			path = append(path, step{e.FeatureName(), e.Time, 1})
		}
		n := root
		for i, s := range path {
			if i == activity.FunnelSteps {
				break
			}
			end := v.events[len(v.events)-1].Time
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
	r.Insights.ActiveUsers = int64(len(users))
	r.Insights.AvgVisitDuration = refAvg(r.Insights.TotalVisitDuration, r.Insights.Visits)
	r.Insights.VisitsPerUser = activity.Ratio{Num: r.Insights.Visits, Den: r.Insights.ActiveUsers}
	r.Insights.InteractionsPerVisit = activity.Ratio{Num: r.Insights.Interactions, Den: r.Insights.Visits}
	for id, us := range users {
		us.AvgVisitDuration = refAvg(us.TotalVisitDuration, us.Visits)
		us.Class = refClass(starts[id])
		switch us.Class {
		case activity.Daily:
			r.Frequency.Daily++
		case activity.Weekly:
			r.Frequency.Weekly++
		case activity.Monthly:
			r.Frequency.Monthly++
		case activity.Rarely:
			r.Frequency.Rarely++
		case activity.Once:
			r.Frequency.Once++
		}
		for f, n := range userFeat[id] {
			us.Features = append(us.Features, activity.FeatureCount{Feature: f, Interactions: n})
		}
		slices.SortFunc(us.Features, func(x, y activity.FeatureCount) int { return strings.Compare(x.Feature, y.Feature) })
		r.Users = append(r.Users, *us)
	}
	slices.SortFunc(r.Users, func(x, y activity.UserStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), cmp.Compare(x.User, y.User))
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
	for f, n := range featInter {
		r.Features = append(r.Features, activity.FeatureStats{Feature: f, Interactions: n, Users: int64(len(featUsers[f]))})
	}
	slices.SortFunc(r.Features, func(x, y activity.FeatureStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), strings.Compare(x.Feature, y.Feature))
	})
	// Rule E-6.
	var build func(n *node) []activity.FunnelNode
	build = func(n *node) []activity.FunnelNode {
		var out []activity.FunnelNode
		for _, k := range n.kids {
			s := k.stats
			s.Users = int64(len(k.users))
			s.Children = build(k)
			out = append(out, s)
		}
		slices.SortFunc(out, func(x, y activity.FunnelNode) int {
			exit := func(n activity.FunnelNode) int {
				if n.Exit {
					return 1
				}
				return 0
			}
			return cmp.Or(cmp.Compare(y.Visits, x.Visits), cmp.Compare(exit(x), exit(y)), strings.Compare(x.Step, y.Step))
		})
		return out
	}
	r.Funnel = activity.Funnel{Visits: r.Insights.Visits, Users: r.Insights.ActiveUsers, Steps: build(root)}
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
func refClass(starts []time.Time) activity.FrequencyClass {
	if len(starts) < 2 {
		return activity.Once
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
		return activity.Daily
	case twice <= 2*7*day:
		return activity.Weekly
	case twice <= 2*31*day:
		return activity.Monthly
	}
	return activity.Rarely
}

// refEvents generates events of users users: each user's in time order,
// the users interleaved at random. Gaps include 0, exactly the gap and
// the gap + 1ns; visits are long enough for funnels past FunnelSteps
// steps; users touch up to features features (more than the per-user
// inline counts); times cross the DST changes of Europe/Paris.
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
		e := activity.Event{User: g.id, Time: g.at, Entry: activity.ContentViewed("x"), OS: oses[rng.IntN(len(oses))]}
		if g.feat > 0 || rng.IntN(2) == 0 {
			e.Feature = fmt.Sprintf("f%02d", g.feat)
		} // else the category stands for the feature
		out = append(out, e)
		if g.left--; g.left == 0 {
			gs = slices.Delete(gs, i, i+1)
		}
	}
	return out
}

// TestE1_E7_MatchReference compares the accumulator (Add, AddRef with
// interned users, AddRefs in batches, and shards merged) with the plain reference on random
// event streams: ties, exact and exceeded gaps, DST changes, funnels
// longer than FunnelSteps, users with more features than are kept inline.
func TestE1_E7_MatchReference(t *testing.T) {
	dst := time.Date(2026, 3, 28, 20, 0, 0, 0, paris)     // the night of 29 March 2026 has 23 hours
	dstEnd := time.Date(2026, 10, 24, 20, 0, 0, 0, paris) // the night of 25 October has 25
	tests := []struct {
		name, reason             string
		cfg                      activity.Config
		users, perUser, features int
		start                    time.Time
		seeds                    int
	}{
		{name: "few features", reason: "the usual case: every count inline",
			cfg: activity.Config{Location: paris}, users: 5, perUser: 60, features: 5, start: dst, seeds: 20},
		{name: "many features", reason: "users with more than the inline counts",
			cfg: activity.Config{Location: paris}, users: 4, perUser: 300, features: 40, start: dstEnd, seeds: 10},
		{name: "window and short gap", reason: "visits outside the window are left out; the gap is configurable",
			cfg: activity.Config{Location: paris, Gap: 7 * time.Minute,
				Window: learnstats.Window{Start: dstEnd.Add(6 * time.Hour), End: dstEnd.Add(5 * 24 * time.Hour)}},
			users: 6, perUser: 80, features: 20, start: dstEnd, seeds: 10},
		{name: "UTC, ties", reason: "many users with few events tie on interactions",
			cfg: activity.Config{}, users: 30, perUser: 3, features: 3, start: dst, seeds: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(tt.seeds) {
				gap := tt.cfg.Gap
				if gap == 0 {
					gap = activity.DefaultGap
				}
				events := refEvents(rand.New(rand.NewPCG(seed, 5)), tt.users, tt.perUser, tt.features, tt.start, gap)
				want := refNorm(refAnalyze(tt.cfg, events))

				got := analyze(t, tt.cfg, events...)
				refCheck(t, fmt.Sprintf("seed %d: Add (%s)", seed, tt.reason), want, got)

				// AddRef, with a Reset pass first so that the second pass
				// reuses the users' state.
				a := activity.NewAnalytics(tt.cfg)
				refs := map[learnstats.UserID]activity.UserRef{}
				for pass := range 2 {
					a.Reset()
					for _, e := range events {
						ref, ok := refs[e.User]
						if !ok {
							ref = a.Intern(e.User)
							refs[e.User] = ref
						}
						if pass == 1 {
							e.User = ""
						}
						if err := a.AddRef(ref, e); err != nil {
							t.Fatal(err)
						}
					}
					refCheck(t, fmt.Sprintf("seed %d, pass %d: AddRef", seed, pass), want, result(t, a))
				}

				// AddRefs in batches of random sizes (0 included), after a
				// Reset of the same accumulator.
				a.Reset()
				rng := rand.New(rand.NewPCG(seed, 7))
				for rest := events; len(rest) > 0; {
					n := min(rng.IntN(40), len(rest))
					batch := slices.Clone(rest[:n])
					batchRefs := make([]activity.UserRef, n)
					for i := range batch {
						batchRefs[i] = refs[batch[i].User]
						batch[i].User = ""
					}
					if added, err := a.AddRefs(batchRefs, batch); err != nil || added != n {
						t.Fatalf("AddRefs added %d of %d: %v", added, n, err)
					}
					rest = rest[n:]
				}
				refCheck(t, fmt.Sprintf("seed %d: AddRefs", seed), want, result(t, a))

				// Three shards by user, merged.
				shards := []*activity.Analytics{activity.NewAnalytics(tt.cfg), activity.NewAnalytics(tt.cfg), activity.NewAnalytics(tt.cfg)}
				for _, e := range events {
					if err := shards[int(e.User[len(e.User)-1]-'0')%3].Add(e); err != nil {
						t.Fatal(err)
					}
				}
				m := activity.NewAnalytics(tt.cfg)
				for _, s := range shards {
					if err := m.Merge(s); err != nil {
						t.Fatal(err)
					}
				}
				refCheck(t, fmt.Sprintf("seed %d: merged shards", seed), want, result(t, m))
			}
		})
	}
}

// refCheck fails t when got (normalized) differs from want, showing the
// difference. reflect.DeepEqual decides, cmp.Diff explains: cmp alone is
// too slow for the test to stay fast.
func refCheck(t *testing.T, what string, want, got activity.Result) {
	t.Helper()
	if got = refNorm(got); !reflect.DeepEqual(want, got) {
		t.Fatalf("%s differs from the reference (-want +got):\n%s", what, gocmp.Diff(want, got))
	}
}

// refNorm prepares a Result for comparison with the reference: Content
// cleared (the reference leaves E-8 out) and empty lists nil.
func refNorm(r activity.Result) activity.Result {
	r.Content = nil
	if len(r.OSDays) == 0 {
		r.OSDays = nil
	}
	if len(r.Features) == 0 {
		r.Features = nil
	}
	if len(r.Users) == 0 {
		r.Users = nil
	}
	for i := range r.Users {
		if len(r.Users[i].Features) == 0 {
			r.Users[i].Features = nil
		}
	}
	var norm func(ns []activity.FunnelNode) []activity.FunnelNode
	norm = func(ns []activity.FunnelNode) []activity.FunnelNode {
		if len(ns) == 0 {
			return nil
		}
		for i := range ns {
			ns[i].Children = norm(ns[i].Children)
		}
		return ns
	}
	r.Funnel.Steps = norm(r.Funnel.Steps)
	return r
}
