package intake

import (
	"strings"
	"testing"
	"unicode"
)

// TestNoSymbolAmongIdeographs guards isEmoji's shortcut: no rune of the CJK
// Unified Ideographs block is a symbol (So), so isEmoji need not search the
// Unicode tables for them.
func TestNoSymbolAmongIdeographs(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if unicode.Is(unicode.So, r) {
			t.Fatalf("U+%04X is a symbol", r)
		}
	}
}

// TestSegmentSlicesLikeTokens checks that the words segmentWith slices from
// the text are the gse token texts, on texts with and without upper case.
func TestSegmentSlicesLikeTokens(t *testing.T) {
	seg, err := sharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"3栋2单元楼道灯不亮了 有没有人管管", "wifi密码是abc123吗", "WiFi密码ABC", "电梯坏了！！！😡", ""} {
		var want []string
		for _, s := range seg.Segment([]byte(text)) {
			if w := s.Token().Text(); strings.TrimFunc(w, isSpaceOrMark) != "" {
				want = append(want, w)
			}
		}
		got := segmentWith(seg, text)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("segmentWith(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestNextSuffixLikeNextAny checks the cached suffix search against the
// plain one at every offset.
func TestNextSuffixLikeNextAny(t *testing.T) {
	s := foldRunes("阳光小区3号楼，幸福花园南门，人民路88号院，苑里小区的花园")
	sc := scanner{s: s, namedAt: notSearched(len(namedSuffixes))}
	for i := 0; i <= len(s); i++ {
		if got, want := sc.nextSuffix(i, namedSuffixes, sc.namedAt), nextAny(s, i, namedSuffixes); got != want {
			t.Fatalf("nextSuffix(%d) = %d, want %d", i, got, want)
		}
	}
}

// TestFastSegmentLikeGse compares the fast segmentation with gse's on every
// message of every testdata TSV file, raw and normalised.
func TestFastSegmentLikeGse(t *testing.T) {
	seg, err := sharedSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	f := fastSegmentFor(seg)
	n, fast := 0, 0
	for _, file := range goldenFiles(t) {
		ds, err := ReadTSVFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range ds.Examples {
			for _, text := range []string{ex.Text, foldDigits(Normalize(ex.Text))} {
				n++
				got, ok := f.segment(text, hasContent)
				if !ok {
					continue
				}
				fast++
				if want := segmentWithGse(seg, text); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Fatalf("%s:%d: fast segmentation %q, gse %q", file, ex.Line, got, want)
				}
			}
		}
	}
	if fast < n*9/10 {
		t.Errorf("fast segmentation used on %d of %d texts", fast, n)
	}
}
