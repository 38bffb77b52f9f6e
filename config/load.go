package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load builds the Config: Default, then the YAML file at path (if path is
// not empty), then NEIGHBORBOT_* environment variables read through getenv
// (callers pass os.Getenv), then secrets from files, then Validate. Errors
// name the YAML key or environment variable and never include a secret.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		if err := c.readFile(path); err != nil {
			return Config{}, err
		}
	}
	fromEnv, err := c.applyEnv(getenv)
	if err != nil {
		return Config{}, err
	}
	if (c.Telegram.Enabled || c.WeChat.Enabled) && !c.Sandbox.explicit && fromEnv["sandbox.enabled"] == "" {
		c.Sandbox.Enabled = false // a real platform is on: the sandbox only when asked for
	}
	c.Sandbox.explicit = false
	if f := c.Telegram.TokenFile; f != "" {
		tok, err := readSecretFile(f)
		if err != nil {
			src := "telegram.token_file"
			if fromEnv["telegram.token"] != "" {
				src = fromEnv["telegram.token"]
			}
			return Config{}, fmt.Errorf("config: %s: %w", src, err)
		}
		c.Telegram.Token = tok
	}
	if err := c.Metrics.loadToken(); err != nil {
		return Config{}, err
	}
	var errs []error
	for _, p := range c.problems() {
		p.Env = fromEnv[p.Key]
		errs = append(errs, p)
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	return c, nil
}

// readFile decodes one YAML document over c, rejecting unknown keys.
func (c *Config) readFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config: %s: %w", path, friendlyYAML(err, data))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("config: %s: expected a single YAML document", path)
	}
	if c.Telegram.Token != "" && c.Telegram.TokenFile != "" {
		return fmt.Errorf("config: %s: telegram: set token or token_file, not both", path)
	}
	return nil
}

var (
	unknownFieldRE = regexp.MustCompile(`^(line \d+): field (.+) not found in type \S+$`)
	lineRE         = regexp.MustCompile(`^line (\d+): `)
)

// friendlyYAML rewrites yaml.v3's "field x not found in type config.T" as
// `unknown key "x"`, keeping the line number, and names the key of a value
// that could not be read ("line 2: time_limits.urgent: invalid duration"),
// found in data, the document.
func friendlyYAML(err error, data []byte) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	keys := keysByLine(data)
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		if unknownFieldRE.MatchString(m) {
			msgs[i] = unknownFieldRE.ReplaceAllString(m, `$1: unknown key "$2"`)
		} else if sub := lineRE.FindStringSubmatch(m); sub != nil && keys[sub[1]] != "" {
			msgs[i] = sub[0] + keys[sub[1]] + ": " + m[len(sub[0]):]
		} else {
			msgs[i] = m
		}
	}
	return &yaml.TypeError{Errors: msgs}
}

// keysByLine maps each line of a YAML document that holds one key's value
// to the key's path (time_limits.urgent, categories[0].priority); a line
// with the values of several keys is left out.
func keysByLine(data []byte) map[string]string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil
	}
	keys, count := map[string]string{}, map[string]int{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if n.Kind == yaml.ScalarNode || n.Kind == yaml.AliasNode || n.Style&yaml.FlowStyle != 0 {
			line := strconv.Itoa(n.Line)
			keys[line] = path
			count[line]++
			return
		}
		for i, c := range n.Content {
			switch n.Kind {
			case yaml.MappingNode:
				if i%2 == 1 {
					walk(c, strings.TrimPrefix(path+"."+n.Content[i-1].Value, "."))
				}
			case yaml.SequenceNode:
				walk(c, path+"["+strconv.Itoa(i)+"]")
			default:
				walk(c, path)
			}
		}
	}
	walk(&doc, "")
	for line, n := range count {
		if n > 1 {
			delete(keys, line)
		}
	}
	return keys
}

// envVar maps one environment variable onto the key it overrides.
type envVar struct {
	name, key string
	set       func(c *Config, v string) error
}

