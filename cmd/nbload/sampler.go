package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// sample reads the server's and nbload's /proc figures each second.
func (r *runner) sample(ctx context.Context, start time.Time) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	lastSrv := readProcs(r.pids)
	lastCli, _ := readProc("self")
	r.cpu.begin(lastSrv, lastCli)
	for n := 0; ; {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		srv := readProcs(r.pids)
		cli, _ := readProc("self")
		srvPct, cliPct := cpuPercent(lastSrv, srv), cpuPercent(lastCli, cli)
		r.stats.sample(cli.at, srv.rss, srvPct, cliPct)
		r.cpu.observe(srv, cli, srvPct)
		if n++; n%10 == 0 {
			fmt.Fprintf(r.log, "nbload: %3.0f s  awaiting %d answers  server RSS %.0f MB  CPU %.0f %%\n",
				cli.at.Sub(start).Seconds(), r.waiting.Load(), float64(srv.rss)/(1<<20), srvPct)
		}
		lastSrv, lastCli = srv, cli
	}
}

// cpuTotals keeps the figures of the whole run from the /proc samples.
type cpuTotals struct {
	mu                  sync.Mutex
	srv0, cli0          procSample // at the start
	srvEnd, cliEnd      procSample // when the offered load ended
	srvLast             procSample
	peakRSS, cliPeakRSS int64
	peakCPU             float64
}

func (c *cpuTotals) begin(srv, cli procSample) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.srv0, c.cli0 = srv, cli
	c.peakRSS, c.cliPeakRSS = srv.rss, cli.rss
}

func (c *cpuTotals) observe(srv, cli procSample, srvPct float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if srv.exists {
		c.srvLast = srv
	}
	c.peakRSS = max(c.peakRSS, srv.rss)
	c.cliPeakRSS = max(c.cliPeakRSS, cli.rss)
	c.peakCPU = max(c.peakCPU, srvPct)
}

// loadEnd takes the samples that close the offered-load window.
func (c *cpuTotals) loadEnd(pids []int) {
	srv := readProcs(pids)
	cli, _ := readProc("self")
	c.mu.Lock()
	defer c.mu.Unlock()
	c.srvEnd, c.cliEnd = srv, cli
}
