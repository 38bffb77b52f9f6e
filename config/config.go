// Package config holds NeighborBot's configuration: one Config struct, loaded
// once by cmd/neighborbot from an optional YAML file and NEIGHBORBOT_*
// environment variables, validated, and passed down. The package keeps no
// mutable state of its own.
package config

import (
	"os"
	"slices"
	"strings"
	"time"
)

// Config is the whole configuration of a NeighborBot process.
type Config struct {
	HTTPAddr string `yaml:"http_addr"`
	Database string `yaml:"database"`
	// DatabaseCheck runs a quick integrity check of the database file at
	// start (turn off for very large files).
	DatabaseCheck bool       `yaml:"database_check"`
	LogLevel      string     `yaml:"log_level"`
	LogFormat     string     `yaml:"log_format"`
	Language      string     `yaml:"language"`
	TimeZone      string     `yaml:"timezone"`
	BotName       string     `yaml:"bot_name"`
	BotUsername   string     `yaml:"bot_username"`
	Demo          bool       `yaml:"demo"`
	Sandbox       Sandbox    `yaml:"sandbox"`
	Dashboard     Dashboard  `yaml:"dashboard"`
	Telegram      Telegram   `yaml:"telegram"`
	WeChat        WeChat     `yaml:"wechat"`
	Redis         Redis      `yaml:"redis"`
	QuietHours    QuietHours `yaml:"quiet_hours"`
	Broadcast     Broadcast  `yaml:"broadcast"`
	Report        Report     `yaml:"weekly_report"`
	TimeLimits    TimeLimits `yaml:"time_limits"`
	Rating        Rating     `yaml:"rating"`
	Intake        Intake     `yaml:"intake"`
	Outbox        Outbox     `yaml:"outbox"`
	Engine        Engine     `yaml:"engine"`
	Retention     Retention  `yaml:"retention"`
	InviteTTL     Duration   `yaml:"invite_ttl"`
	Categories    []Category `yaml:"categories"`
	Open311       Open311    `yaml:"open311"`
	Metrics       Metrics    `yaml:"metrics"`
}

// Dashboard configures the officers' desk (/desk/): login, case board,
// statistics and exports.
type Dashboard struct {
	Enabled bool `yaml:"enabled"`
	// URL is the desk's address as officers reach it, for the login links
	// the bot sends (#登录); empty: http://<http_addr>.
	URL string `yaml:"url"`
	// SecureCookie marks the session cookie Secure; needed when the desk is
	// served over https by a proxy in front of it.
	SecureCookie bool `yaml:"secure_cookie"`
	// SessionTTL is how long a login lasts; LoginCodeTTL how long a code
	// sent by the bot may be used.
	SessionTTL   Duration `yaml:"session_ttl"`
	LoginCodeTTL Duration `yaml:"login_code_ttl"`
}

// Sandbox configures the built-in web chat used for trying the bot out.
// It is on by default, and off when a real platform is enabled unless the
// file or NEIGHBORBOT_SANDBOX switches it on explicitly.
type Sandbox struct {
	Enabled bool `yaml:"enabled"`
	// AllowedHosts are host names (besides localhost and loopback
	// addresses) under which the web server may be reached.
	AllowedHosts []string `yaml:"allowed_hosts"`
	// MaxWaitingPerClient and MaxWaiting cap the long polls (wait=1) held
	// open at once per client address and in all.
	MaxWaitingPerClient int `yaml:"max_waiting_per_client"`
	// AllowRemote lets the sandbox be served on an address other machines
	// reach (refused by default: the sandbox lets anyone act as anyone).
	AllowRemote bool `yaml:"allow_remote"`
	MaxWaiting  int  `yaml:"max_waiting"`
	explicit    bool // set in the file
}

// Telegram configures the Telegram adapter. Token is a secret.
type Telegram struct {
	Enabled   bool   `yaml:"enabled"`
	Token     string `yaml:"token"`
	TokenFile string `yaml:"token_file"` // read by Load into Token
	ServerURL string `yaml:"server_url"` // Bot API server; empty means api.telegram.org
	// Webhook mode instead of long polling: Telegram calls WebhookURL
	// (https, public), served on WebhookAddr, with WebhookSecret (a secret)
	// in the X-Telegram-Bot-Api-Secret-Token header.
	WebhookURL    string `yaml:"webhook_url"`
	WebhookAddr   string `yaml:"webhook_addr"`
	WebhookSecret string `yaml:"webhook_secret"`
}

