package handlers

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// AutoClose returns the scheduled job that closes resolved cases nobody
// rated within after (rating "none"), and tells their groups.
func (h *Handlers) AutoClose(after time.Duration) bot.Job {
	return func(ctx context.Context, tx nb.Tx) (int, error) {
		cases, err := tx.ListCases(nb.CaseFilter{Stages: []nb.Stage{nb.StageResolved},
			ResolvedBefore: tx.Now().Add(-after), Limit: 500})
		if err != nil {
			return 0, err
		}
		c := &bot.Context{Context: ctx, Tx: tx, Person: &nb.Person{}, Chat: &nb.Chat{}}
		for _, cs := range cases {
			if err := h.closeUnrated(c, cs, after); err != nil {
				return c.Queued(), err
			}
		}
		return c.Queued(), nil
	}
}

func (h *Handlers) closeUnrated(c *bot.Context, cs *nb.Case, after time.Duration) error {
	ev, err := cs.Apply(nb.Command{Action: nb.ActionClose}, c.Tx.Now())
	if err != nil {
		return err
	}
	if err := c.Tx.UpdateCase(cs); err != nil {
		return err
	}
	if err := c.Tx.AppendEvent(ev); err != nil {
		return err
	}
	return h.tell(c, cs, h.l.T("say_autoclosed", cs.ID, summary(cs), int(after.Hours()/24)))
}
