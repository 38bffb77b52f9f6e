package intake

import (
	"strings"
	"unicode/utf8"
)

// canonicalLocation builds the normalised form of a span from its
// components: numbers become digits and synonyms collapse, so that
// 3栋 = 3号楼 = 三号楼 → "3号楼" and 地下车库负二层 = B2车库 → "车库B2".
func canonicalLocation(folded string, parts []locMatch) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(canonicalPart(p.kind, folded[p.start:p.end]))
	}
	return b.String()
}

func canonicalPart(kind int, s string) string {
	switch kind {
	case kindNamed, kindRoad:
		return convertAddressNumerals(s)
	case kindBuilding:
		return canonicalBuilding(s)
	case kindUnit:
		return leadingNumber(s) + "单元"
	case kindFloor:
		return leadingNumber(s) + "层"
	case kindRoom:
		return leadingNumber(s) + "室"
	case kindDash:
		return canonicalDash(s)
	case kindGarage:
		return canonicalGarage(s)
	case kindGate:
		s = strings.TrimSuffix(strings.TrimSuffix(s, "处"), "口")
		if s == "正门" {
			return "大门"
		}
		return s
	case kindPlace:
		return canonicalPlace(strings.TrimSuffix(s, "处"))
	case kindZone:
		return convertAddressNumerals(s)
	case kindRelation:
		return s
	case kindCore:
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return ""
}

func canonicalBuilding(s string) string {
	s = strings.TrimPrefix(s, "第") // 第六栋
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 'a' && r <= 'h' {
		return strings.ToUpper(string(r)) + "座"
	}
	n := leadingNumber(s)
	if strings.HasSuffix(s, "楼下") {
		return n + "号楼楼下"
	}
	if strings.HasSuffix(s, "号院") {
		return n + "号院"
	}
	return n + "号楼"
}

func canonicalDash(s string) string {
	f := strings.Split(strings.TrimSuffix(s, "单元"), "-")
	if len(f) == 3 {
		return trimZeros(f[0]) + "号楼" + trimZeros(f[1]) + "单元" + f[2] + "室"
	}
	if len(f[1]) <= 2 { // a building and unit (3-2楼道)
		return trimZeros(f[0]) + "号楼" + trimZeros(f[1]) + "单元"
	}
	return trimZeros(f[0]) + "号楼" + f[1] + "室"
}

func canonicalGarage(s string) string {
	level := ""
	for _, r := range s {
		if r >= '1' && r <= '4' {
			level = string(r)
		} else if d, ok := cnDigit[r]; ok && d > 0 {
			level = string(rune('0' + d))
		}
	}
	if level == "" {
		return "车库"
	}
	return "车库B" + level
}

var placeSynonyms = map[string]string{
	"单元门口": "单元门", "电梯口": "电梯间", "电梯厅": "电梯间", "楼梯口": "楼梯间", "楼到": "楼道",
}

func canonicalPlace(s string) string {
	if c, ok := placeSynonyms[s]; ok {
		return c
	}
	return s
}

// leadingNumber returns the digits at the start of s, converting Chinese
// numerals (十二栋 → "12").
func leadingNumber(s string) string {
	end := 0
	for i, r := range s {
		if !(r >= '0' && r <= '9') && !isCNNumeral(r) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	n := s[:end]
	if d, ok := cnToDigits(n); ok {
		return trimZeros(d)
	}
	return trimZeros(n)
}

func trimZeros(n string) string {
	t := strings.TrimLeft(n, "0")
	if t == "" && n != "" {
		return "0"
	}
	return t
}

// foldPlaceRunes writes the traditional forms of place characters that
// foldRunes leaves (it folds the characters the model's features need) in
// their simplified form: 15棟 is 15栋, 驛站 is 驿站, 騎樓 is 骑楼. Each is
// one rune for one rune of the same length, so the offsets of the folded
// text still slice the message. Most messages hold none and are returned
// as they are.
func foldPlaceRunes(s string) string {
	for i, r := range s {
		if placeFold(r) != r {
			return s[:i] + strings.Map(placeFold, s[i:])
		}
	}
	return s
}

// placeFold maps a traditional place character that foldRunes does not
// fold to its simplified form (a building, a station, a shop, a stall, an
// arcade, a side, a ditch, a bridge, a flower bed, a store room, a charging
// post, a measure); any other rune to itself.
func placeFold(r rune) rune {
	switch r {
	case '棟':
		return '栋'
	case '驛':
		return '驿'
	case '館':
		return '馆'
	case '攤':
		return '摊'
	case '騎':
		return '骑'
	case '鋪', '舖':
		return '铺'
	case '側':
		return '侧'
	case '溝':
		return '沟'
	case '橋':
		return '桥'
	case '壇':
		return '坛'
	case '儲':
		return '储'
	case '樁':
		return '桩'
	case '塊':
		return '块'
	}
	return r
}
