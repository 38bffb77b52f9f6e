package open311

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

const (
	// maxWindow is the longest period a list may span, and the default
	// period (ending now) when none is given, as the specification says.
	maxWindow = 90 * 24 * time.Hour
	// maxList is the most requests a list returns (the newest).
	maxList = 1000
	// maxIDs is the most ids service_request_id may name.
	maxIDs = 100
	// listPage is how many cases a list reads at a time.
	listPage = 500
)

// query is a parsed GET requests.
type query struct {
	ids        []int64 // service_request_id: when set, the other filters do not apply
	codes      []string
	stages     []nb.Stage
	start, end time.Time
}

// parseQuery reads the documented filters; a bad one is EINVALID.
func parseQuery(v url.Values, now time.Time) (query, error) {
	var q query
	for _, s := range list(v.Get("service_request_id")) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return q, nb.Errorf(nb.EINVALID, "service_request_id: %q is not a request id", s)
		}
		q.ids = append(q.ids, id)
	}
	if len(q.ids) > maxIDs {
		return q, nb.Errorf(nb.EINVALID, "service_request_id: at most %d ids", maxIDs)
	}
	q.codes = list(v.Get("service_code"))
	for _, s := range list(v.Get("status")) {
		switch s {
		case "open":
			q.stages = append(q.stages, nb.StageTopic, nb.StageIssue, nb.StageProject)
		case "closed":
			q.stages = append(q.stages, nb.StageResolved, nb.StageClosed, nb.StageDismissed, nb.StageMerged)
		default:
			return q, nb.Errorf(nb.EINVALID, "status: %q is neither open nor closed", s)
		}
	}
	var err error
	if q.end, err = date(v, "end_date", now); err != nil {
		return q, err
	}
	if q.start, err = date(v, "start_date", q.end.Add(-maxWindow)); err != nil {
		return q, err
	}
	switch {
	case q.start.After(q.end):
		return q, nb.Errorf(nb.EINVALID, "start_date is after end_date")
	case q.end.Sub(q.start) > maxWindow:
		return q, nb.Errorf(nb.EINVALID, "start_date and end_date may span at most 90 days")
	}
	return q, nil
}

// list splits a comma-delimited parameter.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// date parses the ISO 8601 time of parameter name, or returns def.
func date(v url.Values, name string, def time.Time) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, nb.Errorf(nb.EINVALID, "%s: %q is not an ISO 8601 time with a zone (2026-11-30T08:00:00+08:00)", name, s)
	}
	return t, nil
}

// list answers GET requests: the requests the filters select, newest
// first, at most maxList.
func (a *API) list(w http.ResponseWriter, r *http.Request, f format) {
	key, ok := a.reader(w, r, f)
	if !ok {
		return
	}
	q, err := parseQuery(r.URL.Query(), time.Now())
	if err != nil {
		a.fail(w, f, err)
		return
	}
	out := []request{}
	err = a.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		tree, err := tx.UnitTree()
		if err != nil {
			return err
		}
		cases, err := find(tx, q, scope(key, tree))
		for _, c := range cases {
			out = append(out, a.request(c, tree))
		}
		return err
	})
	if err != nil {
		a.fail(w, f, err)
		return
	}
	write(w, f, http.StatusOK, requestList{Requests: out}, out)
}

// find returns the cases q selects that a reader of units (nil = all) sees.
func find(tx nb.Tx, q query, units []int64) ([]*nb.Case, error) {
	var out []*nb.Case
	if len(q.ids) > 0 {
		for _, id := range q.ids {
			c, err := tx.FindCaseByID(id)
			if nb.ErrorCode(err) == nb.ENOTFOUND {
				continue
			} else if err != nil {
				return nil, err
			}
			if visible(c, units) {
				out = append(out, c)
			}
		}
		return out, nil
	}
	filter := nb.CaseFilter{Stages: q.stages, UnitIDs: units, Since: q.start, Limit: listPage}
	if len(q.codes) == 1 {
		filter.Category = q.codes[0]
	}
	for len(out) < maxList {
		page, err := tx.ListCases(filter)
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			if visible(c, units) && !c.CreatedAt.After(q.end) && (len(q.codes) == 0 || slices.Contains(q.codes, c.Category)) {
				out = append(out, c)
			}
		}
		if len(page) < listPage {
			break
		}
		filter.Offset += listPage
	}
	return out[:min(len(out), maxList)], nil
}
