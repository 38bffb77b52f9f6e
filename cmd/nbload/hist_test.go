package main

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestHistQuantiles(t *testing.T) {
	var h hist
	// 1 ms … 1000 ms, each once, shuffled.
	rng := rand.New(rand.NewPCG(3, 4))
	for _, i := range rng.Perm(1000) {
		h.add(time.Duration(i+1) * time.Millisecond)
	}
	tests := []struct {
		q    float64
		want time.Duration
	}{
		{0, time.Millisecond}, {0.5, 500 * time.Millisecond}, {0.95, 950 * time.Millisecond},
		{0.99, 990 * time.Millisecond}, {1, 1000 * time.Millisecond},
	}
	for _, tc := range tests {
		got := h.quantile(tc.q)
		if diff := float64(got-tc.want) / float64(tc.want); diff < -0.01 || diff > 0.01 {
			t.Errorf("quantile(%g) = %v, want %v ± 1 %%", tc.q, got, tc.want)
		}
	}
	if h.n != 1000 || h.mean() != 500500*time.Microsecond {
		t.Errorf("n %d mean %v, want 1000 and 500.5ms", h.n, h.mean())
	}
}

func TestHistEdges(t *testing.T) {
	var empty hist
	if empty.quantile(0.99) != 0 || empty.mean() != 0 || empty.summary().N != 0 {
		t.Error("an empty histogram must give zeros")
	}
	var one hist
	one.add(42 * time.Millisecond)
	for _, q := range []float64{0, 0.5, 0.99, 1} {
		if got := one.quantile(q); got != 42*time.Millisecond {
			t.Errorf("one value: quantile(%g) = %v", q, got)
		}
	}
	var small hist
	small.add(-time.Second) // clock steps must not break it
	small.add(300 * time.Nanosecond)
	small.add(3 * time.Hour) // beyond the last bucket
	if small.min != 0 || small.max != 3*time.Hour || small.quantile(1) != 3*time.Hour {
		t.Errorf("min %v max %v q1 %v", small.min, small.max, small.quantile(1))
	}
	// 99 fast and 1 slow: p99 is fast, the 100th value is the max.
	var tail hist
	for range 99 {
		tail.add(time.Millisecond)
	}
	tail.add(time.Second)
	if p := tail.quantile(0.99); p > 2*time.Millisecond {
		t.Errorf("p99 = %v, want about 1ms", p)
	}
	if s := tail.summary(); s.Max != 1000 || s.N != 100 {
		t.Errorf("summary %+v", s)
	}
}

func TestHistMerge(t *testing.T) {
	var a, b, all hist
	for i := 1; i <= 100; i++ {
		d := time.Duration(i) * time.Millisecond
		all.add(d)
		if i%2 == 0 {
			a.add(d)
		} else {
			b.add(d)
		}
	}
	var m hist
	m.merge(&a)
	m.merge(&b)
	m.merge(&hist{})
	if m.n != all.n || m.min != all.min || m.max != all.max || m.sum != all.sum || m.quantile(0.9) != all.quantile(0.9) {
		t.Errorf("merged %+v, want %+v", m.summary(), all.summary())
	}
}
