package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// tableWriter aligns tab-separated cells in columns by their width on a
// terminal, where a Chinese character takes two columns (text/tabwriter
// counts runes, so tables with Chinese names come out ragged). Write
// buffers; Flush pads every cell but the last of each line to its column's
// width plus two spaces.
type tableWriter struct {
	out io.Writer
	buf bytes.Buffer
}

// cellWidth measures a cell the same way whatever the locale says:
// wide (CJK) characters take two columns, ambiguous ones one.
var cellWidth = func() func(string) int {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c.StringWidth
}()

func newTable(out io.Writer) *tableWriter { return &tableWriter{out: out} }

// Write buffers p until Flush.
func (t *tableWriter) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the aligned table.
func (t *tableWriter) Flush() error {
	text := strings.TrimSuffix(t.buf.String(), "\n")
	t.buf.Reset()
	if text == "" {
		return nil
	}
	var rows [][]string
	var widths []int
	for line := range strings.SplitSeq(text, "\n") {
		cells := strings.Split(line, "\t")
		for i, c := range cells[:len(cells)-1] { // the last cell is not padded
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellWidth(c))
		}
		rows = append(rows, cells)
	}
	var b strings.Builder
	for _, cells := range rows {
		for i, c := range cells {
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cellWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(t.out, b.String())
	return err
}
