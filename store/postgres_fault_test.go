package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/store/pgtest"
)

// TestPostgresConnectionLostIsUnavailable: once the server cannot be
// reached, transactions fail as the store being unavailable (callers keep
// the work), not as the work's fault.
func TestPostgresConnectionLostIsUnavailable(t *testing.T) {
	p, dsn := pgtest.NewProxy(t, pgtest.URL(t))
	ctx := context.Background()
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p.Cut()
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
	// The server back: the store works again, on new connections.
	p.Restore()
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.PutSetting("k", "v") }); err != nil {
		t.Fatalf("after the server came back: %v", err)
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
