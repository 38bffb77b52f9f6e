package wechat

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
)

// A renamed group keeps its identity: the engine's ids use the group's
// canonical title, the first one the bot knew it by, and aliases map each
// later title to it. They are kept in the store (Config.Store) so that they
// survive restarts as well as re-logins.

const aliasSetting = "wechat_group_aliases"

// "张三"修改群名为“新群名”
var renameRE = regexp.MustCompile(`修改群名为[“"](.+?)[”"]\s*$`)

// loadAliases reads the saved aliases, if there is a store.
func (a *Adapter) loadAliases(ctx context.Context) {
	if a.cfg.Store == nil {
		return
	}
	var raw string
	err := a.cfg.Store.View(ctx, func(tx nb.Tx) (err error) { raw, err = tx.Setting(aliasSetting); return err })
	if err != nil {
		if nb.ErrorCode(err) != nb.ENOTFOUND {
			a.log.Warn("wechat: cannot read group aliases", "err", err)
		}
		return
	}
	aliases := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &aliases); err != nil {
		a.log.Warn("wechat: unreadable group aliases", "err", err)
		return
	}
	a.mu.Lock()
	a.aliases = aliases
	a.mu.Unlock()
}

// canonicalLocked is the title a group's ids use (a.mu held).
func (a *Adapter) canonicalLocked(title string) string {
	if c, ok := a.aliases[title]; ok {
		return c
	}
	return title
}

// canonical is canonicalLocked taking a.mu.
func (a *Adapter) canonical(title string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.canonicalLocked(title)
}

// renamed follows a "修改群名为" notice: the new title becomes an alias of
// the group's canonical title.
func (a *Adapter) renamed(msg *openwechat.Message) {
	sub := renameRE.FindStringSubmatch(strings.TrimSpace(msg.Content))
	if sub == nil {
		return
	}
	a.lib.Lock()
	group, err := msg.Sender()
	old := ""
	if err == nil {
		old = strings.TrimSpace(group.NickName)
		group.NickName = sub[1] // the library's cache keeps the old title
	}
	a.lib.Unlock()
	newTitle := strings.TrimSpace(sub[1])
	if old == "" || newTitle == "" || newTitle == old {
		return
	}
	a.mu.Lock()
	if a.aliases == nil {
		a.aliases = map[string]string{}
	}
	canon := a.canonicalLocked(old)
	if canon == newTitle {
		delete(a.aliases, newTitle) // renamed back
	} else {
		a.aliases[newTitle] = canon
	}
	raw, _ := json.Marshal(a.aliases)
	a.mu.Unlock()
	a.log.Info("wechat: group renamed; its cases and people stay with it", "title", old, "new_title", newTitle,
		"canonical", canon)
	if a.cfg.Store == nil {
		return
	}
	if err := a.cfg.Store.Update(a.ctx, func(tx nb.Tx) error { return tx.PutSetting(aliasSetting, string(raw)) }); err != nil {
		a.log.Error("wechat: cannot save the group alias; it lasts until restart", "err", err)
	}
}
