package bot

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Chain wraps h in middleware, the first one outermost.
func Chain(h HandlerFunc, mw ...Middleware) HandlerFunc {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// Recover turns a panicking handler into an internal error, so one bad
// message cannot stop the bot.
func Recover(next HandlerFunc) HandlerFunc {
	return func(c *Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				c.Logger.Error("handler panic", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = fmt.Errorf("handler panic: %v", r)
			}
		}()
		return next(c)
	}
}

// Log logs every handled message with its outcome and duration. It never
// logs the text (it may hold a phone number).
func Log(next HandlerFunc) HandlerFunc {
	return func(c *Context) error {
		start := time.Now()
		err := next(c)
		// The context's logger carries the platform and the message id.
		attrs := []any{"chat", c.Chat.ID, "person", c.Person.ID, "queued", c.queued, "took", time.Since(start)}
		if c.Command != nil {
			attrs = append(attrs, "command", c.Command.Name)
		}
		if errors.Is(err, ErrRetryLater) {
			c.Logger.Debug("message waits", attrs...)
		} else if err != nil {
			c.Logger.Error("message failed", append(attrs, "err", err)...)
		} else {
			c.Logger.Debug("message handled", attrs...)
		}
		return err
	}
}

// RequireRole lets only people who hold one of roles (in any scope) through;
// others get the forbidden handler's answer.
func RequireRole(forbidden HandlerFunc, roles ...nb.Role) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if c.Actor().HasRole(roles...) {
				return next(c)
			}
			return forbidden(c)
		}
	}
}

// discardLogger is used when no logger is given.
var discardLogger = slog.New(slog.DiscardHandler)
