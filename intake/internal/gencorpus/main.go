// Command gencorpus writes the intake training and held-out corpora.
//
//	go run ./intake/internal/gencorpus -out intake/testdata
//
// Messages are composed from hand-written phrasing templates (see
// templates_*.go), generated locations, durations, times and chat styles.
// Every fourth template of each category or chat kind is held out: its
// messages only appear in corpus_heldout.tsv, so the held-out split tests
// phrasings the model never saw. Hand-written held-out messages live in
// testdata/heldout_handwritten.tsv and are appended to the held-out file.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "intake/testdata", "output directory")
	seed := flag.Uint64("seed", 20261127, "random seed")
	trainPer := flag.Int("train-per-template", 18, "messages per training concern template")
	heldPer := flag.Int("heldout-per-template", 8, "messages per held-out concern template")
	lexPer := flag.Int("lexicon-per-category", 160, "lexicon-composed training messages per category")
	flag.Parse()
	if err := run(*out, *seed, *trainPer, *heldPer, *lexPer); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// row is one corpus line.
type row struct {
	text, category, location string
	concern, urgent          int
}

func run(dir string, seed uint64, trainPer, heldPer, lexPer int) error {
	// Separate random streams keep the held-out split identical when the
	// training part of the corpus changes.
	trainRng := rand.New(rand.NewPCG(seed, 1))
	heldRng := rand.New(rand.NewPCG(seed, 2))
	held := splitRows(heldRng, true, heldPer)
	train := splitRows(trainRng, false, trainPer)
	train = append(train, extraRows(trainRng, trainPer, lexPer)...)
	hw, err := handwrittenRows(trainRng, filepath.Join(dir, "train_handwritten.tsv"))
	if err != nil {
		return err
	}
	train = dedupe(append(train, hw...), nil)
	held = dedupe(held, train)
	trainRng.Shuffle(len(train), func(i, j int) { train[i], train[j] = train[j], train[i] })
	heldRng.Shuffle(len(held), func(i, j int) { held[i], held[j] = held[j], held[i] })
	// natural dev rows (category only) come last, after the held-out split
	// and the shuffle, so that the rest of the corpus does not change.
	nat, err := naturalRows(rand.New(rand.NewPCG(seed, 3)), dir)
	if err != nil {
		return err
	}
	nat = dedupe(nat, train)
	// The rows of the later natural files (urgent unknown, at the end) are
	// kept to a multiple of five: the concern detector's calibration holds
	// out every fifth row of the built-in corpus by position, and the
	// natural rows that train the detector come after this file's, so any
	// other count would shift its split and change the detector.
	later := 0
	for _, r := range nat {
		if r.urgent < 0 {
			later++
		}
	}
	train = append(train, nat[:len(nat)-later%5]...)
	if err := write(filepath.Join(dir, "corpus_train.tsv"), train); err != nil {
		return err
	}
	return write(filepath.Join(dir, "corpus_heldout_generated.tsv"), held)
}

// splitRows composes messages from the training templates (index%4 != 3)
// or from the held-out ones (index%4 == 3) of every category and chat kind.
func splitRows(rng *rand.Rand, heldOut bool, per int) []row {
	var out []row
	for _, cat := range sortedKeys(concernTemplates) {
		for i, tpl := range concernTemplates[cat] {
			for j := 0; (i%4 == 3) == heldOut && j < per; j++ {
				out = append(out, compose(rng, tpl, cat, true))
			}
		}
	}
	chatBase := 6
	if heldOut {
		chatBase = 3
	}
	for _, kind := range sortedKeys(chatTemplates) {
		for i, tpl := range chatTemplates[kind] {
			for j := 0; (i%4 == 3) == heldOut && j < chatCount(tpl, chatBase); j++ {
				out = append(out, compose(rng, tpl, "", false))
			}
		}
	}
	return out
}

// extraRows composes the training-only messages: lexicon compositions and
// the extra concern and chat templates.
func extraRows(rng *rand.Rand, trainPer, lexPer int) []row {
	var out []row
	for _, cat := range sortedKeys(concernTemplates) {
		out = append(out, lexMessages(rng, cat, lexPer)...)
		for _, tpl := range extraConcernTemplates[cat] {
			for j := 0; j < trainPer/2; j++ {
				out = append(out, compose(rng, tpl, cat, true))
			}
		}
	}
	for _, tpl := range extraChatTemplates {
		for j := 0; j < 4; j++ {
			out = append(out, compose(rng, tpl, "", false))
		}
	}
	out = append(out, realisticRows(rng, trainPer)...)
	return append(out, chatLexMessages(rng, 400)...)
}

// chatCount gives templates with slots more variants than fixed phrases.
func chatCount(tpl string, base int) int {
	if strings.ContainsAny(tpl, "{") {
		return base * 2
	}
	return base
}

func compose(rng *rand.Rand, tpl, cat string, concern bool) row {
	r := row{category: cat}
	if concern {
		r.concern = 1
	}
	if strings.HasPrefix(tpl, "!") {
		r.urgent = 1
		tpl = tpl[1:]
	}
	s := fillSlots(rng, tpl)
	s = style(rng, s, concern)
	r.text, r.location = goldLocation(s)
	return r
}

func fillSlots(rng *rand.Rand, tpl string) string {
	s := strings.ReplaceAll(tpl, "[", mOpen)
	s = strings.ReplaceAll(s, "]", mClose)
	for strings.Contains(s, "{L}") {
		s = strings.Replace(s, "{L}", location(rng), 1)
	}
	s = strings.ReplaceAll(s, "{D}", pick(rng, durations))
	s = strings.ReplaceAll(s, "{T}", pick(rng, times))
	return s
}

// goldLocation strips the markers and returns the marked words, merging
// words that touch or are separated only by 的 or spaces, the same way the
// extractor reports one place.
func goldLocation(s string) (text, loc string) {
	for _, sep := range []string{mClose + mOpen, mClose + " " + mOpen, mClose + "的" + mOpen} {
		s = strings.ReplaceAll(s, sep, strings.Trim(sep, mOpen+mClose))
	}
	var words []string
	var b strings.Builder
	for {
		i := strings.Index(s, mOpen)
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.Index(s[i:], mClose) + i
		b.WriteString(s[:i])
		w := s[i+1 : j]
		b.WriteString(w)
		words = append(words, strings.TrimSpace(w))
		s = s[j+1:]
	}
	return strings.TrimSpace(b.String()), strings.Join(words, "|")
}

func dedupe(rows, against []row) []row {
	seen := map[string]bool{}
	for _, r := range against {
		seen[r.text] = true
	}
	out := rows[:0]
	for _, r := range rows {
		if !seen[r.text] && r.text != "" {
			seen[r.text] = true
			out = append(out, r)
		}
	}
	return out
}

func write(path string, rows []row) error {
	var b strings.Builder
	b.WriteString("text\tconcern\tcategory\tlocation\turgent\n")
	for _, r := range rows {
		concern := fmt.Sprint(r.concern)
		if r.concern < 0 {
			concern = "-" // category only
		}
		urgent := fmt.Sprint(r.urgent)
		if r.urgent < 0 {
			urgent = "-" // unknown: trains no urgency
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.text, concern, r.category, r.location, urgent)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
