package handlers_test

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/internal/benchcpu"
	"github.com/neighborbot/neighborbot/store"
)

// categories are the categories the filled history is spread over.
var categories = []string{"环境卫生", "电梯", "市政设施", "噪音扰民", "违章搭建", "停车管理", "供水供电", "园林绿化"}

// fillHistory gives grid 一网格 n cases as a community would have after
// years: all but the newest spread over the past year, most closed and
// one in twenty still open; the newest (at most 300) in the last three
// days and open, as a busy grid's current work. It writes with plain SQL
// for speed, as the store would.
func (w *world) fillHistory(b *testing.B, n int) {
	b.Helper()
	if n == 0 {
		return
	}
	if store.IsPostgres(w.path) {
		b.Skip("the history is filled with SQLite's SQL: SQLite only")
	}
	var chat *nb.Chat
	if err := w.db.View(w.ctx, func(tx nb.Tx) (err error) { chat, err = tx.FindChat(nb.PlatformSandbox, "g1"); return err }); err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", w.path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	recent := min(n, 300)
	now := w.now.UnixMilli()
	year, days3 := int64(365*24*time.Hour/time.Millisecond), int64(72*time.Hour/time.Millisecond)
	_, err = db.Exec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
		INSERT INTO cases (stage, text, category, location, location_norm, priority, unit_id, chat_id, created_at, updated_at)
		SELECT CASE WHEN i > ? OR i % 20 = 0 THEN 'topic' ELSE 'closed' END,
			i || '号楼前的垃圾很多天没人收了', json_extract(?, '$[' || (i % 8) || ']'),
			i % 300 || '号楼', i % 300 || '号楼', 'general', ?, ?,
			CASE WHEN i > ? THEN ? - ? + (i - ?) * ? / ? ELSE ? - ? - ? + i * ? / ? END, ?
		FROM s`, n, n-recent, categoriesJSON(), w.units["一网格"], chat.ID,
		n-recent, now, days3, n-recent, days3, recent+1, now, days3, year, year, n+1, now)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA optimize`); err != nil {
		b.Fatal(err)
	}
}

func categoriesJSON() string {
	s := `[`
	for i, c := range categories {
		if i > 0 {
			s += ","
		}
		s += `"` + c + `"`
	}
	return s + `]`
}

