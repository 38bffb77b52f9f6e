package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/broadcasts"
	"github.com/neighborbot/neighborbot/internal/media"
	"github.com/neighborbot/neighborbot/web"
)

// pngBytes is the start of a PNG file and some bytes.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{9}, 64)...)

// withMedia serves WeChat photos from dir, as wired in cmd/neighborbot.
func withMedia(dir string) func(*web.DeskConfig) {
	return func(cfg *web.DeskConfig) { cfg.Media = media.Photos{nb.PlatformWeChat: media.Dir(dir)} }
}

// attach keeps data as a WeChat photo of case id (as the adapter would,
// when data is not nil) or adds a Telegram file reference, and returns the
// attachment's number.
func (e *deskEnv) attach(id int64, dir string, platform nb.Platform, data []byte) int64 {
	e.t.Helper()
	ref := "AgADtelegramfile"
	if data != nil {
		ref = photoRef(data)
		if err := os.WriteFile(filepath.Join(dir, ref), data, 0o600); err != nil {
			e.t.Fatal(err)
		}
	}
	a := &nb.CaseAttachment{CaseID: id, EventKind: nb.EventReported, Platform: platform,
		Attachment: nb.Attachment{Kind: "photo", FileRef: ref, Size: int64(len(data)), MIMEType: "image/png"}}
	if err := e.db.Update(e.t.Context(), func(tx nb.Tx) error { return tx.AddAttachment(a) }); err != nil {
		e.t.Fatal(err)
	}
	return a.ID
}

// photoRef is the name a photo is kept under.
func photoRef(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]) + ".png"
}

// fetch gets path and returns the status, the content type and the body.
func (e *deskEnv) fetch(c *http.Client, path string) (int, string, []byte) {
	e.t.Helper()
	res, err := c.Get(e.base() + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// TestDeskCasePhotos: the case page shows a WeChat photo, served from the
// media directory with its content type to a viewer who may see the case;
// a Telegram photo is listed, not served; an officer of another grid, a
// logged-out visitor, another case's number or a file name in the URL get
// nothing.
func TestDeskCasePhotos(t *testing.T) {
	dir := t.TempDir()
	e := newDeskEnv(t, false, withMedia(dir))
	id := e.report(grid1, "陈女士", "楼道灯坏了", "市政", nb.PriorityGeneral)
	other := e.report(grid1, "刘大爷", "井盖松动", "市政", nb.PriorityGeneral)
	wx := e.attach(id, dir, nb.PlatformWeChat, pngBytes)
	tg := e.attach(id, dir, nb.PlatformTelegram, nil)
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.png"), []byte("TOPSECRET-CONTENT"), 0o600); err != nil {
		t.Fatal(err)
	}

	c := e.client()
	e.login(c, "李网格员", "secret-李网格员")
	_, page := e.get(c, fmt.Sprintf("/desk/cases/%d", id))
	imgs := regexp.MustCompile(`<img class="photo" src="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(imgs) != 1 || imgs[0][1] != fmt.Sprintf("/desk/cases/%d/photos/%d", id, wx) || !strings.Contains(page, "照片 2 张") {
		t.Fatalf("case page photos = %v:\n%s", imgs, page)
	}
	status, ctype, body := e.fetch(c, imgs[0][1])
	if status != http.StatusOK || ctype != "image/png" || !bytes.Equal(body, pngBytes) {
		t.Errorf("photo = %d %q %d bytes, want 200 image/png %d bytes", status, ctype, len(body), len(pngBytes))
	}
	for path, want := range map[string]int{
		fmt.Sprintf("/desk/cases/%d/photos/%d", id, tg):                 http.StatusNotFound, // a Telegram file reference
		fmt.Sprintf("/desk/cases/%d/photos/%d", other, wx):              http.StatusNotFound, // not that case's photo
		fmt.Sprintf("/desk/cases/%d/photos/..%%2Fsecret.png", id):       http.StatusBadRequest,
		fmt.Sprintf("/desk/cases/%d/photos/%s", id, photoRef(pngBytes)): http.StatusBadRequest, // a file name
	} {
		if status, _, body := e.fetch(c, path); status != want || bytes.Contains(body, []byte("TOPSECRET")) || bytes.Equal(body, pngBytes) {
			t.Errorf("GET %s = %d, want %d", path, status, want)
		}
	}

	stranger := e.client()
	e.setPassword("小周", "secret-小周")
	if status, _, body := e.fetch(stranger, imgs[0][1]); status != http.StatusSeeOther || bytes.Equal(body, pngBytes) {
		t.Errorf("logged out: %d", status)
	}
	otherGrid := e.client()
	if err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		u, err := tx.FindUnitByName("第二网格(演示)")
		if err != nil {
			return err
		}
		return tx.GrantRole(nb.RoleGrant{PersonID: e.person("小周").ID, Role: nb.RoleGridWorker, UnitID: u.ID})
	}); err != nil {
		t.Fatal(err)
	}
	e.login(otherGrid, "小周", "secret-小周")
	if status, _, body := e.fetch(otherGrid, imgs[0][1]); status != http.StatusForbidden || bytes.Equal(body, pngBytes) {
		t.Errorf("an officer of another grid: %d", status)
	}
}

// TestDeskNoticePhoto: the approver sees the WeChat photo of the notice
// they are asked to approve; a grid worker, and a notice without a photo,
// get none.
func TestDeskNoticePhoto(t *testing.T) {
	dir := t.TempDir()
	e := newDeskEnv(t, false, withNotices, withMedia(dir))
	ref := photoRef(pngBytes)
	if err := os.WriteFile(filepath.Join(dir, ref), pngBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	id, _ := e.submitNotice("张阿姨", "", "义诊海报见图，详见 www.example.com", func(d *broadcasts.Draft) {
		d.Platform, d.Photo = nb.PlatformWeChat, &nb.Attachment{Kind: "photo", FileRef: ref, MIMEType: "image/png"}
	})
	plain, _ := e.submitNotice("张阿姨", "", "没有图片 www.example.com")
	c := e.client()
	e.login(c, "王书记", "secret-王书记")
	src := fmt.Sprintf("/desk/notices/%d/photo", id)
	if _, page := e.get(c, "/desk/notices"); !strings.Contains(page, `<img class="photo" src="`+src+`"`) {
		t.Errorf("the notices page does not show the photo:\n%s", page)
	}
	if status, ctype, body := e.fetch(c, src); status != http.StatusOK || ctype != "image/png" || !bytes.Equal(body, pngBytes) {
		t.Errorf("notice photo = %d %q %d bytes", status, ctype, len(body))
	}
	if status, _, _ := e.fetch(c, fmt.Sprintf("/desk/notices/%d/photo", plain)); status != http.StatusNotFound {
		t.Errorf("a notice without a photo: %d", status)
	}
	grid := e.client()
	e.login(grid, "李网格员", "secret-李网格员")
	if status, _, body := e.fetch(grid, src); status != http.StatusForbidden || bytes.Equal(body, pngBytes) {
		t.Errorf("a grid worker: %d", status)
	}
}