// WeChat configures the WeChat adapter; SessionFile holds the login session
// (a secret, written with mode 0600). The sending limits protect the
// personal account from restrictions: keep them gentle.
type WeChat struct {
	Enabled     bool   `yaml:"enabled"`
	SessionFile string `yaml:"session_file"`
	// SendInterval is the least time between two sends, SendJitter a random
	// extra gap after each, HourlyCap the most sends in any hour.
	SendInterval Duration `yaml:"send_interval"`
	SendJitter   Duration `yaml:"send_jitter"`
	HourlyCap    int      `yaml:"hourly_cap"`
	// TooOftenWait is the pause after WeChat answers "operate too often".
	TooOftenWait Duration `yaml:"too_often_wait"`
	// ReloginMax is the longest wait between two login rounds.
	ReloginMax Duration `yaml:"relogin_max"`
	// QRTerminal draws the login QR code on standard output.
	QRTerminal bool `yaml:"qr_terminal"`
	// AdminToken (a secret), when set, lets whoever presents it reach the
	// login page /wechat/login from anywhere; without it the page answers
	// only this machine.
	AdminToken string `yaml:"admin_token"`
	// Welcome greets each new group member once with WelcomeText (how to
	// report; a built-in text when empty). Off by default: every send
	// counts against the account's limits.
	Welcome     bool   `yaml:"welcome"`
	WelcomeText string `yaml:"welcome_text"`
	// MediaDir keeps residents' photos, named by their content hash;
	// MaxImageBytes is the largest photo kept.
	MediaDir      string `yaml:"media_dir"`
	MaxImageBytes int64  `yaml:"max_image_bytes"`
}

// Redis configures the optional shared Redis; an empty URL means in-process.
// The URL may carry a password and is treated as a secret.
type Redis struct {
	URL string `yaml:"url"`
}

// QuietHours is a daily window ("HH:MM", local time) in which the bot posts
// nothing that can wait. Start after End wraps past midnight; both empty
// turns quiet hours off.
type QuietHours struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// Report configures the weekly report sent privately to each community's
// officers: last week's numbers and the overdue projects.
type Report struct {
	Enabled bool   `yaml:"enabled"`
	Weekday string `yaml:"weekday"` // monday … sunday
	Time    string `yaml:"time"`    // HH:MM, local time
}

// TimeLimits is the time-limit policy: how long an owner has to resolve a
// project of each priority, a unit has to acknowledge a whistle, and an
// officer has to accept a confirmed issue.
type TimeLimits struct {
	Urgent     Duration `yaml:"urgent"`
	Utilities  Duration `yaml:"utilities"`
	General    Duration `yaml:"general"`
	Complex    Duration `yaml:"complex"`
	WhistleAck Duration `yaml:"whistle_ack"`
	Acceptance Duration `yaml:"acceptance"`
	// RemindAt is the share of a project's limit after which its owner is
	// reminded (0 < x < 1).
	RemindAt float64 `yaml:"remind_at"`
	// MaxExtensions is how often an officer may extend one deadline (延期).
	MaxExtensions int `yaml:"max_extensions"`
	// MaxExtension is the longest single extension.
	MaxExtension Duration `yaml:"max_extension"`
	// TimerInterval is how often the scheduler looks for due reminders and
	// escalations.
	TimerInterval Duration `yaml:"timer_interval"`
}

// Rating configures residents' ratings of resolved cases.
type Rating struct {
	AutoCloseDays int     `yaml:"auto_close_days"`        // close unrated cases after this many days
	BasicWeight   float64 `yaml:"basic_satisfied_weight"` // weight of 基本满意 in 满意率
}

// Intake configures how chat messages are understood.
type Intake struct {
	Model           string   `yaml:"model"`            // classifier model path; empty = embedded
	AckThreshold    float64  `yaml:"ack_threshold"`    // confidence needed to acknowledge a concern
	DuplicateWindow Duration `yaml:"duplicate_window"` // how far back to look for duplicates
}

// Outbox configures delivery retries of outgoing messages.
type Outbox struct {
	MaxAttempts int      `yaml:"max_attempts"`
	RetryBase   Duration `yaml:"retry_base"` // first retry delay; later ones back off
}

// Engine tunes how incoming messages are taken in and handled.
type Engine struct {
	Batch        int    `yaml:"batch"`         // messages handled in one transaction
	BacklogLimit int    `yaml:"backlog_limit"` // unhandled messages above which intake is slowed
	Lanes        int    `yaml:"lanes"`         // loops handling messages side by side; 0: by database
	Instance     string `yaml:"instance"`      // this process's name among those sharing a database
}

// Retention says how long handled records are kept before they are pruned.
// Cases and their events (the audit trail and the statistics) are kept.
type Retention struct {
	Inbox   Duration `yaml:"inbox"`   // handled incoming messages (failed ones stay)
	Outbox  Duration `yaml:"outbox"`  // sent messages (a reply to an older bot message is not linked to its case)
	Sandbox Duration `yaml:"sandbox"` // sandbox chat lines
}

