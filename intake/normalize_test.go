package intake

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"full width", "３号楼ＡＢＣ，电梯坏了！", "3号楼abc,电梯坏了!"},
		{"traditional", "樓道燈壞了沒人修", "楼道灯坏了没人修"},
		{"emoji", "垃圾又满了😡😡👍🏻", "垃圾又满了"},
		{"wechat emoticon", "谢谢[抱拳][玫瑰]", "谢谢"},
		{"repeated punct", "有人管吗？？？！！！", "有人管吗?"},
		{"ellipsis", "好吧。。。。", "好吧。"},
		{"repeated chars", "啊啊啊啊啊吵死了", "啊啊吵死了"},
		{"digits kept", "1111室", "1111室"},
		{"cn building", "三号楼门口", "3号楼门口"},
		{"cn twelve", "十二栋二单元", "12栋2单元"},
		{"cn room", "一二零二室", "1202室"},
		{"cn hundred", "一百零八号", "108号"},
		{"cn floor", "住三楼", "住3楼"},
		{"non address", "三天没人收", "三天没人收"},
		{"ordinal", "第三单元", "第三单元"},
		{"metro", "一号线", "一号线"},
		{"spaces", "  3号楼   门口  垃圾 ", "3号楼门口垃圾"},
		{"ascii spaces", "hello   world", "hello world"},
		{"newline", "第一行\n第二行", "第一行第二行"},
		{"empty", "", ""},
		{"dash", "3－2－1202", "3-2-1202"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestCNToDigits(t *testing.T) {
	tests := map[string]string{"十": "10", "十二": "12", "二十": "20", "二十三": "23", "一百零八": "108", "两": "2", "一二零二": "1202", "三千": "3000"}
	for in, want := range tests {
		if got, ok := cnToDigits(in); !ok || got != want {
			t.Errorf("cnToDigits(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
	if _, ok := cnToDigits("abc"); ok {
		t.Error("cnToDigits(abc) ok")
	}
}

// TestCleanSpacesEdgeRunes checks cleanSpaces, which reads the runes on
// either side of a space without converting the fields to []rune, against
// the conversion on texts with invalid bytes next to the spaces.
func TestCleanSpacesEdgeRunes(t *testing.T) {
	pieces := []string{"楼", "a", " ", "  ", "\xe6", "\xbc", "\xe6\xbc", "，", "😀", "3", "\ufffd", "：", ":", ",", "\xef\xbc", "\xef", "\xbc\x8c"}
	rng := rand.New(rand.NewPCG(19, 20))
	for range 20000 {
		s := randomText(rng, pieces, 10)
		fields := strings.Fields(s)
		want := strings.Join(fields, "")
		if len(fields) > 1 {
			var b strings.Builder
			for i, f := range fields {
				if i > 0 {
					prev := []rune(fields[i-1])
					if !isHanOrPunct(prev[len(prev)-1]) && !isHanOrPunct([]rune(f)[0]) {
						b.WriteByte(' ')
					}
				}
				b.WriteString(f)
			}
			want = b.String()
		}
		if got := cleanSpaces(s); got != want {
			t.Fatalf("cleanSpaces(%q) = %q, want %q", s, got, want)
		}
		if got, want := indexColonComma(s), strings.IndexAny(s, ":：,，"); got != want {
			t.Fatalf("indexColonComma(%q) = %d, want %d", s, got, want)
		}
	}
}
