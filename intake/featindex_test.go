package intake

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPackedFeaturesLikeStrings checks that the packed feature look-ups
// give the ids and coverage of the string look-ups, for the shared and the
// category features, on every testdata message and on odd texts.
func TestPackedFeaturesLikeStrings(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	plain := *m
	plain.feats, plain.catFeats = nil, nil
	texts := []string{"", " ", "a", "WiFi密码ABC", "电梯坏了！！！😡", "bad\xffutf8 电梯", "替换符\uFFFD电梯坏了",
		"一二三四五六七八九十号楼", "𠀀𠀁𠀂 CJK Extension B", "ĀāĂă ÀÉ 123 ½ 电梯"}
	texts = append(texts, testdataTexts(t)...)
	packed := 0
	for _, text := range texts {
		for _, norm := range []string{Normalize(text), text} {
			act := readSpeechAct(norm)
			wantIDs, wantCov := featureIDsAct(m.seg, norm, act, m.index)
			gotIDs, gotCov := m.featureIDsOf(norm, act)
			if !slices.Equal(gotIDs, wantIDs) || gotCov != wantCov {
				t.Fatalf("featureIDsOf(%q) = %v %v, want %v %v", norm, gotIDs, gotCov, wantIDs, wantCov)
			}
			if got, want := m.categoryIDs(norm, wantIDs), plain.categoryIDs(norm, wantIDs); !slices.Equal(got, want) {
				t.Fatalf("categoryIDs(%q) = %v, want %v", norm, got, want)
			}
			if utf8.ValidString(norm) && !strings.ContainsRune(norm, utf8.RuneError) {
				packed++
			}
		}
	}
	if packed < len(texts) {
		t.Errorf("only %d of %d texts can use the packed look-ups", packed, 2*len(texts))
	}
}

// TestRuneTable checks put and get, including keys that collide in the
// table and a key put twice.
func TestRuneTable(t *testing.T) {
	tab := newRuneTable(100)
	for k := uint64(0); k < 100; k++ {
		tab.put(k*1024, int32(k))
	}
	tab.put(5*1024, 500)
	for k := uint64(0); k < 100; k++ {
		want := int32(k)
		if k == 5 {
			want = 500
		}
		if id, ok := tab.get(k * 1024); !ok || id != want {
			t.Fatalf("get(%d) = %d %t, want %d", k*1024, id, ok, want)
		}
		if _, ok := tab.get(k*1024 + 1); ok {
			t.Fatalf("get(%d) found a key never put", k*1024+1)
		}
	}
	var empty runeTable
	if _, ok := empty.get(0); ok {
		t.Fatal("empty table found a key")
	}
}
