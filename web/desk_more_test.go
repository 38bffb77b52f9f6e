package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	nb "github.com/neighborbot/neighborbot"
)

func TestDeskCodeLogin(t *testing.T) {
	e := newDeskEnv(t, false)
	p := e.person("赵师傅")
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		return tx.CreateLoginCode(&nb.LoginCode{CodeHash: nb.HashSecret("ABCD-EFGH"), PersonID: p.ID, ExpiresAt: tx.Now().Add(time.Minute)})
	})
	if err != nil {
		t.Fatal(err)
	}
	loginWithCode := func(c *http.Client) int {
		_, page := e.get(c, "/desk/login?code=ABCD-EFGH")
		m := reToken.FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, `value="ABCD-EFGH"`) {
			t.Fatalf("login page with a code:\n%s", page)
		}
		status, _, _ := e.post(c, "/desk/login", url.Values{"token": {m[1]}, "code": {"abcd-efgh"}})
		return status
	}
	c := e.client()
	if status := loginWithCode(c); status != http.StatusSeeOther {
		t.Fatalf("login with a code: %d", status)
	}
	if status, page := e.get(c, "/desk/"); status != http.StatusOK || !strings.Contains(page, "赵师傅") {
		t.Fatalf("board after code login: %d", status)
	}
	if status := loginWithCode(e.client()); status != http.StatusUnauthorized {
		t.Fatalf("a code used twice: %d", status)
	}
}

func TestDeskLoginFormNeedsToken(t *testing.T) {
	e := newDeskEnv(t, false)
	status, _, _ := e.post(e.client(), "/desk/login", url.Values{"name": {"王书记"}, "password": {"secret-王书记"}})
	if status != http.StatusForbidden {
		t.Fatalf("login without the form's token: %d", status)
	}
	// A person without a staff role cannot log in even with an account.
	e.setPassword("刘大爷", "resident-password")
	if status, _ := e.login(e.client(), "刘大爷", "resident-password"); status != http.StatusForbidden {
		t.Fatalf("a resident logs in: %d", status)
	}
}

func TestDeskDepartmentSeesMasked(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report(grid1, "刘大爷", "3号楼2单元1202室漏水 电话13812345678", "市政", nb.PriorityGeneral)
	officer := e.client()
	_, csrf := e.login(officer, "王书记", "secret-王书记")
	status, _, _ := e.post(officer, "/desk/cases/"+strconv.FormatInt(n, 10)+"/act",
		url.Values{"csrf": {csrf}, "action": {"accept"}, "unit": {unitID(t, e, "城管办(演示)")}})
	if status != http.StatusSeeOther {
		t.Fatalf("accept: %d", status)
	}
	staff := e.client()
	e.login(staff, "赵师傅", "secret-赵师傅")
	status, page := e.get(staff, "/desk/cases/"+strconv.FormatInt(n, 10))
	if status != http.StatusOK || strings.Contains(page, "13812345678") || !strings.Contains(page, "138****5678") ||
		strings.Contains(page, "1202") || strings.Contains(page, "刘大爷") || !strings.Contains(page, "刘**") {
		t.Fatalf("department staff see personal data (%d):\n%s", status, page)
	}
	if _, board := e.get(staff, "/desk/"); !strings.Contains(board, "138****5678") {
		t.Errorf("the owner's board lacks its case:\n%s", board)
	}
	// Their export is masked too.
	res, err := staff.Get(e.base() + "/desk/export/cases?format=csv")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	if !strings.Contains(buf.String(), "138****5678") || strings.Contains(buf.String(), "13812345678") {
		t.Errorf("csv export:\n%s", buf.String())
	}
}

