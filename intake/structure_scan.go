package intake

import "unicode/utf8"

// structure word groups, found in one pass over a message (as cues.go does
// for the speech-act cues) instead of one substring search per word.
const (
	sKin = iota
	sPrivate
	sCrime
	sBody
	sOther
	sResolved
	sSeeking
	sFacility
	sNoticeNegated
	sNotice
	sFuture
	sScheduled
	sContact
	sPet
	sWhose
	sInterrogative
	sWrong
	sSimile
	sNovelty
	sGood
	sInvite
	sVulnerable
	sGroups
)

type structSet uint32

func (s structSet) has(g int) bool { return s&(1<<g) != 0 }

// structIndex lists every word of the groups under its first rune.
var structIndex = func() map[rune][]cueWord {
	idx := map[rune][]cueWord{}
	for g, words := range [sGroups][]string{
		sKin: kinWords, sPrivate: privateThings, sCrime: crimeWords, sBody: bodyParts, sOther: otherPeople,
		sResolved: resolvedWords, sSeeking: seekingWords, sFacility: facilityWords, sNoticeNegated: noticeNegated,
		sNotice: noticeWords, sFuture: futureWords, sScheduled: scheduledWords, sContact: contactWords, sPet: petWords,
		sWhose: whoseWords, sInterrogative: interrogative, sWrong: wrongWords, sSimile: append(append([]string{}, simileOpeners...), simileWords...),
		sNovelty: noveltyWords, sGood: goodWords, sInvite: inviteWords, sVulnerable: vulnerablePeople,
	} {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			idx[r] = append(idx[r], cueWord{w, cueGroup(g)})
		}
	}
	return idx
}()

// structFirst marks the runes structIndex has words for.
var structFirst = keyBits(structIndex)

// structTable is structIndex, read without hashing and narrowed by the next
// rune.
var structTable = newWordsAt(structIndex, func(c cueWord) string { return c.word })

// scanStructure finds the structure groups present in normalised text.
func scanStructure(norm string) structSet {
	var s structSet
	structFirst.scan(norm, func(i int, r rune) bool {
		for _, c := range structTable.at(norm, i, r) {
			if !s.has(int(c.group)) && hasWordAt(norm, i, c.word) &&
				(c.group != sFacility || !ownFacilityWord(norm, i, c.word)) {
				s |= 1 << c.group
			}
		}
		return true
	})
	return s
}
