package handlers_test

import (
	"strings"
	"testing"
)

// TestNewCaseNotifiesOfficers checks that the officers over a group's unit
// who write to the bot privately hear of a new case there, with the
// commands to handle it, and that others (and other grids) do not.
func TestNewCaseNotifiesOfficers(t *testing.T) {
	w := newWorld(t)
	w.one("private:书记", "书记", "#帮助")     // community officer over g1 and g2
	w.one("private:网格员2", "网格员2", "#帮助") // grid worker of g2 only
	_, got := w.say("g1", "居民", "#报事 3号楼路灯坏了 晚上很黑")
	byChat := map[string]string{}
	for _, m := range got {
		byChat[m.ChatID] = m.Text
	}
	if len(got) != 2 || byChat["g1"] == "" || byChat["private:书记"] == "" {
		t.Fatalf("sent %+v", got)
	}
	for _, want := range []string{"新诉求", "#1", "#立项 1", "#驳回 1"} {
		if !strings.Contains(byChat["private:书记"], want) {
			t.Fatalf("notice %q lacks %q", byChat["private:书记"], want)
		}
	}
	_, got = w.say("g2", "书记", "#报事 5号楼井盖松了")
	chats := map[string]bool{}
	for _, m := range got {
		chats[m.ChatID] = true
	}
	if len(got) != 2 || !chats["private:网格员2"] || chats["private:书记"] {
		t.Fatalf("the reporter was told, or the grid worker was not: %+v", got)
	}
}
