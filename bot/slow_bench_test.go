package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// sleepyPlatform takes d for every send.
type sleepyPlatform struct{ d time.Duration }

func (s sleepyPlatform) Send(ctx context.Context, m bot.OutMessage) (string, error) {
	select {
	case <-time.After(s.d):
		return "t", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// notifying records sends and tells a channel of each.
type notifying struct{ sent chan string }

func (n notifying) Send(_ context.Context, m bot.OutMessage) (string, error) {
	n.sent <- m.Text
	return "s", nil
}

// BenchmarkHandlingBesideSlowPlatform is the time from a sandbox message
// received to its reply delivered by the running engine, with and without
// a Telegram whose every send takes 1.5 s kept busy all along. The two
// should match: a slow platform delays only itself.
func BenchmarkHandlingBesideSlowPlatform(b *testing.B) {
	for _, slow := range []bool{false, true} {
		b.Run(fmt.Sprintf("slow_telegram=%v", slow), func(b *testing.B) {
			_, db, _, _ := newEngine(b, echo)
			e := bot.NewEngine(db, echo)
			out := notifying{sent: make(chan string, 1)}
			e.RegisterSender(nb.PlatformSandbox, out)
			e.RegisterSender(nb.PlatformTelegram, sleepyPlatform{1500 * time.Millisecond})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { _ = e.Run(ctx); close(done) }()
			defer func() { cancel(); <-done }()
			if slow {
				for i := range 200 { // keeps Telegram's delivery busy for the whole run
					m := msg(fmt.Sprint("-", i), fmt.Sprint("t", i), "hi")
					m.Platform = nb.PlatformTelegram
					_ = e.Receive(ctx, m)
				}
			}
			i := 0
			for b.Loop() {
				i++
				if err := e.Receive(ctx, msg("g1", fmt.Sprint(i), "hi")); err != nil {
					b.Fatal(err)
				}
				<-out.sent
			}
		})
	}
}
