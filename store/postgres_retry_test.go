package store

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestPostgresRetryable: serialization failures, deadlocks and a full
// predicate-lock table are run again; other errors, and other "out of
// memory" errors, are not.
func TestPostgresRetryable(t *testing.T) {
	for _, c := range []struct {
		err  *pgconn.PgError
		want bool
	}{
		{&pgconn.PgError{Code: "40001"}, true},
		{&pgconn.PgError{Code: "40P01"}, true},
		{&pgconn.PgError{Code: "53200", Message: "out of shared memory",
			Hint: "You might need to increase max_pred_locks_per_transaction."}, true},
		{&pgconn.PgError{Code: "53200", Message: "out of memory"}, false},
		{&pgconn.PgError{Code: "23505"}, false},
	} {
		err := fmt.Errorf("store: query: %w", c.err)
		if got := (postgresDialect{}).retryable(err); got != c.want {
			t.Errorf("retryable(%s %q %q) = %v; want %v", c.err.Code, c.err.Message, c.err.Hint, got, c.want)
		}
	}
}
