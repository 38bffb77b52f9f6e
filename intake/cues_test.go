package intake

import "testing"

// TestCueSetHoldsEveryGroup checks that the groups in use fit a cueSet and
// that groups past the first word are kept apart from those in it.
func TestCueSetHoldsEveryGroup(t *testing.T) {
	if n := cueGroupCount(); n > maxCueGroups {
		t.Fatalf("%d cue groups, a cueSet holds %d", n, maxCueGroups)
	}
	var s cueSet
	for _, g := range []cueGroup{0, 63, 64, 127} {
		if s.has(g) {
			t.Fatalf("empty set has group %d", g)
		}
		s.add(g)
		if !s.has(g) {
			t.Fatalf("group %d added but not found", g)
		}
	}
	for _, g := range []cueGroup{1, 62, 65, 126} {
		if s.has(g) {
			t.Errorf("group %d found but never added", g)
		}
	}
	// The last danger pair's state group (the highest in use) is found in text
	// that holds its object and state words.
	last := allDangerPairs[len(allDangerPairs)-1]
	got := scanCues(last.objects[0] + last.states[0])
	if g := cuePairBase + cueGroup(2*len(allDangerPairs)-1); !got.has(g) {
		t.Errorf("scanCues(%q) lacks group %d", last.objects[0]+last.states[0], g)
	}
}
