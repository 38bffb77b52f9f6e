package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// statusListed is how many group names each state lists.
const statusListed = 20

// noticeStatus: "#通知状态 B7" — which groups a notice reached, which wait
// and which failed.
func (h *Handlers) noticeStatus(c *bot.Context) error {
	return h.noticeStatusOf(c, c.Command.Arg(0))
}

func (h *Handlers) noticeStatusOf(c *bot.Context, code string) error {
	id, ok := nb.ParseNoticeCode(bot.Fold(code))
	if !ok {
		return h.fail("bc_need_code", h.l.T("ex_nstatus"))
	}
	n, ds, err := h.bc.StatusTx(c.Tx, c.Actor(), id)
	if err != nil {
		return h.explain(err)
	}
	tree, err := unitTree(c)
	if err != nil {
		return err
	}
	groups := map[nb.DeliveryState][]string{}
	for _, d := range ds {
		title := d.Title
		if d.State == nb.DeliveryPending && d.DueAt.After(c.Tx.Now()) {
			title += h.l.T("bc_status_due", noticeWords{l: h.l, loc: h.cfg.Location}.when(d.DueAt))
		}
		groups[d.State] = append(groups[d.State], title)
	}
	var b strings.Builder
	b.WriteString(h.l.T("bc_status_head", n.Code(), h.l.Name("notice", n.Status), tree.Name(n.UnitID),
		len(groups[nb.DeliveryDelivered])+len(groups[nb.DeliveryArchived]), len(groups[nb.DeliveryPending]),
		len(groups[nb.DeliveryFailed]), len(groups[nb.DeliveryCancelled])))
	for _, st := range []nb.DeliveryState{nb.DeliveryDelivered, nb.DeliveryPending, nb.DeliveryFailed, nb.DeliveryCancelled} {
		names := groups[st]
		if len(names) == 0 {
			continue
		}
		more := ""
		if len(names) > statusListed {
			names, more = names[:statusListed], "…"
		}
		b.WriteString("\n" + h.l.T("bc_status_line", h.l.Name("delivery", st), strings.Join(names, "、")+more))
	}
	return c.Reply(b.String())
}

func init() {
	for k, v := range map[string][2]string{
		"delivery:delivered": {"已送达", "delivered"}, "delivery:pending": {"待发送", "pending"},
		"delivery:failed": {"失败", "failed"}, "delivery:cancelled": {"已撤回", "cancelled"},
	} {
		names[k] = v
	}
}
