package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// deskTexts are the desk's words, Chinese first, then English.
var deskTexts = map[string][2]string{
	"title":          {"邻里哨 · 工作台", "NeighborBot · Desk"},
	"login":          {"登录", "Log in"},
	"logout":         {"退出", "Log out"},
	"name":           {"姓名", "Name"},
	"password":       {"密码", "Password"},
	"code":           {"登录码", "Login code"},
	"code_hint":      {"在私聊中向机器人发送 #登录 获取一次性登录码。", "Send /login to the bot in a private chat for a one-time code."},
	"bad_login":      {"姓名或密码不对。", "Wrong name or password."},
	"bad_code":       {"登录码无效或已过期。", "The login code is wrong or has expired."},
	"locked":         {"尝试次数过多，请于 %s 后再试。", "Too many tries; please try again after %s."},
	"no_role":        {"您没有工作人员身份，不能使用工作台。", "You hold no staff role and cannot use the desk."},
	"board":          {"诉求看板", "Case board"},
	"stats":          {"统计", "Statistics"},
	"admin":          {"管理", "Admin"},
	"stage":          {"阶段", "Stage"},
	"all":            {"全部", "All"},
	"category":       {"类别", "Category"},
	"unit":           {"单位", "Unit"},
	"overdue":        {"超期", "Overdue"},
	"urgent":         {"紧急", "Urgent"},
	"whistle":        {"吹哨待报到", "Whistle open"},
	"from":           {"从", "From"},
	"to":             {"到", "To"},
	"search":         {"搜索", "Search"},
	"filter":         {"筛选", "Filter"},
	"due":            {"期限", "Due"},
	"reported":       {"登记时间", "Reported"},
	"text":           {"内容", "Report"},
	"owner":          {"承办单位", "Owner"},
	"location":       {"位置", "Location"},
	"none":           {"没有符合条件的诉求。", "No cases match."},
	"prev":           {"上一页", "Previous"},
	"next":           {"下一页", "Next"},
	"page":           {"第 %d 页，共 %d 条", "Page %d · %d cases"},
	"sort":           {"排序", "Order"},
	"sort_due":       {"按期限", "By due time"},
	"sort_new":       {"最新登记", "Newest first"},
	"export_xlsx":    {"导出 Excel", "Export Excel"},
	"export_csv":     {"导出 CSV", "Export CSV"},
	"timeline":       {"办理过程", "Timeline"},
	"reporters":      {"反映人与关注人", "Reporters and followers"},
	"group":          {"来源群", "Group"},
	"dup":            {"可能与 #%d 重复", "Maybe the same as #%d"},
	"photos":         {"照片 %d 张", "%d photo(s)"},
	"actions":        {"操作", "Actions"},
	"note":           {"说明", "Note"},
	"dismiss_note":   {"原因；根本不是报事请写「不是报事」（重训时机器人学到这类话不是报事）", "Reason; \"not a report\" if it was none (retraining learns such messages are not reports)"},
	"days":           {"天数", "Days"},
	"target":         {"合并到 #", "Merge into #"},
	"done":           {"已处理：%s", "Done: %s"},
	"system":         {"系统", "System"},
	"period":         {"统计周期", "Period"},
	"weekly":         {"周报", "Weekly report"},
	"per_week":       {"每周诉求（按阶段）", "Cases per week by stage"},
	"rates":          {"办结率与满意率", "Resolution and satisfaction rates"},
	"by_category":    {"类别分布", "By category"},
	"overdue_unit":   {"各单位超期项目", "Overdue projects by unit"},
	"units":          {"单位", "Units"},
	"groups":         {"群聊与绑定", "Groups and bindings"},
	"people":         {"人员与角色", "People and roles"},
	"invites":        {"绑定码", "Invite codes"},
	"grant":          {"授予", "Grant"},
	"revoke":         {"撤销", "Revoke"},
	"create_invite":  {"生成绑定码", "Create invite code"},
	"add_unit":       {"新建单位", "Add unit"},
	"health":         {"运行状态（各平台账号、积压、数据库）", "Health (platform accounts, backlog, database)"},
	"parent":         {"上级", "Parent"},
	"kind":           {"类型", "Kind"},
	"role":           {"角色", "Role"},
	"bind":           {"绑定", "Bind"},
	"forbidden":      {"无权操作：%s", "Not allowed: %s"},
	"not_found":      {"找不到：%s", "Not found: %s"},
	"invalid":        {"输入有误：%s", "Invalid: %s"},
	"conflict":       {"冲突：%s", "Conflict: %s"},
	"internal":       {"系统出错，请稍后再试。", "Something went wrong; please try again later."},
	"bad_form":       {"表单已过期，请刷新页面后重试。", "The form has expired; reload the page and try again."},
	"lang_other":     {"English", "中文"},
	"case_no":        {"编号", "No."},
	"priority":       {"紧急程度", "Priority"},
	"count":          {"数量", "Count"},
	"rate_resolved":  {"办结率", "Resolution rate"},
	"rate_response":  {"响应率", "Response rate"},
	"rate_solve":     {"解决率", "Solve rate"},
	"rate_satisfied": {"满意率", "Satisfaction rate"},
	"rate_ontime":    {"按时办结率", "On-time rate"},
	"median_resp":    {"响应中位时长(小时)", "Median hours to respond"},
	"median_res":     {"办结中位时长(小时)", "Median hours to resolve"},
	"topics":         {"话题", "Topics"},
	"issues":         {"议题", "Issues"},
	"projects":       {"项目", "Projects"},
	"resolved_n":     {"办结", "Resolved"},
	"week":           {"本周", "This week"},
	"month":          {"本月", "This month"},
	"year":           {"今年", "This year"},
	"last_week":      {"上周", "Last week"},
}

