package intake

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLazyNormalizeSteps checks that the steps of normalisation that skip
// building a string when nothing changes (foldRunes, squeeze, the dialect
// look-up, convertAddressNumerals, cleanSpaces) give what building it
// gives, on every testdata message at every stage of normalisation and on
// odd texts.
func TestLazyNormalizeSteps(t *testing.T) {
	texts := []string{"", " ", "  a  b ", "\xff\xfe坏了", "替换符\uFFFD", "ＡＢ\xffＣ\uFFFDｄ樓\xe6\x9c", "樓", "😡😡", "！！！", "啊啊啊啊", "部𨋢坏咗", "𨋢",
		"三号楼十二栋一楼", "第三号楼", "一号线", "ＡＢＣ　电梯", "樓道燈壞了", "\t\n"}
	for _, text := range append(texts, testdataTexts(t)...) {
		if got, want := foldRunes(text), foldRunesAll(text); got != want {
			t.Fatalf("foldRunes(%q) = %q, want %q", text, got, want)
		}
		folded := foldRunes(text)
		for _, s := range []string{text, folded, Normalize(text)} {
			if got, want := squeeze(s), squeezeAll(s); got != want {
				t.Fatalf("squeeze(%q) = %q, want %q", s, got, want)
			}
			if !hasASCIILetter(s) && !dialects.occurIn(s) && standardWords(s) != s {
				t.Fatalf("standardWords changes %q, but no word of it was found", s)
			}
			if got, want := convertAddressNumerals(s), convertAddressNumeralsAll(s); got != want {
				t.Fatalf("convertAddressNumerals(%q) = %q, want %q", s, got, want)
			}
			if got, want := cleanSpaces(s), cleanSpacesAll(s); got != want {
				t.Fatalf("cleanSpaces(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// foldRunesAll is foldRunes writing every rune.
func foldRunesAll(text string) string {
	var b strings.Builder
	for _, r := range text {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// convertAddressNumeralsAll is convertAddressNumerals as it was written
// before it skipped building unchanged text.
func convertAddressNumeralsAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCNNumeral(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := numeralRunEnd(s, i)
		b.WriteString(numeralBeforeSuffix(s[i:j], s[j:], s[:i]))
		i = j
	}
	return b.String()
}

// cleanSpacesAll is cleanSpaces without its shortcut for text without
// spaces.
func cleanSpacesAll(s string) string {
	fields := strings.Fields(s)
	if len(fields) <= 1 {
		return strings.Join(fields, "")
	}
	return cleanSpaces(s)
}

// testdataTexts returns the text of every message of every testdata TSV
// file.
func testdataTexts(t *testing.T) []string {
	var texts []string
	for _, file := range goldenFiles(t) {
		ds, err := ReadTSVFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			texts = append(texts, ex.Text)
		}
	}
	return texts
}
