package intake

// The speech-act and structural rules as one verdict each, as the tests of
// speechact.go and structure.go read them; judge combines their vetoes and
// factors itself (veto.go).

// gate returns whether the speech-act rules let the message be a report
// at all (no veto, soft or not) and their factor for its confidence.
func (a speechAct) gate(danger bool) (possible bool, factor float64) {
	if a.vetoes(danger) != 0 {
		return false, 0
	}
	return true, a.factor(danger, shortContent)
}

// gate returns whether the structural rules let the message be a report
// at all (no veto, soft or not) and their factor for its confidence.
func (s structure) gate(named, danger bool) (possible bool, factor float64) {
	if s.vetoes(named, danger) != 0 {
		return false, 0
	}
	return true, s.factor(named, danger)
}
