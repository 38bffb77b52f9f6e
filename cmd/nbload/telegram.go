package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/neighborbot/neighborbot/bot/telegram/telegramtest"
)

// tgDriver drives the bot through Telegram as the bot sees it: nbload runs
// a fake Bot API server that the processes send to (Telegram's sending
// limits enforced, unless -tg-limits=false), and hands residents' messages
// to each process's webhook as Telegram (behind a load balancer that keeps
// a chat on one process) would. The bot's answers are the messages it sends
// to the fake.
type tgDriver struct {
	fake    *telegramtest.Server
	secret  string
	nextUpd atomic.Int64
	sends   chan sent

	mu      sync.Mutex
	byChat  map[int64]*group
	replied map[int64]bool // every message id the bot replied to
}

// sent is a send of the bot and when the fake took it.
type sent struct {
	telegramtest.Sent
	at time.Time
}

// tgSendMargin is how long a send may take from the bot to nbload's
// matching: a post is given up on only after a read this much later.
const tgSendMargin = time.Second

// sendQueue is how many of the bot's sends wait to be matched at most; the
// fake waits when it is full.
const sendQueue = 1 << 16

func startTelegram(limits bool) (*tgDriver, error) {
	b := make([]byte, 20) // the webhook's secret, then the bot's name
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	d := &tgDriver{fake: telegramtest.Start(), secret: hex.EncodeToString(b[:16]),
		sends: make(chan sent, sendQueue), byChat: map[int64]*group{}, replied: map[int64]bool{}}
	// A bot of its own for each run: the processes share Telegram's sending
	// limits through Redis under the bot's username, and keys of the run
	// before (the same chats) live on for a minute there, so a fixed name
	// lets one run's sends pace the next (or a concurrent) run's answers past
	// -timeout, counted as lost though only late.
	d.fake.Bot.Username = "nbload_" + hex.EncodeToString(b[16:]) + "_bot"
	d.fake.Quiet()
	if limits {
		d.fake.EnforceLimits()
	}
	d.fake.OnSend(func(m telegramtest.Sent) { d.sends <- sent{m, time.Now()} })
	return d, nil
}

func (d *tgDriver) close() { d.fake.Close() }

// env is what process i needs to use the fake and serve its webhook on a
// free loopback port; base is the webhook's address.
func (d *tgDriver) env(i int) (env []string, base string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	return []string{"NEIGHBORBOT_SANDBOX=true", // nbload waits for the sandbox to serve, and samples it
		"NEIGHBORBOT_TELEGRAM_ENABLED=true", "NEIGHBORBOT_TELEGRAM_TOKEN=" + telegramtest.Token,
		"NEIGHBORBOT_TELEGRAM_API_URL=" + d.fake.URL,
		"NEIGHBORBOT_TELEGRAM_WEBHOOK_URL=https://nbload.invalid/p" + strconv.Itoa(i),
		"NEIGHBORBOT_TELEGRAM_WEBHOOK_ADDR=" + addr, "NEIGHBORBOT_TELEGRAM_WEBHOOK_SECRET=" + d.secret}, "http://" + addr, nil
}

// webhookClient is a client of process webhook base.
func (d *tgDriver) webhookClient(base string, conns int) *client {
	c := newClient(base, conns)
	c.header = http.Header{"X-Telegram-Bot-Api-Secret-Token": {d.secret}}
	return c
}

// chatOf is the Telegram id of group i (a supergroup).
func chatOf(i int) int64 { return -1001000000000 - int64(i) }

// userOf is the Telegram user id of a person named name.
func userOf(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64()&(1<<40-1)) + 1_000_000
}

// watch lets the driver route the bot's sends to groups.
func (d *tgDriver) watch(groups []*group) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, g := range groups {
		d.byChat[g.chat] = g
	}
}

// post hands text from a resident of g to the process behind cl as a
// webhook update and returns the message's id.
func (d *tgDriver) post(ctx context.Context, cl *client, g *group, from, text string, replyTo int64) (int64, error) {
	id := d.fake.NextMessageID()
	chat := models.Chat{ID: g.chat, Type: models.ChatTypeSupergroup, Title: g.title}
	m := &models.Message{ID: id, Date: int(time.Now().Unix()), Chat: chat,
		From: &models.User{ID: userOf(from), FirstName: from}, Text: text}
	if replyTo != 0 {
		m.ReplyToMessage = &models.Message{ID: int(replyTo), Date: m.Date, Chat: chat}
	}
	u := models.Update{ID: d.nextUpd.Add(1), Message: m}
	if err := cl.do(ctx, http.MethodPost, "/", u, http.StatusOK, nil, postTimeout); err != nil {
		return 0, fmt.Errorf("webhook: %w", err)
	}
	return int64(id), nil
}

// deliver matches the bot's sends to the posts they answer until ctx ends.
func (d *tgDriver) deliver(ctx context.Context, r *runner) {
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-d.sends:
			d.mu.Lock()
			g := d.byChat[s.Chat]
			if s.ReplyTo != 0 {
				d.replied[int64(s.ReplyTo)] = true
			}
			d.mu.Unlock()
			if g == nil {
				continue // a private message to an officer
			}
			m := apiMessage{ID: int64(s.ID), FromBot: true, Text: s.Text, ReplyTo: int64(s.ReplyTo), At: s.at}
			for _, a := range g.read([]apiMessage{m}, s.at, s.at, true) {
				r.answered(g, a)
			}
		}
	}
}

// answeredPost reports whether the bot replied to message id.
func (d *tgDriver) answeredPost(id int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.replied[id]
}
