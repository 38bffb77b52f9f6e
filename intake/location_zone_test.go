package intake

import "testing"

// TestLandmarkPlaces checks places named by phase, district or landmark
// rather than by building number (issue 10: about one report in six that
// names a place named it this way and was missed).
func TestLandmarkPlaces(t *testing.T) {
	tests := []locCase{
		{"二期的路灯坏了一排", []string{"二期"}, []string{"2期"}},
		{"三期5号楼电梯坏了", []string{"三期5号楼"}, []string{"3期5号楼"}},
		{"一期和二期中间那条路", []string{"一期", "二期"}, []string{"1期", "2期"}},
		{"东区的车库进水了", []string{"东区的车库"}, []string{"东区车库"}},
		{"b区电梯坏了", []string{"b区"}, []string{"b区"}},
		{"小区西北角有股味", []string{"小区西北角"}, []string{"西北角"}},
		{"地库出口那块有坑", []string{"地库出口"}, []string{"车库"}},
		{"人工湖边护栏断了", []string{"人工湖"}, []string{"人工湖"}},
		{"消防楼梯堆了东西", []string{"消防楼梯"}, []string{"消防楼梯"}},
		{"楼梯拐角的灯坏了", []string{"楼梯拐角"}, []string{"楼梯拐角"}},
		// a landmark placed by its relation to a numbered building
		{"3号楼和5号楼中间的花园灯坏了", []string{"3号楼", "5号楼", "花园"}, []string{"3号楼", "5号楼", "花园"}},
		// (since session 7 one place: the relation stays in the canonical form)
		{"7号楼后面的车棚漏雨", []string{"7号楼后面的车棚"}, []string{"7号楼后面车棚"}},
		// not places: a term, a difference, a period
		{"下周期末考试", nil, nil},
		{"这两个东西区别不大", nil, nil},
		{"三期间不能装修", nil, nil},
		// a switch box is where the danger is (since session 7)
		{"配电箱冒烟", []string{"配电箱"}, []string{"配电箱"}},
		{"3号楼的花园", []string{"3号楼"}, []string{"3号楼"}}, // next to a number, no relation word: the number is the place
	}
	checkLocations(t, tests)
}