var envVars = []envVar{
	{"NEIGHBORBOT_HTTP_ADDR", "http_addr", func(c *Config, v string) error { c.HTTPAddr = v; return nil }},
	{"NEIGHBORBOT_DB", "database", func(c *Config, v string) error { c.Database = v; return nil }},
	{"NEIGHBORBOT_DB_FILE", "database", func(c *Config, v string) (err error) { // a PostgreSQL URL with its password
		c.Database, err = readSecretFile(v)
		return err
	}},
	{"NEIGHBORBOT_LOG_LEVEL", "log_level", func(c *Config, v string) error { c.LogLevel = v; return nil }},
	{"NEIGHBORBOT_LOG_FORMAT", "log_format", func(c *Config, v string) error { c.LogFormat = v; return nil }},
	{"NEIGHBORBOT_LANGUAGE", "language", func(c *Config, v string) error { c.Language = v; return nil }},
	{"NEIGHBORBOT_TIMEZONE", "timezone", func(c *Config, v string) error { c.TimeZone = v; return nil }},
	{"NEIGHBORBOT_BOT_USERNAME", "bot_username", func(c *Config, v string) error { c.BotUsername = v; return nil }},
	{"NEIGHBORBOT_DEMO", "demo", func(c *Config, v string) error { return parseBool(v, &c.Demo) }},
	{"NEIGHBORBOT_DASHBOARD_URL", "dashboard.url", func(c *Config, v string) error { c.Dashboard.URL = v; return nil }},
	{"NEIGHBORBOT_SANDBOX", "sandbox.enabled", func(c *Config, v string) error { return parseBool(v, &c.Sandbox.Enabled) }},
	{"NEIGHBORBOT_TELEGRAM_WEBHOOK_URL", "telegram.webhook_url", func(c *Config, v string) error { c.Telegram.WebhookURL = v; return nil }},
	{"NEIGHBORBOT_TELEGRAM_WEBHOOK_ADDR", "telegram.webhook_addr", func(c *Config, v string) error { c.Telegram.WebhookAddr = v; return nil }},
	{"NEIGHBORBOT_TELEGRAM_WEBHOOK_SECRET", "telegram.webhook_secret", func(c *Config, v string) error { c.Telegram.WebhookSecret = v; return nil }},
	{"NEIGHBORBOT_TELEGRAM_API_URL", "telegram.server_url", func(c *Config, v string) error { c.Telegram.ServerURL = v; return nil }},
	{"NEIGHBORBOT_TELEGRAM_ENABLED", "telegram.enabled", func(c *Config, v string) error { return parseBool(v, &c.Telegram.Enabled) }},
	{"NEIGHBORBOT_WECHAT_ENABLED", "wechat.enabled", func(c *Config, v string) error { return parseBool(v, &c.WeChat.Enabled) }},
	{"NEIGHBORBOT_WECHAT_SESSION_FILE", "wechat.session_file", func(c *Config, v string) error { c.WeChat.SessionFile = v; return nil }},
	{"NEIGHBORBOT_WECHAT_ADMIN_TOKEN", "wechat.admin_token", func(c *Config, v string) error { c.WeChat.AdminToken = v; return nil }},
	{"NEIGHBORBOT_WECHAT_ADMIN_TOKEN_FILE", "wechat.admin_token", func(c *Config, v string) (err error) {
		c.WeChat.AdminToken, err = readSecretFile(v)
		return err
	}},
	{"NEIGHBORBOT_WECHAT_MEDIA_DIR", "wechat.media_dir", func(c *Config, v string) error { c.WeChat.MediaDir = v; return nil }},
	{"NEIGHBORBOT_TELEGRAM_TOKEN", "telegram.token", func(c *Config, v string) error {
		c.Telegram.Token, c.Telegram.TokenFile = v, ""
		return nil
	}},
	{"NEIGHBORBOT_TELEGRAM_TOKEN_FILE", "telegram.token", func(c *Config, v string) error {
		c.Telegram.Token, c.Telegram.TokenFile = "", v // read by Load after all overrides
		return nil
	}},
	{"NEIGHBORBOT_DB_CHECK", "database_check", func(c *Config, v string) error { return parseBool(v, &c.DatabaseCheck) }},
	{"NEIGHBORBOT_SANDBOX_ALLOW_REMOTE", "sandbox.allow_remote", func(c *Config, v string) error { return parseBool(v, &c.Sandbox.AllowRemote) }},
	{"NEIGHBORBOT_SANDBOX_MAX_WAITING", "sandbox.max_waiting", func(c *Config, v string) error { return parseInt(v, &c.Sandbox.MaxWaiting) }},
	{"NEIGHBORBOT_BACKLOG_LIMIT", "engine.backlog_limit", func(c *Config, v string) error { return parseInt(v, &c.Engine.BacklogLimit) }},
	{"NEIGHBORBOT_LANES", "engine.lanes", func(c *Config, v string) error { return parseInt(v, &c.Engine.Lanes) }},
	{"NEIGHBORBOT_INSTANCE", "engine.instance", func(c *Config, v string) error { c.Engine.Instance = v; return nil }},
	{"NEIGHBORBOT_OPEN311_ENABLED", "open311.enabled", func(c *Config, v string) error { return parseBool(v, &c.Open311.Enabled) }},
	{"NEIGHBORBOT_METRICS_TOKEN_FILE", "metrics.token_file", func(c *Config, v string) error { c.Metrics.TokenFile = v; return nil }},
	{"NEIGHBORBOT_QUIET_HOURS", "quiet_hours", parseQuietHours},
	{"NEIGHBORBOT_REDIS_URL", "redis.url", func(c *Config, v string) error { c.Redis.URL = v; return nil }},
	{"NEIGHBORBOT_REDIS_URL_FILE", "redis.url", func(c *Config, v string) (err error) {
		c.Redis.URL, err = readSecretFile(v)
		return err
	}},
}

