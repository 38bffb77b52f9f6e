package intake

// Priority tiers, from most to least pressing handling.
const (
	PriorityUrgent    = "urgent"    // danger to people or property: act now
	PriorityUtilities = "utilities" // water, power, gas, heating, lifts: same day
	PriorityGeneral   = "general"   // ordinary reports
	PriorityComplex   = "complex"   // needs several departments or law enforcement
)

// Category is one entry of the case taxonomy. Keywords boost the classifier
// towards the category; OwnerKind says who usually owns such cases
// ("department" or "partner"); Priority is the default tier when the message
// is not urgent.
type Category struct {
	Name      string
	Keywords  []string
	OwnerKind string
	Priority  string
}

// Default taxonomy category names.
const (
	CatSanitation   = "环境卫生"
	CatIllegalBuild = "违章搭建"
	CatParking      = "停车交通"
	CatNoise        = "噪音扰民"
	CatRepair       = "房屋维修"
	CatElevator     = "电梯"
	CatUtilities    = "水电气暖"
	CatFacilities   = "公共设施"
	CatGreenery     = "绿化"
	CatSafety       = "治安安全"
	CatPets         = "宠物"
	CatProperty     = "物业服务"
	CatOther        = "其他诉求"
)

// DefaultTaxonomy returns the built-in 13-category taxonomy. The slice is
// freshly allocated; callers may modify it.
func DefaultTaxonomy() []Category {
	return []Category{
		{CatSanitation, []string{"垃圾", "垃圾桶", "没人收", "没人清", "臭", "苍蝇", "蟑螂", "老鼠", "卫生"}, "partner", PriorityGeneral},
		{CatIllegalBuild, []string{"违建", "违章", "私搭", "乱建", "加盖", "阳光房", "圈地", "搭棚"}, "department", PriorityComplex},
		{CatParking, []string{"停车", "乱停", "占道", "挡道", "车位", "堵路", "消防通道"}, "department", PriorityGeneral},
		{CatNoise, []string{"噪音", "扰民", "吵", "广场舞", "电钻", "半夜", "装修声"}, "department", PriorityGeneral},
		{CatRepair, []string{"渗水", "墙皮", "裂缝", "外墙", "防水", "屋顶", "窗户", "脱落"}, "partner", PriorityGeneral},
		{CatElevator, []string{"电梯", "困人", "轿厢", "电梯门"}, "partner", PriorityUtilities},
		{CatUtilities, []string{"停水", "停电", "没水", "没电", "燃气", "煤气", "暖气", "水压", "跳闸", "水管"}, "department", PriorityUtilities},
		{CatFacilities, []string{"路灯", "楼道灯", "健身器材", "井盖", "门禁", "座椅", "充电桩", "监控"}, "partner", PriorityGeneral},
		{CatGreenery, []string{"绿化", "树枝", "草坪", "修剪", "枯树", "花坛", "杂草"}, "partner", PriorityGeneral},
		{CatSafety, []string{"小偷", "被盗", "陌生人", "高空抛物", "安全隐患", "飞线", "私拉电线", "打架"}, "department", PriorityGeneral},
		{CatPets, []string{"狗", "猫", "狗屎", "遛狗", "拴绳", "狗叫", "宠物"}, "department", PriorityGeneral},
		{CatProperty, []string{"物业", "物业费", "保安", "保洁", "管家", "服务态度", "收费"}, "partner", PriorityGeneral},
		{CatOther, nil, "department", PriorityGeneral},
	}
}

// taxonomyIndex finds a category by name.
func taxonomyIndex(t []Category, name string) (Category, bool) {
	for _, c := range t {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}
