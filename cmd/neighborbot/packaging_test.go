package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/neighborbot/neighborbot/config"
)

// repoFile reads a file at the repository's root.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goVersion is the Go version go.mod asks for.
func goVersion(t *testing.T) string {
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(repoFile(t, "go.mod"))
	if m == nil {
		t.Fatal("no go directive in go.mod")
	}
	return m[1]
}

// checkEnv fails unless every variable in vars is one the configuration
// reads, with a value it accepts.
func checkEnv(t *testing.T, where string, vars map[string]string) {
	t.Helper()
	settings, err := config.Explain("", func(k string) string { return vars[k] })
	if err != nil {
		t.Fatalf("%s: the settings do not load: %v", where, err)
	}
	used := map[string]bool{}
	for _, s := range settings {
		used[s.Source] = true
	}
	for k := range vars {
		if !used[k] {
			t.Errorf("%s sets %s, which the configuration does not read", where, k)
		}
	}
}

func TestDockerfile(t *testing.T) {
	df := repoFile(t, "Dockerfile")
	if !strings.Contains(df, "FROM golang:"+goVersion(t)+" AS build") {
		t.Errorf("the build stage uses the Go version of go.mod (%s)", goVersion(t))
	}
	for _, want := range []string{"CGO_ENABLED=0", "-X main.Version=${VERSION}", "USER 65532", "VOLUME /data",
		`CMD ["/usr/local/bin/neighborbot", "healthcheck"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(NEIGHBORBOT_\w+)=(\S+)`).FindAllStringSubmatch(df, -1) {
		vars[m[1]] = m[2]
	}
	// The image listens on all interfaces: compose.yaml allows the sandbox there.
	vars["NEIGHBORBOT_SANDBOX_ALLOW_REMOTE"] = "true"
	checkEnv(t, "Dockerfile", vars)
}

func TestComposeFile(t *testing.T) {
	var compose struct {
		Services map[string]struct {
			Ports       []string          `yaml:"ports"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal([]byte(repoFile(t, "compose.yaml")), &compose); err != nil {
		t.Fatal(err)
	}
	svc, ok := compose.Services["neighborbot"]
	if !ok || len(compose.Services) != 1 {
		t.Fatalf("one service, neighborbot: %+v", compose.Services)
	}
	for _, p := range svc.Ports {
		if !strings.HasPrefix(p, "127.0.0.1:") {
			t.Errorf("port %q: the sandbox must be published on loopback only", p)
		}
	}
	if len(svc.Volumes) == 0 || !strings.HasSuffix(svc.Volumes[0], ":/data") {
		t.Errorf("the data volume: %v", svc.Volumes)
	}
	env := map[string]string{"NEIGHBORBOT_HTTP_ADDR": "0.0.0.0:8080"} // from the image
	for k, v := range svc.Environment {
		env[k] = v
	}
	checkEnv(t, "compose.yaml", env)
}

// TestSystemdUnit checks docs/neighborbot.service with systemd-analyze
// (verify, and the exposure score of its hardening), where it is installed.
func TestSystemdUnit(t *testing.T) {
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("systemd-analyze not installed")
	}
	unit := repoFile(t, "docs/neighborbot.service")
	for _, want := range []string{"DynamicUser=yes", "StateDirectory=neighborbot", "ProtectSystem=strict", "NoNewPrivileges=yes"} {
		if !strings.Contains(unit, "\n"+want+"\n") {
			t.Errorf("the unit lacks %s", want)
		}
	}
	exe, err := os.Executable() // verify wants ExecStart to exist
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "neighborbot.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(unit, "/usr/local/bin/neighborbot", exe)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("systemd-analyze", "verify", path).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err = exec.Command("systemd-analyze", "security", "--offline=yes", path).CombinedOutput()
	if err != nil {
		t.Skipf("systemd-analyze security --offline: %v (systemd older than 250?)", err)
	}
	m := regexp.MustCompile(`Overall exposure level for \S+: (\d+\.\d)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no exposure level in:\n%s", out)
	}
	if level, _ := strconv.ParseFloat(string(m[1]), 64); level > 2.0 {
		t.Errorf("exposure level above 2.0 (OK):\n%s", out)
	}
}

// TestReadme: the exact Go version of go.mod, links only to files that
// exist inside the repository, the operations guide and the licence.
func TestReadme(t *testing.T) {
	readme := repoFile(t, "README.md")
	if !strings.Contains(readme, "Go "+goVersion(t)) {
		t.Errorf("README does not state go.mod's Go version %s", goVersion(t))
	}
	for _, want := range []string{"(docs/OPERATIONS.md)", "fonts-noto-cjk", "`LICENSE`"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README lacks %s", want)
		}
	}
	for _, m := range regexp.MustCompile(`\]\(([^)]+)\)|\x60(\.\./[^\x60]+)\x60`).FindAllStringSubmatch(readme, -1) {
		target := m[1] + m[2]
		if strings.HasPrefix(target, "https://") {
			continue
		}
		clean := filepath.Clean(target)
		if strings.HasPrefix(clean, "..") || filepath.IsAbs(clean) {
			t.Errorf("README links %s, outside the repository", target)
			continue
		}
		if _, err := os.Stat(filepath.Join("..", "..", clean)); err != nil {
			t.Errorf("README links %s: %v", target, err)
		}
	}
	if !strings.Contains(repoFile(t, "LICENSE"), "Apache License") {
		t.Error("LICENSE is not the Apache License")
	}
}
