package open311

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	nb "github.com/neighborbot/neighborbot"
)

const (
	// Platform is the platform of the people behind API keys: each key
	// reports as one person, named after the key.
	Platform nb.Platform = "open311"
	// maxForm is the largest request body taken.
	maxForm = 64 << 10
	// maxDescription is the longest description taken, in characters
	// (as long as a chat report may be).
	maxDescription = 500
)

// created is the answer to a new request.
type created struct {
	XMLName   xml.Name `xml:"request" json:"-"`
	ID        string   `xml:"service_request_id" json:"service_request_id"`
	Notice    string   `xml:"service_notice" json:"service_notice"`
	AccountID *string  `xml:"account_id" json:"account_id"`
}

// create answers POST requests: with a valid api_key, a known service_code
// and a description, the request becomes a topic of the key's unit,
// acknowledged in the unit's group; its service_request_id is the case
// number. 201 with the id; 400 for a bad parameter, 403 for a bad key.
func (a *API) create(w http.ResponseWriter, r *http.Request, f format) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, f, http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		writeError(w, f, http.StatusBadRequest, "cannot read the form: "+err.Error())
		return
	}
	key, err := a.key(r.Context(), r.PostForm.Get("api_key"))
	if err != nil {
		a.fail(w, f, err)
		return
	}
	c, err := a.newCase(r)
	if err != nil {
		a.fail(w, f, err)
		return
	}
	if ok, retry := a.quota.take(key.ID); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		writeError(w, f, http.StatusTooManyRequests, fmt.Sprintf("this api_key may create %d requests an hour", a.cfg.PerHour))
		return
	}
	var out *nb.Outcome
	err = a.cfg.Store.Update(r.Context(), func(tx nb.Tx) (err error) {
		if err := a.route(tx, key, c); err != nil {
			return err
		}
		out, err = a.cfg.Cases.OpenTx(tx, c)
		return err
	})
	if err != nil {
		a.quota.giveBack(key.ID)
		a.fail(w, f, err)
		return
	}
	if a.cfg.Created != nil {
		a.cfg.Created()
	}
	a.cfg.Logger.Info("open311 request registered", "case", c.ID, "category", c.Category, "api_key", key.Name,
		"told_group", out.ToldChatID != 0)
	list := []created{{ID: strconv.FormatInt(c.ID, 10), Notice: notice(out)}}
	write(w, f, http.StatusCreated, struct {
		XMLName  xml.Name  `xml:"service_requests"`
		Requests []created `xml:"request"`
	}{Requests: list}, list)
}

// newCase reads the form into a case (not yet routed).
func (a *API) newCase(r *http.Request) (*nb.Case, error) {
	form := r.PostForm
	code := strings.TrimSpace(form.Get("service_code"))
	svc, ok := a.service(code)
	switch {
	case code == "":
		return nil, nb.Errorf(nb.EINVALID, "service_code required")
	case !ok:
		return nil, nb.Errorf(nb.EINVALID, "service_code: no service %q (see services.xml)", code)
	}
	text := strings.TrimSpace(form.Get("description"))
	switch {
	case text == "":
		return nil, nb.Errorf(nb.EINVALID, "description required: what is wrong, and where")
	case !utf8.ValidString(text):
		return nil, nb.Errorf(nb.EINVALID, "description: not UTF-8")
	case utf8.RuneCountInString(text) > maxDescription:
		return nil, nb.Errorf(nb.EINVALID, "description: at most %d characters", maxDescription)
	}
	for _, name := range []string{"lat", "long"} {
		if v := form.Get(name); v != "" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return nil, nb.Errorf(nb.EINVALID, "%s: %q is not a number", name, v)
			}
		}
	}
	c := &nb.Case{Text: text, Category: svc.Code, Priority: svc.Priority, Location: strings.TrimSpace(form.Get("address_string"))}
	if a.cfg.Read != nil {
		rd := a.cfg.Read(text)
		if c.Location == "" {
			c.Location, c.LocationNorm = rd.Location, rd.LocationNorm
		}
		if rd.Priority == nb.PriorityUrgent {
			c.Priority = rd.Priority
		}
	}
	c.Confidence = 1 // filed on purpose, as with #报事
	return c, nil
}

// route gives c its unit (the key's), its group (the first active group
// bound to that unit, if any) and its reporter (the key's person).
func (a *API) route(tx nb.Tx, key *nb.APIKey, c *nb.Case) error {
	c.UnitID = key.UnitID
	chats, err := tx.ListChats("", nb.ChatGroup)
	if err != nil {
		return err
	}
	for _, ch := range chats {
		if ch.UnitID == key.UnitID && !ch.Inactive {
			c.ChatID = ch.ID
			break
		}
	}
	p, err := tx.EnsurePerson(Platform, "key:"+strconv.FormatInt(key.ID, 10), key.Name)
	if err != nil {
		return err
	}
	c.ReporterID = p.ID
	return nil
}

// notice tells the client where the request went.
func notice(out *nb.Outcome) string {
	if out.ToldChatID != 0 {
		return "已登记 #" + strconv.FormatInt(out.Case.ID, 10) + "，已告知所在群，进展会在群里公布"
	}
	return "已登记 #" + strconv.FormatInt(out.Case.ID, 10) + "，等待工作人员处理"
}
