// Package wechat connects NeighborBot to WeChat groups through a personal
// account and the web (UOS desktop) protocol of github.com/eatmoreapple/openwechat,
// the only package that imports it.
//
// The protocol is fragile and the adapter is built around it: each login gets
// a new library Bot (hot login from the saved session, then push login, then a
// QR scan, with back-off between rounds); a dead session is noticed and
// replaced; the ids given to the engine are derived from group titles and
// member names, which survive the new UserNames of every login; and every send
// goes through the engine's outbox, paced by a limiter (see Limits).
package wechat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eatmoreapple/openwechat"
	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Config configures the adapter. Zero durations take the defaults below.
type Config struct {
	SessionFile string // hot-login session (a secret, mode 0600); "" = scan every time

	SendInterval time.Duration // least time between two sends (default 2 s)
	SendJitter   time.Duration // random extra gap after each send (default 1 s; <0 = none)
	HourlyCap    int           // sends in any hour (default 60; <0 = none)
	TooOftenWait time.Duration // wait after "operate too often" (1205) (default 5 min)

	ReloginMin time.Duration // first wait before logging in again (default 5 s)
	ReloginMax time.Duration // longest wait between login rounds (default 10 min)
	SyncMin    time.Duration // first wait after a failed sync poll (default 1 s)
	SyncMax    time.Duration // longest wait between failed sync polls (default 1 min)
	// GroupGrace is how long after a login a group the bot cannot find is
	// taken as not yet seen (sends retried) rather than gone (default 10 min):
	// groups not saved to the contact list show up only when they speak.
	GroupGrace time.Duration

	// QROut receives the login QR code drawn for a terminal (nil: none).
	QROut io.Writer
	// Transport, when set, carries all of the library's HTTP requests
	// (tests send them to a fake server).
	Transport http.RoundTripper
	Logger    *slog.Logger
	// Store keeps renamed groups' aliases (nil: they last until restart).
	Store nb.Store
	// OnState, when set, is called after each change of the session's
	// state (from the adapter's goroutines; it must not block).
	OnState func(Health)
	// MediaDir keeps residents' photos by content hash ("" = photos are
	// not kept); MaxImageBytes is the largest kept (default 5 MB);
	// PhotoWindow links a photo to its sender's text in the group within
	// that time, before or after it (default 10 min). See media.go.
	MediaDir      string
	MaxImageBytes int64
	PhotoWindow   time.Duration
	// Welcome greets each new group member once (welcome.go); "" = off.
	Welcome string
	// AlertPlatforms are the other enabled platforms on which admins are
	// told privately when the session dies (see alert.go).
	AlertPlatforms []nb.Platform
}

