package redis

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	goredis "github.com/redis/go-redis/v9"
)

// quietOnce routes go-redis's own log lines (one per failed dial while
// Redis is down, every second) to slog at debug level: the client logs the
// change of state once, at warn. go-redis keeps this logger globally, so
// it is set once per process.
var quietOnce sync.Once

type debugLogger struct{ l *slog.Logger }

func (d debugLogger) Printf(ctx context.Context, format string, v ...any) {
	d.l.DebugContext(ctx, "go-redis: "+fmt.Sprintf(format, v...))
}

func quietLibrary(l *slog.Logger) {
	quietOnce.Do(func() { goredis.SetLogger(debugLogger{l}) })
}
