package handlers

import (
	"errors"

	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/broadcasts"
)

// Broadcast lines (宣传代言人 and notices), in Chinese and English.
func init() {
	for k, v := range map[string][2]string{
		"bc_notice":          {"【通知】%s\n—— 发布人：%s", "[Notice] %s\n— from %s"},
		"bc_request":         {"【待审批】%s 申请向「%s」的所有群发送通知 %s（%s）：\n%s\n同意请发送 #批准 %[3]s，不同意请发送 #拒绝 %[3]s 原因", "[Approval] %s asks to send notice %s to every group of %s (%s):\n%s\nSend /approve %[3]s, or /reject %[3]s reason"},
		"bc_why_scope":       {"超出其负责范围", "beyond their own scope"},
		"bc_why_link":        {"含链接", "contains a link"},
		"bc_why_scope,link":  {"超出其负责范围且含链接", "beyond their scope, with a link"},
		"bc_approved":        {"您的通知 %s 已获批准，将发送到 %d 个群。查看进度：#通知状态 %[1]s", "Your notice %s was approved and goes to %d groups. Progress: /notice status %[1]s"},
		"bc_rejected":        {"您的通知 %s 未获批准。原因：%s", "Your notice %s was not approved. Reason: %s"},
		"bc_no_reason":       {"未说明", "none given"},
		"bc_queued":          {"通知 %s 已发出，共 %d 个群。查看进度：#通知状态 %[1]s", "Notice %s is on its way to %d groups. Progress: /notice status %[1]s"},
		"bc_queued_later":    {"通知 %s 将于 %s 发送到 %d 个群%s。查看进度：#通知状态 %[1]s，撤回：#撤回 %[1]s", "Notice %s goes to %[3]d groups at %[2]s%[4]s. Progress: /notice status %[1]s; cancel: /cancel %[1]s"},
		"bc_quiet_note":      {"（免打扰时段，顺延到结束后）", " (held until quiet hours end)"},
		"bc_awaiting":        {"通知 %s %s，已提交「%s」的工作人员审批（已通知 %d 处）。批准后自动发送；撤回：#撤回 %[1]s", "Notice %s is %s; it was sent to the officers of %s for approval (%d notified). It goes out once approved; cancel: /cancel %[1]s"},
		"bc_approve_ok":      {"已批准 %s，将发送到 %d 个群。", "Approved %s: it goes to %d groups."},
		"bc_reject_ok":       {"已拒绝 %s，已告知发布人。", "Rejected %s; its author was told."},
		"bc_cancel_ok":       {"已撤回通知 %s（%d 个群的待发送已取消）。", "Notice %s cancelled (%d pending groups given up)."},
		"bc_status_head":     {"通知 %s（%s，范围：%s）：已送达 %d，待发送 %d，失败 %d，已撤回 %d", "Notice %s (%s, scope %s): delivered %d, pending %d, failed %d, cancelled %d"},
		"bc_status_line":     {"%s：%s", "%s: %s"},
		"bc_status_due":      {"（%s 发送）", " (at %s)"},
		"bc_appoint_ok":      {"已任命 %s 为「%s」的宣传代言人。", "%s is now an ambassador of %s."},
		"bc_revoke_ok":       {"已撤销 %s 在「%s」的宣传代言人身份，%d 条未发出的通知已撤回。", "%s is no longer an ambassador of %s; %d unsent notices were cancelled."},
		"bc_suggest":         {"居民 %s 对 #%d（%s）的办理表示满意，或许愿意做宣传代言人：#任命 %[1]s", "Resident %s was satisfied with how #%d (%s) was handled and may make a good ambassador: /appoint %[1]s"},
		"bc_list_none":       {"您负责的范围内还没有宣传代言人。", "There are no ambassadors in your area yet."},
		"bc_list_head":       {"宣传代言人：", "Ambassadors:"},
		"bc_need_person":     {"请写上要任命的人，或回复/提及他，例如：%s", "Please name the person, or mention them, e.g. %s"},
		"bc_person_none":     {"找不到「%s」。请他先在群里或私聊机器人说句话，再任命。", "No one called %q is known; ask them to write to the bot or in a group first."},
		"bc_person_many":     {"有多个人叫「%s」，请用 @ 提及要任命的人。", "Several people are called %q; please mention the one you mean."},
		"bc_need_scope_unit": {"请写上单位，例如：%s", "Please name a unit, e.g. %s"},
		"bc_need_code":       {"请写上通知编号，例如：%s", "Please give a notice number, e.g. %s"},
		"bc_bad_at":          {"时间格式不对，请写成 2026-12-01T09:00。", "Bad time; write it like 2026-12-01T09:00."},
		"ex_appoint":         {"#任命 张三", "/appoint Zhang"},
		"ex_notice":          {"#通知 周六上午9点社区义诊", "/notice Free clinic on Saturday 9am"},
		"ex_approve":         {"#批准 B7", "/approve B7"},
		"ex_reject":          {"#拒绝 B7 内容需修改", "/reject B7 please shorten it"},
		"ex_cancel":          {"#撤回 B7", "/cancel B7"},
		"ex_nstatus":         {"#通知状态 B7", "/notice status B7"},
		// Refusals of the broadcast service, by key.
		"bc_notice_forbidden":         {"只有宣传代言人和社区工作人员可以发通知。", "Only ambassadors and officers may send notices."},
		"bc_notice_empty":             {"请写上通知内容，例如：#通知 周六上午9点社区义诊", "Please add the notice's text, e.g. /notice Free clinic on Saturday 9am"},
		"bc_notice_too_long":          {"通知太长（最多 %d 字，现在 %d 字）。", "The notice is too long (at most %d characters, this has %d)."},
		"bc_notice_at_past":           {"发送时间已过，请写一个将来的时间。", "That time has passed; give a time to come."},
		"bc_notice_at_far":            {"最多只能提前 %d 天预约发送。", "A notice can be scheduled at most %d days ahead."},
		"bc_notice_urgent_officers":   {"只有社区工作人员可以把通知标为紧急。", "Only officers may mark a notice urgent."},
		"bc_notice_quota":             {"今天的通知已达上限（每天 %d 条），请明天再发。", "You reached today's limit of %d notices; please try tomorrow."},
		"bc_notice_links_denied":      {"通知里不能带链接。", "Notices may not contain links."},
		"bc_notice_need_scope":        {"您负责多个单位，请写明范围，例如：#通知 @一网格 内容", "You cover several units; name one, e.g. /notice --scope GridOne text"},
		"bc_notice_not_found":         {"没有找到通知 B%d。", "There is no notice B%d."},
		"bc_notice_decide_forbidden":  {"通知 %s 的范围「%s」不在您负责的范围内，不能审批。", "Notice %s reaches %s, outside your area: you cannot decide it."},
		"bc_notice_not_awaiting":      {"通知 %s 不在待审批状态（%s）。", "Notice %s is not waiting for approval (%s)."},
		"bc_notice_cancel_forbidden":  {"只有发布人或负责的工作人员可以撤回通知 %s。", "Only the author or an officer of its scope may cancel notice %s."},
		"bc_notice_not_open":          {"通知 %s 目前是「%s」，不能撤回。", "Notice %s is %s and cannot be cancelled."},
		"bc_notice_already_cancelled": {"通知 %s 已经撤回了，无需再撤回。", "Notice %s is already cancelled."},
		"bc_notice_cancel_late":       {"通知 %s 已全部发出，无法撤回。", "Notice %s has already gone out to every group."},
		"bc_notice_status_forbidden":  {"只有发布人或负责的工作人员可以查看通知 %s。", "Only the author or an officer of its scope may see notice %s."},
		"bc_appoint_forbidden":        {"「%s」不在您负责的范围内，不能任命。", "%s is outside your area: you cannot appoint there."},
		"bc_appoint_already":          {"此人已是「%s」的宣传代言人。", "That person is already an ambassador of %s."},
		"bc_revoke_amb_forbidden":     {"「%s」不在您负责的范围内，不能撤销。", "%s is outside your area: you cannot revoke there."},
	} {
		texts[k] = v
	}
	for k, v := range map[string][2]string{
		"notice:awaiting": {"待审批", "awaiting approval"}, "notice:queued": {"已批准", "approved"},
		"notice:rejected": {"已拒绝", "rejected"}, "notice:cancelled": {"已撤回", "cancelled"},
	} {
		names[k] = v
	}
}

