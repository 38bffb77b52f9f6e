package intake

import (
	"strings"
	"unicode/utf8"
)

// Mechanics of the location scan (location.go) that make it cheaper
// without changing what it finds.

// indexByLastByte is strings.Index(s, w) for a non-empty w, found through
// w's last byte: the first byte of a Chinese word is the lead byte of a
// whole block of characters (一 to 忿 all start with 0xE4…0xE5), so most
// characters of a message would be candidates, while a last byte is one
// of 64.
func indexByLastByte(s, w string) int {
	last := len(w) - 1
	for from := last; from < len(s); {
		j := strings.IndexByte(s[from:], w[last])
		if j < 0 {
			return -1
		}
		at := from + j - last
		if s[at:at+len(w)] == w {
			return at
		}
		from += j + 1
	}
	return -1
}

// lastRunes returns the last n runes of s (all of s if it has fewer); an
// invalid byte counts as a rune, as converting to []rune counts it.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// nameSuffixStart returns the offset in m of the named suffix (小区, 花园 …) that ends m, or of the road
// suffix (路, 街 …) followed by a number, 号 and an optional 院 that end m (or a lane:
// a number and 弄, with an optional number and 号 after it);
// len(m) if none: where the expressions of nameSuffixStartRegexp
// (location_scan_test.go) match, without running them.
func nameSuffixStart(m string, kind int) int {
	if kind != kindRoad {
		for _, suf := range namedSuffixes {
			if strings.HasSuffix(m, suf) {
				return len(m) - len(suf)
			}
		}
		return len(m)
	}
	end := len(m)
	lane := false
	switch {
	case strings.HasSuffix(m, "弄"):
		end, lane = end-len("弄"), true
	default:
		end -= len(m[:end]) - len(strings.TrimSuffix(m[:end], "院"))
		if !strings.HasSuffix(m[:end], "号") {
			return len(m)
		}
		end -= len("号")
	}
	digits := trimAddressDigits(m, end)
	if digits == end {
		return len(m)
	}
	if !lane && strings.HasSuffix(m[:digits], "弄") {
		// 长乐路120弄3号: the lane's number before the house's
		if d := trimAddressDigits(m, digits-len("弄")); d < digits-len("弄") {
			digits = d
		}
	}
	for _, suf := range roadSuffixes {
		if strings.HasSuffix(m[:digits], suf) {
			return digits - len(suf)
		}
	}
	return len(m)
}

// trimAddressDigits returns where the run of num that ends m[:end] starts.
func trimAddressDigits(m string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(m[:end])
		if !isAddressNumeral(r) {
			break
		}
		end -= size
	}
	return end
}

// leadingWord returns the first of words that s starts with, or "": list
// longer words before their prefixes.
func leadingWord(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}
