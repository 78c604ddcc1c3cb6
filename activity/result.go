package activity

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Result is what [Analytics.Result] returns: every engagement analytic of
// the window, and the counts of events left out and why.
type Result struct {
	// Insights is rule E-2.
	Insights Insights
	// Frequency is rule E-3.
	Frequency Frequency
	// OSDays is rule E-4: interactions per calendar day (in
	// Config.Location) and operating system, ordered by day then OS; a
	// day and OS without interactions is absent.
	OSDays []OSDay
	// Features is rule E-5: most used first, ties by feature name.
	Features []FeatureStats
	// Funnel is rule E-6.
	Funnel Funnel
	// Users is rule E-7: every active user, most interactions first, ties
	// by user ID.
	Users []UserStats
	// Content is rule E-8: per content type in the order of
	// [ContentTypes], types without views left out.
	Content []ContentTypeStats

	// OutsideWindow counts the events of visits whose first event is
	// outside the window (rule E-1).
	OutsideWindow int64
	// NoConsent counts the events left out because their user did not
	// accept tracking (rule E-12); 0 when everyone accepted.
	NoConsent int64
	// NoConsentUsers counts the distinct users whose events were left out
	// for lack of consent (rule E-12), each once; 0 when everyone
	// accepted.
	NoConsentUsers int64
	// AfterAsOf counts the events at or after Config.AsOf.
	AfterAsOf int64
}

// Insights is rule E-2 for a window. Averages are exact ratios ([Ratio])
// or durations rounded to the nanosecond.
type Insights struct {
	// ActiveUsers is the number of users with at least one visit in the
	// window.
	ActiveUsers int64
	// Visits counts the visits of the window (those whose first event is
	// in it, rule E-1), the visit still open at Result included.
	Visits int64
	// Interactions counts the events of those visits, also those after
	// the window's End; events left out (other visits, no consent, at or
	// after AsOf) are not in it.
	Interactions int64
	// TotalVisitDuration sums the visits' durations (last event − first).
	TotalVisitDuration time.Duration
	// AvgVisitDuration is TotalVisitDuration / Visits, rounded half away
	// from zero to the nanosecond; 0 without visits.
	AvgVisitDuration time.Duration
	// VisitsPerUser is Visits / ActiveUsers.
	VisitsPerUser Ratio
	// InteractionsPerVisit is Interactions / Visits, the interactions per
	// user per visit.
	InteractionsPerVisit Ratio
}

// FrequencyClass is a user's class in rule E-3.
type FrequencyClass string

// The classes of rule E-3.
const (
	Daily   FrequencyClass = "daily"
	Weekly  FrequencyClass = "weekly"
	Monthly FrequencyClass = "monthly"
	Rarely  FrequencyClass = "rarely"
	Once    FrequencyClass = "once"
)

// Frequency counts the active users per class of rule E-3.
type Frequency struct {
	// Daily, Weekly, Monthly, Rarely and Once count the active users whose
	// median gap between visit starts is ≤ 24 hours, ≤ 7 × 24 hours,
	// ≤ 31 × 24 hours, longer, and who had a single visit in the window;
	// they add up to Insights.ActiveUsers.
	Daily, Weekly, Monthly, Rarely, Once int64
}

// OSDay is one cell of rule E-4.
type OSDay struct {
	// Day is the calendar day in Config.Location (UTC when nil).
	Day learnstats.Date
	// OS is the operating system as the events name it ([Event].OS); the
	// empty string is the class of events with no OS recorded.
	OS string
	// Interactions counts the events of the window's visits on that day
	// from that OS; always ≥ 1 (empty cells are absent).
	Interactions int64
}

// FeatureStats is one feature of rule E-5.
type FeatureStats struct {
	// Feature is the feature's name ([Event.FeatureName]), never empty.
	Feature string
	// Interactions counts the events of the window's visits on the
	// feature; always ≥ 1 (unused features are absent).
	Interactions int64
	// Users counts the distinct users with at least one of those events.
	Users int64
}

// FeatureCount is a user's interactions with one feature.
type FeatureCount struct {
	// Feature is the feature's name ([Event.FeatureName]).
	Feature string
	// Interactions counts the user's events on the feature in the
	// window's visits; always ≥ 1.
	Interactions int64
}

