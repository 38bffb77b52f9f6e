package intake

import "regexp"

// pleaCue gives the linear models the cue "sa:plea": the message asks
// someone to come, fix or handle something now (赶紧修, 快来修, 来人修一下,
// 谁来管管, 找人来修, 麻烦修一下, 快啲嚟整). A knob of testdata/TERSE-13c.md;
// off as shipped unless that protocol chose it.
var pleaCue = false

// pleaPattern is an urge word, then at most three characters (来, 派人,
// 帮忙, 给…), then a verb of fixing, coming or handling: a pattern, not a
// list of phrases.
var pleaPattern = regexp.MustCompile(`(赶紧|赶快|赶急|快点|快些|快来|快啲|快|麻烦|劳驾|拜托|求求|请|谁来|谁能|谁去|有没有人|来个人|来人|找人|派人|叫人|喊人|速来|速|尽快|马上|立刻|抓紧|麻溜|搞快|紧着|早点)` +
	`[^，。！？,.!? ]{0,3}?(修|管|处理|解决|弄|整|搞|疏通|清理|清走|收|看看|看一下|瞧瞧|来|过来|嚟)`)

// pleading reports whether normalised text holds a plea to fix (pleaPattern).
func pleading(norm string) bool { return pleaPattern.MatchString(norm) }
