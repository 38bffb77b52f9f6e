package intake

import (
	"strings"
	"unicode/utf8"
)

// zone matches a part of the estate named by phase or district rather than
// by building: a numeral and 期 (二期, 3期), a compass district or corner
// (东区, 西北角), a lettered district (b区). It returns the match length at
// the start of rest, or -1. Words that continue into something else (期末,
// 期间, 东西区别, 北区域) are not places.
func zone(rest string) int {
	r, size := utf8.DecodeRuneInString(rest)
	n := 0
	switch {
	case isNumeral(r):
		for n < len(rest) && n < 3*3 {
			q, qs := utf8.DecodeRuneInString(rest[n:])
			if !isNumeral(q) {
				break
			}
			n += qs
		}
		if !strings.HasPrefix(rest[n:], "期") {
			return -1
		}
		n += len("期")
		if q, _ := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("间待望限末货刊满盼", q) {
			return -1
		}
		return n
	case r >= 'a' && r <= 'h':
		n = size
	default: // 东南西北, one or two of them
		n = size
		if q, qs := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("东南西北", q) {
			n += qs
		}
		if strings.HasPrefix(rest[n:], "角") {
			return n + len("角")
		}
	}
	if !strings.HasPrefix(rest[n:], "区") {
		return -1
	}
	n += len("区")
	if q, _ := utf8.DecodeRuneInString(rest[n:]); strings.ContainsRune("别域分间", q) {
		return -1
	}
	return n
}

// besideWords place a landmark by its relation to an address (3号楼和5号楼
// 中间的花园, 7号楼后面的车棚): the landmark is where the report is.
var besideWords = []string{"中间", "之间", "旁边", "后面", "前面", "对面", "边上", "后头", "前头", "背后", "附近", "里头", "里面"}

// facilitiesBeside keeps the facilities that follow a relation word (and
// an optional 的) right before their name, or that a relation word follows
// (小卖部后头, 干洗店旁边: the landmark places the report).
func facilitiesBeside(s string, fs []locMatch) []locMatch {
	var out []locMatch
	for _, f := range fs {
		before := strings.TrimSuffix(s[:f.start], "的")
		after := strings.TrimPrefix(s[f.end:], "的")
		for _, w := range besideWords {
			if strings.HasSuffix(before, w) || strings.HasPrefix(after, w) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
