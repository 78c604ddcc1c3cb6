package activity

import (
	"fmt"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Rule E-1 Visits. A user's events, in time order, form one visit until
// a gap longer than 30 minutes (configurable) starts the next. A visit's
// duration is its last event's time minus its first's. A visit belongs to
// the window that contains its first event.

// visitRecord is a closed visit of the window: its start (Unix
// nanoseconds, for rule E-3) and the funnel node its path ended on (for
// the distinct users of rule E-6).
type visitRecord struct {
	start int64
	end   int32
}

// startsVisit reports whether the user's event at t starts a visit: the
// user's first event, or one more than gap after the previous one (rule
// E-1; exactly gap apart is the same visit).
func (u *userState) startsVisit(t int64, gap time.Duration) bool {
	return !u.open || time.Duration(t-u.last) > gap
}

// openVisit starts the user's visit at t, counted when the window
// contains t (rule E-1: the window of its first event).
func (a *AnalyticsAccumulator) openVisit(u *userState, t int64) {
	u.open, u.visitStart, u.last = true, t, t
	u.counted = a.set.inWindow(time.Unix(0, t))
	u.steps, u.node, u.stepFeature, u.pending = 0, 0, none, none
}

// closeVisit ends the user's open visit at its last event: its duration
// counts (rule E-2), its last step's time runs to that event (rule E-6),
// its path ends in exit, and a view waiting for the next event gets no
// time (rule E-8: a visit's last event has no next event). checkSums has
// checked the sums.
func (a *AnalyticsAccumulator) closeVisit(u *userState) {
	if !u.open || !u.counted {
		return
	}
	d := time.Duration(u.last - u.visitStart)
	a.visits++
	a.duration += d
	u.duration += d // a user's visits are disjoint spans of the event time range: no overflow
	if n := u.currentStep(); n != none {
		a.nodes[n].spent += time.Duration(u.last - u.stepStart)
	}
	a.nodes[u.node].exits++
	u.visits = append(u.visits, visitRecord{start: u.visitStart, end: u.node})
	u.pending = none
}

// checkSums returns an error wrapping [learnstats.ErrOverflow] that names
// the event when a duration sum the event adds to would pass 2⁶³−1
// nanoseconds (SPEC section 0): the total visit duration (rule E-2), a
// funnel step's time (E-6), a content item's time (E-8). Add calls it
// before it changes anything, so that an Add that fails changes nothing;
// it mirrors what closeVisit, countStep and countContent add. newVisit
// says whether the event starts a visit.
func (a *AnalyticsAccumulator) checkSums(u *userState, e *Event, t int64, newVisit bool) error {
	var c sumCheck
	switch {
	case newVisit && u.open && u.counted:
		c.add(&a.duration, time.Duration(u.last-u.visitStart), "total visit duration (E-2)")
		if n := u.currentStep(); n != none {
			c.add(&a.nodes[n].spent, time.Duration(u.last-u.stepStart), "funnel step time (E-6)")
		}
	case !newVisit && u.counted:
		if n := u.currentStep(); n != none && a.startsStep(u, e.feature()) {
			c.add(&a.nodes[n].spent, time.Duration(t-u.stepStart), "funnel step time (E-6)")
		}
		if u.pending != none {
			c.add(&a.content[u.pending].spent, time.Duration(t-u.pendingAt), "content time (E-8)")
		}
	}
	counted := u.counted
	if newVisit {
		counted = a.set.inWindow(e.Time)
	}
	if counted && e.HasDuration {
		if item, ok := a.contentIndex[contentKey{e.ContentType, e.ContentItem}]; ok {
			c.add(&a.content[item].spent, e.Duration, "content time (E-8)")
		}
	}
	if c.failed != "" {
		return fmt.Errorf("activity: user %q, event at %s: %s passes 2⁶³−1 ns: %w", u.id, e.at(), c.failed, learnstats.ErrOverflow)
	}
	return nil
}

// sumCheck adds durations to copies of at most three sums, remembering
// the first that overflows.
type sumCheck struct {
	sums   [3]*time.Duration
	values [3]time.Duration
	n      int
	failed string
}

func (c *sumCheck) add(sum *time.Duration, d time.Duration, what string) {
	if c.failed != "" {
		return
	}
	i := 0
	for i < c.n && c.sums[i] != sum {
		i++
	}
	if i == c.n {
		c.sums[i], c.values[i] = sum, *sum
		c.n++
	}
	v, ok := checked.AddDuration(c.values[i], d)
	if !ok {
		c.failed = what
	}
	c.values[i] = v
}
