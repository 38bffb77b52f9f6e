package intake

import (
	"math"
	"strings"
)

// Result is what the model understood from one message.
type Result struct {
	Text         string   `json:"text"`
	Normalized   string   `json:"-"`
	Concern      bool     `json:"concern"`
	Confidence   float64  `json:"confidence"`
	Category     string   `json:"category"`
	Location     []string `json:"location"`
	LocationNorm []string `json:"location_norm"`
	Urgent       bool     `json:"urgent"`
	Priority     string   `json:"priority"` // urgent|utilities|general|complex
	// Ack is true when the bot acknowledges the message in the group as a
	// report: a concern whose confidence reaches the model's threshold.
	Ack bool `json:"ack"`
	// Retract is true when the writer takes back what they said before
	// (what Retracts says of Text), so that a handler reading both need not
	// read the message twice.
	Retract bool `json:"-"`
	// vetoes are the rules that made the message no report (veto.go).
	vetoes veto
}

const (
	// concernCut is the concern probability above which a message is a report.
	concernCut = 0.5
	// dangerConcernCut is the lower cut used when a danger is named.
	dangerConcernCut = 0.1
	// DefaultKeywordBoost is added to a category's log-probability per
	// taxonomy keyword found in the message (at most two hits count).
	DefaultKeywordBoost = 0.6
	// unknownCategoryGap is how far (in log-probability) below the model's
	// best category a taxonomy category the model never learnt starts; two
	// keyword hits at the default boost lift it above.
	unknownCategoryGap = 1.0
)

// placedBonus is added to the log-odds of the confidence of a concern that
// names a numbered place here and that no speech-act cue lowers:
// logit(0.7) − logit(0.55), so that at the default threshold 0.7 such a
// concern is acknowledged from a confidence of 0.55 (odds ×1.9), and
// confidence never reaches 1. Chosen on the dev files (acksweep_test.go,
// as an additive bonus at the default threshold 0.7: bonuses 0, 0.05, 0.1,
// 0.15, 0.2 acknowledged 280, 280, 282, 284, 284 of their 290 reports and
// 2 of their 413 chit-chat messages each), never on a test file.
// petitionConcern is the least P(concern) of a petition (judge.go): a
// report acknowledged at the default threshold.
const petitionConcern = DefaultAckThreshold

var placedBonus = logit(0.7) - logit(0.55)

// Understand analyses one message. For a concern, Category, Priority and
// Urgent are set and Confidence is the calibrated P(concern) lowered by the
// speech-act and structural rules (judge.go); for other messages Category
// and Priority are empty and Confidence is P(not a concern). Locations are
// extracted in both cases.
func (m *Model) Understand(text string) Result {
	folded := foldRunes(text)
	norm := normalizeFolded(folded)
	cues := scanCues(norm)
	act := speechActOf(norm, cues)
	act.joke = act.joke || laughing(text)
	ids, coverage := m.featureIDsOf(norm, act)
	r := Result{Text: text, Normalized: norm, Retract: mayRetract(norm) && Retracts(text)}
	r.Location, r.LocationNorm = extractLocationFolded(text, folded)
	if r.Location == nil {
		r.Location, r.LocationNorm = []string{}, []string{}
	}
	pConcern := m.concernProb(ids, coverage)
	// (relative places and parts of a building are places, not evidence of
	// a report here: location_relative.go)
	anchors, anchorNorm := anchoringPlaces(r.Location, r.LocationNorm)
	v := judge(norm, cues, act, anchors, anchorNorm, m.gates)
	if !v.urgent && m.gates.lifted&vetoFamily == 0 && addressedToFamily(folded) {
		// a text to the writer's family (register.go) with no danger in it
		v = judgement{vetoes: v.vetoes | vetoFamily}
	}
	if v.petition || v.outage || v.unanswered {
		// the detector learnt from chat; a formal petition is a report, and
		// so is a home's outage the neighbours are asked about, and an
		// earlier report that came to nothing
		pConcern = math.Max(pConcern, petitionConcern)
	}
	// the learnt urgency signal (urgent_model.go) adds dangers told in words
	// the rules do not list, unless the rules read a calm context
	pUrgent, calm := m.urgentProb(ids), cues.calm()
	learnt := !v.urgent && !calm && !cues.has(cueMinor) && pUrgent >= urgentModelCut
	urgent := v.urgent || learnt
	r.Concern = v.possible && (pConcern >= concernCut || (urgent && pConcern >= dangerConcernCut) || v.personDanger ||
		(!calm && pUrgent >= urgentReportCut))
	r.vetoes = v.vetoes
	if !r.Concern {
		r.Confidence = 1 - pConcern
		if !v.possible {
			r.Confidence = math.Max(r.Confidence, 1-v.factor)
		}
		return r
	}
	cat, _ := m.classify(norm, ids)
	r.Category = cat.Name
	r.Urgent = urgent
	// Confidence is the calibrated P(concern), lowered by the speech-act
	// cues; an anchored urgent danger is acknowledged whatever the category
	// says.
	r.Confidence = math.Max(pConcern, concernCut) * v.factor
	// a concern that names a numbered place here (8号楼, 3单元) and that no
	// speech-act cue lowers is more likely a report than its words alone say
	placed := v.factor == 1 && namesNumberedBuilding(r.Location)
	if placed {
		r.Confidence = 1 / (1 + math.Exp(-(logit(r.Confidence) + placedBonus)))
	}
	// (a danger only the learnt signal sees is acknowledged at once only
	// when the detector, too, reads a report)
	if r.Urgent && v.factor == 1 && v.anchored && (!learnt || pConcern >= concernCut) && m.force.allows(pUrgent, pConcern, placed, ids) {
		r.Confidence = math.Max(r.Confidence, m.ack)
	}
	r.Priority = cat.Priority
	if r.Priority == "" {
		r.Priority = PriorityGeneral
	}
	if r.Urgent {
		r.Priority = PriorityUrgent
	}
	r.Ack = r.Confidence >= m.ack
	return r
}

