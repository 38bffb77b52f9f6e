package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// txPlatform sends inside the store's transaction, as the sandbox does,
// and records the order of the chats it sends to.
type txPlatform struct{ fakePlatform }

func (p *txPlatform) SendTx(_ nb.Tx, m bot.OutMessage) (string, error) {
	return p.Send(context.Background(), m)
}

func (p *txPlatform) Delivered(bot.OutMessage, string) {}

// TestDeliverInTxTakesChatsInKeyOrder: a batch sent in one transaction goes
// to its chats in the order of their keys, each chat's messages in their
// own order. The sandbox locks a chat to send to it, and its posts lock
// their chats in that order too: in the order of the outbox (g3 before g1
// here), a delivery and a batch of posts could each hold a chat the other
// waits for (PostgreSQL logged such deadlocks under load).
func TestDeliverInTxTakesChatsInKeyOrder(t *testing.T) {
	ctx := context.Background()
	_, db, _, clk := newEngine(t, echo)
	e := bot.NewEngine(db, echo, bot.WithClock(clk.Now))
	p := &txPlatform{}
	e.RegisterSender(nb.PlatformSandbox, p)
	for i, chat := range []string{"g3", "g1", "g2", "g1", "g3"} {
		if err := e.Receive(ctx, msg(chat, fmt.Sprint(i), fmt.Sprint(chat, "#", i))); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := e.ProcessPending(ctx); n != 5 || err != nil {
		t.Fatalf("processed %d, %v", n, err)
	}
	if n, err := e.DeliverPending(ctx); n != 5 || err != nil {
		t.Fatalf("delivered %d, %v", n, err)
	}
	var got []string
	for _, m := range p.sent {
		got = append(got, m.ChatID+" "+m.Text)
	}
	want := "[g1 echo: g1#1 g1 echo: g1#3 g2 echo: g2#2 g3 echo: g3#0 g3 echo: g3#4]"
	if fmt.Sprint(got) != want {
		t.Fatalf("sent in this order:\n%v\nwant\n%s", got, want)
	}
}

// holdRecorder records the chats whose leases the engine's transactions
// renew, in order.
type holdRecorder struct {
	nb.Store
	held []string
}

type holdRecorderTx struct {
	nb.Tx
	s *holdRecorder
}

func (s *holdRecorder) Update(ctx context.Context, fn func(nb.Tx) error) error {
	return s.Store.Update(ctx, func(tx nb.Tx) error { return fn(holdRecorderTx{tx, s}) })
}

func (tx holdRecorderTx) HoldChat(p nb.Platform, chatKey, owner string, lease time.Duration) (bool, error) {
	tx.s.held = append(tx.s.held, chatKey)
	return tx.Tx.HoldChat(p, chatKey, owner, lease)
}

// TestHandlingHoldsChatsInKeyOrder: the handling transaction renews its
// chats' leases in the order of their keys, as a claim takes chats, each
// once; in the order of the messages (g3 before g1 here), a claim taking
// over chats whose leases ran out mid-batch and the handling transaction
// each held a chat the other waited for (PostgreSQL deadlocks under load).
func TestHandlingHoldsChatsInKeyOrder(t *testing.T) {
	ctx := context.Background()
	_, db, _, clk := newEngine(t, echo)
	rec := &holdRecorder{Store: db}
	e := bot.NewEngine(rec, echo, bot.WithClock(clk.Now))
	for i, chat := range []string{"g3", "g1", "g2", "g1", "g3"} {
		if err := e.Receive(ctx, msg(chat, fmt.Sprint(i), "hi")); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := e.ProcessPending(ctx); n != 5 || err != nil {
		t.Fatalf("processed %d, %v", n, err)
	}
	if got := fmt.Sprint(rec.held); got != "[g1 g2 g3]" {
		t.Fatalf("leases renewed in the order %s; want [g1 g2 g3]", got)
	}
}