// UserStats is one user of rule E-7, with the user's interactions per
// feature (for the interaction stats export).
type UserStats struct {
	// User is the user's ID.
	User learnstats.UserID
	// Interactions counts the user's events in the window's visits (the
	// rank of rule E-7).
	Interactions int64
	// Visits counts the user's visits in the window (rule E-1), the open
	// one included; always ≥ 1.
	Visits int64
	// TotalVisitDuration sums the durations of the user's visits (last
	// event − first), as in [Insights]; 0 when every visit is a single
	// instant.
	TotalVisitDuration time.Duration
	// AvgVisitDuration is TotalVisitDuration / Visits, rounded half away
	// from zero to the nanosecond, as in [Insights].
	AvgVisitDuration time.Duration
	// Class is the user's rule E-3 class.
	Class FrequencyClass
	// Features lists the user's interactions per feature, by feature name.
	Features []FeatureCount
}

// FeatureInteractions returns the user's interactions with feature (0 when none).
func (s UserStats) FeatureInteractions(feature string) int64 {
	i, ok := slices.BinarySearchFunc(s.Features, feature, func(f FeatureCount, name string) int {
		return strings.Compare(f.Feature, name)
	})
	if !ok {
		return 0
	}
	return s.Features[i].Interactions
}

// Funnel is rule E-6: the visits' paths of steps merged into a tree of
// prefixes.
type Funnel struct {
	// Visits and Users are the visits and users the funnel covers.
	Visits, Users int64
	// Steps are the first steps; see [FunnelNode] for the order.
	Steps []FunnelNode
}

// FunnelNode is one prefix of the visits' paths (rule E-6). A path is the
// sequence of features of a visit with consecutive repeats collapsed, cut
// after [FunnelSteps] steps and ending in an exit node.
type FunnelNode struct {
	// Step is the feature of the step; empty for the exit node.
	Step string
	// Exit marks the node that ends the path.
	Exit bool
	// Visits and Users followed this prefix.
	Visits, Users int64
	// Views counts the events of the step (0 for exit).
	Views int64
	// TimeSpent sums, over the visits, the time from the step's first
	// event to the next step's first event (also when the next step is
	// cut off), or to the visit's last event for the visit's last step;
	// 0 for exit.
	TimeSpent time.Duration
	// Children follow this step: most visits first, ties by step name,
	// the exit node after the named steps.
	Children []FunnelNode
}

// OSCount is a number of views from one operating system.
type OSCount struct {
	// OS is the operating system ([Event].OS); empty for views with no OS
	// recorded.
	OS string
	// Views counts the views from that OS; always ≥ 1 (OSes without views
	// are absent).
	Views int64
}

// ContentStats is one content item of rule E-8.
type ContentStats struct {
	// Type is the item's content type, one of [ContentTypes].
	Type ContentType
	// Item is the item's identifier or name ([Event].ContentItem), never
	// empty.
	Item string
	// Views counts the events on the item, Viewers the distinct users.
	Views, Viewers int64
	// TimeSpent sums each view's explicit duration, or else the time
	// until the same user's next event in the same visit (0 for a visit's
	// last event).
	TimeSpent time.Duration
	// ByOS splits the views by operating system, ordered by OS.
	ByOS []OSCount
}

// ContentTypeStats is one content type of rule E-8, with its items (most
// views first, ties by item).
type ContentTypeStats struct {
	// Type is the content type, one of [ContentTypes].
	Type ContentType
	// Views counts the views of every item of the type (always ≥ 1);
	// Viewers the distinct users who viewed at least one of them (not the
	// sum of the items' viewers).
	Views, Viewers int64
	// TimeSpent sums the items' time spent (see [ContentStats]).
	TimeSpent time.Duration
	// ByOS splits the type's views by operating system, ordered by OS
	// (byte-wise); OSes without views are absent.
	ByOS []OSCount
	// Items holds the type's items with at least one view, most views
	// first, ties by item (byte-wise).
	Items []ContentStats
}

// ContentItem returns the statistics of one item (rule E-8's filter);
// ok is false when it had no views.
func (r Result) ContentItem(t ContentType, item string) (ContentStats, bool) {
	for _, ct := range r.Content {
		if ct.Type != t {
			continue
		}
		for _, c := range ct.Items {
			if c.Item == item {
				return c, true
			}
		}
	}
	return ContentStats{}, false
}

