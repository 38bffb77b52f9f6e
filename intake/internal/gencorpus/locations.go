package main

import (
	"math/rand/v2"
	"strconv"
)

// Gold location marks: the generator wraps every location word in these
// markers and strips them when writing the text.
const (
	mOpen  = "\x01"
	mClose = "\x02"
)

var (
	cnDigits       = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	fullWidth      = []string{"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"}
	buildingSuffix = []string{"号楼", "号楼", "号楼", "栋", "栋", "幢"}
	places         = []string{"楼下", "楼道", "门口", "电梯间", "单元门口", "楼顶", "楼道", "楼下"}
	standalone     = []string{"楼道", "楼下", "电梯间", "门口", "垃圾站", "车棚", "天台", "地下室"}
	gates          = []string{"小区东门", "小区南门", "小区北门", "西门", "东门口", "北门", "小区大门口", "南门口"}
	garages        = []string{"地下车库", "车库B2", "B1车库", "地库", "地下车库负一层", "车库b1", "地下车库负二层"}
	communities    = []string{"阳光小区", "幸福花园", "锦绣家园", "翠湖苑", "东方公寓", "康乐新村", "金桥花园", "和平小区", "丽景苑", "海棠家园"}
	roads          = []string{"长江路", "人民街", "黄河路", "新华路", "建设大道", "胜利街"}
	noPlace        = []string{"小区", "我们小区", "咱小区", "小区里", "这边", "咱们这", "我们这"}
)

// cnNumber writes n (< 100) in Chinese numerals: 12 → 十二, 30 → 三十.
func cnNumber(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + cnTail(n%10)
	default:
		return cnDigits[n/10] + "十" + cnTail(n%10)
	}
}

func cnTail(d int) string {
	if d == 0 {
		return ""
	}
	return cnDigits[d]
}

// number renders n as ASCII digits, Chinese numerals or full-width digits.
func number(rng *rand.Rand, n int) string {
	s := strconv.Itoa(n)
	switch x := rng.IntN(10); {
	case x < 6 || n >= 100:
		return s
	case x < 9:
		return cnNumber(n)
	default:
		out := ""
		for _, c := range s {
			out += fullWidth[c-'0']
		}
		return out
	}
}

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

func building(rng *rand.Rand) string {
	return number(rng, 1+rng.IntN(40)) + pick(rng, buildingSuffix)
}

func unit(rng *rand.Rand) string { return number(rng, 1+rng.IntN(6)) + "单元" }

func roomNumber(rng *rand.Rand) string {
	return strconv.Itoa((1+rng.IntN(25))*100 + 1 + rng.IntN(4))
}

func room(rng *rand.Rand) string { return roomNumber(rng) + "室" }

// location returns a generated place with gold markers, or a phrase that
// names no specific place (and has no marker).
func location(rng *rand.Rand) string {
	var s string
	switch x := rng.IntN(100); {
	case x < 14:
		return pick(rng, noPlace)
	case x < 40:
		s = building(rng)
	case x < 52:
		s = building(rng) + unit(rng)
	case x < 56:
		s = building(rng) + unit(rng) + room(rng)
	case x < 59:
		s = strconv.Itoa(1+rng.IntN(30)) + "-" + strconv.Itoa(1+rng.IntN(4)) + "-" + roomNumber(rng)
	case x < 70:
		s = building(rng) + pick(rng, places)
	case x < 75:
		s = building(rng) + unit(rng) + pick(rng, places)
	case x < 80:
		s = pick(rng, communities)
		if rng.IntN(2) == 0 {
			s += building(rng)
		}
	case x < 85:
		s = pick(rng, gates)
	case x < 89:
		s = pick(rng, garages)
	case x < 92:
		s = pick(rng, roads) + strconv.Itoa(1+rng.IntN(99)) + "号"
	case x < 97:
		s = pick(rng, standalone)
	default:
		s = building(rng) + number(rng, 1+rng.IntN(18)) + pick(rng, []string{"楼", "层"})
	}
	return mOpen + s + mClose
}
