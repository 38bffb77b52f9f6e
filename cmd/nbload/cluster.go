package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/neighborbot/neighborbot/store"
)

// cluster is the servers nbload spawned: one, or -procs processes of one
// bot sharing one database (and Redis, with -redis).
type cluster struct {
	servers  []*server
	webhooks []string // with -platform telegram: each server's webhook address
	db       string   // the database the servers share
}

// spawnCluster seeds a fresh database (or uses -db) and starts cfg.procs
// servers on it, one after another, so that only the first applies the
// migrations. With tg (-platform telegram), tgGroups are seeded as Telegram
// groups and every server takes them in by webhook and sends to tg's fake.
func spawnCluster(ctx context.Context, cfg config, logw io.Writer, tg *tgDriver, tgGroups []*group) (*cluster, error) {
	dir, db, err := newServerDir()
	if err != nil {
		return nil, err
	}
	if cfg.db != "" {
		db = cfg.db
	}
	fmt.Fprintf(logw, "nbload: seeding %d grids into %s\n", cfg.grids, db)
	if err := seedUnits(ctx, db, planGrids(cfg.grids), tgGroups); err != nil {
		if !cfg.keep {
			os.RemoveAll(dir)
		}
		return nil, fmt.Errorf("seed units: %w", err)
	}
	c := &cluster{db: db}
	for i := range max(cfg.procs, 1) {
		sdir := dir
		if i > 0 { // each server its own folder for its log; the database is the first's
			if sdir, err = os.MkdirTemp("", "nbload-"); err != nil {
				return c, errors.Join(err, c.stop())
			}
		}
		env := []string{"NEIGHBORBOT_DB=" + db, "NEIGHBORBOT_INSTANCE=p" + strconv.Itoa(i)}
		if cfg.redis != "" {
			env = append(env, "NEIGHBORBOT_REDIS_URL="+cfg.redis)
		}
		if tg != nil {
			tgEnv, webhook, err := tg.env(i)
			if err != nil {
				return c, errors.Join(err, c.stop())
			}
			env = append(env, tgEnv...)
			c.webhooks = append(c.webhooks, webhook)
		}
		srv, err := startServer(ctx, cfg.spawn, sdir, cfg.keep, env...)
		if srv == nil && !cfg.keep {
			os.RemoveAll(sdir)
		}
		if srv != nil {
			c.servers = append(c.servers, srv)
		}
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// pids are the servers' process ids.
func (c *cluster) pids() []int {
	out := make([]int, len(c.servers))
	for i, s := range c.servers {
		out[i] = s.pid()
	}
	return out
}

// exited is closed when any server exits.
func (c *cluster) exited() <-chan struct{} {
	ch := make(chan struct{})
	var once sync.Once
	for _, s := range c.servers {
		go func() { // ends when its server exits, at the latest at stop
			<-s.exited
			if !s.stopping.Load() { // a server nbload killed on purpose does not end the run
				once.Do(func() { close(ch) })
			}
		}()
	}
	return ch
}

// exitedEarly reports the first server that exited during the run.
func (c *cluster) exitedEarly() string {
	for _, s := range c.servers {
		if e := s.exitedEarly(); e != "" {
			return e
		}
	}
	return ""
}

// stop stops the servers, the last started first.
func (c *cluster) stop() error {
	var errs []error
	for i := len(c.servers) - 1; i >= 0; i-- {
		errs = append(errs, c.servers[i].stop())
	}
	return errors.Join(errs...)
}

// readProcs samples the processes pids and adds their figures up.
func readProcs(pids []int) procSample {
	var sum procSample
	for _, pid := range pids {
		s, err := readProc(strconv.Itoa(pid))
		if err != nil {
			continue
		}
		sum.at, sum.exists = s.at, true
		sum.rss += s.rss
		sum.cpu += s.cpu
	}
	return sum
}

// killLater kills the last server with SIGKILL after d (if d > 0 and the
// load is still on), as a crash would, and moves its groups to the other
// servers. The returned function cancels a kill not yet done and waits.
func (c *cluster) killLater(d time.Duration, groups []*group, clients []*client, logw io.Writer) func() {
	if c == nil || d <= 0 || len(c.servers) < 2 {
		return func() {}
	}
	cancel := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-cancel:
			return
		case <-t.C:
		}
		victim := c.servers[len(c.servers)-1]
		victim.stopping.Store(true) // its exit is expected
		victim.killed.Store(true)
		_ = victim.cmd.Process.Kill()
		<-victim.exited
		fmt.Fprintf(logw, "nbload: killed process %d (SIGKILL) %s into the load; its groups move to the others\n", victim.pid(), d)
		live := clients[:len(clients)-1]
		for i, g := range groups {
			if g.cl.Load() == clients[len(clients)-1] {
				g.cl.Store(live[i%len(live)])
			}
		}
	}()
	return func() { close(cancel); <-done }
}

// pendingReplies counts the replies queued in the database at path and not
// yet sent, on every platform.
func pendingReplies(ctx context.Context, path string) (int, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	queues, err := db.OutboxQueues(ctx)
	n := 0
	for _, q := range queues {
		n += q.Pending
	}
	return n, err
}
