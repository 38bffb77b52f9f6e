package handlers_test

import (
	"strings"
	"testing"
)

// TestUrgentReportTellsOfficersPrivately: an urgent report is acknowledged
// in the group and sent at once to the officers above the group who can be
// reached privately; an ordinary report is not.
func TestUrgentReportTellsOfficersPrivately(t *testing.T) {
	w := newWorld(t)
	w.say("private:书记", "书记", "#帮助") // the officer can now be reached privately
	_, got := w.say("g1", "居民甲", "5栋的李奶奶两天没见人了 敲门也不应 电话也不接")
	if len(got) != 2 {
		t.Fatalf("want the group acknowledgement and one private note, got %+v", got)
	}
	byChat := map[string]string{}
	for _, m := range got {
		byChat[m.ChatID] = m.Text
	}
	if ack := byChat["g1"]; !strings.Contains(ack, "已登记 #1") || !strings.Contains(ack, "已加急通知工作人员") || !strings.Contains(ack, "120") {
		t.Errorf("the group acknowledgement of an urgent report says the officers were told and whom to call: %+v", got)
	}
	if note := byChat["private:书记"]; !strings.Contains(note, "紧急") || !strings.Contains(note, "#1") {
		t.Errorf("private urgent note: %+v", got)
	}
	_, got = w.say("g1", "居民甲", "12栋门口的垃圾三天没人收了")
	for _, m := range got {
		if strings.Contains(m.Text, "紧急") {
			t.Errorf("an ordinary report must not page officers as urgent: %+v", got)
		}
	}
}
