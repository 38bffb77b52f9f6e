package sandbox

import (
	"fmt"
	"time"
)

// BusyError is returned by Post while the bot has more unhandled messages
// than it is configured to queue: the client should try again after
// RetryAfter. Nothing of the refused message was stored.
type BusyError struct {
	RetryAfter time.Duration
}

// Error implements the error interface.
func (e *BusyError) Error() string {
	return fmt.Sprintf("the bot is busy; try again in %s", e.RetryAfter)
}

// overloaded is what Post asks of its receiver, when it can tell.
type overloaded interface{ Overloaded() bool }

// busyRetryAfter is how long a refused client is asked to wait.
const busyRetryAfter = time.Second

// checkBusy refuses new messages while the receiver is overloaded.
func (p *Platform) checkBusy() error {
	if o, ok := p.recv.(overloaded); ok && o.Overloaded() {
		return &BusyError{RetryAfter: busyRetryAfter}
	}
	return nil
}
