package handlers_test

import (
	"strings"
	"testing"
	"time"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
)

// TestTodoShowsUrgencyAndWhatWaitsForReview: "#待办" lists an urgent case
// first after the review list, marked, and gives a case on the review list
// with its words (masked), so that the officer can confirm or dismiss it
// without asking #详情 for each.
func TestTodoShowsUrgencyAndWhatWaitsForReview(t *testing.T) {
	w := newWorld(t)
	w.report("g1", "居民丙", "12栋门口的垃圾三天没人收了")
	urgent, _ := w.report("g1", "居民甲", "9号楼2单元有煤气味 很浓")
	quiet, _ := w.report("g1", "居民乙", "路灯不亮 打我电话13812345678 说一下")
	cs := w.caseByID(quiet)
	cs.Quiet = true // as if the detector had been unsure: on the review list
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(w.one("g1", "书记", "#待办", "待审核").Text, "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "#"+itoa(quiet)+" ") || !strings.Contains(lines[1], "路灯不亮") ||
		strings.Contains(lines[1], "13812345678") || !strings.HasPrefix(lines[2], "#"+itoa(urgent)+" ") ||
		!strings.Contains(lines[2], "[紧急]") {
		t.Errorf("want #%d with its masked words, then #%d marked [紧急], then the older case: %q", quiet, urgent, lines)
	}
}

// TestTodoShowsEveryUrgentAndReviewCaseBeforeProjects: with more projects
// than one "#待办" shows, the review list and an urgent case reported after
// them all still come first; a page of projects by deadline follows, with
// how many more there are and how to see them, which "#待办 2" shows.
func TestTodoShowsEveryUrgentAndReviewCaseBeforeProjects(t *testing.T) {
	w := newWorld(t)
	first, _ := w.report("g1", "居民丙", "12栋门口的垃圾三天没人收了")
	tmpl := w.caseByID(first)
	var projects []int64
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		for i := range 32 { // deadlines in reverse order of the case numbers
			cs := &nb.Case{ChatID: tmpl.ChatID, UnitID: tmpl.UnitID, Stage: nb.StageProject, Category: tmpl.Category,
				Priority: nb.PriorityGeneral, Text: "项目" + itoa(int64(i)), DueAt: w.now.Add(time.Duration(40-i) * time.Hour)}
			if err := tx.CreateCase(cs); err != nil {
				return err
			}
			projects = append([]int64{cs.ID}, projects...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	quiet, _ := w.report("g1", "居民乙", "路灯不亮 说一下")
	cs := w.caseByID(quiet)
	cs.Quiet = true
	if err := w.db.Update(w.ctx, func(tx nb.Tx) error { return tx.UpdateCase(cs) }); err != nil {
		t.Fatal(err)
	}
	urgent, _ := w.report("g1", "居民甲", "9号楼2单元有煤气味 很浓")
	lines := strings.Split(w.one("private:书记", "书记", "#待办").Text, "\n")
	if len(lines) != 1+2+15+1 || !strings.HasPrefix(lines[1], "#"+itoa(quiet)+" ") || !strings.HasPrefix(lines[2], "#"+itoa(urgent)+" ") {
		t.Fatalf("want the review case, the urgent case, 15 projects and a line on the rest: %q", lines)
	}
	for i, p := range projects[:15] {
		if !strings.HasPrefix(lines[3+i], "#"+itoa(p)+" ") {
			t.Fatalf("line %d: want project #%d (deadlines in order): %q", 3+i, p, lines)
		}
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "还有 18 件") || !strings.Contains(last, "#待办 2") {
		t.Errorf("want 17 projects and the older case left, and how to see them: %q", last)
	}
	page2 := strings.Split(w.one("private:书记", "书记", "#待办 2", "第 2 页").Text, "\n")
	if len(page2) != 1+15+1 || !strings.HasPrefix(page2[1], "#"+itoa(projects[15])+" ") || !strings.Contains(page2[16], "#待办 3") {
		t.Errorf("page 2: want the next 15 projects and how to see the rest: %q", page2)
	}
	page3 := strings.Split(w.one("private:书记", "书记", "#待办 3").Text, "\n")
	if len(page3) != 1+3 || !strings.HasPrefix(page3[3], "#"+itoa(first)+" ") {
		t.Errorf("page 3: want the last 2 projects and the topic, nothing more: %q", page3)
	}
}

// TestTodoHintsOnlyOpenDuplicates: "#待办" says a case may repeat another
// (in the words the README quotes) only while that other case is open.
func TestTodoHintsOnlyOpenDuplicates(t *testing.T) {
	w := newWorld(t)
	w.say("g1", "居民甲", "18号楼门口的路灯坏了好几天了，晚上很黑")
	w.say("g1", "居民乙", "路灯不亮了 晚上好黑")
	if c := w.caseByID(2); c.SuggestedDuplicate != 1 {
		t.Fatalf("suggested duplicate = %d, want 1", c.SuggestedDuplicate)
	}
	w.one("private:书记", "书记", "#待办", "#2", "（可能与 #1 重复）")
	w.say("private:书记", "书记", "#驳回 1 已修好")
	if got := w.one("private:书记", "书记", "#待办", "#2").Text; strings.Contains(got, "可能与") {
		t.Errorf("#1 was dismissed, yet #待办 points at it: %q", got)
	}
}

// TestTodoShowsALongReviewListInFull: a review list longer than one
// message holds goes out whole, in several messages.
func TestTodoShowsALongReviewListInFull(t *testing.T) {
	w := newWorld(t)
	first, _ := w.report("g1", "居民丙", "12栋门口的垃圾三天没人收了")
	tmpl := w.caseByID(first)
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		for i := range 40 {
			cs := &nb.Case{ChatID: tmpl.ChatID, UnitID: tmpl.UnitID, Stage: nb.StageTopic, Category: tmpl.Category,
				Priority: nb.PriorityGeneral, Quiet: true, Text: "待核实" + itoa(int64(i))}
			if err := tx.CreateCase(cs); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, got := w.say("private:书记", "书记", "#待办")
	var lines []string
	for _, m := range got {
		lines = append(lines, strings.Split(m.Text, "\n")...)
	}
	if len(got) != 2 || len(lines) != 1+40+1 || strings.Count(strings.Join(lines, "\n"), "[待审核]") != 40 {
		t.Errorf("want the 40 cases to review and the other one in two messages: %d messages, %q", len(got), lines)
	}
}

// TestTodoSaysWhatTheLimitLeftOut: a review list and an urgent list longer
// than one "#待办" lists (the store's limit, 500) say, each after its
// cases, how many were not listed.
func TestTodoSaysWhatTheLimitLeftOut(t *testing.T) {
	w := newWorld(t)
	first, _ := w.report("g1", "居民丙", "12栋门口的垃圾三天没人收了")
	tmpl := w.caseByID(first)
	err := w.db.Update(w.ctx, func(tx nb.Tx) error {
		for i := range 503 + 502 {
			cs := &nb.Case{ChatID: tmpl.ChatID, UnitID: tmpl.UnitID, Stage: nb.StageTopic, Category: tmpl.Category,
				Priority: nb.PriorityGeneral, Quiet: true, Text: "待审" + itoa(int64(i))}
			if i >= 503 {
				cs.Priority, cs.Quiet, cs.Text = nb.PriorityUrgent, false, "紧急"+itoa(int64(i))
			}
			if err := tx.CreateCase(cs); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w.out.mu.Lock()
	before := len(w.out.sent)
	w.out.mu.Unlock()
	w.say("private:书记", "书记", "#待办")
	for { // the rest of the long answer, a batch at a time
		n, err := w.e.DeliverPending(w.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	w.out.mu.Lock()
	out := append([]bot.OutMessage(nil), w.out.sent[before:]...)
	w.out.mu.Unlock()
	var lines []string
	for _, m := range out {
		lines = append(lines, strings.Split(m.Text, "\n")...)
	}
	if len(lines) != 1+500+1+500+1+1 {
		t.Fatalf("want the head, 500 to review, a note, 500 urgent, a note and the older case: %d lines", len(lines))
	}
	if got := lines[501]; !strings.Contains(got, "待审核的还有 3 件未列出") {
		t.Errorf("after the review list: %q", got)
	}
	if got := lines[1002]; !strings.Contains(got, "紧急的还有 2 件未列出") {
		t.Errorf("after the urgent cases: %q", got)
	}
	if got := lines[1003]; !strings.HasPrefix(got, "#"+itoa(first)+" ") {
		t.Errorf("then the other case: %q", got)
	}
}
