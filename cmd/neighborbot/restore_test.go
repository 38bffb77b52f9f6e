package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoreFromBackup performs the restore steps of docs/OPERATIONS.md:
// a backup taken while the bot runs, the bot stopped, the database and its
// -wal/-shm files moved aside, the backup copied in (0600) and checked,
// the bot started again: what was there at the backup is back, what came
// after it is not.
func TestRestoreFromBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "neighborbot.db")
	env := map[string]string{"NEIGHBORBOT_DB": db}
	p := startProgram(t, db)
	before := p.post(group1, "刘大爷", "44号楼前垃圾堆了三天没人收，味道很大", 0)
	mustContain(t, "acknowledgement", p.botReply(group1, before, before).Text, "#1")

	backup := filepath.Join(dir, "backups", "nb.db")
	if err := os.Mkdir(filepath.Dir(backup), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, env, "backup", "-out", backup); code != 0 {
		t.Fatalf("backup while running: %s", errOut)
	}
	after := p.post(group1, "陈女士", "3号楼电梯坏了，老人下不了楼", 0)
	mustContain(t, "acknowledgement", p.botReply(group1, after, after).Text, "#2")
	p.stop()

	// The steps of OPERATIONS.md "Restore from a backup".
	aside := filepath.Join(dir, "aside")
	if err := os.Mkdir(aside, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(db+suffix, filepath.Join(aside, "neighborbot.db"+suffix))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	copyFile(t, backup, db, 0o600)
	if code, out, errOut := cli(t, env, "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check of the restored database: %q %q", out, errOut)
	}

	p2 := startProgram(t, db)
	var texts []string
	for _, m := range p2.messages(group1, 0, false) {
		texts = append(texts, m.Text)
	}
	all := strings.Join(texts, "\n")
	mustContain(t, "restored chat", all, "44号楼前垃圾堆了三天没人收")
	if strings.Contains(all, "3号楼电梯坏了") {
		t.Fatalf("a message from after the backup is in the restored database:\n%s", all)
	}
	q := p2.post(group1, "小周", "#进度 1", 0)
	mustContain(t, "case #1 after the restore", p2.botReply(group1, q, q).Text, "#1", "44号楼")
}

// copyFile copies src to a new file dst with mode perm, as install -m does.
func copyFile(t *testing.T, src, dst string, perm os.FileMode) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
