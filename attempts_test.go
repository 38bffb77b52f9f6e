package neighborbot

import (
	"testing"
	"time"
)

func TestFaultHoleAttemptsLockAfterMaxFailures(t *testing.T) {
	l := AttemptLimit{Max: 3, Window: 10 * time.Minute, Lock: 15 * time.Minute}
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	var a Attempts
	a.Fail(t0, l)
	a.Fail(t0.Add(9*time.Minute), l)
	if a.Locked(t0.Add(9 * time.Minute)) {
		t.Fatal("locked after 2 of 3 failures")
	}
	a.Fail(t0.Add(11*time.Minute), l) // the window of the first failure has passed
	if a.Locked(t0.Add(11*time.Minute)) || a.Failures != 1 {
		t.Fatalf("a failure after the window starts a new count: %+v", a)
	}
	a.Fail(t0.Add(12*time.Minute), l)
	a.Fail(t0.Add(13*time.Minute), l)
	if !a.Locked(t0.Add(13*time.Minute)) || !a.LockedUntil.Equal(t0.Add(28*time.Minute)) {
		t.Fatalf("3 failures in the window must lock for 15 minutes: %+v", a)
	}
	if a.Locked(t0.Add(28 * time.Minute)) {
		t.Fatal("the lock must end")
	}
}
