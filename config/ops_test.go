package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen311Limit(t *testing.T) {
	path := writeFile(t, "nb.yaml", "open311:\n  max_per_hour: -1\n")
	if _, err := Load(path, env(nil)); err == nil || !strings.Contains(err.Error(), "open311.max_per_hour") {
		t.Fatalf("a negative limit: %v", err)
	}
}

func TestMetricsTokenFile(t *testing.T) {
	tok := writeFile(t, "token", "s3cret\n")
	path := writeFile(t, "nb.yaml", "metrics:\n  token_file: "+tok+"\n")
	c, err := Load(path, env(nil))
	if err != nil || c.Metrics.Token != "s3cret" {
		t.Fatalf("Load = %q, %v", c.Metrics.Token, err)
	}
	if r := c.Redacted(); r.Metrics.Token != redacted {
		t.Errorf("Redacted keeps the metrics token")
	}
	c, err = Load("", env(map[string]string{"NEIGHBORBOT_METRICS_TOKEN_FILE": tok, "NEIGHBORBOT_OPEN311_ENABLED": "false"}))
	if err != nil || c.Metrics.Token != "s3cret" || c.Open311.Enabled {
		t.Fatalf("from the environment: %q %v, %v", c.Metrics.Token, c.Open311.Enabled, err)
	}
	missing := writeFile(t, "nb2.yaml", "metrics:\n  token_file: "+filepath.Join(t.TempDir(), "nope")+"\n")
	if _, err := Load(missing, env(nil)); err == nil || !strings.Contains(err.Error(), "metrics.token_file") {
		t.Fatalf("a missing token file: %v", err)
	}
}