// forcing says which anchored urgent concerns are acknowledged whatever
// their confidence. Its zero value forces every one. A model with a
// register prior (modelData.Private, register_prior.go; shipped since
// testdata/ACKS-CV-13.md) sets private and privateCut, so that a danger
// told in a private text is not forced; the other fields are research
// options, which the opt-in cross-validations of testdata/ACKS-CV-6.md
// (forcecv_test.go) and ACKS-CV-11.md (forcecv11_test.go) set to compare
// forcings that also ask the learnt urgency signal, or the concern
// detector (none was adopted).
// They live here, not in the tests, because they read P(urgent),
// P(concern) and whether a numbered place is named, which only Understand
// computes: a test-side forcing would repeat Understand.
type forcing struct {
	urgentCut float64 // the least P(urgent) of a forced concern
	orConcern bool    // or P(concern) ≥ concernCut, whatever P(urgent)
	// concernFloor is the least P(concern) of a forced concern (ACKS-CV-11),
	// whatever P(urgent); with floorUnplaced it applies only to concerns
	// that name no numbered place here
	concernFloor  float64
	floorUnplaced bool
	// private, when set, is a register prior (ACKS-CV-13): a two-class
	// linear model over the model's features whose class "1" is a private
	// text; a concern that names no numbered place here and that it reads
	// as private with P ≥ privateCut is not forced
	private    *linear
	privateCut float64
}

func (f forcing) allows(pUrgent, pConcern float64, placed bool, ids []int32) bool {
	if pConcern < f.concernFloor && !(f.floorUnplaced && placed) {
		return false
	}
	if f.private != nil && !placed && f.privateProb(ids) >= f.privateCut {
		return false
	}
	return pUrgent >= f.urgentCut || f.orConcern && pConcern >= concernCut
}

// privateProb returns the register prior's P(private) for a message's
// features.
func (f forcing) privateProb(ids []int32) float64 {
	var p [2]float64
	f.private.probs(ids, p[:])
	return p[1]
}

// concernProb returns P(concern) for a message's features and coverage; 1
// for category-only models.
func (m *Model) concernProb(ids []int32, coverage float64) float64 {
	c := m.data.Concern
	if c == nil {
		return 1
	}
	p := make([]float64, len(c.Labels))
	if a := m.data.PlattA; a != 0 && len(p) == 2 && c.Labels[1] == "1" {
		c.logits(ids, p)
		return 1 / (1 + math.Exp(-(a*(p[1]-p[0]) + m.data.PlattC*coverage + m.data.PlattB)))
	}
	c.probs(ids, p)
	for i, l := range c.Labels {
		if l == "1" {
			return p[i]
		}
	}
	return 0
}