// BenchmarkGrowth is one report through the bot (received, understood,
// matched against the open cases of its unit and category, registered,
// acknowledged) with a history of n cases in its grid. The cost should not
// follow n: compare n=1000 with n=500000.
func BenchmarkGrowth(b *testing.B) {
	for _, n := range []int{0, 1_000, 10_000, 50_000, 500_000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			w := newWorld(b)
			w.fillHistory(b, n)
			i := 0
			for b.Loop() {
				w.now = w.now.Add(20 * time.Minute) // a busy grid: ~27 open cases of a category in the window
				w.receive(b, i, fmt.Sprintf(reports[i%len(reports)], i%300+1))
				if _, err := w.e.ProcessPending(w.ctx); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkPipelineBatched is the bot's work per message when messages
// arrive faster than one at a time: each received in its own transaction
// (as a platform that hands over one message at a time: WeChat, or one
// sandbox poster or webhook request at a time), handled 64 to a
// transaction, and the replies delivered to a remote platform with their
// outcomes recorded several to a transaction. One resident writes in one
// group. Compare with store's BenchmarkRawInsert.
func BenchmarkPipelineBatched(b *testing.B) {
	for _, kind := range []string{"report", "chitchat"} {
		b.Run(kind, func(b *testing.B) { benchmarkPipelineBatched(b, kind, 1, 1) })
	}
}

// BenchmarkPipelineReceivedInBatches is BenchmarkPipelineBatched with the
// messages also received several to a transaction (Engine.ReceiveBatch):
// as the Telegram poller stores the messages of one getUpdates answer (up
// to 100, as many as waited), and as concurrent sandbox posts or webhook
// requests share commits. by is how many to a receiving transaction;
// senders=20 spreads the group's messages over 20 residents in turn (each
// message's sender is then read from the database, as in a lively group).
func BenchmarkPipelineReceivedInBatches(b *testing.B) {
	for _, v := range []struct {
		kind        string
		by, senders int
	}{{"report", 64, 1}, {"chitchat", 64, 1}, {"report", 8, 1}, {"chitchat", 8, 1}, {"chitchat", 64, 20}} {
		name := fmt.Sprintf("%s/by=%d", v.kind, v.by)
		if v.senders > 1 {
			name += fmt.Sprintf("/senders=%d", v.senders)
		}
		b.Run(name, func(b *testing.B) { benchmarkPipelineBatched(b, v.kind, v.by, v.senders) })
	}
}

// benchmarkPipelineBatched receives messages of kind from senders
// residents in turn, `received` to a transaction, and handles and
// delivers them 64 at a time.
func benchmarkPipelineBatched(b *testing.B, kind string, received, senders int) {
	w := newWorld(b)
	var pending []bot.Message
	i := 0
	defer benchcpu.Start(b)()
	for b.Loop() {
		w.now = w.now.Add(20 * time.Minute) // a busy grid, as in BenchmarkPipeline
		text := fmt.Sprintf(reports[i%len(reports)], i%300+1)
		if kind == "chitchat" {
			text = chitchat[i%len(chitchat)]
		}
		m := message(i, text)
		if senders > 1 {
			m.SenderID, m.SenderName = fmt.Sprint("r", i%senders), fmt.Sprint("居民", i%senders)
		}
		if pending = append(pending, m); len(pending) == received {
			w.receiveAll(b, pending)
			pending = pending[:0]
		}
		if i++; i%64 == 0 {
			w.drain(b)
		}
	}
	w.receiveAll(b, pending)
	w.drain(b)
}

var chitchat = []string{"今天天气真好", "大家早上好！", "晚上一起去跳广场舞吗", "谢谢王书记", "哈哈哈哈", "收到", "明天几点集合？"}

func message(i int, text string) bot.Message {
	return bot.Message{Platform: nb.PlatformSandbox, ChatID: "g1", ChatKind: nb.ChatGroup, SenderID: "r",
		SenderName: "r", ID: fmt.Sprint("b", i), Text: text}
}

func (w *world) receive(b *testing.B, i int, text string) {
	if err := w.e.Receive(w.ctx, message(i, text)); err != nil {
		b.Fatal(err)
	}
}

// receiveAll receives ms in one transaction (one alone as Receive does).
func (w *world) receiveAll(b *testing.B, ms []bot.Message) {
	var err error
	switch len(ms) {
	case 0:
		return
	case 1:
		err = w.e.Receive(w.ctx, ms[0])
	default:
		err = w.e.ReceiveBatch(w.ctx, ms)
	}
	if err != nil {
		b.Fatal(err)
	}
}

func (w *world) drain(b *testing.B) {
	if _, err := w.e.ProcessPending(w.ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := w.e.DeliverPending(w.ctx); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReceive is the receiving transaction of BenchmarkPipelineBatched
// alone (the message stored in the inbox, nothing handled): the part of a
// message's cost that is the engine's, for comparison with store's
// BenchmarkRawInsert.
func BenchmarkReceive(b *testing.B) {
	w := newWorld(b)
	i := 0
	defer benchcpu.Start(b)()
	for b.Loop() {
		w.receive(b, i, chitchat[i%len(chitchat)])
		i++
	}
}

// BenchmarkReceiveBatch is BenchmarkReceive with the messages received 64
// to a transaction (Engine.ReceiveBatch); ns/op is per message.
func BenchmarkReceiveBatch(b *testing.B) {
	w := newWorld(b)
	var pending []bot.Message
	i := 0
	defer benchcpu.Start(b)()
	for b.Loop() {
		if pending = append(pending, message(i, chitchat[i%len(chitchat)])); len(pending) == 64 {
			w.receiveAll(b, pending)
			pending = pending[:0]
		}
		i++
	}
	w.receiveAll(b, pending)
}
