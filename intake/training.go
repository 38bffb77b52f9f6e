package intake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// What a model was trained from (Training.From).
const (
	FromBuiltin          = "built-in"           // the built-in corpus (BuiltinCorpus): the embedded model
	FromFile             = "file"               // a TSV file (`neighborbot train -data`)
	FromBuiltinDecisions = "built-in+decisions" // the built-in corpus plus recorded decisions (`train -from-db`)
)

// Training is the record a model file keeps of how it was made: when, from
// what, how many rows, and how a model trained without some of those rows
// scored on them. Models written before session 13 have none (Model.Training
// returns the zero Training).
type Training struct {
	// At is when the model was trained, in UTC. Zero for the embedded model,
	// so that retraining it on the same corpus writes the same bytes: its
	// Corpus digest says what it learnt from instead.
	At   time.Time `json:"at,omitzero"`
	From string    `json:"from"`
	File string    `json:"file,omitempty"` // the TSV file's name (FromFile)
	// Rows counts the rows of the built-in corpus or of the file; Corpus is
	// a digest of those rows (DatasetDigest), the same for two models
	// trained on the same corpus.
	Rows   int    `json:"rows"`
	Corpus string `json:"corpus,omitempty"`
	// Decisions, NotConcern: the recorded decisions added to the built-in
	// corpus (FromBuiltinDecisions) and how many of them say "not a
	// concern"; Since the date they start from (zero: all of them); Weight
	// how many corpus rows each counted for.
	Decisions  int       `json:"decisions,omitempty"`
	NotConcern int       `json:"not_concern,omitempty"`
	Since      time.Time `json:"since,omitzero"`
	Weight     int       `json:"weight,omitempty"`
	// Check is how the model scored at training time on rows it did not
	// learn from; nil when there was none (the embedded model, or too few
	// rows to hold any out).
	Check *Check `json:"check,omitempty"`
}

// Check is a quick held-out check made at training time (NewCheck): a
// model trained on everything but every fifth row (of the file, or of the
// recorded decisions) is scored on those rows. It estimates how the model
// written, which learnt from them too, does on rows it has not seen.
type Check struct {
	Rows             int     `json:"rows"`    // rows scored
	Of               int     `json:"of"`      // of how many (the file's rows, or the decisions)
	Concern          bool    `json:"concern"` // the rows have concern labels
	ConcernPrecision float64 `json:"concern_precision"`
	ConcernRecall    float64 `json:"concern_recall"`
	ConcernF1        float64 `json:"concern_f1"`
	CategoryN        int     `json:"category_n"` // rows with a category to score
	MacroF1          float64 `json:"macro_f1"`
}

// Training returns the model's record of how it was made.
func (m *Model) Training() Training {
	if m.data.Training == nil {
		return Training{}
	}
	return *m.data.Training
}

// WithTraining returns a copy of m that records t as how it was made (At
// is kept in UTC); Save writes it with the model. m itself is not changed.
func (m *Model) WithTraining(t Training) *Model {
	c := *m
	t.At = t.At.UTC()
	c.data.Training = &t
	return &c
}

// holdOut reports whether row i is held out of the training of a check
// model: every fifth row, as the concern calibration holds out (train.go).
func holdOut(i int) bool { return i%5 == 4 }

// SplitForCheck splits rows into those a check model learns from and
// those it is scored on (every fifth row); held is empty below five rows.
func SplitForCheck(rows []Example) (learn, held []Example) {
	for i, ex := range rows {
		if holdOut(i) {
			held = append(held, ex)
		} else {
			learn = append(learn, ex)
		}
	}
	return learn, held
}

// NewCheck is the Check of rep, the Evaluate report of a model on the
// rows held out of its training (SplitForCheck), taken from of rows;
// concern says whether those rows have concern labels.
func NewCheck(rep Report, of int, concern bool) *Check {
	return &Check{Rows: rep.N, Of: of, Concern: concern, ConcernPrecision: rep.ConcernPrecision,
		ConcernRecall: rep.ConcernRecall, ConcernF1: rep.ConcernF1, CategoryN: rep.CategoryN, MacroF1: rep.MacroF1}
}

// DatasetDigest identifies a dataset's rows (text, labels and weights, in
// order): the first 12 hex digits of their SHA-256.
func DatasetDigest(ds *Dataset) string {
	h := sha256.New()
	for _, ex := range ds.Examples {
		fmt.Fprintf(h, "%q\t%d\t%q\t%q\t%d\t%g\n", ex.Text, ex.Concern, ex.Category, ex.Location, ex.Urgent, ex.Weight)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Summary says in one line what the model was trained from and when.
func (t Training) Summary() string {
	if t.From == "" {
		return "not recorded (a model file written before training records)"
	}
	var b strings.Builder
	switch t.From {
	case FromFile:
		fmt.Fprintf(&b, "file %s (%s)", t.File, Plural(t.Rows, "row"))
	default:
		fmt.Fprintf(&b, "built-in corpus (%s", Plural(t.Rows, "row"))
		if t.Corpus != "" {
			fmt.Fprintf(&b, ", digest %s", t.Corpus)
		}
		b.WriteString(")")
	}
	if t.From == FromBuiltinDecisions {
		fmt.Fprintf(&b, " + %s (%d not a concern, %d concerns)", Plural(t.Decisions, "recorded decision"),
			t.NotConcern, t.Decisions-t.NotConcern)
		if !t.Since.IsZero() {
			fmt.Fprintf(&b, " since %s", t.Since.Format(time.DateOnly))
		}
		fmt.Fprintf(&b, ", each counted %s", Plural(t.Weight, "time"))
	}
	if t.At.IsZero() {
		b.WriteString("; undated (the embedded model is reproducible: the same corpus trains the same file)")
	} else {
		fmt.Fprintf(&b, "; trained %s", t.At.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return b.String()
}

// CheckSummary says in one line how the model scored at training time.
func (t Training) CheckSummary() string {
	c := t.Check
	switch {
	case t.From == "":
		return "not recorded"
	case c == nil && t.From == FromBuiltin:
		return "none (the embedded model is measured in docs/PERFORMANCE-intake.md)"
	case c == nil:
		return "none (too few rows to hold some out)"
	}
	of := "rows of the file"
	if t.From == FromBuiltinDecisions {
		of = "decisions"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "a model trained without %d of the %d %s scored on them:", c.Rows, c.Of, of)
	if c.Concern {
		fmt.Fprintf(&b, " concern precision %.3f recall %.3f F1 %.3f;", c.ConcernPrecision, c.ConcernRecall, c.ConcernF1)
	}
	fmt.Fprintf(&b, " category macro-F1 %.3f (%s)", c.MacroF1, Plural(c.CategoryN, "row"))
	return b.String()
}
