package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"time"
)

// config is what a run does, from the command line.
type config struct {
	spawn     string // neighborbot binary to start on a fresh database ("" = use url)
	url       string // a running server (without spawn)
	pid       int    // the running server's process, for RSS and CPU (0 = not sampled)
	keep      bool   // keep the spawned server's folder
	groups    int
	grids     int
	residents int
	rate      float64
	duration  time.Duration
	arrivals  string // poisson or uniform
	mix       mix
	seed      uint64
	timeout   time.Duration // an answer not read within it is lost
	pollers   int
	pollRate  float64 // plain (not waiting) reads per second at most
	inflight  int     // POSTs at once at most
	sample    int     // chit-chat posts checked for answers after the run
	json      bool
	procs     int           // servers spawned on one database
	redis     string        // Redis URL the spawned servers share ("" = none)
	db        string        // database the spawned servers share ("" = a fresh file)
	killAfter time.Duration // with procs > 1: SIGKILL the last process this long into the load
	platform  string        // sandbox or telegram: how messages reach the bot
	tgLimits  bool          // with telegram: the fake enforces Telegram's sending limits
}

func parseConfig(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("nbload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.spawn, "spawn", "", "path of a neighborbot binary to start on a fresh database in a temporary folder")
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080", "a running server (loopback only), when -spawn is not given")
	fs.IntVar(&c.pid, "pid", 0, "process id of the running server given by -url, to sample its RSS and CPU")
	fs.BoolVar(&c.keep, "keep", false, "keep the spawned server's folder (database, server.log)")
	fs.IntVar(&c.groups, "groups", 4000, "group chats")
	fs.IntVar(&c.grids, "grids", 400, "grid units the groups are bound to (with -spawn; 10 grids a community)")
	fs.IntVar(&c.residents, "residents", 20, "residents per group")
	fs.Float64Var(&c.rate, "rate", 100, "messages per second offered, whatever the answers (open loop)")
	fs.DurationVar(&c.duration, "duration", time.Minute, "how long messages are offered")
	fs.StringVar(&c.arrivals, "arrivals", "poisson", "poisson (random gaps) or uniform (even gaps)")
	mixFlag := fs.String("mix", defaultMix, "share of each kind of message: chitchat, report, dup, plusone, status, officer")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the random choices and texts")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "an answer not read within this time of its post is lost; also the longest drain after -duration")
	fs.IntVar(&c.pollers, "pollers", 64, "readers of the groups that await answers")
	fs.Float64Var(&c.pollRate, "poll-rate", 200, "plain reads per second at most, when more groups await answers than pollers wait on")
	fs.IntVar(&c.inflight, "inflight", 1024, "POSTs in flight at most; a message due when all are busy starts late")
	fs.IntVar(&c.sample, "sample", 200, "chit-chat posts checked after the run for an answer they must not get")
	fs.BoolVar(&c.json, "json", false, "print one JSON object instead of the summary")
	fs.IntVar(&c.procs, "procs", 1, "with -spawn: processes of one bot on one database; each group talks to one of them")
	fs.StringVar(&c.redis, "redis", "", "with -spawn: Redis URL the processes share (NEIGHBORBOT_REDIS_URL)")
	fs.DurationVar(&c.killAfter, "kill-after", 0, "with -procs 2 or more: kill -9 the last process this long into the load; its groups move to the others")
	fs.StringVar(&c.db, "db", "", "with -spawn: the database the processes share (NEIGHBORBOT_DB; default a fresh SQLite file)")
	fs.StringVar(&c.platform, "platform", "sandbox", "sandbox (its JSON API) or telegram (a fake Bot API server nbload runs, messages handed to each process's webhook; needs -spawn)")
	fs.BoolVar(&c.tgLimits, "tg-limits", true, "with -platform telegram: the fake refuses sends over Telegram's limits (30/s a bot, 20/min a group) with 429")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.mix, err = parseMix(*mixFlag); err != nil {
		return c, err
	}
	return c, c.validate()
}

func (c *config) validate() error {
	switch {
	case c.groups < 1 || c.groups > 1_000_000:
		return errors.New("-groups must be 1 … 1,000,000")
	case c.spawn != "" && (c.grids < 1 || c.grids > c.groups):
		return errors.New("-grids must be 1 … -groups")
	case c.residents < 1 || c.residents > 10_000:
		return errors.New("-residents must be 1 … 10,000")
	case !(c.rate > 0 && c.rate <= 100_000):
		return errors.New("-rate must be more than 0 and at most 100,000")
	case c.duration <= 0:
		return errors.New("-duration must be positive")
	case c.arrivals != "poisson" && c.arrivals != "uniform":
		return fmt.Errorf("-arrivals must be poisson or uniform, not %q", c.arrivals)
	case c.timeout <= 0:
		return errors.New("-timeout must be positive")
	case !(c.pollRate > 0):
		return errors.New("-poll-rate must be positive")
	case c.pollers < 1 || c.inflight < 1 || c.sample < 0:
		return errors.New("-pollers and -inflight must be at least 1, -sample at least 0")
	case c.procs < 1 || c.procs > 16:
		return errors.New("-procs must be 1 … 16")
	case c.killAfter != 0 && (c.procs < 2 || c.killAfter < 0):
		return errors.New("-kill-after needs -procs 2 or more and a positive duration")
	case c.spawn == "" && (c.procs != 1 || c.redis != "" || c.db != ""):
		return errors.New("-procs, -redis and -db are for -spawn")
	case c.platform != "sandbox" && c.platform != "telegram":
		return fmt.Errorf("-platform must be sandbox or telegram, not %q", c.platform)
	case c.platform == "telegram" && c.spawn == "":
		return errors.New("-platform telegram needs -spawn (nbload runs the Bot API server the bot talks to)")
	case c.spawn != "" && c.pid != 0:
		return errors.New("-pid is for -url; a spawned server is sampled anyway")
	}
	if c.spawn == "" {
		return checkLoopback(c.url)
	}
	return nil
}

// checkLoopback refuses a URL that is not http on a loopback address:
// nbload is a load generator and sends nothing off this machine.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("-url %q must be http://HOST:PORT", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", raw)
	}
	return nil
}

const usage = `nbload drives a NeighborBot through its sandbox JSON API: N groups bound to
grid units, an open-loop rate of residents' messages in a configurable mix,
and a report of throughput, latency from post to the bot's answer, errors,
lost and doubled answers, and the server's memory and CPU.

  nbload -spawn /tmp/nbload-bot -rate 300 -duration 60s   start the bot binary on a fresh database
  nbload -url http://127.0.0.1:8080 -pid PID             drive a running server
  nbload -spawn /tmp/nbload-bot -platform telegram        through Telegram: webhooks in, a fake Bot API out

Flags:
`
