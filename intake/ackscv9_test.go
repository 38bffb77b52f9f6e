package intake

import (
	"os"
	"testing"
)

// ackscv9Ref is the reference of testdata/ACKS-CV-9.md: ACKS-CV-8.md's
// `nat+brw-30`, the shipped mix (naturalMix).
var ackscv9Ref = ackscv8Candidate{name: "nat+brw-30", brw: true, w: naturalMix}

// ackscv9Candidates are its neighbours, in the protocol's tie order.
var ackscv9Candidates = []ackscv8Candidate{
	{name: "nat+brw-20", brw: true, w: 0.2},
	{name: "nat+brw-40", brw: true, w: 0.4},
	{name: "nat+brw-30-l2x3", brw: true, w: 0.3, natL2: 3},
}

// TestAcksCV9 runs testdata/ACKS-CV-9.md: the shipped mix against the
// natural-only detector's weight 0.2 and 0.4 and its L2 ×3, on
// ACKS-CV-7.md's folds at three training seeds, decided by rules 1–3 on the
// seeds' mean with the reference in `ship`'s place:
//
//	NEIGHBORBOT_ACKSCV=1 nice go test ./intake -p 1 -run 'AcksCV9$' -v -timeout 150m
//
// NEIGHBORBOT_ACKSCV_ONLY=nat+brw-20 narrows the candidates (the reference
// always runs).
func TestAcksCV9(t *testing.T) {
	if os.Getenv("NEIGHBORBOT_ACKSCV") == "" {
		t.Skip("set NEIGHBORBOT_ACKSCV=1 to run the ninth acknowledgement cross-validation (testdata/ACKS-CV-9.md)")
	}
	r, natW, brw := newAckscv8Runner(t)
	ackscvSeedCompare(t, r, ackscv7bSeeds, func(seed uint64) []ackscvJudged { return r.run8(ackscv9Ref, natW, brw, seed) },
		ackscv9Candidates, natW, brw, "seeds summed, against nat+brw-30")
}
