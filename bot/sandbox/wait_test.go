package sandbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
)

type waitResult struct {
	msgs []*nb.SandboxMessage
	err  error
}

// waitAsync runs Wait in a goroutine that the test awaits.
func waitAsync(t *testing.T, ctx context.Context, sb *sandbox.Platform, chat string, after int64) <-chan waitResult {
	t.Helper()
	ch := make(chan waitResult, 1)
	go func() {
		msgs, err := sb.Wait(ctx, chat, after)
		ch <- waitResult{msgs, err}
	}()
	return ch
}

func await(t *testing.T, ch <-chan waitResult) waitResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("Wait did not return")
		return waitResult{}
	}
}

func TestWaitReturnsExisting(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t)
	id, err := sb.Post(t.Context(), sandbox.PostRequest{Chat: group1, From: "小周", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := sb.Wait(t.Context(), group1, 0)
	if err != nil || len(msgs) != 1 || msgs[0].ID != id {
		t.Fatalf("Wait = %v, %v", msgs, err)
	}
}

func TestWaitWakesOnPostAndSend(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t, sandbox.WithWaitTimeout(time.Minute))
	ctx := t.Context()

	other := waitAsync(t, ctx, sb, group2, 0)
	got := waitAsync(t, ctx, sb, group1, 0)
	id, err := sb.Post(ctx, sandbox.PostRequest{Chat: group1, From: "小周", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if r := await(t, got); r.err != nil || len(r.msgs) != 1 || r.msgs[0].ID != id {
		t.Fatalf("Wait = %v, %v", r.msgs, r.err)
	}

	got = waitAsync(t, ctx, sb, group1, id)
	sid, err := sb.Send(ctx, bot.OutMessage{ChatID: group1, Text: "收到"})
	if err != nil {
		t.Fatal(err)
	}
	if r := await(t, got); r.err != nil || len(r.msgs) != 1 || r.msgs[0].Text != "收到" || !r.msgs[0].FromBot {
		t.Fatalf("Wait = %v, %v (sent %s)", r.msgs, r.err, sid)
	}

	// The other chat's reader is still waiting; a message there wakes it.
	select {
	case r := <-other:
		t.Fatalf("reader of another chat woke: %v, %v", r.msgs, r.err)
	default:
	}
	if _, err := sb.Send(ctx, bot.OutMessage{ChatID: group2, Text: "二群"}); err != nil {
		t.Fatal(err)
	}
	if r := await(t, other); r.err != nil || len(r.msgs) != 1 || r.msgs[0].Text != "二群" {
		t.Fatalf("Wait = %v, %v", r.msgs, r.err)
	}
}

func TestWaitTimesOut(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t, sandbox.WithWaitTimeout(20*time.Millisecond))
	msgs, err := sb.Wait(t.Context(), group1, 0)
	if err != nil || msgs == nil || len(msgs) != 0 {
		t.Fatalf("Wait = %#v, %v; want empty list", msgs, err)
	}
}

func TestWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	sb, _, _ := seeded(t, sandbox.WithWaitTimeout(time.Hour))
	ctx, cancel := context.WithCancel(t.Context())
	got := waitAsync(t, ctx, sb, group1, 0)
	cancel()
	if r := await(t, got); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("Wait = %v, %v; want context.Canceled", r.msgs, r.err)
	}
}
