package intake

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/go-ego/gse"
)

// modelVersion is bumped when modelData changes incompatibly. Version 2
// stores the category weights quantised (Q, QScale) and may hold trigram
// features and ensemble members: a binary that reads only version 1 would
// find no category weights, so it refuses the file instead. Version 1 files
// are still read. Fields added since that a binary may ignore (Training:
// gob skips fields its struct lacks, and a file without them reads as
// their zero value) need no new version.
const modelVersion = 2

// oldestModelVersion is the oldest model file version Load accepts.
const oldestModelVersion = 1

// DefaultAckThreshold is the confidence above which a report is
// acknowledged in the group; below it the report goes to the review list.
const DefaultAckThreshold = 0.7

//go:embed model/default.gob.gz
var defaultModel []byte

// modelData is what a model file holds (gob, gzip-compressed).
type modelData struct {
	Version  int
	Features []string
	IDF      []float32
	Concern  *linear // nil for category-only models: every message is a concern
	Category *linear
	Ack      float64
	// PlattA and PlattB calibrate the concern detector:
	// P(concern) = sigmoid(PlattA·z + PlattB) for its logit z. Zero PlattA
	// (models written before calibration) means the plain softmax.
	PlattA, PlattB float64
	// PlattC weighs the message's coverage (coverage.go) in the same
	// sigmoid: P(concern) = sigmoid(PlattA·z + PlattC·coverage + PlattB).
	// Zero for models written before it.
	PlattC float64
	// Urgent is a binary classifier (labels "0", "1") of danger to people
	// now, learnt from the corpus's urgent column over all its rows (urgent.go);
	// nil for models written before it or trained without that column.
	Urgent *linear
	// CatFeatures are the category model's own features (character
	// trigrams, catfeatures.go), numbered after Features; empty for models
	// written before them.
	CatFeatures []string
	// CategoryMore are further members of the category ensemble
	// (catlearn.go): their class probabilities are averaged with
	// Category's. Same labels in the same order.
	CategoryMore []*linear
	// Training records when and from what the model was trained and how it
	// scored then (training.go); nil for files written before it.
	Training *Training
	// Private is the register prior (register_prior.go, labels "0", "1"):
	// P(a private text rather than a message to the group); nil for
	// models written before it or trained without natural rows.
	Private *linear
}

// categoryMembers returns the category ensemble's members.
func (d *modelData) categoryMembers() []*linear {
	return append([]*linear{d.Category}, d.CategoryMore...)
}

// Model understands messages. Build one with Default, Load or Train; it is
// immutable afterwards (apart from an internal, bounded duplicate-matching
// cache) and safe for concurrent use.
type Model struct {
	data     modelData
	index    map[string]int32
	catIndex map[string]int32 // CatFeatures → id (after the shared features)
	feats    *featureIndex    // index, packed (featindex.go)
	catFeats *featureIndex    // catIndex, packed; nil without CatFeatures
	catQuad  bool             // CatFeatures hold character 4-grams ("q:")
	fseg     *fastSegment
	seg      *gse.Segmenter
	taxonomy []Category
	ack      float64
	boost    float64
	window   time.Duration
	catIdx   []int // model category label → taxonomy index, -1 if absent
	keywords *keywordIndex
	dup      *dupCache
	force    forcing   // which urgent concerns are acknowledged at once (understand.go)
	gates    gateRules // the rules judge applies: zero as shipped (veto.go)
}

// Option configures a Model.
type Option func(*Model)

// WithAckThreshold sets the confidence above which reports are acknowledged.
func WithAckThreshold(t float64) Option { return func(m *Model) { m.ack = t } }

// WithKeywordBoost sets how much each taxonomy keyword found in a message
// adds to its category's log-probability (0 disables keyword boosting).
func WithKeywordBoost(b float64) Option { return func(m *Model) { m.boost = b } }

// WithDuplicateWindow sets how old an open case may be for FindDuplicate to
// match it (default DuplicateWindow). Non-positive values are ignored.
func WithDuplicateWindow(d time.Duration) Option {
	return func(m *Model) {
		if d > 0 {
			m.window = d
		}
	}
}

// Default returns the model embedded in the binary with the default taxonomy.
func Default(opts ...Option) (*Model, error) {
	return decode(bytes.NewReader(defaultModel), opts)
}

// Load reads a model file written by Model.Save.
func Load(path string, opts ...Option) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	m, err := decode(f, opts)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	return m, nil
}