// classify picks the category: model probabilities restricted to the
// taxonomy, boosted by taxonomy keywords found in the text.
func (m *Model) classify(norm string, ids []int32) (Category, float64) {
	cl := m.data.Category
	// (the few classes' and categories' numbers in arrays on the stack)
	var pBuf, scoresBuf [smallClasses]float64
	p := m.categoryProbsInto(m.categoryIDs(norm, ids), floats(pBuf[:], len(cl.Labels)))
	if !m.taxonomyCovers() {
		best := argmax(p)
		c, ok := taxonomyIndex(m.taxonomy, cl.Labels[best])
		if !ok {
			c = Category{Name: cl.Labels[best], Priority: PriorityGeneral}
		}
		return c, p[best]
	}
	scores := floats(scoresBuf[:], len(m.taxonomy))
	unknown := math.Log(p[argmax(p)]+1e-9) - unknownCategoryGap // (the same for every category)
	for j := range scores {
		scores[j] = unknown
	}
	for i, j := range m.catIdx {
		if j >= 0 {
			scores[j] = math.Log(p[i] + 1e-9)
		}
	}
	distress := personInDistress(norm)
	hits := m.keywordHits(norm, 2)
	for j, c := range m.taxonomy {
		scores[j] += m.boost * float64(hits[j])
		if distress && c.Name == CatOther {
			scores[j] += distressBoost
		}
	}
	softmax(scores)
	best := argmax(scores)
	return m.taxonomy[best], scores[best]
}

// categoryProbs averages the class probabilities of the category
// ensemble's members for the category feature ids.
func (m *Model) categoryProbs(ids []int32) []float64 {
	return m.categoryProbsInto(ids, make([]float64, len(m.data.Category.Labels)))
}

// smallClasses is the number of classes up to which the scoring keeps its
// numbers in arrays on the stack instead of allocating them.
const smallClasses = 16

// floats returns buf[:n] (zeroed) when buf is long enough, else a new slice.
func floats(buf []float64, n int) []float64 {
	if n <= len(buf) {
		clear(buf[:n])
		return buf[:n]
	}
	return make([]float64, n)
}

// categoryProbsInto is categoryProbs into p, of one number a class.
func (m *Model) categoryProbsInto(ids []int32, p []float64) []float64 {
	m.data.Category.probs(ids, p)
	if len(m.data.CategoryMore) == 0 {
		return p
	}
	var qBuf [smallClasses]float64
	q := floats(qBuf[:], len(p))
	for _, l := range m.data.CategoryMore {
		l.probs(ids, q)
		for j := range p {
			p[j] += q[j]
		}
	}
	n := float64(1 + len(m.data.CategoryMore))
	for j := range p {
		p[j] /= n
	}
	return p
}

// taxonomyCovers reports whether at least one model label is in the taxonomy.
func (m *Model) taxonomyCovers() bool {
	for _, j := range m.catIdx {
		if j >= 0 {
			return true
		}
	}
	return false
}

// keywordHits returns, for each taxonomy category, how many of its keywords
// norm contains (at most limit), through the keyword index when it can.
func (m *Model) keywordHits(norm string, limit int) []int {
	if m.keywords != nil {
		return m.keywords.hits(norm, len(m.taxonomy), limit)
	}
	out := make([]int, len(m.taxonomy))
	for j, c := range m.taxonomy {
		out[j] = keywordHits(norm, c.Keywords, limit)
	}
	return out
}

func keywordHits(norm string, kws []string, limit int) int {
	n := 0
	for _, k := range kws {
		if k != "" && strings.Contains(norm, k) {
			n++
			if n == limit {
				break
			}
		}
	}
	return n
}

// namesNumberedPlace reports whether a canonical location has a number
// (3号楼, 7栋2单元): a place here, whoever's trouble it is.
func namesNumberedPlace(locs []string) bool {
	for _, l := range locs {
		if strings.ContainsAny(l, "0123456789") {
			return true
		}
	}
	return false
}

// namesNumberedBuilding reports whether a location, as written, numbers a
// building, unit, floor or flat (8号楼, 三单元, 1203室), not a date
// (十五号) or a bare place word (楼道).
func namesNumberedBuilding(locs []string) bool {
	for _, l := range locs {
		if strings.ContainsAny(l, "0123456789０１２３４５６７８９一二三四五六七八九十两") && containsAny(l, buildingWords) {
			return true
		}
	}
	return false
}

var buildingWords = []string{"楼", "栋", "单元", "幢", "座", "室", "层"}

func argmax(x []float64) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// UnderstandReport analyses a message its writer says is a report (#报事):
// as Understand, but a message the detector would not take as a concern is
// still given its category, priority and urgency.
func (m *Model) UnderstandReport(text string) Result {
	r := m.Understand(text)
	if r.Concern {
		return r
	}
	cues := scanCues(r.Normalized)
	danger, _ := urgencyOf(cues)
	calm := cues.calm()
	ids := featureIDs(m.seg, r.Normalized, m.index)
	cat, _ := m.classify(r.Normalized, ids)
	urgent := !calm && (danger || !cues.has(cueMinor) && m.urgentProb(ids) >= urgentModelCut)
	r.Concern, r.Category, r.Urgent, r.Priority = true, cat.Name, urgent, cat.Priority
	if r.Priority == "" {
		r.Priority = PriorityGeneral
	}
	if r.Urgent {
		r.Priority = PriorityUrgent
	}
	return r
}
