package config

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const fileYAML = `
http_addr: 0.0.0.0:9000
database: postgres://nb:pw@db/nb
log_level: debug
demo: false
telegram:
  enabled: true
  token: "111:fromfile"
time_limits:
  general: 5d
redis:
  url: redis://file:6379
`

func TestLoadFileAndEnvPrecedence(t *testing.T) {
	path := writeFile(t, "nb.yaml", fileYAML)
	c, err := Load(path, env(map[string]string{
		"NEIGHBORBOT_HTTP_ADDR":      ":7000",
		"NEIGHBORBOT_DEMO":           "1",
		"NEIGHBORBOT_TELEGRAM_TOKEN": " 222:fromenv\n",
		"NEIGHBORBOT_LANGUAGE":       "en",
	}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"http_addr (env wins)", c.HTTPAddr, ":7000"},
		{"demo (env wins)", c.Demo, true},
		{"telegram.token (env wins, trimmed)", c.Telegram.Token, "222:fromenv"},
		{"language (env over default)", c.Language, "en"},
		{"database (file)", c.Database, "postgres://nb:pw@db/nb"},
		{"driver", c.DatabaseDriver(), "postgres"},
		{"log_level (file)", c.LogLevel, "debug"},
		{"telegram.enabled (file)", c.Telegram.Enabled, true},
		{"time_limits.general (file, days)", c.TimeLimits.General.Duration, 5 * 24 * time.Hour},
		{"time_limits.urgent (default kept)", c.TimeLimits.Urgent.Duration, 2 * time.Hour},
		{"redis.url (file)", c.Redis.URL, "redis://file:6379"},
		{"bot_name (default kept)", c.BotName, "邻里哨"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestLoadSecretFiles(t *testing.T) {
	tokenPath := writeFile(t, "token", "  333:fromsecretfile\n")
	redisPath := writeFile(t, "redis", "redis://:s3cret@redis:6379/1\n")
	yamlTokenPath := writeFile(t, "yamltoken", "444:fromyamlfile\n")

	t.Run("env files", func(t *testing.T) {
		c, err := Load("", env(map[string]string{
			"NEIGHBORBOT_TELEGRAM_ENABLED":        "true",
			"NEIGHBORBOT_TELEGRAM_TOKEN_FILE":     tokenPath,
			"NEIGHBORBOT_REDIS_URL_FILE":          redisPath,
			"NEIGHBORBOT_WECHAT_ADMIN_TOKEN_FILE": writeFile(t, "wxtoken", "0123456789abcdef-wx\n"),
		}))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if c.Telegram.Token != "333:fromsecretfile" || c.Redis.URL != "redis://:s3cret@redis:6379/1" ||
			c.WeChat.AdminToken != "0123456789abcdef-wx" {
			t.Errorf("token %q, redis %q, wechat admin token %q not read from files", c.Telegram.Token, c.Redis.URL,
				c.WeChat.AdminToken)
		}
	})
	t.Run("yaml token_file", func(t *testing.T) {
		path := writeFile(t, "nb.yaml", "telegram:\n  enabled: true\n  token_file: "+yamlTokenPath+"\n")
		c, err := Load(path, env(nil))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if c.Telegram.Token != "444:fromyamlfile" {
			t.Errorf("token = %q, want it read from token_file", c.Telegram.Token)
		}
		c, err = Load(path, env(map[string]string{"NEIGHBORBOT_TELEGRAM_TOKEN_FILE": tokenPath}))
		if err != nil || c.Telegram.Token != "333:fromsecretfile" {
			t.Errorf("env token file should win over yaml token_file: %q, %v", c.Telegram.Token, err)
		}
	})

	missing := filepath.Join(t.TempDir(), "nope")
	for _, tc := range []struct {
		name string
		yaml string
		env  map[string]string
		want []string
	}{
		{"missing env token file", "", map[string]string{"NEIGHBORBOT_TELEGRAM_TOKEN_FILE": missing},
			[]string{"NEIGHBORBOT_TELEGRAM_TOKEN_FILE", "no such file"}},
		{"missing env redis file", "", map[string]string{"NEIGHBORBOT_REDIS_URL_FILE": missing},
			[]string{"NEIGHBORBOT_REDIS_URL_FILE", "no such file"}},
		{"empty secret file", "", map[string]string{"NEIGHBORBOT_REDIS_URL_FILE": writeFile(t, "empty", " \n")},
			[]string{"NEIGHBORBOT_REDIS_URL_FILE", "empty"}},
		{"missing yaml token_file", "telegram:\n  token_file: " + missing + "\n", nil,
			[]string{"telegram.token_file", "no such file"}},
		{"token and token_file", "telegram:\n  token: \"1:a\"\n  token_file: " + tokenPath + "\n", nil,
			[]string{"token_file", "not both"}},
		{"token and token file env", "", map[string]string{
			"NEIGHBORBOT_TELEGRAM_TOKEN": "1:a", "NEIGHBORBOT_TELEGRAM_TOKEN_FILE": tokenPath},
			[]string{"NEIGHBORBOT_TELEGRAM_TOKEN_FILE", "conflicts with NEIGHBORBOT_TELEGRAM_TOKEN"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := ""
			if tc.yaml != "" {
				path = writeFile(t, "nb.yaml", tc.yaml)
			}
			_, err := Load(path, env(tc.env))
			assertErrContains(t, err, tc.want...)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		env  map[string]string
		want []string
	}{
		{"unknown top-level key", "http_addr: :80\nlog_levle: debug\n", nil,
			[]string{`line 2: unknown key "log_levle"`}},
		{"unknown nested key", "telegram:\n  enabled: false\n  tokn: x\n", nil,
			[]string{`line 3: unknown key "tokn"`}},
		{"yaml syntax error has line", "http_addr: :80\nrating: [\n", nil, []string{"line 2"}},
		{"bad duration has line and key", "time_limits:\n  urgent: soon\n", nil,
			[]string{`line 2: time_limits.urgent: invalid duration "soon"`}},
		{"duration not a scalar", "time_limits:\n  urgent: [1]\n", nil, []string{"line 2: time_limits.urgent:", "duration"}},
		{"bad number has key", "demo: true\nintake:\n  model: x.gob.gz\n  ack_threshold: high\n", nil,
			[]string{"line 4: intake.ack_threshold:"}},
		{"bad value in a list has key", "categories:\n  - name: 电梯\n    keywords: [电梯]\n    priority: [1]\n", nil,
			[]string{"line 4: categories[0].priority:"}},
		{"two documents", "demo: true\n---\ndemo: false\n", nil, []string{"single YAML document"}},
		{"bad bool env", "", map[string]string{"NEIGHBORBOT_DEMO": "maybe"},
			[]string{`NEIGHBORBOT_DEMO: invalid boolean "maybe"`}},
		{"bad sandbox env", "", map[string]string{"NEIGHBORBOT_SANDBOX": "enabled"},
			[]string{"NEIGHBORBOT_SANDBOX", "invalid boolean"}},
		{"bad string env names variable", "", map[string]string{"NEIGHBORBOT_LOG_LEVEL": "verbose"},
			[]string{"log_level (from NEIGHBORBOT_LOG_LEVEL)", `"verbose" is not one of debug, info, warn, error`}},
		{"telegram enabled by env without token", "", map[string]string{"NEIGHBORBOT_TELEGRAM_ENABLED": "yes"},
			[]string{"telegram.token: required when telegram.enabled is true"}},
		{"all problems at once", "log_format: xml\nlanguage: fr\n", map[string]string{"NEIGHBORBOT_HTTP_ADDR": "abc"},
			[]string{"log_format", "language", `http_addr (from NEIGHBORBOT_HTTP_ADDR): "abc" is not host:port`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := ""
			if tc.yaml != "" {
				path = writeFile(t, "nb.yaml", tc.yaml)
			}
			_, err := Load(path, env(tc.env))
			assertErrContains(t, err, tc.want...)
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "absent.yaml"), env(nil))
	assertErrContains(t, err, "absent.yaml", "no such file")
}

func TestLoadEmptyFile(t *testing.T) {
	c, err := Load(writeFile(t, "empty.yaml", "# nothing here\n"), env(nil))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.HTTPAddr != Default().HTTPAddr {
		t.Errorf("http_addr = %q, want default", c.HTTPAddr)
	}
}

func TestSecretsNotInErrors(t *testing.T) {
	const token = "notatoken-SECRET"
	const redisURL = "http://user:REDISPASS@host"
	const pg = "postgres://u:PGPASS@%zz/db"
	path := writeFile(t, "nb.yaml", "telegram:\n  token: "+token+"\n")
	_, err := Load(path, env(map[string]string{"NEIGHBORBOT_REDIS_URL": redisURL, "NEIGHBORBOT_DB": pg}))
	assertErrContains(t, err, "telegram.token", "does not look like a bot token", "redis.url", "database")
	for _, s := range []string{"SECRET", "REDISPASS", "PGPASS"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error leaks %q: %v", s, err)
		}
	}
}

func assertErrContains(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error, want one containing %q", want)
	}
	t.Logf("%v", err)
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not contain %q", err, w)
		}
	}
}

// TestTelegramTurnsSandboxOff checks that enabling Telegram switches the
// sandbox off unless the file or the environment switches it on.
func TestTelegramTurnsSandboxOff(t *testing.T) {
	base := map[string]string{"NEIGHBORBOT_TELEGRAM_ENABLED": "true", "NEIGHBORBOT_TELEGRAM_TOKEN": "123:abc",
		"NEIGHBORBOT_TELEGRAM_API_URL": "http://127.0.0.1:9/"}
	c, err := Load("", env(base))
	if err != nil || c.Sandbox.Enabled || c.Telegram.ServerURL != "http://127.0.0.1:9/" {
		t.Fatalf("telegram only: sandbox %v, server %q, %v", c.Sandbox.Enabled, c.Telegram.ServerURL, err)
	}
	base["NEIGHBORBOT_SANDBOX"] = "true"
	if c, err = Load("", env(base)); err != nil || !c.Sandbox.Enabled {
		t.Fatalf("sandbox asked for by env: %v, %v", c.Sandbox.Enabled, err)
	}
	delete(base, "NEIGHBORBOT_SANDBOX")
	path := writeFile(t, "c.yaml", "sandbox:\n  enabled: true\n")
	if c, err = Load(path, env(base)); err != nil || !c.Sandbox.Enabled {
		t.Fatalf("sandbox asked for by file: %v, %v", c.Sandbox.Enabled, err)
	}
	path = writeFile(t, "bad.yaml", "sandbox:\n  enable: true\n")
	if _, err = Load(path, env(nil)); err == nil || !strings.Contains(err.Error(), "sandbox.enable") {
		t.Fatalf("unknown sandbox key: %v", err)
	}
}

func TestSandboxAllowRemoteFromEnv(t *testing.T) {
	getenv := env(map[string]string{"NEIGHBORBOT_HTTP_ADDR": "0.0.0.0:8080"})
	if _, err := Load("", getenv); err == nil || !strings.Contains(err.Error(), "allow_remote") {
		t.Fatalf("the sandbox beyond loopback must be refused by default: %v", err)
	}
	c, err := Load("", env(map[string]string{"NEIGHBORBOT_HTTP_ADDR": "0.0.0.0:8080", "NEIGHBORBOT_SANDBOX_ALLOW_REMOTE": "true"}))
	if err != nil || !c.Sandbox.AllowRemote {
		t.Fatalf("NEIGHBORBOT_SANDBOX_ALLOW_REMOTE=true (as in the container): %v", err)
	}
}
