package intake

import "strings"

// veto is a set of the rules that make a message no report at all (its
// concern false with confidence 1, before the detector has a say), save
// those softRules only let lower its confidence. judge keeps every rule
// that fires, not only the first, so that what each rule costs and saves
// can be counted apart (gates_audit_test.go).
type veto uint32

const (
	vetoEmpty       veto = 1 << iota // speechAct: fewer than minContent letters
	vetoRetract                      // speechAct: an alarm called off
	vetoElsewhere                    // speechAct: another place, not here
	vetoPersonal                     // speechAct: the writer's private trouble
	vetoAilment                      // speechAct: the writer's health, no danger
	vetoOffer                        // speechAct: an offer, ad, lost and found
	vetoOwnNuisance                  // speechAct: the writer's own noise, no danger
	vetoThirdParty                   // structure: a relative's place
	vetoBody                         // structure: the writer's body
	vetoHeader                       // structure: an organisation's text
	vetoNotice                       // structure: an announcement, no danger
	vetoForwarded                    // structure: forwarded words, no danger
	vetoResolved                     // structure: a problem already over, no danger
	vetoPrivate                      // structure: a household thing, no danger
	vetoAdvert                       // structure: an ad or lost and found, no danger
	vetoLiterary                     // judge: a proverb or a line of verse
	vetoFamily                       // Understand: a text to the writer's family, no danger
	vetoCount       = iota
)

var vetoNames = [vetoCount]string{"sa.empty", "sa.retract", "sa.elsewhere", "sa.personal", "sa.ailment", "sa.offer",
	"sa.ownNuisance", "st.thirdParty", "st.body", "st.header", "st.notice", "st.forwarded", "st.resolved", "st.private",
	"st.advert", "literary", "family"}

// String names the rules of the set, joined by "+".
func (v veto) String() string {
	var names []string
	for i := range vetoCount {
		if v&(1<<i) != 0 {
			names = append(names, vetoNames[i])
		}
	}
	return strings.Join(names, "+")
}

// vetoIf returns w when on holds, and no veto otherwise.
func vetoIf(on bool, w veto) veto {
	if on {
		return w
	}
	return 0
}

// gateRules changes the rules judge applies. Its zero value is the shipped
// set; the opt-in audit (gates_audit_test.go) sets a model's to lift one
// rule at a time, to see what the detector would have said without it, and
// to try the stages of testdata/GATES-12.md.
type gateRules struct {
	lifted veto         // rules ignored
	soft   *softVetoSet // the soft vetoes; nil: softRules
	// short, when set, is the length up to which a possible report's
	// confidence is lowered (speechAct.factor); 0: shortContent. A research
	// option of testdata/TERSE-13.md.
	short int
}

// shortOf returns the length up to which a possible report's confidence is
// lowered.
func (g gateRules) shortOf() int {
	if g.short != 0 {
		return g.short
	}
	return shortContent
}

// softOf returns the vetoes that only lower the confidence.
func (g gateRules) softOf(urgent, named bool) veto {
	if g.soft != nil {
		return g.soft.of(urgent, named)
	}
	return softRules.of(urgent, named)
}

// Calm vetoes say that the danger is not present here and now for the
// neighbours: called off, elsewhere, over, announced, forwarded, an
// organisation's text, a proverb's figure (水往下流). The others
// (nonCalmVetoes) guess that the message is not the estate's business (the
// writer's things, body or relatives, an offer, too few words), and a
// guess does not rule out a danger the rules read (testdata/GATES-12.md).
const nonCalmVetoes = vetoEmpty | vetoPersonal | vetoOffer | vetoThirdParty | vetoBody

// softVetoSet says which vetoes only lower the confidence (by
// softVetoFactor): always, under an unhedged danger, with no danger the
// rules read, or when the message names a numbered place here.
type softVetoSet struct{ always, urgent, calm, named veto }

func (s softVetoSet) of(urgent, named bool) veto {
	v := s.always
	if urgent {
		v |= s.urgent
	} else {
		v |= s.calm
	}
	if named {
		v |= s.named
	}
	return v
}

// softRules are the vetoes made confidence factors by testdata/GATES-12.md
// (read only; gateRules.soft replaces them).
var softRules = softVetoSet{urgent: nonCalmVetoes, always: vetoAilment | vetoOffer, calm: vetoLiterary, named: vetoElsewhere}

// softVetoFactor lowers the confidence of a message a soft veto doubts:
// unanchoredFactor's value, so that at the default threshold 0.7 it is
// acknowledged only from P(concern) 0.93, it is never forced as an urgent
// danger (forcing needs factor 1), and otherwise it waits on the review
// list (testdata/GATES-12.md).
const softVetoFactor = 0.75
