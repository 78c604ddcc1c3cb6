package activity

import (
	"fmt"
	"math"
	"testing"
	"time"
	"unsafe"
)

// TestUserStateLayout keeps the per-user state at four 64-byte cache
// lines: every field the usual event reads or writes in the first, the
// per-visit fields in the second, the inline feature counts in the third
// and fourth (see userState); the benchmarks depend on it.
func TestUserStateLayout(t *testing.T) {
	var u userState
	if got := unsafe.Sizeof(u); got != 256 {
		t.Errorf("userState is %d bytes, want 256", got)
	}
	line1 := []struct {
		name     string
		off, end uintptr
	}{
		{"last", unsafe.Offsetof(u.last), unsafe.Offsetof(u.last) + unsafe.Sizeof(u.last)},
		{"dayTo", unsafe.Offsetof(u.dayTo), unsafe.Offsetof(u.dayTo) + unsafe.Sizeof(u.dayTo)},
		{"stepStart", unsafe.Offsetof(u.stepStart), unsafe.Offsetof(u.stepStart) + unsafe.Sizeof(u.stepStart)},
		{"run", unsafe.Offsetof(u.run), unsafe.Offsetof(u.run) + unsafe.Sizeof(u.run)},
		{"feat", unsafe.Offsetof(u.feat), unsafe.Offsetof(u.feat) + unsafe.Sizeof(u.feat)},
		{"os", unsafe.Offsetof(u.os), unsafe.Offsetof(u.os) + unsafe.Sizeof(u.os)},
		{"day", unsafe.Offsetof(u.day), unsafe.Offsetof(u.day) + unsafe.Sizeof(u.day)},
		{"node", unsafe.Offsetof(u.node), unsafe.Offsetof(u.node) + unsafe.Sizeof(u.node)},
		{"stepFeat", unsafe.Offsetof(u.stepFeat), unsafe.Offsetof(u.stepFeat) + unsafe.Sizeof(u.stepFeat)},
		{"pend", unsafe.Offsetof(u.pend), unsafe.Offsetof(u.pend) + unsafe.Sizeof(u.pend)},
		{"fcPos", unsafe.Offsetof(u.fcPos), unsafe.Offsetof(u.fcPos) + unsafe.Sizeof(u.fcPos)},
		{"step", unsafe.Offsetof(u.step), unsafe.Offsetof(u.step) + unsafe.Sizeof(u.step)},
		{"nIn", unsafe.Offsetof(u.nIn), unsafe.Offsetof(u.nIn) + unsafe.Sizeof(u.nIn)},
		{"consent", unsafe.Offsetof(u.consent), unsafe.Offsetof(u.consent) + unsafe.Sizeof(u.consent)},
		{"seen", unsafe.Offsetof(u.seen), unsafe.Offsetof(u.seen) + unsafe.Sizeof(u.seen)},
		{"vCounted", unsafe.Offsetof(u.vCounted), unsafe.Offsetof(u.vCounted) + unsafe.Sizeof(u.vCounted)},
		{"dayOK", unsafe.Offsetof(u.dayOK), unsafe.Offsetof(u.dayOK) + unsafe.Sizeof(u.dayOK)},
	}
	for _, f := range line1 {
		if f.end > 64 {
			t.Errorf("per-event field %s at bytes %d–%d, want inside the first line (0–64)", f.name, f.off, f.end)
		}
	}
	if off := unsafe.Offsetof(u.pendAt); off != 64 {
		t.Errorf("per-visit fields start at byte %d, want 64", off)
	}
	if end := unsafe.Offsetof(u.active) + unsafe.Sizeof(u.active); end > 128 {
		t.Errorf("per-visit fields end at byte %d, want <= 128", end)
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
	a.fcAt(&a.us[0], 0).n = math.MaxUint32 // as if after 2³²−1 earlier events
	if err := a.Add(Event{User: "u1", Time: at.Add(time.Second), Entry: Entry{Category: "x"}, Feature: "g"}); err != nil {
		t.Fatal(err)
	}
	r := mustResult(t, a)
	if got, want := r.Users[0].FeatureInteractions("f"), int64(math.MaxUint32)+1; got != want {
		t.Errorf("count of f = %d, want %d", got, want)
	}
	m := NewAnalytics(Config{})
	if err := m.Merge(a); err != nil {
		t.Fatal(err)
	}
	if got := mustResult(t, m).Users[0].FeatureInteractions("f"); got != int64(math.MaxUint32)+1 {
		t.Errorf("merged count of f = %d", got)
	}
}

// TestE5_FeatureCountOverflowBeyondInline is TestE5_FeatureCountOverflow
// for a feature counted past the inline counts (in Analytics.fcMore).
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
	name := a.feats[a.fcAt(&a.us[0], pos).feat].name
	a.fcAt(&a.us[0], pos).n = math.MaxUint32 - 1 // as if after 2³²−2 earlier events
	add(name)                                    // reaches 2³²−1 in the run
	add(name)                                    // passes it
	add("f00")                                   // flushes the run
	r := mustResult(t, a)
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
	if got := mustResult(t, m).Users[0].FeatureInteractions(name); got != int64(math.MaxUint32)+1 {
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

// TestE5_FeatureRunOverflow checks that a run of events on one feature
// longer than 2³²−1 (userState.run is 32 bits) is added to the count
// before it would wrap.
func TestE5_FeatureRunOverflow(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := NewAnalytics(Config{})
	for i := range 2 {
		if err := a.Add(Event{User: "u1", Time: at.Add(time.Duration(i) * time.Second), Entry: Entry{Category: "x"}, Feature: "f"}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			a.us[0].run = math.MaxUint32 // as if after a run of 2³²−1 events
		}
	}
	r := mustResult(t, a)
	if got, want := r.Users[0].FeatureInteractions("f"), int64(math.MaxUint32)+1; got != want {
		t.Errorf("count of f = %d, want %d", got, want)
	}
	if got, want := r.Users[0].Interactions, int64(math.MaxUint32)+1; got != want {
		t.Errorf("user's interactions = %d, want %d (the sum of its feature counts)", got, want)
	}
}

// mustResult is a.Result, failing the test on an error.
func mustResult(t testing.TB, a *Analytics) Result {
	t.Helper()
	r, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	return r
}
