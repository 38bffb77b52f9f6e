package main

import (
	"fmt"
	"io"
	"strings"
)

// verbDoc is the help of one verb: a one-line summary for the list of
// verbs, and the text "neighborbot help VERB" (or "VERB -h") prints: its
// forms and flags, and at least one example that works as written.
//
// Adding a verb takes two steps: a one-line case in dispatch (main.go)
// calling runX(ctx, args, sys), and an entry here. TestEveryVerbHasHelp
// fails when one of the two is missing.
type verbDoc struct {
	name, summary, text string
}

// verbs lists the verbs in the order "neighborbot help" shows them.
var verbs = []verbDoc{
	{"run", "run the bot (the default verb)", `neighborbot run [-config PATH] [--no-demo]

Runs the bot until Ctrl-C or SIGTERM. Without -config it reads
$NEIGHBORBOT_CONFIG, else ./neighborbot.yaml if there is one, else the
built-in defaults; NEIGHBORBOT_* variables override the file. An empty
database gets demo data (marked 演示) unless --no-demo or demo: false.

Example:
  neighborbot run -config neighborbot.yaml`},
	{"init", "write a commented sample config", `neighborbot init [-config PATH]

Writes the sample configuration (every setting with its default and what
it does) to PATH, neighborbot.yaml by default; never overwrites a file.

Example:
  neighborbot init && neighborbot run`},
	{"config", "print the effective configuration and where each value came from", `neighborbot config [-config PATH]

Prints every setting as the bot would use it, with where it came from
(default, the file, or an environment variable). Secrets are shown as ***.

Example:
  NEIGHBORBOT_LANGUAGE=en neighborbot config`},
	{"migrate", "bring the database schema up to date", `neighborbot migrate [-config PATH]

Creates the database if needed and applies the migrations it lacks,
naming each one. The bot does the same at start; run it to upgrade first.

Example:
  neighborbot migrate -config /etc/neighborbot/neighborbot.yaml`},
	{"backup", "a consistent copy of the database, also while the bot runs", `neighborbot backup -out FILE [-config PATH]

Writes a copy of the configured database to FILE (which must not exist),
with mode 0600. See docs/OPERATIONS.md for restoring it.

Example:
  neighborbot backup -out backup-$(date +%F).db`},
	{"healthcheck", "ask a running bot whether it can serve (exit 0 or 1)", `neighborbot healthcheck [-config PATH] [-url URL]

Asks the running bot's /healthz (at http_addr, or URL) and exits 0 when
it answers that it can serve, 1 otherwise, with the reason. Used by the
Docker HEALTHCHECK.

Example:
  neighborbot healthcheck -url http://127.0.0.1:8080/healthz`},
	{"unit", "manage the unit tree (add, list)", `neighborbot unit add -name NAME -kind KIND [-parent NAME]
neighborbot unit list

KIND is district, street, community, grid, department or partner. Names
may be shortened as in chat (幸福社区 for 幸福社区(演示)) when one unit matches.

Examples:
  neighborbot unit add -name 东城街道 -kind street
  neighborbot unit add -name 和平社区 -kind community -parent 东城街道
  neighborbot unit list`},
	{"invite", "one-time codes that grant a role (create, list, revoke)", `neighborbot invite -role ROLE -unit NAME
neighborbot invite list
neighborbot invite revoke CODE

Prints a code the person sends to the bot in a private chat as
"#绑定 CODE" (or "/bind CODE"); it works once, until invite_ttl passes.
ROLE is officer, grid_worker, department, ambassador or admin (admin
needs no -unit).

Examples:
  neighborbot invite -role officer -unit 幸福社区
  neighborbot invite revoke K7QM-3XPA`},
	{"person", "the people who hold a role, by unit", `neighborbot person list

Example:
  neighborbot person list`},
	{"role", "take a role back", `neighborbot role revoke -person NAME -role ROLE [-unit NAME]

Example:
  neighborbot role revoke -person 王主任 -role officer -unit 幸福社区`},
	{"check", "full integrity check of the database", `neighborbot check [-config PATH]

Runs SQLite's full integrity check (the bot runs a quick one at start).
Stop the bot first for a large database.

Example:
  neighborbot check`},
	{"inbox", "incoming messages set aside after failing (list-failed, retry)", `neighborbot inbox list-failed
neighborbot inbox retry ID|--all

Example:
  neighborbot inbox retry --all`},
	{"apikey", "keys of Open311 clients (create, list, revoke)", `neighborbot apikey create -name NAME -unit UNIT
neighborbot apikey list
neighborbot apikey revoke NAME

A key lets one client (a hotline, an app) create and read service requests
under /open311/v2/ for a unit and the units below it; its requests are
posted to the unit's group like a chat report. create prints the key alone
on the last line: it is shown this once (only a hash is kept).

Example:
  neighborbot apikey create -name 12345热线 -unit 第一网格`},
	{"user", "the officers' desk password of a staff member", `neighborbot user passwd NAME

Sets the password with which NAME (a person holding an officer, grid worker,
department or admin role) logs in to the desk at /desk/. The password is read
from standard input (asked twice without echo on a terminal); a new password
ends that person's earlier logins. Officers can also log in with a one-time
code: "#登录" to the bot in a private chat.

Example:
  printf '%s\n' 'a long passphrase' | neighborbot user passwd 王书记`},
	{"stats", "numbers and rates of a unit's area for a period", `neighborbot stats [-unit NAME] [-from YYYY-MM-DD] [-to YYYY-MM-DD] [-json]

Topics, issues, projects, on-time, resolution and satisfaction rates.

Example:
  neighborbot stats -unit 幸福社区 -from 2026-01-01`},
	{"train", "train the message-understanding model", `neighborbot train -data FILE -out MODEL [-ack-threshold X]
neighborbot train -from-db [-since YYYY-MM-DD] [-weight 5] -out MODEL

From a TSV file (a header row naming text and any of concern 1/0,
category, location, urgent 1/0, weight), or from the built-in corpus plus
the decisions recorded in the database (on cases reported since -since, a
day in the configured timezone). A dismissal whose reason says it was not a
report (#驳回 N 不是报事, 闲聊, 误报) and a reporter's correction (不是报事,
是我搞错了) teach "not a report"; a dismissal for another reason (out of
scope, a duplicate, solved) teaches "a report"; a withdrawal because the
trouble is over (没事了) teaches nothing. It also trains a model without
every fifth row of the file (or decision) and scores it on them, a quick
held-out check (training takes about twice as long); the model file
records that check with when and from what it was trained, which
neighborbot model and the start log show. Set intake.model: MODEL in the
config to use it.

Example:
  neighborbot train -from-db -out community.gob.gz`},
	{"eval", "score a model on labelled messages", `neighborbot eval -data FILE [-model MODEL] [-json]
neighborbot eval -from-db [-since YYYY-MM-DD] [-model MODEL] [-json]

Scores the configured model (intake.model, else the embedded one) unless
-model names another: on a TSV file (a header row naming text and any of
concern 1/0, category, location, urgent 1/0), or on the decisions recorded
in the database.

Examples:
  neighborbot eval -from-db
  neighborbot eval -from-db -model community.gob.gz`},
	{"understand", "show how the bot reads messages (arguments, or lines of standard input)", `neighborbot understand [-model MODEL] [-config PATH] [MESSAGE ...]

Reads each argument as one message, or, with none, one message a line
from standard input, and prints one JSON object each (text, concern,
confidence, category, location, location_norm, urgent, priority, ack:
true when the bot would acknowledge it in the group), with the configured
model and taxonomy.

Examples:
  neighborbot understand "3号楼电梯坏了" "今天天气真好"
  echo "3号楼电梯坏了" | neighborbot understand`},
	{"model", "which model runs, what it was trained from and how it scores on the recorded decisions", `neighborbot model [-config PATH]

The configured model (intake.model, else the embedded one): when and from
what it was trained (the embedded model is undated: the digest of its
built-in corpus names it), its held-out check at training, what it is
made of, and how it scores now on the decisions recorded in the database.
A running bot keeps the model it loaded at start (its /healthz?detail=1
names it): restart it after changing intake.model.

Example:
  neighborbot model`},
	{"version", "the version (also --version)", `neighborbot version

The stamped version, else the build's VCS revision.

Example:
  neighborbot --version`},
	{"completion", "print a bash completion script for the verbs", `neighborbot completion bash

Example:
  source <(neighborbot completion bash)   # or save it in /etc/bash_completion.d/neighborbot`},
	{"help", "this list, or one verb's help", `neighborbot help [VERB]

Example:
  neighborbot help invite`},
}

