package handlers_test

import (
	"strings"
	"testing"

	"github.com/neighborbot/neighborbot/handlers"
)

// TestChineseTextsSayNin: the bot addresses residents and officers alike
// as 您, never as 你.
func TestChineseTextsSayNin(t *testing.T) {
	for key, text := range handlers.Texts {
		if strings.Contains(text[0], "你") {
			t.Errorf("%s: %q says 你", key, text[0])
		}
	}
}
