package handlers_test

import (
	"slices"
	"testing"
)

// TestRatingThanksTheRater: the thank-you for a rating mentions the person
// who rated, not the other followers (issue 13, finding 1).
func TestRatingThanksTheRater(t *testing.T) {
	w := newWorld(t)
	n, reportID := w.report("g1", "刘大爷", "44号楼前垃圾堆了三天")
	w.say("g1", "陈女士", "+1", reportID)
	w.one("g1", "书记", "#立项 "+itoa(n)+" 幸福物业", "立项")
	resolved := w.one("g1", "物业", "#办结 "+itoa(n)+" 已清运", "已办结")
	if !slices.Contains(resolved.Mentions, "刘大爷") || !slices.Contains(resolved.Mentions, "陈女士") {
		t.Fatalf("the resolve notice must mention both followers: %v", resolved.Mentions)
	}
	_, got := w.say("g1", "刘大爷", "满意", w.lastSentID())
	if len(got) != 1 {
		t.Fatalf("want one thank-you, got %+v", got)
	}
	if !slices.Equal(got[0].Mentions, []string{"刘大爷"}) {
		t.Fatalf("the thank-you must mention the rater only: %v in %q", got[0].Mentions, got[0].Text)
	}
}
