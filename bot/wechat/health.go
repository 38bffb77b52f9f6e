package wechat

import "time"

// Session states, as Health shows them.
const (
	StateStarting = "starting"
	StateHotLogin = "hot_login"
	StatePush     = "push_login"   // waiting for the phone to confirm
	StateScan     = "waiting_scan" // the QR code is shown
	StateScanned  = "scanned"      // scanned, waiting for the phone to confirm
	StateOnline   = "online"
	StateOffline  = "offline" // waiting before the next login round
	StateStopped  = "stopped"
)

// Health is the adapter's state for /healthz and the login page.
type Health struct {
	State   string    `json:"state"`
	Since   time.Time `json:"since"`
	Account string    `json:"account,omitempty"` // the bot account's nickname
	// LoginURL is the QR code's content while waiting for a scan, for a
	// login page that only admins reach: not in /healthz, where anyone
	// could scan it with their own phone and take the bot's place.
	LoginURL  string `json:"-"`
	LastError string `json:"last_error,omitempty"`
	Logins    int    `json:"logins"` // successful logins since start
}

// Online reports whether the account is logged in.
func (h Health) Online() bool { return h.State == StateOnline }

// Health returns the session's state.
func (a *Adapter) Health() Health {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.health
}

// setState records the session's state (and the error that led to it)
// and tells OnState of a change.
func (a *Adapter) setState(state string, err error) {
	a.mu.Lock()
	changed := a.health.State != state
	if changed {
		a.health.State, a.health.Since = state, time.Now()
	}
	if state != StateScan && state != StateScanned {
		a.health.LoginURL = ""
	}
	if err != nil {
		a.health.LastError = safeErr(err)
	}
	h := a.health
	a.mu.Unlock()
	if changed && a.cfg.OnState != nil {
		a.cfg.OnState(h)
	}
}
