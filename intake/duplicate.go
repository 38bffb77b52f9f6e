package intake

import (
	"math"
	"strings"
	"time"
)

// OpenCase is an open case the caller compares a new report with. Callers
// pass only open cases of the same unit.
type OpenCase struct {
	ID           int64
	Category     string
	LocationNorm []string
	Text         string
	At           time.Time
}

// Match is a duplicate candidate. Strong means a confident match (add the
// reporter as a follower); weak matches are suggested to officers.
type Match struct {
	CaseID int64
	Score  float64
	Strong bool
}

// Duplicate matching parameters.
const (
	// DuplicateWindow is the default for how old an open case may be to
	// match a new report (see WithDuplicateWindow).
	DuplicateWindow = 14 * 24 * time.Hour
	weakScore       = 0.35
	strongSim       = 0.12 // text similarity needed with a shared specific place
	strongSimAlone  = 0.55 // text similarity needed when places don't contradict
)

// FindDuplicate returns the best matching open case for report r made at
// time at. A case matches only with the same category and within the
// duplicate window (DuplicateWindow unless set with WithDuplicateWindow); if
// both name specific places (buildings, units, gates …) they must overlap.
// The score mixes place overlap, TF-IDF cosine similarity of words and
// character bigrams, and recency.
//
// The model caches what it derives from an open case (its text's TF-IDF
// vector and its places' keys), so repeated calls with the same open cases
// are cheap; the cache is bounded and shared by the model's copies.
func (m *Model) FindDuplicate(r Result, at time.Time, open []OpenCase) (Match, bool) {
	if !r.Concern && r.Category == "" {
		return Match{}, false
	}
	q := dupQuery{r: r, at: at, keys: specificKeys(r.LocationNorm)}
	var best Match
	found := false
	for _, c := range open {
		mt, ok := m.matchCase(&q, c)
		if ok && (!found || mt.Score > best.Score) {
			best, found = mt, true
		}
	}
	return best, found
}

// dupQuery holds what FindDuplicate derives from the new report, computed
// once per call; vec is built only when a case gets as far as text
// similarity.
type dupQuery struct {
	r       Result
	at      time.Time
	keys    []string // specificKeys(r.LocationNorm)
	vec     sparseVec
	haveVec bool
	buf     []string // reused for the keys of each open case
}

func (m *Model) matchCase(q *dupQuery, c OpenCase) (Match, bool) {
	age := q.at.Sub(c.At)
	if c.Category != q.r.Category || age > m.window || age < -time.Hour {
		return Match{}, false
	}
	q.buf = m.caseKeys(c.LocationNorm, q.buf[:0])
	place := overlapKeys(q.r.LocationNorm, c.LocationNorm, q.keys, q.buf)
	if place < 0 {
		return Match{}, false
	}
	if !q.haveVec {
		q.vec, q.haveVec = m.tfidf(q.r.Normalized, q.r.Text), true
	}
	sim := cosine(q.vec, m.caseVec(c.Text))
	recency := 1 - math.Max(age.Hours(), 0)/m.window.Hours()
	score := 0.45*place + 0.45*sim + 0.10*recency
	if score < weakScore {
		return Match{}, false
	}
	strong := (place == 1 && sim >= strongSim) || (place >= 0.5 && sim >= strongSimAlone)
	return Match{CaseID: c.ID, Score: score, Strong: strong}, true
}

// placeOverlap compares normalised locations: 1 when they share a specific
// place (same building, or one contains the other), 0.5 when at least one
// side names no specific place, 0.25 when only generic places (楼道, 门口)
// are shared, and -1 when both name specific places that differ.
func placeOverlap(a, b []string) float64 {
	return overlapKeys(a, b, specificKeys(a), specificKeys(b))
}

// overlapKeys is placeOverlap with the specific keys of a and b (ka, kb)
// already computed.
func overlapKeys(a, b, ka, kb []string) float64 {
	if len(ka) == 0 || len(kb) == 0 {
		if sharesAny(a, b) {
			return 0.75
		}
		return 0.5
	}
	for _, x := range ka {
		for _, y := range kb {
			if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
				return 1
			}
		}
	}
	return -1
}

// specificKeys returns, per location, the part up to and including its
// first numbered component (3号楼2单元楼道 → 3号楼, 阳光小区3号楼 → 3号楼),
// or the community/road name when nothing is numbered. Two reports must
// share such a key to be about the same place; generic places (楼道, 门口)
// do not count.
func specificKeys(norms []string) []string {
	var keys []string
	for _, n := range norms {
		if key := specificKey(n); key != "" {
			keys = append(keys, key)
		}
	}
	return keys
}

// specificKey returns the specific key of one normalised location, or "".
func specificKey(n string) string {
	_, parts := scanNorm(n)
	key := ""
	for _, p := range parts {
		switch p.kind {
		case kindPlace, kindBareCommunity, kindZone:
			continue
		case kindNamed:
			if key == "" {
				key = n[p.start:p.end]
			}
			continue
		}
		return n[p.start:p.end]
	}
	return key
}

func scanNorm(n string) (string, []locMatch) {
	folded := foldRunes(n)
	return folded, scanComponents(folded)
}

func sharesAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
