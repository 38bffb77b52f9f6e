//go:build race

package telegram

// raceEnabled: the race detector slows every request unevenly, so timing
// tests cannot hold the limits to the millisecond.
const raceEnabled = true
