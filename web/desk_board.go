package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// boardPageSize is how many cases a board page shows.
const boardPageSize = 50

// boardQuery is the board's filters, as in the page's URL.
type boardQuery struct {
	Stage    string
	Category string
	Unit     int64
	Overdue  bool
	Urgent   bool
	Whistle  bool
	From, To string // YYYY-MM-DD, local
	Q        string
	Sort     string // "due" (default) or "new"
	Page     int
}

// parseBoard reads the filters of r.
func parseBoard(r *http.Request) boardQuery {
	q := r.URL.Query()
	b := boardQuery{Stage: q.Get("stage"), Category: strings.TrimSpace(q.Get("category")), From: q.Get("from"),
		To: q.Get("to"), Q: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"),
		Overdue: q.Get("overdue") == "1", Urgent: q.Get("urgent") == "1", Whistle: q.Get("whistle") == "1"}
	b.Unit, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	b.Page, _ = strconv.Atoi(q.Get("page"))
	b.Page = max(b.Page, 1)
	return b
}

// filter turns the query into a case filter within u's area.
func (b boardQuery) filter(u *deskUser, loc *time.Location, now time.Time) nb.CaseFilter {
	f := nb.CaseFilter{Category: b.Category, Text: b.Q, ByDue: b.Sort != "new", WhistleOpen: b.Whistle}
	switch st := nb.Stage(b.Stage); {
	case b.Stage == "" || b.Stage == "open":
		f.OpenOnly = true
	case b.Stage == "all":
	default:
		f.Stages = []nb.Stage{st}
	}
	if b.Overdue {
		f.OverdueAt = now
	}
	if b.Urgent {
		f.Priority = nb.PriorityUrgent
	}
	if t, err := time.ParseInLocation("2006-01-02", b.From, loc); err == nil {
		f.Since = t
	}
	if t, err := time.ParseInLocation("2006-01-02", b.To, loc); err == nil {
		f.Before = t.AddDate(0, 0, 1)
	}
	u.scope(&f, b.Unit)
	return f
}

// URL is the board's URL with the same filters and another page.
func (b boardQuery) URL(path string, page int) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("stage", b.Stage)
	set("category", b.Category)
	if b.Unit != 0 {
		v.Set("unit", strconv.FormatInt(b.Unit, 10))
	}
	for k, on := range map[string]bool{"overdue": b.Overdue, "urgent": b.Urgent, "whistle": b.Whistle} {
		if on {
			v.Set(k, "1")
		}
	}
	set("from", b.From)
	set("to", b.To)
	set("q", b.Q)
	set("sort", b.Sort)
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// boardRow is one case as the board and the exports show it.
type boardRow struct {
	Case     *nb.Case
	Text     string // masked unless the viewer may see personal data
	Location string
	Unit     string
	Owner    string
	Overdue  bool
	Urgent   bool
	Whistle  string
}

// rowOf prepares c for u.
func rowOf(u *deskUser, c *nb.Case, now time.Time) boardRow {
	row := boardRow{Case: c, Text: c.Text, Location: c.Location, Unit: u.Tree.Name(c.UnitID), Owner: u.Tree.Name(c.OwnerUnitID),
		Overdue: c.Stage == nb.StageProject && !c.DueAt.IsZero() && c.DueAt.Before(now),
		Urgent:  c.Priority == nb.PriorityUrgent, Whistle: u.Tree.Name(c.WhistleUnitID)}
	if !u.mayUnmask(c) {
		row.Text, row.Location = intake.MaskPersonal(c.Text), intake.MaskLocation(c.Location)
	}
	return row
}

// boardData is what the board page shows.
type boardData struct {
	Q          boardQuery
	Rows       []boardRow
	Total      int
	Counts     map[nb.Stage]int
	Units      []*nb.Unit
	Categories []string
	Prev, Next string
	ExportXLSX string // the exports of the same filters
	ExportCSV  string
}

// deskBoard: the open cases of the user's area, filtered, by due time.
func (s *Server) deskBoard(w http.ResponseWriter, r *http.Request, u *deskUser) {
	q := parseBoard(r)
	d := boardData{Q: q, Units: u.units(), Categories: s.desk.cfg.Categories}
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		now := tx.Now()
		f := q.filter(u, s.desk.cfg.Location, now)
		f.Limit, f.Offset = boardPageSize, (q.Page-1)*boardPageSize
		list, err := tx.ListCases(f)
		if err != nil {
			return err
		}
		if d.Total, err = tx.CountCases(f); err != nil {
			return err
		}
		counts := f
		counts.OpenOnly = false
		if d.Counts, err = tx.CountCasesByStage(counts); err != nil {
			return err
		}
		for _, c := range list {
			d.Rows = append(d.Rows, rowOf(u, c, now))
		}
		return nil
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	if q.Page > 1 {
		d.Prev = q.URL("/desk/", q.Page-1)
	}
	if q.Page*boardPageSize < d.Total {
		d.Next = q.URL("/desk/", q.Page+1)
	}
	d.ExportXLSX, d.ExportCSV = withParam(q.URL("/desk/export/cases", 1), "format", "xlsx"),
		withParam(q.URL("/desk/export/cases", 1), "format", "csv")
	s.render(w, r, http.StatusOK, "board", u, d)
}

// withParam adds k=v to a URL.
func withParam(u, k, v string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + url.QueryEscape(k) + "=" + url.QueryEscape(v)
}
