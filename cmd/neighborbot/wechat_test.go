package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot/wechat/wxfake"
)

// TestProgramWithWeChat starts the whole program with WeChat enabled
// against the fake WeChat server: the login QR code is drawn on standard
// output and on /wechat/login until it is scanned, /healthz and the page
// then show the session online, and a resident's report in a WeChat group
// is acknowledged there.
func TestProgramWithWeChat(t *testing.T) {
	f := wxfake.New(t)
	f.AddGroup("幸福里7号楼", wxfake.Member{Nick: "周阿姨"})
	f.HoldScan(true)
	wechatTransport = f.Transport()
	t.Cleanup(func() { wechatTransport = nil })
	dir := t.TempDir()
	env := map[string]string{"NEIGHBORBOT_DB": filepath.Join(dir, "nb.db"), "NEIGHBORBOT_HTTP_ADDR": "127.0.0.1:0",
		"NEIGHBORBOT_WECHAT_ENABLED": "true", "NEIGHBORBOT_WECHAT_SESSION_FILE": filepath.Join(dir, "wx.json"),
		"NEIGHBORBOT_SANDBOX": "true"} // a real platform turns the sandbox off unless asked for
	outR, outW := io.Pipe()
	stderr := &lockedWriter{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		code := Main(ctx, []string{"run"}, IO{In: strings.NewReader(""), Out: outW, Err: stderr,
			Getenv: func(k string) string { return env[k] }})
		outW.Close()
		done <- code
	}()
	stop := func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit code %d:\n%s", code, stderr)
			}
		case <-time.After(20 * time.Second):
			t.Error("program did not stop")
		}
	}
	defer stop()
	base, qr := make(chan string, 1), make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			line := sc.Text()
			if _, after, ok := strings.Cut(line, "sandbox chat: "); ok {
				base <- strings.TrimSuffix(after, "/sandbox")
			}
			if strings.Contains(line, "▀") || strings.Contains(line, "█") {
				select {
				case qr <- line:
				default:
				}
			}
		}
	}()
	var url string
	select {
	case url = <-base:
	case <-time.After(20 * time.Second):
		t.Fatalf("program did not start:\n%s", stderr)
	}
	select {
	case <-qr:
	case <-time.After(10 * time.Second):
		t.Fatalf("no QR code on standard output:\n%s", stderr)
	}
	// the terminal gets the QR code after the page does (showQR)
	if code, page := getLoginPage(t, url); code != http.StatusOK || !strings.Contains(page, `<svg id="qr"`) ||
		!strings.Contains(page, "login.weixin.qq.com/l/uuid-1") {
		t.Errorf("/wechat/login while waiting for the scan: status %d, page:\n%s", code, page)
	}
	f.HoldScan(false)
	waitOnline(t, url)
	if code, page := getLoginPage(t, url); code != http.StatusOK || !strings.Contains(page, `data-state="online"`) ||
		!strings.Contains(page, "邻里哨") || strings.Contains(page, "<svg") {
		t.Errorf("/wechat/login once online: status %d, page:\n%s", code, page)
	}
	f.Say("幸福里7号楼", "周阿姨", "7号楼电梯困人了，快来人")
	got := f.WaitSends(1, 10*time.Second)[0]
	if got.Group != "幸福里7号楼" || !strings.Contains(got.Content, "#1") {
		t.Errorf("acknowledgement = %+v, want #1 in the group", got)
	}
}

// waitOnline polls /healthz until the WeChat session is online.
func waitOnline(t *testing.T, base string) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	last := ""
	for {
		resp, err := http.Get(base + "/healthz?detail=1")
		if err == nil {
			var h struct {
				Detail struct {
					WeChat *struct {
						State string `json:"state"`
					} `json:"wechat"`
				} `json:"detail"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			if h.Detail.WeChat != nil {
				last = h.Detail.WeChat.State
				if last == "online" {
					return
				}
			}
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("WeChat never online in /healthz (last state %q)", last)
		}
	}
}

// getLoginPage fetches /wechat/login.
func getLoginPage(t *testing.T, base string) (int, string) {
	t.Helper()
	resp, err := http.Get(base + "/wechat/login")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(page)
}
