package main

import (
	"context"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
)

// Health states of the bot and of its parts.
const (
	stateOK       = "ok"
	stateDegraded = "degraded" // works, with a problem to look at
	stateDown     = "down"     // does not work
)

// component is the state of one part, with what is wrong.
type component struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// health is /healthz's detail: the overall status, the database's, each
// platform's, and the engine's and the WeChat session's own detail.
type health struct {
	Status    string               `json:"status"`
	Database  component            `json:"database"`
	Platforms map[string]component `json:"platforms"`
	bot.Health
	WeChat *wechat.Health `json:"wechat,omitempty"`
	Model  loadedModel    `json:"model"`
}

// loadedModel names the model the running bot loaded at start, which
// `neighborbot model` (reading the configuration now) may not.
type loadedModel struct {
	Source  string `json:"source"`            // as modelSource says it: embedded, or the file and when it was written
	Trained string `json:"trained,omitempty"` // its training record's summary, if it has one
}

// modelLoaded describes m, loaded as cfg says, for /healthz.
func modelLoaded(cfg config.Config, m *intake.Model) loadedModel {
	lm := loadedModel{Source: modelSource(cfg)}
	if t := m.Training(); t.From != "" {
		lm.Trained = t.Summary()
	}
	return lm
}

// OK reports whether the bot can serve: /healthz answers 503 when not.
func (h health) OK() bool { return h.Status != stateDown }

// State is the overall status, as /healthz's text answer.
func (h health) State() string { return h.Status }

// healthTimeout bounds the database check of one /healthz request.
const healthTimeout = 2 * time.Second

// healthCheck returns what /healthz reports: down (503) when the database
// cannot be read or written; degraded when a platform is degraded or down,
// or the engine is overloaded; ok otherwise. It names the model loaded.
func healthCheck(db *store.DB, engine *bot.Engine, platforms []nb.Platform, wx *wechat.Adapter, model loadedModel) func() (bool, any) {
	return func() (bool, any) {
		eh := engine.Health()
		h := health{Health: eh, Platforms: platformStates(eh, platforms, wx), Model: model}
		if wx != nil {
			wh := wx.Health()
			h.WeChat = &wh
		}
		h.Database = databaseState(db, h.Health)
		h.Status = overall(h)
		return h.OK(), h
	}
}

// databaseState checks that the database answers a read, is not damaged and
// takes writes (as far as the engine last saw).
func databaseState(db *store.DB, eh bot.Health) component {
	ctx, cancel := context.WithTimeout(context.Background(), healthTimeout)
	defer cancel()
	if err := db.Broken(); err != nil {
		return component{Status: stateDown, Error: err.Error()}
	}
	if err := db.Ping(ctx); err != nil {
		return component{Status: stateDown, Error: err.Error()}
	}
	if eh.StoreError != "" {
		return component{Status: stateDown, Error: eh.StoreError}
	}
	if err := db.Writable(); err != nil { // still written through open files, but not for long
		return component{Status: stateDegraded, Error: err.Error()}
	}
	return component{Status: stateOK}
}

// platformStates gives each platform's state: degraded after a failed
// delivery; for WeChat, down while logged out and degraded while logging in.
func platformStates(eh bot.Health, platforms []nb.Platform, wx *wechat.Adapter) map[string]component {
	out := make(map[string]component, len(platforms))
	for _, p := range platforms {
		c := component{Status: stateOK}
		if e := eh.Delivery[string(p)]; e != "" {
			c = component{Status: stateDegraded, Error: e}
		}
		if p == nb.PlatformWeChat && wx != nil {
			c = wechatState(wx.Health(), c)
		}
		out[string(p)] = c
	}
	return out
}

// wechatState is the WeChat session's state given its delivery state c.
func wechatState(wh wechat.Health, c component) component {
	switch wh.State {
	case wechat.StateOnline:
		return c
	case wechat.StateOffline, wechat.StateStopped:
		return component{Status: stateDown, Error: "session " + wh.State + " " + wh.LastError}
	}
	return component{Status: stateDegraded, Error: "session " + wh.State}
}

// overall combines the parts' states. Only the database makes the bot
// down: a platform's outage (a WeChat session logged out, Telegram
// unreachable) makes it degraded, since restarting the bot — what a
// container's failed health check does — would not mend it, and logging in
// to WeChat again and again puts the account at risk.
func overall(h health) string {
	if h.Database.Status == stateDown {
		return stateDown
	}
	if h.Overloaded || h.Database.Status != stateOK {
		return stateDegraded
	}
	for _, c := range h.Platforms {
		if c.Status != stateOK {
			return stateDegraded
		}
	}
	return stateOK
}
