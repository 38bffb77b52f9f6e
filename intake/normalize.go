package intake

import (
	"regexp"
	"strings"
	"unicode"
)

// reChatEmoticon matches WeChat/QQ emoticon codes such as [微笑] or [捂脸].
var reChatEmoticon = regexp.MustCompile(`\[[\p{Han}A-Za-z]{1,4}\]`)

// Normalize prepares a chat message for understanding:
//   - full-width ASCII → half-width, ideographic space → space;
//   - common traditional characters → simplified;
//   - ASCII letters lower-cased;
//   - emoji and chat emoticon codes ([微笑]) removed;
//   - runs of punctuation collapsed to their first mark, any character
//     repeated more than twice cut to two (啊啊啊啊 → 啊啊);
//   - Chinese numerals in addresses → digits (三号楼 → 3号楼, 十二栋 → 12栋);
//   - whitespace collapsed; spaces next to Chinese characters removed.
//
// Normalize is idempotent: it repeats its steps until the text is stable
// (one extra pass for ordinary messages).
func Normalize(text string) string { return normalizeFolded(foldRunes(text)) }

// normalizeFolded is Normalize of a text already passed through foldRunes
// (Understand folds a message once for normalisation and locations).
func normalizeFolded(folded string) string {
	s := normalizeOnceFolded(folded)
	for i := 0; i < 4; i++ {
		next := normalizeOnce(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

func normalizeOnce(text string) string { return normalizeOnceFolded(foldRunes(text)) }

func normalizeOnceFolded(folded string) string {
	s := standardWords(folded)
	if strings.IndexByte(s, '[') >= 0 {
		s = reChatEmoticon.ReplaceAllString(s, " ")
	}
	s = squeeze(s)
	s = convertAddressNumerals(s)
	return cleanSpaces(s)
}

// foldRunes maps runes one to one: width, traditional → simplified, case.
// The output has exactly as many runes as the input, which lets the location
// extractor map positions back to the original text.
func foldRunes(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000 || r == '\t' || r == '\n' || r == '\r':
		return ' '
	case r == '－' || r == '—' || r == '–':
		return '-'
	}
	if r >= 'A' && r <= 'Z' {
		return r + ('a' - 'A')
	}
	if !maybeTraditional(r) {
		return r
	}
	if s, ok := tradToSimp[r]; ok {
		return s
	}
	return r
}

// isEmoji reports whether r is a pictograph, emoji modifier or joiner.
func isEmoji(r rune) bool { return classOf(r)&classEmoji != 0 }

// isMark reports whether r is punctuation or a symbol (but not an emoji).
func isMark(r rune) bool { return classOf(r)&classMark != 0 }

// isEmojiSlow is isEmoji from the Unicode tables (runeclass.go).
func isEmojiSlow(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return false // CJK ideographs: no symbol there (TestNoSymbolAmongIdeographs)
	case r < 0x2000:
		return r >= 0x80 && unicode.Is(unicode.So, r)
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF,
		r >= 0x2B00 && r <= 0x2BFF, r >= 0xFE00 && r <= 0xFE0F,
		r == 0x200D, r == 0x20E3, r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Cs, r) || unicode.Is(unicode.Co, r)
}

// isMarkSlow is isMark from the Unicode tables (runeclass.go).
func isMarkSlow(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return false
	}
	return unicode.IsPunct(r) || unicode.Is(unicode.Sm, r) || unicode.Is(unicode.Sk, r) || r == '~' || r == '～'
}

// squeeze drops emoji and control characters, collapses punctuation runs to
// their first mark and cuts characters repeated more than twice.
func squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1
	repeat := 0
	for _, r := range s {
		if isEmoji(r) || (unicode.IsControl(r) && r != ' ') || r == unicode.ReplacementChar {
			r = ' '
		}
		if r == prev {
			repeat++
		} else {
			repeat = 0
		}
		skip := (isMark(r) && isMark(prev) && r != '-') || (repeat >= 2 && !unicode.IsDigit(r))
		prev = r
		if !skip {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanSpaces collapses whitespace and drops spaces next to Han characters.
func cleanSpaces(s string) string {
	fields := strings.Fields(s)
	if len(fields) <= 1 {
		return strings.Join(fields, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, f := range fields {
		if i > 0 {
			last, _ := lastRune(fields[i-1])
			first := []rune(f)[0]
			if !isHanOrPunct(last) && !isHanOrPunct(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	return rs[len(rs)-1], true
}

func isHanOrPunct(r rune) bool {
	return unicode.Is(unicode.Han, r) || isMark(r)
}
