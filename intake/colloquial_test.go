package intake

import "testing"

func TestStandardWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"我哋部𨋢又坏咗", "我们电梯又坏了"},
		{"阿拉楼里向的灯坏脱了", "我们楼里面的灯坏了"},
		{"阿拉伯数字", "阿拉伯数字"},
		{"The LIFT is stuck 5栋", "the电梯is卡住5栋"},
		{"power cut again", "停电again"},
		{"wy能不能管管dt", "物业能不能管管电梯"},
		{"shift和category不变", "shift和category不变"},
		{"俺们楼冇得水", "我们楼没有水"},
		{"有没有人zr健身卡", "有没有人转让健身卡"},
		{"office的空调又坏了", "单位的空调又坏了"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
