package telegram

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Officers' buttons. A private notice that suggests commands ("发送 #报到 12")
// gets inline buttons for them. A press becomes the same command, written
// by the person who pressed, and goes through the inbox like any message,
// so the permission checks are the commands' own. Its message id is
// "press:<notice id>:<action>:<callback id>"; the reply to it is posted
// under the notice, whose buttons are replaced by the outcome.

// button is one kind of button: the verbs in a notice that call for it, and
// the command a press sends.
type button struct {
	action, zh, en string
	verbs          []string
	command        string // with %d for the case number
}

var buttons = []button{
	{"accept", "受理", "Accept", []string{"立项", "accept"}, "#立项 %d"},
	{"dismiss", "驳回", "Dismiss", []string{"驳回", "dismiss"}, "#驳回 %d"}, // asks for the reason
	{"ack", "报到", "Ack", []string{"报到", "ack"}, "#报到 %d"},
	{"resolve", "办结", "Resolve", []string{"办结", "resolve"}, "#办结 %d 已办结"},
	{"status", "详情", "Details", nil, "#进度 %d"},
}

var suggestedRE = regexp.MustCompile(`[#/](立项|accept|驳回|dismiss|报到|ack|办结|resolve|进展|progress|进度|status)\s*(\d+)`)

// keyboard returns the buttons for the commands text suggests, or nil.
func (a *Adapter) keyboard(text string) *models.InlineKeyboardMarkup {
	if kb := a.noticeKeyboard(text); kb != nil {
		return kb
	}
	found := suggestedRE.FindAllStringSubmatch(text, -1)
	if len(found) == 0 {
		return nil
	}
	n, _ := strconv.Atoi(found[0][2])
	var row []models.InlineKeyboardButton
	for _, b := range buttons {
		if b.verbs != nil && !suggests(found, b.verbs) {
			continue
		}
		row = append(row, models.InlineKeyboardButton{Text: a.t(b.zh, b.en), CallbackData: b.action + ":" + strconv.Itoa(n)})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{row}}
}

func suggests(found [][]string, verbs []string) bool {
	for _, f := range found {
		for _, v := range verbs {
			if f[1] == v {
				return true
			}
		}
	}
	return false
}

// onCallback turns a button press into its command and answers the press
// once the command is stored.
func (a *Adapter) onCallback(ctx context.Context, recv bot.Receiver, q *models.CallbackQuery) error {
	notice := q.Message.Message
	action, num, _ := strings.Cut(q.Data, ":")
	n, err := strconv.Atoi(num)
	var cmd string
	for _, b := range append(buttons, noticeButtons...) {
		if b.action == action {
			cmd = strings.Replace(b.command, "%d", strconv.Itoa(n), 1)
		}
	}
	if action == "done" { // the outcome shown on a notice already answered
		a.answer(ctx, q.ID, "")
		return nil
	}
	if notice == nil || err != nil || cmd == "" || q.From.IsBot {
		a.answer(ctx, q.ID, a.t("此按钮已失效", "This button has expired"))
		return nil
	}
	kind := nb.ChatPrivate
	if notice.Chat.Type != models.ChatTypePrivate {
		kind = nb.ChatGroup
	}
	msg := bot.Message{Platform: nb.PlatformTelegram, ChatID: strconv.FormatInt(notice.Chat.ID, 10), ChatKind: kind,
		ChatTitle: notice.Chat.Title, SenderID: strconv.FormatInt(q.From.ID, 10), SenderName: displayName(&q.From),
		ID: "press:" + strconv.Itoa(notice.ID) + ":" + action + ":" + q.ID, Text: cmd, At: time.Now()}
	if err := recv.Receive(ctx, msg); err != nil {
		return err
	}
	a.answer(ctx, q.ID, a.t("已收到，正在处理", "Received"))
	return nil
}

// answer stops the client's spinner; a failure only costs the spinner.
func (a *Adapter) answer(ctx context.Context, id, text string) {
	if _, err := a.api.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text}); err != nil {
		a.logger.Info("telegram: answerCallbackQuery failed", "err", a.redact(err))
	}
}

// press is a button press as recorded in a message id.
type press struct {
	notice int
	action string
}

func parsePressID(id string) (press, bool) {
	parts := strings.SplitN(id, ":", 4)
	if len(parts) != 4 || parts[0] != "press" {
		return press{}, false
	}
	n, err := strconv.Atoi(parts[1])
	return press{notice: n, action: parts[2]}, err == nil
}

// answerPress posts the outcome of a press under the notice and, unless it
// only asked for details or for a reason (dismiss), replaces the notice's
// buttons by the outcome.
func (a *Adapter) answerPress(ctx context.Context, chatID int64, p press, text string) (string, error) {
	id, err := a.send(ctx, chatID, bot.OutMessage{Text: text, ReplyTo: strconv.Itoa(p.notice)})
	if err != nil {
		return "", a.mapError(err)
	}
	if p.action != "status" && p.action != "dismiss" {
		outcome, _, _ := strings.Cut(text, "\n")
		if r := []rune(outcome); len(r) > 40 {
			outcome = string(r[:40]) + "…"
		}
		kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "✓ " + outcome, CallbackData: "done:0"}}}}
		if _, err := a.api.EditMessageReplyMarkup(ctx, &tg.EditMessageReplyMarkupParams{ChatID: chatID, MessageID: p.notice,
			ReplyMarkup: kb}); err != nil {
			a.logger.Info("telegram: could not edit the notice", "err", a.redact(err))
		}
	}
	return strconv.Itoa(id), nil
}
