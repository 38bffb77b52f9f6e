package cases

import (
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// heldUntil is when a post about c to its group may go out: at once,
// unless quiet hours are on and it can wait — not for an urgent case, and
// not when it answers the actor's own command given in that group — in
// which case at the end of quiet hours. Zero means at once.
func (s *Service) heldUntil(tx nb.Tx, actor nb.Actor, c *nb.Case) time.Time {
	now := tx.Now()
	if c.Priority == nb.PriorityUrgent || (actor.ChatID != 0 && actor.ChatID == c.ChatID) || !s.policy.Quiet.Contains(now) {
		return time.Time{}
	}
	return s.policy.Quiet.EndAfter(now)
}
