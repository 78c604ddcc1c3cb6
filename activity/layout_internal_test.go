package activity

import (
	"math"
	"testing"
	"time"
	"unsafe"
)

// TestUserStateLayout keeps the per-user state at 256 bytes with its hot
// fields in the first 128 (see userState); the benchmark depends on it.
func TestUserStateLayout(t *testing.T) {
	var u userState
	if got := unsafe.Sizeof(u); got != 256 {
		t.Errorf("userState is %d bytes, want 256", got)
	}
	if end := unsafe.Offsetof(u.fc) + unsafe.Sizeof(u.fc); end > 128 {
		t.Errorf("hot fields end at byte %d, want <= 128", end)
	}
}

// TestE5_FeatureCountOverflow checks that a per-user feature count past
// 2³²−1 moves into the wide counts instead of wrapping.
func TestE5_FeatureCountOverflow(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := NewAnalytics(Config{})
	if err := a.Add(Event{User: "u1", Time: at, Entry: Entry{Category: "x"}, Feature: "f"}); err != nil {
		t.Fatal(err)
	}
	a.us[0].fc[0].n = math.MaxUint32 // as if after 2³²−1 earlier events
	if err := a.Add(Event{User: "u1", Time: at.Add(time.Second), Entry: Entry{Category: "x"}, Feature: "g"}); err != nil {
		t.Fatal(err)
	}
	r := a.Result()
	if got, want := r.Users[0].FeatureInteractions("f"), int64(math.MaxUint32)+1; got != want {
		t.Errorf("count of f = %d, want %d", got, want)
	}
	m := NewAnalytics(Config{})
	if err := m.Merge(a); err != nil {
		t.Fatal(err)
	}
	if got := m.Result().Users[0].FeatureInteractions("f"); got != int64(math.MaxUint32)+1 {
		t.Errorf("merged count of f = %d", got)
	}
}
