package bot

import (
	"sync"
	"time"
)

// health is what the engine knows of its own state, for /healthz.
type health struct {
	mu        sync.Mutex
	storeErr  string
	storeFrom time.Time
	platforms map[string]string // platform → last delivery error ("" = fine)
}

func (h *health) storeFailed(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.storeErr == "" {
		h.storeFrom = time.Now()
	}
	h.storeErr = err.Error()
}

func (h *health) failing() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.storeErr != ""
}

func (h *health) storeOK() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.storeErr = ""
}

func (h *health) platform(p string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.platforms == nil {
		h.platforms = map[string]string{}
	}
	if err == nil {
		delete(h.platforms, p)
	} else {
		h.platforms[p] = err.Error()
	}
}

// Health is the engine's state as /healthz shows it.
type Health struct {
	Backlog    int               `json:"backlog"`     // received messages not yet handled
	Overloaded bool              `json:"overloaded"`  // the backlog passed its limit: intake is slowed
	StoreError string            `json:"store_error"` // the store cannot write ("" = fine)
	StoreSince time.Time         `json:"store_error_since,omitzero"`
	Delivery   map[string]string `json:"delivery_errors,omitempty"` // platform → last send error
	// Degraded names the shared parts that are down (Redis): the engine
	// works on the database alone meanwhile, slower but never wrong.
	Degraded map[string]string `json:"degraded,omitempty"`
}

// OK reports whether the engine can take and handle messages.
func (h Health) OK() bool { return h.StoreError == "" }

// Health returns the engine's state.
func (e *Engine) Health() Health {
	e.health.mu.Lock()
	defer e.health.mu.Unlock()
	out := Health{Backlog: e.Backlog(), Overloaded: e.Overloaded(), StoreError: e.health.storeErr, Degraded: e.degraded()}
	if out.StoreError != "" {
		out.StoreSince = e.health.storeFrom
	}
	if len(e.health.platforms) > 0 {
		out.Delivery = make(map[string]string, len(e.health.platforms))
		for k, v := range e.health.platforms {
			out.Delivery[k] = v
		}
	}
	return out
}
