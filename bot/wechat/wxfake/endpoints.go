package wxfake

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"time"
)

// The endpoints that do more than answer a fixed body.

func (f *Server) loginPoll(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	l := f.uuids[r.URL.Query().Get("uuid")]
	if l == nil {
		f.mu.Unlock()
		fmt.Fprint(w, `window.code=400;`)
		return
	}
	l.polls++
	code := 200
	switch {
	case l.push:
	case l.polls == 1 || f.holdScan:
		code = 408
	case l.polls == 2:
		code = 201
	}
	f.codes = append(f.codes, code)
	changed := f.changed
	f.mu.Unlock()
	switch code {
	case 408: // a held long poll, answered early by a change
		select {
		case <-changed:
		case <-time.After(30 * time.Millisecond):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, `window.code=408;`)
	case 201:
		fmt.Fprint(w, `window.code=201;window.userAvatar = 'data:img/jpg;base64,AAAA';`)
	default:
		fmt.Fprintf(w, "window.code=200;\nwindow.redirect_uri=\"https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=T%d&uuid=%s&lang=zh_CN&scan=1\";", l.polls, r.URL.Query().Get("uuid"))
	}
}

func (f *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("client-version") == "" || r.Header.Get("extspam") == "" {
		fmt.Fprint(w, `<error><ret>1203</ret><message>当前登录环境异常</message></error>`)
		return
	}
	f.mu.Lock()
	f.gen++
	f.sid = fmt.Sprintf("sid-%d", f.gen)
	f.deathRet = ""
	sid := f.sid
	f.notifyLocked()
	f.mu.Unlock()
	for _, c := range []*http.Cookie{{Name: "wxuin", Value: fmt.Sprint(fakeUin)}, {Name: "wxsid", Value: sid},
		{Name: "webwx_data_ticket", Value: "ticket"}} {
		c.Domain, c.Path = "qq.com", "/"
		http.SetCookie(w, c)
	}
	fmt.Fprintf(w, `<error><ret>0</ret><message></message><skey>@crypt_k</skey><wxsid>%s</wxsid><wxuin>%d</wxuin><pass_ticket>pt</pass_ticket><isgrayscale>1</isgrayscale></error>`, sid, fakeUin)
}

type fakeBase struct {
	BaseRequest struct{ Sid string }
}

func (f *Server) webInit(w http.ResponseWriter, r *http.Request) {
	var req fakeBase
	_ = json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sid == "" || req.BaseRequest.Sid != f.sid {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 1101, "ErrMsg": ""}})
		return
	}
	recent := []map[string]any{}
	for i, g := range f.groups {
		if g.unsaved {
			recent = append(recent, map[string]any{"UserName": f.groupUN(i), "NickName": g.title})
		}
	}
	writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0, "ErrMsg": ""},
		"User":        map[string]any{"UserName": f.selfUN(), "NickName": f.selfNick, "Uin": fakeUin},
		"SyncKey":     map[string]any{"Count": 1, "List": []map[string]any{{"Key": 1, "Val": f.syncKey}}},
		"ContactList": recent, "Count": len(recent)})
}

func (f *Server) batch(w http.ResponseWriter, r *http.Request) {
	var req struct{ List []struct{ UserName string } }
	_ = json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	var asked []string
	var out []map[string]any
	for _, item := range req.List {
		asked = append(asked, item.UserName)
		u := map[string]any{"UserName": item.UserName}
		for gi, g := range f.groups {
			if f.groupUN(gi) != item.UserName {
				continue
			}
			u["NickName"] = g.title
			members := []map[string]any{{"UserName": f.selfUN(), "NickName": f.selfNick}}
			for mi, m := range g.members {
				members = append(members, map[string]any{"UserName": f.memberUN(gi, mi), "NickName": m.Nick,
					"DisplayName": m.Display})
			}
			u["MemberList"] = members
			u["MemberCount"] = len(members)
		}
		if fi := f.friendByUN(item.UserName); fi >= 0 {
			u = f.friendContact(fi)
		}
		out = append(out, u) // in request order: the library assigns by position
	}
	f.batchSeen = append(f.batchSeen, asked)
	writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0}, "Count": len(out), "ContactList": out})
}

func (f *Server) syncCheck(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if f.syncDown {
		f.mu.Unlock()
		http.Error(w, "bad gateway", http.StatusBadGateway)
		return
	}
	if f.sid == "" || r.URL.Query().Get("sid") != f.sid {
		ret := f.deathRet
		if ret == "" {
			ret = "1101"
		}
		f.mu.Unlock()
		fmt.Fprintf(w, `window.synccheck={retcode:"%s",selector:"0"}`, ret)
		return
	}
	if len(f.pending) == 0 {
		changed := f.changed
		f.mu.Unlock()
		select { // held like the real long poll
		case <-changed:
		case <-time.After(500 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		f.mu.Lock()
	}
	selector := "0"
	if len(f.pending) > 0 {
		selector = "2"
	}
	if f.sid == "" || r.URL.Query().Get("sid") != f.sid {
		selector = "0"
	}
	f.mu.Unlock()
	fmt.Fprintf(w, `window.synccheck={retcode:"0",selector:"%s"}`, selector)
}

func (f *Server) send(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Msg struct{ Content, FromUserName, ToUserName string }
	}
	_ = json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refusedLocked(w) {
		return
	}
	f.deliverLocked(w, Sent{To: req.Msg.ToUserName, Content: req.Msg.Content}, 1, html.EscapeString(req.Msg.Content))
}

// deliverLocked records s as sent to its chat (f.mu held), echoes it back
// through webwxsync as from self (msgType, content), as the server does, and
// answers the send; a chat unknown to this login gets 1204.
func (f *Server) deliverLocked(w http.ResponseWriter, s Sent, msgType int, content string) {
	s.Group, s.Friend = f.chatOf(s.To)
	if s.Group == "" && s.Friend == "" {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 1204, "ErrMsg": ""}})
		return
	}
	f.msgSeq++
	s.ID, s.At = fmt.Sprint(f.msgSeq), time.Now()
	f.sent = append(f.sent, s)
	if s.Image != nil {
		f.images[s.ID] = s.Image
	}
	f.pending = append(f.pending, map[string]any{"MsgId": s.ID, "NewMsgId": f.msgSeq, "MsgType": msgType,
		"FromUserName": f.selfUN(), "ToUserName": s.To, "Content": content, "CreateTime": time.Now().Unix()})
	f.notifyLocked()
	writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0, "ErrMsg": ""}, "MsgID": s.ID, "LocalID": "1"})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