func (c *Config) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.SendInterval, 2*time.Second)
	if c.SendJitter == 0 {
		c.SendJitter = time.Second // < 0: none
	}
	if c.HourlyCap == 0 {
		c.HourlyCap = 60
	}
	def(&c.TooOftenWait, 5*time.Minute)
	def(&c.ReloginMin, 5*time.Second)
	def(&c.ReloginMax, 10*time.Minute)
	def(&c.SyncMin, time.Second)
	def(&c.SyncMax, time.Minute)
	def(&c.GroupGrace, 10*time.Minute)
	def(&c.PhotoWindow, 10*time.Minute)
	if c.MaxImageBytes <= 0 {
		c.MaxImageBytes = 5 << 20
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Limits are the sending limits for the engine's limiter: one send every
// SendInterval plus jitter, and at most HourlyCap an hour.
func (c Config) Limits() bot.Limits {
	c.defaults()
	l := bot.Limits{Account: []bot.Rate{{N: 1, Per: c.SendInterval}}, Jitter: max(c.SendJitter, 0)}
	if c.HourlyCap > 0 {
		l.Account = append(l.Account, bot.Rate{N: c.HourlyCap, Per: time.Hour})
	}
	return l
}

// Register makes a the engine's sender for WeChat, paced by cfg's limits
// through one lane: one queue for the account.
func Register(e *bot.Engine, a *Adapter) {
	e.RegisterSender(nb.PlatformWeChat, a, bot.WithLimiter(a.limiter), bot.WithLanes(1))
}

// Adapter is the WeChat platform: it keeps a session alive, hands group
// messages to the engine and sends the engine's messages (bot.Sender).
type Adapter struct {
	cfg    Config
	recv   bot.Receiver
	log    *slog.Logger
	quotes *quoteCache
	photos photos

	mu       sync.Mutex
	health   Health
	live     *openwechat.Bot
	onlineAt time.Time // when the live session logged in
	self     *openwechat.Self
	groups   map[string]map[string]*openwechat.Group // canonical title → UserName → group, this login
	aliases  map[string]string                       // later title → canonical title
	friends  contacts                                // this login's friends

	sendMu      sync.Mutex
	lastSend    time.Time       // when the last send started
	pausedUntil time.Time       // no sends before (after 1205)
	sendHook    func(time.Time) // tests: told each send's start
	// limiter paces the account's sends: the engine's (Register) and the
	// photos Send posts after a text, each of which counts as a send.
	limiter *bot.LocalLimiter

	lib       sync.Mutex   // the library's contact caches are not safe for concurrent use
	syncFails atomic.Int64 // consecutive failed sync polls
	alerted   atomic.Bool  // admins were told the session died
	ctx       context.Context
}

var _ bot.Sender = (*Adapter)(nil)

// New returns an adapter that hands messages to recv. Run starts it.
func New(cfg Config, recv bot.Receiver) *Adapter {
	cfg.defaults()
	return &Adapter{cfg: cfg, recv: recv, log: cfg.Logger.With("platform", "wechat"), quotes: newQuoteCache(2000),
		health: Health{State: StateStarting, Since: time.Now()}, ctx: context.Background(),
		limiter: bot.NewLocalLimiter(cfg.Limits())}
}

// Run keeps the account logged in until ctx ends: log in (hot, push, scan),
// serve the session until it dies, wait, and log in again with a new Bot.
// Waits grow from ReloginMin to ReloginMax while rounds keep failing.
func (a *Adapter) Run(ctx context.Context) error {
	a.ctx = ctx
	defer a.setState(StateStopped, nil)
	a.loadAliases(ctx)
	wait := a.cfg.ReloginMin
	for ctx.Err() == nil {
		b, err := a.login(ctx)
		if err == nil {
			started := time.Now()
			err = a.serve(ctx, b)
			if time.Since(started) > a.cfg.ReloginMax {
				wait = a.cfg.ReloginMin // it lived long: start the back-off afresh
			}
			if ctx.Err() == nil {
				a.setState(StateOffline, err)
				a.sessionDied(ctx, err)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		a.setState(StateOffline, err)
		a.log.Warn("wechat session ended; logging in again later", "err", safeErr(err), "wait", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(wait*2, a.cfg.ReloginMax)
	}
	return nil
}

// serve runs one logged-in session until it dies or ctx ends.
func (a *Adapter) serve(ctx context.Context, b *openwechat.Bot) error {
	self, err := b.GetCurrentUser()
	if err != nil {
		b.Exit()
		return err
	}
	groups, friends, gerr := fetchContacts(b)
	if gerr != nil {
		a.log.Warn("wechat: cannot list groups", "err", safeErr(gerr))
	}
	a.mu.Lock()
	a.live, a.self, a.groups, a.onlineAt = b, self, map[string]map[string]*openwechat.Group{}, time.Now()
	a.friends = contacts{byUN: map[string]string{}, byName: map[string][]string{}}
	for _, g := range groups {
		a.noteGroupLocked(&openwechat.Group{User: g})
	}
	for _, u := range friends {
		a.noteFriendLocked(u)
	}
	// Groups not saved to the contact list are only in init's recent chats.
	if resp := b.Storage.Response; resp != nil {
		for _, u := range resp.ContactList {
			if u != nil && u.IsGroup() {
				a.noteGroupLocked(&openwechat.Group{User: u})
			}
		}
	}
	a.health.Logins++
	a.health.Account = self.NickName
	a.mu.Unlock()
	a.setState(StateOnline, nil)
	a.log.Info("wechat logged in", "account", self.NickName, "groups", len(groups), "friends", len(friends))
	a.backOnline(ctx, self.NickName)
	// Not b.Block(): it reads the Bot's user unsynchronised with the sync
	// goroutine's Exit. The context ends (after the crash reason is set)
	// when the session dies or ctx ends; the library's sync loop then
	// stops by itself.
	<-b.Context().Done()
	if ctx.Err() == nil {
		err = b.CrashReason() // set before the Bot's context ended
	}
	a.mu.Lock()
	a.live, a.self, a.groups, a.friends = nil, nil, nil, contacts{}
	a.mu.Unlock()
	if err == nil && ctx.Err() == nil {
		err = errors.New("session ended")
	}
	return err
}

// fetchContacts lists the groups and the friends in the contact list as
// new objects: the library's own cache (self.Groups) is read by its sync
// goroutine without a lock and must not be reloaded from another goroutine.
func fetchContacts(b *openwechat.Bot) (groups, friends []*openwechat.User, err error) {
	members, err := b.Caller.WebWxGetContact(b.Context(), b.Storage.LoginInfo)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range members {
		switch {
		case u == nil:
		case u.IsGroup():
			groups = append(groups, u)
		case u.IsFriend() && !u.IsMP():
			friends = append(friends, u)
		}
	}
	return groups, friends, nil
}

// login tries a hot login from the saved session, then a push login (the
// phone asks to confirm), then a QR scan, each with a new library Bot.
func (a *Adapter) login(ctx context.Context) (*openwechat.Bot, error) {
	path := a.cfg.SessionFile
	if path != "" && (&sessionFile{path: path}).exists() {
		a.setState(StateHotLogin, nil)
		b := a.newBot(ctx)
		err := b.HotLogin(&sessionFile{path: path})
		if err == nil {
			return b, nil
		}
		b.Exit()
		a.log.Info("wechat hot login failed; trying push login", "err", safeErr(err))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		a.setState(StatePush, err)
		b = a.newBot(ctx)
		if err = b.PushLogin(&sessionFile{path: path}); err == nil {
			return b, nil
		}
		b.Exit()
		a.log.Info("wechat push login failed; showing a QR code", "err", safeErr(err))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	a.setState(StateScan, nil)
	b := a.newBot(ctx)
	var err error
	if path == "" {
		err = b.Login()
	} else {
		// A storage that reads nothing makes HotLogin fall back to a scan
		// (RetryLoginOption) and then save the new session into it.
		err = b.HotLogin(&sessionFile{path: path, noRead: true}, openwechat.NewRetryLoginOption())
	}
	if err != nil {
		b.Exit()
		return nil, fmt.Errorf("scan login: %w", err)
	}
	return b, nil
}

// newBot returns a fresh library Bot in desktop (UOS) mode, bound to ctx,
// with every callback set: the library's defaults print to stdout and open
// a browser.
func (a *Adapter) newBot(ctx context.Context) *openwechat.Bot {
	b := openwechat.DefaultBot(openwechat.Desktop, openwechat.WithContextOption(ctx))
	if a.cfg.Transport != nil {
		b.Caller.Client.HTTPClient().Transport = a.cfg.Transport
	}
	b.UUIDCallback = a.showQR
	b.ScanCallBack = func(openwechat.CheckLoginResponse) {
		a.setState(StateScanned, nil)
		a.log.Info("wechat QR code scanned; waiting for the phone to confirm")
	}
	b.LoginCallBack = nil
	b.SyncCheckCallback = func(openwechat.SyncCheckResponse) { a.syncFails.Store(0) }
	b.MessageErrorHandler = a.syncError(b)
	b.MessageHandler = a.handle
	return b
}

// syncError decides after a failed sync poll: a dead session (1100, 1101,
// 1102) ends the Bot; anything else waits, longer each time, instead of the
// library's immediate retry.
func (a *Adapter) syncError(b *openwechat.Bot) openwechat.MessageErrorHandler {
	return func(err error) error {
		if b.Context().Err() != nil {
			return err // stopping: not a failure
		}
		if dead(err) {
			a.log.Warn("wechat session is dead", "err", safeErr(err))
			return err
		}
		fails := a.syncFails.Add(1)
		wait := a.cfg.SyncMin
		for i := int64(1); i < fails && wait < a.cfg.SyncMax; i++ {
			wait *= 2
		}
		wait = min(wait, a.cfg.SyncMax)
		a.log.Warn("wechat sync failed; waiting", "err", safeErr(err), "wait", wait, "failures", fails)
		select {
		case <-b.Context().Done():
			return err
		case <-time.After(wait):
			return nil
		}
	}
}

// dead reports whether err means the session is over.
func dead(err error) bool {
	var r openwechat.Ret
	if !errors.As(err, &r) {
		return false
	}
	return r == 1100 || r == 1101 || r == 1102
}

// secrets in URLs the library puts into its errors: skey, sid, pass_ticket…
var queryRE = regexp.MustCompile(`\?[^\s"']*`)

// safeErr is err's text without URL query strings, which carry session keys.
func safeErr(err error) string {
	if err == nil {
		return ""
	}
	return queryRE.ReplaceAllString(err.Error(), "?…")
}

// safeError shows err without URL query strings but still unwraps to it,
// so that errors.Is sees a cancelled context.
type safeError struct{ err error }

func (e safeError) Error() string { return safeErr(e.err) }
func (e safeError) Unwrap() error { return e.err }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// short cuts s to n runes, with an ellipsis.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
