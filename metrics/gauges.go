package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Queue is the outbox of one platform: replies waiting, and since when the
// oldest waits.
type Queue struct {
	Pending int
	Oldest  time.Time
}

// Gauges is what a scrape reads of the bot's state.
type Gauges struct {
	Outbox  map[string]Queue  // by platform; every platform in States gets a series
	Cases   map[string]int    // by stage
	Backlog int               // incoming messages not yet handled
	States  map[string]string // platform → ok | degraded | down
}

// GaugeFunc reads the gauges; the context bounds its time. An error
// leaves neighborbot_store_up at 0 and the store's gauges out.
type GaugeFunc func(ctx context.Context) (Gauges, error)

// scrapeTimeout bounds the store queries of one scrape.
const scrapeTimeout = 2 * time.Second

// stages are the case stages always reported (0 when none).
var stages = []string{"topic", "issue", "project", "resolved", "closed", "dismissed", "merged"}

// states are the platform states reported, one of them 1.
var states = []string{"ok", "degraded", "down"}

var (
	descPending = prometheus.NewDesc("neighborbot_outbox_pending", "Replies waiting in the outbox, by platform.",
		[]string{"platform"}, nil)
	descOldest = prometheus.NewDesc("neighborbot_outbox_oldest_age_seconds",
		"How long the oldest waiting reply has waited, by platform (0 when none waits).", []string{"platform"}, nil)
	descCases   = prometheus.NewDesc("neighborbot_cases", "Cases by stage.", []string{"stage"}, nil)
	descBacklog = prometheus.NewDesc("neighborbot_inbox_backlog", "Incoming messages not yet handled.", nil, nil)
	descStoreUp = prometheus.NewDesc("neighborbot_store_up",
		"1 when the database answered the last scrape's queries, else 0.", nil, nil)
	descState = prometheus.NewDesc("neighborbot_platform_state",
		"Each platform's state: 1 for the state it is in (ok, degraded, down), 0 for the others.",
		[]string{"platform", "state"}, nil)
)

// gaugeCollector reads the gauges on scrape, at most once per cacheFor, and
// one scrape at a time, so that scrapers never load the database.
type gaugeCollector struct {
	read     GaugeFunc
	cacheFor time.Duration

	mu   sync.Mutex
	last Gauges
	err  error
	at   time.Time
}

func newGauges(read GaugeFunc, cacheFor time.Duration) *gaugeCollector {
	return &gaugeCollector{read: read, cacheFor: cacheFor}
}

// Describe sends the gauges' descriptions.
func (g *gaugeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descPending, descOldest, descCases, descBacklog, descStoreUp, descState} {
		ch <- d
	}
}

// Collect reads (or reuses) the gauges and sends them.
func (g *gaugeCollector) Collect(ch chan<- prometheus.Metric) {
	v, err := g.snapshot()
	gauge := func(d *prometheus.Desc, x float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, x, labels...)
	}
	gauge(descBacklog, float64(v.Backlog))
	for p, s := range v.States {
		for _, st := range states {
			gauge(descState, b2f(s == st), p, st)
		}
	}
	if err != nil {
		gauge(descStoreUp, 0)
		return
	}
	gauge(descStoreUp, 1)
	now := time.Now()
	queues := map[string]Queue{}
	for p := range v.States {
		queues[p] = Queue{}
	}
	for p, q := range v.Outbox {
		queues[p] = q
	}
	for p, q := range queues {
		gauge(descPending, float64(q.Pending), p)
		age := 0.0
		if q.Pending > 0 && !q.Oldest.IsZero() {
			age = max(now.Sub(q.Oldest).Seconds(), 0)
		}
		gauge(descOldest, age, p)
	}
	for _, s := range stages {
		gauge(descCases, float64(v.Cases[s]), s)
	}
}

// snapshot returns the gauges, read again when the cached ones are older
// than cacheFor.
func (g *gaugeCollector) snapshot() (Gauges, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.at.IsZero() && time.Since(g.at) < g.cacheFor {
		return g.last, g.err
	}
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	g.last, g.err = g.read(ctx)
	g.at = time.Now()
	return g.last, g.err
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
