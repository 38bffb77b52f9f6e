package telegram

import (
	"regexp"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// Buttons of a broadcast notice's approval request ("#批准 B7", "#拒绝 B7
// 原因"): a press sends the command for notice B7, as the case buttons do
// for a case. A rejection by button gives no reason.
var noticeButtons = []button{
	{"approve", "批准", "Approve", []string{"批准", "approve"}, "#批准 B%d"},
	{"reject", "拒绝", "Reject", []string{"拒绝", "reject"}, "#拒绝 B%d"},
}

var approvalRE = regexp.MustCompile(`[#/](?:批准|approve)\s*B(\d+)`)

// noticeKeyboard returns the approval buttons for the notice an approval
// request names, or nil when text is not one.
func (a *Adapter) noticeKeyboard(text string) *models.InlineKeyboardMarkup {
	found := approvalRE.FindStringSubmatch(text)
	if found == nil {
		return nil
	}
	n, err := strconv.Atoi(found[1])
	if err != nil {
		return nil
	}
	var row []models.InlineKeyboardButton
	for _, b := range noticeButtons {
		row = append(row, models.InlineKeyboardButton{Text: a.t(b.zh, b.en), CallbackData: b.action + ":" + strconv.Itoa(n)})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{row}}
}
