package intake

import (
	"testing"
	"time"
)

func TestFindDuplicate(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	first := m.Understand("3号楼门口垃圾堆了三天没人收")
	open := []OpenCase{
		{ID: 1, Category: first.Category, LocationNorm: first.LocationNorm, Text: first.Text, At: now.Add(-24 * time.Hour)},
		{ID: 2, Category: first.Category, LocationNorm: []string{"5号楼"}, Text: "5号楼门口垃圾好几天没人收", At: now.Add(-2 * time.Hour)},
		{ID: 3, Category: "电梯", LocationNorm: []string{"3号楼"}, Text: "3号楼电梯坏了", At: now.Add(-time.Hour)},
	}
	tests := []struct {
		name       string
		text       string
		at         time.Time
		wantID     int64
		wantStrong bool
		wantFound  bool
	}{
		{"same thing said differently", "三栋楼门口的垃圾好几天没人清了 臭死了", now, 1, true, true},
		{"same building, vaguer text", "三号楼那边垃圾没人收", now, 1, true, true},
		{"different building", "8号楼门口垃圾三天没人收", now, 0, false, false},
		{"different category", "3号楼楼上装修吵死了", now, 0, false, false},
		{"outside window", "3号楼门口垃圾没人收", now.Add(30 * 24 * time.Hour), 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := m.Understand(tt.text)
			got, ok := m.FindDuplicate(r, tt.at, open)
			if ok != tt.wantFound || got.CaseID != tt.wantID || got.Strong != tt.wantStrong {
				t.Errorf("FindDuplicate(%q [%s %q]) = %+v,%v; want id %d strong %v found %v",
					tt.text, r.Category, r.LocationNorm, got, ok, tt.wantID, tt.wantStrong, tt.wantFound)
			}
		})
	}
}

func TestFindDuplicateNoLocationWeak(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	open := []OpenCase{{ID: 7, Category: "噪音扰民", Text: "楼上半夜装修打电钻 吵得睡不着", At: now.Add(-3 * time.Hour)}}
	r := m.Understand("半夜还在打电钻装修 吵死了")
	got, ok := m.FindDuplicate(r, now, open)
	if !ok || got.CaseID != 7 {
		t.Fatalf("FindDuplicate = %+v,%v; want a match with case 7 (category %s)", got, ok, r.Category)
	}
	t.Logf("score %.3f strong %v", got.Score, got.Strong)
}

func TestWithDuplicateWindow(t *testing.T) {
	m, err := Default(WithDuplicateWindow(2 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	open := []OpenCase{{ID: 9, Category: CatElevator, LocationNorm: []string{"3号楼"}, Text: "3号楼电梯坏了", At: now.Add(-3 * time.Hour)}}
	if got, ok := m.FindDuplicate(m.Understand("三号楼电梯又坏了"), now, open); ok {
		t.Errorf("case older than the window matched: %+v", got)
	}
	if _, ok := m.FindDuplicate(m.Understand("三号楼电梯又坏了"), now.Add(-2*time.Hour), open); !ok {
		t.Error("case inside the window did not match")
	}
}

func TestPlaceOverlap(t *testing.T) {
	tests := []struct {
		a, b []string
		want float64
	}{
		{[]string{"3号楼"}, []string{"3号楼2单元楼道"}, 1},
		{[]string{"3号楼"}, []string{"5号楼"}, -1},
		{[]string{"3号楼"}, nil, 0.5},
		{[]string{"楼道"}, []string{"楼道"}, 0.75},
		{[]string{"东门"}, []string{"东门"}, 1},
		{[]string{"车库B2"}, []string{"车库B1"}, -1},
	}
	for _, tt := range tests {
		if got := placeOverlap(tt.a, tt.b); got != tt.want {
			t.Errorf("placeOverlap(%q,%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSpecificKeys(t *testing.T) {
	got := specificKeys([]string{"阳光小区3号楼2单元楼道", "楼道", "阳光小区", "东门", "车库B2"})
	want := []string{"3号楼", "阳光小区", "东门", "车库B2"}
	if len(got) != len(want) {
		t.Fatalf("specificKeys = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("specificKeys = %q, want %q", got, want)
		}
	}
}
