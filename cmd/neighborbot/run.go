package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"sync"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/bot/wechat"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

// runBot runs the bot until ctx ends, then shuts down in reverse order.
func runBot(ctx context.Context, args []string, sys IO) error {
	fs, path := newFlags("run", sys)
	noDemo := fs.Bool("no-demo", false, "do not seed demo data into an empty database")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfgFile := config.PathFrom(*path, sys.Getenv)
	cfg, err := loadConfig(*path, sys)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, sys.Err)
	if err := servePprof(ctx, sys.Getenv("NEIGHBORBOT_PPROF_ADDR"), logger); err != nil {
		return err
	}
	start := time.Now()
	model, err := loadModel(cfg)
	if err != nil {
		return err
	}
	logModel(logger, cfg, model)
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Created && db.Driver() == "postgres" {
		logger.Warn("created NeighborBot's tables in an empty PostgreSQL database", "database", dbName(cfg))
	} else if db.Created {
		logger.Warn("created a new, empty database", "path", absPath(cfg.Database))
	}
	tg, err := newTelegram(ctx, &cfg, db, logger)
	if err != nil {
		return err
	}
	sh, err := openShared(cfg, logger)
	if err != nil {
		return err
	}
	defer sh.Close()
	ops := newOps(cfg, db) // ops.go: metrics, health, Open311
	engine, parts, err := buildEngine(cfg, model, db, logger, append(ops.engineOptions(), sh.engineOptions()...)...)
	if err != nil {
		return err
	}
	var runners []func(context.Context)
	if run := sh.runner(); run != nil {
		runners = append(runners, run)
	}
	if tg != nil {
		engine.RegisterSender(nb.PlatformTelegram, tg, bot.WithLimiter(sh.telegramLimiter(tg)), bot.WithLanes(8))
		runners = append(runners, telegramRunner(cfg, tg, engine, logger))
	}
	var sb *sandbox.Platform
	if cfg.Sandbox.Enabled {
		opts := []sandbox.Option{sandbox.WithBotName(cfg.BotName), sandbox.WithLogger(logger)}
		if cfg.Telegram.Enabled || cfg.WeChat.Enabled {
			opts = append(opts, sandbox.WithoutGrants("a real chat platform is enabled: sandbox people may only be residents "+
				"(a sandbox officer would act on its cases); grant roles with invite codes: neighborbot invite -role ROLE -unit NAME"))
		}
		sb = sandbox.New(db, engine, append(opts, sh.sandboxOptions()...)...)
		engine.RegisterSender(nb.PlatformSandbox, sb)
		runners = append(runners, sb.Run)
	}
	var wx *wechat.Adapter
	if cfg.WeChat.Enabled {
		wx = newWeChat(cfg, engine, db, logger, sys.Out)
	}
	server := web.New(cfg.HTTPAddr, sb, logger)
	ops.mount(server, engine, parts, platformsOf(tg != nil, sb != nil, wx != nil), wx, logger)
	if cfg.Dashboard.Enabled {
		server.SetDesk(deskConfig(cfg, db, parts, engine.WakeSenders))
	}
	server.SetAllowedHosts(allowedHosts(cfg))
	server.SetTimeZone(cfg.TimeZone)
	if wx != nil {
		server.SetWeChatLogin(wechatLogin{wx}, cfg.WeChat.AdminToken)
	}
	server.SetPollLimits(cfg.Sandbox.MaxWaitingPerClient, cfg.Sandbox.MaxWaiting)
	if err := server.Start(); err != nil {
		return explainListen(cfg.HTTPAddr, err)
	}
	// Seeded only once the server listens: a start that fails (a busy port)
	// leaves no half-made database behind.
	if err := seedDemo(ctx, cfg, *noDemo, db, logger); err != nil {
		_ = server.Shutdown(context.Background())
		return err
	}
	logger.Info("neighborbot ready", "version", version(), "addr", server.Addr(), "config", configName(cfgFile),
		"database", dbName(cfg), "took", time.Since(start))
	if tg != nil {
		fmt.Fprintf(sys.Out, "telegram bot: @%s\n", tg.Username())
	}
	if sb != nil {
		fmt.Fprintf(sys.Out, "sandbox chat: http://%s/sandbox\n", server.Addr())
	} else {
		fmt.Fprintf(sys.Out, "serving http://%s/\n", server.Addr())
	}
	if cfg.Dashboard.Enabled {
		fmt.Fprintf(sys.Out, "officers' desk: http://%s/desk/\n", server.Addr())
	}
	if wx != nil {
		fmt.Fprintf(sys.Out, "wechat login page: http://%s/wechat/login\n", server.Addr())
		runners = append(runners, func(ctx context.Context) {
			if err := wx.Run(ctx); err != nil && ctx.Err() == nil {
				logger.Error("wechat stopped", "err", err)
			}
		})
	}
	return serve(ctx, engine, server, db, logger, runners...)
}

