package intake

// tradChars and simpChars are a small table of common traditional Chinese
// characters and their simplified forms, rune for rune. It covers the
// characters residents of mixed Hong Kong/Taiwan/mainland groups use most in
// reports; it is not a full converter.
const (
	tradChars = "樓電號單區門車燈壞氣鄰裡裏環衛違擾維設綠寵業務訴問題沒響聲開關時間幾謝們這個還會說話對帶頭為誰給讓買賣麼嗎啟處亂髒積滿漲費繳錢員態報熱暫斷線網纜燒煙險災滅層庫場園廣龍馬貓糞養鬧裝鑽狀況戶實際據辦覺見聽讀寫記發現歲孫爺媽歡樂藥醫診療檢測驗過進運遠邊東風颳雲陽陰凍壓閥錶鐘鎖鑰監視盜搶殺傷圍牆綫樹葉蟲蠅屬於與從來後兒愛請幫煩應該經濟價團購閒轉優紅黃藍機動靜聯繫係備預約類別種樣點萬億兩條張隻雙臺檯豐幹乾髮廳廁廚頂蓋縫損舊換補護攝鏡廢棄輛佔擋規築遷鐵鋼欄閘飛揚塵體質專總負責訊碼壺爐驚嚇緊難鬥鬨學習課師長紙筆畫戲遊隊餵飯麵雞魚蝦湯飲貨遞櫃領導黨聞節慶賀週鄉鎮縣劃籤証證諮詢訂蘭蕭陳劉趙鄭馮蔣韓楊許呂飄纔異鳴嗚憤罵罰辭職嬰餘灣劑滲濕黴霧灑澆蕪誤錯無燦爛盞壩礙飾掛懸墜擲隱"
	simpChars = "楼电号单区门车灯坏气邻里里环卫违扰维设绿宠业务诉问题没响声开关时间几谢们这个还会说话对带头为谁给让买卖么吗启处乱脏积满涨费缴钱员态报热暂断线网缆烧烟险灾灭层库场园广龙马猫粪养闹装钻状况户实际据办觉见听读写记发现岁孙爷妈欢乐药医诊疗检测验过进运远边东风刮云阳阴冻压阀表钟锁钥监视盗抢杀伤围墙线树叶虫蝇属于与从来后儿爱请帮烦应该经济价团购闲转优红黄蓝机动静联系系备预约类别种样点万亿两条张只双台台丰干干发厅厕厨顶盖缝损旧换补护摄镜废弃辆占挡规筑迁铁钢栏闸飞扬尘体质专总负责讯码壶炉惊吓紧难斗哄学习课师长纸笔画戏游队喂饭面鸡鱼虾汤饮货递柜领导党闻节庆贺周乡镇县划签证证咨询订兰萧陈刘赵郑冯蒋韩杨许吕飘才异鸣呜愤骂罚辞职婴余湾剂渗湿霉雾洒浇芜误错无灿烂盏坝碍饰挂悬坠掷隐"
)

// tradToSimp maps a traditional rune to its simplified form. It is built once
// at package initialisation and only read afterwards.
var tradToSimp = buildRuneMap(tradChars, simpChars)

// tradBMP has a bit set for each rune of the Basic Multilingual Plane that
// is a key of tradToSimp, so that foldRune looks up the map only for the
// few runes that may be traditional (the lookup, at every rune of every
// message, was a tenth of the time to understand a long message).
var tradBMP = keyBits(tradToSimp)

// maybeTraditional reports whether r may be a key of tradToSimp.
func maybeTraditional(r rune) bool { return tradBMP.mayHave(r) }

func buildRuneMap(from, to string) map[rune]rune {
	f, t := []rune(from), []rune(to)
	if len(f) != len(t) {
		panic("intake: traditional/simplified table length mismatch")
	}
	m := make(map[rune]rune, len(f))
	for i, r := range f {
		m[r] = t[i]
	}
	return m
}
