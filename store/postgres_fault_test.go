package store

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// proxy forwards TCP connections to a server until it is cut.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			p.wg.Add(2)
			go func() { defer p.wg.Done(); io.Copy(s, c); s.Close() }()
			go func() { defer p.wg.Done(); io.Copy(c, s); c.Close() }()
		}
	}()
	t.Cleanup(p.cut)
	return p
}

// cut closes the listener and every connection, as a server gone away.
func (p *proxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// TestPostgresConnectionLostIsUnavailable: once the server cannot be
// reached, transactions fail as the store being unavailable (callers keep
// the work), not as the work's fault.
func TestPostgresConnectionLostIsUnavailable(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	q := u.Query()
	q.Set("connect_timeout", "2")
	u.RawQuery = q.Encode()
	ctx := context.Background()
	db, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p.cut()
	for _, run := range []func() error{
		func() error { return db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "v") }) },
		func() error { return db.View(ctx, func(tx nb.Tx) error { _, err := tx.ListUnits(); return err }) },
	} {
		err := run()
		if !errors.Is(err, nb.ErrUnavailable) {
			t.Fatalf("transaction with the server gone = %v; want ErrUnavailable", err)
		}
		t.Log(err)
	}
}

// TestPostgresTwoProcessesLoseNoUpdate: two stores on one database (as two
// processes) increment one counter with read-then-write transactions;
// PostgreSQL fails one of two that conflict and Update runs it again, so
// none is lost.
func TestPostgresTwoProcessesLoseNoUpdate(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	var stores []*DB
	for range 2 {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		stores = append(stores, db)
	}
	c := &nb.Case{Text: "counter"}
	if err := stores[0].Update(ctx, func(tx nb.Tx) error { return tx.CreateCase(c) }); err != nil {
		t.Fatal(err)
	}
	const each = 20
	var wg sync.WaitGroup
	errs := make(chan error, 4*each)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				errs <- stores[i%2].Update(ctx, func(tx nb.Tx) error {
					got, err := tx.FindCaseByID(c.ID)
					if err != nil {
						return err
					}
					got.Extensions++
					return tx.UpdateCase(got)
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var got *nb.Case
	err := stores[1].View(ctx, func(tx nb.Tx) (err error) { got, err = tx.FindCaseByID(c.ID); return err })
	if err != nil || got.Extensions != 4*each {
		t.Fatalf("counter = %v, %v; want %d", got.Extensions, err, 4*each)
	}
}
