package web

import (
	"html/template"
)

// deskWeChat is the WeChat account's health on the desk's admin page: what
// /wechat/login shows, without its self-refresh.
type deskWeChat struct {
	wechatView
	// MayLogIn: the QR code is shown only to admins of everywhere, since
	// whoever scans it logs their account in as the bot for all units.
	MayLogIn bool
}

// adminWeChat is the WeChat session for u's admin page (nil without WeChat).
func (s *Server) adminWeChat(u *deskUser) *deskWeChat {
	if s.wechat == nil {
		return nil
	}
	st := s.wechat.LoginState()
	d := &deskWeChat{wechatView: wechatView{WeChatState: st, Label: wechatStates[st.State]}, MayLogIn: u.administers(0) == nil}
	if d.Label == "" {
		d.Label = st.State
	}
	if !st.Since.IsZero() {
		d.SinceText = st.Since.In(s.desk.cfg.Location).Format("2006-01-02 15:04:05")
	}
	if st.LoginURL != "" && d.MayLogIn {
		svg, err := qrSVG(st.LoginURL)
		if err != nil {
			s.logger.Warn("desk admin page: cannot draw the WeChat QR code", "err", err)
		}
		d.QR = template.HTML(svg)
	} else {
		d.LoginURL = ""
	}
	return d
}

func init() {
	for k, v := range map[string][2]string{
		"wechat":          {"微信机器人账号", "WeChat bot account"},
		"wechat_state":    {"状态", "State"},
		"wechat_since":    {"自", "Since"},
		"wechat_account":  {"账号", "Account"},
		"wechat_logins":   {"登录次数", "Logins"},
		"wechat_error":    {"最近错误", "Last error"},
		"wechat_scan":     {"请用机器人专用微信号扫码登录（不要用个人微信号）：", "Scan with the bot's dedicated WeChat account (not a personal one):"},
		"wechat_qr_admin": {"等待扫码登录；二维码仅向全局管理员显示。", "Waiting for a scan; the QR code is shown to global admins only."},
		"refresh":         {"刷新", "Refresh"},
	} {
		deskTexts[k] = v
	}
}
