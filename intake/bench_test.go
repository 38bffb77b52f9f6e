package intake

import (
	"os"
	"slices"
	"testing"
	"time"
)

var benchMessages = []string{
	"44号楼前垃圾三天没人收",
	"3栋2单元楼道灯不亮了好几天了 有没有人管管",
	"好的 收到 谢谢",
	"@物业 十二栋门口又有车乱停 把消防通道堵死了😡",
	"看新闻说别的小区电梯困人了",
}

func BenchmarkUnderstand(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Understand(benchMessages[i%len(benchMessages)])
		i++
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDefaultLoadTime logs how long the first Default call takes (including
// building the segmenter). It does not assert wall time.
func TestDefaultLoadTime(t *testing.T) {
	start := time.Now()
	if _, err := Default(); err != nil {
		t.Fatal(err)
	}
	t.Logf("Default() first call: %v", time.Since(start))
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o644) }

// TestUnderstandLatency logs the median and tail latency of Understand over
// the held-out messages. It does not assert wall time (machines differ);
// docs/PERFORMANCE-intake.md records the numbers.
func TestUnderstandLatency(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ds := loadHeldOut(t)
	for _, ex := range ds.Examples { // warm up, as a running server would be
		m.Understand(ex.Text)
	}
	d := make([]time.Duration, 0, len(ds.Examples))
	for _, ex := range ds.Examples {
		start := time.Now()
		m.Understand(ex.Text)
		d = append(d, time.Since(start))
	}
	slices.Sort(d)
	q := func(p float64) time.Duration { return d[int(p*float64(len(d)-1))] }
	t.Logf("Understand over %d messages: p50 %v, p90 %v, p99 %v", len(d), q(0.5), q(0.9), q(0.99))
}

// BenchmarkStructure measures the structural speech-act rules alone.
func BenchmarkStructure(b *testing.B) {
	norms := make([]string, len(benchMessages))
	for i, s := range benchMessages {
		norms[i] = Normalize(s)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		structureOf(norms[i%len(norms)])
		i++
	}
}
