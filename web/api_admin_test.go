package web_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/neighborbot/neighborbot/bot/sandbox"
	"github.com/neighborbot/neighborbot/store"
	"github.com/neighborbot/neighborbot/web"
)

type chatJSON struct {
	Title string `json:"title"`
	Unit  string `json:"unit"`
	Kind  string `json:"kind"`
}

func TestChatsAPI(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	var chats []chatJSON
	if st := call(t, ts, "GET", "/api/sandbox/chats", nil, &chats); st != 200 {
		t.Fatalf("GET chats: %d", st)
	}
	want := []chatJSON{{group1, "第一网格(演示)", "group"}, {group2, "第二网格(演示)", "group"}}
	if !reflect.DeepEqual(chats, want) {
		t.Errorf("chats %+v", chats)
	}

	var created chatJSON
	if st := call(t, ts, "POST", "/api/sandbox/chats", map[string]string{"title": "新群", "unit": "第二网格(演示)"}, &created); st != 201 {
		t.Fatalf("POST chats: %d", st)
	}
	if created != (chatJSON{"新群", "第二网格(演示)", "group"}) {
		t.Errorf("created %+v", created)
	}
	call(t, ts, "GET", "/api/sandbox/chats", nil, &chats)
	if len(chats) != 3 || chats[2] != created {
		t.Errorf("chats after create %+v", chats)
	}

	for _, tt := range []struct {
		body   any
		status int
		msg    string
	}{
		{map[string]string{"title": "新群"}, 409, `group "新群" exists`},
		{map[string]string{"title": ""}, 400, "title required"},
		{map[string]string{"title": "x", "unit": "无此单位"}, 404, `no unit called "无此单位"; closest: 示范街道(演示), 幸福社区(演示), 第一网格(演示)`},
		{map[string]any{"title": "x", "owner": "me"}, 400, `invalid JSON: unknown field "owner"`},
		{map[string]any{"title": 12}, 400, `invalid JSON: field "title" must be a string`},
		{`{"title": "x"`, 400, "invalid JSON: body ends too early"},
		{`{"title": "x"} {}`, 400, "invalid JSON: unexpected data after the object"},
		{`[1]`, 400, "invalid JSON: expected an object"},
		{`{"title": x}`, 400, "invalid JSON at byte 11: invalid character 'x' looking for beginning of value"},
	} {
		var e apiError
		if st := call(t, ts, "POST", "/api/sandbox/chats", tt.body, &e); st != tt.status || e.Error != tt.msg {
			t.Errorf("POST %v: %d %q, want %d %q", tt.body, st, e.Error, tt.status, tt.msg)
		}
	}
}

func TestUnitsAPI(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	var units []struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Kind   string `json:"kind"`
		Parent string `json:"parent"`
	}
	if st := call(t, ts, "GET", "/api/sandbox/units", nil, &units); st != 200 || len(units) != 6 {
		t.Fatalf("GET units: %d %+v", st, units)
	}
	if u := units[2]; u.ID == 0 || u.Name != "第一网格(演示)" || u.Kind != "grid" || u.Parent != "幸福社区(演示)" {
		t.Errorf("unit %+v", u)
	}
}

type personJSON struct {
	Name  string `json:"name"`
	Roles []struct {
		Role string `json:"role"`
		Unit string `json:"unit"`
	} `json:"roles"`
}

func TestPeopleAPI(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	var people []personJSON
	if st := call(t, ts, "GET", "/api/sandbox/people", nil, &people); st != 200 || len(people) != 7 {
		t.Fatalf("GET people: %d %+v", st, people)
	}
	if p := people[0]; p.Name != "王书记" || len(p.Roles) != 1 || p.Roles[0].Role != "officer" || p.Roles[0].Unit != "幸福社区(演示)" {
		t.Errorf("person %+v", p)
	}
	if p := people[6]; p.Name != "小周" || p.Roles == nil || len(p.Roles) != 0 {
		t.Errorf("resident %+v", p)
	}

	var p personJSON
	if st := call(t, ts, "POST", "/api/sandbox/people", map[string]string{"name": "钱网格员", "role": "grid_worker", "unit": "第二网格(演示)"}, &p); st != 201 {
		t.Fatalf("POST people: %d", st)
	}
	if p.Name != "钱网格员" || len(p.Roles) != 1 || p.Roles[0].Role != "grid_worker" || p.Roles[0].Unit != "第二网格(演示)" {
		t.Errorf("created %+v", p)
	}
	if st := call(t, ts, "POST", "/api/sandbox/people", map[string]string{"name": "新居民"}, &p); st != 201 || len(p.Roles) != 0 {
		t.Errorf("POST resident: %d %+v", st, p)
	}
	call(t, ts, "GET", "/api/sandbox/people", nil, &people)
	if len(people) != 9 {
		t.Errorf("people after create: %+v", people)
	}

	for _, tt := range []struct {
		body   any
		status int
		msg    string
	}{
		{map[string]string{"name": "x", "role": "king"}, 400, `unknown role "king"`},
		{map[string]string{"name": "x", "role": "officer", "unit": "火星"}, 404, `no unit called "火星"; closest: 城管办(演示), 示范街道(演示), 幸福社区(演示)`},
		{map[string]string{"role": "officer"}, 400, "name required"},
		{map[string]any{"name": "x", "roles": []string{}}, 400, `invalid JSON: unknown field "roles"`},
		{"", 400, "invalid JSON: empty body"},
	} {
		var e apiError
		if st := call(t, ts, "POST", "/api/sandbox/people", tt.body, &e); st != tt.status || e.Error != tt.msg {
			t.Errorf("POST %v: %d %q, want %d %q", tt.body, st, e.Error, tt.status, tt.msg)
		}
	}
}

func TestPagesAndHealth(t *testing.T) {
	t.Parallel()
	ts := newAPI(t)
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	res, err := client.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "/sandbox" {
		t.Errorf("GET /: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	res, err = client.Get(ts.URL + "/sandbox")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /sandbox: %d %v", res.StatusCode, res.Header)
	}

	for path, want := range map[string]int{"/healthz": 200, "/nope": 404, "/sandbox/x": 404} {
		res, err := client.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
	if st := call(t, ts, "DELETE", "/api/sandbox/chats", nil, nil); st != http.StatusMethodNotAllowed {
		t.Errorf("DELETE chats: %d", st)
	}
}

func TestInternalErrorIsGeneric(t *testing.T) {
	t.Parallel()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "neighborbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv := web.New("127.0.0.1:0", sandbox.New(db, nil), slog.New(slog.NewTextHandler(&logs, nil)))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	_ = db.Close() // every query now fails

	var e apiError
	if st := call(t, ts, "GET", "/api/sandbox/chats", nil, &e); st != 500 || e.Error != "internal error" {
		t.Errorf("GET chats on a closed store: %d %q", st, e.Error)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "path=/api/sandbox/chats") {
		t.Errorf("internal error not logged: %s", logs.String())
	}
}
