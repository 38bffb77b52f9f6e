// Package benchcpu adds the CPU time a benchmark's process spent per
// operation (user + system, every goroutine: the checkpointer and the
// garbage collector included) to a benchmark's results, as cpu-ns/op.
//
// On a machine shared with other work a benchmark's ns/op (wall time)
// includes the time it waited for a core; its CPU time does not, so the
// ratio of two benchmarks' cpu-ns/op moves less with the machine's load.
package benchcpu

import "testing"

// Start notes the process's CPU time; call the function it returns after
// the benchmark's loop to report cpu-ns/op.
func Start(b *testing.B) (stop func()) {
	start, ok := processCPU()
	return func() {
		end, ok2 := processCPU()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
