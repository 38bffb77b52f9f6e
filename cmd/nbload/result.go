package main

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// result is what a run measured; -json prints it as it is.
type result struct {
	Server     string     `json:"server"`   // URL
	Platform   string     `json:"platform"` // sandbox or telegram
	Spawned    bool       `json:"spawned"`
	PID        int        `json:"pid,omitempty"`
	Procs      int        `json:"procs"` // processes of the bot (spawned, or 1 with -url)
	Groups     int        `json:"groups"`
	Grids      int        `json:"grids"`
	Residents  int        `json:"residents_per_group"`
	Rate       float64    `json:"rate"`
	Arrivals   string     `json:"arrivals"`
	DurationS  float64    `json:"duration_s"`
	Mix        string     `json:"mix"`
	Seed       uint64     `json:"seed"`
	SetupS     float64    `json:"setup_s"`
	ServerExit string     `json:"server_exit,omitempty"` // the spawned server died during the run
	LoadAvg    [2]float64 `json:"load_avg"`              // the machine's 1-minute load average at the start and the end of the load
	DrainS     float64    `json:"drain_s"`               // from the end of the offered load to the last answer
	OfferedPS  float64    `json:"offered_per_s"`
	AcceptedPS float64    `json:"accepted_per_s"` // POSTs answered 201
	HandledPS  float64    `json:"handled_per_s"`  // posts up to the last one answered ÷ the time of that answer
	Handled    int        `json:"handled"`        // accepted posts the bot got through (up to the last one answered)
	Late       int64      `json:"late"`           // POSTs that started more than 100 ms after their time
	MaxLagMS   float64    `json:"max_lag_ms"`
	LongPolls  int64      `json:"long_polls"`  // GET …&wait=1
	PlainPolls int64      `json:"plain_polls"` // GET without wait

	Latency summary `json:"latency"`      // POST → the answer's time as the server stored it (ms)
	Read    summary `json:"latency_read"` // POST → the answer read by nbload
	Post    summary `json:"post"`         // POST round trip

	Kinds  map[string]kindResult `json:"kinds"`
	Errors map[string]int64      `json:"errors"` // by kind: http_429, http_500, timeout …

	Lost       int64    `json:"lost"`
	Doubled    int64    `json:"doubled"` // a post answered twice: must be 0
	LateAnswer int64    `json:"late_answers"`
	Unawaited  int64    `json:"unawaited"` // answers to something that needs none
	Refused    int64    `json:"refused"`   // officers' commands the bot refused
	NewCases   int64    `json:"new_cases"`
	Joined     int64    `json:"joined"` // reports the bot joined to an open case
	Examples   []string `json:"examples,omitempty"`
	// OutboxPending is how many replies the spawned processes had queued
	// but not sent when the run ended (-1: not read): answers counted lost
	// while replies still wait (paced by Telegram's limits, retried) were
	// late, not lost.
	OutboxPending int `json:"outbox_pending"`

	TelegramRefused int `json:"telegram_429"` // sends the fake Bot API refused for going over Telegram's limits

	ChitChecked  int `json:"chitchat_checked"`
	ChitAnswered int `json:"chitchat_answered"` // must be 0

	ServerRSSPeakMB float64 `json:"server_rss_peak_mb"`
	ServerRSSLastMB float64 `json:"server_rss_last_mb"`
	ServerCPU       float64 `json:"server_cpu_pct"`     // % of one core over the offered load
	ServerCPUMax    float64 `json:"server_cpu_max_pct"` // the busiest second
	ClientCPU       float64 `json:"client_cpu_pct"`
	ClientRSSPeakMB float64 `json:"client_rss_peak_mb"`

	Series []seriesPoint `json:"series"`
}

