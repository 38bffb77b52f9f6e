package handlers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// status: "#进度 N" — anyone may ask where a case stands.
func (h *Handlers) status(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_status"))
	if err != nil {
		return err
	}
	cs, err := h.cases.LookTx(c.Tx, c.Actor(), n)
	switch nb.ErrorCode(err) {
	case nb.ENOTFOUND:
		return h.fail("case_not_found", n)
	case nb.EFORBIDDEN:
		return h.fail("not_here", n)
	case "":
	default:
		return err
	}
	followers, err := c.Tx.ListFollowers(cs.ID, c.Msg.Platform)
	if err != nil {
		return err
	}
	events, err := c.Tx.ListEvents(cs.ID)
	if err != nil {
		return err
	}
	return c.Reply(h.describe(c, cs, len(followers), events))
}

// describe renders a case for its status reply.
func (h *Handlers) describe(c *bot.Context, cs *nb.Case, followers int, events []*nb.Event) string {
	zh := h.l == 0
	line := func(zhLabel, enLabel, value string) string {
		if zh {
			return zhLabel + "：" + value
		}
		return enLabel + ": " + value
	}
	lines := []string{fmt.Sprintf("#%d %s", cs.ID, summary(cs)),
		line("状态", "Stage", h.l.state(cs)),
		line("内容", "Report", bot.Truncate(intake.MaskPersonal(cs.Text), 60))}
	if cs.OwnerUnitID != 0 {
		lines = append(lines, line("承办", "Owner", unitName(c, cs.OwnerUnitID)))
	}
	if !cs.DueAt.IsZero() && cs.Stage == nb.StageProject {
		lines = append(lines, line("期限", "Due", h.when(cs.DueAt)))
	}
	if cs.MergedInto != 0 {
		lines = append(lines, line("合并到", "Merged into", fmt.Sprintf("#%d", cs.MergedInto)))
	}
	if followers >= 0 {
		lines = append(lines, line("关注", "Followers", fmt.Sprint(followers)))
	}
	if last := latest(events); last != nil {
		what := h.l.Name("action", last.Kind)
		if note := last.Note; note != "" {
			what += " " + bot.Truncate(intake.MaskPersonal(note), 60)
		} else if last.Kind == nb.EventKind(nb.ActionRate) && cs.Rating != "" {
			what += " " + h.l.Name("rating", cs.Rating) // the case's rating is its latest
		}
		lines = append(lines, line("最新", "Latest", what+" ("+h.when(last.CreatedAt)+")"))
	}
	return strings.Join(lines, "\n")
}

// latest returns the latest event worth telling: one that carries a note
// or moved the case to another stage (a rating of 不满意 that reopened it),
// not the report itself.
func latest(events []*nb.Event) *nb.Event {
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e.Kind != nb.EventReported && e.Kind != nb.EventEdited && (e.Note != "" || e.FromStage != e.ToStage) {
			return e
		}
	}
	return nil
}

// mine: "#我的" — the cases the sender reported or follows.
func (h *Handlers) mine(c *bot.Context) error {
	cases, err := c.Tx.ListCases(nb.CaseFilter{FollowerID: c.Person.ID, Limit: 10})
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return c.Reply(h.l.T("mine_none"))
	}
	lines := []string{h.l.T("mine_head")}
	for _, cs := range cases {
		lines = append(lines, fmt.Sprintf("#%d %s — %s", cs.ID, summary(cs), h.l.state(cs)))
	}
	return c.Reply(strings.Join(lines, "\n"))
}

// todoPage is how many projects and other open cases one "#待办" shows,
// after the whole review list and every urgent case.
const todoPage = 15

// todoChunk is how many lines go in one message of "#待办", so that a
// long review list is not cut by the platform's limit on a message.
const todoChunk = 30

// maxTodo bounds the review list and the urgent cases "#待办" shows: the
// most a store list gives.
const maxTodo = 500

// todo: "#待办 [页]" — open cases in the officer's area: the whole review
// list first (urgent ones first), then every urgent case, then a page of
// the others (projects by deadline, then the rest oldest first), saying
// how many more there are and how to see them. "#待办 2" shows the next
// page of the others.
func (h *Handlers) todo(c *bot.Context) error {
	page := 1
	if n, err := strconv.Atoi(c.Command.Arg(0)); err == nil && n > 1 {
		page = n
	}
	parts, left, err := todoCases(c, page)
	if err != nil {
		return err
	}
	var cases []*nb.Case
	for _, p := range parts {
		cases = append(cases, p.cases...)
	}
	dups, err := openDuplicates(c, cases)
	if err != nil {
		return err
	}
	switch {
	case len(cases) == 0 && page > 1:
		return c.Reply(h.l.T("todo_page_none", page))
	case len(cases) == 0:
		return c.Reply(h.l.T("todo_none"))
	}
	lines := []string{h.l.T("todo_head")}
	if page > 1 {
		lines[0] = h.l.T("todo_head_page", page)
	}
	for _, p := range parts {
		for _, cs := range p.cases {
			lines = append(lines, h.todoLine(cs, dups[cs.SuggestedDuplicate]))
		}
		if p.unlisted > 0 {
			lines = append(lines, h.l.T(p.note, p.unlisted, maxTodo))
		}
	}
	if left > 0 {
		lines = append(lines, h.l.T("todo_more", left, page+1))
	}
	for len(lines) > todoChunk {
		if err := c.Reply(strings.Join(lines[:todoChunk], "\n")); err != nil {
			return err
		}
		lines = lines[todoChunk:]
	}
	return c.Reply(strings.Join(lines, "\n"))
}

