package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/web"
)

// wechatTransport, when set (by tests), carries the WeChat adapter's HTTP
// requests (to a fake WeChat server).
var wechatTransport http.RoundTripper

// newWeChat builds the WeChat adapter from cfg and registers it as the
// engine's WeChat sender, paced by the configured limits. The login QR code
// goes to out when wechat.qr_terminal is on.
func newWeChat(cfg config.Config, engine *bot.Engine, db nb.Store, logger *slog.Logger, out io.Writer) *wechat.Adapter {
	wcfg := wechat.Config{
		SessionFile:   cfg.WeChat.SessionFile,
		SendInterval:  cfg.WeChat.SendInterval.Duration,
		SendJitter:    cfg.WeChat.SendJitter.Duration,
		HourlyCap:     cfg.WeChat.HourlyCap,
		TooOftenWait:  cfg.WeChat.TooOftenWait.Duration,
		ReloginMax:    cfg.WeChat.ReloginMax.Duration,
		Logger:        logger,
		Transport:     wechatTransport,
		Store:         db,
		MediaDir:      cfg.WeChat.MediaDir,
		MaxImageBytes: cfg.WeChat.MaxImageBytes,
	}
	if cfg.WeChat.Welcome {
		wcfg.Welcome = cfg.WeChat.WelcomeText
		if wcfg.Welcome == "" {
			wcfg.Welcome = wechat.WelcomeZH
			if strings.HasPrefix(cfg.Language, "en") {
				wcfg.Welcome = wechat.WelcomeEN
			}
		}
	}
	// Admins are told on the other enabled platforms when the session dies.
	if cfg.Telegram.Enabled {
		wcfg.AlertPlatforms = append(wcfg.AlertPlatforms, nb.PlatformTelegram)
	}
	if cfg.Sandbox.Enabled {
		wcfg.AlertPlatforms = append(wcfg.AlertPlatforms, nb.PlatformSandbox)
	}
	if wcfg.SendJitter == 0 {
		wcfg.SendJitter = -1 // configured as none
	}
	if cfg.WeChat.QRTerminal {
		wcfg.QROut = out
	}
	a := wechat.New(wcfg, engine)
	wechat.Register(engine, a)
	return a
}

// wechatLogin shows the adapter's state on the web server's login page.
type wechatLogin struct{ a *wechat.Adapter }

// LoginState implements web.WeChatLogin.
func (l wechatLogin) LoginState() web.WeChatState {
	h := l.a.Health()
	return web.WeChatState{State: h.State, Since: h.Since, Account: h.Account, LoginURL: h.LoginURL,
		LastError: h.LastError, Logins: h.Logins}
}