// Result computes the analytics of the events added so far. Open visits
// are treated as ended at their last event; the accumulator is not
// changed by this (beyond interning), so more events may follow.
//
// A total that would pass 2⁶³−1 nanoseconds once the open visits are
// added (total visit duration, funnel step time, a content type's time) is
// an error wrapping [learnstats.ErrOverflow] naming the user or content
// type; so is the overflow that stopped the accumulator (see
// [Analytics.Add]). No figure of a Result is negative.
func (a *Analytics) Result() (Result, error) {
	if a.err != nil {
		return Result{}, a.err
	}
	var r Result
	r.OutsideWindow, r.NoConsent, r.NoConsentUsers, r.AfterAsOf = a.outside, a.noConsent, a.noConsentUsers, a.afterAsOf
	r.Insights.Interactions = a.interactions
	if a.users == nil {
		r.Funnel.Steps = []FunnelNode{}
		return r, nil
	}
	// Make sure every open visit's exit node exists, then close the open
	// visits on copies.
	for i := range a.us {
		if u := &a.us[i]; u.vCounted {
			a.child(u.node, exitFeat)
		}
	}
	nstat := slices.Clone(a.nstat)
	stamp := make([]int32, len(a.nodes)) // last user counted on each node, +1
	visits, duration := a.visits, a.duration
	// Group the visit log by user, each user's visits in time order, with
	// a last place for the start of the user's open visit.
	off := make([]int, len(a.us)+1)
	for i := range a.us {
		off[i+1] = off[i] + int(a.us[i].visits)
		if a.us[i].vCounted {
			off[i+1]++
		}
	}
	starts := make([]int64, off[len(a.us)])
	exits := make([]int32, len(starts))
	next := slices.Clone(off[:len(a.us)])
	for _, v := range a.vlog {
		starts[next[v.user]], exits[next[v.user]] = v.start, v.exit
		next[v.user]++
	}
	r.Users = make([]UserStats, 0, a.active)
	for i := range a.us {
		u := &a.us[i]
		if !u.active {
			continue
		}
		us := UserStats{User: a.ids[i], Visits: u.visits, TotalVisitDuration: u.duration}
		uStarts, uExits := starts[off[i]:off[i+1]], exits[off[i]:next[i]]
		if u.vCounted {
			uStarts[len(uStarts)-1] = u.vStart
			d := time.Duration(u.last - u.vStart)
			visits++
			us.Visits++
			us.TotalVisitDuration += d // the user's own total cannot overflow (see closeVisit)
			var ok bool
			if duration, ok = checked.AddDuration(duration, d); !ok {
				return Result{}, resultOverflow(fmt.Sprintf("user %q: total visit duration (E-2) with the open visits", a.ids[i]))
			}
			if u.step >= 1 && u.step <= FunnelSteps {
				if nstat[u.node].spent, ok = checked.AddDuration(nstat[u.node].spent, time.Duration(u.last-u.stepStart)); !ok {
					return Result{}, resultOverflow(fmt.Sprintf("user %q: funnel step time (E-6) with the open visits", a.ids[i]))
				}
			}
			x := a.nodeIdx[nodeKey(u.node, exitFeat)]
			nstat[x].visits++
			a.countPath(nstat, stamp, int32(i), x)
		}
		// Distinct users per funnel node (rule E-6): the union of the
		// paths of the user's visits, each path the ancestors of its exit.
		for _, x := range uExits {
			a.countPath(nstat, stamp, int32(i), x)
		}
		us.AvgVisitDuration = avgDuration(us.TotalVisitDuration, us.Visits)
		us.Class = classify(uStarts)
		switch us.Class {
		case Daily:
			r.Frequency.Daily++
		case Weekly:
			r.Frequency.Weekly++
		case Monthly:
			r.Frequency.Monthly++
		case Rarely:
			r.Frequency.Rarely++
		default:
			r.Frequency.Once++
		}
		a.flushRun(u, int32(i))
		us.Features = make([]FeatureCount, a.nFeatures(u))
		for j := range us.Features {
			n := a.featureCount(u, int32(i), j)
			us.Features[j] = FeatureCount{Feature: a.feats[a.fcAt(u, j).feat].name, Interactions: n}
			us.Interactions += n // the user's events in the window's visits
		}
		slices.SortFunc(us.Features, func(x, y FeatureCount) int { return strings.Compare(x.Feature, y.Feature) })
		r.Users = append(r.Users, us)
	}
	// Rule E-7.
	slices.SortFunc(r.Users, func(x, y UserStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), cmp.Compare(x.User, y.User))
	})

	// Rule E-2.
	in := &r.Insights
	in.ActiveUsers, in.Visits, in.TotalVisitDuration = a.active, visits, duration
	in.AvgVisitDuration = avgDuration(duration, visits)
	in.VisitsPerUser = Ratio{visits, a.active}
	in.InteractionsPerVisit = Ratio{a.interactions, visits}

	// Rule E-4.
	for d, row := range a.osDay {
		for o, n := range row {
			if n != 0 {
				r.OSDays = append(r.OSDays, OSDay{Day: a.days[d], OS: a.osNames[o], Interactions: n})
			}
		}
	}
	slices.SortFunc(r.OSDays, func(x, y OSDay) int {
		return cmp.Or(x.Day.Compare(y.Day), strings.Compare(x.OS, y.OS))
	})

	// Rule E-5.
	for _, f := range a.feats {
		if f.interactions != 0 {
			r.Features = append(r.Features, FeatureStats{Feature: f.name, Interactions: f.interactions, Users: f.users})
		}
	}
	slices.SortFunc(r.Features, func(x, y FeatureStats) int {
		return cmp.Or(cmp.Compare(y.Interactions, x.Interactions), strings.Compare(x.Feature, y.Feature))
	})

	// Rule E-6.
	r.Funnel = a.funnel(nstat, visits)

	// Rule E-8.
	var err error
	if r.Content, err = a.contentResult(); err != nil {
		return Result{}, err
	}
	return r, nil
}

