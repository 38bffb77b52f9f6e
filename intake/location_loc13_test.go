package intake

import (
	"strings"
	"testing"
)

// Places of session 13's place round (branch loc13), by kind, from the
// misses of the blind dev files read (dev-s18b … dev-s25a).

// TestTopicPlaces checks a clause that opens with the noun of a place and
// a locative: the noun is the place whatever follows; the estate itself,
// a home, a car's top, a yard of one's own and a thing are none.
func TestTopicPlaces(t *testing.T) {
	checkLocations(t, []locCase{
		{"窑院这边的自来水一到中午就没了", []string{"窑院"}, []string{"窑院"}},
		{"晾衣场旁边谁扔了好多外卖盒", []string{"晾衣场"}, []string{"晾衣场"}},
		{"支弄里有只猫天天夜里叫春", []string{"支弄"}, []string{"支弄"}},
		{"27弄里厢有股煤气味道", []string{"27弄"}, []string{"27弄"}},
		{"窑洞里面墙返潮，墙皮成片掉", []string{"窑洞"}, []string{"窑洞"}},
		{"隔壁仓库里堆的鞋盒子在冒烟", []string{"仓库"}, []string{"仓库"}},
	})
	checkNoPlaces(t, []string{
		"小区里车开得太快了",
		"冬天屋里冷冰冰的",
		"流浪猫在我家车顶上睡觉",
		"有人每天早上在院子里敲敲打打",
		"冰箱里东西都坏了",
	})
}

// TestBuildingsByNameAndMailboxes checks a building named before 那栋 or
// 那几栋 (the name is the place), a room a verb of place puts someone in
// (在1902), and the mailboxes of a hall.
func TestBuildingsByNameAndMailboxes(t *testing.T) {
	checkLocations(t, []locCase{
		{"高层那栋电梯停在半截了", []string{"高层"}, []string{"高层"}},
		{"老厂宿舍那几栋的暖气一直温乎乎的", []string{"老厂宿舍"}, []string{"老厂宿舍"}},
		{"工长刚才在1902砸墙把燃气管子碰破了", []string{"1902"}, []string{"1902室"}},
		{"信报箱的锁坏了好几个", []string{"信报箱"}, []string{"信报箱"}},
	})
	checkNoPlaces(t, []string{
		"我在2026年搬来的",
		"在1902年就建了",
		"房租涨到1500块了",
	})
}

// TestMinnanAndLanePlaces checks the places of Minnan words (a house, a
// lane and its mouth) and a lane's mouth of Shanghai, and that a
// facility's modifier does not start inside 隔壁 or 近期.
func TestMinnanAndLanePlaces(t *testing.T) {
	checkLocations(t, []locCase{
		{"老厝的墙裂一条大缝", []string{"老厝"}, []string{"老厝"}},
		{"隔壁古厝的屋瓦在往下掉", []string{"古厝"}, []string{"古厝"}},
		{"巷仔口的电线杆那里滋滋响", []string{"巷仔口"}, []string{"巷仔口"}},
		{"总弄口的垃圾箱两天没人来收", []string{"总弄口"}, []string{"总弄口"}},
		{"近期菜市场后门一带路灯不亮", []string{"菜市场后门"}, []string{"菜市场后门"}},
	})
	checkNoPlaces(t, []string{
		"厝边头尾都知道",
	})
}

// TestNextDoorYardsAndAreas checks the yard and the room next door (隔壁院,
// 隔壁室友), a guesthouse, the foot of a named wall, the area around a
// lane (这一片), a name whose first word ends as a name does (北苑小区), and
// costs shared (分摊), which are no stall.
func TestNextDoorYardsAndAreas(t *testing.T) {
	checkLocations(t, []locCase{
		{"隔壁院装修打钻打一天了", []string{"隔壁"}, []string{"隔壁"}},
		{"隔壁室友天天半夜打游戏喊麦", []string{"隔壁"}, []string{"隔壁"}},
		{"隔壁民宿客人半夜两点还在唱卡拉OK", []string{"隔壁民宿"}, []string{"隔壁民宿"}},
		{"城墙根有几条野狗，晚上见人就撵", []string{"城墙根"}, []string{"城墙根"}},
		{"甜水井巷这一片停水停到现在", []string{"甜水井巷"}, []string{"甜水井巷"}},
		{"北苑小区的路灯坏了", []string{"北苑小区"}, []string{"北苑小区"}},
	})
	checkNoPlaces(t, []string{
		"水费分摊矛盾很大",
		"墙根都发霉了",
	})
}

// TestTerracesAndSides checks Shanghai's 晒台 (a terrace, as 阳台) and a
// place told by what stands there after a side (西边有棵大香樟那儿).
func TestTerracesAndSides(t *testing.T) {
	checkLocations(t, []locCase{
		{"18号晒台上有人搭了只铁皮棚", []string{"18号晒台"}, []string{"18号楼晒台"}},
		{"西边有棵大香樟那儿树枝压到电线上了", []string{"有棵大香樟那儿"}, []string{"有棵大香樟那儿"}},
	})
}

// TestFirstRuneSets checks that the first-rune filters hold the first
// rune of every word they guard, and that landmarkFirsts holds them.
func TestFirstRuneSets(t *testing.T) {
	for _, c := range []struct {
		firsts string
		words  []string
	}{{topicLocativeFirsts, topicLocatives}, {roomFirsts, flatRooms}} {
		for _, w := range c.words {
			r := firstRune(w)
			if !strings.ContainsRune(c.firsts, r) || !strings.ContainsRune(landmarkFirsts, r) {
				t.Errorf("first rune of %q missing from %q or landmarkFirsts", w, c.firsts)
			}
		}
	}
}