func decode(r io.Reader, opts []Option) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("decompress model: %w", err)
	}
	var d modelData
	if err := gob.NewDecoder(zr).Decode(&d); err != nil {
		return nil, fmt.Errorf("decode model: %w", err)
	}
	if d.Version < oldestModelVersion || d.Version > modelVersion {
		return nil, fmt.Errorf("model version %d, want %d to %d", d.Version, oldestModelVersion, modelVersion)
	}
	if d.Category == nil {
		return nil, errors.New("model has no category classifier")
	}
	for _, l := range d.categoryMembers() {
		l.dequantize()
	}
	return newModel(d, opts)
}

func newModel(d modelData, opts []Option) (*Model, error) {
	seg, err := sharedSegmenter()
	if err != nil {
		return nil, err
	}
	m := &Model{data: d, seg: seg, ack: d.Ack, boost: DefaultKeywordBoost, window: DuplicateWindow, index: make(map[string]int32, len(d.Features)), dup: newDupCache(dupCacheSize)}
	for i, f := range d.Features {
		m.index[f] = int32(i)
	}
	if len(d.CatFeatures) > 0 {
		m.catIndex = make(map[string]int32, len(d.CatFeatures))
		for i, f := range d.CatFeatures {
			m.catIndex[f] = int32(len(d.Features) + i)
			m.catQuad = m.catQuad || strings.HasPrefix(f, string(quadgramPrefix))
		}
		m.catFeats = newFeatureIndex(m.catIndex)
	}
	m.feats = newFeatureIndex(m.index)
	m.fseg = fastSegmentFor(seg)
	m.feats.indexTrie(m.fseg.trie, m.fseg.texts)
	if m.ack == 0 {
		m.ack = DefaultAckThreshold
	}
	if d.Private != nil {
		m.force = forcing{private: d.Private, privateCut: privateCut}
	}
	m.setTaxonomy(taxonomyForLabels(d.Category.Labels))
	for _, o := range opts {
		o(m)
	}
	return m, nil
}

// Save writes the model to path as gzip-compressed gob.
func (m *Model) Save(path string) error {
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// Encode writes the model as gzip-compressed gob to w.
func (m *Model) Encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	d := m.data
	d.Ack = m.ack
	d.Category = d.Category.quantizedForSave()
	more := make([]*linear, len(d.CategoryMore))
	for i, l := range d.CategoryMore {
		more[i] = l.quantizedForSave()
	}
	d.CategoryMore = more
	if err := gob.NewEncoder(zw).Encode(&d); err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	return zw.Close()
}

// AckThreshold is the confidence above which the caller should acknowledge
// a report in the group; below it the report goes to a silent review list.
func (m *Model) AckThreshold() float64 { return m.ack }

// Labels returns the category labels the model was trained on.
func (m *Model) Labels() []string { return append([]string(nil), m.data.Category.Labels...) }

// taxonomyForLabels is the taxonomy a model starts with: the built-in one
// when every label the model learnt is a built-in category; otherwise (a
// model trained on a city's or community's own classes) the model's own
// labels, with the priority and owner of a built-in category of the same
// name but no keywords, so that the built-in keywords boost no class and
// every learnt class can be predicted.
func taxonomyForLabels(labels []string) []Category {
	def := DefaultTaxonomy()
	own := make([]Category, 0, len(labels))
	known := true
	for _, l := range labels {
		c, ok := taxonomyIndex(def, l)
		if !ok {
			known = false
			c = Category{Name: l, OwnerKind: "department", Priority: PriorityGeneral}
		}
		c.Keywords = nil
		own = append(own, c)
	}
	if known {
		return def
	}
	return own
}

// Taxonomy returns a copy of the taxonomy in use.
func (m *Model) Taxonomy() []Category { return append([]Category(nil), m.taxonomy...) }

// WithTaxonomy returns a copy of m that uses taxonomy t: keywords boost
// categories, priorities come from t, and predictions are restricted to
// categories named in t (a category the model never learnt can still be
// chosen through its keywords). m itself is not changed.
func (m *Model) WithTaxonomy(t []Category) *Model {
	c := *m
	c.setTaxonomy(t)
	return &c
}

func (m *Model) setTaxonomy(t []Category) {
	m.taxonomy = append([]Category(nil), t...)
	m.keywords = newKeywordIndex(m.taxonomy)
	m.catIdx = make([]int, len(m.data.Category.Labels))
	for i, l := range m.data.Category.Labels {
		m.catIdx[i] = -1
		for j, c := range m.taxonomy {
			if c.Name == l {
				m.catIdx[i] = j
			}
		}
	}
}
