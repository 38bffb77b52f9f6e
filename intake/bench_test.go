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

// longComplaint is a several-sentence complaint in the formal style of a
// city hotline (about 130 characters), written for this benchmark.
const longComplaint = "尊敬的领导您好，我是阳光小区3号楼2单元的住户。自今年十月以来，小区北门外的道路因施工被挖开，至今已近两个月未恢复，" +
	"施工方既未设置围挡也未设置警示灯，夜间多次有老人和孩子在此摔倒。我们多次向物业和施工单位反映均无结果，恳请相关部门尽快督促整改，" +
	"恢复道路通行并做好安全防护。谢谢！"

func BenchmarkUnderstandLong(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Understand(longComplaint)
	}
}