// stageNames, actionNames and eventNames name domain values in both languages.
var deskNames = map[string][2]string{
	"stage:topic": {"话题", "topic"}, "stage:issue": {"议题", "issue"}, "stage:project": {"项目", "project"},
	"stage:resolved": {"办结", "resolved"}, "stage:closed": {"已关闭", "closed"},
	"stage:dismissed": {"已驳回", "dismissed"}, "stage:merged": {"已合并", "merged"},
	"stage:withdrawn": {"已撤回", "withdrawn"},
	"action:confirm":  {"确认", "Confirm"}, "action:dismiss": {"驳回", "Dismiss"}, "action:merge": {"合并", "Merge"},
	"action:accept": {"立项", "Accept"}, "action:assign": {"派单", "Assign"}, "action:whistle": {"吹哨", "Whistle"},
	"action:ack": {"报到", "Report for duty"}, "action:extend": {"延期", "Extend"},
	"action:progress": {"进展", "Progress"}, "action:resolve": {"办结", "Resolve"},
	"action:category": {"分类", "Re-categorise"}, "action:rate": {"评价", "rated"}, "action:close": {"关闭", "closed"},
	"action:withdraw":   {"撤回", "withdrew"},
	"action:remind_ack": {"提醒报到", "reminded to report"}, "action:escalate_ack": {"报到超时上报", "whistle escalated"},
	"action:remind_due": {"到期提醒", "reminded of the deadline"}, "action:escalate_due": {"超期上报", "overdue escalated"},
	"action:escalate_topic": {"无人响应上报", "unanswered topic escalated"},
	"action:reported":       {"登记", "reported"}, "action:followed": {"关注", "followed"}, "action:bound": {"群绑定", "group bound"},
	"action:edited": {"修改", "edited"}, "action:evidence": {"补充照片", "added a photo"},
	"action:left":     {"反映人撤回未生效，不再关注", "reporter withdrew, kept for others"},
	"action:reporter": {"反映", "reported"}, "action:follower": {"关注", "follows"},
	"priority:urgent": {"紧急", "urgent"}, "priority:utilities": {"水电气暖", "utilities"},
	"priority:general": {"一般", "general"}, "priority:complex": {"复杂", "complex"},
	"kind:district": {"区", "district"}, "kind:street": {"街道", "street"}, "kind:community": {"社区", "community"},
	"kind:grid": {"网格", "grid"}, "kind:department": {"部门", "department"}, "kind:partner": {"物业/合伙人", "partner"},
	"role:resident": {"居民", "resident"}, "role:ambassador": {"宣传代言人", "ambassador"},
	"role:department": {"承办单位人员", "department staff"}, "role:grid_worker": {"网格员", "grid worker"},
	"role:officer": {"社区工作人员", "officer"}, "role:admin": {"管理员", "admin"},
}

// lang is a page's language: 0 Chinese, 1 English.
type lang int

// langOf reads the language from ?lang= or the nb_lang cookie (zh-CN by
// default), remembering a choice made with ?lang=.
func langOf(w http.ResponseWriter, r *http.Request) lang {
	if q := r.URL.Query().Get("lang"); q == "en" || q == "zh" {
		http.SetCookie(w, &http.Cookie{Name: "nb_lang", Value: q, Path: "/desk/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return map[string]lang{"zh": 0, "en": 1}[q]
	}
	if c, err := r.Cookie("nb_lang"); err == nil && c.Value == "en" {
		return 1
	}
	return 0
}

// T returns the text of key in l, formatted with args.
func (l lang) T(key string, args ...any) string {
	t, ok := deskTexts[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return t[l]
	}
	return fmt.Sprintf(t[l], args...)
}

// Name names a domain value ("stage", "topic") in l.
func (l lang) Name(kind string, v any) string {
	key := fmt.Sprintf("%s:%v", kind, v)
	if t, ok := deskNames[key]; ok {
		return t[l]
	}
	return fmt.Sprint(v)
}

// Code is the HTML lang attribute.
func (l lang) Code() string { return [2]string{"zh-CN", "en"}[l] }

// Other is the query value that switches to the other language.
func (l lang) Other() string { return [2]string{"en", "zh"}[l] }

// funcs are the template functions of the desk's pages.
func (d *desk) funcs() template.FuncMap {
	return template.FuncMap{
		"when": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(d.cfg.Location).Format("2006-01-02 15:04")
		},
		"pct": func(p *float64) string {
			if p == nil {
				return "—"
			}
			return fmt.Sprintf("%.1f%%", *p*100)
		},
		"hours": func(p *float64) string {
			if p == nil {
				return "—"
			}
			return fmt.Sprintf("%.1f", *p)
		},
		"list":        func(s ...string) []string { return s },
		"notices":     d.mayUseNotices,
		"showable":    d.mayShow,
		"decide":      newDecideForm,
		"noticePhoto": d.mayShowNotice,
		"stages": func() []nb.Stage {
			return []nb.Stage{nb.StageTopic, nb.StageIssue, nb.StageProject, nb.StageResolved, nb.StageClosed, nb.StageDismissed, nb.StageMerged}
		},
	}
}
