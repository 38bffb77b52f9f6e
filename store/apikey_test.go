package store

import (
	"context"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func TestAPIKeys(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t, time.Now)
	unit := &nb.Unit{Name: "幸福社区", Kind: nb.UnitCommunity}
	if err := db.Update(ctx, func(tx nb.Tx) error { return tx.CreateUnit(unit) }); err != nil {
		t.Fatal(err)
	}
	key, hash := nb.NewAPIKey()
	k := &nb.APIKey{Name: "热线", UnitID: unit.ID, Hash: hash, Prefix: nb.APIKeyPrefix(key)}
	if err := db.CreateAPIKey(ctx, k); err != nil || k.ID == 0 {
		t.Fatalf("CreateAPIKey = %v (id %d)", err, k.ID)
	}
	wantCode(t, db.CreateAPIKey(ctx, &nb.APIKey{Name: "热线", UnitID: unit.ID, Hash: "other"}), nb.ECONFLICT)
	wantCode(t, db.CreateAPIKey(ctx, &nb.APIKey{Name: "x", UnitID: 999, Hash: "x"}), nb.ENOTFOUND)

	got, err := db.FindAPIKey(ctx, nb.HashAPIKey(key))
	if err != nil || got.Name != "热线" || got.UnitID != unit.ID || !got.Active() {
		t.Fatalf("FindAPIKey = %+v, %v", got, err)
	}
	_, err = db.FindAPIKey(ctx, nb.HashAPIKey(key+"x"))
	wantCode(t, err, nb.ENOTFOUND)

	if err := db.RevokeAPIKey(ctx, "热线"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.RevokeAPIKey(ctx, "热线"), nb.EINVALID)
	wantCode(t, db.RevokeAPIKey(ctx, "nobody"), nb.ENOTFOUND)
	list, err := db.ListAPIKeys(ctx)
	if err != nil || len(list) != 1 || list[0].Active() {
		t.Fatalf("ListAPIKeys = %+v, %v", list, err)
	}
}

func TestGauges(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{now: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
	db := openTestDB(t, clock.Now)
	err := db.Update(ctx, func(tx nb.Tx) error {
		for _, p := range []nb.Platform{nb.PlatformSandbox, nb.PlatformSandbox, nb.PlatformTelegram} {
			if err := tx.EnqueueOutbox(&nb.OutboxMessage{Platform: p, ChatExternalID: "g", Text: "hi"}); err != nil {
				return err
			}
			clock.Add(time.Minute)
		}
		return tx.CreateCase(&nb.Case{Stage: nb.StageTopic, Text: "t", Priority: nb.PriorityGeneral})
	})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := db.OutboxQueues(ctx)
	if err != nil || len(qs) != 2 {
		t.Fatalf("OutboxQueues = %+v, %v", qs, err)
	}
	for _, q := range qs {
		want := map[nb.Platform]int{nb.PlatformSandbox: 2, nb.PlatformTelegram: 1}[q.Platform]
		if q.Pending != want || q.Oldest.IsZero() {
			t.Errorf("%s: %+v, want %d pending", q.Platform, q, want)
		}
	}
	stages, err := db.CasesByStage(ctx)
	if err != nil || stages[nb.StageTopic] != 1 || len(stages) != 1 {
		t.Fatalf("CasesByStage = %v, %v", stages, err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}
