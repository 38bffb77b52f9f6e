package intake

import "strings"

// dangerWords mark a report as urgent on their own: fire, flooding, people
// trapped or hurt, live electricity, collapse, crime in progress.
var dangerWords = []string{
	"着火", "起火", "失火", "冒烟", "火灾", "烧起来", "火苗", "冒火", "火花", "烧焦", "焦糊味", "糊味",
	"漏水严重", "水漫", "水淹", "被淹", "往下灌", "哗哗流", "哗哗往外", "往外喷",
	"困人", "被困", "困在", "关在电梯", "卡在电梯", "电梯里出不来",
	"摔倒", "摔了一跤", "晕倒", "昏倒", "倒在地上", "救护车", "打120", "流血", "砸伤", "砸到人", "砸到孩子",
	"触电", "漏电", "电线裸露", "坍塌", "塌了", "坠落", "掉到",
	"持刀", "拿着刀", "拿着棍", "打起来了", "动手了", "翻进", "撬门", "入室", "快报警", "孩子丢了", "孩子走丢",
	"燃气泄漏", "煤气泄漏", "漏气", "没暖气", "停暖",
}

// dangerPairs are urgent when both parts occur: an object and what is
// happening to it (煤气…味, 水管…爆, 暖气…不热, 电梯…困).
var dangerPairs = []struct{ objects, states []string }{
	{[]string{"煤气", "燃气", "天然气"}, []string{"味", "泄漏", "漏了", "走字"}},
	{[]string{"水管", "管子", "热水管", "暖气管", "管道", "阀门"}, []string{"爆", "破了", "裂了", "喷", "漏水严重"}},
	{[]string{"暖气"}, []string{"不热", "冰凉", "没温度", "没有温度", "一点温度", "不暖", "冰的", "凉的", "冻"}},
	{[]string{"电梯"}, []string{"困", "关在", "出不来", "掉到", "一下掉"}},
}

// calmContext marks danger words that are not a report: news, drills,
// hypotheticals, the past and other communities.
var calmContext = []string{
	"新闻", "别的小区", "其他小区", "隔壁小区", "演练", "演习", "电视上", "电影", "视频", "抖音", "听说",
	"万一", "如果", "注意安全", "提醒大家", "科普", "修好了", "已经修好", "解决了", "去年", "以前", "后来", "怎么自救", "隐患", "风险", "以防", "防火",
}

// negations before a danger word cancel it (没砸到人, 差点起火 is still a
// hazard but nobody is in danger right now).
var negations = []string{"没", "没有", "不会", "未", "差点", "防止"}

// detectUrgency reports whether the normalised text mentions danger, and
// whether it does so in a calm context (news, drills, hypotheticals).
func detectUrgency(norm string) (danger, calm bool) {
	danger = hasDangerWord(norm) || hasDangerPair(norm)
	if !danger {
		return false, false
	}
	for _, w := range calmContext {
		if strings.Contains(norm, w) {
			return true, true
		}
	}
	return true, false
}

func hasDangerWord(norm string) bool {
	for _, w := range dangerWords {
		for off := 0; ; {
			i := strings.Index(norm[off:], w)
			if i < 0 {
				break
			}
			if !negated(norm[:off+i]) {
				return true
			}
			off += i + len(w)
		}
	}
	return false
}

func hasDangerPair(norm string) bool {
	for _, p := range dangerPairs {
		if containsAnyOf(norm, p.objects) && containsAnyOf(norm, p.states) {
			return true
		}
	}
	return false
}

func negated(before string) bool {
	for _, n := range negations {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}

func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
