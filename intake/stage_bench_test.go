package intake

import "testing"

// BenchmarkUnderstandStages times the stages of Understand on the long
// complaint, to see where its time goes.
func BenchmarkUnderstandStages(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := longComplaint
	folded := foldRunes(text)
	norm := normalizeFolded(folded)
	cues := scanCues(norm)
	act := speechActOf(norm, cues)
	ids, _ := m.featureIDsOf(norm, act)
	locs, locNorm := extractLocationFolded(text, folded)
	b.Run("fold", func(b *testing.B) {
		for b.Loop() {
			foldRunes(text)
		}
	})
	b.Run("normalize", func(b *testing.B) {
		for b.Loop() {
			normalizeFolded(folded)
		}
	})
	b.Run("cues+act", func(b *testing.B) {
		for b.Loop() {
			speechActOf(norm, scanCues(norm))
		}
	})
	b.Run("segment", func(b *testing.B) {
		for b.Loop() {
			segmentWith(m.seg, foldDigits(norm))
		}
	})
	b.Run("featureIDs", func(b *testing.B) {
		for b.Loop() {
			m.featureIDsOf(norm, act)
		}
	})
	b.Run("location", func(b *testing.B) {
		for b.Loop() {
			extractLocationFolded(text, folded)
		}
	})
	b.Run("concern+urgent", func(b *testing.B) {
		for b.Loop() {
			m.concernProb(ids, 0.5)
			m.urgentProb(ids)
		}
	})
	b.Run("judge", func(b *testing.B) {
		for b.Loop() {
			judge(norm, cues, act, locs, locNorm, gateRules{})
		}
	})
	b.Run("categoryIDs", func(b *testing.B) {
		for b.Loop() {
			m.categoryIDs(norm, ids)
		}
	})
	cids := m.categoryIDs(norm, ids)
	b.Run("categoryProbs", func(b *testing.B) {
		for b.Loop() {
			m.categoryProbs(cids)
		}
	})
	b.Run("classify", func(b *testing.B) {
		for b.Loop() {
			m.classify(norm, ids)
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			m.Understand(text)
		}
	})
}
