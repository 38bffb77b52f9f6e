// SQLite only: the prepared-statement cache (pgx keeps its own per connection).

package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// The first transaction to run a query runs it unprepared; afterwards the
// pool has it prepared and later transactions reuse it.
func TestStmtCachePrepares(t *testing.T) {
	db := openTestDB(t, time.Now)
	ctx := context.Background()
	create := func(tx nb.Tx) error {
		return tx.CreateUnit(&nb.Unit{Name: fmt.Sprint("u", time.Now().UnixNano()), Kind: nb.UnitGrid})
	}
	if err := db.Update(ctx, create); err != nil {
		t.Fatal(err)
	}
	n := len(*db.wstmts.stmts.Load())
	if n == 0 {
		t.Fatal("no writer statement prepared after an Update")
	}
	for range 3 {
		if err := db.Update(ctx, create); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(*db.wstmts.stmts.Load()); got != n {
		t.Errorf("writer statements = %d after the same Updates, want %d", got, n)
	}
	if err := db.View(ctx, func(tx nb.Tx) error { _, err := tx.ListUnits(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(*db.rstmts.stmts.Load()) == 0 {
		t.Error("no reader statement prepared after a View")
	}
}

// Distinct query strings (IN lists of every length) fill the cache only up
// to maxCachedStmts; the rest run unprepared and still work.
func TestStmtCacheBounded(t *testing.T) {
	db := openTestDB(t, time.Now)
	ctx := context.Background()
	for n := 1; n <= maxCachedStmts+20; n++ {
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		err := db.View(ctx, func(tx nb.Tx) error {
			_, err := tx.ListCases(nb.CaseFilter{UnitIDs: ids})
			return err
		})
		if err != nil {
			t.Fatalf("%d ids: %v", n, err)
		}
	}
	if got := len(*db.rstmts.stmts.Load()); got != maxCachedStmts {
		t.Errorf("reader statements = %d, want %d", got, maxCachedStmts)
	}
}

// Many writers and readers at once, while statements are being prepared:
// no deadlock, no race, the writes all land.
func TestStmtCacheConcurrent(t *testing.T) {
	db := openTestDB(t, time.Now)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.CreateUnit(&nb.Unit{Name: "网格1", Kind: nb.UnitGrid}) }); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				err := db.Update(ctx, func(tx nb.Tx) error {
					u, err := tx.FindUnitByName("网格1")
					if err != nil {
						return err
					}
					return tx.CreateCase(&nb.Case{Text: fmt.Sprint(w, "-", i), Category: "环境卫生", UnitID: u.ID,
						Priority: nb.PriorityGeneral, ReportMsg: fmt.Sprint("m", w, "-", i)})
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
		wg.Go(func() {
			for i := range each {
				err := db.View(ctx, func(tx nb.Tx) error {
					_, err := tx.ListCases(nb.CaseFilter{Category: "环境卫生", UnitIDs: make([]int64, 1+(w+i)%5)})
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var n int
	err := db.View(ctx, func(tx nb.Tx) error {
		var err error
		n, err = tx.CountCases(nb.CaseFilter{})
		return err
	})
	if err != nil || n != workers*each {
		t.Fatalf("CountCases = %d, %v; want %d", n, err, workers*each)
	}
}

// Close closes the cached statements, and a transaction that ends after
// Close does not cache anything.
func TestStmtCacheClose(t *testing.T) {
	db := openTestDB(t, time.Now)
	ctx := context.Background()
	if err := db.View(ctx, func(tx nb.Tx) error { _, err := tx.ListUnits(); return err }); err != nil {
		t.Fatal(err)
	}
	s := db.rstmts.get(db.d.rebind(`SELECT ` + unitColumns + ` FROM units ORDER BY id`))
	if s == nil {
		t.Fatal("ListUnits's statement not cached")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Exec(); err == nil {
		t.Error("a cached statement works after Close")
	}
	if got := len(*db.rstmts.stmts.Load()); got != 0 {
		t.Errorf("%d statements cached after Close", got)
	}
	db.rstmts.prepare(ctx, []string{`SELECT 1`})
	if got := len(*db.rstmts.stmts.Load()); got != 0 {
		t.Errorf("%d statements cached by a prepare after Close", got)
	}
}

// A query run again by queryList's scan, while the first run's rows are
// open, must not reset the statement under them.
func TestStmtCacheNestedQuery(t *testing.T) {
	db := openTestDB(t, time.Now)
	ctx := context.Background()
	for i := range 3 {
		if err := db.Update(ctx, func(tx nb.Tx) error {
			return tx.CreateUnit(&nb.Unit{Name: fmt.Sprint("u", i), Kind: nb.UnitGrid})
		}); err != nil {
			t.Fatal(err)
		}
	}
	const q = `SELECT id FROM units ORDER BY id`
	for round := range 2 { // the second round has q prepared
		err := db.View(ctx, func(ntx nb.Tx) error {
			tx := ntx.(*tx)
			ids, err := queryList(tx, func(row scanner) (int64, error) {
				var id, first int64
				if err := row.Scan(&id); err != nil {
					return 0, err
				}
				return id, tx.queryRow(q).Scan(&first)
			}, q)
			if err != nil {
				return err
			}
			if fmt.Sprint(ids) != "[1 2 3]" {
				t.Errorf("round %d: ids = %v, want [1 2 3]", round, ids)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if db.rstmts.get(q) == nil {
		t.Error("q not prepared")
	}
}
