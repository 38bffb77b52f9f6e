package telegramtest

import (
	"time"
)

// Telegram's documented sending limits, as this fake enforces them after
// EnforceLimits: per bot, per group, per private chat.
const (
	BotPerSecond     = 30
	GroupPerMinute   = 20
	PrivatePerSecond = 1
)

// limits remembers when messages were sent, to refuse those over a limit.
type limits struct {
	bot     []time.Time
	chats   map[int64][]time.Time
	refused int
}

// EnforceLimits makes the fake answer 429 with retry_after to a send that
// would exceed Telegram's limits: 30 messages in any second from the bot,
// 20 in any minute to one group, 1 in any second to one private chat.
func (s *Server) EnforceLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = &limits{chats: map[int64][]time.Time{}}
}

// Refused returns how many sends were refused for going over a limit.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits == nil {
		return 0
	}
	return s.limits.refused
}

// overLimit checks a send to chat at now; the caller holds s.mu. It returns
// the retry_after to answer (0: the send is allowed and counted).
func (s *Server) overLimit(chat int64, now time.Time) int {
	l := s.limits
	if l == nil {
		return 0
	}
	l.bot = recent(l.bot, now, time.Second)
	per, n := time.Minute, GroupPerMinute
	if chat > 0 {
		per, n = time.Second, PrivatePerSecond
	}
	l.chats[chat] = recent(l.chats[chat], now, per)
	var wait time.Duration
	if len(l.bot) >= BotPerSecond {
		wait = l.bot[len(l.bot)-BotPerSecond].Add(time.Second).Sub(now)
	}
	if c := l.chats[chat]; len(c) >= n {
		wait = max(wait, c[len(c)-n].Add(per).Sub(now))
	}
	if wait > 0 {
		l.refused++
		return max(1, int((wait+time.Second-1)/time.Second))
	}
	l.bot = append(l.bot, now)
	l.chats[chat] = append(l.chats[chat], now)
	return 0
}

// recent keeps the times within per before now.
func recent(times []time.Time, now time.Time, per time.Duration) []time.Time {
	i := 0
	for i < len(times) && !times[i].After(now.Add(-per)) {
		i++
	}
	return times[i:]
}
