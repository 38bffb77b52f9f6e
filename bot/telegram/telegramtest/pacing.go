package telegramtest

import (
	"slices"
	"testing"
	"time"
)

// Slots are the times a limiter gave its send slots, chat by chat, each
// chat's in the order given. A chat's messages go out one after another, so
// its n-th slot is the one its n-th send reached the fake in.
type Slots map[string][]time.Time

// send is one send as the fake took it, with the slot it went in.
type send struct {
	slot, at time.Time // given by the limiter; counted by the fake
	refused  bool
}

// CheckPacing checks a limiter's pacing, after EnforceLimits, from the
// slots it gave and the sends the fake took. The slots are checked exactly:
// never BotPerSecond+1 within a second, however loaded the machine. The
// fake counts a send when it reaches it, not when its slot was given, so a
// send held up between limiter and fake (a starved CPU, the race detector)
// by more than the limiter's margin can be refused (429) for the bot's
// limit: with the slots right, only such a delay explains it, and the
// longest measured is logged. A refusal for a chat's limit is an error
// (see unexplained). The load average, which lags a burst, decides nothing.
func (s *Server) CheckPacing(tb testing.TB, slots Slots) {
	tb.Helper()
	var all []time.Time
	for _, at := range slots {
		all = append(all, at...)
	}
	slices.SortFunc(all, time.Time.Compare)
	for i := BotPerSecond; i < len(all); i++ {
		if d := all[i].Sub(all[i-BotPerSecond]); d < time.Second {
			tb.Fatalf("the limiter gave %d slots within %s (slots %d to %d of %d)", BotPerSecond+1, d, i-BotPerSecond+1, i+1, len(all))
		}
	}
	ss := s.sends(tb, slots)
	var held time.Duration
	for _, x := range ss {
		held = max(held, x.at.Sub(x.slot))
	}
	tb.Logf("%d sends, %d refused (429); a send reached the fake up to %s after its slot", len(ss), s.Refused(), held.Round(time.Millisecond))
	for _, r := range unexplained(ss) {
		tb.Errorf("Telegram refused a send (429) %s after its slot, for a chat's limit", r.at.Sub(r.slot).Round(time.Millisecond))
	}
}

// sends pairs the sends the fake took with the slots.
func (s *Server) sends(tb testing.TB, slots Slots) []send {
	tb.Helper()
	var out []send
	seen := map[string]int{}
	for _, c := range s.Calls("") {
		if c.Method != "sendmessage" && c.Method != "sendphoto" || c.At.IsZero() {
			continue
		}
		chat := c.Fields["chat_id"]
		n := seen[chat]
		seen[chat]++
		if n >= len(slots[chat]) {
			tb.Fatalf("send %d to %s without a slot from the limiter", n+1, chat)
		}
		out = append(out, send{slot: slots[chat][n], at: c.At, refused: c.Result == nil})
	}
	return out
}

// unexplained returns the refusals the transport does not explain. The
// fake refuses a send for the bot's limit when BotPerSecond sends it
// accepted reached it within the second before. CheckPacing has checked
// that no BotPerSecond+1 slots fall within one second, so those sends and
// the refused one had slots a second or more apart and reached the fake
// closer together: one was held up between limiter and fake by more than
// the limiter's margin, and Telegram would see the same bunching. Such a
// refusal is explained, and the send still arrives after retry_after. A
// refusal with fewer accepted sends in its second was for a chat's limit,
// which the limiter must keep: it is never explained.
func unexplained(all []send) []send {
	var out []send
	for _, r := range all {
		if !r.refused {
			continue
		}
		n := 0
		for _, a := range all {
			if !a.refused && a.at.After(r.at.Add(-time.Second)) && !a.at.After(r.at) {
				n++
			}
		}
		if n < BotPerSecond {
			out = append(out, r)
		}
	}
	return out
}
