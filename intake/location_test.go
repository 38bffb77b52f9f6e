package intake

import "testing"

func TestExtractLocation(t *testing.T) {
	tests := []locCase{
		{"44号楼前垃圾三天没人收", []string{"44号楼前"}, []string{"44号楼"}},
		{"三号楼电梯又坏了", []string{"三号楼"}, []string{"3号楼"}},
		{"3栋2单元楼道灯不亮", []string{"3栋2单元楼道"}, []string{"3号楼2单元楼道"}},
		{"十二栋门口堆了好多建筑垃圾", []string{"十二栋门口"}, []string{"12号楼门口"}},
		{"3-2-1202楼上漏水", []string{"3-2-1202楼上"}, []string{"3号楼2单元1202室楼上"}},
		{"我们阳光小区东门的路灯坏了", []string{"阳光小区东门"}, []string{"阳光小区东门"}},
		{"小区北门口有人摆摊", []string{"小区北门口"}, []string{"北门"}},
		{"地下车库负二层漏水", []string{"地下车库负二层"}, []string{"车库B2"}},
		{"车库B2好多积水", []string{"车库B2"}, []string{"车库B2"}},
		{"B2车库灯坏了", []string{"B2车库"}, []string{"车库B2"}},
		{"长江路12号门口占道", []string{"长江路12号门口"}, []string{"长江路12号门口"}},
		{"５号楼１单元５０２室", []string{"５号楼１单元５０２室"}, []string{"5号楼1单元502室"}},
		{"楼道里堆满了杂物", []string{"楼道"}, []string{"楼道"}},
		{"7幢的电梯间有烟味", []string{"7幢的电梯间"}, []string{"7号楼电梯间"}},
		{"今天天气真好", nil, nil},
		{"小区里好多狗屎", nil, nil},
		{"住五楼的阿姨", []string{"五楼"}, []string{"5层"}},
		{"A座大堂", []string{"A座大堂"}, []string{"A座大堂"}}, // 大堂 is a place since issue 10
		{"2号楼和5号楼之间", []string{"2号楼", "5号楼"}, []string{"2号楼", "5号楼"}},
		{"看新闻说别的小区电梯困人了", nil, nil},
		{"以前我们小区也这样", nil, nil},
		{"住在幸福花园的朋友", []string{"幸福花园"}, []string{"幸福花园"}},
		{"第三单元", nil, nil},
		{"广场舞太吵", nil, nil},
		{"顶楼漏雨", []string{"顶楼"}, []string{"顶楼"}},
		{"长江路上车太多", nil, nil},
		{"３号樓２單元", []string{"３号樓２單元"}, []string{"3号楼2单元"}},
		{"7号楼下有人扔沙发", []string{"7号楼下"}, []string{"7号楼楼下"}},
		{"小区花园里", nil, nil},
		{"二十三栋", []string{"二十三栋"}, []string{"23号楼"}},
	}
	checkLocations(t, tests)
}
