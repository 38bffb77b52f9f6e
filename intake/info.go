package intake

// Info describes a model for people (`neighborbot model`).
type Info struct {
	Features   int      `json:"features"`
	Categories []string `json:"categories"`
	Concern    bool     `json:"concern_detector"` // false: every message is a concern
	Calibrated bool     `json:"calibrated"`       // Platt-calibrated concern confidence
	// CoverageWeighted: the calibration weighs how much of a message the
	// vocabulary knows (coverage.go); UrgencyModel: a learnt urgency
	// classifier works beside the danger rules (urgent_model.go).
	// RegisterPrior: a register prior keeps dangers told in private texts
	// from being acknowledged at once (register_prior.go).
	CoverageWeighted bool    `json:"coverage_weighted"`
	UrgencyModel     bool    `json:"urgency_model"`
	RegisterPrior    bool    `json:"register_prior"`
	AckThreshold     float64 `json:"ack_threshold"`
	// CategoryModels is how many linear models the category ensemble
	// averages (catlearn.go); CategoryTrigrams how many character trigrams
	// it reads besides the shared features.
	CategoryModels   int `json:"category_models"`
	CategoryTrigrams int `json:"category_trigrams"`
	// Training is how the model was made and scored at training time
	// (training.go); zero for model files written before it.
	Training Training `json:"training"`
}

// Info returns what the model is made of.
func (m *Model) Info() Info {
	return Info{Features: len(m.data.Features), Categories: m.Labels(), Concern: m.data.Concern != nil,
		Calibrated: m.data.PlattA != 0, CoverageWeighted: m.data.PlattC != 0, UrgencyModel: m.data.Urgent != nil,
		RegisterPrior: m.data.Private != nil, AckThreshold: m.ack, CategoryModels: 1 + len(m.data.CategoryMore), CategoryTrigrams: len(m.data.CatFeatures),
		Training: m.Training()}
}
