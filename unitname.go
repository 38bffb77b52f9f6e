package neighborbot

import (
	"fmt"
	"slices"
	"strings"
)

// FindUnit resolves a unit name as people type it, in chat commands, the
// CLI and the sandbox API alike: the exact name; else the one unit whose
// name without its note in brackets is the name (幸福社区 for
// 幸福社区(演示)); else the one unit whose name contains it (城管办 for
// 城管办(演示)). Full-width brackets and spaces count as half-width.
// Otherwise it returns a *UnitLookupError: ENOTFOUND with the closest
// names, or EINVALID with the names that match.
func FindUnit(units []*Unit, name string) (*Unit, error) {
	want := normUnitName(name)
	if want == "" {
		return nil, Errorf(EINVALID, "a unit name is required")
	}
	var base, part []*Unit
	for _, u := range units {
		n := normUnitName(u.Name)
		switch {
		case n == want:
			return u, nil
		case stripNote(n) == want:
			base = append(base, u)
		case strings.Contains(n, want):
			part = append(part, u)
		}
	}
	for _, found := range [][]*Unit{base, append(base, part...)} {
		if len(found) == 1 {
			return found[0], nil
		}
	}
	if len(base)+len(part) > 1 {
		return nil, &UnitLookupError{Name: name, Ambiguous: true, Names: unitNames(append(base, part...))}
	}
	return nil, &UnitLookupError{Name: name, Names: closestUnits(units, want, 3)}
}

// UnitLookupError says why FindUnit found no single unit.
type UnitLookupError struct {
	Name      string
	Ambiguous bool     // several units match; Names lists them
	Names     []string // the matches, or the closest names when none matched
}

// Error implements the error interface.
func (e *UnitLookupError) Error() string {
	if e.Ambiguous {
		return fmt.Sprintf("%q matches several units: %s; give the full name", e.Name, strings.Join(e.Names, ", "))
	} else if len(e.Names) == 0 {
		return fmt.Sprintf("no unit called %q (there are no units yet)", e.Name)
	}
	return fmt.Sprintf("no unit called %q; closest: %s", e.Name, strings.Join(e.Names, ", "))
}

// Unwrap gives the domain error with its code, so that ErrorCode and
// ErrorMessage work on it.
func (e *UnitLookupError) Unwrap() error {
	code := ENOTFOUND
	if e.Ambiguous {
		code = EINVALID
	}
	return &Error{Code: code, Message: e.Error()}
}

var unitNameFolder = strings.NewReplacer("（", "(", "）", ")", "　", "", " ", "")

func normUnitName(s string) string { return unitNameFolder.Replace(strings.TrimSpace(s)) }

// stripNote drops a trailing note in brackets: "幸福社区(演示)" → "幸福社区".
func stripNote(s string) string {
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

func unitNames(units []*Unit) []string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	return names
}

// closestUnits returns the names of up to n units nearest to want by edit
// distance (of the names without their notes), nearest first.
func closestUnits(units []*Unit, want string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	list := make([]scored, 0, len(units))
	for _, u := range units {
		list = append(list, scored{u.Name, editDistance(stripNote(normUnitName(u.Name)), want)})
	}
	slices.SortStableFunc(list, func(a, b scored) int { return a.d - b.d })
	var names []string
	for _, s := range list[:min(n, len(list))] {
		names = append(names, s.name)
	}
	return names
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
