// Package redis holds NeighborBot's optional shared parts on Redis (go-redis
// v9): a sending limiter that paces one platform account whichever process
// sends, and wake-ups between processes. It is the only package that imports
// go-redis. Every part falls back to its in-process version while Redis does
// not answer, so that the bot works on the database alone (slower, never
// wrong), and uses Redis again as soon as it answers.
package redis

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Client is one connection pool to Redis and what is known of its health:
// after a failed call Redis counts as down, and the parts skip it (using
// their fallbacks) until a probe, at most once a second, answers.
type Client struct {
	rdb    *goredis.Client
	prefix string
	logger *slog.Logger

	mu        sync.Mutex
	down      bool
	downSince time.Time
	lastErr   string
	probeAt   time.Time // while down, the next call may try Redis from then
}

// Option configures a Client.
type Option func(*Client)

// WithPrefix puts prefix before every key and channel (default "nb:"), so
// that several bots, or tests, share one Redis.
func WithPrefix(p string) Option { return func(c *Client) { c.prefix = p } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.logger = l } }

// callTimeout bounds one Redis call: a Redis that hangs is as good as down.
const callTimeout = 500 * time.Millisecond

// probeEvery is how often a Redis that is down is tried again.
const probeEvery = time.Second

// Open returns a client for the redis:// or rediss:// URL (or a unix://
// socket). It does not connect: a Redis that is down at start is used
// once it answers.
func Open(url string, opts ...Option) (*Client, error) {
	o, err := goredis.ParseURL(url)
	if err != nil { // the error may quote the URL, password and all
		return nil, errors.New("redis: the URL is not valid: want redis://[user:password@]host:port[/db], rediss://… or unix:///path")
	}
	o.DialTimeout, o.ReadTimeout, o.WriteTimeout = callTimeout, callTimeout, callTimeout
	o.MaxRetries = -1 // a failed call falls back at once; the probe retries
	o.ContextTimeoutEnabled = true
	c := &Client{rdb: goredis.NewClient(o), prefix: "nb:", logger: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(c)
	}
	quietLibrary(c.logger)
	return c, nil
}

// Close closes the connections.
func (c *Client) Close() error { return c.rdb.Close() }

// Key returns the prefixed key of name.
func (c *Client) Key(name string) string { return c.prefix + name }

// usable reports whether a call should try Redis now: it is up, or it is
// down and the time to probe it again has come.
func (c *Client) usable() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.down {
		return true
	}
	if now := time.Now(); !now.Before(c.probeAt) {
		c.probeAt = now.Add(probeEvery) // one call probes; the others fall back meanwhile
		return true
	}
	return false
}

// observe records the outcome of a call, logging each change of state.
func (c *Client) observe(err error) {
	if errors.Is(err, goredis.Nil) {
		err = nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err == nil && c.down:
		c.down = false
		c.logger.Info("redis answers again: shared limits and wake-ups back on", "down_for", time.Since(c.downSince).Round(time.Millisecond))
	case err != nil && !c.down:
		c.down, c.downSince, c.probeAt = true, time.Now(), time.Now().Add(probeEvery)
		c.logger.Warn("redis does not answer: working on the database alone (in-process limits, polling)", "err", err)
	}
	if err != nil {
		c.lastErr = err.Error()
	}
}

// Status returns "" while Redis answers, else since when and why not.
func (c *Client) Status() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.down {
		return ""
	}
	return fmt.Sprintf("redis down since %s (%s): in-process limits and polling meanwhile",
		c.downSince.UTC().Format(time.RFC3339), c.lastErr)
}

// Ping asks Redis whether it answers, and records the answer.
func (c *Client) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	err := c.rdb.Ping(ctx).Err()
	c.observe(err)
	return err
}

// Watch pings Redis every second until ctx ends, so that its state in the
// health detail follows it even when nothing else calls it.
func (c *Client) Watch(ctx context.Context) {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = c.Ping(ctx)
		}
	}
}
