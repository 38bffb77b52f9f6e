package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/neighborbot/neighborbot/internal/browsertest"
)

// TestBrowserAgainstRealProgram plays the start of the scenario by hand, in
// a real browser on the real program's sandbox page: a resident reports,
// the bot acknowledges with a number, an officer accepts, and the group sees
// the notice as a reply to the report — all without reloading.
func TestBrowserAgainstRealProgram(t *testing.T) {
	ctx := browsertest.Start(t, 60*time.Second)
	p := startProgram(t, tempDB(t))
	group := chromedp.CSS(fmt.Sprintf(`#chats li[data-chat=%q]`, group1))
	as := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`#me option[value=%q]`, name))),
			chromedp.SetValue(chromedp.ID("me"), name),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("me").dispatchEvent(new Event("change"))`))
	}
	botSays := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](fmt.Sprintf(
			`[...document.querySelectorAll("#messages .msg.bot .text")].some((e) => e.textContent.includes(%q))`, text))
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/sandbox"),
		chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`),
		chromedp.WaitVisible(group),
		chromedp.Click(group),
		as("刘大爷"),
		chromedp.SendKeys(chromedp.ID("text"), "44号楼前垃圾堆了三天没人收"),
		chromedp.Click(chromedp.ID("send")),
		botSays("已登记 #1"),
		as("王书记"),
		chromedp.SendKeys(chromedp.ID("text"), "#立项 1 城管办"),
		chromedp.Click(chromedp.ID("send")),
		botSays("已立项"),
	)
	if err != nil {
		t.Fatalf("chat in the browser: %v\n%s", err, p.stderr)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]struct {
		Quote string `json:"quote"`
		Text  string `json:"text"`
	}](`[...document.querySelectorAll("#messages .msg.bot")].map((d) => ({
		quote: (d.querySelector(".quote") || {}).textContent || "", text: d.querySelector(".text").textContent}))`))
	if err != nil {
		t.Fatal(err)
	}
	last := shown[len(shown)-1]
	if !strings.Contains(last.Text, "城管办") || !strings.Contains(last.Quote, "44号楼前垃圾堆了三天没人收") {
		t.Fatalf("the accept notice must quote the report: %+v", last)
	}
	// Someone new writes through the API: the page offers them as a person.
	p.post(group1, "新来的邻居", "大家好", 0)
	err = chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`#me option[value="新来的邻居"]`)))
	if err != nil {
		t.Fatalf("a new sender did not appear in the 我是 list: %v", err)
	}
	intact, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded === true`))
	if err != nil || !intact {
		t.Fatalf("the page reloaded (%v)", err)
	}
	if path := os.Getenv("NEIGHBORBOT_SCREENSHOT"); path != "" {
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(path, png, 0o644)
		}
	}
}
