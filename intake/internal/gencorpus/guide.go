package main

import "strings"

// guideLabel moves a composed message to the category docs/CATEGORIES.md
// gives it where the generator's templates and lexicon say otherwise: a
// barking dog is the pet's (rule 17), a car-park barrier is parking's
// (rule 5), a broken unit door or door closer is a public facility (rule 1)
// unless anyone can get in (security). Only labels move: it is applied
// after composing, so the random streams and every text stay as they were.
// Chosen by testdata/CATEGORY-CV-7.md.
func guideLabel(r row) row {
	if r.concern != 1 {
		return r
	}
	switch {
	case r.category == "噪音扰民" && strings.Contains(r.text, "狗"):
		r.category = "宠物"
	case r.category == "公共设施" && strings.Contains(r.text, "道闸"):
		r.category = "停车交通"
	case r.category == "房屋维修" && strings.Contains(r.text, "谁都能进"):
		r.category = "治安安全"
	case r.category == "房屋维修" && (brokenUnitDoor(r.text) || strings.Contains(r.text, "闭门器")):
		r.category = "公共设施"
	}
	return r
}

// brokenUnitDoor reports whether text names a unit door itself, not the
// place in front of it (单元门口, 单元门前, 单元门外).
func brokenUnitDoor(text string) bool {
	for rest := text; ; {
		i := strings.Index(rest, "单元门")
		if i < 0 {
			return false
		}
		rest = rest[i+len("单元门"):]
		if !strings.HasPrefix(rest, "口") && !strings.HasPrefix(rest, "前") && !strings.HasPrefix(rest, "外") {
			return true
		}
	}
}

// guideLabels applies guideLabel to rows in place and returns them.
func guideLabels(rows []row) []row {
	for i := range rows {
		rows[i] = guideLabel(rows[i])
	}
	return rows
}
