package web

import (
	"crypto/subtle"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"
)

// WeChatState is what /wechat/login shows of the WeChat session.
type WeChatState struct {
	State     string    // starting, hot_login, push_login, waiting_scan, scanned, online, offline, stopped
	Since     time.Time // when it entered State
	Account   string    // the bot account's nickname, once known
	LoginURL  string    // the QR code's content while waiting for a scan ("" otherwise)
	LastError string
	Logins    int // successful logins since start
}

// WeChatLogin gives the WeChat session's state to the login page (the
// adapter, wired in cmd/neighborbot; web does not know it).
type WeChatLogin interface {
	LoginState() WeChatState
}

// SetWeChatLogin makes /wechat/login show src. Without a token the page
// answers only clients on this machine (loopback); with one it answers
// whoever presents it (?token= or "Authorization: Bearer"), and nobody
// else, local or not: a reverse proxy makes remote visitors look local.
// Whoever sees the QR code can log their own account in as the bot.
// Call before Start.
func (s *Server) SetWeChatLogin(src WeChatLogin, token string) {
	s.wechat, s.wechatToken = src, token
}

// wechatStates are the session states in Chinese, as the page shows them.
var wechatStates = map[string]string{
	"starting": "启动中", "hot_login": "正在用保存的会话登录", "push_login": "等待手机确认登录",
	"waiting_scan": "请扫码登录", "scanned": "已扫码，请在手机上确认", "online": "在线",
	"offline": "已掉线，稍后自动重新登录", "stopped": "已停止",
}

// wechatLogin serves the login page: the session's state and, while a scan
// is awaited, the QR code (SVG). It refreshes itself every few seconds.
func (s *Server) wechatLogin(w http.ResponseWriter, r *http.Request) {
	if s.wechat == nil {
		http.NotFound(w, r)
		return
	}
	if !s.wechatAllowed(r) {
		w.Header().Set("Cache-Control", "no-store")
		msg := "仅限本机访问 (local only); set wechat.admin_token to reach this page from elsewhere"
		if s.wechatToken != "" {
			msg = "需要管理令牌 (admin token required): ?token=… or Authorization: Bearer …"
		}
		http.Error(w, msg, http.StatusForbidden)
		return
	}
	st := s.wechat.LoginState()
	view := wechatView{WeChatState: st, Label: wechatStates[st.State], Refresh: r.URL.RequestURI()}
	if view.Label == "" {
		view.Label = st.State
	}
	if !st.Since.IsZero() {
		view.SinceText = st.Since.Format("2006-01-02 15:04:05")
	}
	if st.LoginURL != "" {
		svg, err := qrSVG(st.LoginURL)
		if err != nil {
			s.logger.Warn("wechat login page: cannot draw the QR code", "err", err)
		}
		view.QR = svg
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := wechatPage.Execute(w, view); err != nil && r.Context().Err() == nil {
		s.logger.Warn("wechat login page", "err", err)
	}
}

// wechatAllowed applies SetWeChatLogin's rule.
func (s *Server) wechatAllowed(r *http.Request) bool {
	if s.wechatToken != "" {
		got := r.URL.Query().Get("token")
		if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			got = h
		}
		return subtle.ConstantTimeCompare([]byte(got), []byte(s.wechatToken)) == 1
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

type wechatView struct {
	WeChatState
	Label, SinceText, Refresh string
	QR                        template.HTML
}

// qrSVG draws content as a QR code in SVG, one square per dark module.
func qrSVG(content string) (template.HTML, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", err
	}
	bits := q.Bitmap() // with its quiet zone
	n := len(bits)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="320" height="320" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n, n, n)
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&sb, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	sb.WriteString(`"/></svg>`)
	return template.HTML(sb.String()), nil // built here from numbers only
}

var wechatPage = template.Must(template.New("wechat").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="3;url={{.Refresh}}">
<meta name="robots" content="noindex">
<title>微信登录 · 邻里哨</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:40em}dt{font-weight:bold}#qr{border:1px solid #ccc}</style>
</head><body>
<h1>微信机器人账号</h1>
<dl>
<dt>状态 (state)</dt><dd id="state" data-state="{{.State}}">{{.Label}}</dd>
{{if .SinceText}}<dt>自 (since)</dt><dd id="since">{{.SinceText}}</dd>{{end}}
{{if .Account}}<dt>账号 (account)</dt><dd id="account">{{.Account}}</dd>{{end}}
<dt>登录次数 (logins)</dt><dd id="logins">{{.Logins}}</dd>
{{if .LastError}}<dt>最近错误 (last error)</dt><dd id="last-error">{{.LastError}}</dd>{{end}}
</dl>
{{if .QR}}<p>请用<strong>机器人专用微信号</strong>扫码登录（不要用个人微信号）：</p>
{{.QR}}
<p><small id="login-url">{{.LoginURL}}</small></p>{{end}}
<p><small>本页每 3 秒刷新。This page refreshes every 3 seconds.</small></p>
</body></html>
`))
