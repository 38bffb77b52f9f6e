package store

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestPostgresRetryable: serialization failures and deadlocks are run
// again; other errors, "out of memory" among them, are not. (A full
// predicate-lock table was run again too while writes were SERIALIZABLE;
// no transaction takes predicate locks now.)
func TestPostgresRetryable(t *testing.T) {
	for _, c := range []struct {
		err  *pgconn.PgError
		want bool
	}{
		{&pgconn.PgError{Code: "40001"}, true},
		{&pgconn.PgError{Code: "40P01"}, true},
		{&pgconn.PgError{Code: "53200", Message: "out of memory"}, false},
		{&pgconn.PgError{Code: "23505"}, false},
	} {
		err := fmt.Errorf("store: query: %w", c.err)
		if got := (postgresDialect{}).retryable(err); got != c.want {
			t.Errorf("retryable(%s %q %q) = %v; want %v", c.err.Code, c.err.Message, c.err.Hint, got, c.want)
		}
	}
}
