package handlers_test

import "testing"

// Officers take roles back in chat, within their area only.
func TestRevokeRoleInChat(t *testing.T) {
	w := newWorld(t)
	w.one("g2", "网格员2", "#待办", "没有待办")
	w.one("g1", "居民甲", "#撤销 网格员2 网格员", "仅限社区工作人员")
	w.one("g1", "书记", "#撤销 网格员2", "请写上名字和角色")
	w.one("g1", "书记", "#撤销 物业 承办单位人员", "不在您负责的范围内") // 幸福物业 is not under 社区
	w.one("g1", "书记", "#撤销 无名氏 网格员", "没有网格员身份")
	w.one("g1", "网格员2", "#撤销 书记 社区工作人员", "不在您负责的范围内") // grid workers revoke nobody
	w.one("g1", "书记", "#撤销 网格员2 网格员", "已撤销 网格员2 在 二网格 的网格员身份")
	w.one("g2", "网格员2", "#待办", "仅限社区工作人员")
	w.one("g1", "物业", "#进展 1 x", "没有找到 #1") // untouched: still department staff
}
