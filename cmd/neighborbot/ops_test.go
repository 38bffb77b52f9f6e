package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestConfigVerbSaysWhereEachValueCameFrom(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "nb.yaml")
	if err := os.WriteFile(file, []byte("language: en\ntelegram:\n  webhook_secret: s3cr3t-in-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEIGHBORBOT_CONFIG": file, "NEIGHBORBOT_TELEGRAM_TOKEN": "123456:tokensecret",
		"NEIGHBORBOT_TIMEZONE": "Europe/Berlin"}
	code, out, errOut := cli(t, env, "config")
	if code != 0 {
		t.Fatalf("config: %d %q", code, errOut)
	}
	for _, re := range []string{
		`(?m)^# config file: .*nb\.yaml$`,
		`(?m)^language +en +.*nb\.yaml$`,
		`(?m)^timezone +Europe/Berlin +NEIGHBORBOT_TIMEZONE$`,
		`(?m)^http_addr +127\.0\.0\.1:8080 +default$`,
		`(?m)^telegram\.token +'\*\*\*' +NEIGHBORBOT_TELEGRAM_TOKEN$`,
		`(?m)^telegram\.webhook_secret +'\*\*\*' +.*nb\.yaml$`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("want a line matching %s in:\n%s", re, out)
		}
	}
	if strings.Contains(out, "tokensecret") || strings.Contains(out, "s3cr3t") {
		t.Errorf("a secret was printed:\n%s", out)
	}
	if code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_LANGUAGE": "fr"}, "config"); code != 1 || !strings.Contains(errOut, "NEIGHBORBOT_LANGUAGE") {
		t.Errorf("an invalid setting: %d %q", code, errOut)
	}
}

func TestMigrateNamesTheMigrationsApplied(t *testing.T) {
	env := map[string]string{"NEIGHBORBOT_DB": tempDB(t)}
	code, out, errOut := cli(t, env, "migrate")
	if code != 0 || !strings.Contains(out, "applied 0001_init.sql\n") || !strings.Contains(out, "schema version") {
		t.Fatalf("first migrate: %d %q %q", code, out, errOut)
	}
	code, out, _ = cli(t, env, "migrate")
	if code != 0 || strings.Contains(out, "applied") || !strings.Contains(out, "no migration to apply") {
		t.Fatalf("second migrate: %d %q", code, out)
	}
}

// TestDefaultConfigFileInWorkingDirectory: with no -config and no
// NEIGHBORBOT_CONFIG, ./neighborbot.yaml is read, and the start log names
// it and the database.
func TestDefaultConfigFileInWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("neighborbot.yaml", []byte("database: from-file.db\ndemo: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := cli(t, nil, "migrate"); code != 0 || !strings.Contains(out, filepath.Join(dir, "from-file.db")) {
		t.Fatalf("migrate: %d %q %q", code, out, errOut)
	}
	p := startProgramEnv(t, "", map[string]string{"NEIGHBORBOT_DB": ""}, "sandbox chat: ")
	p.stop()
	log := p.stderr.String()
	if !strings.Contains(log, "config="+filepath.Join(dir, "neighborbot.yaml")) || !strings.Contains(log, "database="+filepath.Join(dir, "from-file.db")) {
		t.Errorf("the ready line names the config file and the database:\n%s", log)
	}
}

func TestHealthcheck(t *testing.T) {
	p := startProgram(t, tempDB(t), "--no-demo")
	if code, out, errOut := cli(t, nil, "healthcheck", "-url", p.base+"/healthz"); code != 0 || !strings.HasPrefix(out, "ok") {
		t.Fatalf("a running bot: %d %q %q", code, out, errOut)
	}
	addr := strings.TrimPrefix(p.base, "http://")
	if code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_HTTP_ADDR": addr}, "healthcheck"); code != 0 {
		t.Fatalf("the address from the config: %q", errOut)
	}
	p.stop()
	if code, _, errOut := cli(t, nil, "healthcheck", "-url", p.base+"/healthz"); code != 1 || !strings.Contains(errOut, "no answer") {
		t.Fatalf("a stopped bot: %d %q", code, errOut)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "unavailable: see /healthz?detail=1", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	if code, _, errOut := cli(t, nil, "healthcheck", "-url", down.URL+"/healthz"); code != 1 || !strings.Contains(errOut, "503") {
		t.Fatalf("a bot that cannot serve: %d %q", code, errOut)
	}
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/healthz",
		"0.0.0.0:80":     "http://127.0.0.1:80/healthz",
		":8080":          "http://127.0.0.1:8080/healthz",
		"[::]:8080":      "http://127.0.0.1:8080/healthz",
		"[::1]:8080":     "http://[::1]:8080/healthz",
	} {
		if got := healthURL(addr); got != want {
			t.Errorf("healthURL(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestDatabaseErrorsInWords(t *testing.T) {
	notes := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notes, []byte("shopping list: rice, eggs, tea, and a long enough line for a header\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"unit", "run"} {
		args := []string{verb}
		if verb == "unit" {
			args = append(args, "list")
		}
		code, _, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": notes}, args...)
		if code != 1 || !strings.Contains(errOut, notes+" is not a SQLite database") || strings.Count(errOut, notes) != 1 ||
			regexp.MustCompile(`\(\d+\)`).MatchString(errOut) {
			t.Errorf("%s on a text file: code %d, %q", verb, code, errOut)
		}
	}
}

func TestInitSaysHowToRun(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := cli(t, nil, "init")
	if code != 0 || !strings.Contains(out, "neighborbot run (in this folder) reads it") {
		t.Fatalf("init: %d %q %q", code, out, errOut)
	}
	if code, out, _ := cli(t, nil, "config"); code != 0 || !strings.Contains(out, "neighborbot.yaml") {
		t.Fatalf("config after init names the file: %q", out)
	}
}
