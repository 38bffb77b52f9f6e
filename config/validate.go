package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FieldError is one validation problem: the YAML key path, the reason, and
// the environment variable the value came from, if any.
type FieldError struct {
	Key    string // YAML key path, e.g. "time_limits.urgent" or "categories[2].name"
	Reason string // never contains a secret value
	Env    string // e.g. "NEIGHBORBOT_LOG_LEVEL" when the value came from there
}

// Error formats the problem as "config: key: reason".
func (e *FieldError) Error() string {
	if e.Env != "" {
		return "config: " + e.Key + " (from " + e.Env + "): " + e.Reason
	}
	return "config: " + e.Key + ": " + e.Reason
}

var (
	logLevels    = []string{"debug", "info", "warn", "error"}
	logFormats   = []string{"text", "json"}
	languages    = []string{"zh-CN", "en"}
	priorities   = []string{"urgent", "utilities", "general", "complex"}
	ownerKinds   = []string{"department", "partner", "community", "grid", "street", "district"}
	redisSchemes = []string{"redis", "rediss", "unix"}

	clockRE    = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	tokenRE    = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	usernameRE = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	schemeRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)
)

// Validate checks every field and returns all problems at once, joined with
// errors.Join; each is a *FieldError. It returns nil for a usable Config.
func (c Config) Validate() error {
	var errs []error
	for _, p := range c.problems() {
		errs = append(errs, p)
	}
	return errors.Join(errs...)
}

// problems collects *FieldErrors in key order.
type problems []*FieldError

func (ps *problems) add(key, format string, args ...any) {
	*ps = append(*ps, &FieldError{Key: key, Reason: fmt.Sprintf(format, args...)})
}

