package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// A database that does not answer, or that the engine cannot write, is down;
// one that answers is ok.
func TestDatabaseState(t *testing.T) {
	db, err := store.Open(context.Background(), tempDB(t))
	if err != nil {
		t.Fatal(err)
	}
	if c := databaseState(db, bot.Health{}); c.Status != stateOK {
		t.Errorf("open database: %+v", c)
	}
	if c := databaseState(db, bot.Health{StoreError: "disk full"}); c.Status != stateDown || c.Error != "disk full" {
		t.Errorf("database the engine cannot write: %+v", c)
	}
	db.Close()
	if c := databaseState(db, bot.Health{}); c.Status != stateDown || c.Error == "" {
		t.Errorf("closed database: %+v", c)
	}
}

func TestHealthStates(t *testing.T) {
	ok, degraded, down := component{Status: stateOK}, component{Status: stateDegraded}, component{Status: stateDown}
	for _, tc := range []struct {
		name string
		h    health
		want string
	}{
		{"all well", health{Database: ok, Platforms: map[string]component{"sandbox": ok, "telegram": ok}}, stateOK},
		{"database down", health{Database: down, Platforms: map[string]component{"sandbox": ok}}, stateDown},
		{"a platform degraded", health{Database: ok, Platforms: map[string]component{"sandbox": ok, "telegram": degraded}}, stateDegraded},
		{"every platform down", health{Database: ok, Platforms: map[string]component{"wechat": down}}, stateDegraded},
		{"overloaded", health{Database: ok, Health: bot.Health{Overloaded: true}}, stateDegraded},
	} {
		tc.h.Status = overall(tc.h)
		if tc.h.Status != tc.want || tc.h.OK() != (tc.want != stateDown) {
			t.Errorf("%s: %s (ok %v), want %s", tc.name, tc.h.Status, tc.h.OK(), tc.want)
		}
	}
	for state, want := range map[string]string{wechat.StateOnline: stateOK, wechat.StateScan: stateDegraded,
		wechat.StatePush: stateDegraded, wechat.StateOffline: stateDown, wechat.StateStopped: stateDown} {
		if c := wechatState(wechat.Health{State: state}, ok); c.Status != want {
			t.Errorf("wechat %s: %+v, want %s", state, c, want)
		}
	}
	if c := wechatState(wechat.Health{State: wechat.StateOnline}, degraded); c.Status != stateDegraded {
		t.Errorf("online with delivery errors: %+v", c)
	}
}

// TestModelLoaded: /healthz names the model the bot loaded (the file and
// when it was written, with its training record's summary), and `neighborbot
// model`, which reads the configuration now, says a running bot may run
// another until it restarts.
func TestModelLoaded(t *testing.T) {
	m, err := intake.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "community.gob.gz")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	var cfg config.Config
	cfg.Intake.Model = path
	if lm := modelLoaded(cfg, m); !strings.HasPrefix(lm.Source, path+" (written ") || lm.Trained != m.Training().Summary() || lm.Trained == "" {
		t.Errorf("a model file: %+v", lm)
	}
	code, out, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": filepath.Join(dir, "none.db")}, "model")
	if code != 0 || !strings.Contains(out, "a running bot keeps the one it loaded at start") ||
		!strings.Contains(out, "restart it after changing intake.model") {
		t.Errorf("model: code %d\n%s%s", code, out, errOut)
	}
}
