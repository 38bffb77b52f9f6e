package web_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/web"
)

func TestServerLifecycle(t *testing.T) {
	t.Parallel()
	srv := web.New("127.0.0.1:0", newSandbox(t, sandbox.WithWaitTimeout(time.Hour)), testLogger(t))
	const pollers = 5
	polling := make(chan struct{}, pollers)
	srv.OnRequest(func(r *http.Request) {
		if r.URL.Query().Get("wait") == "1" {
			polling <- struct{}{}
		}
	})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err == nil {
		t.Error("second Start succeeded")
	}
	base := "http://" + srv.Addr()
	if strings.HasSuffix(base, ":0") {
		t.Fatalf("Addr = %s, want the real port", srv.Addr())
	}

	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != "ok" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}

	// Long polls in flight do not hold up Shutdown, and are told why.
	polled := make(chan int, pollers)
	for i := range pollers {
		go func() {
			res, err := http.Get(fmt.Sprintf("%s/api/sandbox/messages?chat=private:p%d&wait=1", base, i))
			if err != nil {
				t.Log(err)
				polled <- 0
				return
			}
			res.Body.Close()
			polled <- res.StatusCode
		}()
	}
	for range pollers {
		<-polling
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("second Shutdown: %v", err)
	}
	for range pollers {
		select {
		case status := <-polled:
			if status != http.StatusServiceUnavailable {
				t.Errorf("long poll at shutdown: %d, want 503", status)
			}
		case <-ctx.Done():
			t.Fatal("long poll still running after Shutdown")
		}
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after Shutdown")
	}
	if err := srv.Start(); err == nil {
		t.Error("Start after Shutdown succeeded")
	}
}

func TestStartBusyPort(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv := web.New(ln.Addr().String(), nil, testLogger(t))
	err = srv.Start()
	if err == nil || !strings.Contains(err.Error(), "listen on "+ln.Addr().String()) {
		t.Fatalf("Start on a busy port: %v", err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestShutdownBeforeStart(t *testing.T) {
	t.Parallel()
	srv := web.New("127.0.0.1:0", nil, nil)
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestSandboxDisabled(t *testing.T) {
	t.Parallel()
	srv := web.New("127.0.0.1:0", nil, testLogger(t))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, srv) })
	for path, want := range map[string]int{"/healthz": 200, "/sandbox": 404, "/api/sandbox/chats": 404, "/": 404} {
		res, err := http.Get("http://" + srv.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
}
