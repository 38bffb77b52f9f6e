package handlers_test

import (
	"sync/atomic"
	"testing"

	"github.com/neighborbot/neighborbot/intake"
)

// countingModel is the real model, counting the messages it reads.
type countingModel struct {
	*intake.Model
	reads atomic.Int32
}

func (m *countingModel) Understand(text string) intake.Result {
	m.reads.Add(1)
	return m.Model.Understand(text)
}

// TestMessagesAreReadOnceAheadOfTheirTransaction: with the handlers'
// PrepareFunc, a report and a chit-chat message are each understood once
// (ahead of the transaction, not again inside it), and the report is
// registered and acknowledged as without it; a command is not read ahead.
func TestMessagesAreReadOnceAheadOfTheirTransaction(t *testing.T) {
	m := &countingModel{Model: theModel(t)}
	w := newWorldWith(t, m)
	w.one("group1", "张阿姨", "3号楼电梯坏了，困住老人了", "#1")
	if _, out := w.say("group1", "李叔", "大家早上好！"); len(out) != 0 {
		t.Fatalf("chit-chat answered: %v", out)
	}
	w.one("group1", "张阿姨", "#进度 1", "#1")
	if got := m.reads.Load(); got != 2 {
		t.Fatalf("Understand called %d times for a report, a chit-chat and a command, want 2", got)
	}
}
