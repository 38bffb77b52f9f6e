package handlers

import (
	"fmt"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/refusals"
)

// texts holds every line the bot says, in Chinese and English, as fmt
// formats. Keys are English.
var texts = map[string][2]string{
	"ack":                 {"收到，已登记 #%d %s，进展会在群里告知。", "Got it: registered #%d %s. Progress will be posted here."},
	"ack_unbound":         {"收到，已登记 #%d %s。本群尚未绑定社区，工作人员绑定后即开始办理。", "Got it: registered #%d %s. This group is not bound to a community yet; work starts once an officer binds it."},
	"dup_joined":          {"这件事已登记为 #%d（%s），已将您加入关注，进展会一并告知。", "This is already case #%d (%s); you now follow it and will hear of its progress."},
	"followed":            {"已关注 #%d，目前 %d 人关注，进展会一并告知。", "You now follow #%d (%d people follow it)."},
	"already_following":   {"您已在关注 #%d。", "You already follow #%d."},
	"case_not_found":      {"没有找到 #%d，请核对编号（发送 #我的 查看您的诉求）。", "There is no case #%d; check the number (send /mine to see yours)."},
	"need_case_number":    {"请写上编号，例如：%s", "Please give a case number, e.g. %s"},
	"need_text":           {"请写上内容，例如：%s", "Please add a text, e.g. %s"},
	"need_reason":         {"请写上原因，例如：%s", "Please give a reason, e.g. %s"},
	"need_unit":           {"请写上单位，例如：%s", "Please name a unit, e.g. %s"},
	"unit_not_found":      {"找不到单位「%s」。最接近的：%s", "No unit called %q. Closest: %s"},
	"unit_ambiguous":      {"「%s」对应多个单位：%s，请写全称。", "%q matches several units: %s; please give the full name."},
	"too_long":            {"内容太长（最多 %d 字），请简要描述。", "That is too long (at most %d characters); please keep it short."},
	"unknown_command":     {"不认识这个命令「%s」，发送 #帮助 查看可用命令。", "Unknown command %q; send /help for the list."},
	"officers_only":       {"此命令仅限社区工作人员使用。", "This command is for community officers."},
	"forbidden_scope":     {"#%d 不在您负责的范围内。", "#%d is outside your area."},
	"forbidden_owner":     {"只有 #%d 的承办单位或社区工作人员可以操作。", "Only the owner of #%d or an officer may do this."},
	"forbidden_ack":       {"只有被吹哨的单位可以报到 #%d。", "Only the whistled unit may report for #%d."},
	"forbidden_rate":      {"只有 #%d 的反映人和关注人可以评价。", "Only the reporters and followers of #%d may rate it."},
	"already":             {"#%d 已是「%s」，无需再%s。", "#%d is %s already; it need not be %[3]s again."},
	"bad_stage":           {"#%d 目前是「%s」，不能%s。", "#%d is %s; it cannot be %s."},
	"no_whistle":          {"#%d 没有待报到的吹哨。", "#%d has no open whistle."},
	"merge_self":          {"不能把 #%d 合并到它自己。", "Cannot merge #%d into itself."},
	"merge_target":        {"#%d 已不在办理中，不能作为合并目标。", "#%d is no longer open and cannot absorb another case."},
	"bad_rating":          {"请用：满意 / 基本满意 / 不满意（或 1 / 2 / 3），例如：%s", "Use satisfied / basic / unsatisfied (or 1 / 2 / 3), e.g. %s"},
	"done_private":        {"已处理 #%d：%s", "Done, #%d: %s"},
	"internal_error":      {"抱歉，系统出了点问题，请稍后再试。", "Sorry, something went wrong; please try again later."},
	"bind_private_only":   {"请私聊机器人发送绑定码，不要在群里发。", "Send your code to the bot in a private chat, not in the group."},
	"bind_bad_code":       {"绑定码无效：%s", "That code does not work: %s"},
	"bind_ok":             {"绑定成功：您现在是 %s 的%s。发送 #帮助 查看工作命令。", "Done: you are now %[2]s of %[1]s. Send /help for your commands."},
	"bindgroup_forbidden": {"只有负责本群现有单位和目标单位的工作人员可以绑定本群。", "Only an officer of both this group's current unit and the new unit may bind it."},
	"private_report":      {"谢谢反映！请在您所在小区的群里直接说，或在群里发送 #报事 内容，这样网格员能及时处理，邻居也能看到进展。", "Thank you! Please say it in your neighbourhood group, or send /report text there, so the grid worker can act and neighbours can follow the progress."},
	"followed_quiet":      {"已记录，工作人员核实后会在群里告知。", "Noted; officers will check and tell the group."},
	"follow_closed":       {"#%d %s，不能再关注。如问题仍在，请重新反映。", "#%d is %s and can no longer be followed. If the problem is back, please report it again."},
	"bindgroup_group":     {"请在要绑定的群里发送此命令。", "Send this in the group you want to bind."},
	"bindgroup_ok":        {"本群已绑定到 %s。%d 件待绑定的诉求已转交办理。", "This group is now bound to %s. %d waiting cases were handed over."},
	"mine_none":           {"您还没有反映或关注的诉求。", "You have not reported or followed any case yet."},
	"mine_head":           {"您反映或关注的诉求：", "Cases you reported or follow:"},
	"todo_none":           {"您负责的范围内没有待办诉求。", "No open cases in your area."},
	"todo_head":           {"待办诉求：", "Open cases:"},
	"todo_head_page":      {"待办诉求（第 %d 页）：", "Open cases (page %d):"},
	"todo_page_none":      {"第 %d 页没有更多待办诉求。", "No more open cases on page %d."},
	"todo_more":           {"还有 %[1]d 件未列出，发送 #待办 %[2]d 查看下一页。", "%[1]d more not shown; send /todo %[2]d for the next page."},
	"todo_quiet":          {"待审核", "to review"},
	"todo_review_unlisted": {"待审核的还有 %[1]d 件未列出（一次最多列 %[2]d 件）：处理上面的之后再发送 #待办，或在工作台查看。",
		"%[1]d more awaiting review not shown (at most %[2]d at a time): send /todo again after handling these, or see the desk."},
	"todo_urgent_unlisted": {"紧急的还有 %[1]d 件未列出（一次最多列 %[2]d 件）：处理上面的之后再发送 #待办，或在工作台查看。",
		"%[1]d more urgent cases not shown (at most %[2]d at a time): send /todo again after handling these, or see the desk."},
	"todo_dup":           {"（可能与 #%d 重复）", "(maybe the same as #%d)"},
	"not_here":           {"#%d 不在本群，无法关注或查看。请在您所在的群里反映或查询。", "#%d is not a case of your group; you cannot follow or view it."},
	"code_burned":        {"刚才的消息里有一个绑定码，为安全起见已作废。绑定码请只私聊发给机器人。", "That message contained an invite code; it has been cancelled for safety. Send codes to the bot in a private chat only."},
	"code_burned_owner":  {"您在群里发送的绑定码已作废，请向管理员申请一个新的绑定码，并私聊发给机器人。", "The invite code you posted in the group has been cancelled. Please ask an administrator for a new one and send it to the bot in a private chat."},
	"need_role":          {"请写上名字和角色（网格员、社区工作人员、承办单位人员、宣传代言人、管理员），例如：%s", "Please give a name and a role (grid_worker, officer, department, ambassador, admin), e.g. %s"},
	"ex_revoke":          {"#撤销 李网格员 网格员", "/revoke Li grid_worker"},
	"revoke_ok":          {"已撤销 %s 在 %s 的%s身份。", "Done: %s is no longer %[3]s of %[2]s."},
	"revoke_none":        {"%s 没有%s身份。", "%s does not hold the role %s."},
	"revoke_forbidden":   {"%s 的%s身份不在您负责的范围内。", "%s's role %s is outside your area."},
	"bind_locked":        {"绑定码错误次数过多，请于 %s 后再试。", "Too many wrong codes; please try again after %s."},
	"login_private_only": {"请私聊机器人发送 #登录，不要在群里发。", "Send /login to the bot in a private chat, not in a group."},
	"login_code":         {"工作台登录码：%s（%d 分钟内有效，只能用一次，请勿转发）。", "Your desk login code: %s (valid for %d minutes, once; do not forward it)."},
	"login_link":         {"点此登录：%s", "Log in here: %s"},
}

