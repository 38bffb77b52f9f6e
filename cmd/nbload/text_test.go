package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/neighborbot/neighborbot/intake"
)

// TestGeneratedTextsAreReadAsMeant runs every report phrase, with every
// prefix, suffix and way of writing a place, and every line of chit-chat
// through the bot's own model: a report must be a concern confident enough
// to be acknowledged, in its topic's category; chit-chat must not be a
// concern. Otherwise nbload would count the bot's silence as lost answers.
func TestGeneratedTextsAreReadAsMeant(t *testing.T) {
	m, err := intake.Default()
	if err != nil {
		t.Fatal(err)
	}
	places := []string{"3号楼", "12栋2单元", "44幢", "7号楼1单元", "60栋"}
	for _, tp := range topics {
		for _, ph := range tp.phrases {
			for _, pre := range reportPrefixes {
				for _, suf := range reportSuffixes {
					for _, pl := range places {
						s := pre + pl + ph + suf
						r := m.Understand(s)
						if !r.Concern || r.Confidence < m.AckThreshold() || r.Category != tp.category {
							t.Errorf("%q: concern %v, confidence %.2f, category %s; want a confident %s",
								s, r.Concern, r.Confidence, r.Category, tp.category)
						}
					}
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, s := range chitChat {
		for _, v := range []string{s, s + "😊", "[微笑]" + s, chitChatText(rng)} {
			if r := m.Understand(v); r.Concern {
				t.Errorf("chit-chat %q read as a concern (%.2f, %s)", v, r.Confidence, r.Category)
			}
		}
	}
}

func TestReportsVary(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	texts, topicsSeen, buildings := map[string]bool{}, map[int]bool{}, map[int]bool{}
	for range 1000 {
		r := newReport(rng)
		if !strings.Contains(r.text, r.place) || !strings.Contains(r.place, fmt.Sprint(r.building)) {
			t.Fatalf("report %q does not name its place %q (building %d)", r.text, r.place, r.building)
		}
		if r.building < 1 || r.building > maxBuilding {
			t.Fatalf("building %d out of range", r.building)
		}
		texts[r.text], topicsSeen[r.topic], buildings[r.building] = true, true, true
	}
	if len(texts) < 900 || len(topicsSeen) != len(topics) || len(buildings) != maxBuilding {
		t.Errorf("1000 reports: %d texts, %d topics, %d buildings; want ≥ 900, %d, %d",
			len(texts), len(topicsSeen), len(buildings), len(topics), maxBuilding)
	}
}

func TestRepeatReportKeepsTopicAndPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for range 200 {
		first := newReport(rng)
		again := repeatReport(rng, first)
		if again.topic != first.topic || again.building != first.building || again.place != first.place {
			t.Fatalf("repeat of %+v is %+v", first, again)
		}
		if again.phrase == first.phrase {
			t.Fatalf("repeat of %q says it the same way: %q", first.text, again.text)
		}
		if !strings.Contains(again.text, first.place) {
			t.Fatalf("repeat %q lost the place %q", again.text, first.place)
		}
	}
}

func TestTextsAreSeeded(t *testing.T) {
	gen := func(seed uint64) []string {
		rng := rand.New(rand.NewPCG(seed, 0))
		var out []string
		for range 20 {
			out = append(out, newReport(rng).text, chitChatText(rng), statusText(rng, 7), progressText(rng, 7), meTooText(rng))
		}
		return out
	}
	a, b, c := gen(1), gen(1), gen(2)
	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Error("the same seed gave other texts")
	}
	if strings.Join(a, "|") == strings.Join(c, "|") {
		t.Error("another seed gave the same texts")
	}
}

func TestCommandTexts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for range 50 {
		s := statusText(rng, 12)
		if !strings.HasSuffix(s, "12") || !(strings.Contains(s, "进度") || strings.HasPrefix(s, "/status")) {
			t.Errorf("statusText = %q", s)
		}
		if p := progressText(rng, 12); !strings.HasPrefix(p, "#进展 12 ") || len([]rune(p)) < 10 {
			t.Errorf("progressText = %q", p)
		}
	}
	if got := acceptText(5); got != "#立项 5" {
		t.Errorf("acceptText = %q", got)
	}
}

func TestResidentNamesAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for g := range 300 {
		for m := range 20 {
			n := residentName(g, m, 20)
			if seen[n] || len([]rune(n)) > 32 {
				t.Fatalf("name %q repeated or too long", n)
			}
			seen[n] = true
		}
	}
}

func TestNewCaseNumber(t *testing.T) {
	tests := []struct {
		text string
		want int64
	}{
		{"收到，已登记 #12 电梯·3号楼，进展会在群里告知。", 12},
		{"Got it: registered #7 Elevator. Progress will be posted here.", 7},
		{"这件事已登记为 #3（电梯·3号楼），已将您加入关注，进展会一并告知。", 0},
		{"已关注 #3，目前 2 人关注，进展会一并告知。", 0},
		{"收到，已登记", 0},
	}
	for _, tc := range tests {
		if got := newCaseNumber(tc.text); got != tc.want {
			t.Errorf("newCaseNumber(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}
