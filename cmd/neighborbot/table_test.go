package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// Columns after Chinese names start at the same screen column.
func TestTableAlignsChinese(t *testing.T) {
	var out bytes.Buffer
	w := newTable(&out)
	fmt.Fprintln(w, "ID\tNAME\tKIND")
	fmt.Fprintln(w, "1\t幸福社区一网格(演示)\tgrid")
	fmt.Fprintln(w, "12\tgrid-2\tgrid")
	fmt.Fprintln(w, "3\t城管办\tdepartment")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %q", out.String())
	}
	col := -1
	for _, l := range lines {
		i := strings.LastIndex(l, "  ") + 2 // where the last column starts
		c := runewidth.StringWidth(l[:i])
		if col >= 0 && c != col {
			t.Fatalf("the KIND column starts at %d and at %d:\n%s", col, c, out.String())
		}
		col = c
	}
}
