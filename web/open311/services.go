package open311

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// service is a service as the specification lists it.
type service struct {
	XMLName     xml.Name `xml:"service" json:"-"`
	Code        string   `xml:"service_code" json:"service_code"`
	Name        string   `xml:"service_name" json:"service_name"`
	Description string   `xml:"description" json:"description"`
	Metadata    bool     `xml:"metadata" json:"metadata"`
	Type        string   `xml:"type" json:"type"`
	Keywords    string   `xml:"keywords" json:"keywords"`
	Group       string   `xml:"group" json:"group"`
}

// services answers the list of services: one per case category; none has
// attributes (metadata false); each is "realtime" (the request is a case
// at once).
func (a *API) services(w http.ResponseWriter, f format) {
	list := make([]service, 0, len(a.cfg.Services))
	for _, s := range a.cfg.Services {
		list = append(list, service{Code: s.Code, Name: s.Name, Description: s.Description, Type: "realtime",
			Keywords: strings.Join(s.Keywords, ","), Group: s.Group})
	}
	write(w, f, http.StatusOK, struct {
		XMLName  xml.Name  `xml:"services"`
		Services []service `xml:"service"`
	}{Services: list}, list)
}

// service finds a service by its code.
func (a *API) service(code string) (Service, bool) {
	for _, s := range a.cfg.Services {
		if s.Code == code {
			return s, true
		}
	}
	return Service{}, false
}

// Specification is the URL of the specification the endpoint implements.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// changeset is when this API last changed, as discovery reports it.
const changeset = "2026-11-30T00:00:00Z"

type endpoint struct {
	XMLName       xml.Name `xml:"endpoint" json:"-"`
	Specification string   `xml:"specification" json:"specification"`
	URL           string   `xml:"url" json:"url"`
	Changeset     string   `xml:"changeset" json:"changeset"`
	Type          string   `xml:"type" json:"type"`
	Formats       []string `xml:"formats>format" json:"formats"`
}

type discovery struct {
	XMLName    xml.Name   `xml:"discovery" json:"-"`
	Changeset  string     `xml:"changeset" json:"changeset"`
	Contact    string     `xml:"contact" json:"contact"`
	KeyService string     `xml:"key_service" json:"key_service"`
	Endpoints  []endpoint `xml:"endpoints>endpoint" json:"endpoints"`
}

// discovery answers the service discovery document: one production
// endpoint, this one, in XML and JSON.
func (a *API) discovery(w http.ResponseWriter, r *http.Request, f format) {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	d := discovery{Changeset: changeset, Contact: a.cfg.Contact,
		KeyService: "API keys are issued by the operator: neighborbot apikey create -name NAME -unit UNIT",
		Endpoints: []endpoint{{Specification: Specification, URL: scheme + "://" + r.Host + strings.TrimSuffix(Prefix, "/"),
			Changeset: changeset, Type: "production", Formats: []string{"text/xml", "application/json"}}}}
	write(w, f, http.StatusOK, d, d)
}
