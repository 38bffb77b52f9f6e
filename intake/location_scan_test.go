package intake

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLocationScanHelpers checks the scan's helpers against the code they
// replace (strings.Index, the suffix expressions, converting to runes) on
// every suffix of every rune offset of every testdata message and on odd
// texts.
func TestLocationScanHelpers(t *testing.T) {
	texts := []string{"人民路88号院", "人民路号", "长乐路120弄3号", "金沙江路1518弄", "路弄3号", "路12弄号", "人民大道十二号", "xx巷0号院院", "幸福花园", "苑", "小区小区", "a\xff路1号", "路\xe5号", "号院", ""}
	// Every fourth message of the testdata: the offsets of each are compared
	// with every word, so all of them took 44 s under the race detector.
	for i, text := range testdataTexts(t) {
		if i%4 == 0 {
			texts = append(texts, foldRunes(text))
		}
	}
	words := append(append([]string{"号楼", "a", "\xe5"}, namedSuffixes...), roadSuffixes...)
	n := 0
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			if i < len(s) && !utf8.RuneStart(s[i]) {
				continue
			}
			m := s[max(0, i-40):i]
			for _, kind := range []int{kindNamed, kindRoad} {
				if got, want := nameSuffixStart(m, kind), nameSuffixStartRegexp(m, kind); got != want {
					t.Fatalf("nameSuffixStart(%q, %d) = %d, want %d", m, kind, got, want)
				}
			}
			// (converting to runes turns an invalid byte into U+FFFD)
			if got, want := lastRunes(m, 4), string(lastRunesPlain(m, 4)); utf8.ValidString(m) && got != want {
				t.Fatalf("lastRunes(%q, 4) = %q, want %q", m, got, want)
			}
			for _, w := range words {
				if got, want := indexByLastByte(s[i:], w), strings.Index(s[i:], w); got != want {
					t.Fatalf("indexByLastByte(%q, %q) = %d, want %d", s[i:], w, got, want)
				}
			}
			n++
		}
	}
	t.Logf("%d offsets checked", n)
	if n < 10000 {
		t.Fatalf("only %d offsets checked", n)
	}
}

// lastRunesPlain returns the last n runes of s, through []rune.
func lastRunesPlain(s string, n int) []rune {
	rs := []rune(s)
	return rs[max(0, len(rs)-n):]
}

// TestDecodeRuneAtLikeDecodeRune checks decodeRuneAt against
// utf8.DecodeRuneInString on every three-byte sequence with a lead byte
// of E0–EF, and on short and odd texts.
func TestDecodeRuneAtLikeDecodeRune(t *testing.T) {
	check := func(s string) {
		for i := range len(s) {
			r, size := decodeRuneAt(s, i)
			wr, wsize := utf8.DecodeRuneInString(s[i:])
			if r != wr || size != wsize {
				t.Fatalf("decodeRuneAt(%q, %d) = %U %d, want %U %d", s, i, r, size, wr, wsize)
			}
		}
	}
	for _, s := range []string{"", "a", "\xe5", "\xe5\x8c", "楼a", "\xed\xa0\x80", "\xe0\x80\x80", "😀é\ufffd", "\xef\xbf\xbd"} {
		check(s)
	}
	b := make([]byte, 3)
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for c1 := 0x70; c1 <= 0xC5; c1++ {
			for c2 := 0x70; c2 <= 0xC5; c2++ {
				b[0], b[1], b[2] = byte(lead), byte(c1), byte(c2)
				check(string(b))
			}
		}
	}
}

var reRoadSuffix = regexp.MustCompile(`(?:路|街|大道|巷)(?:` + num + `号院?|` + num + `弄(?:` + num + `号)?)$`)
var reNamedSuffix = regexp.MustCompile(`(?:小区|花园|家园|公寓|新村|苑)$`)

// nameSuffixStartRegexp is what nameSuffixStart computes, by regular
// expression.
func nameSuffixStartRegexp(m string, kind int) int {
	re := reNamedSuffix
	if kind == kindRoad {
		re = reRoadSuffix
	}
	if loc := re.FindStringIndex(m); loc != nil {
		return loc[0]
	}
	return len(m)
}
