package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// Every text key the desk's pages use exists in both languages.
func TestDeskTextsExist(t *testing.T) {
	re := regexp.MustCompile(`\.T "([a-z_]+)"`)
	files, err := fs.Glob(deskFS, "static/desk/*.html")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		b, _ := deskFS.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			tr, ok := deskTexts[m[1]]
			if !ok || tr[0] == "" || tr[1] == "" {
				t.Errorf("%s: text %q missing", f, m[1])
			}
		}
	}
	for key, tr := range deskTexts {
		if strings.Count(tr[0], "%") != strings.Count(tr[1], "%") {
			t.Errorf("%s: the languages take different arguments: %q / %q", key, tr[0], tr[1])
		}
	}
}

func TestCountTop(t *testing.T) {
	for m, want := range map[float64]float64{0: 4, 3: 4, 5: 8, 9: 20, 40: 40, 41: 80, 170: 200} {
		if got := countTop(m); got != want {
			t.Errorf("countTop(%v) = %v, want %v", m, got, want)
		}
	}
}
