package activity

import (
	"fmt"
	"math"
	"testing"
	"time"
	"unsafe"
)

// TestUserStateLayout keeps the per-user state at three 128-byte blocks:
// the per-event fields in the first, the inline feature counts in the
// second (see userState); the benchmark depends on it.
func TestUserStateLayout(t *testing.T) {
	var u userState
	if got := unsafe.Sizeof(u); got != 384 {
		t.Errorf("userState is %d bytes, want 384", got)
	}
	if end := unsafe.Offsetof(u.dayOK) + unsafe.Sizeof(u.dayOK); end > 128 {
		t.Errorf("per-event fields end at byte %d, want <= 128", end)
	}
	if off := unsafe.Offsetof(u.fcIn); off != 128 || unsafe.Sizeof(u.fcIn) != 128 {
		t.Errorf("inline feature counts at bytes %d–%d, want 128–256", off, off+unsafe.Sizeof(u.fcIn))
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
	a.us[0].fcAt(0).n = math.MaxUint32 // as if after 2³²−1 earlier events
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

// TestE5_FeatureCountOverflowBeyondInline is TestE5_FeatureCountOverflow
// for a feature counted past the inline counts (in userState.fcMore).
func TestE5_FeatureCountOverflowBeyondInline(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := NewAnalytics(Config{})
	add := func(feature string) {
		t.Helper()
		at = at.Add(time.Second)
		if err := a.Add(Event{User: "u1", Time: at, Entry: Entry{Category: "x"}, Feature: feature}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range fcInline + 3 {
		add(fmt.Sprintf("f%02d", i))
	}
	pos := fcInline + 1
	name := a.feats[a.us[0].fcAt(pos).feat].name
	a.us[0].fcAt(pos).n = math.MaxUint32 - 1 // as if after 2³²−2 earlier events
	add(name)                                // reaches 2³²−1 in the run
	add(name)                                // passes it
	add("f00")                               // flushes the run
	r := a.Result()
	if got, want := r.Users[0].FeatureInteractions(name), int64(math.MaxUint32)+1; got != want {
		t.Errorf("count of %s = %d, want %d", name, got, want)
	}
	if got := r.Users[0].FeatureInteractions("f00"); got != 2 {
		t.Errorf("count of f00 = %d, want 2", got)
	}
	m := NewAnalytics(Config{})
	if err := m.Merge(a); err != nil {
		t.Fatal(err)
	}
	if got := m.Result().Users[0].FeatureInteractions(name); got != int64(math.MaxUint32)+1 {
		t.Errorf("merged count of %s = %d", name, got)
	}
}

// TestE1_PlainValidAgreesWithValidate checks the cheap validity check of
// the per-event path: whenever it accepts an event, Validate does too, and
// it accepts the plain events of the benchmark and the tests.
func TestE1_PlainValidAgreesWithValidate(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	plain := Event{User: "u1", Time: at, Entry: Entry{Category: "x"}, Feature: "f", OS: "iOS"}
	tests := []struct {
		name, reason string
		edit         func(e *Event)
		accepted     bool // by plainValid
	}{
		{name: "plain", reason: "the usual event", edit: func(*Event) {}, accepted: true},
		{name: "no user", reason: "the user is not checked", edit: func(e *Event) { e.User = "" }, accepted: true},
		{name: "explicit duration", reason: "a duration with HasDuration is valid",
			edit: func(e *Event) { e.Duration, e.HasDuration = time.Minute, true }, accepted: true},
		{name: "explicit zero duration", reason: "HasDuration with 0 is valid",
			edit: func(e *Event) { e.HasDuration = true }, accepted: true},
		{name: "zero time", reason: "invalid", edit: func(e *Event) { e.Time = time.Time{} }},
		{name: "MinEventTime", reason: "valid, but in the boundary second: Validate decides",
			edit: func(e *Event) { e.Time = MinEventTime }},
		{name: "MinEventTime − 1ns", reason: "invalid", edit: func(e *Event) { e.Time = MinEventTime.Add(-1) }},
		{name: "MinEventTime + 1s", reason: "inside", edit: func(e *Event) { e.Time = MinEventTime.Add(time.Second) }, accepted: true},
		{name: "MaxEventTime", reason: "valid, but in the boundary second: Validate decides",
			edit: func(e *Event) { e.Time = MaxEventTime }},
		{name: "MaxEventTime + 1ns", reason: "invalid", edit: func(e *Event) { e.Time = MaxEventTime.Add(1) }},
		{name: "MaxEventTime − 1s", reason: "inside", edit: func(e *Event) { e.Time = MaxEventTime.Add(-time.Second) }, accepted: true},
		{name: "year 1", reason: "invalid, far outside", edit: func(e *Event) { e.Time = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC) }},
		{name: "year 9999", reason: "invalid, far outside", edit: func(e *Event) { e.Time = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{name: "no category", reason: "invalid", edit: func(e *Event) { e.Category = "" }},
		{name: "negative duration", reason: "invalid",
			edit: func(e *Event) { e.Duration, e.HasDuration = -1, true }},
		{name: "duration without HasDuration", reason: "invalid", edit: func(e *Event) { e.Duration = 1 }},
		{name: "content", reason: "valid, but content is checked by Validate",
			edit: func(e *Event) { e.ContentType, e.ContentItem = ContentPage, "p" }},
		{name: "unknown content type", reason: "invalid",
			edit: func(e *Event) { e.ContentType, e.ContentItem = "video", "v" }},
		{name: "item without type", reason: "invalid", edit: func(e *Event) { e.ContentItem = "p" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := plain
			tt.edit(&e)
			if got := e.plainValid(); got != tt.accepted {
				t.Errorf("plainValid = %v, want %v (%s)", got, tt.accepted, tt.reason)
			}
			if e.User == "" {
				e.User = "u1"
			}
			if err := e.Validate(); e.plainValid() && err != nil {
				t.Errorf("plainValid accepts an event Validate refuses: %v", err)
			}
		})
	}
}
