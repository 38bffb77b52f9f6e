package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/browsertest"
)

// xssName is a resident's display name that would run script as HTML.
const xssName = `<img src=x onerror="document.title='xss'">`

// TestBrowserDesk works the desk in a real browser: log in, filter the
// board, open a case, accept and resolve it (the group sees the post),
// export Excel with the browser's session, see the charts; a hostile name
// and report never run; a cross-site form is refused; an officer of
// another grid gets 403.
func TestBrowserDesk(t *testing.T) {
	ctx := browsertest.Start(t, 90*time.Second)
	e := newDeskEnv(t, true)
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		_, err := tx.EnsurePerson(nb.PlatformSandbox, xssName, xssName)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := e.report(grid1, xssName, `路灯坏了 <script>document.title='xss2'</script>`, "市政", nb.PriorityGeneral)
	e.report(grid1, "陈女士", "垃圾没人收", "环境卫生", nb.PriorityGeneral)
	other := e.report("幸福社区二网格群(演示)", "小周", "二网格的井盖丢了", "市政", nb.PriorityUrgent)
	base := e.base()
	caseSel := chromedp.CSS(fmt.Sprintf(`#board tr.case[data-id="%d"] a`, n))

	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/desk/"),
		chromedp.WaitVisible(chromedp.ID("login-form")),
		chromedp.SendKeys(chromedp.ID("name"), "王书记"),
		chromedp.SendKeys(chromedp.ID("password"), "secret-王书记"),
		follow(chromedp.ID("login-btn")),
		chromedp.WaitVisible(chromedp.ID("board")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#board tr.case").length === 3`),
		screenshotAction(t, "board"),
		// Filter by text.
		chromedp.SendKeys(chromedp.ID("f-q"), "路灯"),
		follow(chromedp.ID("f-apply")),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#board tr.case").length === 1`),
		follow(caseSel),
		chromedp.WaitVisible(chromedp.ID("case")),
	)
	if err != nil {
		t.Fatalf("log in, filter, open: %v", err)
	}
	screenshot(t, ctx, "case")
	safe := `document.title !== 'xss' && document.title !== 'xss2' && document.querySelectorAll("main img, main script").length === 0`
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](safe)); err != nil || !ok {
		t.Fatalf("a hostile name or report ran or became markup (%v)", err)
	}
	if text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("case-text"))); err != nil || !strings.Contains(text, "<script>") {
		t.Errorf("the report is not shown as text: %q, %v", text, err)
	}

	// Accept to 城管办, then resolve.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#act-accept select[name=unit]`), unitID(t, e, "城管办(演示)")),
		follow(chromedp.CSS(`#act-accept button`)),
		chromedp.WaitVisible(chromedp.CSS(`#case[data-stage="project"]`)),
		chromedp.SendKeys(chromedp.CSS(`#act-resolve input[name=note]`), "已修好，请大家查看"),
		follow(chromedp.CSS(`#act-resolve button`)),
		chromedp.WaitVisible(chromedp.CSS(`#case[data-stage="resolved"]`)),
		chromedp.WaitVisible(chromedp.ID("done")),
	)
	if err != nil {
		t.Fatalf("accept and resolve: %v", err)
	}
	e.deliver()
	if !e.groupSays(grid1, "已修好，请大家查看") {
		t.Error("the sandbox group did not see the resolution")
	}

	// Excel, downloaded with the browser's session.
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/desk/export/cases?format=xlsx&stage=all")
		.then((r) => r.arrayBuffer()).then((b) => btoa(String.fromCharCode(...new Uint8Array(b))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("export is not a workbook: %v", err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	f.Close()
	if err != nil || len(rows) != 4 || !strings.Contains(fmt.Sprint(rows), "办结") {
		t.Errorf("exported rows %v, %v", rows, err)
	}

	// The charts are drawn.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/desk/stats"),
		chromedp.WaitVisible(chromedp.ID("chart-weeks")),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("#chart-weeks rect.bar")].some((r) => r.getBBox().height > 0)`),
	)
	if err != nil {
		t.Fatalf("charts: %v", err)
	}
	screenshot(t, ctx, "stats")

	// A form on another site posting to the desk is refused.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="post" action="%s/desk/cases/%d/act"><input name="action" value="dismiss">
			<input name="note" value="x"><input name="csrf" value="guess"><button id="go">go</button></form>`, base, other)
	}))
	defer evil.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(evil.URL), chromedp.WaitVisible(chromedp.ID("go"))); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("go")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != http.StatusForbidden {
		t.Errorf("cross-site form post: status %d", res.Status)
	}
	if c := caseNow(t, e, other); c.Stage != nb.StageTopic {
		t.Errorf("the cross-site post changed the case: %s", c.Stage)
	}

	// An officer of another grid may neither see nor act on the case.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/desk/"),
		follow(chromedp.ID("logout")),
		chromedp.WaitVisible(chromedp.ID("login-form")),
		chromedp.SendKeys(chromedp.ID("name"), "李网格员"),
		chromedp.SendKeys(chromedp.ID("password"), "secret-李网格员"),
		follow(chromedp.ID("login-btn")),
		chromedp.WaitVisible(chromedp.CSS(`#board, #empty`)),
	)
	if err != nil {
		t.Fatalf("log in as the other grid's worker: %v", err)
	}
	res, err = chromedp.Run(ctx, chromedp.NavigateResponse(base+"/desk/cases/"+strconv.FormatInt(other, 10)))
	if err != nil || res.Status != http.StatusForbidden {
		t.Fatalf("another grid's case: %+v, %v", res, err)
	}
}

// follow clicks sel and waits for the page it leads to (a form's answer
// or a link's target) to load.
func follow[S chromedp.Selectable](sel S) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
		return chromedp.Void{}, err
	}
}

// screenshot saves the page beside NEIGHBORBOT_SCREENSHOT, if set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	path := os.Getenv("NEIGHBORBOT_SCREENSHOT")
	if path == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(strings.TrimSuffix(path, ".png")+"-desk-"+name+".png", png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

// screenshotAction is screenshot as a step.
func screenshotAction(t *testing.T, name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		screenshot(t, ctx, name)
		return chromedp.Void{}, nil
	}
}

// caseNow loads case n.
func caseNow(t *testing.T, e *deskEnv, n int64) *nb.Case {
	t.Helper()
	var c *nb.Case
	err := e.db.View(t.Context(), func(tx nb.Tx) (err error) {
		c, err = tx.FindCaseByID(n)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
