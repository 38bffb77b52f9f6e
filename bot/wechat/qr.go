package wechat

import (
	"fmt"

	"github.com/skip2/go-qrcode"
)

// QRContent is what the login QR code encodes for a login uuid: the phone
// scans it with the bot account's WeChat.
func QRContent(uuid string) string { return "https://login.weixin.qq.com/l/" + uuid }

// showQR is the library's UUIDCallback: the login URL goes into Health
// (for a web page) and, drawn as a QR code, to the terminal.
func (a *Adapter) showQR(uuid string) {
	content := QRContent(uuid)
	a.mu.Lock()
	a.health.LoginURL = content
	a.mu.Unlock()
	a.setState(StateScan, nil)
	a.log.Info("wechat: waiting for the bot account to scan the login QR code")
	if a.cfg.QROut == nil {
		return
	}
	art, err := TerminalQR(content)
	if err != nil {
		a.log.Warn("wechat: cannot draw the QR code", "err", err)
		return
	}
	fmt.Fprintf(a.cfg.QROut, "Scan with the bot account's WeChat (请用机器人微信号扫码登录):\n%s%s\n", art, content)
}

// TerminalQR draws content as a QR code of half-block characters, two
// modules a line, which phones scan from a terminal.
func TerminalQR(content string) (string, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return "", err
	}
	return q.ToSmallString(false), nil
}