// kindResult counts one kind of message.
type kindResult struct {
	Offered  int64   `json:"offered"`
	Sent     int64   `json:"sent"`
	Failed   int64   `json:"failed"`
	Answered int64   `json:"answered"`
	Lost     int64   `json:"lost"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
}

// seriesPoint is one 10 s step.
type seriesPoint struct {
	T         float64 `json:"t_s"`
	OfferedPS float64 `json:"offered_per_s"`
	SentPS    float64 `json:"sent_per_s"`
	AnswersPS float64 `json:"answers_per_s"`
	HandledPS float64 `json:"handled_per_s"` // how far the bot got, in posts per second
	Failed    int64   `json:"failed"`
	Lost      int64   `json:"lost"`
	P50       float64 `json:"p50_ms"`
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
	RSSMB     float64 `json:"rss_mb"` // the step's peak
	ServerCPU float64 `json:"server_cpu_pct"`
	ClientCPU float64 `json:"client_cpu_pct"`
}

// buildResult puts the run's figures together.
func (r *runner) buildResult(res *result, errs map[string]int64) {
	s := r.stats
	s.mu.Lock()
	defer s.mu.Unlock()
	d := r.cfg.duration.Seconds()
	var offered, sent int64
	res.Kinds = map[string]kindResult{}
	for k, ks := range s.kinds {
		offered += ks.offered
		sent += ks.sent
		if ks.offered == 0 {
			continue
		}
		res.Kinds[kindNames[k]] = kindResult{Offered: ks.offered, Sent: ks.sent, Failed: ks.failed, Answered: ks.answered,
			Lost: ks.lost, P50: ms(ks.lat.quantile(0.5)), P99: ms(ks.lat.quantile(0.99))}
		res.Lost += ks.lost
	}
	res.OfferedPS, res.AcceptedPS = round1(float64(offered)/d), round1(float64(sent)/d)
	sort.Slice(s.ids, func(i, j int) bool { return s.ids[i] < s.ids[j] })
	if !s.lastAnswer.IsZero() {
		res.DrainS = round1(max(0, s.lastAnswer.Sub(s.start).Seconds()-d))
		res.Handled = s.handledBy(s.frontier)
		// Over the offered load at least: a bot that keeps up answers the
		// last post a moment after it came.
		res.HandledPS = round1(float64(res.Handled) / max(d, s.frontierAt.Sub(s.start).Seconds()))
	}
	res.Late, res.MaxLagMS = s.late, ms(s.maxLag)
	res.Latency, res.Read, res.Post = s.lat.summary(), s.read.summary(), s.post.summary()
	res.Errors = errs
	res.Doubled, res.LateAnswer, res.Unawaited, res.Refused = s.doubled, s.late2, s.unawaited, s.refused
	res.NewCases, res.Joined, res.Examples = s.newCases, s.joined, s.examples
	var frontier int64
	handled := 0
	for i, p := range s.series {
		sp := seriesPoint{T: float64(i) * seriesStep.Seconds(), Failed: p.failed, Lost: p.lost,
			P50: ms(p.lat.quantile(0.5)), P99: ms(p.lat.quantile(0.99)), Max: ms(p.lat.max), RSSMB: mb(p.rssMax)}
		step := seriesStep.Seconds()
		if rest := d - sp.T; rest > 0 && rest < step { // the last step of the offered load is shorter
			step = rest
		}
		sp.OfferedPS, sp.SentPS, sp.AnswersPS = round1(float64(p.offered)/step), round1(float64(p.sent)/step), round1(float64(p.answers)/step)
		frontier = max(frontier, p.frontier)
		now := s.handledBy(frontier)
		sp.HandledPS, handled = round1(float64(now-handled)/step), now
		if p.cpuN > 0 {
			sp.ServerCPU, sp.ClientCPU = round1(p.srvCPU/float64(p.cpuN)), round1(p.cliCPU/float64(p.cpuN))
		}
		res.Series = append(res.Series, sp)
	}
	c := &r.cpu
	c.mu.Lock()
	defer c.mu.Unlock()
	res.ServerRSSPeakMB, res.ServerRSSLastMB = mb(c.peakRSS), mb(c.srvLast.rss)
	res.ServerCPU, res.ServerCPUMax = round1(cpuPercent(c.srv0, c.srvEnd)), round1(c.peakCPU)
	res.ClientCPU, res.ClientRSSPeakMB = round1(cpuPercent(c.cli0, c.cliEnd)), mb(c.cliPeakRSS)
}

func mb(b int64) float64       { return round1(float64(b) / (1 << 20)) }
func round1(x float64) float64 { return math.Round(x*10) / 10 }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// trimText shortens s to at most n characters.
func trimText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func seconds(d time.Duration) float64 { return round1(d.Seconds()) }
