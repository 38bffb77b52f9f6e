package main

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// caseRef is a case the bot opened during the run, as the group saw it.
type caseRef struct {
	no        int64
	g         *group
	reportMsg int64 // the resident's report
	ackMsg    int64 // the bot's acknowledgement ("+1" replies to it)
	rep       report

	// Guarded by cases.mu.
	accepted bool // "#立项" done: further officer commands are "#进展"
	busy     bool // an officer's command on it awaits its answer
	refused  bool // an officer's command was refused: leave it alone
}

// cases are the cases opened recently, from which duplicates, "+1"s,
// status queries and officers' commands pick.
type cases struct {
	mu   sync.Mutex
	list []*caseRef
	next int
}

// recentCases is how many recent cases are kept to pick from.
const recentCases = 2000

func (cs *cases) add(c *caseRef) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.list) < recentCases {
		cs.list = append(cs.list, c)
		return
	}
	cs.list[cs.next] = c
	cs.next = (cs.next + 1) % recentCases
}

// any returns a random recent case, or nil.
func (cs *cases) any(rng *rand.Rand) *caseRef {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.list) == 0 {
		return nil
	}
	return cs.list[rng.IntN(len(cs.list))]
}

// forOfficer returns a random recent case no officer's command is waiting
// on and marks it busy, or nil; accept says whether the command is "#立项".
func (cs *cases) forOfficer(rng *rand.Rand) (c *caseRef, accept bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for range 8 {
		if len(cs.list) == 0 {
			return nil, false
		}
		c := cs.list[rng.IntN(len(cs.list))]
		if !c.busy && !c.refused {
			c.busy = true
			return c, !c.accepted
		}
	}
	return nil, false
}

// officerDone records the answer to an officer's command on c.
func (cs *cases) officerDone(c *caseRef, accept, refused bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c.busy = false
	c.refused = c.refused || refused
	c.accepted = c.accepted || (accept && !refused)
}

// The bot's words nbload reads: a new case's acknowledgement (zh-CN and
// en) and the case number in it.
var (
	ackMarks = []string{"收到，已登记 #", "Got it: registered #"}
	caseNo   = regexp.MustCompile(`#(\d+)`)
)

// newCaseNumber returns the case number of the bot's acknowledgement of a
// new case, or 0 when text is another answer (joined to a case, refused).
func newCaseNumber(text string) int64 {
	for _, mark := range ackMarks {
		if i := strings.Index(text, mark); i >= 0 {
			if m := caseNo.FindStringSubmatch(text[i+len(mark)-1:]); m != nil {
				n, _ := strconv.ParseInt(m[1], 10, 64)
				return n
			}
		}
	}
	return 0
}
