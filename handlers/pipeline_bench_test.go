package handlers_test

import (
	"fmt"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// reports are residents' reports across categories, each about a building
// filled in per message.
var reports = []string{
	"%d号楼前的垃圾三天没人收了，味道很大",
	"%d号楼电梯又坏了 老人上不去",
	"%d号楼楼道的灯不亮了好几天",
	"%d号楼楼上半夜一直在装修 太吵了",
	"%d号楼门口有人私搭乱建了个棚子",
	"%d号楼下的车乱停把消防通道堵了",
	"%d号楼家里停水了 什么时候来水",
	"%d号楼旁边的树枝快压到电线了",
}

// benchmarkPipeline measures one resident report end to end inside the
// bot: stored in the inbox → understood → duplicate check against the open
// cases of the unit → case, follower and event stored → acknowledgement
// queued in the outbox, on a SQLite file. step is how far the clock moves
// between reports, which sets how many open cases of a category fall in the
// duplicate window (72 h). Compare with store's BenchmarkRawInsert (one
// single-row insert per transaction on the same kind of file).
func benchmarkPipeline(b *testing.B, step time.Duration) {
	w := newWorld(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.now = w.now.Add(step)
		text := fmt.Sprintf(reports[i%len(reports)], i%5000+1)
		m := bot.Message{Platform: nb.PlatformSandbox, ChatID: "g1", ChatKind: nb.ChatGroup, SenderID: "r",
			SenderName: "r", ID: fmt.Sprint("b", i), Text: text}
		if err := w.e.Receive(w.ctx, m); err != nil {
			b.Fatal(err)
		}
		if _, err := w.e.ProcessPending(w.ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPipeline: a busy grid, a report every 20 minutes, so about 27
// open cases of each category are in the duplicate window.
func BenchmarkPipeline(b *testing.B) { benchmarkPipeline(b, 20*time.Minute) }

// BenchmarkPipelineWorstCase: all reports at once, so the duplicate check
// reads the most open cases it ever reads (200 of the category).
func BenchmarkPipelineWorstCase(b *testing.B) { benchmarkPipeline(b, 0) }
