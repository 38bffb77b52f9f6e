package main

import (
	"strings"
	"testing"
)

// TestStartLogNamesTheModel: the start log says once which model runs,
// as `neighborbot model` names it, and what it was trained from.
func TestStartLogNamesTheModel(t *testing.T) {
	p := startProgram(t, tempDB(t), "--no-demo")
	p.stop()
	log := p.stderr.String()
	if n := strings.Count(log, "model loaded"); n != 1 {
		t.Fatalf("the start log names the model %d times, want once:\n%s", n, log)
	}
	for _, want := range []string{"embedded (trained on the built-in corpus)", `trained="built-in corpus (`, "undated",
		"training_check=", "features=", "ack_threshold="} {
		if !strings.Contains(log, want) {
			t.Errorf("the start log lacks %q:\n%s", want, log)
		}
	}
}
