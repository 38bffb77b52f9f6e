package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// Metrics holds the registry and the engine's counters; it is the engine's
// bot.Observer.
type Metrics struct {
	reg      *prometheus.Registry
	in       *prometheus.CounterVec
	out      *prometheus.CounterVec
	took     *prometheus.HistogramVec
	setAside *prometheus.CounterVec
	failures *prometheus.CounterVec
	claims   *prometheus.CounterVec
}

var (
	_ bot.Observer      = (*Metrics)(nil)
	_ bot.ClaimObserver = (*Metrics)(nil)
)

// New returns the metrics, with the gauges read from gauges on each scrape
// (at most once per cacheFor; 0 reads at every scrape), and Go's runtime
// and process metrics.
func New(gauges GaugeFunc, cacheFor time.Duration) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.in = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "neighborbot_messages_in_total",
		Help: "Incoming messages handled, by platform."}, []string{"platform"})
	m.out = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "neighborbot_messages_out_total",
		Help: "Replies and notices delivered, by platform."}, []string{"platform"})
	m.took = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "neighborbot_handle_seconds",
		Help:    "Time the handlers took for one incoming message, by platform.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"platform"})
	m.setAside = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "neighborbot_messages_set_aside_total",
		Help: "Incoming messages set aside after failing too often (see: neighborbot inbox list-failed)."},
		[]string{"platform"})
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "neighborbot_send_failures_total",
		Help: "Failed sends, by platform and kind: retry (tried again later) or permanent (given up)."},
		[]string{"platform", "kind"})
	m.claims = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "neighborbot_inbox_claims_total",
		Help: "Inbox claims (a transaction each), by result: some (found messages) or empty."}, []string{"result"})
	m.reg.MustRegister(m.in, m.out, m.took, m.setAside, m.failures, m.claims, newGauges(gauges, cacheFor),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Handled counts incoming messages handled.
func (m *Metrics) Handled(p nb.Platform, n int) { m.in.WithLabelValues(string(p)).Add(float64(n)) }

// HandleTook observes the time one message's handling took.
func (m *Metrics) HandleTook(p nb.Platform, d time.Duration) {
	m.took.WithLabelValues(string(p)).Observe(d.Seconds())
}

// InboxClaimed counts an inbox claim that found n messages.
func (m *Metrics) InboxClaimed(n int) {
	result := "some"
	if n == 0 {
		result = "empty"
	}
	m.claims.WithLabelValues(result).Inc()
}

// SetAside counts a message set aside.
func (m *Metrics) SetAside(p nb.Platform) { m.setAside.WithLabelValues(string(p)).Inc() }

// Sent counts delivered messages.
func (m *Metrics) Sent(p nb.Platform, n int) { m.out.WithLabelValues(string(p)).Add(float64(n)) }

// SendFailed counts a failed send.
func (m *Metrics) SendFailed(p nb.Platform, dead bool) {
	kind := "retry"
	if dead {
		kind = "permanent"
	}
	m.failures.WithLabelValues(string(p), kind).Inc()
}
