package intake

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortUniqueLikeSortCompact checks sortUnique against slices.Sort and
// slices.Compact on random id lists, short and long, dense and sparse.
func TestSortUniqueLikeSortCompact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 10, 63, 64, 65, 200, 1000} {
		for _, span := range []int32{1, 50, 30000, 1 << 30} {
			ids := make([]int32, n)
			for i := range ids {
				ids[i] = 7 + rng.Int32N(span)
			}
			want := slices.Compact(slices.Sorted(slices.Values(ids)))
			if got := sortUnique(slices.Clone(ids)); !slices.Equal(got, want) {
				t.Fatalf("n=%d span=%d: sortUnique = %v, want %v", n, span, got, want)
			}
		}
	}
}
