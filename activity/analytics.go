package activity

import (
	"fmt"
	"iter"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// AnalyticsAccumulator computes the engagement analytics E-1 … E-8, E-10
// and E-12 over a stream of events: it folds each user's events into
// visits as they arrive and keeps, per user, the open visit and what the
// rules need of the closed ones (their starts and where their funnel
// paths ended, the user's counts per feature and content viewed), and,
// per feature, funnel node, content item and day, the totals. No event
// is kept, so memory grows with users, visits and distinct features,
// nodes, items and days, not with events.
//
// # Ordering
//
// Each user's events must arrive in time order (events at the same
// instant in any order); users may interleave in any way, and the result
// does not depend on how. An event older than its user's previous one is
// an error wrapping [ErrOutOfOrder]. Adding is cheapest with each user's
// events together (a query ordered by user, then time), but any
// interleaving gives the same result.
//
// # Sharding
//
// [AnalyticsAccumulator.Merge] combines accumulators fed with disjoint
// sets of users (every event of a user in the same shard) and the same
// [Options]: merging shards gives the result of one pass over all
// events, whatever the order of the merges.
//
// The zero AnalyticsAccumulator is empty and uses the zero asOf and
// Options. An AnalyticsAccumulator is not safe for concurrent use: give
// each goroutine its own and merge them.
type AnalyticsAccumulator struct {
	set        settings
	configured bool // set was built by NewAnalyticsAccumulator (else: the zero Options)

	// users finds each user's state. The states are allocated in blocks
	// of userBlock, in order of first event (so that users taking turns
	// read them in memory order), and a block is never reallocated, so
	// that the pointers to them stay valid.
	users  map[learnstats.UserID]*userState
	blocks [][]userState
	// last is the user of the previous event: events often come grouped
	// by user, and then the look-up by ID is a comparison.
	last *userState

	// Rule E-2, over the window's closed visits (Result adds the open
	// ones).
	interactions int64
	visits       int64
	duration     time.Duration
	// Rule E-4: interactions per day and operating system, each cell's
	// index in cells by its day and OS.
	cellIndex map[osDay]int32
	cells     []dayCell
	// Rule E-5: per feature, its totals; a feature's number is its index
	// in features.
	featureIndex map[string]int32
	features     []featureTotals
	// Rule E-6: the tree of path prefixes; nodes[0] is the root.
	nodes []funnelNode
	// Rule E-8: per content item, and the distinct viewers per type.
	contentIndex map[contentKey]int32
	content      []contentTotals
	typeViewers  [len(contentTypes)]int64

	// Events left out, by reason.
	outside, noConsent, noConsentUsers, afterAsOf, otherUsers int64

	// knownWords are the Category and Action of the last entry found
	// right whose kind does not depend on its label: the usual run of
	// events with the same words skips the vocabulary look-up.
	knownWords [2]string
}

// none marks an index that points nowhere (no feature, cell or content
// yet).
const none = -1

// userState is all the accumulator keeps of one user. It refers to
// features, cells, funnel nodes and content items by their index. The
// fields an event of the usual kind reads (a visit going on, on the
// feature and the day of the previous event) come first, so that they
// share the state's first cache lines. Times are Unix nanoseconds.
type userState struct {
	id learnstats.UserID
	// Rule E-1: the last event of the open visit.
	last int64
	// Rule E-7: the user's events in the window's visits.
	interactions int64
	// Rules E-5 and E-7: the user's interactions with the feature of the
	// last event (their place in counts is stale meanwhile).
	current int64
	// Rule E-4: the end of the last event's day.
	dayEnd int64
	// Rule E-6: the first event of the open visit's current step.
	stepStart int64
	// Rule E-8: when the view waiting for its time spent happened.
	pendingAt int64

	// Rules E-5 and E-7: the feature of the last event (or none).
	feature int32
	// Rule E-4: the cell of the last event's day and operating system (or
	// none).
	cell int32
	// Rule E-6: the open visit's path: steps begun (at most
	// funnelSteps+1: past the cut), the node of the current step and its
	// feature.
	steps, node, stepFeature int32
	// Rule E-8: the view waiting for its time spent, the time until the
	// user's next event in the visit (or none).
	pending int32

	// Rule E-1: open is false before the user's first event; counted says
	// that the window contains the open visit's first event.
	open, counted bool
	// Rule E-12: the user's answer, given at the user's first event.
	accepted bool

	// Rule E-1: the first event of the open visit.
	visitStart int64
	// Rules E-2, E-3, E-6 and E-7: the user's closed visits of the
	// window, in time order, and their total duration.
	visits   []visitRecord
	duration time.Duration
	// Rules E-5 and E-7: the user's interactions per feature (see
	// current).
	counts featureCounts
	// Rule E-8: the content items and types the user viewed.
	viewed      map[int32]bool
	typesViewed [len(contentTypes)]bool
}

// NewAnalyticsAccumulator returns an empty accumulator computing the
// analytics as of asOf with the options o. The events at or after asOf are
// left out (SPEC section 0: events after asOf are not counted): they are
// counted in [Analytics].AfterAsOf and do not extend a visit. The zero
// asOf means no cut-off: every event counts. asOf is fixed here, as in
// every accumulator of the library, because events are folded into
// visits as they arrive and are not kept: a visit cut at another instant
// could not be recomputed.
//
// An invalid window or a negative gap is an error wrapping
// [learnstats.ErrInvalidWindow]; individual analytics (o.User) in
// anonymized mode one wrapping [ErrAnonymized] (rule E-11).
func NewAnalyticsAccumulator(asOf time.Time, o Options) (*AnalyticsAccumulator, error) {
	s, err := newSettings(asOf, o)
	if err != nil {
		return nil, err
	}
	return &AnalyticsAccumulator{set: s, configured: true}, nil
}

// userBlock is the number of user states allocated at once.
const userBlock = 256

// init gives the zero AnalyticsAccumulator its settings and maps.
func (a *AnalyticsAccumulator) init() {
	if a.users != nil {
		return
	}
	if !a.configured {
		a.set, _ = newSettings(time.Time{}, Options{}) // the zero Options are valid
		a.configured = true
	}
	a.users = map[learnstats.UserID]*userState{}
	a.cellIndex = map[osDay]int32{}
	a.featureIndex = map[string]int32{}
	a.nodes = []funnelNode{{parent: none, feature: none, children: map[int32]int32{}}}
	a.contentIndex = map[contentKey]int32{}
}

// user returns the state of user id, or a new state not yet added
// (isNew) at the user's first event: Add adds it with addUser once the
// event is known to be right, so that an Add that fails changes nothing.
func (a *AnalyticsAccumulator) user(id learnstats.UserID) (u *userState, isNew bool) {
	if u := a.last; u != nil && u.id == id {
		return u, false
	}
	if u := a.users[id]; u != nil {
		a.last = u
		return u, false
	}
	return &userState{id: id, accepted: a.set.accepted(id), feature: none, cell: none, stepFeature: none, pending: none}, true
}

// addUser adds the new state of user st.id.
func (a *AnalyticsAccumulator) addUser(st *userState) *userState {
	if !st.accepted {
		a.noConsentUsers++ // rule E-12: each user once
	}
	u := a.newUser(*st)
	a.last = u
	return u
}

// newUser adds the state of a new user.
func (a *AnalyticsAccumulator) newUser(st userState) *userState {
	if n := len(a.blocks); n == 0 || len(a.blocks[n-1]) == userBlock {
		a.blocks = append(a.blocks, make([]userState, 0, userBlock))
	}
	b := &a.blocks[len(a.blocks)-1]
	*b = append(*b, st)
	u := &(*b)[len(*b)-1]
	a.users[st.id] = u
	return u
}

// Add adds one event. An invalid event (see [Event], an unknown word of
// the vocabulary included) is an error wrapping [ErrInvalidEvent]; an
// event older than the same user's previous event one wrapping
// [ErrOutOfOrder]; a duration sum that would pass 2⁶³−1 nanoseconds
// (visit, funnel step or content time, SPEC section 0) one wrapping
// [learnstats.ErrOverflow]. Each names the user and the event's time, and
// the event is then not counted: an Add that fails changes nothing.
//
// Events at or after asOf, of users who did not consent (rule
// E-12), of other users than Options.User (rule E-10), and of visits
// outside the window (rule E-1) are left out and counted in the result.
func (a *AnalyticsAccumulator) Add(e Event) error {
	if err := e.validate(); err != nil {
		return err
	}
	if e.Category != a.knownWords[0] || e.Action != a.knownWords[1] {
		k, problem, _ := classify(&e.Entry)
		if problem != "" {
			return e.checkWords()
		}
		if k != RatingAnswered && k != WatchProgress {
			a.knownWords = [2]string{e.Category, e.Action}
		}
	}
	a.init()
	switch {
	case a.set.onlyUser != "" && e.User != a.set.onlyUser:
		return countLeftOut(&a.otherUsers, &e, "events of other users") // Rule E-10.
	case a.set.afterAsOf(e.Time):
		return countLeftOut(&a.afterAsOf, &e, "events after asOf") // Section 0: events after asOf are not counted.
	}
	u, isNew := a.user(e.User)
	if !u.accepted {
		if isNew {
			a.addUser(u)
		}
		a.noConsent++ // Rule E-12.
		return nil
	}
	t := e.Time.UnixNano()
	if u.open && t < u.last {
		return fmt.Errorf("%w: user %q: event at %s after one at %s", ErrOutOfOrder, u.id, e.at(),
			time.Unix(0, u.last).In(e.Time.Location()).Format(time.RFC3339Nano))
	}
	newVisit := u.startsVisit(t, a.set.gap)
	if err := a.checkSums(u, &e, t, newVisit); err != nil {
		return err
	}
	if isNew {
		u = a.addUser(u)
	}
	if newVisit {
		a.closeVisit(u)
		a.openVisit(u, t)
	}
	u.last = t
	if !u.counted {
		a.outside++ // Rule E-1: the visit belongs to another window.
		return nil
	}
	a.interactions++
	u.interactions++
	f := a.countFeature(u, e.feature())
	a.countOSDay(u, &e, t)
	a.countStep(u, f, t)
	a.countContent(u, &e, t)
	return nil
}

// countLeftOut counts e in *n, one of the counts of events left out
// without a user state. Merges can add such counts together (an
// accumulator merged into a copy of itself), so they are checked.
func countLeftOut(n *int64, e *Event, what string) error {
	next, ok := checked.Add(*n, 1)
	if !ok {
		return fmt.Errorf("activity: user %q, event at %s: the count of %s passes 2⁶³−1: %w", e.User, e.at(), what, learnstats.ErrOverflow)
	}
	*n = next
	return nil
}

// Analyze is the one-call form of [AnalyticsAccumulator]: it adds every
// event to a new accumulator for asOf and o and returns its Result, or the
// first error.
func Analyze(asOf time.Time, o Options, events iter.Seq[Event]) (Analytics, error) {
	a, err := NewAnalyticsAccumulator(asOf, o)
	if err != nil {
		return Analytics{}, err
	}
	for e := range events {
		if err := a.Add(e); err != nil {
			return Analytics{}, err
		}
	}
	return a.Result()
}