// findVerb returns the help of verb, if it has one.
func findVerb(name string) (verbDoc, bool) {
	for _, v := range verbs {
		if v.name == name {
			return v, true
		}
	}
	return verbDoc{}, false
}

// printUsage writes the list of verbs.
func printUsage(w io.Writer) {
	fmt.Fprint(w, "usage: neighborbot [VERB] [flags]   (neighborbot 邻里哨, version "+version()+")\n\nVerbs:\n")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-12s %s\n", v.name, v.summary)
	}
	fmt.Fprint(w, `
"neighborbot help VERB" or "neighborbot VERB -h" shows a verb's flags and an example.
Every verb takes -config PATH (default: $NEIGHBORBOT_CONFIG, else ./neighborbot.yaml
if present, else built-in defaults); NEIGHBORBOT_* variables override the file.
Exit codes: 0 done, 1 failed, 2 wrong usage.
`)
}

// printVerbHelp writes one verb's help; false if the verb is unknown.
func printVerbHelp(w io.Writer, name string) bool {
	v, ok := findVerb(name)
	if !ok {
		return false
	}
	fmt.Fprintf(w, "%s — %s\n\n%s\n", v.name, v.summary, strings.TrimSpace(v.text))
	return true
}

// runCompletion implements "neighborbot completion bash": the verbs, and
// files after -config, -out and -data.
func runCompletion(args []string, sys IO) error {
	if len(args) != 1 || args[0] != "bash" {
		return fmt.Errorf("%w: completion bash (only bash is supported)", errUsage)
	}
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
	}
	fmt.Fprintf(sys.Out, `_neighborbot() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in -config|-out|-data|-model) COMPREPLY=($(compgen -f -- "$cur")); return;; esac
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W %q -- "$cur")); fi
}
complete -o default -F _neighborbot neighborbot
`, strings.Join(names, " "))
	return nil
}

// runHelp implements "neighborbot help [VERB]".
func runHelp(args []string, sys IO) error {
	if len(args) == 0 {
		printUsage(sys.Out)
		return nil
	}
	if !printVerbHelp(sys.Out, args[0]) {
		return fmt.Errorf("%w: no verb %q", errUsage, args[0])
	}
	return nil
}
