// Command nbload is NeighborBot's load generator. It drives the bot through
// its sandbox JSON API as an outside client would: N group chats bound to
// grid units, M residents each, an open-loop rate of messages in a
// configurable mix (chit-chat, reports, duplicate reports, "+1"s, status
// queries, officers' commands), for a set duration. It reports offered and
// handled messages per second, the time from each post to the bot's answer
// (p50/p95/p99/max), errors, lost and doubled answers, and the server's
// memory and CPU, in total and per 10 s.
//
//	nbload -spawn /tmp/nbload-bot -rate 300 -duration 60s   start the bot on a fresh database
//	nbload -url http://127.0.0.1:8080 -pid PID             drive a running server
//	nbload -spawn /tmp/nbload-bot -platform telegram        through Telegram
//
// With -platform telegram the groups are Telegram supergroups: nbload runs a
// fake Bot API server (bot/telegram/telegramtest, Telegram's sending limits
// enforced) that the spawned processes send to, and hands each resident's
// message to a process's webhook as Telegram would; the answers are the
// bot's sends.
//
// It only ever talks to loopback addresses, stops by itself, and stops the
// server it spawned and removes its folder (unless -keep).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// Main runs nbload and returns the exit code: 0 when the run completed
// (whatever it measured), 1 when it could not run or the server it spawned
// died during the run, 2 for bad flags.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintln(stderr, "nbload:", err)
		return 2
	}
	res, err := run(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "nbload:", err)
		return 1
	}
	if cfg.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	} else {
		printSummary(stdout, res)
	}
	if res.ServerExit != "" {
		return 1
	}
	return 0
}

// run sets up the district, offers the load and measures it.
func run(ctx context.Context, cfg config, logw io.Writer) (res *result, err error) {
	res = &result{Groups: cfg.groups, Residents: cfg.residents, Rate: cfg.rate, Arrivals: cfg.arrivals,
		DurationS: cfg.duration.Seconds(), Mix: cfg.mix.String(), Seed: cfg.seed}
	setupStart := time.Now()
	base, pids := cfg.url, []int{}
	if cfg.pid != 0 {
		pids = []int{cfg.pid}
	}
	var grids []gridUnit
	var srv *cluster
	var tg *tgDriver
	var tgGroups []*group
	if cfg.platform == "telegram" {
		if tg, err = startTelegram(cfg.tgLimits); err != nil {
			return nil, err
		}
		defer tg.close() // after the servers stop (deferred later)
		tgGroups = planGroups(cfg.groups, cfg.residents, planGrids(cfg.grids))
	}
	res.Platform = cfg.platform
	if cfg.spawn != "" {
		srv, err = spawnCluster(ctx, cfg, logw, tg, tgGroups)
		if srv != nil {
			defer func() { err = errors.Join(err, srv.stop()) }()
		}
		if err != nil {
			return nil, err
		}
		base, pids, grids = srv.servers[0].base, srv.pids(), planGrids(cfg.grids)
		res.Spawned = true
	}
	res.Server, res.Procs = base, max(len(pids), 1)
	if len(pids) > 0 {
		res.PID = pids[0]
	}
	cl := newClient(base, cfg.inflight+cfg.pollers)
	defer cl.close()
	clients := []*client{cl}
	if srv != nil && tg == nil { // Telegram's groups talk to the webhooks (below)
		for _, s := range srv.servers[1:] {
			c := newClient(s.base, cfg.inflight+cfg.pollers)
			defer c.close()
			clients = append(clients, c)
		}
	}
	if grids == nil {
		if grids, err = prepareURL(ctx, cl); err != nil {
			return nil, err
		}
	}
	res.Grids = len(grids)
	groups := tgGroups
	if tg != nil { // the groups were seeded; each process is reached through its webhook
		clients = nil
		for _, w := range srv.webhooks {
			c := tg.webhookClient(w, cfg.inflight)
			defer c.close()
			clients = append(clients, c)
		}
	} else {
		fmt.Fprintf(logw, "nbload: creating %d groups on %d grids at %s\n", cfg.groups, len(grids), base)
		if groups, err = createGroups(ctx, cl, cfg.groups, cfg.residents, grids); err != nil {
			return nil, err
		}
	}
	res.SetupS = seconds(time.Since(setupStart))
	fmt.Fprintf(logw, "nbload: set up in %.1f s; offering %g messages/s for %s\n", res.SetupS, cfg.rate, cfg.duration)

	for i, g := range groups { // each group talks to one process, as a chat's webhooks would
		g.cl.Store(clients[i%len(clients)])
	}
	setupErrs := errorCounts(clients) // 409s of groups that existed are no load errors
	r := newRunner(cfg, groups, pids, logw)
	res.LoadAvg[0] = loadAvg()
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	if tg != nil {
		r.tg = tg
		tg.watch(groups)
		deliverCtx, stopDeliver := context.WithCancel(loadCtx)
		delivered := make(chan struct{})
		go func() { defer close(delivered); tg.deliver(deliverCtx, r) }()
		defer func() { stopDeliver(); <-delivered }()
	}
	if srv != nil { // a server that dies ends the run at once
		go func() {
			select {
			case <-srv.exited():
				stopLoad()
			case <-loadCtx.Done():
			}
		}()
	}
	stopKill := srv.killLater(cfg.killAfter, groups, clients, logw)
	r.run(loadCtx)
	stopKill()
	res.LoadAvg[1] = loadAvg()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	if srv != nil {
		if res.ServerExit = srv.exitedEarly(); res.ServerExit != "" {
			fmt.Fprintln(logw, "nbload:", res.ServerExit)
		}
	}
	if res.ServerExit == "" {
		res.ChitChecked, res.ChitAnswered = r.checkChitChat(ctx)
	}
	r.buildResult(res, subtract(errorCounts(clients), setupErrs))
	res.OutboxPending = -1
	if srv != nil && res.Lost > 0 {
		if n, err := pendingReplies(ctx, srv.db); err == nil {
			res.OutboxPending = n
		} else {
			fmt.Fprintln(logw, "nbload: reading the outbox:", err)
		}
	}
	if tg != nil {
		res.TelegramRefused = tg.fake.Refused()
	}
	res.LongPolls, res.PlainPolls = r.longPolls.Load(), r.plainPolls.Load()
	return res, nil
}

// subtract returns a − b per key, without zeros.
func subtract(a, b map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range a {
		if d := v - b[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

// errorCounts adds up the error counts of clients.
func errorCounts(clients []*client) map[string]int64 {
	out := map[string]int64{}
	for _, c := range clients {
		for k, v := range c.errorCounts() {
			out[k] += v
		}
	}
	return out
}
