package intake

// Coverage is the share of a message's words and character bigrams that the
// model's vocabulary knows. Residents' reports are told in words the
// training corpus shares (places, facilities, what broke): their coverage
// is rarely below 0.6. Text about something else entirely — a poem, a joke,
// talk with a bot — is mostly made of words the corpus never saw, and the
// detector's probability for it rests on the few generic words it knows.
// Calibration weighs coverage beside the detector's logit (PlattC), fitted
// on rows the fold's vocabulary did not see and on real off-topic chat, so
// that nearly empty or off-topic messages get low confidence.

// isCoverageFeature reports whether a feature counts towards coverage:
// segmented words ("w:") and character bigrams ("b:") with a Chinese
// character in them (an English word mixed in says nothing of the topic).
func isCoverageFeature(f []byte) bool {
	if len(f) <= 2 || (f[0] != 'w' && f[0] != 'b') || f[1] != ':' {
		return false
	}
	for _, c := range f[2:] {
		// lead bytes of U+3400–U+9FFF (CJK ideographs) in UTF-8
		if c >= 0xE3 && c <= 0xE9 {
			return true
		}
	}
	return false
}

// coverageKnee is where coverage stops mattering: above it a message is
// told in the corpus's words and the detector's logit alone decides; below
// it, confidence falls with coverage (calibration fits how fast). Reports of
// the dev files have coverage 0.65–0.95 (10th–90th percentile), real
// off-topic chat 0.2–0.7 (median 0.44); 0.5 kept more dev reports
// acknowledged than 0.6 at the same false acknowledgements on the held-out
// part of the real negatives.
const coverageKnee = 0.5

// coverageOf is known/total capped at coverageKnee. A message with no
// Chinese word or bigram at all (dots, emoji, a sticker's text) has
// coverage 0: nothing in it tells of a problem here, so it gets low
// confidence.
func coverageOf(known, total int) float64 {
	if total == 0 {
		return 0
	}
	return min(float64(known)/float64(total), coverageKnee)
}

// coverageIn computes the coverage of a feature list against a set of
// known features.
func coverageIn(feats []string, known map[string]bool) float64 {
	k, n := 0, 0
	for _, f := range feats {
		if isCoverageFeature([]byte(f)) {
			n++
			if known[f] {
				k++
			}
		}
	}
	return coverageOf(k, n)
}
