package bot

import (
	"errors"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// recordQuickTries is how often a batch of outcomes is written before the
// recorder gives up on it, unless it holds a sent message.
const recordQuickTries = 5

// recordPatience is how long a batch holding a sent message is written
// again while the store is unavailable (a full disk, I/O errors): the
// message's claim lease. Given up, the message would be sent again once the
// lease runs out or at the next start; past the lease another run may
// claim it anyway. Meanwhile the platform's worker sends nothing more.
const recordPatience = claimLease

// keepRecording reports whether write should try a batch again after its
// try-th failure (from 0), err, elapsed since the first.
func keepRecording(batch []outcome, err error, try int, elapsed time.Duration) bool {
	if try+1 < recordQuickTries {
		return true
	}
	return errors.Is(err, nb.ErrUnavailable) && !errors.Is(err, nb.ErrBroken) && holdsSent(batch) && elapsed < recordPatience
}

// recordPause is the wait after the try-th failed write: 50 ms doubling,
// at most a second.
func recordPause(try int) time.Duration {
	return min(time.Duration(50<<min(try, 5))*time.Millisecond, time.Second)
}

// holdsSent reports whether a batch records a message as sent.
func holdsSent(batch []outcome) bool {
	for _, o := range batch {
		if o.sent {
			return true
		}
	}
	return false
}