// resultOverflow is the error of a Result total that would pass 2⁶³−1.
func resultOverflow(what string) error {
	return fmt.Errorf("activity: result: %s is too long for a time.Duration: %w", what, learnstats.ErrOverflow)
}

// countPath counts user ui (once) on the nodes from x up to the root.
func (a *Analytics) countPath(nstat []nodeStats, stamp []int32, ui, x int32) {
	for n := x; n > 0 && stamp[n] != ui+1; n = a.nodes[n].parent {
		stamp[n] = ui + 1
		nstat[n].users++
	}
}

func (a *Analytics) funnel(nstat []nodeStats, visits int64) Funnel {
	kids := make([][]int32, len(a.nodes))
	for i := 1; i < len(a.nodes); i++ {
		if nstat[i].visits > 0 {
			p := a.nodes[i].parent
			kids[p] = append(kids[p], int32(i))
		}
	}
	var build func(n int32) []FunnelNode
	build = func(n int32) []FunnelNode {
		out := make([]FunnelNode, 0, len(kids[n]))
		for _, c := range kids[n] {
			s := nstat[c]
			fn := FunnelNode{Visits: s.visits, Users: s.users, Views: s.views, TimeSpent: s.spent}
			if f := a.nodes[c].feat; f == exitFeat {
				fn.Exit = true
			} else {
				fn.Step = a.feats[f].name
			}
			fn.Children = build(c)
			out = append(out, fn)
		}
		slices.SortFunc(out, func(x, y FunnelNode) int {
			if c := cmp.Compare(y.Visits, x.Visits); c != 0 {
				return c
			}
			if x.Exit != y.Exit {
				if x.Exit {
					return 1
				}
				return -1
			}
			return strings.Compare(x.Step, y.Step)
		})
		return out
	}
	var users int64
	for i := range a.us {
		if a.us[i].active {
			users++
		}
	}
	return Funnel{Visits: visits, Users: users, Steps: build(0)}
}

func (a *Analytics) contentResult() ([]ContentTypeStats, error) {
	byType := map[ContentType]*ContentTypeStats{}
	osViews := map[ContentType][]int64{}
	for _, c := range a.contents {
		if c.views == 0 {
			continue
		}
		ct := byType[c.key.typ]
		if ct == nil {
			ct = &ContentTypeStats{Type: c.key.typ, Viewers: a.typeUsers[c.key.typ]}
			byType[c.key.typ] = ct
			osViews[c.key.typ] = make([]int64, len(a.osNames))
		}
		cs := ContentStats{Type: c.key.typ, Item: c.key.item, Views: c.views, Viewers: c.viewers, TimeSpent: c.spent,
			ByOS: a.osCounts(c.byOS)}
		for o, n := range c.byOS {
			osViews[c.key.typ][o] += n
		}
		ct.Views += c.views // counts of events: they cannot overflow
		var ok bool
		if ct.TimeSpent, ok = checked.AddDuration(ct.TimeSpent, c.spent); !ok {
			return nil, resultOverflow(fmt.Sprintf("content type %q: time spent (E-8)", c.key.typ))
		}
		ct.Items = append(ct.Items, cs)
	}
	var out []ContentTypeStats
	for _, t := range ContentTypes() {
		ct := byType[t]
		if ct == nil {
			continue
		}
		ct.ByOS = a.osCounts(osViews[t])
		slices.SortFunc(ct.Items, func(x, y ContentStats) int {
			return cmp.Or(cmp.Compare(y.Views, x.Views), strings.Compare(x.Item, y.Item))
		})
		out = append(out, *ct)
	}
	return out, nil
}

