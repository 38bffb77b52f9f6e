package intake

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLogitsLikeRowLoop checks the blocked logits against adding each
// feature's row to the output in turn, to the last bit, for every class
// count from 1 to 15.
func TestLogitsLikeRowLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 1; k <= 15; k++ {
		l := &linear{Labels: make([]string, k), W: make([]float32, 50*k), B: make([]float32, k), Scale: 1.3}
		for i := range l.W {
			l.W[i] = float32(rng.NormFloat64())
		}
		for i := range l.B {
			l.B[i] = float32(rng.NormFloat64())
		}
		for _, ids := range [][]int32{nil, {7}, {0, 3, 9, 10, 11, 12, 40, 49}} {
			got, want := make([]float64, k), make([]float64, k)
			l.logits(ids, got)
			s := float64(l.Scale)
			for j := range want {
				want[j] = s * float64(l.B[j])
			}
			for _, id := range ids {
				v := s / math.Sqrt(float64(len(ids)))
				for j, w := range l.W[int(id)*k : int(id)*k+k] {
					want[j] += v * float64(w)
				}
			}
			for j := range want {
				if got[j] != want[j] {
					t.Fatalf("k=%d ids=%v: logit %d = %v, want %v", k, ids, j, got[j], want[j])
				}
			}
		}
	}
}

// TestQuantizedLogitsLikeDequantized checks that the logits read from the
// quantised bytes are those of the dequantised weights, bit for bit.
func TestQuantizedLogitsLikeDequantized(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 1; k <= 15; k++ {
		l := &linear{Labels: make([]string, k), W: make([]float32, 50*k), B: make([]float32, k), Scale: 0.7}
		for i := range l.W {
			l.W[i] = float32(rng.NormFloat64())
		}
		l.quantize()
		plain := &linear{Labels: l.Labels, W: l.W, B: l.B, Scale: l.Scale}
		loaded := l.quantizedForSave()
		loaded.dequantize()
		for _, ids := range [][]int32{nil, {7}, {0, 3, 9, 10, 11, 12, 40, 49}} {
			got, want := make([]float64, k), make([]float64, k)
			l.logits(ids, got)
			plain.logits(ids, want)
			again := make([]float64, k)
			loaded.logits(ids, again)
			for j := range want {
				if got[j] != want[j] || again[j] != want[j] {
					t.Fatalf("k=%d ids=%v: logit %d = %v (loaded %v), want %v", k, ids, j, got[j], again[j], want[j])
				}
			}
		}
	}
}
