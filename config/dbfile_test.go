package config

import "testing"

// TestDatabaseURLFromFile: NEIGHBORBOT_DB_FILE names a file holding the
// PostgreSQL URL, so that its password stays out of the environment.
func TestDatabaseURLFromFile(t *testing.T) {
	path := writeFile(t, "db-url", "postgres://nb:s3cret@db:5432/nb\n")
	c, err := Load("", env(map[string]string{"NEIGHBORBOT_DB_FILE": path}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Database != "postgres://nb:s3cret@db:5432/nb" || c.DatabaseDriver() != "postgres" {
		t.Fatalf("database = %q (%s)", c.Database, c.DatabaseDriver())
	}
	if got := c.Redacted().Database; got != "postgres://nb:***@db:5432/nb" {
		t.Fatalf("redacted = %q", got)
	}
	if _, err := Load("", env(map[string]string{"NEIGHBORBOT_DB_FILE": path + ".missing"})); err == nil {
		t.Fatal("a missing file was accepted")
	}
}
