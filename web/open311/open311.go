// Package open311 serves NeighborBot's cases as an Open311 GeoReport v2 API
// (https://wiki.open311.org/GeoReport_v2): discovery, services (the case
// categories), service requests (cases) to list and read, and new requests
// created with an API key, which become topics through the case service and
// are acknowledged in the key's unit's group like a chat report. Every
// resource is served as XML and JSON (by its extension), errors in the
// format the specification documents: a list of {code, description}.
package open311

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// Prefix is where the API is mounted.
const Prefix = "/open311/v2/"

// Keys finds the API key with a given hash (ENOTFOUND if none).
type Keys interface {
	FindAPIKey(ctx context.Context, hash string) (*nb.APIKey, error)
}

// Cases registers reports: the case service.
type Cases interface {
	OpenTx(tx nb.Tx, c *nb.Case) (*nb.Outcome, error)
}

// Service is one kind of request clients may file: a case category.
type Service struct {
	Code        string // service_code: the category's name
	Name        string
	Description string
	Group       string
	Keywords    []string
	Priority    nb.Priority // of a request that reads as nothing more pressing
}

// Reading is what the bot reads in a request's text: where, and how urgent.
type Reading struct {
	Location     string
	LocationNorm string
	Priority     nb.Priority // "" = the service's
}

// Config is what the API needs.
type Config struct {
	Store    nb.Store
	Keys     Keys
	Cases    Cases
	Services []Service
	// Read reads a request's text (optional): the location when the client
	// gave no address, and an urgency the service's priority lacks.
	Read func(text string) Reading
	// Created is called after a request was stored (optional): to wake the
	// senders, so that the group hears of it at once.
	Created func()
	// PublicRead lets clients without an API key list and read requests
	// (all units'); with a key they see the requests of its unit's area.
	PublicRead bool
	// PerHour is how many requests a key may create in an hour (0 = no limit).
	PerHour  int
	Location *time.Location // of the times shown (default UTC)
	Contact  string         // who runs the API, for discovery
	Logger   *slog.Logger
}

// API is the Open311 handler; mount it at Prefix.
type API struct {
	cfg   Config
	quota *quota
}

// New returns the API.
func New(cfg Config) *API {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &API{cfg: cfg, quota: newQuota(cfg.PerHour)}
}

// ServeHTTP routes a request under Prefix.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, Prefix)
	if !ok {
		writeError(w, formatXML, http.StatusNotFound, "no such resource")
		return
	}
	res, f, ok := splitFormat(rest)
	if !ok {
		writeError(w, f, http.StatusNotFound, "no such resource: add .xml or .json to the resource name")
		return
	}
	get := func(serve func()) {
		if a.allow(w, r, f, http.MethodGet) {
			serve()
		}
	}
	switch {
	case res == "discovery":
		get(func() { a.discovery(w, r, f) })
	case res == "services":
		get(func() { a.services(w, f) })
	case res == "requests" && r.Method == http.MethodPost:
		a.create(w, r, f)
	case res == "requests":
		if a.allow(w, r, f, http.MethodGet, http.MethodPost) {
			a.list(w, r, f)
		}
	case strings.HasPrefix(res, "requests/"):
		get(func() { a.one(w, r, f, strings.TrimPrefix(res, "requests/")) })
	case strings.HasPrefix(res, "services/"):
		get(func() {
			writeError(w, f, http.StatusNotFound, "no service definition: no service has attributes (metadata is false)")
		})
	default:
		writeError(w, f, http.StatusNotFound, "no such resource: "+res)
	}
}

// allow reports whether r's method is one of methods (HEAD counting as
// GET), answering 405 otherwise.
func (a *API) allow(w http.ResponseWriter, r *http.Request, f format, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m || (r.Method == http.MethodHead && m == http.MethodGet) {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, f, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
	return false
}
