package telegramtest

import (
	"fmt"
	"os"
	"runtime"
	"testing"
)

// RefusalsAllowed is how many 429s a test of pacing may accept for sends
// sends: 0, unless the machine is so overloaded (a load average above three
// per core) that a send may reach the fake more than the limiter's margin
// (7 %, some 70 ms a second) after its slot was taken; then refusals are
// only bounded, at one in ten sends. Every send is still checked to arrive.
func RefusalsAllowed(tb testing.TB, sends int) int {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var load float64
	if _, err := fmt.Sscan(string(b), &load); err != nil || load <= 3*float64(runtime.NumCPU()) {
		return 0
	}
	tb.Logf("load average %.1f on %d cores: refusals bounded, not zero", load, runtime.NumCPU())
	return sends / 10
}
