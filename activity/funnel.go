package activity

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Rule E-6 Participants funnel, first 10 steps. Each visit is a path of
// screens or features (consecutive repeats collapsed), cut after 10
// steps, ending in exit. Paths are merged into a tree of prefixes; each
// node holds the number of visits and users that followed it, the views,
// and the time spent on that step (until the next step's first event;
// for the last step, until the visit's last event).

// funnelNode is a prefix of the visits' paths: the root (the empty
// prefix, nodes[0]) or a step, with the exit after it counted in exits.
type funnelNode struct {
	parent   int32           // none for the root
	feature  int32           // the step's feature; none for the root
	children map[int32]int32 // by feature, the nodes of the next steps
	visits   int64           // visits whose path has this prefix
	views    int64           // events of the step
	spent    time.Duration   // time spent on the step
	exits    int64           // visits whose path ends after this step
}

// FunnelNode is one prefix of the visits' paths (rule E-6): the root,
// a step, or the exit after a step. A path is the sequence of features of
// a visit with consecutive repeats collapsed, cut after 10 steps and
// ending in exit.
type FunnelNode struct {
	// Step is the feature of the step; empty for the root and for exit.
	Step string
	// Exit marks the node that ends a path.
	Exit bool
	// Visits and Users count the visits, and the distinct users, whose
	// path has this prefix: at the root, every visit of the window and
	// every active user.
	Visits, Users int64
	// Views counts the events of the step (0 for the root and exit).
	Views int64
	// TimeSpent sums, over the visits, the time from the step's first
	// event to the next step's first event (also when the next step is
	// past the cut), or to the visit's last event for its last step; 0
	// for the root and exit.
	TimeSpent time.Duration
	// Children are the next steps and the exit: most visits first, ties
	// by step name, the exit after the named steps.
	Children []FunnelNode
}

// currentStep returns the node of the open visit's current step when it
// is one of the steps the funnel keeps, else none (no step yet, or past
// the cut).
func (u *userState) currentStep() int32 {
	if u.steps >= 1 && u.steps <= funnelSteps {
		return u.node
	}
	return none
}

// startsStep reports whether an event of u on the feature named feature
// starts a step of the open visit's path: consecutive repeats collapse.
func (a *AnalyticsAccumulator) startsStep(u *userState, feature string) bool {
	return u.steps == 0 || a.features[u.stepFeature].name != feature
}

// countStep counts the event of u at t on feature f in the open visit's
// path. checkSums has checked the step time.
func (a *AnalyticsAccumulator) countStep(u *userState, f int32, t int64) {
	if a.startsStep(u, a.features[f].name) {
		if n := u.currentStep(); n != none {
			a.nodes[n].spent += time.Duration(t - u.stepStart) // until the next step's first event
		}
		if u.steps <= funnelSteps {
			u.steps++
		}
		u.stepFeature, u.stepStart = f, t
		if u.steps <= funnelSteps {
			u.node = a.child(u.node, f)
			a.nodes[u.node].visits++
		}
	}
	if n := u.currentStep(); n != none {
		a.nodes[n].views++
	}
}

// child returns the node of step f after node n, created when new.
func (a *AnalyticsAccumulator) child(n, f int32) int32 {
	c, ok := a.nodes[n].children[f]
	if !ok {
		c = int32(len(a.nodes))
		a.nodes[n].children[f] = c
		a.nodes = append(a.nodes, funnelNode{parent: n, feature: f, children: map[int32]int32{}})
	}
	return c
}

// funnelTotals are the figures of every node for a result, the open
// visits included, indexed like the nodes.
type funnelTotals struct {
	spent            []time.Duration
	exits            []int64
	users, exitUsers []int64
	// stamp and exitStamp hold, per node, 1 + the index of the last user
	// counted on it, so that each user counts once.
	stamp, exitStamp []int
}

func (a *AnalyticsAccumulator) newFunnelTotals() *funnelTotals {
	n := len(a.nodes)
	ft := &funnelTotals{spent: make([]time.Duration, n), exits: make([]int64, n),
		users: make([]int64, n), exitUsers: make([]int64, n), stamp: make([]int, n), exitStamp: make([]int, n)}
	for i, node := range a.nodes {
		ft.spent[i], ft.exits[i] = node.spent, node.exits
	}
	return ft
}

// countUser counts user number i once on every node that one of the
// paths ending at the nodes ends passes through, and on the exits after
// them.
func (a *AnalyticsAccumulator) countUser(ft *funnelTotals, i int, ends []int32) {
	for _, end := range ends {
		if ft.exitStamp[end] != i+1 {
			ft.exitStamp[end] = i + 1
			ft.exitUsers[end]++
		}
		for n := end; n != 0 && ft.stamp[n] != i+1; n = a.nodes[n].parent {
			ft.stamp[n] = i + 1
			ft.users[n]++
		}
	}
}

// tree returns the result node of node n and its descendants.
func (a *AnalyticsAccumulator) tree(ft *funnelTotals, n int32) FunnelNode {
	node := &a.nodes[n]
	out := FunnelNode{Visits: node.visits, Users: ft.users[n], Views: node.views, TimeSpent: ft.spent[n]}
	if node.feature != none {
		out.Step = a.features[node.feature].name
	}
	for _, c := range node.children {
		if a.nodes[c].visits > 0 {
			out.Children = append(out.Children, a.tree(ft, c))
		}
	}
	if ft.exits[n] > 0 {
		out.Children = append(out.Children, FunnelNode{Exit: true, Visits: ft.exits[n], Users: ft.exitUsers[n]})
	}
	slices.SortFunc(out.Children, func(x, y FunnelNode) int {
		return cmp.Or(cmp.Compare(y.Visits, x.Visits), cmpBool(x.Exit, y.Exit), strings.Compare(x.Step, y.Step))
	})
	return out
}

// cmpBool orders false before true.
func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}
