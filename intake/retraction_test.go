package intake

import "testing"

// TestRetractionOf: a reporter's follow-up takes the report back only when
// it is the writer's own word that it was a mistake or is over, with nothing
// saying the trouble goes on, that someone else said so, or asking
// (session 13's walkthrough: 物业来看了说没事了 可是还在漏啊 withdrew an urgent case).
func TestRetractionOf(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Retraction
	}{
		// the writer's mistake
		{"是我搞错了", RetractsMistake},
		{"没事了 是我搞错了", RetractsMistake},
		{"搞错咯 不好意思", RetractsMistake},
		{"不好意思发错了", RetractsMistake},
		{"不好意思 发错群了", RetractsMistake},
		{"sorry 看错了楼号", RetractsMistake},
		{"不好意思 看错了楼号", RetractsMistake},
		{"虚惊一场 不是着火", RetractsMistake},
		{"刚才说有烟味的 是我家炖肉糊了 没事了", RetractsMistake},
		{"没事了没事了 是我家猫碰掉了东西", RetractsMistake},
		{"没事了没事了 是我家炖肉糊了 不好意思", RetractsMistake},
		{"对不起 是我自己按的警报", RetractsMistake},
		{"误会误会 是人家在装修", RetractsMistake},
		{"弄错了 大家忽略", RetractsMistake},
		{"搞措了 不好意思", RetractsMistake},
		{"sorry sorry 发错群了", RetractsMistake},
		{"我听错了 是隔壁电视声音", RetractsMistake},
		{"撤回", RetractsUnexplained},
		{"撤回 不用管了", RetractsUnexplained},
		{"撤回 还是漏", NotRetracted},
		{"不是报事", RetractsMistake},
		{"闹了个乌龙 抱歉", RetractsMistake},
		{"是我想多了", RetractsMistake},
		{"跟大家说一声 是我搞错了", RetractsMistake},
		// over
		{"没事了", RetractsOver},
		{"没事了！", RetractsOver},
		{"没事啦 谢谢大家", RetractsOver},
		{"木事了", RetractsOver},
		{"木事了 谢谢关心", RetractsOver},
		{"没得事了", RetractsOver},
		{"冇事了", RetractsOver},
		{"冇得事了", RetractsOver},
		{"莫得事了 莫得事了", RetractsOver},
		{"没得啥子事 莫担心", RetractsOver},
		{"没是了 谢谢大家", RetractsOver},
		{"没事了哈 谢谢", RetractsOver},
		{"没啥事了 大家放心", RetractsOver},
		{"大家别慌 电梯已经好了", RetractsOver},
		{"没事没事 不客气 邻里之间应该的", RetractsOver},
		{"还好 没事了", RetractsOver},
		{"水已经来了 没事了", RetractsOver},
		{"又好了 刚才跳闸", RetractsOver},
		{"来电了来电了", RetractsOver},
		{"找到了 在小区花园里 谢谢大家", RetractsOver},
		{"已经修好了 谢谢", RetractsOver},
		{"问题解决了 谢谢王书记", RetractsOver},
		{"跟大家说一声 没事了", RetractsOver},
		{"我说没事了", RetractsOver},
		{"张阿姨没事了 家里人接走了", RetractsOver},

		// the trouble goes on
		{"物业来看了说没事了 可是还在漏啊", NotRetracted},
		{"没事了 但是水还在往下滴", NotRetracted},
		{"刚好了一会 又漏了", NotRetracted},
		{"修好了又坏了", NotRetracted},
		{"还没修好", NotRetracted},
		{"没修好了 还是不亮", NotRetracted},
		{"人没事了 不过电梯还卡在三楼", NotRetracted},
		{"没事了个鬼 还在冒烟", NotRetracted},
		{"说好了修 一直没人来", NotRetracted},
		{"电话打不通了", NotRetracted},
		{"楼道灯灭了", NotRetracted},
		{"已经好了 就是味道越来越大", NotRetracted},
		// someone else's word
		{"物业说没事了", NotRetracted},
		{"他们说没事", NotRetracted},
		{"他们说没事了", NotRetracted},
		{"师傅说已经修好了", NotRetracted},
		{"保安讲没得事了", NotRetracted},
		{"物业讲莫得事了 可水还在滴", NotRetracted},
		{"没是了吗", NotRetracted},
		{"物业搞错了 垃圾根本没人收", NotRetracted},
		{"说是搞错了 我不信", NotRetracted},
		{"听说已经好了", NotRetracted},
		{"燃气公司的人说没事了 我还是不放心", NotRetracted},
		// asking or hoping
		{"没事了吗？有人管吗", NotRetracted},
		{"没事了吗", NotRetracted},
		{"真的没事了?", NotRetracted},
		{"真的没事了？", NotRetracted},
		{"修好了么", NotRetracted},
		{"是不是搞错了", NotRetracted},
		{"怎么说没事了 明明还在响", NotRetracted},
		{"希望没事了", NotRetracted},
		{"不知道是不是好了", NotRetracted},
		{"要是修好了说一声", NotRetracted},
		// danger told, a person fine
		{"大家别慌 楼道里有烟 先下楼", NotRetracted},
		{"没事哈 孩子没大碍 就是被电动车撞倒了 腿流血 车主跑了 北门口", NotRetracted},
		// nothing taken back
		{"3号楼电梯又坏了 老人上不去", NotRetracted},
		{"今天天气真好", NotRetracted},
		{"收到", NotRetracted},
		{"谢谢王书记", NotRetracted},
		{"没事的时候大家来喝茶", NotRetracted},
	} {
		if got := RetractionOf(tc.text); got != tc.want {
			t.Errorf("RetractionOf(%q) = %q, want %q", tc.text, got, tc.want)
		}
		if got := Retracts(tc.text); got != (tc.want != NotRetracted) {
			t.Errorf("Retracts(%q) = %v, want %v", tc.text, got, tc.want != NotRetracted)
		}
	}
}