// Category is one entry of a custom taxonomy, replacing the intake
// package's built-in one when Config.Categories is not empty.
type Category struct {
	Name      string   `yaml:"name"`
	Keywords  []string `yaml:"keywords"`
	OwnerKind string   `yaml:"owner_kind"` // default owner unit kind; empty = none
	Priority  string   `yaml:"priority"`
}

// Default returns the configuration used when no file or environment
// variable says otherwise.
func Default() Config {
	return Config{
		HTTPAddr:      "127.0.0.1:8080",
		Database:      "neighborbot.db",
		DatabaseCheck: true,
		LogLevel:      "info",
		LogFormat:     "text",
		Language:      "zh-CN",
		TimeZone:      "Asia/Shanghai",
		BotName:       "邻里哨",
		BotUsername:   "neighborbot",
		Demo:          true,
		Sandbox:       Sandbox{Enabled: true, MaxWaitingPerClient: 512, MaxWaiting: 8192},
		Dashboard:     Dashboard{Enabled: true, SessionTTL: Duration{12 * time.Hour}, LoginCodeTTL: Duration{5 * time.Minute}},
		WeChat: WeChat{SessionFile: "wechat-session.json", SendInterval: Duration{2 * time.Second},
			SendJitter: Duration{time.Second}, HourlyCap: 60, TooOftenWait: Duration{5 * time.Minute},
			ReloginMax: Duration{10 * time.Minute}, QRTerminal: true, MediaDir: "wechat-media", MaxImageBytes: 5 << 20},
		QuietHours: QuietHours{Start: "22:00", End: "07:00"},
		Broadcast:  Broadcast{DailyQuota: 3, MaxLength: 500, Links: "approve", MaxAhead: Duration{30 * day}},
		Report:     Report{Weekday: "monday", Time: "09:00"},
		TimeLimits: TimeLimits{
			Urgent:        Duration{2 * time.Hour},
			Utilities:     Duration{24 * time.Hour},
			General:       Duration{7 * day},
			Complex:       Duration{15 * day},
			WhistleAck:    Duration{30 * time.Minute},
			Acceptance:    Duration{2 * time.Hour},
			RemindAt:      0.8,
			MaxExtensions: 1,
			MaxExtension:  Duration{15 * day},
			TimerInterval: Duration{time.Minute},
		},
		Rating:    Rating{AutoCloseDays: 7, BasicWeight: 0.9},
		Intake:    Intake{AckThreshold: 0.7, DuplicateWindow: Duration{72 * time.Hour}},
		Outbox:    Outbox{MaxAttempts: 8, RetryBase: Duration{2 * time.Second}},
		InviteTTL: Duration{72 * time.Hour},
		Engine:    Engine{Batch: 64, BacklogLimit: 20000, Instance: "local"},
		Retention: Retention{Inbox: Duration{30 * day}, Outbox: Duration{30 * day}, Sandbox: Duration{30 * day}},
		Open311:   Open311{Enabled: true, MaxPerHour: 120},
		Metrics:   Metrics{Enabled: true},
	}
}

// DatabaseDriver reports which store backs Database: "postgres" for a
// postgres:// or postgresql:// URL, "sqlite" for anything else (a file path).
func (c Config) DatabaseDriver() string {
	if isPostgres(c.Database) {
		return "postgres"
	}
	return "sqlite"
}

func isPostgres(dsn string) bool {
	s := strings.ToLower(dsn)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// DefaultFile is the config file used when neither -config nor
// NEIGHBORBOT_CONFIG names one and it exists in the working directory
// (neighborbot init writes it there).
const DefaultFile = "neighborbot.yaml"

// PathFrom chooses the config file path: the -config flag value if set,
// else NEIGHBORBOT_CONFIG, else DefaultFile if it exists in the working
// directory, else "" (no file, defaults and environment only).
func PathFrom(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if p := getenv("NEIGHBORBOT_CONFIG"); p != "" {
		return p
	}
	if _, err := os.Stat(DefaultFile); err == nil {
		return DefaultFile
	}
	return ""
}

// Redacted returns a copy that is safe to log: the Telegram token and the
// passwords in the Redis and PostgreSQL URLs are replaced by "***".
func (c Config) Redacted() Config {
	if c.Telegram.Token != "" {
		c.Telegram.Token = redacted
	}
	if c.Telegram.WebhookSecret != "" {
		c.Telegram.WebhookSecret = redacted
	}
	if c.Metrics.Token != "" {
		c.Metrics.Token = redacted
	}
	if c.WeChat.AdminToken != "" {
		c.WeChat.AdminToken = redacted
	}
	c.Redis.URL = redactURL(c.Redis.URL)
	if isPostgres(c.Database) {
		c.Database = redactURL(c.Database)
	}
	if c.Categories != nil {
		cats := make([]Category, len(c.Categories))
		for i, cat := range c.Categories {
			cat.Keywords = slices.Clone(cat.Keywords)
			cats[i] = cat
		}
		c.Categories = cats
	}
	return c
}
