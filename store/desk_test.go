package store

import (
	"context"
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
)

// testDesk covers accounts, sessions and login codes.
func testDesk(f *fixture) {
	t, clock := f.t, f.clock
	var p1, p2 *nb.Person
	f.update(func(tx nb.Tx) (err error) {
		if p1, err = tx.EnsurePerson(nb.PlatformSandbox, "a", "王书记"); err != nil {
			return err
		}
		p2, err = tx.EnsurePerson(nb.PlatformSandbox, "b", "李网格员")
		return err
	})
	f.update(func(tx nb.Tx) error {
		return tx.PutAccount(&nb.Account{PersonID: p1.ID, Login: " 王书记 ", PasswordHash: "h1"})
	})
	f.update(func(tx nb.Tx) error {
		return tx.PutAccount(&nb.Account{PersonID: p1.ID, Login: "王书记", PasswordHash: "h2"})
	})
	err := f.s.Update(context.Background(), func(tx nb.Tx) error {
		return tx.PutAccount(&nb.Account{PersonID: p2.ID, Login: "王书记"})
	})
	wantCode(t, err, nb.ECONFLICT)
	f.view(func(tx nb.Tx) error {
		a, err := tx.FindAccountByLogin("王书记")
		if err != nil || a.PersonID != p1.ID || a.PasswordHash != "h2" || !a.CreatedAt.Equal(t0) {
			t.Fatalf("account %+v, %v", a, err)
		}
		_, err = tx.FindAccountByLogin("nobody")
		wantCode(t, err, nb.ENOTFOUND)
		return nil
	})

	// Sessions expire.
	f.update(func(tx nb.Tx) error {
		return tx.CreateSession(&nb.Session{TokenHash: "t1", PersonID: p1.ID, CSRF: "c", ExpiresAt: t0.Add(time.Hour)})
	})
	f.view(func(tx nb.Tx) error {
		s, err := tx.FindSession("t1")
		if err != nil || s.PersonID != p1.ID || s.CSRF != "c" {
			t.Fatalf("session %+v, %v", s, err)
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		if err := tx.CreateSession(&nb.Session{TokenHash: "t2", PersonID: p1.ID, CSRF: "c", ExpiresAt: t0.Add(time.Hour)}); err != nil {
			return err
		}
		if n, err := tx.DeleteSessions(p1.ID); err != nil || n != 2 {
			t.Fatalf("DeleteSessions = %d, %v", n, err)
		}
		return tx.CreateSession(&nb.Session{TokenHash: "t1", PersonID: p1.ID, CSRF: "c", ExpiresAt: t0.Add(time.Hour)})
	})
	clock.Add(time.Hour)
	f.view(func(tx nb.Tx) error { _, err := tx.FindSession("t1"); wantCode(t, err, nb.ENOTFOUND); return nil })

	// A login code works once, before it expires.
	f.update(func(tx nb.Tx) error {
		for _, h := range []string{"k1", "k2"} {
			if err := tx.CreateLoginCode(&nb.LoginCode{CodeHash: h, PersonID: p2.ID, ExpiresAt: clock.Now().Add(5 * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	f.update(func(tx nb.Tx) error {
		c, err := tx.UseLoginCode("k1")
		if err != nil || c.PersonID != p2.ID {
			t.Fatalf("use code: %+v, %v", c, err)
		}
		return nil
	})
	use := func(h string) error {
		return f.s.Update(context.Background(), func(tx nb.Tx) error { _, err := tx.UseLoginCode(h); return err })
	}
	wantCode(t, use("k1"), nb.EINVALID)
	wantCode(t, use("zz"), nb.ENOTFOUND)
	clock.Add(5 * time.Minute)
	wantCode(t, use("k2"), nb.EINVALID)
	f.update(func(tx nb.Tx) error {
		n, err := tx.PruneSessions(clock.Now().Add(time.Second))
		if err != nil || n != 3 {
			t.Fatalf("pruned %d, %v", n, err)
		}
		return nil
	})
}

// testBoardFilters checks the filters the desk's board adds to CaseFilter.
func testBoardFilters(f *fixture) {
	t, clock := f.t, f.clock
	grid := &nb.Unit{Name: "一网格", Kind: nb.UnitGrid}
	f.update(func(tx nb.Tx) error {
		if err := tx.CreateUnit(grid); err != nil {
			return err
		}
		for i, c := range []*nb.Case{
			{Text: "电梯坏了 100%", Category: "电梯", Priority: nb.PriorityUrgent, UnitID: grid.ID},
			{Text: "垃圾", Location: "3号楼", Category: "环境卫生", Priority: nb.PriorityGeneral, UnitID: grid.ID},
			{Text: "路灯_坏", Category: "市政", Priority: nb.PriorityGeneral, UnitID: grid.ID, Stage: nb.StageProject},
		} {
			clock.Add(time.Duration(i+1) * time.Hour)
			if err := tx.CreateCase(c); err != nil {
				return err
			}
		}
		c, err := tx.FindCaseByID(3)
		if err != nil {
			return err
		}
		c.WhistleUnitID = grid.ID
		return tx.UpdateCase(c)
	})
	ids := func(cf nb.CaseFilter) string {
		var out []string
		f.view(func(tx nb.Tx) error {
			list, err := tx.ListCases(cf)
			for _, c := range list {
				out = append(out, c.Text)
			}
			return err
		})
		return strings.Join(out, ",")
	}
	for _, c := range []struct {
		f    nb.CaseFilter
		want string
	}{
		{nb.CaseFilter{Priority: nb.PriorityUrgent}, "电梯坏了 100%"},
		{nb.CaseFilter{WhistleOpen: true}, "路灯_坏"},
		{nb.CaseFilter{Text: "3号"}, "垃圾"},
		{nb.CaseFilter{Text: "%"}, "电梯坏了 100%"},
		{nb.CaseFilter{Text: "_"}, "路灯_坏"},
		{nb.CaseFilter{Since: t0.Add(2 * time.Hour), Before: t0.Add(4 * time.Hour)}, "垃圾"},
	} {
		if got := ids(c.f); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.f, got, c.want)
		}
	}
	f.view(func(tx nb.Tx) error {
		counts, err := tx.CountCasesByStage(nb.CaseFilter{UnitIDs: []int64{grid.ID}, Stages: []nb.Stage{nb.StageTopic}})
		if err != nil || counts[nb.StageTopic] != 2 || counts[nb.StageProject] != 1 || len(counts) != 2 {
			t.Fatalf("counts %v, %v", counts, err)
		}
		return nil
	})
}

// TestBoardPlan: the board reads the open cases of its units through an
// index, never the whole history (a department's, owned or whistled cases,
// through the open stages).
func TestBoardPlan(t *testing.T) {
	db := openTestDB(t, time.Now)
	fillHistory(t, db)
	officer := caseWhere(nb.CaseFilter{OpenOnly: true, UnitIDs: []int64{1, 2}})
	staff := caseWhere(nb.CaseFilter{OpenOnly: true, UnitIDs: []int64{}, OwnerUnitIDs: []int64{3}})
	for _, analysed := range []bool{false, true} {
		if analysed {
			if _, err := db.writer.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for name, w := range map[string]*where{"officer": officer, "staff": staff} {
			q := `SELECT ` + caseColumns + ` FROM cases` + w.String() + ` ORDER BY cases.id DESC LIMIT 50`
			p := plan(t, db, q, w.args...)
			if !strings.Contains(p, "SEARCH cases USING") || (name == "officer" && !strings.Contains(p, "INDEX cases_open_unit")) {
				t.Errorf("%s's board (analysed %v) does not search an index:\n%s", name, analysed, p)
			}
			if strings.Contains(p, "SCAN cases") {
				t.Errorf("%s's board (analysed %v) scans the history:\n%s", name, analysed, p)
			}
		}
	}
}
