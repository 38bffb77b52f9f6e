// Command neighborbot runs NeighborBot (邻里哨) and its admin tools.
//
//	neighborbot [run]            run the bot (sandbox chat on http://127.0.0.1:8080/sandbox)
//	neighborbot init             write a commented sample config
//	neighborbot migrate          bring the database schema up to date
//	neighborbot backup -out F    copy the database, also while the bot runs
//	neighborbot unit add|list    manage the unit tree
//	neighborbot invite [list|revoke CODE]   one-time codes that grant a role
//	neighborbot person list      the people who hold a role
//	neighborbot role revoke      take a role back
//	neighborbot check            full integrity check of the database
//	neighborbot inbox list-failed|retry   messages set aside after failing
//	neighborbot user passwd NAME the officers' desk password of a staff member
//	neighborbot stats            numbers and rates of a unit's area for a period
//	neighborbot train|eval|understand   the message-understanding models
//	neighborbot version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones on machines without a zoneinfo database
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv}))
}

// IO is the program's view of the outside world, injectable for tests.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
}

// Main runs one command and returns the process exit code.
func Main(ctx context.Context, args []string, sys IO) int {
	verb, rest := "run", args
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		verb, rest = "version", args[1:]
	} else if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		verb, rest = args[0], args[1:]
	}
	err := dispatch(ctx, verb, rest, sys)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(sys.Err, err)
		fmt.Fprint(sys.Err, usage)
		return 2
	}
	fmt.Fprintln(sys.Err, "neighborbot:", err)
	return 1
}

var errUsage = errors.New("usage error")

func dispatch(ctx context.Context, verb string, args []string, sys IO) error {
	switch verb {
	case "run":
		return runBot(ctx, args, sys)
	case "init":
		return runInit(args, sys)
	case "migrate":
		return runMigrate(ctx, args, sys)
	case "unit":
		return runUnit(ctx, args, sys)
	case "backup":
		return runBackup(ctx, args, sys)
	case "invite":
		return runInvite(ctx, args, sys)
	case "person":
		return runPerson(ctx, args, sys)
	case "role":
		return runRole(ctx, args, sys)
	case "check":
		return runCheck(ctx, args, sys)
	case "inbox":
		return runInbox(ctx, args, sys)
	case "stats":
		return runStats(ctx, args, sys)
	case "user":
		return runUser(ctx, args, sys)
	case "train":
		return runTrainVerb(ctx, args, sys)
	case "eval":
		return runEvalVerb(ctx, args, sys)
	case "understand":
		return runUnderstand(args, sys)
	case "model":
		return runModel(ctx, args, sys)
	case "version":
		fmt.Fprintln(sys.Out, "neighborbot", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(sys.Out, usage)
		return nil
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, verb)
}

const usage = `usage: neighborbot [command] [flags]

  run          run the bot (default); flags: -config PATH, --no-demo
  init         write a commented sample config (neighborbot.yaml)
  migrate      bring the database schema up to date
  backup       -out FILE: a consistent copy of the database, also while the bot runs
  unit add     -name NAME -kind district|street|community|grid|department|partner [-parent NAME]
  unit list
  invite       -role ROLE -unit NAME: print a one-time code, sent as "#绑定 CODE" to the bot
  invite list                the codes with their state (open, used by whom, expired, revoked)
  invite revoke CODE         make an unused code unusable
  person list                the people who hold a role, by unit
  role revoke  -person NAME -role ROLE [-unit NAME]: take a role back
  check        run the full integrity check of the database (stop the bot first for a large one)
  inbox list-failed          the incoming messages set aside after failing (ids, errors)
  inbox retry ID|--all       hand set-aside messages back to the bot
  user passwd NAME           set the desk password of a person with a staff role (read from standard input)
  stats        [-unit NAME] [-from YYYY-MM-DD] [-to YYYY-MM-DD] [-json]: topics, issues, projects and the rates
  train        -data FILE -out MODEL, or -from-db [-since DATE] [-weight 5] -out MODEL (built-in corpus + decisions)
  eval         -data FILE [-model MODEL] [-json], or -from-db [-since DATE] [-model MODEL] [-json]
  understand   [-model MODEL] read messages on standard input, print how the bot reads them (configured taxonomy)
  model        which model runs, what it is made of, how it scores on the recorded decisions
  version      (or --version) the stamped version, else the build's VCS revision

Config: -config PATH or NEIGHBORBOT_CONFIG; environment NEIGHBORBOT_* overrides the file.
`
