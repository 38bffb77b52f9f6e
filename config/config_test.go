package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadDefaultsWithoutFile(t *testing.T) {
	c, err := Load("", env(nil))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load(\"\") = %+v, want Default() %+v", c, Default())
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("Default().Validate() = %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"http_addr", c.HTTPAddr, "127.0.0.1:8080"},
		{"database", c.Database, "neighborbot.db"},
		{"driver", c.DatabaseDriver(), "sqlite"},
		{"language", c.Language, "zh-CN"},
		{"timezone", c.TimeZone, "Asia/Shanghai"},
		{"bot_name", c.BotName, "邻里哨"},
		{"demo", c.Demo, true},
		{"sandbox", c.Sandbox.Enabled, true},
		{"telegram", c.Telegram.Enabled, false},
		{"general", c.TimeLimits.General.Duration, 7 * 24 * time.Hour},
		{"complex", c.TimeLimits.Complex.Duration, 15 * 24 * time.Hour},
		{"whistle_ack", c.TimeLimits.WhistleAck.Duration, 30 * time.Minute},
		{"basic weight", c.Rating.BasicWeight, 0.9},
		{"retry_base", c.Outbox.RetryBase.Duration, 2 * time.Second},
		{"invite_ttl", c.InviteTTL.Duration, 72 * time.Hour},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestDatabaseDriver(t *testing.T) {
	for _, tc := range []struct{ db, want string }{
		{"neighborbot.db", "sqlite"},
		{"/var/lib/nb/nb.db", "sqlite"},
		{"file:nb.db?_pragma=busy_timeout(5000)", "sqlite"},
		{"postgres://nb:pw@localhost/nb", "postgres"},
		{"postgresql://localhost/nb?sslmode=disable", "postgres"},
		{"POSTGRES://localhost/nb", "postgres"},
	} {
		if got := (Config{Database: tc.db}).DatabaseDriver(); got != tc.want {
			t.Errorf("DatabaseDriver(%q) = %q, want %q", tc.db, got, tc.want)
		}
	}
}

func TestPathFrom(t *testing.T) {
	for _, tc := range []struct{ flag, envVal, want string }{
		{"", "", ""},
		{"a.yaml", "", "a.yaml"},
		{"", "b.yaml", "b.yaml"},
		{"a.yaml", "b.yaml", "a.yaml"},
	} {
		got := PathFrom(tc.flag, env(map[string]string{"NEIGHBORBOT_CONFIG": tc.envVal}))
		if got != tc.want {
			t.Errorf("PathFrom(%q, %q) = %q, want %q", tc.flag, tc.envVal, got, tc.want)
		}
	}
}

func TestPathFromWorkingDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	noEnv := env(nil)
	if got := PathFrom("", noEnv); got != "" {
		t.Fatalf("no file here: %q", got)
	}
	if err := WriteSample(DefaultFile); err != nil {
		t.Fatal(err)
	}
	if got := PathFrom("", noEnv); got != DefaultFile {
		t.Fatalf("./%s exists: got %q", DefaultFile, got)
	}
	if got := PathFrom("", env(map[string]string{"NEIGHBORBOT_CONFIG": "b.yaml"})); got != "b.yaml" {
		t.Fatalf("NEIGHBORBOT_CONFIG wins over ./%s: got %q", DefaultFile, got)
	}
}

func TestRedacted(t *testing.T) {
	c := Default()
	c.Telegram.Token = "123456:SECRETtoken"
	c.Redis.URL = "redis://user:hunter2@redis:6379/0"
	c.Database = "postgres://nb:pgpass@db/nb"
	c.WeChat.AdminToken = "wxADMINsecret"
	c.Categories = []Category{{Name: "x", Keywords: []string{"k"}, Priority: "general"}}

	r := c.Redacted()
	dump := strings.Join([]string{r.Telegram.Token, r.Redis.URL, r.Database, r.WeChat.AdminToken}, " ")
	for _, secret := range []string{"SECRETtoken", "hunter2", "pgpass", "wxADMINsecret"} {
		if strings.Contains(dump, secret) {
			t.Errorf("Redacted leaks %q: %s", secret, dump)
		}
	}
	if r.Telegram.Token != "***" {
		t.Errorf("token = %q, want ***", r.Telegram.Token)
	}
	if want := "redis://user:***@redis:6379/0"; r.Redis.URL != want {
		t.Errorf("redis url = %q, want %q", r.Redis.URL, want)
	}
	if c.Telegram.Token != "123456:SECRETtoken" {
		t.Error("Redacted changed the original")
	}
	r.Categories[0].Keywords[0] = "changed"
	if c.Categories[0].Keywords[0] != "k" {
		t.Error("Redacted shares category keywords with the original")
	}
	if got := (Config{Redis: Redis{URL: "redis://redis:6379"}}).Redacted().Redis.URL; got != "redis://redis:6379" {
		t.Errorf("URL without password changed to %q", got)
	}
}
