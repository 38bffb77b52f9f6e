package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/wechat"
	"github.com/neighborbot/neighborbot/cases"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/metrics"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
	"github.com/neighborbot/neighborbot/web/open311"
)

// engineParts are what buildEngine made that other callers share: the
// case service, the message-understanding model and the handlers' settings
// (the desk acts through the same services as the chat).
type engineParts struct {
	cases *cases.Service
	model *intake.Model
	hcfg  handlers.Config // the chat handlers' settings, with their broadcast service
}

// metricsCache is how long a scrape's store readings are reused.
const metricsCache = time.Second

// ops is the operations side of a running bot: its metrics, health and
// Open311 API.
type ops struct {
	cfg       config.Config
	db        *store.DB
	metrics   *metrics.Metrics // nil when metrics are off
	engine    *bot.Engine      // set by mount, before the server starts
	platforms []nb.Platform
	wx        *wechat.Adapter
}

// newOps prepares the metrics (before the engine, which reports to them).
func newOps(cfg config.Config, db *store.DB) *ops {
	o := &ops{cfg: cfg, db: db}
	if cfg.Metrics.Enabled {
		o.metrics = metrics.New(o.gauges, metricsCache)
	}
	return o
}

// engineOptions are the engine's options for the metrics.
func (o *ops) engineOptions() []bot.Option {
	if o.metrics == nil {
		return nil
	}
	return []bot.Option{bot.WithObserver(o.metrics)}
}

// mount sets /healthz, /metrics and the Open311 API on server. Call
// before the server starts.
func (o *ops) mount(server *web.Server, engine *bot.Engine, parts engineParts, platforms []nb.Platform,
	wx *wechat.Adapter, logger *slog.Logger) {
	o.engine, o.platforms, o.wx = engine, platforms, wx
	server.SetHealth(healthCheck(o.db, engine, platforms, wx, modelLoaded(o.cfg, parts.model)))
	if o.metrics != nil {
		server.SetMetrics(o.metrics.Handler(), o.cfg.Metrics.Token)
	}
	if o.cfg.Open311.Enabled {
		server.SetOpen311(open311.New(open311.Config{Store: o.db, Keys: o.db, Cases: parts.cases,
			Services: open311Services(parts.model), Read: reader(parts.model), Created: engine.WakeSenders,
			PublicRead: o.cfg.Open311.PublicRead, PerHour: o.cfg.Open311.MaxPerHour, Contact: o.cfg.Open311.Contact, Location: location(o.cfg),
			Logger: logger}))
	}
}

// gauges reads what a scrape reports of the bot's state.
func (o *ops) gauges(ctx context.Context) (metrics.Gauges, error) {
	g := metrics.Gauges{Backlog: o.engine.Backlog(), States: map[string]string{}}
	for p, c := range platformStates(o.engine.Health(), o.platforms, o.wx) {
		g.States[p] = c.Status
	}
	queues, err := o.db.OutboxQueues(ctx)
	if err != nil {
		return g, err
	}
	g.Outbox = make(map[string]metrics.Queue, len(queues))
	for _, q := range queues {
		g.Outbox[string(q.Platform)] = metrics.Queue{Pending: q.Pending, Oldest: q.Oldest}
	}
	stages, err := o.db.CasesByStage(ctx)
	if err != nil {
		return g, err
	}
	g.Cases = make(map[string]int, len(stages))
	for s, n := range stages {
		g.Cases[string(s)] = n
	}
	return g, nil
}

// open311Services are the model's categories as Open311 services.
func open311Services(m *intake.Model) []open311.Service {
	var out []open311.Service
	for _, c := range m.Taxonomy() {
		prio := nb.Priority(c.Priority)
		if !prio.Valid() {
			prio = nb.PriorityGeneral
		}
		out = append(out, open311.Service{Code: c.Name, Name: c.Name, Description: c.Name,
			Keywords: c.Keywords, Priority: prio})
	}
	return out
}

// reader reads an Open311 request's text as the bot reads a #报事 report.
func reader(m *intake.Model) func(string) open311.Reading {
	return func(text string) open311.Reading {
		r := m.UnderstandReport(text)
		return open311.Reading{Location: strings.Join(r.Location, " "), LocationNorm: strings.Join(r.LocationNorm, "|"),
			Priority: nb.Priority(r.Priority)}
	}
}

// platformsOf lists the platforms that run.
func platformsOf(telegram, sandbox, wechat bool) []nb.Platform {
	var out []nb.Platform
	if sandbox {
		out = append(out, nb.PlatformSandbox)
	}
	if telegram {
		out = append(out, nb.PlatformTelegram)
	}
	if wechat {
		out = append(out, nb.PlatformWeChat)
	}
	return out
}