// Stage, action, role and rating names as people read them.
var names = map[string][2]string{
	"stage:topic": {"话题", "topic"}, "stage:issue": {"议题", "issue"}, "stage:project": {"项目（办理中）", "project (in progress)"},
	"stage:resolved": {"已办结（待评价）", "resolved (awaiting rating)"}, "stage:closed": {"已关闭", "closed"},
	"stage:dismissed": {"已驳回", "dismissed"}, "stage:merged": {"已合并", "merged"},
	"stage:withdrawn": {"已撤回", "withdrawn"},
	"action:confirm":  {"确认", "confirmed"}, "action:dismiss": {"驳回", "dismissed"}, "action:merge": {"合并", "merged"},
	"action:accept": {"立项", "accepted"}, "action:assign": {"派单", "assigned"}, "action:whistle": {"吹哨", "whistled"},
	"action:edited": {"修改", "edited"}, "action:evidence": {"补充照片", "photo added"},
	"action:ack": {"报到", "acknowledged"}, "action:progress": {"更新进展", "updated"}, "action:resolve": {"办结", "resolved"},
	"action:rate": {"评价", "rated"}, "action:close": {"关闭", "closed"},
	"action:withdraw": {"撤回", "withdrawn"}, "action:category": {"改类别", "re-categorised"},
	"role:resident": {"居民", "resident"}, "role:ambassador": {"宣传代言人", "ambassador"}, "role:department": {"承办单位人员", "department staff"},
	"role:grid_worker": {"网格员", "grid worker"}, "role:officer": {"党建指导员/社区工作人员", "officer"}, "role:admin": {"管理员", "admin"},
	"rating:satisfied": {"满意", "satisfied"}, "rating:basic": {"基本满意", "basically satisfied"},
	"rating:unsatisfied": {"不满意", "unsatisfied"}, "rating:none": {"未评价", "not rated"},
	"event:reported": {"反映", "reported"}, "event:followed": {"关注", "followed"}, "event:bound": {"绑定单位", "bound"},
	"event:confirm": {"确认为议题", "confirmed"}, "event:dismiss": {"驳回", "dismissed"}, "event:merge": {"合并", "merged"},
	"event:accept": {"立项", "accepted"}, "event:assign": {"派单", "assigned"}, "event:whistle": {"吹哨", "whistled"},
	"event:ack": {"报到", "acknowledged"}, "event:progress": {"进展", "progress"}, "event:resolve": {"办结", "resolved"},
	"event:rate": {"评价", "rated"}, "event:close": {"自动关闭", "closed"}, "event:extend": {"延期", "extended"},
	"event:remind_ack": {"提醒报到", "reminded to acknowledge"}, "event:escalate_ack": {"未报到，升级", "escalated: no acknowledgement"},
	"event:remind_due": {"提醒期限", "reminded of the deadline"}, "event:escalate_due": {"超期，升级", "escalated: overdue"},
	"event:escalate_topic": {"无人受理，升级", "escalated: unanswered"},
	"event:withdraw":       {"撤回", "withdrawn"}, "event:category": {"改类别", "re-categorised"},
	"event:edited": {"修改", "edited"}, "event:evidence": {"补充照片", "photo added"},
	"event:left":    {"反映人撤回未生效，不再关注", "reporter withdrew, kept for others"},
	"action:left":   {"反映人撤回未生效，不再关注", "reporter withdrew, kept for others"},
	"action:extend": {"延期", "extended"},
	"period:week":   {"本周", "this week"}, "period:month": {"本月", "this month"}, "period:year": {"今年", "this year"},
	"priority:urgent": {"紧急", "urgent"}, "priority:utilities": {"水电气暖", "utilities"},
	"priority:general": {"一般", "general"}, "priority:complex": {"复杂", "complex"},
}

