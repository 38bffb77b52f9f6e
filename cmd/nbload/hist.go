package main

import (
	"math"
	"time"
)

// hist is a histogram of durations with buckets 1 % wide (from 1 µs to
// about 2.6 hours), so that a long run keeps a fixed, small memory and every
// percentile is within 1 % of the true value. Count, sum, min and max are
// exact. The zero value is empty and ready to use; it is not safe for
// concurrent use.
type hist struct {
	counts   []uint32
	n        int64
	sum      time.Duration
	min, max time.Duration
}

const (
	histGrowth  = 1.01
	histBuckets = 2400 // 1.01^2400 µs ≈ 2.6 h
)

var logGrowth = math.Log(histGrowth)

// bucketOf returns the bucket of d: bucket i holds [1.01^i, 1.01^(i+1)) µs.
func bucketOf(d time.Duration) int {
	us := float64(d) / float64(time.Microsecond)
	if us < 1 {
		return 0
	}
	return min(int(math.Log(us)/logGrowth), histBuckets-1)
}

// add records d (negative durations count as 0).
func (h *hist) add(d time.Duration) {
	d = max(d, 0)
	if h.counts == nil {
		h.counts = make([]uint32, histBuckets)
	}
	h.counts[bucketOf(d)]++
	if h.n == 0 || d < h.min {
		h.min = d
	}
	if d > h.max {
		h.max = d
	}
	h.n++
	h.sum += d
}

// merge adds the values of o.
func (h *hist) merge(o *hist) {
	if o.n == 0 {
		return
	}
	if h.counts == nil {
		h.counts = make([]uint32, histBuckets)
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
	h.sum += o.sum
}

// quantile returns the q-quantile (0 ≤ q ≤ 1) by the nearest-rank method:
// the smallest value with at least q·n values at or below it. It is exact
// at the ends (min, max) and within 1 % elsewhere; 0 when empty.
func (h *hist) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(h.n)))
	if rank <= 1 {
		return h.min
	} else if rank >= h.n {
		return h.max
	}
	var seen int64
	for i, c := range h.counts {
		seen += int64(c)
		if seen >= rank {
			// The bucket's geometric middle, kept within what was seen.
			mid := time.Duration(math.Pow(histGrowth, float64(i)+0.5) * float64(time.Microsecond))
			if i == 0 {
				mid = time.Microsecond
			}
			return min(max(mid, h.min), h.max)
		}
	}
	return h.max
}

// mean returns the average, 0 when empty.
func (h *hist) mean() time.Duration {
	if h.n == 0 {
		return 0
	}
	return h.sum / time.Duration(h.n)
}

// summary is a histogram as the report shows it, in milliseconds.
type summary struct {
	N    int64   `json:"n"`
	P50  float64 `json:"p50_ms"`
	P95  float64 `json:"p95_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

func (h *hist) summary() summary {
	return summary{N: h.n, P50: ms(h.quantile(0.50)), P95: ms(h.quantile(0.95)), P99: ms(h.quantile(0.99)),
		Max: ms(h.max), Mean: ms(h.mean())}
}

// ms is d in milliseconds, rounded to 0.01 ms.
func ms(d time.Duration) float64 { return math.Round(float64(d)/float64(time.Millisecond)*100) / 100 }
