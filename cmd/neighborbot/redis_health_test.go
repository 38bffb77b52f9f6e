package main

import (
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestRedisDownDegradesHealth: a bot whose Redis does not answer starts,
// serves, answers, and says in /healthz?detail=1 that it works without it.
func TestRedisDownDegradesHealth(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a port nobody serves Redis on
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := startProgramEnv(t, tempDB(t), map[string]string{"NEIGHBORBOT_REDIS_URL": "redis://" + addr + "/0",
		"NEIGHBORBOT_INSTANCE": "p1"}, "sandbox chat: ")
	chat := "幸福社区一网格群(演示)"
	id := p.post(chat, "刘大爷", "3号楼电梯又坏了 老人上不去", 0)
	p.botReply(chat, id, id)
	var health struct {
		OK     bool `json:"ok"`
		Detail struct {
			Degraded map[string]string `json:"degraded"`
		} `json:"detail"`
	}
	if code := p.do("GET", "/healthz?detail=1", nil, &health); code != http.StatusOK || !health.OK {
		t.Fatalf("healthz = %d, %+v; want ok without Redis", code, health)
	}
	if !strings.Contains(health.Detail.Degraded["redis"], "redis down since") {
		t.Fatalf("health detail %+v does not say Redis is down", health.Detail)
	}
	if !strings.Contains(p.stderr.String(), "redis does not answer") {
		t.Fatalf("the log does not say Redis is down:\n%s", p.stderr)
	}
}
