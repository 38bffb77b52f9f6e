package handlers

import (
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// summary is the short description of a case the group may see:
// category and location, with room numbers masked ("环境卫生·44号楼").
func summary(cs *nb.Case) string {
	parts := []string{}
	if cs.Category != "" {
		parts = append(parts, cs.Category)
	}
	if cs.Location != "" {
		parts = append(parts, intake.MaskLocation(cs.Location))
	}
	if len(parts) == 0 {
		return bot.Truncate(intake.MaskPersonal(cs.Text), 20)
	}
	return strings.Join(parts, "·")
}

// when formats a deadline for people ("11月30日 18:00").
func (h *Handlers) when(t time.Time) string { return h.words.when(t) }

// unitName returns the name of a unit, or "" for 0.
func unitName(c *bot.Context, id int64) string {
	if id == 0 {
		return ""
	}
	u, err := c.Tx.FindUnitByID(id)
	if err != nil {
		return "#" + strconv.FormatInt(id, 10)
	}
	return u.Name
}
