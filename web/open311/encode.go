package open311

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"strings"

	nb "github.com/neighborbot/neighborbot"
)

// format is how a resource is served: by its extension, .xml or .json.
type format int

const (
	formatXML format = iota
	formatJSON
)

// splitFormat splits "requests/12.json" into "requests/12" and JSON; ok is
// false without a known extension (the format is then XML, the required one).
func splitFormat(path string) (res string, f format, ok bool) {
	switch {
	case strings.HasSuffix(path, ".json"):
		return strings.TrimSuffix(path, ".json"), formatJSON, true
	case strings.HasSuffix(path, ".xml"):
		return strings.TrimSuffix(path, ".xml"), formatXML, true
	}
	return path, formatXML, false
}

// apiError is one error of the list the specification documents.
type apiError struct {
	XMLName     xml.Name `xml:"error" json:"-"`
	Code        int      `xml:"code" json:"code"`
	Description string   `xml:"description" json:"description"`
}

// errorList is the XML root of errors (JSON: the bare array).
type errorList struct {
	XMLName xml.Name   `xml:"errors"`
	Errors  []apiError `xml:"error"`
}

// writeError answers status with one error whose code is the status.
func writeError(w http.ResponseWriter, f format, status int, description string) {
	list := []apiError{{Code: status, Description: description}}
	write(w, f, status, errorList{Errors: list}, list)
}

// write answers status with asXML (wrapped in its root element) or asJSON.
func write(w http.ResponseWriter, f format, status int, asXML, asJSON any) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if f == formatJSON {
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(asJSON)
		return
	}
	h.Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	_ = enc.Encode(asXML)
	_, _ = w.Write([]byte("\n"))
}

// fail answers err: a domain error with its status and message, the store
// being busy with 503 and Retry-After, anything else with 500 (logged).
func (a *API) fail(w http.ResponseWriter, f format, err error) {
	switch {
	case errors.Is(err, nb.ErrUnavailable):
		w.Header().Set("Retry-After", "5")
		writeError(w, f, http.StatusServiceUnavailable, "the database cannot be written right now; try again shortly")
		return
	}
	switch nb.ErrorCode(err) {
	case nb.EINVALID:
		writeError(w, f, http.StatusBadRequest, nb.ErrorMessage(err))
	case nb.ENOTFOUND:
		writeError(w, f, http.StatusNotFound, nb.ErrorMessage(err))
	case nb.EFORBIDDEN:
		writeError(w, f, http.StatusForbidden, nb.ErrorMessage(err))
	case nb.ECONFLICT:
		writeError(w, f, http.StatusConflict, nb.ErrorMessage(err))
	default:
		a.cfg.Logger.Error("open311: request failed", "err", err)
		writeError(w, f, http.StatusInternalServerError, "internal error")
	}
}
