package main

import (
	"context"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
)

// demoDB returns the path of a database with the demo data.
func demoDB(t *testing.T) string {
	t.Helper()
	path := tempDB(t)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := sandbox.SeedDemo(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return path
}

// The README's examples work as written on the demo database: short unit
// names as in chat, and the closest names when none matches.
func TestCLIShortUnitNames(t *testing.T) {
	env := map[string]string{"NEIGHBORBOT_DB": demoDB(t)}
	for _, args := range [][]string{
		{"unit", "add", "-name", "第三网格", "-kind", "grid", "-parent", "幸福社区"},
		{"invite", "-role", "officer", "-unit", "幸福社区"},
		{"stats", "-unit", "幸福社区"},
	} {
		if code, out, errOut := cli(t, env, args...); code != 0 {
			t.Fatalf("%v: code %d, out %q, err %q", args, code, out, errOut)
		}
	}
	code, _, errOut := cli(t, env, "invite", "-role", "officer", "-unit", "幸福小区")
	if code != 1 || !strings.Contains(errOut, "closest: 幸福社区(演示)") {
		t.Fatalf("not found must list the closest names: %d %q", code, errOut)
	}
	code, _, errOut = cli(t, env, "stats", "-unit", "网格")
	if code != 1 || !strings.Contains(errOut, "several units") {
		t.Fatalf("an ambiguous name is refused with the matches: %d %q", code, errOut)
	}
}

func TestPersonRoleInviteVerbs(t *testing.T) {
	path := demoDB(t)
	env := map[string]string{"NEIGHBORBOT_DB": path}
	code, out, errOut := cli(t, env, "person", "list")
	if code != 0 || !strings.Contains(out, "王书记") || !strings.Contains(out, "李网格员") {
		t.Fatalf("person list: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, env, "role", "revoke", "-person", "李网格员", "-role", "grid_worker", "-unit", "第一网格")
	if code != 0 || !strings.Contains(out, "revoked grid_worker of 李网格员 in 第一网格(演示)") {
		t.Fatalf("role revoke: %d %q %q", code, out, errOut)
	}
	if _, out, _ = cli(t, env, "person", "list"); strings.Contains(out, "李网格员") {
		t.Fatalf("the revoked role is still listed: %q", out)
	}
	if code, _, errOut = cli(t, env, "role", "revoke", "-person", "李网格员", "-role", "grid_worker", "-unit", "第一网格"); code != 1 || !strings.Contains(errOut, "does not hold") {
		t.Fatalf("revoking twice: %d %q", code, errOut)
	}
	if code, _, _ = cli(t, env, "role", "revoke", "-person", "李网格员"); code != 2 {
		t.Fatalf("a missing -role is a usage error: %d", code)
	}

	_, out, _ = cli(t, env, "invite", "-role", "officer", "-unit", "幸福社区")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	first := lines[len(lines)-1]
	_, out, _ = cli(t, env, "invite", "create", "-role", "department", "-unit", "城管办")
	lines = strings.Split(strings.TrimSpace(out), "\n")
	second := lines[len(lines)-1]
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx nb.Tx) error {
		p, err := tx.EnsurePerson(nb.PlatformSandbox, "新书记", "新书记")
		if err != nil {
			return err
		}
		_, err = tx.RedeemInvite(first, p.ID)
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errOut = cli(t, env, "invite", "revoke", strings.ToLower(second)); code != 0 || !strings.Contains(out, "revoked invite code "+second) {
		t.Fatalf("invite revoke: %d %q %q", code, out, errOut)
	}
	if code, _, errOut = cli(t, env, "invite", "revoke", first); code != 1 || !strings.Contains(errOut, "already used") {
		t.Fatalf("a used code cannot be revoked: %d %q", code, errOut)
	}
	code, out, _ = cli(t, env, "invite", "list")
	if code != 0 || !strings.Contains(out, first) || !strings.Contains(out, "used by 新书记") || !strings.Contains(out, "revoked") {
		t.Fatalf("invite list: %q", out)
	}
}
