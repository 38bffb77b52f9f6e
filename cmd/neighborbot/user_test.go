package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/internal/password"
	"github.com/neighborbot/neighborbot/store"
)

// userPasswd runs "user passwd NAME" with stdin as the password input.
func userPasswd(t *testing.T, dbPath, name, stdin string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"NEIGHBORBOT_DB": dbPath}
	code := Main(context.Background(), []string{"user", "passwd", name}, IO{In: strings.NewReader(stdin), Out: &out,
		Err: &errOut, Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errOut.String()
}

func TestUserPasswd(t *testing.T) {
	path := demoDB(t)
	if code, out, errOut := userPasswd(t, path, "王书记", "correct horse\n"); code != 0 || !strings.Contains(out, "password set") {
		t.Fatalf("user passwd: %d %q %q", code, out, errOut)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(context.Background(), func(tx nb.Tx) error {
		a, err := tx.FindAccountByLogin("王书记")
		if err == nil && !password.Check(a.PasswordHash, "correct horse") {
			t.Error("the stored hash does not match the password")
		}
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, stdin, want string }{
		{"刘大爷", "correct horse\n", "nobody called 刘大爷"}, // a resident has no desk
		{"王书记", "short\n", "too short"},
		{"王书记", "", "no password"},
	} {
		if code, _, errOut := userPasswd(t, path, c.name, c.stdin); code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%s %q: %d %q, want %q", c.name, c.stdin, code, errOut, c.want)
		}
	}
}
