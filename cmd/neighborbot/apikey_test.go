package main

import (
	"context"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store"
)

// apiKey creates a key for unit on the database at path and returns it.
func apiKey(t *testing.T, path, name, unit string) string {
	t.Helper()
	code, out, errOut := cli(t, map[string]string{"NEIGHBORBOT_DB": path}, "apikey", "create", "-name", name, "-unit", unit)
	if code != 0 {
		t.Fatalf("apikey create: %d %q %q", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func TestAPIKeyVerbs(t *testing.T) {
	path := demoDB(t)
	env := map[string]string{"NEIGHBORBOT_DB": path}
	key := apiKey(t, path, "热线App", "一网格")
	if !strings.HasPrefix(key, "nbk_") || len(key) < 30 {
		t.Fatalf("the last line must be the key alone: %q", key)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	k, err := db.FindAPIKey(context.Background(), nb.HashAPIKey(key))
	db.Close()
	if err != nil || k.Hash == key || !k.Active() {
		t.Fatalf("stored key: %+v, %v (only its hash is kept)", k, err)
	}

	code, _, errOut := cli(t, env, "apikey", "create", "-name", "热线App", "-unit", "一网格")
	if code != 1 || !strings.Contains(errOut, "exists") {
		t.Fatalf("a taken name: %d %q", code, errOut)
	}
	code, _, errOut = cli(t, env, "apikey", "create", "-name", "x")
	if code != 2 {
		t.Fatalf("without -unit: %d %q", code, errOut)
	}
	code, out, _ := cli(t, env, "apikey", "list")
	if code != 0 || !strings.Contains(out, "热线App") || !strings.Contains(out, "active") || strings.Contains(out, key) {
		t.Fatalf("apikey list: %d %q", code, out)
	}
	if code, out, errOut := cli(t, env, "apikey", "revoke", "热线App"); code != 0 {
		t.Fatalf("revoke: %d %q %q", code, out, errOut)
	}
	code, out, _ = cli(t, env, "apikey", "list")
	if code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("after revoke: %q", out)
	}
	if code, _, errOut := cli(t, env, "apikey", "revoke", "热线App"); code != 1 || !strings.Contains(errOut, "already revoked") {
		t.Fatalf("second revoke: %d %q", code, errOut)
	}
}