// serve runs the engine and the platform adapters until ctx ends, or the
// database file is removed or replaced under them, and stops the web
// server after it.
func serve(ctx context.Context, engine *bot.Engine, server *web.Server, db *store.DB, logger *slog.Logger, runners ...func(context.Context)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = engine.Run(ctx) }()
	go func() { defer wg.Done(); watchDatabase(ctx, db, logger, cancel) }()
	go func() { defer wg.Done(); watchWrites(ctx, db, engine, logger) }() // watch_writes.go
	for _, run := range runners {
		wg.Add(1)
		go func() { defer wg.Done(); run(ctx) }()
	}
	<-ctx.Done()
	fatal := context.Cause(ctx)
	if errors.Is(fatal, nb.ErrBroken) {
		logger.Error("stopping: the database cannot be trusted", "err", fatal)
	}
	logger.Info("shutting down")
	shutdownCtx, cancelShutdown := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelShutdown()
	err := server.Shutdown(shutdownCtx)
	wg.Wait()
	if errors.Is(fatal, nb.ErrBroken) {
		return fatal
	}
	return err
}

// watchDatabase checks every two seconds that the database file is still
// the one opened. If it was removed or replaced, it stops the bot (cancel):
// everything written from then on would be lost. A damaged file makes the
// bot refuse work (503) until it is restored; that is logged once.
func watchDatabase(ctx context.Context, db *store.DB, logger *slog.Logger, stop context.CancelCauseFunc) {
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
	logged := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		err := db.Broken()
		var broken *store.BrokenError
		switch {
		case errors.As(err, &broken) && broken.Gone:
			stop(err)
			return
		case err != nil && !logged:
			logger.Error("the database is damaged: the bot takes no more messages", "err", err)
			logged = true
		}
	}
}

// absPath is path made absolute, for messages that must name a file exactly.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// buildEngine wires the handlers, reading with model, into an engine.
func buildEngine(cfg config.Config, model *intake.Model, db nb.Store, logger *slog.Logger, extra ...bot.Option) (*bot.Engine, engineParts, error) {
	hcfg := handlers.Config{Language: cfg.Language, BotUsername: cfg.BotUsername, Location: location(cfg),
		Limits: timeLimits(cfg), DuplicateWindow: cfg.Intake.DuplicateWindow.Duration, OwnerKinds: ownerKinds(model),
		AutoCloseDays: cfg.Rating.AutoCloseDays, BasicWeight: cfg.Rating.BasicWeight,
		DeskURL: deskURL(cfg), LoginCodeTTL: cfg.Dashboard.LoginCodeTTL.Duration}
	svc := newCaseService(cfg, db, handlers.NewPhrases(hcfg))
	hcfg.Cases = svc
	hcfg.Broadcasts = newBroadcastService(cfg, hcfg)
	h := handlers.New(model, hcfg)
	handle := bot.Chain(h.Router().Handle, bot.Recover, bot.Log, h.Edits, h.Evidence)
	engine := bot.NewEngine(db, handle, append([]bot.Option{bot.WithLogger(logger),
		bot.WithRetry(cfg.Outbox.MaxAttempts, cfg.Outbox.RetryBase.Duration),
		bot.WithBatch(cfg.Engine.Batch), bot.WithBacklogLimit(cfg.Engine.BacklogLimit),
		bot.WithInstance(cfg.Engine.Instance), bot.WithInboxLanes(inboxLanes(cfg)),
		bot.WithPrepare(h.Prepare())}, extra...)...)
	engine.Schedule("auto_close", 10*time.Minute, svc.CloseUnrated(time.Duration(cfg.Rating.AutoCloseDays)*24*time.Hour))
	engine.Schedule("timers", cfg.TimeLimits.TimerInterval.Duration, svc.RunTimers)
	if cfg.Report.Enabled {
		engine.Schedule("weekly_report", cfg.TimeLimits.TimerInterval.Duration, svc.WeeklyReport(reportSchedule(cfg)))
	}
	scheduleUpkeep(engine, cfg.Retention, logger)
	return engine, engineParts{cases: svc, model: model, hcfg: hcfg}, nil
}

// seedDemo fills an empty database with demo data on its first start,
// unless told not to. A database started once without demo data never gets
// it later. The first start is recorded after seeding, so an interrupted
// seed is tried again (SeedDemo does nothing once units exist).
func seedDemo(ctx context.Context, cfg config.Config, noDemo bool, db nb.Store, logger *slog.Logger) error {
	var started error
	_ = db.View(ctx, func(tx nb.Tx) error { _, started = tx.Setting("first_start"); return nil })
	if nb.ErrorCode(started) != nb.ENOTFOUND {
		if started == nil && noDemo {
			logger.Info("--no-demo changes nothing on a database that has started before (its demo data, if any, stays); " +
				"to run without demo data, start with a new database file and --no-demo")
		}
		return started // nil: not the first start
	}
	if !noDemo && cfg.Demo {
		seeded, err := sandbox.SeedDemo(ctx, db)
		if err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
		if seeded {
			logger.Info("demo data seeded (marked 演示); start a fresh database with --no-demo to skip it")
		}
	}
	return db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("first_start", tx.Now().Format(time.RFC3339)) })
}

// ownerKinds reads from the taxonomy which kind of unit owns each category.
func ownerKinds(m *intake.Model) map[string]nb.UnitKind {
	kinds := map[string]nb.UnitKind{}
	for _, c := range m.Taxonomy() {
		if k := nb.UnitKind(c.OwnerKind); k.Valid() {
			kinds[c.Name] = k
		}
	}
	return kinds
}

// allowedHosts are the host names the web server answers: the configured
// ones and the host it listens on, if it names one.
func allowedHosts(cfg config.Config) []string {
	hosts := slices.Clone(cfg.Sandbox.AllowedHosts)
	if host, _, err := net.SplitHostPort(cfg.HTTPAddr); err == nil && host != "" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			hosts = append(hosts, host)
		}
	}
	return hosts
}
