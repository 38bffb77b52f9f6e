package intake

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// cnDigit maps Chinese numeral characters to their value.
var cnDigit = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// cnUnit maps Chinese numeral multipliers to their value.
var cnUnit = map[rune]int{'十': 10, '百': 100, '千': 1000}

// isCNNumeral reports whether r is a Chinese numeral digit or multiplier.
func isCNNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

// cnToDigits converts a run of Chinese numerals to ASCII digits:
// 十二 → 12, 二十三 → 23, 一百零八 → 108, 一二零二 → 1202 (read digit by digit
// when there is no multiplier). ok is false if s is not a numeral.
func cnToDigits(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if !strings.ContainsAny(s, "十百千") {
		var b strings.Builder
		for _, r := range s {
			d, ok := cnDigit[r]
			if !ok {
				return "", false
			}
			b.WriteByte(byte('0' + d))
		}
		return b.String(), true
	}
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := cnDigit[r]; ok {
			cur = d
			continue
		}
		u, ok := cnUnit[r]
		if !ok {
			return "", false
		}
		if cur == 0 {
			cur = 1 // 十二: an implicit 一 before 十
		}
		total += cur * u
		cur = 0
	}
	return strconv.Itoa(total + cur), true
}

// addressSuffixes are the words after which a preceding Chinese numeral is
// an address number (三号楼 → 3号楼, 十二栋 → 12栋). Longer suffixes first.
var addressSuffixes = []string{
	"号楼", "号院", "号门", "号房", "单元", "号", "栋", "幢", "座", "室", "层", "楼", "期", "区", "排",
}

// convertAddressNumerals rewrites Chinese numerals that precede an address
// suffix as ASCII digits. Other numerals (三天, 一个人) are left alone.
func convertAddressNumerals(s string) string {
	if !containsCNNumeral(s) {
		return s
	}
	var b strings.Builder
	copied := 0 // s[:copied] is in b; b is empty until a numeral changes
	next := 0   // the end of the last run of numerals
	cnNumeralBits.scan(s, func(i int, r rune) bool {
		if i < next || !cnNumeralAt(s, i, r) {
			return true
		}
		j := numeralRunEnd(s, i)
		if d := numeralBeforeSuffix(s[i:j], s[j:], s[:i]); d != s[i:j] {
			if copied == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[copied:i])
			b.WriteString(d)
			copied = j
		}
		next = j
		return true
	})
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// numeralRunEnd returns the end of the run of Chinese numerals at s[i:].
func numeralRunEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCNNumeral(r) {
			break
		}
		i += size
	}
	return i
}

// numeralBeforeSuffix returns the digit form of num when rest starts with an
// address suffix, or num unchanged.
func numeralBeforeSuffix(num, rest, before string) string {
	if strings.HasSuffix(before, "第") || !hasAddressSuffix(rest) {
		return num
	}
	if d, ok := cnToDigits(num); ok {
		return d
	}
	return num
}

func hasAddressSuffix(rest string) bool {
	for _, suf := range addressSuffixes {
		if strings.HasPrefix(rest, suf) {
			// 一楼道 / 一层楼 are fine; 一号 must not be 一号线 (metro line).
			return !strings.HasPrefix(rest, "号线")
		}
	}
	return false
}

func containsCNNumeral(s string) bool {
	found := false
	cnNumeralBits.scan(s, func(i int, r rune) bool {
		found = cnNumeralAt(s, i, r)
		return !found
	})
	return found
}

// cnNumeralBits marks the Chinese numerals, for runeBits.scan.
var cnNumeralBits = func() *runeBits {
	var b runeBits
	for _, r := range "零〇一二两三四五六七八九十百千" {
		b.set(r)
	}
	return &b
}()

// cnNumeralAt reports whether s[i:] starts with r, a Chinese numeral
// (runeBits.scan may misread the rune of an invalid sequence).
func cnNumeralAt(s string, i int, r rune) bool {
	d, _ := utf8.DecodeRuneInString(s[i:])
	return d == r && isCNNumeral(r)
}
