package activity

// This file holds the one speed device of the package: where a user's
// counts per feature are kept. Kept in a slice, the count of an event's
// feature is a second memory access that must wait for the user's state
// to be read (the slice's address is in it); when users take turns or
// interleave at random, that is a cache miss per event, and the plain
// slice made adding an event by ID slower than the accumulator this
// package replaced. The first counts are therefore kept in the state
// itself. FuzzFeatureCounts checks featureCounts against a plain map.

// inlineFeatures is the number of features (by number) whose counts a
// featureCounts holds in itself.
const inlineFeatures = 16

// featureCounts are a user's interactions per feature, indexed by the
// feature's number: the first inlineFeatures in the value itself, the
// others in a slice grown as needed. The zero featureCounts is all
// zeros.
type featureCounts struct {
	first [inlineFeatures]int64
	rest  []int64
}

// at returns the count of feature f (≥ 0), making room for it.
func (c *featureCounts) at(f int32) *int64 {
	if f < inlineFeatures {
		return &c.first[f]
	}
	i := int(f - inlineFeatures)
	if i >= len(c.rest) {
		c.rest = append(c.rest, make([]int64, i+1-len(c.rest))...)
	}
	return &c.rest[i]
}

// len is one past the highest feature number c may hold a count for.
func (c *featureCounts) len() int { return inlineFeatures + len(c.rest) }

// clone returns a copy of c that shares no memory with it.
func (c *featureCounts) clone() featureCounts {
	return featureCounts{first: c.first, rest: append([]int64(nil), c.rest...)}
}
