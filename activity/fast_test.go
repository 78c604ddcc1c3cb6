package activity

import "testing"

// FuzzFeatureCounts checks featureCounts (fast.go) against the plain
// equivalent, a map from feature number to count, on random increments,
// additions and clones.
func FuzzFeatureCounts(f *testing.F) {
	f.Add([]byte{0, 1, 15, 16, 17, 200, 3, 3})
	f.Add([]byte{255, 254, 0, 16, 16, 31, 32, 100})
	f.Fuzz(func(t *testing.T, ops []byte) {
		var c featureCounts
		plain := map[int32]int64{}
		for i, op := range ops {
			feature := int32(op % 64)
			by := int64(op/64) + 1
			*c.at(feature) += by
			plain[feature] += by
			if i%7 == 6 { // a clone shares nothing with its source
				d := c.clone()
				*d.at(feature) += 1000
				if *c.at(feature) != plain[feature] {
					t.Fatalf("a change to a clone changed the source's feature %d", feature)
				}
			}
		}
		if c.len() < inlineFeatures {
			t.Fatalf("len %d below the inline counts", c.len())
		}
		for feature := range int32(c.len()) {
			if got := *c.at(feature); got != plain[feature] {
				t.Errorf("feature %d: %d, want %d", feature, got, plain[feature])
			}
		}
		for feature, n := range plain {
			if int(feature) >= c.len() && n != 0 {
				t.Errorf("feature %d (count %d) beyond len %d", feature, n, c.len())
			}
		}
	})
}
