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
	if len(got) != 2 || got[0].ChatID != "g1" || got[1].ChatID != "private:书记" {
		t.Fatalf("sent %+v", got)
	}
	for _, want := range []string{"新诉求", "#1", "#立项 1", "#驳回 1"} {
		if !strings.Contains(got[1].Text, want) {
			t.Fatalf("notice %q lacks %q", got[1].Text, want)
		}
	}
	_, got = w.say("g2", "书记", "#报事 5号楼井盖松了")
	if len(got) != 2 || got[1].ChatID != "private:网格员2" {
		t.Fatalf("the reporter was told, or the grid worker was not: %+v", got)
	}
}