// todoPart is one part of "#待办": its cases and how many of its cases
// the store's limit (maxTodo) left out, told with note.
type todoPart struct {
	cases    []*nb.Case
	unlisted int
	note     string
}

// todoCases lists page of "#待办" in the officer's area, each part asked of
// the store as it is shown: on the first page the review list (its urgent
// cases first) and every other urgent case by deadline, each up to
// maxTodo, then, on every page, todoPage of the rest by deadline. left is
// how many of the rest come after this page.
func todoCases(c *bot.Context, page int) (parts []todoPart, left int, err error) {
	tree, err := unitTree(c)
	if err != nil {
		return nil, 0, err
	}
	open := nb.CaseFilter{OpenOnly: true, UnitIDs: area(c.Actor(), tree), Limit: maxTodo}
	review, urgent, others := open, open, open
	review.QuietOnly = true
	urgent.LoudOnly, urgent.Priority, urgent.ByDue = true, nb.PriorityUrgent, true
	others.LoudOnly, others.ExceptPriority, others.ByDue = true, nb.PriorityUrgent, true
	others.Offset, others.Limit = (page-1)*todoPage, todoPage
	filters, notes := []nb.CaseFilter{others}, []string{""}
	if page == 1 {
		filters, notes = []nb.CaseFilter{review, urgent, others}, []string{"todo_review_unlisted", "todo_urgent_unlisted", ""}
	}
	for i, f := range filters {
		list, err := c.Tx.ListCases(f)
		if err != nil {
			return nil, 0, err
		}
		slices.SortStableFunc(list, func(a, b *nb.Case) int { // urgent first on the review list too
			return boolRank(b.Priority == nb.PriorityUrgent) - boolRank(a.Priority == nb.PriorityUrgent)
		})
		p := todoPart{cases: list, note: notes[i]}
		if p.note != "" && len(list) == f.Limit {
			total, err := c.Tx.CountCases(f)
			if err != nil {
				return nil, 0, err
			}
			p.unlisted = total - len(list)
		}
		parts = append(parts, p)
	}
	total, err := c.Tx.CountCases(others)
	if err != nil {
		return nil, 0, err
	}
	return parts, max(0, total-others.Offset-todoPage), nil
}

// openDuplicates says which of the cases suggested as duplicates of cases
// are still open: a hint at a dismissed or closed one would mislead.
func openDuplicates(c *bot.Context, cases []*nb.Case) (map[int64]bool, error) {
	ids := []int64{}
	for _, cs := range cases {
		if cs.SuggestedDuplicate != 0 {
			ids = append(ids, cs.SuggestedDuplicate)
		}
	}
	open := map[int64]bool{}
	if len(ids) == 0 {
		return open, nil
	}
	list, err := c.Tx.ListCases(nb.CaseFilter{IDs: ids, OpenOnly: true, Limit: len(ids)})
	for _, cs := range list {
		open[cs.ID] = true
	}
	return open, err
}

// todoLine is one case of "#待办": an urgent one marked so, one on the
// review list with its words, for the officer to decide without #详情, and
// one that may repeat an open case (dupOpen) with its number.
func (h *Handlers) todoLine(cs *nb.Case, dupOpen bool) string {
	s := fmt.Sprintf("#%d %s — %s", cs.ID, summary(cs), h.l.state(cs))
	if cs.Stage == nb.StageProject && !cs.DueAt.IsZero() {
		s += h.l.T("todo_due", h.when(cs.DueAt))
	}
	if cs.Priority == nb.PriorityUrgent {
		s += " [" + h.l.Name("priority", cs.Priority) + "]"
	}
	if dupOpen {
		s += " " + h.l.T("todo_dup", cs.SuggestedDuplicate)
	}
	if cs.Quiet {
		s += " [" + h.l.T("todo_quiet") + "] " + clip(intake.MaskPersonal(cs.Text), 30)
	}
	return s
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// clip shortens text to at most n characters, marking a cut with "…".
func clip(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return text
}

// area lists the units an officer manages, or nil when their scope is global.
func area(actor nb.Actor, tree nb.UnitTree) []int64 {
	ids := []int64{}
	for id := range tree {
		if actor.Covers(tree, id, managers...) {
			ids = append(ids, id)
		}
	}
	if actor.Covers(tree, 0, managers...) { // a global scope also covers unbound groups
		return nil
	}
	return ids
}
