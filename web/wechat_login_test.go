package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/neighborbot/neighborbot/web"
)

// fakeWeChat is a session state the test changes.
type fakeWeChat struct {
	mu sync.Mutex
	st web.WeChatState
}

func (f *fakeWeChat) LoginState() web.WeChatState {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st
}

func (f *fakeWeChat) set(st web.WeChatState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st = st
}

func getPage(t *testing.T, h http.Handler, target, remote, bearer string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	req.Host = "127.0.0.1:8080"
	if remote != "" {
		req.RemoteAddr = remote
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

// TestWeChatLoginPage: the page shows the QR code (SVG) while a scan is
// awaited, and the state with the account once online; it answers only
// local clients without a token, and only the token's holders with one.
func TestWeChatLoginPage(t *testing.T) {
	src := &fakeWeChat{st: web.WeChatState{State: "waiting_scan", Since: time.Now(),
		LoginURL: "https://login.weixin.qq.com/l/uuid-1"}}
	srv := web.New("127.0.0.1:0", nil, testLogger(t))
	h := srv.Handler()
	if code, _ := getPage(t, h, "/wechat/login", "127.0.0.1:5000", ""); code != http.StatusNotFound {
		t.Errorf("without WeChat: status %d, want 404", code)
	}
	srv.SetWeChatLogin(src, "")

	code, body := getPage(t, h, "/wechat/login", "127.0.0.1:5000", "")
	if code != http.StatusOK || !strings.Contains(body, `<svg id="qr"`) || !strings.Contains(body, "请扫码登录") ||
		!strings.Contains(body, "uuid-1") || !strings.Contains(body, `data-state="waiting_scan"`) {
		t.Errorf("waiting for a scan: status %d, page:\n%s", code, body)
	}
	if code, body := getPage(t, h, "/wechat/login", "192.0.2.7:5000", ""); code != http.StatusForbidden ||
		strings.Contains(body, "uuid-1") {
		t.Errorf("remote client without a token: status %d, body %q; want 403 without the QR code", code, body)
	}

	src.set(web.WeChatState{State: "online", Since: time.Now(), Account: "邻里哨", Logins: 2})
	code, body = getPage(t, h, "/wechat/login", "[::1]:5000", "")
	if code != http.StatusOK || strings.Contains(body, "<svg") || !strings.Contains(body, "在线") ||
		!strings.Contains(body, "邻里哨") || !strings.Contains(body, `<dd id="logins">2</dd>`) {
		t.Errorf("online: status %d, page:\n%s", code, body)
	}

	src.set(web.WeChatState{State: "offline", LastError: "failed login check <1101>"})
	srv.SetWeChatLogin(src, "s3cret")
	for _, c := range []struct {
		target, remote, bearer string
		want                   int
	}{
		{"/wechat/login", "127.0.0.1:5000", "", http.StatusForbidden}, // a token set: local is not enough
		{"/wechat/login?token=wrong", "192.0.2.7:5000", "", http.StatusForbidden},
		{"/wechat/login?token=s3cret", "192.0.2.7:5000", "", http.StatusOK},
		{"/wechat/login", "192.0.2.7:5000", "s3cret", http.StatusOK},
	} {
		code, body := getPage(t, h, c.target, c.remote, c.bearer)
		if code != c.want {
			t.Errorf("%s from %s (bearer %q): status %d, want %d", c.target, c.remote, c.bearer, code, c.want)
		}
		if code == http.StatusOK && (!strings.Contains(body, "已掉线") || !strings.Contains(body, "failed login check &lt;1101&gt;")) {
			t.Errorf("offline page does not show the state and the escaped error:\n%s", body)
		}
	}
}

// TestBrowserWeChatLogin opens the login page in a real browser: the QR
// code is drawn while a scan is awaited, and the page refreshes itself to
// show the session online.
func TestBrowserWeChatLogin(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	src := &fakeWeChat{st: web.WeChatState{State: "waiting_scan", Since: time.Now(),
		LoginURL: "https://login.weixin.qq.com/l/uuid-7"}}
	srv := web.New("127.0.0.1:0", nil, testLogger(t))
	srv.SetWeChatLogin(src, "")
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, srv) })
	err := chromedp.Do(ctx,
		chromedp.Navigate("http://"+srv.Addr()+"/wechat/login"),
		chromedp.WaitVisible(chromedp.CSS(`#qr path`)),
	)
	if err != nil {
		t.Fatalf("QR code: %v", err)
	}
	size, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](
		`(() => { const r = document.getElementById("qr").getBoundingClientRect(); return {w: r.width, h: r.height} })()`))
	if err != nil {
		t.Fatal(err)
	}
	if size["w"] < 200 || size["w"] != size["h"] {
		t.Errorf("QR code drawn %vx%v, want a square of at least 200 px", size["w"], size["h"])
	}
	src.set(web.WeChatState{State: "online", Since: time.Now(), Account: "邻里哨", Logins: 1})
	err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#state[data-state="online"]`))) // after the page's own refresh
	if err != nil {
		t.Fatalf("after login: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("state")))
	if err != nil || state != "在线" {
		t.Errorf("after login: state %q, %v", state, err)
	}
}
