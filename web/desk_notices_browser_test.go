package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/browsertest"
)

// realPNG is a small picture a browser can draw.
func realPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{R: 7, G: 163, B: 90, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBrowserDeskNotices works the notices page in a real browser: the
// officer opens it from the menu, rejects one notice with a reason and
// approves another (the groups receive it), reads its delivery; then a
// case's WeChat photo is drawn on the case page.
func TestBrowserDeskNotices(t *testing.T) {
	ctx := browsertest.Start(t, 90*time.Second)
	dir := t.TempDir()
	e := newDeskEnv(t, true, withNotices, withMedia(dir))
	good, _ := e.submitNotice("张阿姨", "", "周日下午楼下义剪，详见 www.example.com")
	bad, _ := e.submitNotice("张阿姨", "", "扫码 www.example.cn 领红包")
	pic := realPNG(t)
	n := e.report(grid1, "陈女士", "楼道灯坏了", "市政", nb.PriorityGeneral)
	e.attach(n, dir, nb.PlatformWeChat, pic)
	base := e.base()
	row := func(id int64) string { return fmt.Sprintf(`#awaiting tr.notice[data-id="%d"]`, id) }

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/desk/"),
		chromedp.WaitVisible(chromedp.ID("login-form")),
		chromedp.SendKeys(chromedp.ID("name"), "王书记"),
		chromedp.SendKeys(chromedp.ID("password"), "secret-王书记"),
		follow(chromedp.ID("login-btn")),
		follow(chromedp.ID("nav-notices")),
		chromedp.WaitVisible(chromedp.CSS(row(good))),
		chromedp.WaitVisible(chromedp.CSS(row(bad))),
		screenshotAction(t, "notices"),
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`#reject-%d input[name=reason]`, bad)), "疑似广告"),
		follow(chromedp.CSS(fmt.Sprintf(`#reject-%d button`, bad))),
		chromedp.WaitVisible(chromedp.ID("done")),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector(%q) === null`, row(bad))),
		follow(chromedp.CSS(fmt.Sprintf(`#approve-%d button`, good))),
		chromedp.WaitVisible(chromedp.ID("done")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#awaiting tr.notice").length === 0`),
	)
	if err != nil {
		t.Fatalf("reject and approve: %v", err)
	}
	if st := e.noticeStatus(good); st != nb.NoticeQueued {
		t.Errorf("approved notice is %s", st)
	}
	if st := e.noticeStatus(bad); st != nb.NoticeRejected {
		t.Errorf("rejected notice is %s", st)
	}
	e.deliver()
	if !e.groupSays(grid1, "周日下午楼下义剪") || !e.groupSays("幸福社区二网格群(演示)", "周日下午楼下义剪") {
		t.Error("the groups did not receive the approved notice")
	}
	err = chromedp.Do(ctx,
		follow(chromedp.CSS(fmt.Sprintf(`#recent tr.recent[data-id="%d"] a`, good))),
		chromedp.WaitVisible(chromedp.ID("delivery")),
		chromedp.Poll[chromedp.Void](`document.querySelector('#delivery tr[data-state="delivered"] .count').textContent === "2"`),
		screenshotAction(t, "notice-status"),
	)
	if err != nil {
		t.Fatalf("delivery status: %v", err)
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/desk/cases/"+strconv.FormatInt(n, 10)),
		chromedp.WaitVisible(chromedp.ID("case")),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector("#photo-list img.photo"); return i && i.complete && i.naturalWidth === 40 })()`),
		screenshotAction(t, "case-photo"),
	)
	if err != nil {
		t.Fatalf("the case's photo is not drawn: %v", err)
	}
}
