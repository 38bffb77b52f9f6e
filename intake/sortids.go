package intake

import (
	"math/bits"
	"slices"
	"sync"
)

// sortUnique sorts non-negative ids and drops repeated ones, in place:
// what slices.Compact after slices.Sort returns. A long message has a few
// hundred feature ids, all below the vocabulary size; marking them in a bit
// set and reading it back in order costs less than sorting them.
func sortUnique(ids []int32) []int32 {
	if len(ids) < 64 {
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	lo, hi := ids[0], ids[0]
	for _, id := range ids {
		lo, hi = min(lo, id), max(hi, id)
	}
	if lo < 0 || int(hi-lo) > 64*len(ids) {
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	base := int(lo) &^ 63
	n := (int(hi)-base)/64 + 1
	set := idSets.Get().(*[]uint64)
	if cap(*set) < n {
		*set = make([]uint64, n)
	}
	words := (*set)[:n]
	for _, id := range ids {
		i := int(id) - base
		words[i>>6] |= 1 << (i & 63)
	}
	out := ids[:0]
	for w, word := range words {
		for ; word != 0; word &= word - 1 {
			out = append(out, int32(base+w<<6+bits.TrailingZeros64(word)))
		}
		words[w] = 0
	}
	idSets.Put(set)
	return out
}

var idSets = sync.Pool{New: func() any { return new([]uint64) }}
