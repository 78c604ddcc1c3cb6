package activity_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/activity"
)

func exitNode(visits, users int64) activity.FunnelNode {
	return activity.FunnelNode{Exit: true, Visits: visits, Users: users}
}

func TestE6_Funnel(t *testing.T) {
	m := time.Minute
	r := analyze(t, activity.Options{},
		ev("u1", t0, "a"), ev("u1", t0.Add(m), "a"), ev("u1", t0.Add(3*m), "b"), ev("u1", t0.Add(4*m), "a"), ev("u1", t0.Add(10*m), "a"),
		ev("u2", t0, "a"), ev("u2", t0.Add(5*m), "c"),
		ev("u1", t0.Add(2*time.Hour), "a"),
	)
	want := activity.FunnelNode{Visits: 3, Users: 2, Children: []activity.FunnelNode{
		{Step: "a", Visits: 3, Users: 2, Views: 4, TimeSpent: 8 * m, Children: []activity.FunnelNode{
			{Step: "b", Visits: 1, Users: 1, Views: 1, TimeSpent: m, Children: []activity.FunnelNode{
				{Step: "a", Visits: 1, Users: 1, Views: 2, TimeSpent: 6 * m, Children: []activity.FunnelNode{exitNode(1, 1)}},
			}},
			{Step: "c", Visits: 1, Users: 1, Views: 1, Children: []activity.FunnelNode{exitNode(1, 1)}},
			exitNode(1, 1), // tie on visits: named steps first, then exit
		}},
	}}
	if diff := cmp.Diff(want, r.Funnel, cmp.Comparer(func(a, b []activity.FunnelNode) bool {
		return cmp.Equal(emptyIfNil(a), emptyIfNil(b))
	})); diff != "" {
		t.Errorf("funnel (-want +got):\n%s", diff)
	}
}

func emptyIfNil(ns []activity.FunnelNode) []activity.FunnelNode {
	if ns == nil {
		return []activity.FunnelNode{}
	}
	for i := range ns {
		ns[i].Children = emptyIfNil(ns[i].Children)
	}
	return ns
}

func TestE6_FunnelLongerThan10Steps(t *testing.T) {
	var events []activity.Event
	for i := range 12 {
		events = append(events, ev("u1", t0.Add(time.Duration(i)*time.Minute), fmt.Sprintf("f%02d", i+1)))
	}
	events = append(events, ev("u1", t0.Add(11*time.Minute+30*time.Second), "f12"))
	r := analyze(t, activity.Options{}, events...)
	steps := r.Funnel.Children
	var path []string
	var last activity.FunnelNode
	for len(steps) > 0 {
		if len(steps) != 1 {
			t.Fatalf("one path expected, got %d children", len(steps))
		}
		last = steps[0]
		if last.Exit {
			path = append(path, "exit")
		} else {
			path = append(path, last.Step)
		}
		steps = last.Children
	}
	want := []string{"f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10", "exit"}
	if diff := cmp.Diff(want, path); diff != "" {
		t.Errorf("path cut after 10 steps, ending in exit (-want +got):\n%s", diff)
	}
	// The 10th step lasts until the 11th step's first event, cut or not.
	n := r.Funnel.Children[0]
	for range 9 {
		n = n.Children[0]
	}
	if n.Step != "f10" || n.TimeSpent != time.Minute || n.Views != 1 {
		t.Errorf("10th step = %s, %v, %d views; want f10, 1m, 1 view", n.Step, n.TimeSpent, n.Views)
	}
	if r.Interactions != 13 || r.TotalVisitDuration != 11*time.Minute+30*time.Second {
		t.Errorf("the cut does not shorten the visit: %d interactions, %v", r.Interactions, r.TotalVisitDuration)
	}
}

func TestE6_FunnelExactly10Steps(t *testing.T) {
	var events []activity.Event
	for i := range 10 {
		events = append(events, ev("u1", t0.Add(time.Duration(i)*time.Minute), fmt.Sprintf("f%02d", i+1)))
	}
	events = append(events, ev("u1", t0.Add(9*time.Minute+20*time.Second), "f10"))
	r := analyze(t, activity.Options{}, events...)
	n := r.Funnel.Children[0]
	for range 9 {
		n = n.Children[0]
	}
	if n.Step != "f10" || n.TimeSpent != 20*time.Second || n.Views != 2 || len(n.Children) != 1 || !n.Children[0].Exit {
		t.Errorf("10th and last step = %+v; want f10, 20s until the visit's last event, 2 views, then exit", n)
	}
}
