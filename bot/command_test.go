package bot

import (
	"reflect"
	"testing"
)

func testVerbs() verbTable {
	r := NewRouter("neighborbot")
	noop := func(*Context) error { return nil }
	r.Command("status", []string{"进度"}, noop)
	r.Command("bind", []string{"绑定"}, noop)
	r.Command("bindgroup", []string{"绑定群"}, noop)
	r.Command("accept", []string{"立项"}, noop)
	return r.verbs
}

func TestParseCommand(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		name string
		args []string
		unk  bool
	}{
		{"#进度 12", true, "status", []string{"12"}, false},
		{"#进度12", true, "status", []string{"12"}, false},
		{"＃进度　１２", true, "status", []string{"12"}, false},
		{"/status 12", true, "status", []string{"12"}, false},
		{"/STATUS 12", true, "status", []string{"12"}, false},
		{"/status@neighborbot 12", true, "status", []string{"12"}, false},
		{"/status@NeighborBot 12", true, "status", []string{"12"}, false},
		{"/status@otherbot 12", false, "", nil, false},
		{"#进度@neighborbot 12", true, "status", []string{"12"}, false},
		{"  /accept 12 城管办 ", true, "accept", []string{"12", "城管办"}, false},
		{"#立项 12 城管办", true, "accept", []string{"12", "城管办"}, false},
		{"#绑定群 第一网格", true, "bindgroup", []string{"第一网格"}, false},
		{"#绑定 AB12", true, "bind", []string{"AB12"}, false},
		{"/frobnicate", true, "", nil, true},
		{"#今日话题 天气不错", false, "", nil, false},
		{"#", false, "", nil, false},
		{"/", false, "", nil, false},
		{"3号楼电梯坏了", false, "", nil, false},
		{"", false, "", nil, false},
	}
	v := testVerbs()
	for _, tc := range cases {
		cmd, ok := v.parse(tc.in, "neighborbot")
		if ok != tc.ok {
			t.Errorf("%q: ok = %v", tc.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if cmd.Name != tc.name || cmd.Unknown != tc.unk || (len(cmd.Args)+len(tc.args) > 0 && !reflect.DeepEqual(cmd.Args, tc.args)) {
			t.Errorf("%q: got name=%q args=%q unknown=%v", tc.in, cmd.Name, cmd.Args, cmd.Unknown)
		}
	}
}

func TestRestAfter(t *testing.T) {
	cmd, _ := testVerbs().parse("#立项 12  城管办 第二 队", "neighborbot")
	if got := cmd.RestAfter(1); got != "城管办 第二 队" {
		t.Errorf("RestAfter(1) = %q", got)
	}
	if got := cmd.RestAfter(5); got != "" {
		t.Errorf("RestAfter(5) = %q", got)
	}
}

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"ok\x00\x07text":  "oktext",
		"line\nnext\tcol": "line\nnext\tcol",
		"bad\xffutf8":     "bad\uFFFDutf8",
		"zero\u200bwidth": "zerowidth",
		"\ufeffbom":       "bom",
		"中文 emoji 😀 fine": "中文 emoji 😀 fine",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Truncate("一二三四五", 3); got != "一二三…" {
		t.Errorf("Truncate = %q", got)
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"#进度 12", "/status@neighborbot 1", "＃立项１２", "#绑定群", "/\xff"} {
		f.Add(s)
	}
	v := testVerbs()
	f.Fuzz(func(t *testing.T, s string) {
		cmd, ok := v.parse(s, "neighborbot")
		if ok && cmd.Name == "" && !cmd.Unknown {
			t.Fatalf("%q: ok without a name", s)
		}
	})
}

func TestCommandTextKeepsWhatThePersonWrote(t *testing.T) {
	cmd, ok := testVerbs().parse("　＃立项　１２　已联系物业，明天（周五）处理！", "neighborbot")
	if !ok || cmd.Name != "accept" || cmd.Arg(0) != "12" {
		t.Fatalf("parse: %+v %v", cmd, ok)
	}
	if got := cmd.TextAfter(1); got != "已联系物业，明天（周五）处理！" {
		t.Fatalf("TextAfter(1) = %q", got)
	}
	if got := cmd.RestAfter(1); got != "已联系物业,明天(周五)处理!" {
		t.Fatalf("RestAfter(1) = %q", got)
	}
	cmd, _ = testVerbs().parse("#进度12", "neighborbot")
	if cmd.Text != "12" {
		t.Fatalf("Text = %q", cmd.Text)
	}
}