// explain turns a refusal of the broadcast service into a reply for the
// person; other errors pass unchanged.
func (h *Handlers) explain(err error) error {
	var be *broadcasts.Error
	if !errors.As(err, &be) {
		return err
	}
	key, args := refusal(h.l, be)
	return h.fail(key, args...)
}

// refusal is the phrase key and arguments that explain the broadcast
// service's refusal be.
func refusal(l lang, be *broadcasts.Error) (string, []any) {
	args := be.Args
	if be.Key == "notice_not_open" && args[1] == string(nb.NoticeCancelled) {
		return "bc_notice_already_cancelled", args[:1]
	}
	if be.Key == "notice_not_awaiting" || be.Key == "notice_not_open" {
		args = []any{args[0], l.Name("notice", args[1])}
	}
	return "bc_" + be.Key, args
}

// noticeWords renders the broadcast service's lines.
type noticeWords struct {
	l   lang
	loc *time.Location
}

// NewNoticeWords returns the phrases the broadcast service speaks with, in
// cfg's language and time zone.
func NewNoticeWords(cfg Config) broadcasts.Words {
	cfg = cfg.withDefaults()
	return noticeWords{l: langFor(cfg.Language), loc: cfg.Location}
}

// Notice is the line posted in each group, marked as a notice.
func (w noticeWords) Notice(n *nb.Notice) string { return w.l.T("bc_notice", n.Text, n.AuthorName) }

// Request asks officers to approve n.
func (w noticeWords) Request(n *nb.Notice, unit string) string {
	return w.l.T("bc_request", n.AuthorName, unit, n.Code(), w.l.T("bc_why_"+n.Why), n.Text)
}

// Decided tells the author the outcome.
func (w noticeWords) Decided(n *nb.Notice, queued int) string {
	if n.Status == nb.NoticeRejected {
		reason := n.Reason
		if reason == "" {
			reason = w.l.T("bc_no_reason")
		}
		return w.l.T("bc_rejected", n.Code(), reason)
	}
	return w.l.T("bc_approved", n.Code(), queued)
}

// Suggest proposes a satisfied resident as an ambassador.
func (w noticeWords) Suggest(name string, caseID int64, unit string) string {
	return w.l.T("bc_suggest", name, caseID, unit)
}

// when shows a time to people, in their zone.
func (w noticeWords) when(t time.Time) string { return t.In(w.loc).Format("01-02 15:04") }
