package activity

import (
	"fmt"
	"iter"
	"maps"
	"math"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// DefaultGap is the inactivity gap of rule E-1: a gap longer than 30
// minutes between two events of a user starts a new visit.
const DefaultGap = 30 * time.Minute

// FunnelSteps is the number of steps the funnel of rule E-6 keeps.
const FunnelSteps = 10

// Config configures an [Analytics] accumulator. The zero Config is usable:
// all time, the default 30-minute gap, days in UTC, everyone consenting,
// anonymized mode off.
type Config struct {
	// Window selects the visits counted: a visit belongs to the window
	// that contains its first event (rule E-1), and all its events count
	// with it, even those after Window.End. The zero Window (both ends
	// zero) means all time; any other empty window counts nothing.
	Window learnstats.Window
	// AsOf, when not zero, leaves out the events at or after it (SPEC
	// section 0: events after asOf are not counted); they are counted in
	// [Result].AfterAsOf and do not extend a visit.
	AsOf time.Time
	// Gap is the inactivity gap of rule E-1; 0 means [DefaultGap]. Two
	// events exactly Gap apart are in the same visit; Gap + 1ns apart
	// starts a new one. A negative Gap is treated as 0 (every gap starts a
	// visit unless the events share an instant).
	Gap time.Duration
	// Location is where calendar days are taken for rules E-4 and E-10
	// (UTC when nil).
	Location *time.Location
	// Consent, when not nil, leaves out the events of users who did not
	// accept tracking (rule E-12). Nil means every user accepted. It is
	// asked once per user, at the user's first event (or Register), and
	// the answer is kept; a [ConsentSet] is copied at the accumulator's
	// first record, so that changing the map later changes nothing.
	Consent Consent
	// Anonymized is rule E-11: [Individual] refuses to run. Exports use a
	// [Pseudonymizer].
	Anonymized bool
}

func (c Config) gap() time.Duration {
	switch {
	case c.Gap == 0:
		return DefaultGap
	case c.Gap < 0:
		return 0
	}
	return c.Gap
}

func (c Config) allTime() bool { return c.Window == learnstats.Window{} }

func (c Config) inWindow(t time.Time) bool { return c.allTime() || c.Window.Contains(t) }

func (c Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Analytics is the accumulator of the engagement analytics E-1 … E-8 and
// E-12 over one window: it turns each user's events into visits and keeps
// per-user state (the open visit, counts, the features the user used, the
// start of each visit for E-3, the distinct funnel exits of the visits,
// the content items viewed) and per-node state (per feature, funnel node,
// content item, operating system and day). Its memory is bounded by those,
// never by the number of events: a user takes 256 bytes and its ID's
// 16-byte string header (the ID's bytes are shared with the caller), plus
// 16 bytes per visit (its start and funnel exit, kept for rules E-3 and
// E-6 in a log shared by all users), 8 per feature past the user's first
// 16 (whose counts are kept in the 256 bytes), and a map entry per content
// item and per content type viewed.
//
// # Ordering requirement
//
// Each user's events must arrive in time order (events at the same
// instant in any order); the users may be interleaved freely. An event
// older than the user's previous one is an error wrapping
// [ErrOutOfOrder], and the event is not counted. Results do not depend on
// how users are interleaved.
//
// # Sharding contract
//
// [Analytics.Merge] combines accumulators fed with disjoint sets of users
// (shard by user ID, every event of a user in the same shard) and the same
// Config, which it compares as a whole (an error wrapping
// [learnstats.ErrMismatch] otherwise). Merge is then associative and
// commutative, and merging shards gives the same [Result] as one pass over
// all events.
//
// # Overflow
//
// Every sum is checked (SPEC section 0): a total that would pass 2⁶³−1
// nanoseconds (visit durations, funnel step times, content times; possible
// with a long Gap or large explicit durations) is an error wrapping
// [learnstats.ErrOverflow] that names the user and event, and stops the
// accumulator until [Analytics.Reset]. No figure of a Result is negative.
//
// The zero Analytics is empty and uses the zero [Config]; use
// [NewAnalytics] for another one. An Analytics is not safe for concurrent
// use.
type Analytics struct {
	cfg Config

	users map[learnstats.UserID]int32
	us    []userState
	ids   []learnstats.UserID // ids[i] is the ID of us[i]
	// fcMore holds the feature counts of users with more than fcInline
	// features, past the first fcInline (userState.more points here).
	fcMore [][]featCount
	// fcBig holds the per-user feature counts that passed 2³²−1, by
	// (user, feature); nil until one does.
	fcBig map[[2]int32]int64
	// vlog records every closed visit of the window, in the order they
	// closed: per user, in time order.
	vlog []visitRec

	featIdx map[string]int32
	// featCache maps a feature name's bytes (pointer and length) to its
	// index, so that the usual interned feature names skip hashing.
	featCache [64]featCacheEntry
	feats     []featureState

	osIdx   map[string]int32
	osNames []string
	dayIdx  map[learnstats.Date]int32
	days    []learnstats.Date
	osDay   [][]int64 // [day][os] interactions

	nodeIdx map[uint64]int32
	nodes   []funnelNode // nodes[0] is the root
	nstat   []nodeStats

	contentIdx map[contentKey]int32
	contents   []contentState
	viewerSeen map[[2]int32]struct{} // (content, user)
	typeSeen   map[typeViewer]struct{}
	typeUsers  map[ContentType]int64

	interactions, outside, noConsent, afterAsOf, noConsentUsers int64
	active, visits                                              int64
	duration                                                    time.Duration

	// err is the overflow that stopped the accumulator (nil while it
	// runs): every later Add, Merge and Result returns it, until Reset.
	err error
	// entryCat and entryAct are the words of the last entry found right
	// (entryProblem), so that a run of events with the same entry skips
	// the check.
	entryCat, entryAct string

	touched int64 // what AddRefs read ahead (see there)
}

type featureState struct {
	name                string
	interactions, users int64
}

type funnelNode struct {
	parent int32
	feat   int32 // -1 for exit
	// kids lists the first children (feature, node) for a scan that is
	// cheaper than the map for the usual few children; further children
	// are found through Analytics.nodeIdx only.
	kids []funnelKid
}

type funnelKid struct{ feat, node int32 }

// visitRec is a closed visit in Analytics.vlog: its user, start (Unix
// nanoseconds, for rule E-3) and funnel exit node (for the distinct users
// of rule E-6). A log shared by all users is written in order, so closing
// a visit touches no per-user memory besides the user's state.
type visitRec struct {
	start int64
	user  int32
	exit  int32
}

// funnelScan is the number of children a node keeps for scanning.
const funnelScan = 8

type nodeStats struct {
	visits, users, views int64
	spent                time.Duration
}

func (s *nodeStats) add(o nodeStats) {
	s.visits += o.visits
	s.users += o.users
	s.views += o.views
	s.spent += o.spent
}

type contentKey struct {
	typ  ContentType
	item string
}

type typeViewer struct {
	typ  ContentType
	user int32
}

type contentState struct {
	key            contentKey
	views, viewers int64
	spent          time.Duration
	byOS           []int64
}

// featCount is a user's count of one feature: 8 bytes, so that the
// counts of a user's first 16 features fill two cache lines of the
// user's state (userState.fcIn). A count that would pass 2³²−1 moves into
// Analytics.fcBig.
type featCount struct {
	feat int32
	n    uint32
}

const exitFeat int32 = -1

func nodeKey(parent, feat int32) uint64 { return uint64(uint32(parent))<<32 | uint64(uint32(feat)) }

// fcInline is the number of per-user feature counts kept inside
// userState; a user's further features go to Analytics.fcMore.
const fcInline = 16

type userState struct {
	// The struct is 256 bytes, four 64-byte cache lines (in the large,
	// page-aligned slice of users each line is 64-byte aligned): the
	// usual event (same visit, feature, day and OS, no content) uses
	// fields of the first line only; a change of feature uses the inline
	// counts (lines 3 and 4), which add reads at once with the first line
	// so that the cache misses overlap; a new visit or content adds line 2. The ID,
	// further counts and visit starts are kept outside (Analytics.ids,
	// fcMore, vlog), so that no event touches a separate allocation of
	// the user.
	//
	// Line 1: every event.
	last      int64 // Unix nanoseconds, as every time below
	dayTo     int64 // end of the cached day (its start is <= last)
	stepStart int64
	run       uint32 // events on the cached feature not yet added to its count
	feat      int32  // cached feature index (-1: none)
	os        int32  // cached OS index (-1: none)
	day       int32
	node      int32 // funnel node of the current step
	stepFeat  int32 // feature of the current step
	pend      int32 // content waiting for its time spent (index+1; 0 for none)
	fcPos     int32 // position of the cached feature's count (see fcAt)
	step      uint8 // funnel steps begun in the open visit (capped at FunnelSteps+1)
	nIn       uint8 // counts used in fcIn
	consent   bool
	seen      bool
	vCounted  bool
	dayOK     bool
	_         [2]byte

	// Line 2: once per visit, or per event with content.
	pendAt   int64
	vStart   int64
	visits   int64 // closed visits of the window
	duration time.Duration
	more     int32 // 1 + the index of the user's counts in Analytics.fcMore (0: none yet)
	refused  bool  // had events left out for lack of consent
	active   bool
	_        [26]byte

	// Lines 3 and 4: the user's first fcInline feature counts, in order
	// of first use; positions fcInline… are in Analytics.fcMore.
	fcIn [fcInline]featCount
}

// nFeatures is the number of features u has counts for.
func (a *Analytics) nFeatures(u *userState) int {
	if u.more == 0 {
		return int(u.nIn)
	}
	return int(u.nIn) + len(a.fcMore[u.more-1])
}

// fcAt is u's count at position i < a.nFeatures(u).
func (a *Analytics) fcAt(u *userState, i int) *featCount {
	if i < fcInline {
		return &u.fcIn[i]
	}
	return &a.fcMore[u.more-1][i-fcInline]
}

// addFeatureCount appends a count for feature f at position
// a.nFeatures(u).
func (a *Analytics) addFeatureCount(u *userState, c featCount) {
	if u.nIn < fcInline {
		u.fcIn[u.nIn] = c
		u.nIn++
		return
	}
	if u.more == 0 {
		a.fcMore = append(a.fcMore, nil)
		u.more = int32(len(a.fcMore))
	}
	a.fcMore[u.more-1] = append(a.fcMore[u.more-1], c)
}

// NewAnalytics returns an empty accumulator for cfg. The configuration is
// fixed: a [ConsentSet] in it is copied at the first record (Add,
// Register, Intern or Merge), so that changing the map afterwards does not
// change the accumulator's definition half-way (SPEC section 0).
func NewAnalytics(cfg Config) *Analytics { return &Analytics{cfg: cfg} }

// Config returns the accumulator's configuration (after the first record,
// with its own copy of a [ConsentSet]).
func (a *Analytics) Config() Config { return a.cfg }

func (a *Analytics) init() {
	if a.users != nil {
		return
	}
	if set, ok := a.cfg.Consent.(ConsentSet); ok {
		a.cfg.Consent = maps.Clone(set) // Section 0: the definition is fixed at the first record.
	}
	a.users = make(map[learnstats.UserID]int32)
	a.featIdx = make(map[string]int32)
	a.osIdx = make(map[string]int32)
	a.dayIdx = make(map[learnstats.Date]int32)
	a.nodeIdx = make(map[uint64]int32)
	a.nodes = []funnelNode{{parent: -1, feat: exitFeat}}
	a.nstat = []nodeStats{{}}
	a.contentIdx = make(map[contentKey]int32)
	a.viewerSeen = make(map[[2]int32]struct{})
	a.typeSeen = make(map[typeViewer]struct{})
	a.typeUsers = make(map[ContentType]int64)
}

// Register makes users known before their first event, so that adding
// their events allocates nothing (user IDs are interned to small
// integers). Registering a user twice, or after events, is harmless; but a
// registered user belongs to this shard even without events, so register
// each user in the one shard that gets their events: [Analytics.Merge]
// refuses two shards that both know a user (ErrShardOverlap).
func (a *Analytics) Register(ids ...learnstats.UserID) {
	a.init()
	for _, id := range ids {
		a.user(id)
	}
}

func (a *Analytics) user(id learnstats.UserID) int32 {
	if i, ok := a.users[id]; ok {
		return i
	}
	i := int32(len(a.us))
	a.users[id] = i
	a.ids = append(a.ids, id)
	a.us = append(a.us, userState{consent: a.cfg.Consent == nil || a.cfg.Consent.Accepted(id),
		feat: -1, os: -1, stepFeat: -1})
	return i
}

type featCacheEntry struct {
	p   *byte
	n   int
	idx int32
}

func (a *Analytics) feature(name string) int32 {
	p := unsafe.StringData(name)
	c := &a.featCache[(uintptr(unsafe.Pointer(p))>>4^uintptr(len(name)))&63]
	// The same bytes are the same string: strings are immutable, and the
	// cached pointer keeps the bytes alive.
	if c.p == p && c.n == len(name) && p != nil {
		return c.idx
	}
	if i, ok := a.featIdx[name]; ok {
		*c = featCacheEntry{p, len(name), i}
		return i
	}
	i := int32(len(a.feats))
	a.featIdx[name] = i
	a.feats = append(a.feats, featureState{name: name})
	return i
}

func (a *Analytics) osIndex(name string) int32 {
	if i, ok := a.osIdx[name]; ok {
		return i
	}
	i := int32(len(a.osNames))
	a.osIdx[name] = i
	a.osNames = append(a.osNames, name)
	return i
}

func (a *Analytics) dayIndex(d learnstats.Date) int32 {
	if i, ok := a.dayIdx[d]; ok {
		return i
	}
	i := int32(len(a.days))
	a.dayIdx[d] = i
	a.days = append(a.days, d)
	a.osDay = append(a.osDay, nil)
	return i
}

func (a *Analytics) child(parent, feat int32) int32 {
	kids := a.nodes[parent].kids
	for _, k := range kids {
		if k.feat == feat {
			return k.node
		}
	}
	k := nodeKey(parent, feat)
	if len(kids) == funnelScan {
		if i, ok := a.nodeIdx[k]; ok {
			return i
		}
	}
	i := int32(len(a.nodes))
	a.nodeIdx[k] = i
	if len(kids) < funnelScan {
		a.nodes[parent].kids = append(kids, funnelKid{feat, i})
	}
	a.nodes = append(a.nodes, funnelNode{parent: parent, feat: feat})
	a.nstat = append(a.nstat, nodeStats{})
	return i
}

func (a *Analytics) content(k contentKey) int32 {
	if i, ok := a.contentIdx[k]; ok {
		return i
	}
	i := int32(len(a.contents))
	a.contentIdx[k] = i
	a.contents = append(a.contents, contentState{key: k})
	return i
}

// UserRef is a user interned by [Analytics.Intern]: a small integer valid
// only for the accumulator that returned it (Merge does not carry it over).
type UserRef int32

// Intern returns the reference of user id, registering the user when new.
// [Analytics.AddRef] with it skips the look-up of the user by ID.
func (a *Analytics) Intern(id learnstats.UserID) UserRef {
	a.init()
	return UserRef(a.user(id))
}

// AddRef is [Analytics.Add] for an event whose user was interned as ref
// (e.User is then ignored and may be empty). A ref not returned by this
// accumulator's Intern is an error wrapping [ErrInvalidEvent].
func (a *Analytics) AddRef(ref UserRef, e Event) error { return a.addRef(ref, &e) }

// refsAhead is the number of events whose user states
// [Analytics.AddRefs] reads ahead at a time.
const refsAhead = 8

// AddRefs adds events[i] for the user interned as refs[i], for each i in
// order, exactly as AddRef called on each pair in turn would. It stops at
// the first event AddRef refuses and returns that event's index and
// AddRef's error for it: the events before it are added, that event and
// the ones after it are not. Otherwise it returns len(events) and nil.
// refs and events of different lengths are an error wrapping
// [ErrInvalidEvent], and then nothing is added.
//
// It is faster than AddRef one by one when the events' users are
// interleaved at random, as in a live stream, on an accumulator whose
// user states do not fit in the processor's caches: it reads the states
// of the next few events' users ahead, so that their cache misses overlap
// instead of following one another (about 40 % less time per event
// in BenchmarkAnalyticsRefs). Batches of a few hundred events are enough.
// When the users come in the order they were interned, or each user's
// events one after the other, AddRef one by one is as fast or faster.
func (a *Analytics) AddRefs(refs []UserRef, events []Event) (int, error) {
	if len(refs) != len(events) {
		return 0, fmt.Errorf("%w: %d user references for %d events", ErrInvalidEvent, len(refs), len(events))
	}
	touched := a.touchUsers(refs[:min(refsAhead, len(refs))])
	for i := range events {
		if i%refsAhead == 0 {
			// Read the next group's user states now: the loads miss
			// together while this group is added.
			touched ^= a.touchUsers(refs[min(i+refsAhead, len(refs)):min(i+2*refsAhead, len(refs))])
		}
		if err := a.addRef(refs[i], &events[i]); err != nil {
			a.touched = touched
			return i, err
		}
	}
	a.touched = touched // keeps the reads: the compiler drops unused loads
	return len(events), nil
}

// touchUsers reads the first cache line of the user state of each valid
// ref and returns a meaningless mix of what it read.
func (a *Analytics) touchUsers(refs []UserRef) int64 {
	var x int64
	us := a.us
	for _, r := range refs {
		if uint(r) < uint(len(us)) {
			u := &us[r]
			x ^= u.last ^ int64(u.fcIn[0].n) ^ int64(u.fcIn[fcInline/2].n)
		}
	}
	return x
}

// addRef is AddRef without copying the event (which it does not change).
func (a *Analytics) addRef(ref UserRef, e *Event) error {
	if ref < 0 || int(ref) >= len(a.us) {
		return fmt.Errorf("%w: unknown user reference %d", ErrInvalidEvent, ref)
	}
	// The user is known: validate the rest without reading the ID (a
	// cache miss per event on a large accumulator).
	if !e.plainValid() || !a.knownEntry(&e.Entry) {
		if err := a.validateRef(ref, *e); err != nil {
			return err
		}
	}
	return a.add(int32(ref), e)
}

// validateRef validates e, an event of user ref whose User may be empty:
// an error names the user by its ID.
func (a *Analytics) validateRef(ref UserRef, e Event) error {
	if e.User != "" {
		return e.Validate()
	}
	e.User = "?"
	if e.Validate() == nil {
		return nil
	}
	e.User = a.ids[ref]
	return e.Validate()
}

// knownEntry reports whether the words of e are right (entryProblem).
// It remembers the last entry found right, so that the usual run of
// events with the same entry costs two string comparisons; a rating,
// whose label is checked too, is not remembered.
func (a *Analytics) knownEntry(e *Entry) bool {
	if e.Category == a.entryCat && e.Action == a.entryAct {
		return true
	}
	if p, _ := entryProblem(e); p != "" {
		return false
	}
	if !strings.HasPrefix(e.Category, RatingPrefix) {
		a.entryCat, a.entryAct = e.Category, e.Action
	}
	return true
}

// Add adds one event. It returns an error wrapping [ErrInvalidEvent] for
// an invalid event (an unknown word of the activity report's vocabulary
// included, see [Event.Validate]) and [ErrOutOfOrder] for an event older
// than the same user's previous event; in both cases nothing is counted.
// Events at or after Config.AsOf, and events of users without consent, are
// counted as left out and otherwise ignored.
//
// A sum that would pass 2⁶³−1 (nanoseconds of visit, funnel step or
// content time, SPEC section 0) is an error wrapping
// [learnstats.ErrOverflow] naming the user and the event's time; it stops
// the accumulator: that error is returned by every later Add, Merge and
// Result, until [Analytics.Reset]. (A count that grows by one per event
// cannot reach 2⁶³−1; Merge checks the counts it adds together.)
func (a *Analytics) Add(e Event) error {
	if e.User == "" || !e.plainValid() || !a.knownEntry(&e.Entry) {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	a.init()
	return a.add(a.user(e.User), &e)
}

// add counts a valid event of user ui.
func (a *Analytics) add(ui int32, e *Event) error {
	if a.err != nil {
		return a.err
	}
	if !a.cfg.AsOf.IsZero() && !e.Time.Before(a.cfg.AsOf) {
		a.afterAsOf++ // Section 0: events after asOf are not counted.
		return nil
	}
	u := &a.us[ui]
	// Read the inline feature counts now: a change of feature needs them,
	// and their addresses do not depend on the first line, so that the
	// cache misses overlap instead of following one another.
	a.touched ^= int64(u.fcIn[0].n ^ u.fcIn[fcInline/2].n)
	if !u.consent {
		// Rule E-12.
		a.noConsent++
		if !u.refused {
			u.refused = true
			a.noConsentUsers++
		}
		return nil
	}
	t := e.Time.UnixNano()
	if u.seen {
		if t < u.last {
			return fmt.Errorf("%w: user %q: event at %s after one at %s", ErrOutOfOrder, a.ids[ui],
				e.Time.Format(time.RFC3339Nano), time.Unix(0, u.last).In(e.Time.Location()).Format(time.RFC3339Nano))
		}
		if time.Duration(t-u.last) > a.cfg.gap() {
			// Rule E-1: a gap longer than the configured one starts a visit.
			if err := a.closeVisit(u, ui, t); err != nil {
				return err
			}
			a.openVisit(u, t)
		}
	} else {
		a.openVisit(u, t)
	}
	u.seen = true
	u.last = t
	if !u.vCounted {
		a.outside++
		return nil
	}
	a.interactions++ // the user's own count is the sum of its feature counts

	// Rule E-5.
	// The run of events on the cached feature is counted in u.run and
	// added to the user's per-feature counts when the feature changes, so
	// that a repeat touches only the user's hot fields.
	if name := e.FeatureName(); u.feat < 0 || name != a.feats[u.feat].name {
		a.flushRun(u, ui)
		u.feat = a.feature(name)
		a.findFeature(u, u.feat)
	}
	f := u.feat
	a.feats[f].interactions++
	if u.run == math.MaxUint32 {
		a.flushRun(u, ui)
	}
	u.run++

	// Rule E-4.
	if !u.dayOK || t >= u.dayTo { // events are in time order: t is never before the day
		d := learnstats.DateOf(e.Time, a.cfg.loc())
		u.day = a.dayIndex(d)
		u.dayTo, u.dayOK = d.AddDays(1).Start(a.cfg.loc()).UnixNano(), true
	}
	if u.os < 0 || e.OS != a.osNames[u.os] {
		u.os = a.osIndex(e.OS)
	}
	row := a.osDay[u.day]
	if int(u.os) >= len(row) {
		row = append(row, make([]int64, len(a.osNames)-len(row))...)
		a.osDay[u.day] = row
	}
	row[u.os]++

	// Rule E-6.
	if u.step == 0 || f != u.stepFeat {
		if u.step > 0 && u.step <= FunnelSteps {
			if err := a.addTime(&a.nstat[u.node].spent, time.Duration(t-u.stepStart), ui, t, "funnel step time (E-6)"); err != nil {
				return err
			}
		}
		if u.step <= FunnelSteps {
			u.step++
		}
		u.stepFeat = f
		u.stepStart = t
		if u.step <= FunnelSteps {
			c := a.child(u.node, f)
			a.nstat[c].visits++
			u.node = c
		}
	}
	if u.step <= FunnelSteps {
		a.nstat[u.node].views++
	}

	// Rule E-8.
	if u.pend > 0 {
		if err := a.addTime(&a.contents[u.pend-1].spent, time.Duration(t-u.pendAt), ui, t, "content time (E-8)"); err != nil {
			return err
		}
		u.pend = 0
	}
	if e.ContentType != "" {
		return a.addContent(u, ui, e, t)
	}
	return nil
}

// addTime adds d to *sum for the event of user ui at t, or stops the
// accumulator with an error wrapping [learnstats.ErrOverflow] that names
// the event and what overflowed (SPEC section 0).
func (a *Analytics) addTime(sum *time.Duration, d time.Duration, ui int32, t int64, what string) error {
	s, ok := checked.AddDuration(*sum, d)
	if !ok {
		a.err = fmt.Errorf("activity: user %q, event at %s: %s %s + %s is too long for a time.Duration: %w",
			a.ids[ui], time.Unix(0, t).UTC().Format(time.RFC3339Nano), what, *sum, d, learnstats.ErrOverflow)
		return a.err
	}
	*sum = s
	return nil
}

func (a *Analytics) addContent(u *userState, ui int32, e *Event, t int64) error {
	ci := a.content(contentKey{e.ContentType, e.ContentItem})
	c := &a.contents[ci]
	c.views++
	if int(u.os) >= len(c.byOS) {
		c.byOS = append(c.byOS, make([]int64, len(a.osNames)-len(c.byOS))...)
	}
	c.byOS[u.os]++
	if _, ok := a.viewerSeen[[2]int32{ci, ui}]; !ok {
		a.viewerSeen[[2]int32{ci, ui}] = struct{}{}
		c.viewers++
	}
	if _, ok := a.typeSeen[typeViewer{e.ContentType, ui}]; !ok {
		a.typeSeen[typeViewer{e.ContentType, ui}] = struct{}{}
		a.typeUsers[e.ContentType]++
	}
	if e.HasDuration {
		return a.addTime(&c.spent, e.Duration, ui, t, "content time (E-8)")
	}
	u.pend = ci + 1
	u.pendAt = t
	return nil
}

// flushRun adds the pending run of events on the cached feature to the
// per-feature counts of user ui (u).
func (a *Analytics) flushRun(u *userState, ui int32) {
	if u.run == 0 {
		return
	}
	c := a.fcAt(u, int(u.fcPos))
	if sum := uint64(c.n) + uint64(u.run); sum <= math.MaxUint32 {
		c.n = uint32(sum)
	} else {
		if a.fcBig == nil {
			a.fcBig = make(map[[2]int32]int64)
		}
		a.fcBig[[2]int32{ui, c.feat}] += int64(sum)
		c.n = 0
	}
	u.run = 0
}

// featureCount is the count of user ui (u) of the feature at position i
// (after flushRun).
func (a *Analytics) featureCount(u *userState, ui int32, i int) int64 {
	c := a.fcAt(u, i)
	return int64(c.n) + a.fcBig[[2]int32{ui, c.feat}]
}

// findFeature points u.fcPos at u's count of feature f, adding a zero
// count (and a user of f) the first time.
func (a *Analytics) findFeature(u *userState, f int32) {
	for i, c := range u.fcIn[:u.nIn] {
		if c.feat == f {
			u.fcPos = int32(i)
			return
		}
	}
	if u.more > 0 {
		for i, c := range a.fcMore[u.more-1] {
			if c.feat == f {
				u.fcPos = int32(fcInline + i)
				return
			}
		}
	}
	u.fcPos = int32(a.nFeatures(u))
	a.addFeatureCount(u, featCount{feat: f})
	a.feats[f].users++
}

func (a *Analytics) openVisit(u *userState, t int64) {
	u.vStart = t
	u.vCounted = a.cfg.inWindow(time.Unix(0, t)) // Rule E-1: the window of its first event.
	u.step, u.node, u.stepFeat, u.pend = 0, 0, -1, 0
	if u.vCounted {
		if !u.active {
			u.active = true
			a.active++
		}
	}
}

// closeVisit ends the open visit of user ui (u) at the user's event at
// t, which starts the next one.
func (a *Analytics) closeVisit(u *userState, ui int32, t int64) error {
	if !u.vCounted {
		return nil
	}
	d := time.Duration(u.last - u.vStart)
	if err := a.addTime(&a.duration, d, ui, t, "total visit duration (E-2)"); err != nil {
		return err
	}
	if u.step >= 1 && u.step <= FunnelSteps {
		if err := a.addTime(&a.nstat[u.node].spent, time.Duration(u.last-u.stepStart), ui, t, "funnel step time (E-6)"); err != nil {
			return err
		}
	}
	a.visits++
	u.visits++
	// A user's visits are disjoint spans of the event time range, whose
	// length fits an int64: the user's own total cannot overflow.
	u.duration += d
	x := a.child(u.node, exitFeat)
	a.nstat[x].visits++
	a.vlog = append(a.vlog, visitRec{start: u.vStart, user: ui, exit: x})
	u.pend = 0 // Rule E-8: a visit's last event has no next event: no time.
	u.vCounted = false
	return nil
}

// Merge adds b's users and counts into a, following the sharding
// contract: a and b must hold disjoint sets of users (an error wrapping
// [ErrShardOverlap] otherwise) and the same configuration (an error
// wrapping [ErrConfigMismatch], which wraps [learnstats.ErrMismatch],
// otherwise). The whole configuration is compared:
//
//   - Window and AsOf as instants, the gap as the one used (0 is
//     [DefaultGap]), Anonymized;
//   - Location by its name and its offsets over the whole event time range
//     ([MinEventTime] … [MaxEventTime]), so that two zones with one name
//     and other rules differ (nil is UTC);
//   - Consent by its kind (nil, a [ConsentSet], a [ConsentFunc], a type of
//     the caller's): look-ups of different kinds differ; two ConsentSets
//     are compared entry by entry (a missing user and false are the same
//     answer); two other look-ups, which cannot be compared as values, are
//     compared by their answers: every user either accumulator knows must
//     get, from both look-ups, the answer recorded at the user's first
//     event (which also catches a look-up whose answers changed since).
//
// On those errors a is unchanged. A sum that would pass 2⁶³−1 is an error
// wrapping [learnstats.ErrOverflow] that stops a as in [Analytics.Add];
// merging an accumulator stopped by an overflow returns its error. b keeps
// its results and shares no memory with a afterwards.
func (a *Analytics) Merge(b *Analytics) error {
	if a.err != nil {
		return a.err
	}
	if b.err != nil {
		return fmt.Errorf("activity: merging an accumulator stopped by an overflow: %w", b.err)
	}
	if diff := configDiff(a.cfg, b.cfg); diff != "" {
		return fmt.Errorf("%w: %s", ErrConfigMismatch, diff)
	}
	for id := range b.users {
		if _, ok := a.users[id]; ok {
			return fmt.Errorf("%w: user %q is in both", ErrShardOverlap, id)
		}
	}
	if err := consentAnswersAgree(a, b); err != nil {
		return err
	}
	if b.users == nil {
		return nil // b has had no record: nothing to add
	}
	a.init()
	m := merger{a: a}
	fm := make([]int32, len(b.feats))
	for i, f := range b.feats {
		fm[i] = a.feature(f.name)
		m.add(&a.feats[fm[i]].interactions, f.interactions)
		m.add(&a.feats[fm[i]].users, f.users)
	}
	om := make([]int32, len(b.osNames))
	for i, n := range b.osNames {
		om[i] = a.osIndex(n)
	}
	for i, d := range b.days {
		di := a.dayIndex(d)
		for o, n := range b.osDay[i] {
			row := a.osDay[di]
			if int(om[o]) >= len(row) {
				row = append(row, make([]int64, len(a.osNames)-len(row))...)
				a.osDay[di] = row
			}
			m.add(&row[om[o]], n)
		}
	}
	nm := make([]int32, len(b.nodes))
	for i := 1; i < len(b.nodes); i++ {
		n := b.nodes[i]
		f := n.feat
		if f != exitFeat {
			f = fm[f]
		}
		nm[i] = a.child(nm[n.parent], f)
		as, bs := &a.nstat[nm[i]], b.nstat[i]
		m.add(&as.visits, bs.visits)
		m.add(&as.users, bs.users)
		m.add(&as.views, bs.views)
		m.addTime(&as.spent, bs.spent)
	}
	cm := make([]int32, len(b.contents))
	for i, c := range b.contents {
		cm[i] = a.content(c.key)
		ac := &a.contents[cm[i]]
		m.add(&ac.views, c.views)
		m.add(&ac.viewers, c.viewers)
		m.addTime(&ac.spent, c.spent)
		for o, n := range c.byOS {
			if int(om[o]) >= len(ac.byOS) {
				ac.byOS = append(ac.byOS, make([]int64, len(a.osNames)-len(ac.byOS))...)
			}
			m.add(&ac.byOS[om[o]], n)
		}
	}
	um := make([]int32, len(b.us))
	for i := range b.us {
		bu := &b.us[i]
		b.flushRun(bu, int32(i)) // b's counts are unchanged: the run moves into fc
		um[i] = a.user(b.ids[i])
		u := &a.us[um[i]]
		*u = userState{
			consent: bu.consent, refused: bu.refused, seen: bu.seen, last: bu.last,
			vStart: bu.vStart, vCounted: bu.vCounted, step: bu.step, node: nm[bu.node],
			stepFeat: -1, stepStart: bu.stepStart, pendAt: bu.pendAt,
			active: bu.active, visits: bu.visits, duration: bu.duration,
			feat: -1, os: -1,
		}
		if bu.stepFeat >= 0 {
			u.stepFeat = fm[bu.stepFeat]
		}
		if bu.pend > 0 {
			u.pend = cm[bu.pend-1] + 1
		}
		for j := range b.nFeatures(bu) {
			fc := b.fcAt(bu, j)
			a.addFeatureCount(u, featCount{feat: fm[fc.feat], n: fc.n})
		}
	}
	for k, n := range b.fcBig {
		if a.fcBig == nil {
			a.fcBig = make(map[[2]int32]int64)
		}
		a.fcBig[[2]int32{um[k[0]], fm[k[1]]}] = n
	}
	for _, v := range b.vlog {
		a.vlog = append(a.vlog, visitRec{start: v.start, user: um[v.user], exit: nm[v.exit]})
	}
	for k := range b.viewerSeen {
		a.viewerSeen[[2]int32{cm[k[0]], um[k[1]]}] = struct{}{}
	}
	for k := range b.typeSeen {
		a.typeSeen[typeViewer{k.typ, um[k.user]}] = struct{}{}
	}
	for t, n := range b.typeUsers {
		sum := a.typeUsers[t]
		m.add(&sum, n)
		a.typeUsers[t] = sum
	}
	m.add(&a.interactions, b.interactions)
	m.add(&a.outside, b.outside)
	m.add(&a.noConsent, b.noConsent)
	m.add(&a.afterAsOf, b.afterAsOf)
	m.add(&a.noConsentUsers, b.noConsentUsers)
	m.add(&a.active, b.active)
	m.add(&a.visits, b.visits)
	m.addTime(&a.duration, b.duration)
	return m.err()
}

// merger adds counts and durations for Merge, remembering whether one
// overflowed.
type merger struct {
	a        *Analytics
	overflow bool
}

func (m *merger) add(dst *int64, v int64) {
	s, ok := checked.Add(*dst, v)
	*dst, m.overflow = s, m.overflow || !ok
}

func (m *merger) addTime(dst *time.Duration, v time.Duration) {
	s, ok := checked.AddDuration(*dst, v)
	*dst, m.overflow = s, m.overflow || !ok
}

// err stops the accumulator when a sum overflowed (SPEC section 0).
func (m *merger) err() error {
	if m.overflow {
		m.a.err = fmt.Errorf("activity: merging accumulators: a count or duration passes 2⁶³−1: %w", learnstats.ErrOverflow)
	}
	return m.a.err
}

// configDiff returns what differs between two configurations, or "" when
// they are the same (see [Analytics.Merge] for how each field is
// compared). The answers of look-ups that are not ConsentSets are compared
// by consentAnswersAgree.
func configDiff(a, b Config) string {
	switch {
	case !sameWindow(a.Window, b.Window):
		return fmt.Sprintf("window %s / %s", a.Window, b.Window)
	case !a.AsOf.Equal(b.AsOf):
		return fmt.Sprintf("asOf %s / %s", a.AsOf.Format(time.RFC3339Nano), b.AsOf.Format(time.RFC3339Nano))
	case a.gap() != b.gap():
		return fmt.Sprintf("gap %s / %s", a.gap(), b.gap())
	case a.loc().String() != b.loc().String():
		return fmt.Sprintf("location %q / %q", a.loc(), b.loc())
	case !sameLocation(a.loc(), b.loc()):
		return fmt.Sprintf("locations named %q with other offsets", a.loc())
	case a.Anonymized != b.Anonymized:
		return fmt.Sprintf("anonymized %v / %v", a.Anonymized, b.Anonymized)
	case reflect.TypeOf(a.Consent) != reflect.TypeOf(b.Consent):
		return fmt.Sprintf("consent look-ups %T / %T", a.Consent, b.Consent)
	}
	if sa, ok := a.Consent.(ConsentSet); ok {
		sb := b.Consent.(ConsentSet)
		for id, v := range sa {
			if sb[id] != v {
				return fmt.Sprintf("consent sets: user %q accepted %v / %v", id, v, sb[id])
			}
		}
		for id, v := range sb {
			if sa[id] != v {
				return fmt.Sprintf("consent sets: user %q accepted %v / %v", id, sa[id], v)
			}
		}
	}
	return ""
}

// consentAnswersAgree compares two Consent look-ups that are not
// ConsentSets (nor nil) by their answers: every user of a and b must get,
// from both, the answer recorded at the user's first event (see
// [Analytics.Merge]).
func consentAnswersAgree(a, b *Analytics) error {
	if _, isSet := a.cfg.Consent.(ConsentSet); isSet || a.cfg.Consent == nil {
		return nil
	}
	for _, x := range []*Analytics{a, b} {
		for i, id := range x.ids {
			recorded := x.us[i].consent
			if a.cfg.Consent.Accepted(id) != recorded || b.cfg.Consent.Accepted(id) != recorded {
				return fmt.Errorf("%w: consent look-ups answer user %q differently (accepted at the first event: %v)",
					ErrConfigMismatch, id, recorded)
			}
		}
	}
	return nil
}

// sameWindow reports whether a and b hold the same instants.
func sameWindow(a, b learnstats.Window) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }

// sameLocation reports whether a and b have the same name and give every
// instant of the event time range the same offset and zone name: all a
// location means for calendar days (rules E-4, E-10).
func sameLocation(a, b *time.Location) bool {
	if a == b {
		return true
	}
	if a.String() != b.String() {
		return false
	}
	for t := MinEventTime; !t.After(MaxEventTime); {
		ta, tb := t.In(a), t.In(b)
		na, oa := ta.Zone()
		nb, ob := tb.Zone()
		_, ea := ta.ZoneBounds()
		_, eb := tb.ZoneBounds()
		if na != nb || oa != ob || !ea.Equal(eb) {
			return false
		}
		switch {
		case ea.IsZero():
			return true // the zone goes on forever
		case ea.After(t):
			t = ea
		default:
			// time.Time.ZoneBounds can return an end that is not after
			// t (seen at the end of leap years under a zone's extended
			// rule): go on an hour later, so that the walk always ends.
			t = t.Add(time.Hour)
		}
	}
	return true
}

// Reset empties the accumulator but keeps the users, features, funnel
// nodes, days and content items it has interned, and the memory it has
// allocated, so that a second pass over similar events allocates nothing.
// It also clears an overflow that stopped the accumulator. The
// configuration stays as it is.
func (a *Analytics) Reset() {
	for i := range a.us {
		u := &a.us[i]
		*u = userState{consent: u.consent, feat: -1, os: -1, stepFeat: -1, more: u.more}
	}
	for i := range a.fcMore {
		a.fcMore[i] = a.fcMore[i][:0]
	}
	clear(a.fcBig)
	a.vlog = a.vlog[:0]
	for i := range a.feats {
		a.feats[i].interactions, a.feats[i].users = 0, 0
	}
	for _, row := range a.osDay {
		clear(row)
	}
	clear(a.nstat)
	for i := range a.contents {
		c := &a.contents[i]
		c.views, c.viewers, c.spent = 0, 0, 0
		clear(c.byOS)
	}
	clear(a.viewerSeen)
	clear(a.typeSeen)
	clear(a.typeUsers)
	a.interactions, a.outside, a.noConsent, a.afterAsOf, a.noConsentUsers = 0, 0, 0, 0, 0
	a.active, a.visits, a.duration = 0, 0, 0
	a.err = nil
}

// Analyze is the one-call form of [Analytics]: it adds every event to a
// fresh accumulator for cfg and returns its Result, or the first error
// (see [Analytics.Add] and [Analytics.Result]).
func Analyze(cfg Config, events iter.Seq[Event]) (Result, error) {
	a := NewAnalytics(cfg)
	for e := range events {
		if err := a.Add(e); err != nil {
			return Result{}, err
		}
	}
	return a.Result()
}
