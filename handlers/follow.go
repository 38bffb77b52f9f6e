package handlers

import (
	"errors"
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// meToo are the ways people say "me too".
var meToo = map[string]bool{
	"+1": true, "+1+1": true, "+10086": true, "我也是": true, "同问": true, "同": true, "我也一样": true,
	"我家也是": true, "我们也是": true, "一样": true, "同求": true, "顶": true, "me too": true, "same": true, "same here": true,
}

// isMeToo reports whether text only says "me too".
func isMeToo(text string) bool {
	s := strings.ToLower(strings.TrimSpace(bot.Fold(text)))
	s = strings.TrimRight(s, "!.。！~ ")
	return meToo[s]
}

// repliedCase returns the case whose report, or one of whose bot messages,
// the message replies to (ENOTFOUND if none). A reply to a bot message
// whose send is in flight, not recorded yet, asks to be handled again
// shortly (bot.ErrRetryLater) rather than be taken for something else.
func repliedCase(c *bot.Context) (*nb.Case, error) {
	cs, err := c.Tx.FindCaseByMessage(c.Msg.Platform, c.Msg.ChatID, c.Msg.ReplyTo)
	if nb.ErrorCode(err) != nb.ENOTFOUND {
		return cs, err
	}
	busy, ferr := c.Tx.OutboxInFlight(c.Msg.Platform, c.Msg.ChatID)
	if ferr != nil {
		return nil, ferr
	} else if busy {
		return nil, bot.ErrRetryLater
	}
	return nil, err
}

// onReply handles a reply to a case's report or to one of the bot's
// messages about it: "+1" follows the case, a rating word rates it.
func (h *Handlers) onReply(c *bot.Context) (bool, error) {
	cs, err := repliedCase(c)
	if nb.ErrorCode(err) == nb.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return errors.Is(err, bot.ErrRetryLater), err
	}
	if isMeToo(c.Msg.Text) {
		return true, h.addFollower(c, cs.ID)
	}
	if r, ok := parseRating(c.Msg.Text); ok && cs.Stage == nb.StageResolved && !isDigits(c.Msg.Text) {
		return true, h.applyRating(c, cs.ID, r)
	}
	return false, nil
}

func isDigits(s string) bool {
	_, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil
}

// follow: "#关注 N".
func (h *Handlers) follow(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_follow"))
	if err != nil {
		return err
	}
	return h.addFollower(c, n)
}

// joinDuplicate adds the sender to an existing case and tells them so
// (only "noted" while the case is on the review list, which the group has
// not heard of).
func (h *Handlers) joinDuplicate(c *bot.Context, n int64) error {
	cs, _, err := h.follow1(c, n)
	if err != nil {
		return err
	}
	h.logReport(c, "report joined a case", cs)
	if cs.Quiet {
		return c.Reply(h.l.T("followed_quiet"))
	}
	return c.Post(&nb.OutboxMessage{Text: h.l.T("dup_joined", cs.ID, summary(cs)), ReplyTo: c.Msg.ID, CaseID: cs.ID})
}

// addFollower adds the sender to open case n (or the case it was merged
// into) and answers with the count (only "noted" while the case is on the
// review list).
func (h *Handlers) addFollower(c *bot.Context, n int64) error {
	cs, added, err := h.follow1(c, n)
	if err != nil {
		return err
	}
	if cs.Quiet {
		return c.Reply(h.l.T("followed_quiet"))
	}
	if !added {
		return c.Reply(h.l.T("already_following", cs.ID))
	}
	followers, err := c.Tx.ListFollowers(cs.ID, c.Msg.Platform)
	if err != nil {
		return err
	}
	return c.Post(&nb.OutboxMessage{Text: h.l.T("followed", cs.ID, len(followers)), ReplyTo: c.Msg.ID, CaseID: cs.ID})
}

// follow1 asks the case service to make the sender follow case n, and
// turns its refusals into what the sender is told.
func (h *Handlers) follow1(c *bot.Context, n int64) (*nb.Case, bool, error) {
	cs, added, err := h.cases.FollowTx(c.Tx, c.Actor(), n)
	switch nb.ErrorCode(err) {
	case "":
		return cs, added, nil
	case nb.ECONFLICT:
		if cs != nil {
			return nil, false, h.fail("follow_closed", cs.ID, h.l.state(cs))
		}
	case nb.ENOTFOUND:
		return nil, false, h.fail("case_not_found", n)
	case nb.EFORBIDDEN:
		return nil, false, h.fail("not_here", n)
	}
	return nil, false, err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
