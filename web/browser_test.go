package web_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/internal/browsertest"
	"github.com/neighborbot/neighborbot/web"
)

// browser starts a headless Chromium for the test (see browsertest.Start).
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Start(t, 20*time.Second)
}

// shownMessage is a message as the page shows it.
type shownMessage struct {
	ID    string `json:"id"`
	Class string `json:"cls"`
	From  string `json:"from"`
	Quote string `json:"quote"`
	Text  string `json:"text"`
}

const readMessages = `[...document.querySelectorAll("#messages .msg")].map((d) => ({
	id: d.dataset.id, cls: d.className,
	from: d.querySelector(".from").textContent,
	quote: (d.querySelector(".quote") || {}).textContent || "",
	text: d.querySelector(".text").textContent,
}))`

// TestBrowserSandbox chats in the sandbox page with a real browser: it picks
// a group and a person, sends a message and sees the bot's answer appear,
// then replies to the bot. NEIGHBORBOT_SCREENSHOT=file.png saves the page.
func TestBrowserSandbox(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	sb := newSandbox(t, sandbox.WithWaitTimeout(5*time.Second))
	srv := web.New("127.0.0.1:0", sb, testLogger(t))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, srv) })

	group := chromedp.CSS(fmt.Sprintf(`#chats li[data-chat=%q]`, group2))
	err := chromedp.Do(ctx,
		chromedp.Navigate("http://"+srv.Addr()+"/sandbox"),
		chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`),
		chromedp.WaitVisible(group),
		chromedp.Click(group),
		chromedp.WaitVisible(group+`.active`),
		chromedp.WaitVisible(chromedp.ID("demo-note")),
		// 我是 刘大爷
		chromedp.WaitReady(chromedp.CSS(`#me option[value="刘大爷"]`)),
		chromedp.SetValue(chromedp.ID("me"), "刘大爷"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("me").dispatchEvent(new Event("change"))`),
		chromedp.SendKeys(chromedp.ID("text"), "5号楼电梯坏了 <b>急</b>"),
		chromedp.Click(chromedp.ID("send")),
		chromedp.WaitVisible(chromedp.CSS(`#messages .msg.bot`)),
	)
	if err != nil {
		t.Fatalf("send a message: %v", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownMessage](readMessages))
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != 2 ||
		shown[0].Class != "msg mine" || shown[0].From != "刘大爷" || shown[0].Text != "5号楼电梯坏了 <b>急</b>" ||
		shown[1].Class != "msg bot" || shown[1].Text != "@刘大爷 收到：5号楼电梯坏了 <b>急</b>" ||
		shown[1].Quote != "↩ 刘大爷：5号楼电梯坏了 <b>急</b>" {
		t.Fatalf("after sending:\n%+v", shown)
	}
	botID := shown[1].ID

	// Reply to the bot's message: click it, type, press Enter.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#messages .msg.bot`)),
		chromedp.WaitVisible(chromedp.ID("reply-bar")),
	)
	if err != nil {
		t.Fatalf("click to reply: %v", err)
	}
	replyBar, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("reply-id")))
	if err != nil || replyBar != "#"+botID {
		t.Errorf("reply bar says %q (%v), want #%s", replyBar, err, botID)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("text"), "+1"+kb.Enter),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#messages .msg").length === 4`),
		chromedp.WaitNotVisible(chromedp.ID("reply-bar")),
	)
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	if shown, err = chromedp.Run(ctx, chromedp.Evaluate[[]shownMessage](readMessages)); err != nil {
		t.Fatal(err)
	}
	if r := shown[2]; r.Class != "msg mine" || r.Text != "+1" || r.Quote != "↩ 邻里哨：@刘大爷 收到：5号楼电梯坏了 <b>急</b>" {
		t.Errorf("reply shown as %+v", r)
	}
	if r := shown[3]; r.Class != "msg bot" || r.Text != "@刘大爷 收到：+1" {
		t.Errorf("bot's answer to the reply shown as %+v", r)
	}
	intact, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`window.notReloaded === true && document.querySelectorAll("#messages b, #messages img").length === 0`))
	if err != nil || !intact {
		t.Errorf("the page reloaded, or message text became HTML (%v)", err)
	}

	if path := os.Getenv("NEIGHBORBOT_SCREENSHOT"); path != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(path, png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}

	// The reply was stored as a reply to the bot's message.
	msgs, err := sb.Messages(t.Context(), group2, 0)
	if err != nil || len(msgs) != 4 {
		t.Fatalf("stored %v, %v", msgs, err)
	}
	if strconv.FormatInt(msgs[2].ReplyTo, 10) != botID || msgs[2].From != "刘大爷" {
		t.Errorf("stored reply %+v, want a reply to %s", msgs[2], botID)
	}
}

