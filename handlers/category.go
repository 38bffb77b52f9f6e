package handlers

import (
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/bot"
	"github.com/neighborbot/neighborbot/intake"
)

// recategorize: "#分类 N 类别" — an officer corrects a case's category,
// named as officers type it (a part of one name is enough: 停车 for 停车交通);
// naming the category the case is in already is answered calmly.
func (h *Handlers) recategorize(c *bot.Context) error {
	n, err := h.caseNumber(c, 0, h.l.T("ex_recategorize"))
	if err != nil {
		return err
	}
	typed := strings.TrimSpace(c.Command.TextAfter(1))
	if typed == "" {
		return h.fail("need_text", h.l.T("ex_recategorize"))
	}
	name, err := h.findCategory(typed)
	if err != nil {
		return err
	}
	cs, err := h.loadCase(c, n)
	if err != nil {
		return err
	}
	old := cs.Category
	if old == name {
		return c.Reply(h.l.T("category_same", n, name))
	}
	if _, err := h.act(c, n, nb.Command{Action: nb.ActionCategory, Category: name, Note: old + " → " + name}); err != nil {
		return err
	}
	return c.Reply(h.l.T("done_private", n, h.l.T("say_recategorized", old, name)))
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
	texts["ex_recategorize"] = [2]string{"#分类 12 环境卫生", "/category 12 环境卫生"}
	texts["unknown_category"] = [2]string{"没有「%s」这个类别。可选：%s", "No category %q. Known: %s"}
	texts["say_recategorized"] = [2]string{"类别 %s → %s", "category %s → %s"}
	texts["category_same"] = [2]string{"#%d 已是「%s」类，类别未改。", "#%d is already in %s; nothing changed."}
	texts["category_ambiguous"] = [2]string{"「%s」可以指：%s。请写得更完整一些。", "%q could be: %s. Please say which."}
}
