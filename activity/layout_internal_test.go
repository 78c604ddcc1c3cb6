package activity

import (
	"testing"
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
