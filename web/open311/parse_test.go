package open311

import (
	"encoding/xml"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

func TestParseQuery(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	q, err := parseQuery(url.Values{}, now)
	if err != nil || !q.end.Equal(now) || !q.start.Equal(now.Add(-maxWindow)) || q.ids != nil || q.stages != nil {
		t.Fatalf("defaults: %+v, %v", q, err)
	}
	q, err = parseQuery(url.Values{"service_request_id": {"3, 4"}, "status": {"open,closed"},
		"service_code": {"电梯,,绿化"}, "start_date": {"2026-11-01T08:00:00+08:00"}}, now)
	if err != nil || len(q.ids) != 2 || q.ids[1] != 4 || len(q.stages) != 7 || len(q.codes) != 2 ||
		!q.start.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("filters: %+v, %v", q, err)
	}
	for _, bad := range []url.Values{
		{"service_request_id": {"x"}},
		{"service_request_id": {"-1"}},
		{"service_request_id": {strings.Repeat("1,", maxIDs+1)}},
		{"status": {"pending"}},
		{"start_date": {"2026-11-01"}},
		{"end_date": {"2026-11-01T00:00:00"}}, // no zone
		{"start_date": {"2026-12-01T00:00:00Z"}},
		{"start_date": {"2026-01-01T00:00:00Z"}, "end_date": {"2026-06-01T00:00:00Z"}},
	} {
		if _, err := parseQuery(bad, now); nb.ErrorCode(err) != nb.EINVALID {
			t.Errorf("%v: %v, want EINVALID", bad, err)
		}
	}
}

func TestSplitFormat(t *testing.T) {
	for path, want := range map[string]struct {
		res string
		f   format
		ok  bool
	}{
		"requests.json": {"requests", formatJSON, true}, "requests/12.xml": {"requests/12", formatXML, true},
		"requests": {"requests", formatXML, false}, "services.csv": {"services.csv", formatXML, false},
	} {
		res, f, ok := splitFormat(path)
		if res != want.res || f != want.f || ok != want.ok {
			t.Errorf("%s: %q %v %v", path, res, f, ok)
		}
	}
}

// Texts are escaped in XML, and the XML carries its declaration.
func TestWriteEscapes(t *testing.T) {
	rec := httptest.NewRecorder()
	list := []request{{ID: "1", Description: `<script>alert("x")</script> & 1202`}}
	write(rec, formatXML, 200, requestList{Requests: list}, list)
	body := rec.Body.String()
	if !strings.HasPrefix(body, xml.Header) || strings.Contains(body, "<script>") ||
		!strings.Contains(body, "&lt;script&gt;") || rec.Header().Get("Content-Type") != "text/xml; charset=utf-8" {
		t.Fatalf("XML: %s", body)
	}
	var back requestList
	if err := xml.Unmarshal([]byte(body), &back); err != nil || back.Requests[0].Description != list[0].Description {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
}

// A key's hour is counted in a window: full, it says how long to wait; a
// request given back frees its place; other keys and the next hour are free.
func TestQuota(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	q := newQuota(2)
	q.now = func() time.Time { return now }
	for i := range 2 {
		if ok, _ := q.take(1); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	now = now.Add(20 * time.Minute)
	if ok, retry := q.take(1); ok || retry != 40*time.Minute {
		t.Fatalf("third request: %v, retry %v", ok, retry)
	}
	if ok, _ := q.take(2); !ok {
		t.Fatal("another key refused")
	}
	q.giveBack(1)
	if ok, _ := q.take(1); !ok {
		t.Fatal("a place given back is not free")
	}
	now = now.Add(40 * time.Minute)
	if ok, _ := q.take(1); !ok {
		t.Fatal("the next hour refused")
	}
	if ok, _ := newQuota(0).take(1); !ok {
		t.Fatal("no limit refused")
	}
}
