package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/internal/faultsql"
	"github.com/neighborbot/neighborbot/store"
	sqlite3 "modernc.org/sqlite/lib"
)

// botFaults fails the database calls of the stores opened through it.
var botFaults = faultsql.Register("sqlite-faults-bot")

// TestFaultSentOutcomeSurvivesStoreOutage: messages sent over a remote
// platform while the store cannot record them (an outage longer than a few
// quick retries) are recorded as sent once it can, not left claimed to be
// sent again when their lease runs out or at the next start.
func TestFaultSentOutcomeSurvivesStoreOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("a two-second outage; run without -short")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "nb.db"), store.WithDriverName(botFaults.Name()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t.Cleanup(botFaults.Clear)
	e := bot.NewEngine(db, echo)
	p := &fakePlatform{}
	e.RegisterSender(nb.PlatformSandbox, p)
	for i := range 3 {
		_ = e.Receive(ctx, msg(fmt.Sprint("g", i), fmt.Sprint(i), fmt.Sprint("m", i)))
	}
	if n, err := e.ProcessPending(ctx); n != 3 || err != nil {
		t.Fatalf("ProcessPending = %d, %v", n, err)
	}
	botFaults.Set(faultsql.Fault{Ops: faultsql.Exec | faultsql.Commit, Match: "external_id = ?, sent_at",
		Codes: []int{sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_FULL}})
	outage := time.AfterFunc(2*time.Second, botFaults.Clear) // longer than the recorder's quick retries
	defer outage.Stop()
	_, _ = e.DeliverPending(ctx)
	if got := p.texts(); len(got) != 3 {
		t.Fatalf("sent %q; want each reply once", got)
	}
	_ = db.View(ctx, func(tx nb.Tx) error {
		for id := int64(1); id <= 3; id++ {
			m, err := tx.FindOutbox(id)
			if err != nil || m.Status != nb.OutboxSent {
				t.Errorf("outbox #%d after the outage: %+v, %v; want recorded as sent (else it is sent again)", id, m, err)
			}
		}
		return nil
	})
}
