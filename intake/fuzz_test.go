package intake

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"44号楼前垃圾三天没人收", "３号樓２單元１２０２室😡😡", "十二栋二单元一二零二室", "3-2-1202", "我们阳光小区东门",
	"地下车库负二层", "[微笑][微笑]！！！？？？", "  \t\n", "第三单元", "长江路12号门口", "\xff\xfe", "一百零八号楼",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, again)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("Normalize(%q) = %q has outer spaces", s, n)
		}
	})
}

func FuzzExtractLocation(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, norm := ExtractLocation(s)
		if len(words) != len(norm) {
			t.Fatalf("ExtractLocation(%q): %d words, %d norms", s, len(words), len(norm))
		}
		for i, w := range words {
			if w == "" || norm[i] == "" {
				t.Fatalf("ExtractLocation(%q): empty word or norm %q %q", s, words, norm)
			}
			if utf8.ValidString(s) && !strings.Contains(s, w) {
				t.Fatalf("ExtractLocation(%q): word %q not in text", s, w)
			}
		}
		_ = MaskPersonal(s)
		_ = MaskLocation(s)
	})
}
