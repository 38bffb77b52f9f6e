package redis_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/neighborbot/neighborbot/redis"
)

// sharedURL is the Redis the tests use, on this machine.
const sharedURL = "redis://127.0.0.1:6379/0"

// newPrefix returns a key prefix of the test's own, and deletes its keys
// when the test ends. It skips the test when Redis does not answer, unless
// NEIGHBORBOT_REQUIRE_REDIS is set (CI), where that fails it.
func newPrefix(t testing.TB) string {
	t.Helper()
	opts, _ := goredis.ParseURL(sharedURL)
	rdb := goredis.NewClient(opts)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		if os.Getenv("NEIGHBORBOT_REQUIRE_REDIS") != "" {
			t.Fatalf("redis at %s: %v (NEIGHBORBOT_REQUIRE_REDIS is set)", sharedURL, err)
		}
		t.Skipf("redis at %s: %v", sharedURL, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "nbtest:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		defer rdb.Close()
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
	})
	return prefix
}

// newClient opens a client on the shared Redis with the test's prefix.
func newClient(t testing.TB, prefix string) *redis.Client {
	t.Helper()
	c, err := redis.Open(sharedURL, redis.WithPrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// privateRedis is a redis-server of the test's own on a unix socket, which
// the test may stop and start again without disturbing the shared one.
type privateRedis struct {
	t    testing.TB
	dir  string
	cmd  *exec.Cmd
	done chan struct{}
}

// startPrivateRedis starts a redis-server (skipping the test if there is
// none) and stops it when the test ends.
func startPrivateRedis(t testing.TB) *privateRedis {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("NEIGHBORBOT_REQUIRE_REDIS") != "" {
			t.Fatal("redis-server not found (NEIGHBORBOT_REQUIRE_REDIS is set)")
		}
		t.Skip("redis-server not found")
	}
	dir, err := os.MkdirTemp("", "nbredis") // short: a socket path has at most 107 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	r := &privateRedis{t: t, dir: dir}
	r.start()
	t.Cleanup(r.stop)
	return r
}

// URL is the private server's address.
func (r *privateRedis) URL() string { return "unix://" + r.socket() }

func (r *privateRedis) socket() string { return filepath.Join(r.dir, "redis.sock") }

// start starts the server and waits until it answers.
func (r *privateRedis) start() {
	r.t.Helper()
	r.cmd = exec.Command("redis-server", "--port", "0", "--unixsocket", r.socket(), "--save", "", "--appendonly", "no",
		"--dir", r.dir)
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { _ = cmd.Wait(); close(done) }(r.cmd, r.done)
	rdb := goredis.NewClient(&goredis.Options{Network: "unix", Addr: r.socket()})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for rdb.Ping(context.Background()).Err() != nil {
		if time.Now().After(deadline) {
			r.t.Fatal("private redis-server did not answer within 10 s")
		}
		select {
		case <-r.done:
			r.t.Fatal("private redis-server exited at start")
		case <-time.After(20 * time.Millisecond): // polling a process that starts: no event to wait on
		}
	}
}

// stop kills the server (as a crash would) and waits for it to exit.
func (r *privateRedis) stop() {
	if r.cmd == nil {
		return
	}
	_ = r.cmd.Process.Kill()
	<-r.done
	r.cmd = nil
}
