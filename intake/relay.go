package intake

// A report is often written by someone other than the person in trouble: a
// grandchild for a grandparent who cannot type, a relative far away for a
// parent who does not answer, a carer for a deaf or blind person. Their
// messages name the writer's kin (我哥, 我姑姑) or say the writer is
// elsewhere (我是外地的), which the speech-act rules read as a story about
// another place. When such a message names a danger, a numbered place here
// and either relays (帮我奶奶发, 替我爷爷转达) or asks the group to go and
// help (谁能帮忙去看看), it is a report about this estate.

// relayOpeners say the writer passes on someone else's report.
var relayOpeners = []string{"替我", "帮我奶奶", "帮我爷爷", "帮我外公", "帮我外婆", "帮我姥姥", "帮我姥爷", "帮我爸", "帮我妈",
	"代发", "代我", "转达", "让我在群里", "让我告诉", "让我跟大家", "让我说", "让我问"}

// helpAsks ask neighbours or the office to go and see.
var helpAsks = []string{"谁能", "帮忙", "帮帮", "麻烦", "去看", "去敲", "看一下", "看看", "来人", "过去看", "上去看", "救救"}

// awayWords say the writer is away from home while the danger is there (我在单位
// 家里就他一个, 我在外地): the message is about home here, not the workplace.
var awayWords = []string{"我在单位", "我在上班", "我不在家", "我在外地", "我回不去", "家里就他一个", "家里就她一个", "家里就孩子"}

// relayedHere reports whether a message about a danger at a numbered place
// here is relayed or asks for help, so that kin and elsewhere cues do not
// make it a story about another place.
func relayedHere(norm string, named bool) bool {
	return named && (containsAny(firstRunes(norm, 12), relayOpeners) || containsAny(norm, helpAsks) || containsAny(norm, awayWords) ||
		containsAny(norm, stillThereWords))
}

// stillThereWords say a danger heard of (我刚听说3栋有个老人被困…) goes on
// now (现在还在里面): relayed news about here, not a story (dev-s19u, blind).
var stillThereWords = []string{"现在还在里面", "人还在里面", "现在还在"}

// kinNouns name the family of a person in trouble; kinAwayWords say they are
// far away (家属在外地无法赶回, 子女都在国外): the danger is here, and the
// office is asked because the family cannot come.
var (
	kinNouns     = []string{"家属", "子女", "儿女", "女儿", "儿子", "家人"}
	kinAwayWords = []string{"在外地", "在国外", "不在本市", "不在本地"}
)

// kinAway reports a person's family named as away (a kin noun at most six
// runes before an away word), so that 外地 and 国外 do not make a danger
// here a story about another place.
func kinAway(norm string) bool {
	for _, w := range kinAwayWords {
		if i := indexWord(norm, w); i >= 0 && containsAny(lastRunes(norm[:i], 6), kinNouns) {
			return true
		}
	}
	return false
}