func (a *Analytics) osCounts(byOS []int64) []OSCount {
	var out []OSCount
	for o, n := range byOS {
		if n != 0 {
			out = append(out, OSCount{OS: a.osNames[o], Views: n})
		}
	}
	slices.SortFunc(out, func(x, y OSCount) int { return strings.Compare(x.OS, y.OS) })
	return out
}

// The limits of rule E-3, as fixed durations (a day is 24 hours here, not
// a calendar day).
const (
	dailyLimit   = 24 * time.Hour
	weeklyLimit  = 7 * 24 * time.Hour
	monthlyLimit = 31 * 24 * time.Hour
)

// classify is rule E-3 on a user's visit starts (in time order). The
// median of an even number of gaps is the mean of the two middle gaps,
// compared exactly (a + b <= 2 × limit, no rounding).
func classify(starts []int64) FrequencyClass {
	if len(starts) < 2 {
		return Once
	}
	gaps := make([]time.Duration, len(starts)-1)
	for i := range gaps {
		gaps[i] = time.Duration(starts[i+1] - starts[i])
	}
	slices.Sort(gaps)
	n := len(gaps)
	within := func(limit time.Duration) bool {
		if n%2 == 1 {
			return gaps[n/2] <= limit
		}
		x, y := gaps[n/2-1], gaps[n/2]
		if x > 2*limit || y > 2*limit {
			return false
		}
		return x+y <= 2*limit
	}
	switch {
	case within(dailyLimit):
		return Daily
	case within(weeklyLimit):
		return Weekly
	case within(monthlyLimit):
		return Monthly
	}
	return Rarely
}

// IndividualResult is rule E-10: the analytics of one user.
type IndividualResult struct {
	// User is the user asked for, also when none of the events are theirs.
	User learnstats.UserID
	// Insights is E-2 for the user alone (ActiveUsers is 0 or 1).
	Insights Insights
	// Class is the user's E-3 class ("" when the user had no visit).
	Class FrequencyClass
	// PerDay counts the user's interactions per calendar day in
	// Config.Location, by day.
	PerDay []DayCount
	// Features is E-5 for the user alone: the user's features, most used
	// first, ties by name (each with Users 1).
	Features []FeatureStats
	// Funnel is E-6 for the user alone (Funnel.Users is 0 or 1).
	Funnel Funnel
	// NoConsent counts the user's events left out for lack of consent
	// (rule E-12); OutsideWindow and AfterAsOf as in [Result].
	NoConsent, OutsideWindow, AfterAsOf int64
}

// DayCount is a number of interactions on a calendar day.
type DayCount struct {
	// Day is the calendar day in Config.Location (UTC when nil).
	Day learnstats.Date
	// Interactions counts the events of the window's visits on that day,
	// all operating systems; always ≥ 1 (days without events are absent).
	Interactions int64
}

// Individual computes rule E-10 for one user over events (other users'
// events are skipped). In anonymized mode (Config.Anonymized, rule E-11)
// it refuses with an error wrapping [ErrAnonymized]. Other errors are
// those of [Analytics.Add].
func Individual(cfg Config, user learnstats.UserID, events iter.Seq[Event]) (IndividualResult, error) {
	if cfg.Anonymized {
		return IndividualResult{}, fmt.Errorf("%w (user %q)", ErrAnonymized, user)
	}
	a := NewAnalytics(cfg)
	for e := range events {
		if e.User != user {
			continue
		}
		if err := a.Add(e); err != nil {
			return IndividualResult{}, err
		}
	}
	r, err := a.Result()
	if err != nil {
		return IndividualResult{}, err
	}
	out := IndividualResult{User: user, Insights: r.Insights, Features: r.Features, Funnel: r.Funnel,
		NoConsent: r.NoConsent, OutsideWindow: r.OutsideWindow, AfterAsOf: r.AfterAsOf}
	if len(r.Users) == 1 {
		out.Class = r.Users[0].Class
	}
	for _, od := range r.OSDays {
		if n := len(out.PerDay); n > 0 && out.PerDay[n-1].Day == od.Day {
			out.PerDay[n-1].Interactions += od.Interactions
			continue
		}
		out.PerDay = append(out.PerDay, DayCount{Day: od.Day, Interactions: od.Interactions})
	}
	return out, nil
}

// FeatureNames returns the features of r.Features sorted by name
// (byte-wise): the feature columns of the interaction stats export.
func (r Result) FeatureNames() []string {
	out := make([]string, len(r.Features))
	for i, f := range r.Features {
		out[i] = f.Feature
	}
	slices.Sort(out)
	return out
}
