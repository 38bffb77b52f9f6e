package handlers

import (
	"strings"

	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// category: "#分类 N 类别" — finds the category as officers type it (a part
// of one name is enough: 停车 for 停车交通), says so calmly when the case is
// in it already, and hands the full name to recategorize.
func (h *Handlers) category(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_recategorize"))
	typed := strings.TrimSpace(c.Command.TextAfter(1))
	if err != nil || typed == "" {
		return h.recategorize(c) // it asks for what is missing
	}
	name, err := h.findCategory(typed)
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	if cs.Category == name {
		return c.Reply(h.l.T("category_same", n, name))
	}
	num := c.Command.Arg(0)
	c.Command.Args, c.Command.Rest, c.Command.Text = []string{num, name}, num+" "+name, num+" "+name
	return h.recategorize(c)
}

// categories are the names a case's category may take: the taxonomy of the
// model that reads messages, else those configured with an owner; none
// means any name goes.
func (h *Handlers) categories() []string {
	if m, ok := h.u.(interface{ Taxonomy() []intake.Category }); ok {
		var names []string
		for _, cat := range m.Taxonomy() {
			names = append(names, cat.Name)
		}
		if len(names) > 0 {
			return names
		}
	}
	return sortedKeys(h.cfg.OwnerKinds)
}

// findCategory resolves typed to one category: its name, else the one name
// it is part of (停车 for 停车交通; 电 is 电梯 or 水电气暖). Several matches
// or none are told with the names to choose from.
func (h *Handlers) findCategory(typed string) (string, error) {
	names := h.categories()
	if len(names) == 0 {
		return typed, nil
	}
	want := strings.ToLower(strings.Join(strings.Fields(typed), ""))
	var part []string
	for _, name := range names {
		switch n := strings.ToLower(name); {
		case n == want:
			return name, nil
		case strings.Contains(n, want):
			part = append(part, name)
		}
	}
	switch {
	case len(part) == 1:
		return part[0], nil
	case len(part) > 1:
		return "", h.fail("category_ambiguous", typed, strings.Join(part, "、"))
	}
	return "", h.fail("unknown_category", typed, strings.Join(names, "、"))
}

func init() {
	texts["category_same"] = [2]string{"#%d 已是「%s」类，类别未改。", "#%d is already in %s; nothing changed."}
	texts["category_ambiguous"] = [2]string{"「%s」可以指：%s。请写得更完整一些。", "%q could be: %s. Please say which."}
}
