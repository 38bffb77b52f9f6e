package handlers_test

import (
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// TestRetractionNamesWithdrawReasons: the reason a withdrawal's note
// records is intake's Retraction named as the domain reads it back
// (nb.WithdrawReason), so that retraining tells a mistake from trouble
// that is over.
func TestRetractionNamesWithdrawReasons(t *testing.T) {
	for r, want := range map[intake.Retraction]string{
		intake.RetractsMistake: nb.WithdrawMistake, intake.RetractsOver: nb.WithdrawOver,
		intake.RetractsUnexplained: "", intake.NotRetracted: "",
	} {
		if got := nb.WithdrawReason(nb.WithdrawNote(r.String(), "x")); got != want {
			t.Errorf("Retraction %d recorded as %q, read back as %q; want %q", r, r.String(), got, want)
		}
	}
}
