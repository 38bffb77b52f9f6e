package intake

import (
	"regexp"
	"strings"
)

// Room numbers are masked when the bot repeats a message or a location in a
// group. Building and unit numbers stay visible because they are needed to
// find the problem; room numbers and phone numbers identify a household.
var (
	// mainland mobile numbers, optionally written 138-1234-5678 or 138 1234 5678.
	rePhone = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})($|[^0-9])`)
	// 18-digit resident identity card numbers.
	reIDCard = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])($|[^0-9])`)
	// 3-2-1202 (building-unit-room) and 3-1202 (building-room).
	reRoomDash = regexp.MustCompile(`([0-9]{1,3}-(?:[0-9]{1,2}-)?)([0-9]{3,4})($|[^0-9-])`)
	// 1202室, 1202房, 1202号房, 一二零二室.
	reRoomSuffix = regexp.MustCompile(`[0-9零〇一二两三四五六七八九]{3,5}(号房|室|房)`)
	// a bare 3–4 digit number right after a building, unit or lift core:
	// 2单元1202, 3栋501, 7栋B梯1203 (a core is a letter or digit and 梯).
	reRoomAfter = regexp.MustCompile(`(单元|栋|幢|号楼|座|[A-Za-z0-9]梯)-?([0-9]{3,4})($|[^0-9号单栋幢层楼座])`)
	// a place that starts with a room number alone (灯里都进水了 1602 快来人 →
	// "1602", location_room.go; 1602对面的配电箱), as a word of a location
	// string; 101号楼, 3-2-1202 and 12.5 are no such rooms.
	reRoomAlone = regexp.MustCompile(`(^| )[0-9]{3,4}($|[^0-9号栋幢座单层楼室房#.-])`)
)

// MaskLocation masks room numbers in a location string (the places of a
// message joined by spaces) while keeping building and unit numbers
// visible; a place that is a room number alone is masked whole:
//
//	MaskLocation("3号楼2单元1202室") == "3号楼2单元****室"
//	MaskLocation("3-2-1202")        == "3-2-****"
//	MaskLocation("楼道 1602")       == "楼道 ****"
func MaskLocation(s string) string {
	return maskRepeated(reRoomAlone, maskRooms(s), "${1}****${2}")
}

// maskRooms masks the room numbers MaskLocation and MaskPersonal share:
// those a suffix, a dash or a building marks as rooms.
func maskRooms(s string) string {
	s = reRoomSuffix.ReplaceAllStringFunc(s, func(m string) string {
		sub := reRoomSuffix.FindStringSubmatch(m)
		return "****" + sub[1]
	})
	s = reRoomDash.ReplaceAllString(s, "${1}****${3}")
	return reRoomAfter.ReplaceAllString(s, "${1}****${3}")
}

// MaskPersonal masks personal data in free text before it is shown in a
// group or exported: mainland mobile numbers (13812345678 → 138****5678),
// identity card numbers and room numbers (see MaskLocation).
func MaskPersonal(text string) string {
	if text == "" {
		return text
	}
	text = maskRepeated(reIDCard, text, "${1}${2}********${3}${4}")
	text = maskRepeated(rePhone, text, "${1}${2}****${4}${5}")
	return maskRooms(text)
}

// maskRepeated applies a replacement until the text stops changing, because
// matches that share a boundary character are skipped by a single pass.
func maskRepeated(re *regexp.Regexp, text, repl string) string {
	for i := 0; i < 4; i++ {
		next := re.ReplaceAllString(text, repl)
		if next == text {
			break
		}
		text = next
	}
	return text
}

// MaskName keeps the first character of a resident's name ("刘大爷" →
// "刘**"), for timelines and exports shown to people who may not see it.
func MaskName(s string) string {
	r := []rune(s)
	if len(r) <= 1 {
		return s + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}
