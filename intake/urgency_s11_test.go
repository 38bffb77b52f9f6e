package intake

import "testing"

// TestChoiceQuestionAsksDanger: 会不会漏电, 有没有漏气, 是不是着火 ask
// whether a danger is there; their 不会, 没有, 不是 negate nothing, and 是不是
// 着火 calls nothing off (dev-s20c, blind). 不会漏电 and 不是着火 still do.
func TestChoiceQuestionAsksDanger(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"车库的水已经漫到配电箱了 会不会漏电", true},
		{"楼道里一股味 有没有漏气啊", true},
		{"放心 这种插座不会漏电", false},
		{"没有漏气 是我家炖汤的味", false},
	})
	checkAct(t, "retract", func(a speechAct) bool { return a.retract }, []actCase{
		{"六栋天台那边一股焦味 不知道是不是着火", false},
		{"大家别慌 不是着火 是楼下烧烤", true},
	})
}

// actCase is a text and one speech-act flag it should read as.
type actCase struct {
	text string
	want bool
}

// checkAct checks one flag of readSpeechAct on each case.
func checkAct(t *testing.T, name string, flag func(speechAct) bool, cases []actCase) {
	t.Helper()
	for _, c := range cases {
		if got := flag(readSpeechAct(Normalize(c.text))); got != c.want {
			t.Errorf("readSpeechAct(%q).%s = %v; want %v", c.text, name, got, c.want)
		}
	}
}

// TestNeighbourElderNotElsewhere: 张大娘家里 is an old neighbour's flat, not a
// married woman's 娘家 elsewhere; 姑娘家 is a girl.
func TestNeighbourElderNotElsewhere(t *testing.T) {
	checkAct(t, "elsewhere", func(a speechAct) bool { return a.elsewhere }, []actCase{
		{"楼上李大娘家里停电了 她的制氧机用不了", false},
		{"我过年回娘家 那边也停电", true},
	})
}

// TestSouthernElderNoAnswer: Wu, Cantonese and Minnan words for an old
// neighbour (阿爹, 阿公, 阿嬷) who does not answer the door or the phone
// (敲门没声音, 冇应电话) are the vulnerable-person danger; a grandfather who
// says all is well (阿公讲冇事) is not.
func TestSouthernElderNoAnswer(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"8幢的王阿爹两天电话都不接", true},
		{"阿公在3栋屋企成日冇应电话", true},
		{"隔壁阿嬷敲门没声音", true},
		{"阿公讲冇事 明天照常去饮茶", false},
		{"阿嬷叫你带两斤蚝回来", false},
	})
}

// TestDialectDangersSession11: a power strip in the water (插线板泡水里了),
// Cantonese 水浸到电箱, a drain cover broken and sunk (盖板断了 陷落去), a fire
// caught on what lies near (烧到纸皮); a fever (发烧烧到三十九度), a kettle or
// cooking (饭烧到一半) are none.
func TestDialectDangersSession11(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"厨房返水 漫到客厅 插线板都泡水里了", true},
		{"地库水浸到电箱了", true},
		{"北门那块水沟盖板断了 一边陷落去", true},
		{"有人在楼梯间抽烟 烟头已经烧到纸箱了", true},
		{"孩子发烧烧到三十九度 今天请假", false},
		{"饭烧到一半停气了", false},
		{"插线板买回来了 明天装", false},
	})
}

// TestBlindDangersSession11: the whole path on reworded rows of the blind
// dev sets dev-s20a..c: a neighbour elder out of breath without power, a
// grandfather who does not answer relayed by his daughter far away, a
// water-logged electrical box asked about.
func TestBlindDangersSession11(t *testing.T) {
	checkAckUrgent(t, []ackUrgentCase{
		{"咱这片停电一上午了 楼下刘大娘家里有制氧机 老太太喘不上气了", true, true},
		{"12幢1101的陈阿爹从昨天起电话都不接 他儿子在北京叫我去看看 我敲门没声音", true, true},
		{"地下车库水浸到电箱那边了 还在涨 会不会漏电啊", true, true},
	})
}

// TestFearedDangerAndServicePhone: a danger feared (好怕被咬, 担心砸到人) is
// not happening, and a service's phone not answered (打挪车电话也不接) is no
// person in danger; a dog that bit and an old neighbour who does not answer
// are (dev-s20b, dev-s20c, blind).
func TestFearedDangerAndServicePhone(t *testing.T) {
	checkDanger(t, []dangerCase{
		{"后巷流浪狗越来越多 晚上回来好怕被咬", false},
		{"阳台花盆放在外沿 担心砸到人", false},
		{"后巷的流浪狗刚才把我咬伤了", true},
		{"有人占我车位 打挪车电话也不接", false},
		{"物业电话一直不接 报修没人管", false},
		{"对门王奶奶两天没出门 电话也不接", true},
	})
}
