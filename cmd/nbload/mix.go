package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// kind is a kind of message the load generator posts.
type kind int

// The kinds of message, in the order the mix lists them.
const (
	kindChitChat kind = iota // chit-chat: the bot must stay quiet
	kindReport               // a new report: acknowledged with a case number
	kindDup                  // a report of a recent case in other words
	kindPlusOne              // "+1" in reply to the bot's acknowledgement
	kindStatus               // "#进度 N"
	kindOfficer              // "#立项 N" or "#进展 N …" by the group's officer
	nKinds
)

var kindNames = [nKinds]string{"chitchat", "report", "dup", "plusone", "status", "officer"}

func (k kind) String() string { return kindNames[k] }

// expectsReply reports whether the bot answers this kind of message.
func (k kind) expectsReply() bool { return k != kindChitChat }

// defaultMix is the share of each kind when -mix is not given.
const defaultMix = "chitchat=70,report=20,dup=4,plusone=3,status=2,officer=1"

// mix is the share of each kind of message, summing to 1.
type mix [nKinds]float64

// parseMix reads "name=weight,…". Weights are non-negative numbers, scaled
// to sum to 1; kinds left out get none.
func parseMix(s string) (mix, error) {
	var m mix
	var seen [nKinds]bool
	total := 0.0
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, val, ok := strings.Cut(part, "=")
		if !ok {
			return m, fmt.Errorf("mix: %q is not name=weight", part)
		}
		k, ok := kindByName(strings.TrimSpace(name))
		if !ok {
			return m, fmt.Errorf("mix: unknown kind %q (known: %s)", name, strings.Join(kindNames[:], ", "))
		} else if seen[k] {
			return m, fmt.Errorf("mix: %s given twice", name)
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || w < 0 || w != w || w > 1e9 {
			return m, fmt.Errorf("mix: weight of %s must be a number ≥ 0, not %q", name, val)
		}
		seen[k], m[k] = true, w
		total += w
	}
	if total == 0 {
		return m, fmt.Errorf("mix: %q gives no weight to any kind", s)
	}
	for k := range m {
		m[k] /= total
	}
	return m, nil
}

func kindByName(name string) (kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return kind(k), true
		}
	}
	return 0, false
}

// pick draws a kind with the mix's probabilities.
func (m mix) pick(rng *rand.Rand) kind {
	x := rng.Float64()
	for k, w := range m {
		if x < w {
			return kind(k)
		}
		x -= w
	}
	for k := nKinds - 1; k > 0; k-- { // rounding: the last kind with a share
		if m[k] > 0 {
			return k
		}
	}
	return 0
}

// String writes the mix as percentages, in the -mix syntax.
func (m mix) String() string {
	var parts []string
	for k, w := range m {
		if w > 0 {
			parts = append(parts, fmt.Sprintf("%s=%g", kindNames[k], float64(int(w*1000+0.5))/10))
		}
	}
	return strings.Join(parts, ",")
}
