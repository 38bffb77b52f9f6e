package handlers

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/cases"
)

// AutoClose returns the scheduled job that closes resolved cases nobody
// rated within after, through a case service over the handlers' phrasebook
// (cmd/neighborbot schedules the configured service's CloseUnrated).
func (h *Handlers) AutoClose(after time.Duration) bot.Job {
	if s, ok := h.cases.(*cases.Service); ok {
		return s.CloseUnrated(after)
	}
	return cases.New(nil, h.words, nb.Policy{Limits: h.cfg.Limits}).CloseUnrated(after)
}
