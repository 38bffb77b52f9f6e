package wechat

import (
	"context"
	"fmt"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// When the session dies the admins are told: a log line at error level,
// the state in Health (/healthz detail and /wechat/login), and a private
// message on each of Config.AlertPlatforms (Telegram, say) to every admin
// who has a private chat with the bot there. They are told again, once,
// when the account is back online.

// jobRunner is the engine's way to queue outbox messages in a transaction
// and wake its senders (bot.Engine.RunJob).
type jobRunner interface {
	RunJob(ctx context.Context, name string, job bot.Job)
}

// postJob queues what job writes, through the engine when it can (its
// senders wake at once), else straight into the store.
func (a *Adapter) postJob(ctx context.Context, name string, job bot.Job) {
	if r, ok := a.recv.(jobRunner); ok {
		r.RunJob(ctx, name, job)
		return
	}
	if a.cfg.Store == nil {
		return
	}
	err := a.cfg.Store.Update(ctx, func(tx nb.Tx) error { _, err := job(ctx, tx); return err })
	if err != nil && ctx.Err() == nil {
		a.log.Error("wechat: cannot queue a message", "job", name, "err", err)
	}
}

// sessionDied logs the death of a session that was online and tells the
// admins on the other platforms.
func (a *Adapter) sessionDied(ctx context.Context, cause error) {
	account := a.Health().Account
	a.log.Error("wechat session died; logging in again (see /wechat/login if a scan is needed)",
		"account", account, "err", safeErr(cause))
	text := fmt.Sprintf("⚠️ 微信机器人账号「%s」已掉线（%s），正在自动重新登录。如需扫码，请在服务器上打开 /wechat/login。",
		account, short(safeErr(cause), 60))
	if a.alertAdmins(ctx, "wechat_dead", text) {
		a.alerted.Store(true)
	}
}

// backOnline tells the admins the account is back, if they were told it
// had died.
func (a *Adapter) backOnline(ctx context.Context, account string) {
	if !a.alerted.CompareAndSwap(true, false) {
		return
	}
	a.alertAdmins(ctx, "wechat_back", fmt.Sprintf("✅ 微信机器人账号「%s」已重新上线。", account))
}

// alertAdmins queues text to every reachable admin on the alert platforms
// and reports whether there was anyone to tell.
func (a *Adapter) alertAdmins(ctx context.Context, name, text string) bool {
	if len(a.cfg.AlertPlatforms) == 0 {
		return false
	}
	told := 0
	a.postJob(ctx, name, func(_ context.Context, tx nb.Tx) (int, error) {
		told = 0
		for _, p := range a.cfg.AlertPlatforms {
			admins, err := tx.ListReachable(nb.RoleAdmin, 0, p)
			if err != nil {
				return 0, err
			}
			for _, id := range admins {
				if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: p, ChatExternalID: id.PrivateChatID,
					Text: text}); err != nil {
					return 0, err
				}
				told++
			}
		}
		return told, nil
	})
	if told == 0 {
		a.log.Warn("wechat: no admin to tell on another platform (an admin must bind there and write to the bot privately)",
			"platforms", a.cfg.AlertPlatforms)
	}
	return told > 0
}
