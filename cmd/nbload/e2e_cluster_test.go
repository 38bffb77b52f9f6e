package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testRedis returns the URL of the Redis on this machine, or "" when it
// does not answer PING (then the processes share the database alone),
// unless NEIGHBORBOT_REQUIRE_REDIS is set. (Only redis/ imports go-redis.)
func testRedis(t *testing.T) string {
	err := pingRedis("127.0.0.1:6379")
	if err == nil {
		return "redis://127.0.0.1:6379/0"
	}
	if os.Getenv("NEIGHBORBOT_REQUIRE_REDIS") != "" {
		t.Fatalf("redis: %v (NEIGHBORBOT_REQUIRE_REDIS is set)", err)
	}
	t.Logf("redis: %v; the processes share the database alone", err)
	return ""
}

func pingRedis(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("PING answered %q", strings.TrimSpace(line))
	}
	return nil
}

// TestLoadAgainstThreeProcessesOneKilled: three real bot processes on one
// database take a load; one is killed with SIGKILL in the middle and its
// groups move to the others. Every message that deserves an answer gets
// exactly one, chit-chat none: what the dead process had taken is finished
// by the others once its leases expire.
func TestLoadAgainstThreeProcessesOneKilled(t *testing.T) {
	bin := buildBot(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	args := []string{"-spawn", bin, "-procs", "3", "-kill-after", "1500ms", "-groups", "30", "-grids", "3",
		"-residents", "5", "-rate", "40", "-duration", "4s", "-timeout", "100s", "-pollers", "8"}
	if url := testRedis(t); url != "" {
		args = append(args, "-redis", url)
	}
	cfg, err := parseConfig(args, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var log bytes.Buffer
	res, err := run(ctx, cfg, &log)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	if !bytes.Contains(log.Bytes(), []byte("killed process")) || res.Procs != 3 {
		t.Fatalf("no process was killed (%d processes):\n%s", res.Procs, log.String())
	}
	for name, k := range res.Kinds {
		if k.Lost != 0 {
			t.Errorf("%s: %d lost", name, k.Lost)
		}
		if name != "chitchat" && k.Answered != k.Sent {
			t.Errorf("%s: %d sent, %d answered; want every one answered once", name, k.Sent, k.Answered)
		}
	}
	if res.Doubled != 0 || res.ChitAnswered != 0 || res.ServerExit != "" {
		t.Errorf("doubled %d, chit-chat answered %d, exit %q; examples %v", res.Doubled, res.ChitAnswered, res.ServerExit, res.Examples)
	}
	if k := res.Kinds["report"]; k.Sent < 10 {
		t.Errorf("only %d reports sent", k.Sent)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "nbload-*")); len(left) != 0 {
		t.Errorf("the servers' folders were left behind: %v", left)
	}
}

// TestLoadThroughTelegram: two real bot processes take their messages from
// Telegram by webhook and send their answers to nbload's fake Bot API
// server, which enforces Telegram's sending limits: every message that
// deserves an answer gets exactly one, as a reply to it, chit-chat none,
// and no send is refused.
func TestLoadThroughTelegram(t *testing.T) {
	bin := buildBot(t)
	args := []string{"-spawn", bin, "-platform", "telegram", "-procs", "2", "-groups", "30", "-grids", "3",
		"-residents", "5", "-rate", "40", "-duration", "4s", "-timeout", "30s"}
	if url := testRedis(t); url != "" {
		args = append(args, "-redis", url)
	}
	cfg, err := parseConfig(args, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var log bytes.Buffer
	res, err := run(ctx, cfg, &log)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	for name, k := range res.Kinds {
		if k.Lost != 0 || k.Failed != 0 {
			t.Errorf("%s: %d lost, %d failed (%d replies still queued at the end: late, not lost)", name, k.Lost, k.Failed, res.OutboxPending)
		}
		if name != "chitchat" && k.Answered != k.Sent {
			t.Errorf("%s: %d sent, %d answered; want every one answered once", name, k.Sent, k.Answered)
		}
	}
	if k := res.Kinds["report"]; k.Sent < 10 || res.NewCases == 0 {
		t.Errorf("%d reports sent, %d new cases", k.Sent, res.NewCases)
	}
	if k := res.Kinds["officer"]; k.Sent > 0 && res.Refused != 0 {
		t.Errorf("%d of %d officers' commands refused: the officers' Telegram identities lack their role", res.Refused, k.Sent)
	}
	if res.Doubled != 0 || res.Unawaited != 0 || res.ChitChecked < 50 || res.ChitAnswered != 0 || res.TelegramRefused != 0 || len(res.Errors) != 0 {
		t.Errorf("doubled %d, unawaited %d, chit-chat %d checked %d answered, 429s %d, errors %v; examples %v",
			res.Doubled, res.Unawaited, res.ChitChecked, res.ChitAnswered, res.TelegramRefused, res.Errors, res.Examples)
	}
	if res.Platform != "telegram" || res.Latency.N == 0 || res.Latency.P99 > 20_000 {
		t.Errorf("platform %q, latency %+v", res.Platform, res.Latency)
	}
}
