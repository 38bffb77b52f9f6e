package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildBot builds cmd/neighborbot into a temporary folder: its run entry is
// in package main and cannot be started in-process from here.
func buildBot(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the bot; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the bot with")
	}
	bin := filepath.Join(t.TempDir(), "nbload-bot") // not a name other sessions stop by
	cmd := exec.Command(goBin, "build", "-o", bin, "../neighborbot")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestLoadAgainstTheRealBot runs a short, small load against the real bot:
// every message that deserves an answer gets exactly one, chit-chat none,
// and the figures are sane. Then the server is gone with its folder.
func TestLoadAgainstTheRealBot(t *testing.T) {
	bin := buildBot(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the spawned server's folder, to check it is removed
	cfg, err := parseConfig([]string{"-spawn", bin, "-groups", "20", "-grids", "2", "-residents", "5",
		"-rate", "50", "-duration", "3s", "-timeout", "15s", "-pollers", "8"}, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var log bytes.Buffer
	res, err := run(ctx, cfg, &log)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}

	var offered, sent, answered int64
	for name, k := range res.Kinds {
		offered += k.Offered
		sent += k.Sent
		answered += k.Answered
		if k.Failed != 0 || k.Lost != 0 {
			t.Errorf("%s: %d failed, %d lost", name, k.Failed, k.Lost)
		}
		if name != "chitchat" && k.Answered != k.Sent {
			t.Errorf("%s: %d sent, %d answered; want every one answered", name, k.Sent, k.Answered)
		}
	}
	if k := res.Kinds["report"]; k.Sent < 10 {
		t.Errorf("only %d reports sent", k.Sent)
	}
	if k := res.Kinds["chitchat"]; k.Sent < 50 || k.Answered != 0 {
		t.Errorf("chit-chat: %d sent, %d answered", k.Sent, k.Answered)
	}
	if res.Doubled != 0 || res.Unawaited != 0 || res.LateAnswer != 0 || res.Refused != 0 {
		t.Errorf("doubled %d, unawaited %d, late %d, refused %d; examples %v",
			res.Doubled, res.Unawaited, res.LateAnswer, res.Refused, res.Examples)
	}
	if res.ChitChecked < 50 || res.ChitAnswered != 0 {
		t.Errorf("chit-chat check: %d checked, %d answered", res.ChitChecked, res.ChitAnswered)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors %v", res.Errors)
	}
	// About 150 messages at about 50 a second; each answer counted once.
	if offered < 100 || offered > 220 || sent != offered || res.AcceptedPS < 30 || res.AcceptedPS > 75 {
		t.Errorf("offered %d, sent %d, accepted %.1f/s", offered, sent, res.AcceptedPS)
	}
	if res.Latency.N != answered || res.Latency.P50 <= 0 || res.Latency.P50 > res.Latency.P99 || res.Latency.P99 > res.Latency.Max {
		t.Errorf("latency %+v for %d answers", res.Latency, answered)
	}
	if res.NewCases+res.Joined != res.Kinds["report"].Answered+res.Kinds["dup"].Answered {
		t.Errorf("%d new cases + %d joined, want one of them per report", res.NewCases, res.Joined)
	}
	if !res.Spawned || res.PID == 0 || res.ServerRSSPeakMB < 5 || res.ServerCPU <= 0 || len(res.Series) == 0 {
		t.Errorf("server figures: pid %d, RSS %.1f MB, CPU %.1f %%, %d points", res.PID, res.ServerRSSPeakMB, res.ServerCPU, len(res.Series))
	}
	var summary bytes.Buffer
	printSummary(&summary, res)
	for _, want := range []string{"accepted", "p99", "doubled 0", "chitchat", "RSS peak"} {
		if !strings.Contains(summary.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, summary.String())
		}
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "nbload-*")); len(left) != 0 {
		t.Errorf("the server's folder was left behind: %v", left)
	}
}