// lang picks Chinese (0) or English (1).
type lang int

func langFor(code string) lang {
	if code == "en" {
		return 1
	}
	return 0
}

// T formats the text under key.
func (l lang) T(key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	return fmt.Sprintf(t[l], args...)
}

// Name returns the display name of a stage, action, role or rating.
func (l lang) Name(kind string, v any) string {
	key := kind + ":" + fmt.Sprint(v)
	if n, ok := names[key]; ok {
		return n[l]
	}
	return fmt.Sprint(v)
}

// state names a case's state as shown (nb.Case.State: a withdrawn case
// reads 已撤回, not 已驳回).
func (l lang) state(cs *nb.Case) string { return l.Name("stage", cs.State()) }

// refusal is a domain refusal as the chat reads it (internal/refusals).
func (l lang) refusal(err error) string { return refusals.Text(err, l == 1) }

// Group notices, one per lifecycle action.
func init() {
	for k, v := range map[string][2]string{
		"say_confirm":       {"#%d %s 已确认为议题，社区将尽快安排办理。", "#%d %s is confirmed as an issue; the community will arrange handling."},
		"say_dismiss":       {"#%d %s 未予立项：%s", "#%d %s was dismissed: %s"},
		"say_merge":         {"#%d 与 #%d 是同一件事，已合并，进展将在 #%d 告知。", "#%d is the same as #%d and was merged; follow #%d for progress."},
		"say_accept":        {"#%d %s 已立项，承办单位：%s，办理期限：%s 前。", "#%d %s is now a project, owner: %s, due %s."},
		"say_assign":        {"#%d %s 已派单给 %s，办理期限：%s 前。", "#%d %s is assigned to %s, due %s."},
		"say_whistle":       {"#%d %s 已吹哨：请 %s 于 %s 前报到。", "#%d %s: whistle blown, %s must report by %s."},
		"say_ack":           {"#%d %s：%s 已报到，正在处理。", "#%d %s: %s has reported and is on it."},
		"say_progress":      {"#%d %s 最新进展：%s", "#%d %s progress: %s"},
		"say_resolve":       {"#%d %s 已办结：%s\n请反映人评价：回复本条「满意」「基本满意」或「不满意」，或发送 #评价 %d 满意。", "#%d %s is resolved: %s\nReporters, please rate: reply to this message with satisfied / basic / unsatisfied, or send /rate %d 1-3."},
		"say_rated":         {"#%d 感谢您的评价（%s），此诉求已关闭。", "#%d thank you for rating (%s); the case is closed."},
		"say_autoclosed":    {"#%d %s 办结后 %d 天未收到评价，已自动关闭。如问题仍在，请重新反映。", "#%d %s was not rated within %d days of being resolved and is now closed. If the problem is back, please report it again."},
		"task_new":          {"【新任务】#%d %s\n内容：%s\n期限：%s 前\n办理后请发送 #进展 %d 内容，完成后发送 #办结 %d 结果。", "[New task] #%d %s\nReport: %s\nDue: %s\nPost progress with /progress %d text and finish with /resolve %d result."},
		"task_whistle":      {"【吹哨】#%d %s\n内容：%s\n请于 %s 前报到：发送 #报到 %d", "[Whistle] #%d %s\nReport: %s\nReport for duty by %s: send /ack %d"},
		"say_reopened":      {"#%d 收到「不满意」评价，已重新交办 %s 继续处理。", "#%d was rated unsatisfied and goes back to %s."},
		"say_extend":        {"#%d %s 办理期限延至 %s，原因：%s", "#%d %s: the deadline moves to %s. Reason: %s"},
		"remind_ack":        {"【提醒】#%d %s 的吹哨已于 %s 到期，仍未报到。请发送 #报到 %d", "[Reminder] #%d %s: the whistle was due %s and nobody has reported. Send /ack %d"},
		"escalate_ack":      {"【升级】#%d %s：%s 未按时报到（期限 %s）。请督办，可发送 #详情 %d 查看。", "[Escalation] #%d %s: %s did not report in time (due %s). Please follow up; /case %d shows the timeline."},
		"remind_due":        {"【提醒】#%d %s 的办理期限是 %s，请抓紧办理：#进展 %d 内容，完成后 #办结 %d 结果。", "[Reminder] #%d %s is due %s. Post /progress %d text, and /resolve %d result when done."},
		"escalate_due":      {"【升级】#%d %s 已超期：承办单位 %s，期限 %s。请督办，可发送 #详情 %d 查看。", "[Escalation] #%d %s is overdue: owner %s, due %s. Please follow up; /case %d shows the timeline."},
		"escalate_topic":    {"【升级】#%d %s 无人受理\n内容：%s\n反映时间：%s\n请发送 #确认 %d 或 #立项 %d 单位。", "[Escalation] #%d %s has not been answered\nReport: %s\nReported: %s\nSend /confirm %d or /accept %d unit."},
		"ex_confirm":        {"#确认 12", "/confirm 12"},
		"ex_extend":         {"#延期 12 3天 需采购配件", "/extend 12 3d waiting for parts"},
		"ex_detail":         {"#详情 12", "/case 12"},
		"need_span":         {"请写上延期多久，例如：%s", "Please say how long, e.g. %s"},
		"extend_limit":      {"#%d 已延期过，不能再延期。", "#%d was already extended and cannot be extended again."},
		"extend_invalid":    {"不能延期：%s", "Cannot extend: %s"},
		"overdue_none":      {"您负责的范围内没有超期项目。", "No overdue projects in your area."},
		"overdue_head":      {"超期项目（最多 %d 条）：", "Overdue projects (up to %d):"},
		"overdue_line":      {"#%d %s — 承办：%s，已超期 %s", "#%d %s — owner: %s, overdue by %s"},
		"days":              {"%d 天", "%d days"},
		"hours":             {"%d 小时", "%d hours"},
		"timeline":          {"经过：", "Timeline:"},
		"system":            {"系统", "system"},
		"bad_period":        {"请写：#统计 本周 / 本月 / 今年", "Use: /stats week, month or year"},
		"everywhere":        {"全部", "everywhere"},
		"uncategorised":     {"未分类", "uncategorised"},
		"stats_head":        {"%s %s统计：", "%s, %s:"},
		"stats_counts":      {"话题 %d · 议题 %d · 项目 %d · 办结 %d", "topics %d · issues %d · projects %d · resolved %d"},
		"stats_rates":       {"办结率 %s · 响应率 %s · 解决率 %s · 满意率 %s", "resolution %s · response %s · solved %s · satisfaction %s"},
		"stats_times":       {"按时办结率 %s · 响应用时中位数 %s 小时 · 办结用时中位数 %s 小时", "on time %s · median response %s h · median resolution %s h"},
		"stats_cats":        {"分类：%s", "by category: %s"},
		"report_head":       {"【周报】%s %s—%s", "[Weekly report] %s, %s – %s"},
		"report_no_overdue": {"目前没有超期项目。", "No project is overdue."},
		"report_overdue":    {"超期项目 %d 件：", "%d overdue projects:"},
		"ex_officersgroup":  {"#工作群 幸福社区", "/officersgroup community"},
		"forbidden_unit":    {"%s 不在您负责的范围内。", "%s is outside your area."},
		"officersgroup_ok":  {"本群已设为 %s 的工作群：未报到、超期、无人受理的升级提醒和周报会同时发到这里。", "This group is now the work group of %s: escalations and the weekly report are posted here too."},
		"todo_due":          {"（期限 %s）", " (due %s)"},
		"ex_dismiss":        {"#驳回 12 不属于社区管理范围", "/dismiss 12 not a community matter"},
		"ex_merge":          {"#合并 12 8", "/merge 12 8"},
		"ex_accept":         {"#立项 12 城管办", "/accept 12 city-management"},
		"ex_assign":         {"#派单 12 物业", "/assign 12 property"},
		"ex_whistle":        {"#吹哨 12 城管办", "/whistle 12 city-management"},
		"ex_ack":            {"#报到 12", "/ack 12"},
		"ex_progress":       {"#进展 12 已联系环卫，明早清运", "/progress 12 contacted sanitation, pickup tomorrow"},
		"ex_resolve":        {"#办结 12 垃圾已清运", "/resolve 12 rubbish removed"},
		"ex_rate":           {"#评价 12 满意", "/rate 12 1"},
		"ex_status":         {"#进度 12", "/status 12"},
		"ex_follow":         {"#关注 12", "/follow 12"},
		"ex_report":         {"#报事 3号楼楼道灯坏了", "/report the stairway light of building 3 is broken"},
		"ex_bindgroup":      {"#绑定群 第一网格", "/bindgroup grid-1"},
		"need_owner_unit":   {"本群尚未绑定单位，请写上承办单位，例如：%s", "This group has no unit yet; name the owner, e.g. %s"},
		"officer_new":       {"【新诉求】#%d %s\n内容：%s\n受理请发送 #立项 %d [单位]，驳回请发送 #驳回 %d 原因，详情 #进度 %d。", "[New report] #%d %s\nReport: %s\nAccept with /accept %d [unit], dismiss with /dismiss %d reason, details with /status %d."},
	} {
		texts[k] = v
	}
}