// applyEnv applies every set variable and reports which key each came from.
func (c *Config) applyEnv(getenv func(string) string) (map[string]string, error) {
	fromEnv := make(map[string]string)
	var errs []error
	for _, e := range envVars {
		v := strings.TrimSpace(getenv(e.name))
		if v == "" {
			continue
		}
		if prev, ok := fromEnv[e.key]; ok {
			errs = append(errs, fmt.Errorf("config: %s: conflicts with %s; set only one", e.name, prev))
			continue
		}
		if err := e.set(c, v); err != nil {
			errs = append(errs, fmt.Errorf("config: %s: %w", e.name, err))
			continue
		}
		fromEnv[e.key] = e.name
	}
	return fromEnv, errors.Join(errs...)
}

// parseBool accepts true/false, 1/0, yes/no and on/off, in any case.
func parseBool(v string, dst *bool) error {
	switch strings.ToLower(v) {
	case "true", "1", "yes", "on":
		*dst = true
	case "false", "0", "no", "off":
		*dst = false
	default:
		return fmt.Errorf("invalid boolean %q (use true or false)", v)
	}
	return nil
}

// parseInt reads a whole number.
func parseInt(v string, dst *int) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("invalid whole number %q", v)
	}
	*dst = n
	return nil
}

// sandboxKeys are the keys of the sandbox section.
var sandboxKeys = map[string]bool{"enabled": true, "allowed_hosts": true, "max_waiting_per_client": true, "max_waiting": true, "allow_remote": true}

// UnmarshalYAML reads the sandbox section and notes that the file set
// enabled, so that enabling a real platform does not switch it off.
func (s *Sandbox) UnmarshalYAML(n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if !sandboxKeys[key] {
			return fmt.Errorf("line %d: unknown key \"sandbox.%s\"", n.Content[i].Line, key)
		}
		if key == "enabled" {
			s.explicit = true
		}
	}
	type plain Sandbox // without this method
	p := plain(*s)
	if err := n.Decode(&p); err != nil {
		return err
	}
	explicit := s.explicit
	*s = Sandbox(p)
	s.explicit = explicit
	return nil
}
