//go:build race

package main

// raceEnabled: training a model on the built-in corpus takes minutes under
// the race detector; .ci/run runs that test again without it.
const raceEnabled = true
