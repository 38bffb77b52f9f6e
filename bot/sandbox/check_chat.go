package sandbox

import (
	"context"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// CheckChat returns an ENOTFOUND error unless chatKey is a sandbox group or
// a private chat's key (a private chat opens with its first message). Groups
// are never removed, so one found is remembered: polling a known group
// costs no query.
func (p *Platform) CheckChat(ctx context.Context, chatKey string) error {
	if strings.HasPrefix(chatKey, PrivateChat+":") {
		return nil
	}
	if _, ok := p.groups.Load(chatKey); ok {
		return nil
	}
	err := p.store.View(ctx, func(tx nb.Tx) error {
		c, err := tx.FindChat(nb.PlatformSandbox, chatKey)
		if nb.ErrorCode(err) == nb.ENOTFOUND || (err == nil && c.Kind != nb.ChatGroup) {
			return nb.Errorf(nb.ENOTFOUND, "group %q not found", chatKey)
		}
		return err
	})
	if err == nil {
		p.groups.Store(chatKey, struct{}{})
	}
	return err
}
