package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cli runs Main with args against the database at db and returns the exit
// code, standard output and standard error.
func cli(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errOut.String()
}

func TestUnitAndInviteCommands(t *testing.T) {
	env := map[string]string{"NEIGHBORBOT_DB": tempDB(t)}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"unit", "list"}, 1, ""}, // an admin verb never creates the database
		{[]string{"migrate"}, 0, "schema version"},
		{[]string{"unit", "add", "-name", "东城街道", "-kind", "street"}, 0, "added unit 1 东城街道 (street)"},
		{[]string{"unit", "add", "-name", "和平社区", "-kind", "community", "-parent", "东城街道"}, 0, "added unit 2"},
		{[]string{"unit", "add", "-name", "和平社区", "-kind", "community"}, 1, ""},
		{[]string{"unit", "add", "-name", "X", "-kind", "planet"}, 2, ""},
		{[]string{"unit", "add", "-name", "Y", "-kind", "grid", "-parent", "无此单位"}, 1, ""},
		{[]string{"unit", "list"}, 0, "和平社区"},
		{[]string{"invite", "-role", "officer", "-unit", "无此单位"}, 1, ""},
		{[]string{"invite", "-role", "king", "-unit", "和平社区"}, 2, ""},
		{[]string{"invite", "-role", "officer"}, 2, ""},
	}
	for _, s := range steps {
		code, out, errOut := cli(t, env, s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Fatalf("%v: code %d, out %q, err %q", s.args, code, out, errOut)
		}
		if code != 0 && errOut == "" {
			t.Fatalf("%v: failed without saying why", s.args)
		}
	}
	code, out, _ := cli(t, env, "invite", "-role", "officer", "-unit", "和平社区")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !regexp.MustCompile(`^[A-Z2-9]{4}-[A-Z2-9]{4}$`).MatchString(lines[len(lines)-1]) {
		t.Fatalf("the code must be alone on the last line: %q", out)
	}
}

func TestInitMigrateVersion(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "nb.yaml")
	env := map[string]string{"NEIGHBORBOT_DB": filepath.Join(dir, "x.db")}
	if code, _, errOut := cli(t, env, "init", "-config", cfgPath); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	if fi, err := os.Stat(cfgPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("sample config: %v %v", fi, err)
	}
	if code, _, _ := cli(t, env, "init", "-config", cfgPath); code == 0 {
		t.Fatal("init must not overwrite a config")
	}
	if code, out, errOut := cli(t, env, "migrate", "-config", cfgPath); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %q %q", out, errOut)
	}
	backup := filepath.Join(dir, "backup.db")
	if code, out, errOut := cli(t, env, "backup", "-out", backup); code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %q %q", out, errOut)
	}
	if code, _, errOut := cli(t, env, "backup", "-out", backup); code == 0 || !strings.Contains(errOut, "exists") {
		t.Fatalf("backup over an existing file: %d %q", code, errOut)
	}
	if code, _, _ := cli(t, env, "backup"); code != 2 {
		t.Fatal("backup without -out is a usage error")
	}
	if code, out, _ := cli(t, env, "version"); code != 0 || !strings.HasPrefix(out, "neighborbot ") {
		t.Fatalf("version: %q", out)
	}
	if code, _, errOut := cli(t, env, "fly"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown verb: %d %q", code, errOut)
	}
}

func TestInvalidConfigStopsStart(t *testing.T) {
	cases := map[string]string{
		"NEIGHBORBOT_HTTP_ADDR": "not-an-address",
		"NEIGHBORBOT_LANGUAGE":  "fr",
		"NEIGHBORBOT_DEMO":      "maybe",
		"NEIGHBORBOT_TIMEZONE":  "Mars/Olympus",
	}
	for key, value := range cases {
		env := map[string]string{"NEIGHBORBOT_DB": tempDB(t), key: value}
		code, _, errOut := cli(t, env, "run")
		if code == 0 || !strings.Contains(errOut, key) {
			t.Errorf("%s=%s: code %d, stderr %q must name the key", key, value, code, errOut)
		}
	}
	redis := filepath.Join(t.TempDir(), "redis.yaml")
	if err := os.WriteFile(redis, []byte("redis:\n  url: http://user:hunter2@127.0.0.1:6379/0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": tempDB(t), "NEIGHBORBOT_CONFIG": redis}, "run")
	if code == 0 || !strings.Contains(errOut, "redis.url") || strings.Contains(errOut, "hunter2") {
		t.Errorf("a Redis URL that is not one must stop the start, without its password: code %d, %q", code, errOut)
	}
	model := filepath.Join(t.TempDir(), "model.yaml")
	if err := os.WriteFile(model, []byte("intake:\n  model: missing.gob.gz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	code, _, errOut = cli(t, map[string]string{"NEIGHBORBOT_DB": db, "NEIGHBORBOT_CONFIG": model}, "run")
	if code == 0 || !strings.Contains(errOut, "intake.model") || !strings.Contains(errOut, "missing.gob.gz") {
		t.Errorf("a model file that is not there must stop the start naming the key: code %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a start stopped by its model must create no database: %v", err)
	}
	code, _, errOut = cli(t, map[string]string{"NEIGHBORBOT_DB": tempDB(t), "NEIGHBORBOT_TELEGRAM_ENABLED": "true",
		"NEIGHBORBOT_TELEGRAM_TOKEN": "123456:secretpart", "NEIGHBORBOT_TELEGRAM_API_URL": "http://127.0.0.1:1"}, "run")
	if code == 0 || !strings.Contains(errOut, "telegram") || strings.Contains(errOut, "secretpart") {
		t.Errorf("an unreachable Bot API must stop the start without showing the token: code %d, %q", code, errOut)
	}
	code, _, errOut = cli(t, map[string]string{"NEIGHBORBOT_DB": filepath.Join(t.TempDir(), "no", "such", "dir.db")}, "run")
	if code == 0 || !strings.Contains(errOut, "database") {
		t.Errorf("a database in a missing folder: code %d, %q", code, errOut)
	}
}