func (ps *problems) oneOf(key, v string, allowed []string) {
	if !slices.Contains(allowed, v) {
		ps.add(key, "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

func (ps *problems) positive(key string, d Duration) {
	if d.Duration <= 0 {
		ps.add(key, "must be positive")
	}
}

func (c Config) problems() problems {
	var ps problems
	if !validHostPort(c.HTTPAddr) {
		ps.add("http_addr", "%q is not host:port", c.HTTPAddr)
	} else if c.Sandbox.Enabled && !c.Sandbox.AllowRemote && !loopbackAddr(c.HTTPAddr) {
		ps.add("http_addr", "%q can be reached from other machines, and the sandbox lets anyone act as anyone "+
			"(officers included): listen on 127.0.0.1, turn the sandbox off (sandbox.enabled: false), or set "+
			"sandbox.allow_remote: true (NEIGHBORBOT_SANDBOX_ALLOW_REMOTE=true) on a network you trust", c.HTTPAddr)
	}
	ps.database(c.Database)
	ps.oneOf("log_level", c.LogLevel, logLevels)
	ps.oneOf("log_format", c.LogFormat, logFormats)
	ps.oneOf("language", c.Language, languages)
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		ps.add("timezone", "%q is not a time zone name such as Asia/Shanghai", c.TimeZone)
	}
	if strings.TrimSpace(c.BotName) == "" {
		ps.add("bot_name", "must not be empty")
	}
	if !usernameRE.MatchString(c.BotUsername) {
		ps.add("bot_username", "%q must be letters, digits and _ only, without @", c.BotUsername)
	}
	ps.platforms(c)
	c.Open311.problems(&ps)
	ps.quietHours(c.QuietHours)
	ps.broadcast(c.Broadcast)
	if _, ok := Weekdays[strings.ToLower(c.Report.Weekday)]; !ok {
		ps.add("weekly_report.weekday", "%q is not a day of the week (monday … sunday)", c.Report.Weekday)
	}
	if !clockRE.MatchString(c.Report.Time) {
		ps.add("weekly_report.time", "%q is not a time of day HH:MM", c.Report.Time)
	}

	t := c.TimeLimits
	ps.positive("time_limits.urgent", t.Urgent)
	ps.positive("time_limits.utilities", t.Utilities)
	ps.positive("time_limits.general", t.General)
	ps.positive("time_limits.complex", t.Complex)
	ps.positive("time_limits.whistle_ack", t.WhistleAck)
	ps.positive("time_limits.acceptance", t.Acceptance)
	if !(t.RemindAt > 0 && t.RemindAt < 1) {
		ps.add("time_limits.remind_at", "must be between 0 and 1 (exclusive), got %v", t.RemindAt)
	}
	if t.MaxExtensions < 0 {
		ps.add("time_limits.max_extensions", "must not be negative, got %d", t.MaxExtensions)
	}
	ps.positive("time_limits.max_extension", t.MaxExtension)
	ps.positive("time_limits.timer_interval", t.TimerInterval)
	if c.Rating.AutoCloseDays < 1 {
		ps.add("rating.auto_close_days", "must be at least 1, got %d", c.Rating.AutoCloseDays)
	}
	if w := c.Rating.BasicWeight; !(w >= 0 && w <= 1) {
		ps.add("rating.basic_satisfied_weight", "must be between 0 and 1, got %v", w)
	}
	if a := c.Intake.AckThreshold; !(a > 0 && a <= 1) {
		ps.add("intake.ack_threshold", "must be greater than 0 and at most 1, got %v", a)
	}
	ps.positive("intake.duplicate_window", c.Intake.DuplicateWindow)
	if c.Outbox.MaxAttempts < 1 {
		ps.add("outbox.max_attempts", "must be at least 1, got %d", c.Outbox.MaxAttempts)
	}
	ps.positive("outbox.retry_base", c.Outbox.RetryBase)
	if c.WeChat.Enabled {
		if c.WeChat.SendInterval.Duration < time.Second {
			ps.add("wechat.send_interval", "must be at least 1s (faster sends get personal accounts restricted), got %v",
				c.WeChat.SendInterval.Duration)
		}
		if c.WeChat.SendJitter.Duration < 0 || c.WeChat.HourlyCap < 1 {
			ps.add("wechat.hourly_cap", "must be at least 1 (and wechat.send_jitter not negative), got %d", c.WeChat.HourlyCap)
		}
		ps.positive("wechat.too_often_wait", c.WeChat.TooOftenWait)
		ps.positive("wechat.relogin_max", c.WeChat.ReloginMax)
		if c.WeChat.MaxImageBytes < 1 {
			ps.add("wechat.max_image_bytes", "must be at least 1, got %d", c.WeChat.MaxImageBytes)
		}
		if t := c.WeChat.AdminToken; t != "" && len(t) < 16 {
			// whoever guesses it can scan the login QR code and become the bot
			ps.add("wechat.admin_token", "must be at least 16 characters when set, got %d", len(t))
		}
	}
	if c.Sandbox.MaxWaitingPerClient < 1 || c.Sandbox.MaxWaiting < c.Sandbox.MaxWaitingPerClient {
		ps.add("sandbox.max_waiting_per_client", "must be at least 1 and at most sandbox.max_waiting (%d), got %d",
			c.Sandbox.MaxWaiting, c.Sandbox.MaxWaitingPerClient)
	}
	c.Dashboard.problems(&ps)
	if c.Engine.Batch < 1 || c.Engine.Batch > 1000 {
		ps.add("engine.batch", "must be between 1 and 1000, got %d", c.Engine.Batch)
	}
	if c.Engine.BacklogLimit < 0 {
		ps.add("engine.backlog_limit", "must be 0 (no limit) or more, got %d", c.Engine.BacklogLimit)
	}
	if c.Engine.Lanes < 0 || c.Engine.Lanes > 64 {
		ps.add("engine.lanes", "must be between 0 (automatic) and 64, got %d", c.Engine.Lanes)
	}
	if strings.TrimSpace(c.Engine.Instance) == "" || strings.ContainsAny(c.Engine.Instance, "/ ") {
		ps.add("engine.instance", "must be a name without spaces or slashes, got %q", c.Engine.Instance)
	}
	ps.positive("retention.inbox", c.Retention.Inbox)
	ps.positive("retention.outbox", c.Retention.Outbox)
	ps.positive("retention.sandbox", c.Retention.Sandbox)
	ps.positive("invite_ttl", c.InviteTTL)
	ps.categories(c.Categories)
	return ps
}

// platforms checks telegram, wechat and redis; secrets are never printed.
func (ps *problems) platforms(c Config) {
	switch {
	case c.Telegram.Enabled && c.Telegram.Token == "":
		ps.add("telegram.token", "required when telegram.enabled is true")
	case c.Telegram.Token != "" && !tokenRE.MatchString(c.Telegram.Token):
		ps.add("telegram.token", "does not look like a bot token (<digits>:<chars>)")
	}
	if s := c.Telegram.ServerURL; s != "" {
		if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ps.add("telegram.server_url", "%q is not an http(s) URL", s)
		}
	}
	ps.webhook(c.Telegram)
	if c.WeChat.Enabled && strings.TrimSpace(c.WeChat.SessionFile) == "" {
		ps.add("wechat.session_file", "required when wechat.enabled is true")
	}
	if s := c.Redis.URL; s != "" {
		if u, err := url.Parse(s); err != nil || !slices.Contains(redisSchemes, u.Scheme) {
			ps.add("redis.url", "is not a URL with scheme %s", strings.Join(redisSchemes, ", "))
		}
	}
}

// Weekdays maps the names weekly_report.weekday accepts to days.
var Weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

func (ps *problems) quietHours(q QuietHours) {
	if (q.Start == "") != (q.End == "") {
		ps.add("quiet_hours", "start and end must both be set, or both empty to turn quiet hours off")
	}
	if q.Start != "" && !clockRE.MatchString(q.Start) {
		ps.add("quiet_hours.start", "%q is not a time of day HH:MM", q.Start)
	}
	if q.End != "" && !clockRE.MatchString(q.End) {
		ps.add("quiet_hours.end", "%q is not a time of day HH:MM", q.End)
	}
	if q.Start != "" && q.Start == q.End {
		ps.add("quiet_hours.end", "must differ from quiet_hours.start")
	}
}

func (ps *problems) categories(cats []Category) {
	seen := make(map[string]int)
	for i, cat := range cats {
		key := fmt.Sprintf("categories[%d]", i)
		name := strings.TrimSpace(cat.Name)
		if name == "" {
			ps.add(key+".name", "must not be empty")
		} else if j, dup := seen[name]; dup {
			ps.add(key+".name", "%q is already used by categories[%d]", name, j)
		} else {
			seen[name] = i
		}
		ps.oneOf(key+".priority", cat.Priority, priorities)
		if cat.OwnerKind != "" {
			ps.oneOf(key+".owner_kind", cat.OwnerKind, ownerKinds)
		}
	}
}

// validHostPort accepts "host:port" and ":port" with a numeric port.
func validHostPort(s string) bool {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

// database never prints a PostgreSQL URL, which may hold a password.
func (ps *problems) database(dsn string) {
	switch {
	case strings.TrimSpace(dsn) == "":
		ps.add("database", "must be a SQLite file path or a postgres:// URL")
	case isPostgres(dsn):
		if _, err := url.Parse(dsn); err != nil {
			ps.add("database", "is not a valid postgres:// URL")
		}
	case strings.Contains(dsn, "://") && !strings.HasPrefix(dsn, "file:"):
		scheme, _, _ := strings.Cut(dsn, "://")
		if !schemeRE.MatchString(scheme) {
			scheme = "?"
		}
		ps.add("database", "unsupported scheme %q; use a SQLite file path or a postgres:// URL", scheme)
	}
}

// webhookSecretRE is what Telegram accepts as a webhook secret token.
var webhookSecretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)

// webhook checks the Telegram webhook settings; the secret is never printed.
func (ps *problems) webhook(t Telegram) {
	if t.WebhookURL == "" {
		return
	}
	if u, err := url.Parse(t.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
		ps.add("telegram.webhook_url", "%q is not an https URL", t.WebhookURL)
	}
	if !validHostPort(t.WebhookAddr) {
		ps.add("telegram.webhook_addr", "%q is not host:port (required with webhook_url)", t.WebhookAddr)
	}
	if !webhookSecretRE.MatchString(t.WebhookSecret) {
		ps.add("telegram.webhook_secret", "required with webhook_url: 16-256 characters of A-Z, a-z, 0-9, _ and -")
	}
}

// loopbackAddr reports whether host:port listens on this machine only.
func loopbackAddr(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// problems checks the dashboard's settings.
func (d Dashboard) problems(ps *problems) {
	if d.URL != "" && !strings.HasPrefix(d.URL, "http://") && !strings.HasPrefix(d.URL, "https://") {
		ps.add("dashboard.url", "%q must start with http:// or https://", d.URL)
	}
	if d.SessionTTL.Duration < time.Minute {
		ps.add("dashboard.session_ttl", "must be at least 1m, got %v", d.SessionTTL.Duration)
	}
	if d.LoginCodeTTL.Duration < time.Minute || d.LoginCodeTTL.Duration > time.Hour {
		ps.add("dashboard.login_code_ttl", "must be between 1m and 1h, got %v", d.LoginCodeTTL.Duration)
	}
}
