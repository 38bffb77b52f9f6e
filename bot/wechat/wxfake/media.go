package wxfake

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// Sending a photo is two requests, as the web client makes them (see
// ../shared/reference/openwechat.md): a multipart POST to
// file.<domain>/cgi-bin/mmwebwx-bin/webwxuploadmedia?f=json in chunks of
// 0.5 MB, carrying the webwx_data_ticket cookie's value as a form field and
// an "uploadmediarequest" JSON field (BaseRequest, TotalLen, FileMd5,
// From/ToUserName), answered by a MediaId; then webwxsendmsgimg with a
// Type 3 message naming that MediaId.

// maxUpload is the largest photo the fake takes (WeChat's limit for images).
const maxUpload = 20 << 20

// upload is a photo being uploaded, by its client's media id.
type upload struct {
	data   []byte
	chunks int
	next   int
}

// uploadReq is the "uploadmediarequest" form field.
type uploadReq struct {
	BaseRequest   struct{ Sid, Skey string }
	ClientMediaId int64
	TotalLen      int64
	DataLen       int64
	MediaType     int
	FromUserName  string
	ToUserName    string
	FileMd5       string
}

// uploadMedia takes one chunk of a photo; the last one is answered with the
// photo's MediaId once its size and MD5 match what the request announced.
func (f *Server) uploadMedia(w http.ResponseWriter, r *http.Request) {
	fail := func(ret int, msg string) {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": ret, "ErrMsg": msg}, "MediaId": ""})
	}
	if r.Method != http.MethodPost || r.URL.Query().Get("f") != "json" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		http.Error(w, "bad multipart form", http.StatusBadRequest)
		return
	}
	cookie, err := r.Cookie("webwx_data_ticket")
	if err != nil || r.FormValue("webwx_data_ticket") != cookie.Value || cookie.Value == "" {
		fail(1, "webwx_data_ticket")
		return
	}
	var req uploadReq
	if err := json.Unmarshal([]byte(r.FormValue("uploadmediarequest")), &req); err != nil {
		fail(1, "uploadmediarequest")
		return
	}
	file, _, err := r.FormFile("filename")
	if err != nil {
		fail(1, "no file")
		return
	}
	defer file.Close()
	chunk, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	chunks, _ := strconv.Atoi(r.FormValue("chunks"))
	part, _ := strconv.Atoi(r.FormValue("chunk"))
	chunks = max(chunks, 1)

	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.sid == "" || req.BaseRequest.Sid != f.sid:
		fail(1101, "")
		return
	case r.FormValue("pass_ticket") != "pt":
		fail(1, "pass_ticket")
		return
	case req.TotalLen > maxUpload || req.TotalLen <= 0:
		fail(1, "size")
		return
	}
	key := fmt.Sprint(req.ClientMediaId, "/", req.FileMd5)
	up := f.uploads[key]
	if up == nil || part == 0 {
		up = &upload{chunks: chunks}
		f.uploads[key] = up
	}
	if part != up.next || chunks != up.chunks {
		fail(1, "chunk out of order")
		return
	}
	up.data = append(up.data, chunk...)
	up.next++
	if up.next < up.chunks {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0, "ErrMsg": ""}, "MediaId": ""})
		return
	}
	delete(f.uploads, key)
	sum := md5.Sum(up.data)
	if int64(len(up.data)) != req.TotalLen || hex.EncodeToString(sum[:]) != req.FileMd5 {
		fail(1, "size or md5 mismatch")
		return
	}
	f.mediaSeq++
	id := fmt.Sprintf("@crypt_media%d", f.mediaSeq)
	f.media[id] = up.data
	writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 0, "ErrMsg": ""}, "MediaId": id,
		"StartPos": len(up.data), "CDNThumbImgHeight": 100, "CDNThumbImgWidth": 100})
}

// sendImage posts an uploaded photo (webwxsendmsgimg): a Type 3 message
// with a MediaId this session uploaded.
func (f *Server) sendImage(w http.ResponseWriter, r *http.Request) {
	var req struct {
		BaseRequest struct{ Sid string }
		Msg         struct {
			Type                              int
			MediaId, FromUserName, ToUserName string
		}
	}
	_ = json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refusedLocked(w) {
		return
	}
	data, ok := f.media[req.Msg.MediaId]
	if f.sid == "" || req.BaseRequest.Sid != f.sid || req.Msg.Type != 3 || !ok || r.URL.Query().Get("fun") != "async" {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": 1, "ErrMsg": "bad image message"}})
		return
	}
	f.deliverLocked(w, Sent{To: req.Msg.ToUserName, Image: data}, 3, "")
}

// refusedLocked pops the answer FailSends set for this send (f.mu held)
// and, when it is a refusal, gives it.
func (f *Server) refusedLocked(w http.ResponseWriter) bool {
	if len(f.sendRet) == 0 {
		return false
	}
	ret := f.sendRet[0]
	f.sendRet = f.sendRet[1:]
	if ret != 0 {
		writeJSON(w, map[string]any{"BaseResponse": map[string]any{"Ret": ret, "ErrMsg": ""}})
	}
	return ret != 0
}

// chatOf names the group or friend a UserName of this login is (f.mu held).
func (f *Server) chatOf(userName string) (title, friend string) {
	for gi, g := range f.groups {
		if f.groupUN(gi) == userName {
			title = g.title
		}
	}
	if fi := f.friendByUN(userName); fi >= 0 {
		friend = f.friends[fi].Nick
	}
	return title, friend
}
