package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
)

var (
	tgGroup = models.Chat{ID: -1001234567890, Type: models.ChatTypeSupergroup, Title: "幸福社区一网格群"}
	wang    = models.User{ID: 1001, FirstName: "王书记"}
	zhao    = models.User{ID: 1003, FirstName: "赵师傅"}
	liu     = models.User{ID: 2001, FirstName: "刘大爷"}
	chen    = models.User{ID: 2002, FirstName: "陈女士"}
	zhou    = models.User{ID: 2003, FirstName: "小周", Username: "xiaozhou"}
)

func private(u models.User) models.Chat {
	return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName}
}

// tgWorld watches what the program sends to the fake Bot API.
type tgWorld struct {
	t    *testing.T
	api  *telegramtest.Server
	used map[int]bool // calls already matched
}

// reply waits for a message the bot sent to chat as a reply to message
// replyTo (0 = any) that it has not matched before.
func (w *tgWorld) reply(chat int64, replyTo int) telegramtest.Call {
	w.t.Helper()
	for n := 1; ; n++ {
		calls := w.api.WaitCalls(w.t, "", n, 20*time.Second)
		for i, c := range calls {
			if w.used[i] || c.Result == nil || c.Fields["chat_id"] != itoa64(chat) ||
				!strings.HasPrefix(c.Method, "send") || (replyTo != 0 && replyID(c) != replyTo) {
				continue
			}
			w.used[i] = true
			return c
		}
		n = len(calls)
	}
}

func replyID(c telegramtest.Call) int {
	var r models.ReplyParameters
	_ = json.Unmarshal([]byte(c.Fields["reply_parameters"]), &r)
	return r.MessageID
}

func itoa64(n int64) string { b, _ := json.Marshal(n); return string(b) }

// startTelegram runs the program with Telegram on against the fake server.
func startTelegram(t *testing.T, db string, api *telegramtest.Server) *program {
	t.Helper()
	return startProgramEnv(t, db, map[string]string{"NEIGHBORBOT_TELEGRAM_ENABLED": "true",
		"NEIGHBORBOT_TELEGRAM_TOKEN": telegramtest.Token, "NEIGHBORBOT_TELEGRAM_API_URL": api.URL},
		"telegram bot: @", "--no-demo")
}

