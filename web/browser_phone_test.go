package web_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/web"
)

// phoneLayout is what the page looks like on a 390 px wide screen.
type phoneLayout struct {
	PageWidth   float64 `json:"pageWidth"`
	ScrollWidth float64 `json:"scrollWidth"`
	MainWidth   float64 `json:"mainWidth"`
	GroupsShown bool    `json:"groupsShown"`
	Hint        string  `json:"hint"`
}

const readLayout = `({
	pageWidth: document.documentElement.clientWidth,
	scrollWidth: document.documentElement.scrollWidth,
	mainWidth: document.querySelector("main").getBoundingClientRect().width,
	groupsShown: getComputedStyle(document.querySelector("aside")).display !== "none",
	hint: (document.getElementById("empty-hint") || {}).textContent || "",
})`

// TestBrowserPhone uses the page on a phone-sized screen (390 × 844): the
// group list is folded away and the chat has the width; the 群聊 button
// opens the list, picking a group folds it again; an empty chat says to
// choose "我是" first; message times are in the configured time zone (one
// no test machine runs in); a server error is shown in Chinese.
// NEIGHBORBOT_SCREENSHOT_PHONE=file.png saves the page.
func TestBrowserPhone(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	sb := newSandbox(t, sandbox.WithWaitTimeout(5*time.Second))
	srv := web.New("127.0.0.1:0", sb, testLogger(t))
	const zone = "Pacific/Chatham" // UTC+12:45 or +13:45
	srv.SetTimeZone(zone)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, srv) })

	group := chromedp.CSS(fmt.Sprintf(`#chats li[data-chat=%q]`, group2))
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate("http://"+srv.Addr()+"/sandbox"),
		chromedp.Evaluate[chromedp.Void](`localStorage.clear()`),
		chromedp.Reload(),
		chromedp.WaitReady(chromedp.CSS(`#chats li.active`)),
		chromedp.WaitVisible(chromedp.ID("empty-hint")),
	)
	if err != nil {
		t.Fatalf("open the page: %v", err)
	}
	l, err := chromedp.Run(ctx, chromedp.Evaluate[phoneLayout](readLayout))
	if err != nil {
		t.Fatal(err)
	}
	if l.PageWidth != 390 || l.ScrollWidth > 390 || l.GroupsShown || l.MainWidth < 380 {
		t.Errorf("on a phone the groups fold away and the chat has the width, without sideways scrolling: %+v", l)
	}
	if !containsAll(l.Hint, "我是", "先") {
		t.Errorf("an empty chat with nobody chosen says to choose 我是 first: %q", l.Hint)
	}

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("groups-btn")),
		chromedp.WaitVisible(group),
		chromedp.Click(group),
		chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`#chats li.active[data-chat=%q]`, group2))),
		chromedp.WaitNotVisible(chromedp.CSS("aside")),
	)
	if err != nil {
		t.Fatalf("pick a group through the 群聊 button: %v", err)
	}

	// A message's time, in the configured zone.
	id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group2, From: "刘大爷", Text: "楼道灯不亮了"})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := sb.Messages(t.Context(), group2, id-1)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("messages: %v %v", msgs, err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	want := msgs[0].At.In(loc).Format("15:04")
	sel := fmt.Sprintf(`#messages .msg[data-id="%d"] .time`, id)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		t.Fatalf("the message did not appear: %v", err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel))); err != nil || got != want {
		t.Errorf("time shown %q (%v), want %q in %s", got, err, want, zone)
	}

	if path := os.Getenv("NEIGHBORBOT_SCREENSHOT_PHONE"); path != "" {
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(path, png, 0o644)
		}
	}

	// A server error (a group that exists already) in the page's language.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("groups-btn")),
		chromedp.Click(chromedp.ID("new-chat-btn")),
		chromedp.SendKeys(chromedp.ID("chat-title"), group1),
		chromedp.Click(chromedp.CSS(`#new-chat button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("chat-error").textContent !== ""`),
	)
	if err != nil {
		t.Fatalf("create a group twice: %v", err)
	}
	if msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("chat-error"))); err != nil || !containsAll(msg, "群“"+group1+"”已存在") {
		t.Errorf("error shown: %q, %v", msg, err)
	}
}

// containsAll reports whether s contains every one of subs.
func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
