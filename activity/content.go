package activity

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// Rule E-8 Content analytics per content type (form, page, user profile,
// session, speaker, sponsor, document, abstract, search) and item: views,
// distinct viewers, time spent (an explicit duration when the event
// carries one, else the time until the user's next event in the same
// visit), and the split by operating system. Filterable to one item.

type contentKey struct{ typ, item string }

// contentTotals is one content item's totals over the window's visits.
type contentTotals struct {
	key            contentKey
	views, viewers int64
	spent          time.Duration
	byOS           map[string]int64
}

// ContentStats is rule E-8 for one content type (Item empty, its items
// in Items) or one content item (Items nil).
type ContentStats struct {
	// Type is the content type ([Event].ContentType).
	Type string
	// Item is the item ([Event].ContentItem); empty for a type's totals.
	Item string
	// Views counts the events of the window's visits on the item or the
	// type's items (always ≥ 1); Viewers the distinct users who viewed
	// it, or at least one of the type's items (not the sum of the items'
	// viewers).
	Views, Viewers int64
	// TimeSpent sums each view's explicit duration, or else the time
	// until the same user's next event in the same visit (0 for a
	// visit's last event).
	TimeSpent time.Duration
	// ByOS splits the views by operating system ([Event].OS; the empty
	// string for views with no OS recorded); OSes without views are
	// absent.
	ByOS map[string]int64
	// Items are a type's items with at least one view, most views first,
	// ties by item (byte-wise); filter to one item there.
	Items []ContentStats
}

// countContent counts the event of u at t for rule E-8: the view waiting
// for its time gets the time until this event, and a view of content
// waits for the next event unless it carries its duration. checkSums has
// checked the content times.
func (a *AnalyticsAccumulator) countContent(u *userState, e *Event, t int64) {
	if u.pending != none {
		a.content[u.pending].spent += time.Duration(t - u.pendingAt)
		u.pending = none
	}
	if e.ContentType == "" {
		return
	}
	i := a.contentItem(contentKey{e.ContentType, e.ContentItem})
	c := &a.content[i]
	c.views++
	c.byOS[e.OS]++
	if u.viewed == nil {
		u.viewed = map[int32]bool{}
	}
	if !u.viewed[i] {
		u.viewed[i] = true
		c.viewers++
	}
	if r := contentTypeRank(e.ContentType); !u.typesViewed[r] {
		u.typesViewed[r] = true
		a.typeViewers[r]++
	}
	if e.HasDuration {
		c.spent += e.Duration
	} else {
		u.pending, u.pendingAt = i, t
	}
}

// contentItem returns the index of the item of key, created when new.
func (a *AnalyticsAccumulator) contentItem(key contentKey) int32 {
	i, ok := a.contentIndex[key]
	if !ok {
		i = int32(len(a.content))
		a.contentIndex[key] = i
		a.content = append(a.content, contentTotals{key: key, byOS: map[string]int64{}})
	}
	return i
}

// contentStats is rule E-8: per content type in the SPEC's order, types
// without views left out. A type's time that would pass 2⁶³−1 ns is an
// error wrapping [learnstats.ErrOverflow] naming the type.
func (a *AnalyticsAccumulator) contentStats() ([]ContentStats, error) {
	byType := make([]*ContentStats, len(contentTypes))
	for _, c := range a.content {
		if c.views == 0 {
			continue
		}
		r := contentTypeRank(c.key.typ)
		ct := byType[r]
		if ct == nil {
			ct = &ContentStats{Type: c.key.typ, Viewers: a.typeViewers[r], ByOS: map[string]int64{}}
			byType[r] = ct
		}
		ct.Views += c.views // counts of events: no overflow
		spent, ok := checked.AddDuration(ct.TimeSpent, c.spent)
		if !ok {
			return nil, fmt.Errorf("activity: result: content type %q: time spent (E-8) passes 2⁶³−1 ns: %w", c.key.typ, learnstats.ErrOverflow)
		}
		ct.TimeSpent = spent
		for os, n := range c.byOS {
			ct.ByOS[os] += n
		}
		ct.Items = append(ct.Items, ContentStats{Type: c.key.typ, Item: c.key.item, Views: c.views, Viewers: c.viewers,
			TimeSpent: c.spent, ByOS: maps.Clone(c.byOS)})
	}
	var out []ContentStats
	for _, ct := range byType {
		if ct == nil {
			continue
		}
		slices.SortFunc(ct.Items, func(x, y ContentStats) int {
			return cmp.Or(cmp.Compare(y.Views, x.Views), strings.Compare(x.Item, y.Item))
		})
		out = append(out, *ct)
	}
	return out, nil
}
