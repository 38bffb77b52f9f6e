package handlers_test

import (
	"regexp"
	"testing"

	nb "github.com/neighborbot/neighborbot"
)

// #登录 gives staff a one-time code in a private chat; it logs in once.
func TestLoginCode(t *testing.T) {
	w := newWorld(t)
	w.one("g1", "书记", "#登录", "私聊")
	w.one("private:居民", "居民", "/login", "仅限")
	got := w.one("private:书记", "书记", "#登录", "登录码")
	m := regexp.MustCompile(`[A-Z2-9]{4}-[A-Z2-9]{4}`).FindString(got.Text)
	if m == "" {
		t.Fatalf("no code in %q", got.Text)
	}
	use := func() error {
		return w.db.Update(w.ctx, func(tx nb.Tx) error { _, err := tx.UseLoginCode(nb.HashSecret(m)); return err })
	}
	if err := use(); err != nil {
		t.Fatalf("the code does not work: %v", err)
	}
	if err := use(); nb.ErrorCode(err) != nb.EINVALID {
		t.Fatalf("the code works twice: %v", err)
	}
}
