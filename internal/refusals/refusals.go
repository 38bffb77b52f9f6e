// Package refusals turns the domain's refusals (nb.Errorf messages, written
// in English for logs and tests) into what residents and officers read, in
// Chinese or English, for the chat handlers and the officers' desk.
package refusals

import (
	"fmt"
	"regexp"
	"strconv"

	nb "github.com/neighborbot/neighborbot"
)

// texts are the refusals as people read them, Chinese first. Every
// number in the message is "%d" here; refusals with other arguments (an
// unknown unit kind, a stage) come from configuration or are answered by the
// handler itself. TestEveryRefusalIsTranslated keeps this
// list complete.
var texts = map[string][2]string{
	"only the scheduler reminds and escalates":         {"只有系统定时任务可以提醒和升级。", "Only the scheduler reminds and escalates."},
	"only the scheduler closes cases without a rating": {"只有系统定时任务可以关闭未评价的诉求。", "Only the scheduler closes cases without a rating."},
	"only the reporter of #%d may withdraw it":         {"只有 #%d 的反映人可以撤回。", "Only the reporter of #%d may withdraw it."},
	"you already stepped back from #%d; it stays open for the others": {"您已不再关注 #%d；因还有邻居关注或工作人员在跟进，它继续办理。",
		"You no longer follow #%d; it stays open, for others follow it or the staff are on it."},
	"only the reporters and followers of #%d may rate it":   {"只有 #%d 的反映人和关注人可以评价。", "Only the reporters and followers of #%d may rate it."},
	"only the whistled unit may report for #%d":             {"只有被吹哨的单位可以报到 #%d。", "Only the whistled unit may report for #%d."},
	"only the owner of #%d or an officer may do this":       {"只有 #%d 的承办单位或社区工作人员可以操作。", "Only the owner of #%d or an officer may do this."},
	"#%d is outside your area":                              {"#%d 不在您负责的范围内。", "#%d is outside your area."},
	"this command is for officers":                          {"此命令仅限社区工作人员使用。", "This command is for community officers."},
	"#%d is not a case of your group":                       {"#%d 不是本群的诉求。", "#%d is not a case of your group."},
	"a reason is required to dismiss":                       {"请写上驳回原因，例如：#驳回 12 不属于社区事务", "Please give a reason, e.g. /dismiss 12 not a community matter"},
	"merge needs another case":                              {"请写上另一个编号，例如：#合并 12 8", "Please name the other case, e.g. /merge 12 8"},
	"a unit is required":                                    {"请写上单位，例如：#派单 12 城管办", "Please name a unit, e.g. /assign 12 unit"},
	"case #%d has no open whistle":                          {"#%d 目前没有待报到的吹哨。", "Case #%d has no open whistle."},
	"a reason is required to extend":                        {"请写上延期原因，例如：#延期 12 3天 等配件", "Please give a reason, e.g. /extend 12 3d waiting for parts"},
	"the new deadline must be later than the current one":   {"新的期限必须晚于当前期限。", "The new deadline must be later than the current one."},
	"progress needs a text":                                 {"请写上进展内容，例如：#进展 12 维修师傅明早到", "Please add the progress, e.g. /progress 12 the fitter comes tomorrow"},
	"a different category is required":                      {"该诉求已是这个类别，类别未改。", "The case is already in that category; nothing changed."},
	"the case is already assigned to this unit":             {"该诉求已由该单位承办；改期请用 #延期。", "The case is already assigned to this unit; to move its deadline use /extend."},
	"rating must be satisfied, basic or unsatisfied":        {"评价请写「满意」「基本满意」或「不满意」。", "A rating is satisfied, basic or unsatisfied."},
	"link code already used":                                {"这个码已经用过了。", "this code was already used"},
	"link code expired":                                     {"这个码已过期，请重新获取。", "this code has expired; please get a new one"},
	"invite code already used":                              {"这个邀请码已经用过了。", "this invite code was already used"},
	"invite code revoked":                                   {"这个邀请码已被收回。", "this invite code was revoked"},
	"invite code expired":                                   {"这个邀请码已过期，请向工作人员重新索取。", "this invite code has expired; ask an officer for a new one"},
	"unit name required":                                    {"请写上单位名称。", "Please give the unit's name."},
	"unit name too long (at most 64 characters)":            {"单位名称太长（最多 64 字）。", "The unit's name is too long (at most 64 characters)."},
	"a unit name is required":                               {"请写上单位名称。", "Please give the unit's name."},
	"choose a unit":                                         {"请选择单位。", "Choose a unit."},
	"notices are decided by officers":                       {"通知由社区工作人员审批。", "Notices are decided by officers."},
	"that unit is outside what you administer":              {"该单位不在您管理的范围内。", "That unit is outside what you administer."},
	"the admin pages are for admins":                        {"管理页面仅限管理员使用。", "The admin pages are for admins."},
	"wrong name or password":                                {"用户名或密码不对。", "Wrong name or password."},
	"no staff role":                                         {"您没有工作人员身份。", "You have no staff role."},
	"no session":                                            {"请先登录。", "Please log in first."},
	"notice B%d has no photo kept here":                     {"通知 B%d 没有保存的照片。", "Notice B%d has no photo kept here."},
	"photo %d of #%d":                                       {"#%[2]d 的第 %[1]d 张照片", "photo %d of #%d"},
	"chat required":                                         {"请选择群。", "Choose a chat."},
	"after must be a message id":                            {"after 必须是消息编号。", "after must be a message id."},
	"a report needs a text":                                 {"请写上反映的内容。", "Please say what the report is about."},
	"#%d is no longer open and cannot absorb another case":  {"#%d 已不在办理中，不能再合并其他诉求。", "#%d is no longer open and cannot absorb another case."},
	"an extension needs a duration such as 3天 or 3d":        {"请写上延长多久，例如 3天、12小时 或 1周。", "Please give a duration such as 3d, 12h or 1w."},
	"an extension may add at most %d days":                  {"一次最多延期 %d 天。", "An extension may add at most %d days."},
	"#%d was already extended %d time(s), the most allowed": {"#%d 已延期 %d 次，不能再延期。", "#%d was already extended %d time(s), the most allowed."},
}

var number = regexp.MustCompile(`\d+`)

// Text is what a person is told of a domain refusal err, in Chinese, or in
// English when english is set. The numbers in the message (a case number, a count of days) are
// put back into the translation in order; a refusal without a translation is
// shown as the domain wrote it.
func Text(err error, english bool) string {
	l := 0
	if english {
		l = 1
	}
	msg := nb.ErrorMessage(err)
	if t, ok := texts[msg]; ok { // a message that holds no number, or a fixed one
		return t[l]
	}
	t, ok := texts[number.ReplaceAllLiteralString(msg, "%d")]
	if !ok {
		return msg
	}
	var args []any
	for _, n := range number.FindAllString(msg, -1) {
		v, _ := strconv.ParseInt(n, 10, 64)
		args = append(args, v)
	}
	return fmt.Sprintf(t[l], args...)
}
