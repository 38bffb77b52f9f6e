package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/bot/telegram"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/redis"
)

// shared is what the processes of one bot share besides the database:
// Redis, when configured.
type shared struct {
	rc *redis.Client // nil: in-process limits and polling only
}

// openShared connects the configured Redis. It does not wait for Redis to
// answer: a Redis down at start is used once it answers.
func openShared(cfg config.Config, logger *slog.Logger) (*shared, error) {
	if cfg.Redis.URL == "" {
		if cfg.Engine.Instance != config.Default().Engine.Instance && cfg.Sandbox.Enabled {
			logger.Warn("engine.instance is set, as for several processes, but redis.url is not: each process paces " +
				"its own sends and the sandbox chat does not show answers another process delivered; set redis.url")
		}
		return &shared{}, nil
	}
	rc, err := redis.Open(cfg.Redis.URL, redis.WithLogger(logger))
	if err != nil {
		return nil, fmt.Errorf("config: redis.url: %w", err)
	}
	if err := rc.Ping(context.Background()); err != nil {
		logger.Warn("redis does not answer at start: working on the database alone until it does", "err", err)
	} else {
		logger.Info("redis: shared sending limits and wake-ups on")
	}
	return &shared{rc: rc}, nil
}

// engineOptions share the engine's wake-ups and report Redis in its health.
func (s *shared) engineOptions() []bot.Option {
	if s.rc == nil {
		return nil
	}
	return []bot.Option{bot.WithNotifier(redis.NewNotifier(s.rc)), bot.WithStatus("redis", s.rc.Status)}
}

// telegramLimiter paces the Telegram bot: across every process through
// Redis, or within this one.
func (s *shared) telegramLimiter(tg *telegram.Adapter) bot.Limiter {
	if s.rc == nil {
		return bot.NewLocalLimiter(telegram.Limits())
	}
	return redis.NewLimiter(s.rc, "telegram:"+tg.Username(), telegram.Limits())
}

// runner keeps Redis's state in the health detail current.
func (s *shared) runner() func(context.Context) {
	if s.rc == nil {
		return nil
	}
	return s.rc.Watch
}

// Close closes the connections to Redis.
func (s *shared) Close() error {
	if s.rc == nil {
		return nil
	}
	return s.rc.Close()
}

// sandboxOptions share the sandbox's new lines between processes.
func (s *shared) sandboxOptions() []sandbox.Option {
	if s.rc == nil {
		return nil
	}
	return []sandbox.Option{sandbox.WithNotifier(redis.NewNotifier(s.rc))}
}
