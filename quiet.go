package neighborbot

import "time"

// EndAfter returns when the quiet window that contains t ends; t itself
// when t is outside quiet hours.
func (q QuietHours) EndAfter(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	loc := q.Location
	if loc == nil {
		loc = t.Location()
	}
	l := t.In(loc)
	midnight := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	end := midnight.Add(q.End)
	if !end.After(l) {
		end = time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc).Add(q.End)
	}
	return end.In(t.Location())
}
