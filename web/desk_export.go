package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	nb "github.com/neighborbot/neighborbot"
)

// maxExportRows bounds an export of the board.
const maxExportRows = 5000

// sheet is a table to export: a header row and rows of cells.
type sheet struct {
	Name   string
	Header []string
	Rows   [][]any
}

// deskExportCases exports the filtered board (every page of it, up to
// maxExportRows), personal data masked unless the user may see it.
func (s *Server) deskExportCases(w http.ResponseWriter, r *http.Request, u *deskUser) {
	q := parseBoard(r)
	L := u.L
	sh := sheet{Name: L.T("board"), Header: []string{L.T("case_no"), L.T("stage"), L.T("category"), L.T("text"),
		L.T("location"), L.T("unit"), L.T("owner"), L.T("priority"), L.T("reported"), L.T("due"), L.T("overdue")}}
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		now := tx.Now()
		f := q.filter(u, s.desk.cfg.Location, now)
		for f.Offset = 0; f.Offset < maxExportRows; f.Offset += 500 {
			f.Limit = 500
			list, err := tx.ListCases(f)
			if err != nil {
				return err
			}
			for _, c := range list {
				row := rowOf(u, c, now)
				overdue := ""
				if row.Overdue {
					overdue = L.T("overdue")
				}
				sh.Rows = append(sh.Rows, []any{c.ID, L.Name("stage", c.State()), c.Category, row.Text, row.Location,
					row.Unit, row.Owner, L.Name("priority", c.Priority), s.deskTime(c.CreatedAt), s.deskTime(c.DueAt), overdue})
			}
			if len(list) < 500 {
				break
			}
		}
		return nil
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.writeSheet(w, r, u, "cases", sh)
}

// deskExportStats exports the statistics of the period, in total and per unit.
func (s *Server) deskExportStats(w http.ResponseWriter, r *http.Request, u *deskUser) {
	unit, _ := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	L := u.L
	sh := sheet{Name: L.T("stats"), Header: []string{L.T("unit"), L.T("topics"), L.T("issues"), L.T("projects"),
		L.T("resolved_n"), L.T("rate_resolved"), L.T("rate_response"), L.T("rate_solve"), L.T("rate_satisfied"),
		L.T("rate_ontime"), L.T("median_resp"), L.T("median_res")}}
	err := s.desk.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		p := parsePeriod(r, tx.Now(), s.desk.cfg.Location)
		total, err := s.statsFor(tx, u, unit, p.From, p.To)
		if err != nil {
			return err
		}
		sh.Rows = append(sh.Rows, statsRow(L.T("all"), total))
		per, err := s.perUnit(tx, u, u.units(), p)
		for _, row := range per {
			sh.Rows = append(sh.Rows, statsRow(row.Unit.Name, row.Stats))
		}
		return err
	})
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	s.writeSheet(w, r, u, "stats", sh)
}

// statsRow is one exported line of statistics; rates are fractions.
func statsRow(name string, st *nb.Stats) []any {
	v := func(p *float64) any {
		if p == nil {
			return ""
		}
		return *p
	}
	return []any{name, st.Topics, st.Issues, st.Projects, st.Resolved, v(st.ResolutionRate), v(st.ResponseRate),
		v(st.SolveRate), v(st.SatisfactionRate), v(st.OnTimeRate), v(st.MedianResponseHours), v(st.MedianResolveHours)}
}

// deskTime formats a time for an export ("" for none).
func (s *Server) deskTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.desk.cfg.Location).Format("2006-01-02 15:04")
}

// writeSheet sends sh as an Excel workbook or, with ?format=csv, as CSV.
func (s *Server) writeSheet(w http.ResponseWriter, r *http.Request, u *deskUser, base string, sh sheet) {
	name := base + "-" + time.Now().In(s.desk.cfg.Location).Format("20060102")
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if r.URL.Query().Get("format") == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		_, _ = w.Write([]byte("\uFEFF")) // Excel reads UTF-8 CSV only after a BOM
		cw := csv.NewWriter(w)
		_ = cw.Write(sh.Header)
		for _, row := range sh.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = csvCell(v)
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		return
	}
	f, err := workbook(sh)
	if err != nil {
		s.deskFail(w, r, u, err)
		return
	}
	defer f.Close()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	if err := f.Write(w); err != nil && r.Context().Err() == nil {
		s.logger.Warn("write export", "err", err)
	}
}

// workbook builds an Excel workbook of one sheet.
func workbook(sh sheet) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
		return nil, err
	}
	put := func(row int, cells []any) error {
		addr, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sh.Name, addr, &cells)
	}
	header := make([]any, len(sh.Header))
	for i, h := range sh.Header {
		header[i] = h
	}
	if err := put(1, header); err != nil {
		return nil, err
	}
	for i, row := range sh.Rows {
		if err := put(i+2, row); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// csvCell formats a value for CSV; text that a spreadsheet would take as
// a formula (=, +, -, @) is prefixed with a quote.
func csvCell(v any) string {
	s := fmt.Sprint(v)
	if f, ok := v.(float64); ok {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if _, isText := v.(string); isText && s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
