// Package metrics exposes NeighborBot's Prometheus metrics at /metrics:
// counters the engine reports through its observer (messages in and out
// per platform, handling time, failures) and gauges read on each scrape
// (the outbox per platform, cases by stage, the inbox backlog, each
// platform's state). It is the only package that imports the Prometheus
// client library.
package metrics
