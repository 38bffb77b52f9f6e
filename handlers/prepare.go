package handlers

import (
	"unicode/utf8"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// understood is a message's text read before its transaction (Prepare).
type understood struct {
	text   string
	result intake.Result
}

// Prepare returns the engine's PrepareFunc for these handlers: it
// understands each message that is not a command and not too long to be a
// report, before the transaction that handles it, so that the reading (the
// costliest CPU work of chit-chat) runs on another core than the single
// writer. text uses the reading when it was made for the text it handles.
func (h *Handlers) Prepare() bot.PrepareFunc {
	r := h.Router()
	return func(m bot.Message) any {
		if _, isCommand := r.Parse(m.Text); isCommand || utf8.RuneCountInString(m.Text) > h.cfg.MaxReportRunes {
			return nil
		}
		return &understood{text: m.Text, result: h.u.Understand(m.Text)}
	}
}

// understandOnce returns c's text understood: read ahead by Prepare when it
// was, else now.
func (h *Handlers) understandOnce(c *bot.Context) intake.Result {
	if u, ok := c.Prepared.(*understood); ok && u.text == c.Msg.Text {
		return u.result
	}
	return h.u.Understand(c.Msg.Text)
}
