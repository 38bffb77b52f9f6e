package config

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	cat := func(name, prio, owner string) Category {
		return Category{Name: name, Keywords: []string{"k"}, Priority: prio, OwnerKind: owner}
	}
	for _, tc := range []struct {
		name   string
		modify func(c *Config)
		want   string // "" means valid
	}{
		{"default", func(c *Config) {}, ""},
		{"port only, sandbox off", func(c *Config) { c.HTTPAddr, c.Sandbox.Enabled = ":8080", false }, ""},
		{"sandbox beyond loopback", func(c *Config) { c.HTTPAddr = "0.0.0.0:8080" }, "config: http_addr: \"0.0.0.0:8080\" can be reached from other machines"},
		{"sandbox on a port only", func(c *Config) { c.HTTPAddr = ":8080" }, "sandbox.allow_remote"},
		{"sandbox remote allowed", func(c *Config) { c.HTTPAddr, c.Sandbox.AllowRemote = ":8080", true }, ""},
		{"sandbox on localhost", func(c *Config) { c.HTTPAddr = "localhost:9000" }, ""},
		{"no port", func(c *Config) { c.HTTPAddr = "abc" }, `config: http_addr: "abc" is not host:port`},
		{"bad port", func(c *Config) { c.HTTPAddr = "localhost:http" }, `http_addr: "localhost:http"`},
		{"port too big", func(c *Config) { c.HTTPAddr = ":70000" }, "http_addr:"},
		{"empty database", func(c *Config) { c.Database = "" }, "config: database: must be"},
		{"mysql", func(c *Config) { c.Database = "mysql://u:p@h/db" }, `database: unsupported scheme "mysql"`},
		{"postgresql ok", func(c *Config) { c.Database = "postgresql://h/db" }, ""},
		{"log level", func(c *Config) { c.LogLevel = "trace" }, `log_level: "trace" is not one of debug, info, warn, error`},
		{"log format", func(c *Config) { c.LogFormat = "xml" }, `log_format: "xml" is not one of text, json`},
		{"language", func(c *Config) { c.Language = "fr" }, `config: language: "fr" is not one of zh-CN, en`},
		{"timezone", func(c *Config) { c.TimeZone = "Mars/Olympus" }, `config: timezone: "Mars/Olympus" is not a time zone name such as Asia/Shanghai`},
		{"bot name", func(c *Config) { c.BotName = " " }, "bot_name: must not be empty"},
		{"bot username @", func(c *Config) { c.BotUsername = "@nb" }, "bot_username:"},
		{"telegram no token", func(c *Config) { c.Telegram.Enabled = true }, "config: telegram.token: required when telegram.enabled is true"},
		{"telegram ok", func(c *Config) { c.Telegram = Telegram{Enabled: true, Token: "123:AA-b_c"} }, ""},
		{"telegram bad token", func(c *Config) { c.Telegram.Token = "abc:def" }, "telegram.token: does not look like a bot token"},
		{"telegram server", func(c *Config) { c.Telegram.ServerURL = "ftp://x" }, "telegram.server_url:"},
		{"wechat no session", func(c *Config) { c.WeChat = WeChat{Enabled: true} }, "wechat.session_file: required"},
		{"redis scheme", func(c *Config) { c.Redis.URL = "http://r" }, "redis.url:"},
		{"rediss ok", func(c *Config) { c.Redis.URL = "rediss://:pw@r:6380/0" }, ""},
		{"quiet off", func(c *Config) { c.QuietHours = QuietHours{} }, ""},
		{"quiet half", func(c *Config) { c.QuietHours.End = "" }, "quiet_hours: start and end must both be set"},
		{"quiet start", func(c *Config) { c.QuietHours.Start = "24:00" }, `quiet_hours.start: "24:00" is not a time of day HH:MM`},
		{"quiet end", func(c *Config) { c.QuietHours.End = "7:00" }, `quiet_hours.end: "7:00"`},
		{"quiet equal", func(c *Config) { c.QuietHours.End = "22:00" }, "quiet_hours.end: must differ"},
		{"urgent zero", func(c *Config) { c.TimeLimits.Urgent = Duration{} }, "config: time_limits.urgent: must be positive"},
		{"utilities", func(c *Config) { c.TimeLimits.Utilities = Duration{-time.Hour} }, "time_limits.utilities: must be positive"},
		{"general", func(c *Config) { c.TimeLimits.General = Duration{} }, "time_limits.general: must be positive"},
		{"complex", func(c *Config) { c.TimeLimits.Complex = Duration{} }, "time_limits.complex: must be positive"},
		{"whistle", func(c *Config) { c.TimeLimits.WhistleAck = Duration{} }, "time_limits.whistle_ack: must be positive"},
		{"acceptance", func(c *Config) { c.TimeLimits.Acceptance = Duration{} }, "time_limits.acceptance: must be positive"},
		{"auto close", func(c *Config) { c.Rating.AutoCloseDays = 0 }, "rating.auto_close_days: must be at least 1"},
		{"weight high", func(c *Config) { c.Rating.BasicWeight = 1.5 }, "rating.basic_satisfied_weight: must be between 0 and 1"},
		{"weight NaN", func(c *Config) { c.Rating.BasicWeight = math.NaN() }, "rating.basic_satisfied_weight:"},
		{"weight zero ok", func(c *Config) { c.Rating.BasicWeight = 0 }, ""},
		{"threshold zero", func(c *Config) { c.Intake.AckThreshold = 0 }, "intake.ack_threshold: must be greater than 0"},
		{"threshold one ok", func(c *Config) { c.Intake.AckThreshold = 1 }, ""},
		{"dup window", func(c *Config) { c.Intake.DuplicateWindow = Duration{} }, "intake.duplicate_window: must be positive"},
		{"max attempts", func(c *Config) { c.Outbox.MaxAttempts = 0 }, "outbox.max_attempts: must be at least 1"},
		{"wechat short token", func(c *Config) { c.WeChat.Enabled, c.WeChat.AdminToken = true, "abc123" },
			"wechat.admin_token: must be at least 16 characters when set, got 6"},
		{"wechat token ok", func(c *Config) { c.WeChat.Enabled, c.WeChat.AdminToken = true, "0123456789abcdef" }, ""},
		{"wechat too fast", func(c *Config) { c.WeChat.Enabled, c.WeChat.SendInterval = true, Duration{100 * time.Millisecond} },
			"wechat.send_interval: must be at least 1s"},
		{"retry base", func(c *Config) { c.Outbox.RetryBase = Duration{} }, "outbox.retry_base: must be positive"},
		{"invite ttl", func(c *Config) { c.InviteTTL = Duration{} }, "invite_ttl: must be positive"},
		{"categories ok", func(c *Config) {
			c.Categories = []Category{cat("水", "utilities", "partner"), cat("路", "general", "")}
		}, ""},
		{"category name", func(c *Config) { c.Categories = []Category{cat(" ", "general", "")} }, "categories[0].name: must not be empty"},
		{"category dup", func(c *Config) { c.Categories = []Category{cat("a", "general", ""), cat("a", "general", "")} },
			`categories[1].name: "a" is already used by categories[0]`},
		{"category priority", func(c *Config) { c.Categories = []Category{cat("a", "high", "")} },
			`categories[0].priority: "high" is not one of urgent, utilities, general, complex`},
		{"category no priority", func(c *Config) { c.Categories = []Category{cat("a", "", "")} }, "categories[0].priority:"},
		{"lanes negative", func(c *Config) { c.Engine.Lanes = -1 }, "config: engine.lanes: must be between 0 (automatic) and 64, got -1"},
		{"lanes 8", func(c *Config) { c.Engine.Lanes = 8 }, ""},
		{"category owner", func(c *Config) { c.Categories = []Category{cat("a", "urgent", "police")} },
			`categories[0].owner_kind: "police" is not one of department, partner`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.modify(&c)
			err := c.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want it to contain %q", err, tc.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("Validate() error has no *FieldError: %v", err)
			}
		})
	}
}

func TestValidateReportsAll(t *testing.T) {
	c := Default()
	c.HTTPAddr, c.Language, c.Outbox.MaxAttempts = "x", "fr", 0
	err := c.Validate()
	u, ok := err.(interface{ Unwrap() []error })
	if !ok || len(u.Unwrap()) != 3 {
		t.Fatalf("want 3 joined problems, got %v", err)
	}
}

func TestDashboardProblems(t *testing.T) {
	c := Default()
	c.Dashboard.URL = "desk.example.org"
	c.Dashboard.LoginCodeTTL = Duration{2 * time.Hour}
	err := c.Validate()
	if err == nil || !strings.Contains(err.Error(), "dashboard.url") || !strings.Contains(err.Error(), "dashboard.login_code_ttl") {
		t.Fatalf("Validate = %v", err)
	}
	c.Dashboard.URL, c.Dashboard.LoginCodeTTL = "https://desk.example.org", Duration{5 * time.Minute}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}
