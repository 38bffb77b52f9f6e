package intake

import (
	"strings"
	"unicode/utf8"
)

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
	sOwnLost   // ownthings.go: 耳机, 钥匙 …
	sLostWord  // 丢了, 没找到 …
	sBite      // 被蚊子, 咬指甲 …: the body
	sOutage    // 没电, 停水 …
	sNeighbour // 邻居, 整栋 …
	sGame      // 开局, 偷家, 水晶 …: a video game
	// sRanOut is not a word list: a facility word taken as one's own
	// battery or pen running out (手机没电, 笔没水) sets it
	sRanOut
	sGroups
)

type structSet uint32

// (structSet holds every group)
var _ [32 - sGroups]struct{}

func (s structSet) has(g int) bool { return s&(1<<g) != 0 }

// structIndex lists every word of the groups under its first rune.
var structIndex = func() map[rune][]cueWord {
	idx := map[rune][]cueWord{}
	for g, words := range [sGroups][]string{
		sKin: kinWords, sPrivate: privateThings, sGame: gameWords, sCrime: crimeWords, sBody: bodyParts, sOther: otherPeople,
		sResolved: resolvedWords, sSeeking: seekingWords, sFacility: facilityWords, sNoticeNegated: noticeNegated,
		sNotice: noticeWords, sFuture: futureWords, sScheduled: scheduledWords, sContact: contactWords, sPet: petWords,
		sWhose: whoseWords, sInterrogative: interrogative, sWrong: wrongWords, sSimile: append(append([]string{}, simileOpeners...), simileWords...),
		sNovelty: noveltyWords, sGood: goodWords, sInvite: inviteWords, sVulnerable: vulnerablePeople,
		sOwnLost: ownLostThings, sLostWord: ownLostWords, sBite: bitesOnBody, sOutage: outageWords, sNeighbour: neighbourCompare,
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
			if s.has(int(c.group)) || !hasWordAt(norm, i, c.word) {
				continue
			}
			if c.group == sCrime && c.word == "占" && strings.HasPrefix(norm[i+len(c.word):], "线") {
				continue // 客服占线: the line is busy, nothing is taken
			}
			if c.group == sFacility && ownFacilityWord(norm, i, c.word) {
				// 燃气灶, 手机没电: one's own thing, not the building's
				if c.word == "没电" || c.word == "没水" {
					s |= 1 << sRanOut
				}
				continue
			}
			s |= 1 << c.group
		}
		return true
	})
	return s
}
