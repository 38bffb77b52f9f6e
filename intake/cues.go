package intake

import (
	"strings"
	"unicode/utf8"
)

// cueGroup names a list of words looked for in normalised text.
type cueGroup uint8

const (
	cueRetract cueGroup = iota
	cueElsewhere
	cueHere
	cueQuestion
	cueOffer
	cuePraise
	cueJoke
	cuePersonal
	cueAilment
	cueDanger // matches preceded by a negation (没, 未…) do not count
	cueCalm
	cuePairBase // object and state groups of dangerPairs: base+2i, base+2i+1
)

// cueSet is the set of groups found in a text.
type cueSet uint64

func (s cueSet) has(g cueGroup) bool { return s&(1<<g) != 0 }

type cueWord struct {
	word  string
	group cueGroup
}

// cueNotBefore: a cue word does not count when this follows it.
var cueNotBefore = map[string]string{"打火": "机", "出租": "车", "全是烟": "头", "都是烟": "头", "还好": "没", "幸好": "没"}

// cueIndex lists every cue word under its first rune, so one pass over a
// message finds all groups (instead of one substring search per word).
var cueIndex = buildCueIndex()

// cueFirst marks the runes cueIndex has words for.
var cueFirst = keyBits(cueIndex)

func buildCueIndex() map[rune][]cueWord {
	idx := map[rune][]cueWord{}
	add := func(g cueGroup, words []string) {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			idx[r] = append(idx[r], cueWord{w, g})
		}
	}
	add(cueRetract, retractCues)
	add(cueElsewhere, elsewhereCues)
	add(cueHere, hereCues)
	add(cueQuestion, questionCues)
	add(cueOffer, offerCues)
	add(cuePraise, praiseCues)
	add(cueJoke, jokeCues)
	add(cuePersonal, personalCues)
	add(cueAilment, ailmentCues)
	add(cueDanger, dangerWords)
	add(cueCalm, calmContext)
	for i, p := range dangerPairs {
		add(cuePairBase+cueGroup(2*i), p.objects)
		add(cuePairBase+cueGroup(2*i+1), p.states)
	}
	if int(cuePairBase)+2*len(dangerPairs) > 64 {
		panic("intake: too many cue groups")
	}
	return idx
}

// scanCues finds the cue groups present in normalised text.
func scanCues(norm string) cueSet {
	var s cueSet
	cueFirst.scan(norm, func(i int, r rune) bool {
		for _, c := range cueIndex[r] {
			if s.has(c.group) || !strings.HasPrefix(norm[i:], c.word) {
				continue
			}
			if (c.group == cueDanger || isPairState(c.group)) && negated(norm[:i]) {
				continue
			}
			if next, ok := cueNotBefore[c.word]; ok && strings.HasPrefix(norm[i+len(c.word):], next) {
				continue // 出租车 is a taxi, not a flat to let
			}
			s |= 1 << c.group
		}
		return true
	})
	return s
}

// isPairState reports whether g is the state half of a danger pair (没倒,
// 没断 are negated like danger words).
func isPairState(g cueGroup) bool { return g >= cuePairBase && (g-cuePairBase)%2 == 1 }