func TestDeskExportAndStats(t *testing.T) {
	e := newDeskEnv(t, false)
	e.report(grid1, "刘大爷", "=HYPERLINK(\"http://evil\") 电梯坏了", "电梯", nb.PriorityUrgent)
	e.report(grid1, "陈女士", "垃圾没人收", "环境卫生", nb.PriorityGeneral)
	c := e.client()
	e.login(c, "王书记", "secret-王书记")

	res, err := c.Get(e.base() + "/desk/export/cases?format=xlsx&stage=all")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("content type %q", ct)
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != 3 || rows[0][0] != "编号" {
		t.Fatalf("rows %v, %v", rows, err)
	}
	texts := rows[1][3] + "|" + rows[2][3]
	if !strings.Contains(texts, "垃圾没人收") || !strings.Contains(texts, "=HYPERLINK") {
		t.Errorf("exported texts %q", texts)
	}
	if formula, _ := f.GetCellFormula(f.GetSheetName(0), "D2"); formula != "" {
		t.Errorf("a report's text became a formula: %q", formula)
	}

	_, csv := e.get(c, "/desk/export/cases?format=csv")
	if !strings.HasPrefix(csv, "\uFEFF") || !strings.Contains(csv, `'=HYPERLINK`) {
		t.Errorf("csv export:\n%s", csv)
	}

	status, page := e.get(c, "/desk/stats?period=month")
	if status != http.StatusOK || !strings.Contains(page, `id="chart-weeks"`) || !strings.Contains(page, `class="bar"`) ||
		!strings.Contains(page, `id="chart-categories"`) {
		t.Fatalf("stats page (%d):\n%s", status, page)
	}
	res2, err := c.Get(e.base() + "/desk/export/stats?format=xlsx&period=month")
	if err != nil {
		t.Fatal(err)
	}
	defer res2.Body.Close()
	sf, err := excelize.OpenReader(res2.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	srows, _ := sf.GetRows(sf.GetSheetName(0))
	if len(srows) < 2 || srows[1][1] != "2" {
		t.Errorf("stats export %v", srows)
	}
}

// A resident's display name and a report's text are shown as text, never
// as markup.
func TestDeskEscapes(t *testing.T) {
	e := newDeskEnv(t, false)
	err := e.db.Update(t.Context(), func(tx nb.Tx) error {
		_, err := tx.EnsurePerson(nb.PlatformSandbox, "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := e.report(grid1, "<img src=x onerror=alert(1)>", "<script>alert(2)</script>电梯", "电梯", nb.PriorityGeneral)
	c := e.client()
	e.login(c, "王书记", "secret-王书记")
	for _, path := range []string{"/desk/", "/desk/cases/" + strconv.FormatInt(n, 10)} {
		_, page := e.get(c, path)
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;script&gt;") {
			t.Errorf("%s is not escaped:\n%s", path, page)
		}
	}
}

// The desk speaks English when asked, and remembers it.
func TestDeskEnglish(t *testing.T) {
	e := newDeskEnv(t, false)
	c := e.client()
	if _, page := e.get(c, "/desk/login?lang=en"); !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, "Log in") {
		t.Fatalf("English login page:\n%s", page)
	}
	e.login(c, "王书记", "secret-王书记")
	if _, board := e.get(c, "/desk/"); !strings.Contains(board, "Case board") || !strings.Contains(board, "Export Excel") {
		t.Errorf("English board:\n%s", board)
	}
	if _, board := e.get(c, "/desk/?lang=zh"); !strings.Contains(board, "导出 Excel") {
		t.Errorf("Chinese board:\n%s", board)
	}
}

// A whistled unit sees the case on its board and reports for duty there.
func TestDeskWhistleAndAck(t *testing.T) {
	e := newDeskEnv(t, false)
	n := e.report("幸福社区二网格群(演示)", "小周", "井盖丢了", "市政", nb.PriorityUrgent)
	path := "/desk/cases/" + strconv.FormatInt(n, 10)
	officer := e.client()
	_, csrf := e.login(officer, "王书记", "secret-王书记")
	status, _, _ := e.post(officer, path+"/act", url.Values{"csrf": {csrf}, "action": {"whistle"}, "unit": {unitID(t, e, "城管办(演示)")}})
	if status != http.StatusSeeOther {
		t.Fatalf("whistle: %d", status)
	}
	staff := e.client()
	_, csrf = e.login(staff, "赵师傅", "secret-赵师傅")
	if _, board := e.get(staff, "/desk/?whistle=1"); !strings.Contains(board, "井盖丢了") || !strings.Contains(board, "badge whistle") {
		t.Fatalf("the whistled unit's board:\n%s", board)
	}
	if _, page := e.get(staff, path); !strings.Contains(page, `id="act-ack"`) || strings.Contains(page, `id="act-accept"`) {
		t.Errorf("the whistled unit's actions:\n%s", page)
	}
	if status, _, _ := e.post(staff, path+"/act", url.Values{"csrf": {csrf}, "action": {"ack"}}); status != http.StatusSeeOther {
		t.Fatalf("ack: %d", status)
	}
	if c := caseNow(t, e, n); c.WhistleUnitID != 0 {
		t.Errorf("whistle still open after ack: %+v", c)
	}
	// Staff may not accept: the case service refuses.
	if status, _, _ := e.post(staff, path+"/act", url.Values{"csrf": {csrf}, "action": {"accept"}, "unit": {unitID(t, e, "城管办(演示)")}}); status != http.StatusForbidden {
		t.Errorf("staff accepting: %d", status)
	}
}
