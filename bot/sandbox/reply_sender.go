package sandbox

import (
	nb "github.com/neighborbot/neighborbot"
)

// replySender is who wrote the line msg replies to ("" for none, or for
// one of the bot's), so that commands such as #任命 can name a person by
// replying to them.
func replySender(tx nb.Tx, msg *nb.SandboxMessage) (string, error) {
	if msg.ReplyTo == 0 {
		return "", nil
	}
	orig, err := tx.FindSandboxMessage(msg.ReplyTo)
	if err != nil || orig.FromBot {
		return "", err
	}
	return orig.From, nil
}
