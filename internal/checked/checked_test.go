package checked

import (
	"math"
	"math/big"
	"testing"
	"time"
)

func exact(op func(x, y *big.Int) *big.Int, a, b int64) (int64, bool) {
	z := op(big.NewInt(a), big.NewInt(b))
	if !z.IsInt64() {
		return 0, false
	}
	return z.Int64(), true
}

var edge = []int64{0, 1, -1, 2, -2, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1,
	math.MaxInt32, math.MinInt32, 1 << 32, -(1 << 32), 3037000499, 3037000500, -3037000500}

func check(t *testing.T, name string, got func(a, b int64) (int64, bool), want func(x, y *big.Int) *big.Int, a, b int64) {
	t.Helper()
	g, gok := got(a, b)
	w, wok := exact(want, a, b)
	if gok != wok || (gok && g != w) {
		t.Errorf("%s(%d, %d) = %d, %v; want %d, %v", name, a, b, g, gok, w, wok)
	}
}

func TestEdges(t *testing.T) {
	for _, a := range edge {
		for _, b := range edge {
			check(t, "Add", Add, new(big.Int).Add, a, b)
			check(t, "Sub", Sub, new(big.Int).Sub, a, b)
			check(t, "Mul", Mul, new(big.Int).Mul, a, b)
		}
	}
}

func FuzzArithmetic(f *testing.F) {
	for _, a := range edge {
		f.Add(a, a)
	}
	f.Fuzz(func(t *testing.T, a, b int64) {
		check(t, "Add", Add, new(big.Int).Add, a, b)
		check(t, "Sub", Sub, new(big.Int).Sub, a, b)
		check(t, "Mul", Mul, new(big.Int).Mul, a, b)
	})
}

func TestSpan(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d, ok := Span(t0, t0.Add(time.Hour)); !ok || d != time.Hour {
		t.Errorf("one hour: %v %v", d, ok)
	}
	if _, ok := Span(t0, t0.AddDate(300, 0, 0)); ok {
		t.Error("300 years fit a Duration")
	}
	if _, ok := Span(t0.AddDate(300, 0, 0), t0); ok {
		t.Error("-300 years fit a Duration")
	}
	max := t0.Add(math.MaxInt64)
	if d, ok := Span(t0, max); !ok || d != math.MaxInt64 {
		t.Errorf("MaxInt64: %v %v", d, ok)
	}
	if _, ok := Span(t0, max.Add(1)); ok {
		t.Error("MaxInt64+1 fits")
	}
}
