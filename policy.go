package neighborbot

import "time"

// TimeLimits is the time-limit policy: how long each priority may take, and
// how long a whistled unit has to acknowledge (报到).
type TimeLimits struct {
	Urgent     time.Duration
	Utilities  time.Duration
	General    time.Duration
	Complex    time.Duration
	WhistleAck time.Duration
	Acceptance time.Duration
}

// DefaultTimeLimits follows Beijing 12345 practice.
func DefaultTimeLimits() TimeLimits {
	return TimeLimits{
		Urgent:     2 * time.Hour,
		Utilities:  24 * time.Hour,
		General:    7 * 24 * time.Hour,
		Complex:    15 * 24 * time.Hour,
		WhistleAck: 30 * time.Minute,
		Acceptance: 2 * time.Hour,
	}
}

// For returns the time allowed for a case of priority p (general if unknown).
func (t TimeLimits) For(p Priority) time.Duration {
	switch p {
	case PriorityUrgent:
		return t.Urgent
	case PriorityUtilities:
		return t.Utilities
	case PriorityComplex:
		return t.Complex
	}
	return t.General
}
