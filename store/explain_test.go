package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOpenSaysWhatIsWrongInWords: files that cannot be opened are refused
// with a sentence naming the file and what to do, without SQLite's numeric
// codes, and the driver's error is still there for errors.As.
func TestOpenSaysWhatIsWrongInWords(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("not a database, just text that is long enough to have a header\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.db")
	db, err := Open(context.Background(), good)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(damaged, raw[:min(len(raw), 5000)], 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.db")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{notDB, "is not a SQLite database: check the database setting"},
		{damaged, "is damaged: restore it from a backup"},
		{folder, "is a folder, not a database file"},
		{filepath.Join(dir, "missing", "nb.db"), "for the database " + filepath.Join(dir, "missing", "nb.db") + " does not exist"},
	} {
		_, err := Open(context.Background(), tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: %v; want %q", filepath.Base(tc.path), err, tc.want)
			continue
		}
		if regexp.MustCompile(`\(\d+\)`).MatchString(err.Error()) {
			t.Errorf("%s: a SQLite code is shown: %v", filepath.Base(tc.path), err)
		}
		var oe *openError
		if errors.As(err, &oe) && sqliteCode(err) == 0 {
			t.Errorf("%s: the driver's error is lost", filepath.Base(tc.path))
		}
	}
}
