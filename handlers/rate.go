package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// ratingWords maps what people write to a rating.
var ratingWords = map[string]nb.Rating{
	"满意": nb.RatingSatisfied, "非常满意": nb.RatingSatisfied, "1": nb.RatingSatisfied, "satisfied": nb.RatingSatisfied,
	"基本满意": nb.RatingBasic, "还行": nb.RatingBasic, "2": nb.RatingBasic, "basic": nb.RatingBasic,
	"不满意": nb.RatingUnsatisfied, "3": nb.RatingUnsatisfied, "unsatisfied": nb.RatingUnsatisfied,
}

// parseRating reads a rating word, ignoring case and trailing punctuation.
func parseRating(s string) (nb.Rating, bool) {
	s = strings.ToLower(strings.TrimRight(strings.TrimSpace(bot.Fold(s)), "!.。！~ "))
	r, ok := ratingWords[s]
	return r, ok
}

// rate: "#评价 N 满意|基本满意|不满意" or "/rate N 1-3".
func (h *Handlers) rate(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_rate"))
	if err != nil {
		return err
	}
	r, ok := parseRating(c.Command.RestAfter(1))
	if !ok {
		return h.fail("bad_rating", h.l.T("ex_rate"))
	}
	return h.applyRating(c, n, r)
}

// applyRating closes the case, or sends it back to its owner.
func (h *Handlers) applyRating(c *bot.Context, n int64, r nb.Rating) error {
	out, err := h.act(c, n, nb.Command{Action: nb.ActionRate, Rating: r})
	if err != nil || r != nb.RatingSatisfied || out.Case.ReporterID != c.Person.ID {
		return err
	}
	suggested, err := h.bc.SuggestTx(c.Tx, out.Case, c.Person) // a candidate ambassador, once per person
	c.Counted(suggested)
	return err
}
