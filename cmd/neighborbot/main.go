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
//	neighborbot apikey create|list|revoke   keys of Open311 clients
//	neighborbot user passwd NAME the officers' desk password of a staff member
//	neighborbot stats            numbers and rates of a unit's area for a period
//	neighborbot train|eval|understand   the message-understanding models
//	neighborbot config|healthcheck   the effective configuration; ask a running bot
//	neighborbot version
//
// "neighborbot help VERB" shows a verb's flags and an example (help.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
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

// Main runs one command and returns the process exit code: 0 done, 1
// failed, 2 wrong usage (one line saying what is wrong, and a hint).
func Main(ctx context.Context, args []string, sys IO) int {
	verb, rest := "run", args
	switch {
	case len(args) > 0 && isHelpFlag(args[0]):
		verb, rest = "help", args[1:]
	case len(args) > 0 && (args[0] == "--version" || args[0] == "-version"):
		verb, rest = "version", args[1:]
	case len(args) > 0 && args[0] != "" && args[0][0] != '-':
		verb, rest = args[0], args[1:]
	}
	err := dispatch(ctx, verb, rest, sys)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage) && slices.ContainsFunc(rest, isHelpFlag) && printVerbHelp(sys.Out, verb):
		return 0 // "unit -h": a verb with subcommands
	case errors.Is(err, errUsage):
		fmt.Fprintln(sys.Err, "neighborbot:", strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		if _, known := findVerb(verb); known && verb != "help" {
			fmt.Fprintf(sys.Err, "Run 'neighborbot help %s' for its flags and an example.\n", verb)
		} else {
			fmt.Fprintln(sys.Err, "Run 'neighborbot help' for the list of verbs.")
		}
		return 2
	}
	fmt.Fprintln(sys.Err, "neighborbot:", err)
	return 1
}

// isHelpFlag reports whether arg asks for help.
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
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
	case "apikey":
		return runAPIKey(ctx, args, sys)
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
	case "config":
		return runConfig(args, sys)
	case "healthcheck":
		return runHealthcheck(ctx, args, sys)
	case "version":
		fmt.Fprintln(sys.Out, "neighborbot", version())
		return nil
	case "completion":
		return runCompletion(args, sys)
	case "help":
		return runHelp(args, sys)
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, verb)
}
