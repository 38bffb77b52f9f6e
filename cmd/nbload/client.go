package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// client talks to the bot's sandbox JSON API the way an outside client
// would. It answers 429 by waiting Retry-After (every request waits, not
// only the refused one) and counts errors by kind.
type client struct {
	base    string
	header  http.Header // sent with every request (a webhook's secret)
	hc      *http.Client
	blocked atomic.Int64 // unix nanoseconds until which nobody sends (Retry-After)

	mu     sync.Mutex
	errors map[string]int64
}

// apiMessage is a sandbox message as the API returns it.
type apiMessage struct {
	ID      int64     `json:"id"`
	From    string    `json:"from"`
	FromBot bool      `json:"from_bot"`
	Text    string    `json:"text"`
	ReplyTo int64     `json:"reply_to"`
	At      time.Time `json:"at"`
}

// apiUnit is a unit as GET /api/sandbox/units returns it.
type apiUnit struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Parent string `json:"parent"`
}

// statusError is an answer other than the one expected.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.code, e.msg) }

// Limits of the client.
const (
	maxRetries429 = 5
	postTimeout   = 30 * time.Second
	pollTimeout   = 40 * time.Second // longer than the server's 25 s long poll
)

func newClient(base string, conns int) *client {
	tr := &http.Transport{
		Proxy:               nil, // loopback only: never through a proxy
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &client{base: base, hc: &http.Client{Transport: tr}, errors: map[string]int64{}}
}

func (c *client) close() { c.hc.CloseIdleConnections() }

// postMessage posts text to chat as from and returns the new message's id.
func (c *client) postMessage(ctx context.Context, chat, from, text string, replyTo int64) (int64, error) {
	body := map[string]any{"chat": chat, "from": from, "text": text}
	if replyTo != 0 {
		body["reply_to"] = replyTo
	}
	var out struct {
		ID int64 `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/api/sandbox/messages", body, http.StatusCreated, &out, postTimeout)
	return out.ID, err
}

// messages returns chat's messages after id; with wait it long-polls.
func (c *client) messages(ctx context.Context, chat string, after int64, wait bool) ([]apiMessage, error) {
	q := url.Values{"chat": {chat}, "after": {strconv.FormatInt(after, 10)}}
	if wait {
		q.Set("wait", "1")
	}
	var out []apiMessage
	err := c.do(ctx, http.MethodGet, "/api/sandbox/messages?"+q.Encode(), nil, http.StatusOK, &out, pollTimeout)
	return out, err
}

// do sends one request and decodes the answer into out when the status is
// want. A 429 is counted, waited out and tried again.
func (c *client) do(ctx context.Context, method, path string, body any, want int, out any, timeout time.Duration) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
	}
	for attempt := 0; ; attempt++ {
		if err := c.waitBlocked(ctx); err != nil {
			return err
		}
		retryAfter, err := c.once(ctx, method, path, payload, want, out, timeout)
		if retryAfter == 0 || attempt == maxRetries429 {
			return err
		}
		c.block(retryAfter)
	}
}

// once sends a request; for a 429 it returns how long to wait.
func (c *client) once(ctx context.Context, method, path string, payload []byte, want int, out any, timeout time.Duration) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var r io.Reader
	if payload != nil {
		r = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, r)
	if err != nil {
		return 0, err
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if kind := errKind(ctx, err); kind != "canceled" { // the run ending is no error
			c.count(kind)
		}
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		c.count(fmt.Sprintf("http_%d", resp.StatusCode))
		err := &statusError{code: resp.StatusCode, msg: string(bytes.TrimSpace(b))}
		if resp.StatusCode == http.StatusTooManyRequests {
			return retryAfter(resp.Header.Get("Retry-After")), err
		}
		return 0, err
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return 0, nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		c.count("bad_json")
		return 0, fmt.Errorf("%s %s: decode: %w", method, path, err)
	}
	return 0, nil
}

// retryAfter reads a Retry-After header in seconds (an HTTP date is not
// expected from the bot); a missing or bad value means one second.
func retryAfter(v string) time.Duration {
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < 3600 {
		return time.Duration(n * float64(time.Second))
	}
	return time.Second
}

// block stops every request of the client for d from now.
func (c *client) block(d time.Duration) {
	until := time.Now().Add(d).UnixNano()
	for {
		cur := c.blocked.Load()
		if cur >= until || c.blocked.CompareAndSwap(cur, until) {
			return
		}
	}
}

func (c *client) waitBlocked(ctx context.Context) error {
	for {
		d := time.Until(time.Unix(0, c.blocked.Load()))
		if d <= 0 {
			return nil
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// errKind names a transport error for the error counts.
func errKind(ctx context.Context, err error) string {
	var ne net.Error
	switch {
	case ctx.Err() == context.Canceled || errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection_reset"
	}
	return "transport"
}

func (c *client) count(kind string) {
	c.mu.Lock()
	c.errors[kind]++
	c.mu.Unlock()
}

// errorCounts returns a copy of the error counts.
func (c *client) errorCounts() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int64, len(c.errors))
	for k, v := range c.errors {
		out[k] = v
	}
	return out
}
