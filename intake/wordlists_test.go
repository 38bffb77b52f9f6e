package intake

import (
	"strings"
	"testing"
)

// TestContainsAnyWordLikeContains checks the indexed look-up against one
// strings.Contains per word, for the rule lists on every testdata message,
// and for lists with an empty or invalid word, lists that share a key and
// texts with invalid bytes.
func TestContainsAnyWordLikeContains(t *testing.T) {
	lists := [][]string{problemWords, petitionWords, distressWords, thanksWords, vehicleWords, relapseWords,
		append(announcedAction, residentsAsked...),
		{"a1", "坏", "", "漏", "没", "x", "y", "z"},
		{"a1", "坏", "\xff", "漏", "没", "x", "y", "z"},
		{"电梯", "漏水", "停电", "楼道", "𨋢", "噪音", "垃圾", "z"},
		{"电梯", "路灯", "停水", "门禁", "狗", "车", "吵", "z"}, // same key as the list before
	}
	texts := append(testdataTexts(t), "这是一段有\xff无效字节的很长很长很长的文字，电梯坏了", strings.Repeat("没有问题 ", 10)+"部𨋢")
	for _, text := range texts {
		for _, s := range []string{text, Normalize(text)} {
			for _, words := range lists {
				want := false
				for _, w := range words {
					want = want || strings.Contains(s, w)
				}
				if got := containsAnyWord(s, words); got != want {
					t.Fatalf("containsAnyWord(%q, %q) = %t, want %t", s, words, got, want)
				}
			}
		}
	}
}
