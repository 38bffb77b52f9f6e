package intake

import "testing"

func TestMaskPersonal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"我电话13812345678有事找我", "我电话138****5678有事找我"},
		{"电话 138-1234-5678", "电话 138****5678"},
		{"13812345678", "138****5678"},
		{"联系13812345678或13998765432", "联系138****5678或139****5432"},
		{"3号楼2单元1202室漏水", "3号楼2单元****室漏水"},
		{"3-2-1202楼上漏水", "3-2-****楼上漏水"},
		{"我家5栋501天天被吵", "我家5栋****天天被吵"},
		{"2单元1202的住户", "2单元****的住户"},
		{"一二零二室", "****室"},
		{"44号楼前垃圾三天没人收", "44号楼前垃圾三天没人收"},
		{"12栋3单元门口", "12栋3单元门口"},
		{"车库B2有积水", "车库B2有积水"},
		{"订单号123456789012345", "订单号123456789012345"},
		{"身份证370202199001011234", "身份证370202********1234"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPersonal(tt.in); got != tt.want {
			t.Errorf("MaskPersonal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskLocation(t *testing.T) {
	tests := []struct{ in, want string }{
		{"3号楼2单元1202室", "3号楼2单元****室"},
		{"3号楼", "3号楼"},
		{"3-2-1202", "3-2-****"},
		{"12栋3单元", "12栋3单元"},
		{"6号楼602号房", "6号楼****号房"},
		{"车库B2", "车库B2"},
		// a room number found standing alone is a place of its own
		{"1602", "****"},
		{"楼道 1602", "楼道 ****"},
		{"1101 1102", "**** ****"},
		{"长江路1602号", "长江路1602号"},
	}
	for _, tt := range tests {
		if got := MaskLocation(tt.in); got != tt.want {
			t.Errorf("MaskLocation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
