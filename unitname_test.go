package neighborbot

import (
	"errors"
	"slices"
	"testing"
)

func TestFindUnit(t *testing.T) {
	var units []*Unit
	for i, n := range []string{"幸福街道(演示)", "幸福社区(演示)", "幸福社区一网格(演示)", "幸福社区二网格(演示)",
		"城管办(演示)", "幸福物业(演示)", "和平社区"} {
		units = append(units, &Unit{ID: int64(i + 1), Name: n})
	}
	for _, c := range []struct {
		name string
		want string
	}{
		{"幸福社区(演示)", "幸福社区(演示)"},
		{"幸福社区", "幸福社区(演示)"}, // the name without its note, though 一网格 contains it too
		{"幸福社区（演示）", "幸福社区(演示)"},
		{" 城管办 ", "城管办(演示)"},
		{"一网格", "幸福社区一网格(演示)"},
		{"和平社区", "和平社区"},
	} {
		u, err := FindUnit(units, c.name)
		if err != nil || u.Name != c.want {
			t.Errorf("FindUnit(%q) = %v, %v; want %s", c.name, u, err, c.want)
		}
	}
	_, err := FindUnit(units, "网格")
	var le *UnitLookupError
	if !errors.As(err, &le) || !le.Ambiguous || ErrorCode(err) != EINVALID || len(le.Names) != 2 {
		t.Errorf("网格 is ambiguous: %v", err)
	}
	_, err = FindUnit(units, "幸福社区三网格")
	if !errors.As(err, &le) || le.Ambiguous || ErrorCode(err) != ENOTFOUND ||
		!slices.Equal(le.Names[:2], []string{"幸福社区一网格(演示)", "幸福社区二网格(演示)"}) {
		t.Errorf("not found must list the closest names first: %v", err)
	}
	if ErrorMessage(err) != err.Error() {
		t.Errorf("the message is the whole sentence: %q", ErrorMessage(err))
	}
}
