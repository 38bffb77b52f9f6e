package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/neighborbot/neighborbot/bot"
)

// Notifier is a bot.Notifier on Redis pub/sub: each process publishes a
// notice when new work arrives and wakes when another's comes. Notices of
// one topic are merged while one is being published, so that a burst of
// messages costs a few publishes. While Redis is down nothing is published
// and the engines find the work at their next poll.
type Notifier struct {
	c       *Client
	channel string
	self    string // this process's id, to ignore its own notices

	mu      sync.Mutex
	pending map[string]bool
	kick    chan struct{}
}

var _ bot.Notifier = (*Notifier)(nil)

// NewNotifier returns a notifier on the client's "wake" channel.
func NewNotifier(c *Client) *Notifier {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return &Notifier{c: c, channel: c.Key("wake"), self: hex.EncodeToString(b),
		pending: map[string]bool{}, kick: make(chan struct{}, 1)}
}

// Notify implements bot.Notifier: the notice is published by Listen's loop.
func (n *Notifier) Notify(topic string) {
	n.mu.Lock()
	n.pending[topic] = true
	n.mu.Unlock()
	select {
	case n.kick <- struct{}{}:
	default:
	}
}

// Listen implements bot.Notifier: it publishes this process's notices and
// calls fn for the others' until ctx ends, then waits for both loops.
func (n *Notifier) Listen(ctx context.Context, fn func(topic string)) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); n.publishLoop(ctx) }()
	go func() { defer wg.Done(); n.subscribeLoop(ctx, fn) }()
	wg.Wait()
}

func (n *Notifier) publishLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-n.kick:
		}
		n.mu.Lock()
		topics := make([]string, 0, len(n.pending))
		for t := range n.pending {
			topics = append(topics, t)
		}
		clear(n.pending)
		n.mu.Unlock()
		for _, t := range topics {
			if !n.c.usable() {
				break
			}
			pctx, cancel := context.WithTimeout(ctx, callTimeout)
			err := n.c.rdb.Publish(pctx, n.channel, t+" "+n.self).Err()
			cancel()
			if ctx.Err() == nil {
				n.c.observe(err)
			}
		}
	}
}

// subscribeLoop subscribes, hands on the others' notices, and subscribes
// again (every second while Redis is down) when the connection breaks.
func (n *Notifier) subscribeLoop(ctx context.Context, fn func(topic string)) {
	retry := time.NewTicker(probeEvery)
	defer retry.Stop()
	for ctx.Err() == nil {
		n.receive(ctx, fn)
		select {
		case <-ctx.Done():
		case <-retry.C:
		}
	}
}

// receive runs one subscription until it breaks or ctx ends.
func (n *Notifier) receive(ctx context.Context, fn func(topic string)) {
	ps := n.c.rdb.Subscribe(ctx, n.channel)
	stop := context.AfterFunc(ctx, func() { _ = ps.Close() })
	defer func() {
		if stop() {
			_ = ps.Close()
		}
	}()
	for {
		msg, err := ps.Receive(ctx)
		if err != nil {
			if ctx.Err() == nil {
				n.c.observe(err)
			}
			return
		}
		n.c.observe(nil)
		if m, ok := msg.(*goredis.Message); ok {
			i := strings.LastIndexByte(m.Payload, ' ') // a topic may hold spaces, the id none
			if i >= 0 && m.Payload[i+1:] != n.self {
				fn(m.Payload[:i])
			}
		}
	}
}