// TestBrowserCreateAndPrivateChat creates a person and a group with the
// page's forms, chats privately with the bot, and reloads the page.
func TestBrowserCreateAndPrivateChat(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	sb := newSandbox(t, sandbox.WithWaitTimeout(5*time.Second))
	srv := web.New("127.0.0.1:0", sb, testLogger(t))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, srv) })

	newGroup := chromedp.CSS(`#chats li[data-chat="三号楼群"].active`)
	err := chromedp.Do(ctx,
		chromedp.Navigate("http://"+srv.Addr()+"/sandbox"),
		chromedp.WaitVisible(chromedp.CSS(`#chats li.active`)),
		// 新建人员
		chromedp.Click(chromedp.ID("new-person-btn")),
		chromedp.WaitVisible(chromedp.ID("new-person")),
		chromedp.SendKeys(chromedp.ID("person-name"), "孙主任"),
		chromedp.SetValue(chromedp.ID("person-role"), "officer"),
		chromedp.SetValue(chromedp.ID("person-unit"), "幸福社区(演示)"),
		chromedp.Click(chromedp.CSS(`#new-person button[type=submit]`)),
		chromedp.WaitNotVisible(chromedp.ID("new-person")),
		chromedp.Poll[chromedp.Void](`document.getElementById("me").value === "孙主任"`),
		// 新建群聊
		chromedp.Click(chromedp.ID("new-chat-btn")),
		chromedp.SendKeys(chromedp.ID("chat-title"), "三号楼群"),
		chromedp.SetValue(chromedp.ID("chat-unit"), "第二网格(演示)"),
		chromedp.Click(chromedp.CSS(`#new-chat button[type=submit]`)),
		chromedp.WaitVisible(newGroup),
		// The same title again is refused, with the reason shown.
		chromedp.Click(chromedp.ID("new-chat-btn")),
		chromedp.SendKeys(chromedp.ID("chat-title"), "三号楼群"),
		chromedp.Click(chromedp.CSS(`#new-chat button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("chat-error").textContent !== ""`),
	)
	if err != nil {
		t.Fatalf("create a person and a group: %v", err)
	}
	if msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("chat-error"))); err != nil || msg != `群“三号楼群”已存在 · group "三号楼群" exists` {
		t.Errorf("error shown: %q, %v", msg, err)
	}
	people, err := sb.People(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if p := people[len(people)-1]; p.Name != "孙主任" || len(p.Roles) != 1 || p.Roles[0] != (sandbox.RoleInfo{Role: "officer", Unit: "幸福社区(演示)"}) {
		t.Errorf("created person %+v", p)
	}
	chats, err := sb.Chats(t.Context())
	if err != nil || len(chats) != 3 || chats[2] != (sandbox.ChatInfo{Title: "三号楼群", Unit: "第二网格(演示)", Kind: "group"}) {
		t.Errorf("chats %+v, %v", chats, err)
	}

	// A private chat with the bot survives a reload.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("chat-cancel")),
		chromedp.Click(chromedp.ID("private-btn")),
		chromedp.SendKeys(chromedp.ID("text"), "你好"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#messages .msg.bot`)),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#messages .msg.bot`)),
	)
	if err != nil {
		t.Fatalf("private chat: %v", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownMessage](readMessages))
	if err != nil || len(shown) != 2 || shown[0].Text != "你好" || shown[0].Class != "msg mine" || shown[1].Text != "@孙主任 收到：你好" {
		t.Errorf("private chat after reload: %+v, %v", shown, err)
	}
	if title, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("chat-title-view"))); err != nil || title != "私聊机器人" {
		t.Errorf("chat title %q, %v", title, err)
	}
}
