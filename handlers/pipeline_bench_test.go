package handlers_test

import (
	"fmt"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// BenchmarkPipeline measures one resident report end to end inside the
// bot: stored in the inbox → understood → duplicate check → case, follower
// and event stored → acknowledgement queued in the outbox, on a SQLite file.
// Compare with store's BenchmarkRawInsert (one single-row insert per
// transaction on the same kind of file).
func BenchmarkPipeline(b *testing.B) {
	w := newWorld(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := bot.Message{Platform: nb.PlatformSandbox, ChatID: "g1", ChatKind: nb.ChatGroup, SenderID: "r",
			SenderName: "r", ID: fmt.Sprint("b", i), Text: fmt.Sprintf("%d号楼门口的垃圾三天没人收了", i%5000+1)}
		if err := w.e.Receive(w.ctx, m); err != nil {
			b.Fatal(err)
		}
		if _, err := w.e.ProcessPending(w.ctx); err != nil {
			b.Fatal(err)
		}
	}
}
