package intake

import "strings"

// Literary register. A proverb, a line of a poem or a classical saying
// (白日依山尽,黄河入海流 / 人善被人欺,马善被人骑 / 子曰:…) uses complaint
// words (漏, 破, 乱, 不…) in figures, not about a thing here; residents
// paste such text as greetings and mottos. Two shapes give it away without
// a word list of poems: clauses of one length in a row (parallel verse),
// and the function words of classical Chinese.

// clauseMarks end a clause in normalised text.
const clauseMarks = ",。;:!?、"

// clauses describes the clauses of normalised text: how many there are
// (empty ones not counted), the shortest and longest (in letters, digits and
// Han characters) and the total, in one pass without allocating.
type clauses struct{ n, shortest, longest, total int }

func clausesOf(norm string) clauses {
	var c clauses
	k := 0
	end := func() {
		if k == 0 {
			return
		}
		if c.n == 0 || k < c.shortest {
			c.shortest = k
		}
		c.longest = max(c.longest, k)
		c.n++
		c.total += k
		k = 0
	}
	for _, r := range norm {
		if strings.ContainsRune(clauseMarks, r) {
			end()
		} else if classOf(r)&classContent != 0 {
			k++
		}
	}
	end()
	return c
}

// verse reports clauses of equal length in a row: at least two clauses,
// every one of four to nine characters, all the same length
// (五言, 七言, four-character proverbs). Text with a digit is never verse
// (3号楼,5单元 are places): literary checks that first.
func (c clauses) verse() bool {
	return c.n >= 2 && c.shortest == c.longest && c.shortest >= 4 && c.longest <= 9
}

// classicalWords are function words of classical Chinese that chat does not
// use (之前, 之后 are modern and are not counted).
var classicalWords = []string{"曰", "矣", "乎", "焉", "哉", "兮", "乃", "亦", "於", "者也", "之道", "之人", "之不", "不可以", "而不"}

// chatParticles end a spoken sentence; literary text has none.
var chatParticles = []string{"了", "吧", "啊", "呢", "吗", "呀", "哈", "嘛", "啦", "咋", "么", "呗", "哦", "嗯"}

// classical reports two or more classical function words.
func classical(norm string) bool {
	n := 0
	for _, w := range classicalWords {
		if strings.Contains(norm, w) {
			n++
			if n == 2 {
				return true
			}
		}
	}
	return false
}

// lyric reports a song lyric's shape (词, 曲): five or more short clauses
// (at most six characters on average). A complaint as long as that names
// its place or speaks.
func (c clauses) lyric() bool { return c.n >= 5 && c.total <= 6*c.n }

// literary reports verse, a lyric or classical prose, with no particle of
// spoken Chinese (电梯又坏了,什么时候修 has two clauses of five, and 了).
// The clauses are read once, for verse and lyric, and only in text with no
// digit.
func literary(norm string) bool {
	if spoken(norm) {
		return false
	}
	if !strings.ContainsAny(norm, "0123456789") {
		if c := clausesOf(norm); c.verse() || c.lyric() {
			return true
		}
	}
	return classical(norm)
}

// spoken reports a particle of spoken Chinese (了, 吧, 啊 …).
func spoken(norm string) bool { return containsAny(norm, chatParticles) }

// Private register. A message that opens by calling a member of the
// writer's family (妈，我到了 / 老公 下班买瓶酱油 / 弟，今天拖拉机坏在半路) is
// a text to that person, not a report to the neighbours: its complaint
// words are the writer's day. Session 11 (sms12): in the dev files 44
// messages open so, by many hands (dev-s7 … dev-s22a); 42 are chit-chat
// and the two reports are urgent dangers here passed on through the
// family member (妈 …6号楼三楼窗户往外冒黑烟 你赶紧跟群里说一声), so only a
// message with no urgent danger is vetoed. Terms people also use for
// neighbours or strangers (哥, 姐, 大哥, 阿姨, 叔叔, 奶奶, 爷爷, 老弟) are not
// listed.
var familyVocatives = []string{"妈", "老妈", "妈妈", "阿妈", "爸", "老爸", "爸爸", "阿爸", "老公", "老婆", "媳妇", "宝贝", "亲爱的",
	"儿子", "闺女", "女儿", "弟", "妹"}

// vocativeEnds close a vocative: a pause in the raw (folded) text; the
// normalised text drops spaces, so 妈 我到了 and 妈我到了 would read alike.
const vocativeEnds = " ,，、:：!！~。"

// addressedToFamily reports whether folded text opens with a family
// vocative followed by a pause.
func addressedToFamily(folded string) bool {
	s := strings.TrimLeft(folded, " \t")
	for _, w := range familyVocatives {
		if rest, ok := strings.CutPrefix(s, w); ok && strings.ContainsRune(vocativeEnds, firstRune(rest)) {
			return true
		}
	}
	return false
}
