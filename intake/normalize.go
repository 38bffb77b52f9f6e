package intake

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	if s == folded {
		// the first pass changed nothing: the next would fold s (a folded
		// text, which folding leaves alone: TestFoldRuneIdempotent) and
		// repeat the first, so s is stable
		return s
	}
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

// Each step below returns its input, without building a string, when it
// would not change it: in the pass that checks a normalised text is stable,
// and for most messages in the first, nothing changes.
func normalizeOnceFolded(folded string) string {
	s := folded
	if hasASCIILetter(s) || dialects.occurIn(s) {
		s = standardWords(s)
	}
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
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if h, ok := hanAt(text, i); ok {
			r, size = h, 3
		} else if r >= utf8.RuneSelf {
			r, size = decodeRuneAt(text, i)
		}
		// (an invalid byte, read as U+FFFD, is written as U+FFFD)
		if !plainHan(r) && (foldRune(r) != r || r == utf8.RuneError) {
			return foldRunesFrom(text, i)
		}
		i += size
	}
	return text
}

// foldRunesFrom is foldRunes of text whose first i bytes fold to themselves.
// Runes that fold to themselves are copied a run at a time.
func foldRunesFrom(text string, i int) string {
	var b strings.Builder
	b.Grow(len(text))
	kept := 0 // text[kept:j] folds to itself and is not yet written
	for j := i; j < len(text); {
		r, size := rune(text[j]), 1
		if h, ok := hanAt(text, j); ok {
			r, size = h, 3
		} else if r >= utf8.RuneSelf {
			r, size = decodeRuneAt(text, j)
		}
		if plainHan(r) {
			j += size
			continue
		}
		if f := foldRune(r); f != r || r == utf8.RuneError {
			b.WriteString(text[kept:j])
			b.WriteRune(f)
			kept = j + size // (an invalid byte is one, written as U+FFFD)
		}
		j += size
	}
	b.WriteString(text[kept:])
	return b.String()
}

// plainHan reports, in line, a CJK ideograph that cannot be traditional:
// one foldRune leaves alone (it changes no rune of U+4E00–U+9FFF that
// maybeTraditional rules out).
func plainHan(r rune) bool { return uint32(r-0x4E00) <= 0x9FFF-0x4E00 && !maybeTraditional(r) }

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
	if !squeezes(s) {
		return s
	}
	return squeezeAll(s)
}

// squeezeAll is squeeze building its result in every case.
func squeezeAll(s string) string {
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

// squeezes reports whether squeeze changes s: whether it drops or replaces
// a rune (an invalid byte, read as U+FFFD, is replaced by a space).
func squeezes(s string) bool {
	var prev rune = -1
	repeat := 0
	prevMark := false // isMark(prev), read once a rune
	classes := classTable()
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if h, ok := hanAt(s, i); ok {
			r, size = h, 3
		} else if r >= utf8.RuneSelf {
			r, size = decodeRuneAt(s, i)
		}
		i += size
		if r == prev {
			repeat++
		} else {
			repeat = 0
		}
		class := classes.of(r)
		mark := class&classMark != 0
		if r == utf8.RuneError || class&classEmoji != 0 || (unicode.IsControl(r) && r != ' ') ||
			(mark && prevMark && r != '-') || (repeat >= 2 && !unicode.IsDigit(r)) {
			return true
		}
		prev, prevMark = r, mark
	}
	return false
}

// cleanSpaces collapses whitespace and drops spaces next to Han characters.
func cleanSpaces(s string) string {
	if !hasSpace(s) {
		return s // strings.Fields(s) is s alone, or nothing when s is ""
	}
	fields := strings.Fields(s)
	if len(fields) <= 1 {
		return strings.Join(fields, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, f := range fields {
		if i > 0 {
			// (the runes converting to []rune would give, without converting)
			last, _ := utf8.DecodeLastRuneInString(fields[i-1])
			first, _ := utf8.DecodeRuneInString(f)
			if !isHanOrPunct(last) && !isHanOrPunct(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	return b.String()
}

// hasSpace reports whether s has a rune unicode.IsSpace accepts (none is
// above U+3000, so Chinese text needs no table search).
//
// Only the runes with a lead byte of C2, E1, E2 or E3 (U+0080–U+00BF,
// U+1000–U+3FFF) are decoded: every other space is ASCII, and the bytes of
// the other runes (most Chinese characters) are neither.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !spaceByte[s[i]] { // (one table read a byte: most bytes are neither)
			continue
		}
		switch c := s[i]; {
		case c == ' ' || c >= '\t' && c <= '\r':
			return true
		case c == 0xC2 || c >= 0xE1 && c <= 0xE3:
			if r, _ := utf8.DecodeRuneInString(s[i:]); r <= 0x3000 && unicode.IsSpace(r) {
				return true
			}
		}
	}
	return false
}

// spaceByte marks the bytes hasSpace looks at: ASCII spaces and the lead
// bytes C2, E1, E2, E3.
var spaceByte = func() (t [256]bool) {
	for _, c := range []byte{' ', '\t', '\n', '\v', '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = true
	}
	return t
}()

func isHanOrPunct(r rune) bool {
	return classOf(r)&(classHan|classMark) != 0 // unicode.Is(unicode.Han, r) || isMark(r)
}

// dialects finds whether a text holds a word dialectReplacer replaces.
var dialects = newWordIndex(dialectWords())

func dialectWords() []string {
	var ws []string
	for i := 0; i < len(dialectPairs); i += 2 {
		ws = append(ws, dialectPairs[i])
	}
	return ws
}

// wordIndex finds whether any of a list of words occurs in a text, looking
// only at the runes that start one.
type wordIndex struct {
	byFirst map[rune][]string
	table   *wordsAt[string] // byFirst, read without hashing and narrowed by the next rune
}

func newWordIndex(words []string) *wordIndex {
	x := &wordIndex{byFirst: make(map[rune][]string)}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || r == utf8.RuneError {
			panic("intake: wordIndex needs non-empty words of valid UTF-8")
		}
		x.byFirst[r] = append(x.byFirst[r], w)
	}
	x.table = newWordsAt(x.byFirst, func(w string) string { return w })
	return x
}

// occurIn reports whether a word of x occurs in s.
func (x *wordIndex) occurIn(s string) bool {
	found := false
	x.table.first.keys.scan(s, func(i int, r rune) bool { // keys: the runes that start a word
		for _, w := range x.table.at(s, i, r) {
			if hasWordAt(s, i, w) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}