// setupUnits makes a community with a grid and a department, and returns
// invite codes for an officer of the community and the department's staff.
func setupUnits(t *testing.T, db string) (officerCode, staffCode string) {
	t.Helper()
	env := map[string]string{"NEIGHBORBOT_DB": db}
	for _, args := range [][]string{
		{"migrate"}, // creates the database (the other admin verbs never do)
		{"unit", "add", "-name", "幸福社区", "-kind", "community"},
		{"unit", "add", "-name", "一网格", "-kind", "grid", "-parent", "幸福社区"},
		{"unit", "add", "-name", "城管办", "-kind", "department", "-parent", "幸福社区"},
	} {
		if code, _, errOut := cli(t, env, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	invite := func(role, unit string) string {
		code, out, errOut := cli(t, env, "invite", "-role", role, "-unit", unit)
		if code != 0 {
			t.Fatalf("invite: %s", errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return strings.TrimSpace(lines[len(lines)-1])
	}
	return invite("officer", "幸福社区"), invite("department", "城管办")
}

// TestTelegramLifecycleEndToEnd plays the whole loop in a Telegram
// supergroup and private chats against the fake Bot API: report → +1 →
// bind → bind group → accept → progress → resolve by button → rate, then a
// restart and /status.
func TestTelegramLifecycleEndToEnd(t *testing.T) {
	db := tempDB(t)
	officerCode, staffCode := setupUnits(t, db)
	api := telegramtest.New(t)
	w := &tgWorld{t: t, api: api, used: map[int]bool{}}
	p := startTelegram(t, db, api)

	mustContain(t, "officer bind", w.reply(wang.ID, api.Say(private(wang), wang, "/bind "+officerCode)).Fields["text"], "绑定成功")
	mustContain(t, "staff bind", w.reply(zhao.ID, api.Say(private(zhao), zhao, "/bind "+staffCode)).Fields["text"], "绑定成功")

	report := api.Say(tgGroup, liu, "44号楼前垃圾堆了三天没人收，味道很大")
	ack := w.reply(tgGroup.ID, report)
	mustContain(t, "acknowledgement", ack.Fields["text"], "#1", "44号楼")

	plus := api.Reply(tgGroup, chen, "+1", ack.Result.ID)
	mustContain(t, "+1", w.reply(tgGroup.ID, plus).Fields["text"], "#1")

	bind := api.Say(tgGroup, wang, "/bindgroup@neighbor_test_bot 一网格")
	mustContain(t, "bind group", w.reply(tgGroup.ID, bind).Fields["text"], "一网格")

	api.Say(tgGroup, wang, "/accept 1 城管办")
	accepted := w.reply(tgGroup.ID, report)
	mustContain(t, "accept", accepted.Fields["text"], "#1", "立项", "城管办", "@陈女士")
	mustContain(t, "accept mentions", accepted.Fields["entities"], `"type":"text_mention"`, `"id":2002`)
	task := w.reply(zhao.ID, 0)
	mustContain(t, "task notice", task.Fields["text"], "新任务", "#1")
	mustContain(t, "task buttons", task.Fields["reply_markup"], `"callback_data":"resolve:1"`)

	api.Say(private(zhao), zhao, "/progress 1 已安排环卫车明早清运")
	mustContain(t, "progress", w.reply(tgGroup.ID, report).Fields["text"], "已安排环卫车明早清运")

	notice := task.Result
	notice.Chat = private(zhao)
	api.Push(models.Update{CallbackQuery: &models.CallbackQuery{ID: "press-1", From: zhao, Data: "resolve:1",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: notice}}})
	resolved := w.reply(tgGroup.ID, report)
	mustContain(t, "resolve", resolved.Fields["text"], "#1", "已办结", "@刘大爷")
	mustContain(t, "press outcome", w.reply(zhao.ID, notice.ID).Fields["text"], "#1")
	api.WaitCalls(t, "editMessageReplyMarkup", 1, 10*time.Second)
	if a := api.Calls("answerCallbackQuery"); len(a) != 1 {
		t.Fatalf("answerCallbackQuery calls: %d", len(a))
	}

	rating := api.Reply(tgGroup, liu, "满意", resolved.Result.ID)
	mustContain(t, "rating", w.reply(tgGroup.ID, report).Fields["text"], "#1", "满意", "关闭")
	_ = rating
	p.stop()

	startTelegram(t, db, api)
	q := api.Say(tgGroup, zhou, "/status 1")
	mustContain(t, "status after restart", w.reply(tgGroup.ID, q).Fields["text"], "#1", "已关闭", "关注：2")
}

// TestTelegramCrashKeepsEffectsOnce stops the program after updates are
// stored but before any reply went out, and has Telegram deliver every
// update again (their confirmation never came): after the restart each
// update is handled once and each reply sent once.
func TestTelegramCrashKeepsEffectsOnce(t *testing.T) {
	db := tempDB(t)
	api := telegramtest.New(t)
	api.Fail("sendMessage", telegramtest.Reply{Code: 502, Description: "Bad Gateway"})
	p := startTelegram(t, db, api)
	texts := []string{"3号楼电梯又坏了 老人上不去", "/help", "5号楼楼道灯坏了好几天了"}
	var ids []int
	for i, text := range texts {
		chat, from := tgGroup, liu
		if i == 1 {
			chat, from = private(zhou), zhou
		}
		ids = append(ids, api.Say(chat, from, text))
	}
	api.WaitOffset(t, 1004, 20*time.Second) // all three stored (ids 1001…1003)
	api.WaitCalls(t, "sendMessage", 1, 20*time.Second)
	p.stop()

	api.Redeliver()
	api.Heal()
	w := &tgWorld{t: t, api: api, used: map[int]bool{}}
	startTelegram(t, db, api)
	for i, id := range ids {
		chat := tgGroup.ID
		if i == 1 {
			chat = zhou.ID
		}
		w.reply(chat, id)
	}
	marker := api.Say(tgGroup, zhou, "/status 2")
	w.reply(tgGroup.ID, marker)
	counts := map[int]int{}
	for _, c := range api.Calls("sendMessage") {
		if c.Result != nil {
			counts[replyID(c)]++
		}
	}
	for _, id := range ids {
		if counts[id] != 1 {
			t.Errorf("message %d answered %d times", id, counts[id])
		}
	}
	if n := len(counts); n != 4 {
		t.Errorf("replies to %d messages, want 4: %v", n, counts)
	}
}

// TestTelegramGroupMigrationAndKick checks that a bound group upgraded to a
// supergroup keeps its unit and cases, and that after the bot is removed
// nothing more is posted there.
func TestTelegramGroupMigrationAndKick(t *testing.T) {
	db := tempDB(t)
	officerCode, _ := setupUnits(t, db)
	api := telegramtest.New(t)
	w := &tgWorld{t: t, api: api, used: map[int]bool{}}
	startTelegram(t, db, api)
	old := models.Chat{ID: -42, Type: models.ChatTypeGroup, Title: "老群"}
	super := models.Chat{ID: -10042, Type: models.ChatTypeSupergroup, Title: "老群"}

	mustContain(t, "bind", w.reply(wang.ID, api.Say(private(wang), wang, "/bind "+officerCode)).Fields["text"], "绑定成功")
	report := api.Say(old, liu, "/report 5号楼楼道灯坏了")
	mustContain(t, "ack", w.reply(old.ID, report).Fields["text"], "#1")
	mustContain(t, "bind group", w.reply(old.ID, api.Say(old, wang, "/bindgroup 一网格")).Fields["text"], "一网格")

	api.Push(models.Update{Message: &models.Message{ID: 900, Date: 1, Chat: old, From: &wang, MigrateToChatID: super.ID}})
	api.Push(models.Update{Message: &models.Message{ID: 1, Date: 1, Chat: super, From: &wang, MigrateFromChatID: old.ID}})
	q := api.Say(super, zhou, "/status 1")
	mustContain(t, "status in the supergroup", w.reply(super.ID, q).Fields["text"], "#1", "5号楼楼道灯坏了")
	// not an urgent danger: an urgent report is announced 【紧急】, not 新诉求
	secondID := api.Say(super, chen, "/report 7号楼门口路灯不亮了")
	mustContain(t, "the supergroup is still bound", w.reply(super.ID, secondID).Fields["text"], "#2", "进展会在群里告知")
	notice := w.reply(wang.ID, 0)
	mustContain(t, "officer's notice", notice.Fields["text"], "新诉求", "#2")
	mustContain(t, "officer's buttons", notice.Fields["reply_markup"], `"accept:2"`, `"dismiss:2"`, `"status:2"`)
	msg := notice.Result
	msg.Chat = private(wang)
	api.Push(models.Update{CallbackQuery: &models.CallbackQuery{ID: "press-accept", From: wang, Data: "accept:2",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg}}})
	mustContain(t, "accepted by button", w.reply(super.ID, secondID).Fields["text"], "#2", "立项")
	mustContain(t, "button outcome", w.reply(wang.ID, msg.ID).Fields["text"], "#2")

	api.Push(models.Update{MyChatMember: &models.ChatMemberUpdated{Chat: super, From: wang, Date: 1,
		OldChatMember: models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &api.Bot}},
		NewChatMember: models.ChatMember{Type: models.ChatMemberTypeLeft, Left: &models.ChatMemberLeft{User: &api.Bot}}}})
	sentBefore := 0
	for _, c := range api.Calls("sendMessage") {
		if c.Fields["chat_id"] == itoa64(super.ID) {
			sentBefore++
		}
	}
	api.Say(private(wang), wang, "/confirm 1")
	mustContain(t, "private confirmation", w.reply(wang.ID, 0).Fields["text"], "#1")
	sentAfter := 0
	for _, c := range api.Calls("sendMessage") {
		if c.Fields["chat_id"] == itoa64(super.ID) {
			sentAfter++
		}
	}
	if sentAfter != sentBefore {
		t.Fatalf("%d messages posted to a group the bot left", sentAfter-sentBefore)
	}
}
