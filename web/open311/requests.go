package open311

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/intake"
)

// request is a service request (a case) as the specification shows it.
// Personal data in its text and address is masked, as in group posts.
type request struct {
	XMLName           xml.Name `xml:"request" json:"-"`
	ID                string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       string   `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible string   `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     string   `xml:"service_notice" json:"service_notice"`
	Requested         string   `xml:"requested_datetime" json:"requested_datetime"`
	Updated           string   `xml:"updated_datetime" json:"updated_datetime"`
	Expected          string   `xml:"expected_datetime" json:"expected_datetime"`
	Address           string   `xml:"address" json:"address"`
	AddressID         string   `xml:"address_id" json:"address_id"`
	Zipcode           string   `xml:"zipcode" json:"zipcode"`
	MediaURL          string   `xml:"media_url" json:"media_url"`
}

// requestList is the XML root of requests (JSON: the bare array).
type requestList struct {
	XMLName  xml.Name  `xml:"service_requests"`
	Requests []request `xml:"request"`
}

// statusNotes says where a case stands, in the words residents read.
var statusNotes = map[nb.Stage]string{
	nb.StageTopic:     "话题：待工作人员确认",
	nb.StageIssue:     "议题：已确认，待立项",
	nb.StageProject:   "项目：办理中",
	nb.StageResolved:  "办结：待居民评价",
	nb.StageClosed:    "已关闭",
	nb.StageDismissed: "已驳回",
	nb.StageMerged:    "已合并",
}

// status is a stage in Open311's two states: open while work remains
// (topic, issue, project), closed once resolved, closed, dismissed or merged.
func status(s nb.Stage) string {
	if s.Open() {
		return "open"
	}
	return "closed"
}

// request converts a case.
func (a *API) request(c *nb.Case, tree nb.UnitTree) request {
	notes := statusNotes[c.Stage]
	if c.State() == nb.StateWithdrawn {
		notes = "已撤回" // by its reporter: no rejection
	}
	if c.Stage == nb.StageMerged && c.MergedInto != 0 {
		notes += "到 #" + strconv.FormatInt(c.MergedInto, 10)
	}
	agency := tree.Name(c.OwnerUnitID)
	if agency == "" {
		agency = tree.Name(c.UnitID)
	}
	return request{ID: strconv.FormatInt(c.ID, 10), Status: status(c.Stage), StatusNotes: notes,
		ServiceName: c.Category, ServiceCode: c.Category, Description: intake.MaskPersonal(c.Text),
		AgencyResponsible: agency, Requested: a.when(c.CreatedAt), Updated: a.when(c.UpdatedAt),
		Expected: a.when(c.DueAt), Address: intake.MaskLocation(c.Location)}
}

// when formats t in ISO 8601 with its offset ("" for the zero time).
func (a *API) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.cfg.Location).Format(time.RFC3339)
}

// visible reports whether a reader scoped to units (nil = all) may see c:
// never a topic still waiting on the review list, whose group has not heard
// of it either.
func visible(c *nb.Case, units []int64) bool {
	return !c.Quiet && (units == nil || slices.Contains(units, c.UnitID))
}

// one answers GET requests/{id}: a list of one request, 404 if there is no
// such request the reader may see.
func (a *API) one(w http.ResponseWriter, r *http.Request, f format, idText string) {
	key, ok := a.reader(w, r, f)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		writeError(w, f, http.StatusNotFound, "no service request "+strconv.Quote(idText))
		return
	}
	var out []request
	err = a.cfg.Store.View(r.Context(), func(tx nb.Tx) error {
		c, err := tx.FindCaseByID(id)
		if nb.ErrorCode(err) == nb.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		tree, err := tx.UnitTree()
		if err != nil {
			return err
		}
		if visible(c, scope(key, tree)) {
			out = append(out, a.request(c, tree))
		}
		return nil
	})
	if err != nil {
		a.fail(w, f, err)
		return
	}
	if len(out) == 0 {
		writeError(w, f, http.StatusNotFound, "no service request "+idText)
		return
	}
	write(w, f, http.StatusOK, requestList{Requests: out}, out)
}

// scope is the units a reader with key may see (nil = all, without a key).
func scope(key *nb.APIKey, tree nb.UnitTree) []int64 {
	if key == nil {
		return nil
	}
	return tree.Subtree(key.UnitID)
}
