package intake

// distressWords tell of a person in trouble now: fallen, fainted, not
// answering, lost, calling for help. Such a report is about a person, not
// about the facility where it happens, so the category leans to 其他诉求 (the
// taxonomy has no category for people).
var distressWords = []string{"摔倒", "摔了一跤", "晕倒", "昏倒", "晕过去", "倒在地上", "倒在", "躺地上", "躺在地上", "躺着不动",
	"不动了", "叫不醒", "没动静", "没人应", "敲门不应", "敲门没人", "电话打不通", "电话也打不通", "联系不上", "没人接",
	"没见人", "没见她", "没见他", "没出门", "没下楼", "走丢", "喊救命", "救命", "嘴唇发紫", "抽搐", "打120", "起不来",
	// round 2: lying still, not answering, a lost child or confused elder
	"一动不动", "喊他也不", "叫他也不", "不吭声", "没声音", "没声了", "敲门也没", "找不到妈妈", "找不到家长", "找不到大人", "迷路", "说不清住哪"}

// distressBoost is added to 其他诉求's log-probability when a person is in
// distress: about three keyword hits.
const distressBoost = 1.8

// personInDistress reports whether normalised text tells of a person in
// trouble now.
func personInDistress(norm string) bool { return containsAny(norm, distressWords) }
