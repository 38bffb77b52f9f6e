package intake

import "strings"

// dupCacheSize bounds each of the duplicate caches (entries).
const dupCacheSize = 10000

// dupCache holds what FindDuplicate derives from open cases, so that the
// same cases compared with report after report cost a map lookup each.
// Both caches depend only on the model's features and IDF, which copies made
// by WithTaxonomy share, so copies share the cache too.
type dupCache struct {
	vecs *genCache[sparseVec] // case text → TF-IDF vector
	keys *genCache[string]    // one normalised location → specificKey ("" if none)
}

func newDupCache(size int) *dupCache {
	return &dupCache{vecs: newGenCache[sparseVec](size), keys: newGenCache[string](size)}
}

// caseVec returns the TF-IDF vector of an open case's text.
func (m *Model) caseVec(text string) sparseVec {
	if m.dup == nil {
		return m.tfidf("", text)
	}
	if v, ok := m.dup.vecs.get(text); ok {
		return v
	}
	v := m.tfidf("", text)
	m.dup.vecs.put(strings.Clone(text), v)
	return v
}

// caseKeys appends the specific keys of an open case's normalised
// locations to buf (specificKeys with a cache).
func (m *Model) caseKeys(norms, buf []string) []string {
	for _, n := range norms {
		key, ok := "", false
		if m.dup != nil {
			key, ok = m.dup.keys.get(n)
		}
		if !ok {
			n = strings.Clone(n) // the cached key points into n
			key = specificKey(n)
			if m.dup != nil {
				m.dup.keys.put(n, key)
			}
		}
		if key != "" {
			buf = append(buf, key)
		}
	}
	return buf
}
