package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// series is one coloured row of values of a chart.
type series struct {
	Name   string
	Color  string
	Values []float64
}

// Chart geometry, in SVG units.
const (
	chartW, chartH = 560, 260
	padL, padR     = 44, 12
	padT, padB     = 28, 46
	plotW, plotH   = chartW - padL - padR, chartH - padT - padB
	chartFont      = `font-family="sans-serif" font-size="11"`
)

// esc escapes text for SVG inside HTML.
func esc(s string) string { return template.HTMLEscapeString(s) }

// svgOpen starts a chart with its title (the accessible name too).
func svgOpen(b *strings.Builder, id, title string) {
	fmt.Fprintf(b, `<svg class="chart" id="%s" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg" %s>`,
		esc(id), esc(title), chartW, chartH, chartW, chartH, chartFont)
	fmt.Fprintf(b, `<text x="%d" y="16" font-size="13" font-weight="600">%s</text>`, padL, esc(title))
}

// axis draws the y axis up to top with a few ticks, and the x labels.
func axis(b *strings.Builder, top float64, labels []string, format func(float64) string) {
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#99a"/>`, padL, padT+plotH, padL+plotW, padT+plotH)
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		y := float64(padT+plotH) - float64(plotH)*float64(i)/4
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e3e6ea"/>`, padL, y, padL+plotW, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`, padL-4, y+4, esc(format(v)))
	}
	step := float64(plotW) / float64(max(len(labels), 1))
	for i, l := range labels {
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, float64(padL)+step*(float64(i)+0.5), padT+plotH+16, esc(l))
	}
}

// legend names the series under the chart.
func legend(b *strings.Builder, ss []series) {
	x := padL
	for _, s := range ss {
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>`,
			x, chartH-14, s.Color, x+14, chartH-5, esc(s.Name))
		x += 24 + 12*len([]rune(s.Name))
	}
}

// countTop is the top of a count axis with four whole ticks: four times
// the smallest of 1, 2, 5, 10, 20, 50 … that reaches a quarter of m.
func countTop(m float64) float64 {
	for p := 1.0; ; p *= 10 {
		for _, f := range []float64{1, 2, 5} {
			if 4*f*p >= m {
				return 4 * f * p
			}
		}
	}
}

// noData writes a note in the middle of an empty chart.
func noData(b *strings.Builder) {
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="#6b7781">—</text>`, padL+plotW/2, padT+plotH/2)
}

// barChart draws grouped bars: one group per label, one bar per series.
func barChart(id, title string, labels []string, ss []series) template.HTML {
	var b strings.Builder
	svgOpen(&b, id, title)
	top := 0.0
	for _, s := range ss {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	top = countTop(top)
	axis(&b, top, labels, func(v float64) string { return fmt.Sprintf("%.0f", v) })
	if len(labels) == 0 {
		noData(&b)
	}
	group := float64(plotW) / float64(max(len(labels), 1))
	bar := group * 0.8 / float64(max(len(ss), 1))
	for si, s := range ss {
		for i, v := range s.Values {
			h := float64(plotH) * v / top
			x := float64(padL) + group*float64(i) + group*0.1 + bar*float64(si)
			fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %.0f</title></rect>`,
				x, float64(padT+plotH)-h, bar, h, s.Color, esc(labels[i]), esc(s.Name), v)
		}
	}
	legend(&b, ss)
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it was escaped
}

// lineChart draws rates in [0, 1] over the labels; a NaN is a gap.
func lineChart(id, title string, labels []string, ss []series) template.HTML {
	var b strings.Builder
	svgOpen(&b, id, title)
	axis(&b, 1, labels, func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) })
	step := float64(plotW) / float64(max(len(labels), 1))
	for _, s := range ss {
		var pts []string
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			x, y := float64(padL)+step*(float64(i)+0.5), float64(padT+plotH)-float64(plotH)*v
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %.0f%%</title></circle>`,
				x, y, s.Color, esc(labels[i]), esc(s.Name), v*100)
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, s.Color, strings.Join(pts, " "))
	}
	legend(&b, ss)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
