package password

import (
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

func TestHashAndCheck(t *testing.T) {
	h, err := Hash("密码是八个字符吧")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$2") || !Check(h, "密码是八个字符吧") || Check(h, "密码是八个字符") || Check("", "") {
		t.Fatalf("hash %q does not check as it should", h)
	}
	for _, pw := range []string{"short", strings.Repeat("长", 25)} { // 7 runes; 75 bytes
		if _, err := Hash(pw); nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("Hash(%q) = %v, want EINVALID", pw, err)
		}
	}
}
