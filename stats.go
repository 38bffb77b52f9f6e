package neighborbot

import "time"

// StatsFilter selects the cases statistics are computed over: those
// reported in [From, To) whose unit or owner lies in Units.
type StatsFilter struct {
	UnitIDs []int64 // a unit's subtree; nil = everywhere
	From    time.Time
	To      time.Time // zero = now
	// ResponseLimit is how soon an officer must first answer a case for it
	// to count as answered in time (the acceptance limit).
	ResponseLimit time.Duration
}

// Stats are a unit's numbers for a period (DESIGN.md, "Time limits and
// statistics"). Rates are in [0, 1], or nil when their denominator is 0.
type Stats struct {
	Topics   int `json:"topics"`   // 话题数: every case reported
	Issues   int `json:"issues"`   // 议题数: confirmed as real pain points
	Projects int `json:"projects"` // 项目数: accepted with an owner and a deadline
	Resolved int `json:"resolved"` // 办结数: projects resolved (and not reopened)

	ResolutionRate      *float64       `json:"resolution_rate"`   // 办结率 = resolved / projects
	ResponseRate        *float64       `json:"response_rate"`     // 响应率 = answered in time / cases
	SolveRate           *float64       `json:"solve_rate"`        // 解决率 = rated and not sent back / rated
	SatisfactionRate    *float64       `json:"satisfaction_rate"` // 满意率 = (满意 + w·基本满意) / rated
	OnTimeRate          *float64       `json:"on_time_rate"`      // 按时办结率 = resolved by the deadline / resolved
	MedianResponseHours *float64       `json:"median_response_hours"`
	MedianResolveHours  *float64       `json:"median_resolve_hours"`
	ByCategory          map[string]int `json:"by_category"`

	// Raw counts the rates come from.
	RespondedInTime int `json:"-"`
	Satisfied       int `json:"-"` // a case's last rating counts
	Basic           int `json:"-"`
	Unsatisfied     int `json:"-"`
	ResolvedOnTime  int `json:"-"`
}

// Rated is how many cases residents rated.
func (s *Stats) Rated() int { return s.Satisfied + s.Basic + s.Unsatisfied }

// Finish computes the rates from the raw counts, weighting 基本满意 by
// basicWeight in the satisfaction rate.
func (s *Stats) Finish(basicWeight float64) {
	s.ResolutionRate = ratio(float64(s.Resolved), s.Projects)
	s.ResponseRate = ratio(float64(s.RespondedInTime), s.Topics)
	s.SolveRate = ratio(float64(s.Satisfied+s.Basic), s.Rated())
	s.SatisfactionRate = ratio(float64(s.Satisfied)+basicWeight*float64(s.Basic), s.Rated())
	s.OnTimeRate = ratio(float64(s.ResolvedOnTime), s.Resolved)
	if s.ByCategory == nil {
		s.ByCategory = map[string]int{}
	}
}

// ratio is n/d, or nil when d is 0.
func ratio(n float64, d int) *float64 {
	if d == 0 {
		return nil
	}
	r := n / float64(d)
	return &r
}

// ComputeStats returns the statistics of the cases f selects, weighting
// 基本满意 by basicWeight in the satisfaction rate.
func ComputeStats(repo StatsRepo, f StatsFilter, basicWeight float64) (*Stats, error) {
	s, err := repo.CaseStats(f)
	if err != nil {
		return nil, err
	}
	s.Finish(basicWeight)
	return s, nil
}
